"""The dashboard in a real browser: Debian's Chromium driven by Playwright, over a live uvicorn.

The app serves a real SQLite store filled with hand-made articles (one happening reported by
two outlets, the second revising the toll) and a tiny synthetic gazetteer for the place labels
(with two Canadian towns whose labels collide at world zoom); a second app serves the same
store plus a background report and a confident one, without a gazetteer; a third serves a copy
of the first store with a review token, for the review desk (sign in, correct, reject, split,
merge; those tests change their store, and only theirs). Every page fails its test on a console
error (but an expected 401 or 403 answer) or on a request to another host. The tests skip
cleanly when ``/usr/bin/chromium``, Playwright or the vendored map assets are missing; they
never run ``playwright install``. Screenshots go to ``tests/artifacts/`` (gitignored):
``dashboard.png`` (1280×800), ``dashboard-panel.png``, ``dashboard-mobile.png`` (390×844),
``dashboard-mobile-filters.png``, ``dashboard-review.png`` (1280×800: the correct form open, the
place typeahead listing its choices) and ``dashboard-review-mobile.png`` (390×844: the correct
form).
"""

from __future__ import annotations

import csv
import dataclasses
import itertools
import json
import re
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import api_event, article_and_event, gazetteer_rows, make_events, public_events
from sitrep.api import create_app
from sitrep.runners.reduce import reduce_articles
from sitrep.runners.save import save_batch
from sitrep.store import open_store
from sitrep.web import missing_assets

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)", allow_module_level=True)
if missing_assets():
    pytest.skip("map assets not vendored (run bash scripts/install_web.sh)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

SECOND = (
    "Thirteen people died in the fighting outside Niono, a hospital official said on Tuesday, "
    "raising the earlier count."
)


def _fill(s: Any, extra: bool = False) -> Any:
    """The hand-made events; with ``extra``, a background report and a confident one too."""
    pairs = []
    for n, ev in enumerate(make_events(), start=1):
        pairs.append(article_and_event(ev, date(2013, 1, 20), ev["evidence"][0]["text"], n))
    # A second outlet, a day later, on the Niono clash (event 1), with a revised toll.
    first = make_events()[0]
    source = {**first["source"], "url": "https://other.example/niono", "title": "Other outlet"}
    later = {**first, "doc_id": "doc-10", "fatalities": 13, "actor2": None, "source": source}
    pairs.append(article_and_event(later, date(2013, 1, 21), SECOND, 10))
    if extra:
        for ev, change in EXTRA:
            art, (e,) = article_and_event(ev, date(2013, 1, 20), ev["evidence"][0]["text"], 20)
            pairs.append((art, [dataclasses.replace(e, **change)]))
    reduce_articles(s, save_batch(s, pairs).touched)
    return s


# A report of an old attack (background) and a protest the extractor is sure of.
EXTRA = [
    (
        api_event(
            11, "Battles", "Armed clash", 13, ("Mopti", "Mopti", "ML", 14.49, -4.18),
            "Residents recalled the attack on Mopti years ago in which seven people died.",
            "Armed group", None, 7,
        ),
        {"background": True},
    ),
    (
        api_event(
            12, "Protests", "Peaceful protest", 14, ("Ségou", "Ségou", "ML", 13.43, -6.26),
            "Traders closed their shops in Ségou to protest a new market tax.", "Protesters",
        ),
        {"confidence": 0.9},
    ),
]  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    s = _fill(open_store(str(tmp_path_factory.mktemp("web") / "dashboard.db")))
    # Two watched feeds, one healthy and one failing, for the feed health list.
    s.add_feeds(["https://wire.example/rss", "https://down.example/rss"])
    s.feed_polled("https://wire.example/rss", status="ok", title="Wire", polled_at="2013-01-21 08:00:00")
    s.feed_polled(
        "https://down.example/rss", status="error", error="HTTP 503", polled_at="2013-01-21 08:00:00"
    )
    yield s
    s.close()


@pytest.fixture(scope="module")
def analyst_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    s = _fill(open_store(str(tmp_path_factory.mktemp("web") / "analyst.db")), extra=True)
    yield s
    s.close()


# Two towns of neighbouring label cells, 18 degrees apart: at world zoom their labels overlap.
CROWDED = [
    ("Thunder Bay", 48.38, -89.25, "08", 108_000),
    ("Saguenay", 48.42, -71.07, "10", 145_000),
]
TOKEN = "desk-token-7f3a"  # the review app's token (made up)


@pytest.fixture(scope="module")
def review_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A store of its own for the review tests (they change it), filled like ``store``."""
    s = _fill(open_store(str(tmp_path_factory.mktemp("web") / "review.db")))
    yield s
    s.close()


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny synthetic gazetteer of ``conftest`` (Bamako, Ségou, Niono, Paris, ...) and two
    Canadian towns whose labels collide at world zoom."""
    from sitrep.gazetteer import PlaceRow, build_from_rows
    from sitrep.lang import load

    path = tmp_path_factory.mktemp("gaz") / "mini.sqlite"
    places, countries, admin1 = gazetteer_rows()
    extra = [
        PlaceRow(9000 + i, name, lat, lon, "P", "PPL", "CA", adm, pop, ())
        for i, (name, lat, lon, adm, pop) in enumerate(CROWDED)
    ]
    build_from_rows(path, [*places, *extra], countries, admin1, names=load("en").place_names)
    return path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(app: Any) -> Iterator[str]:
    """``app`` on a live uvicorn in a thread, on a free local port."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(store: Any, gazetteer: Path) -> Iterator[str]:
    """The app over ``store``, with place labels from the tiny gazetteer."""
    yield from _serve(create_app(store, gazetteer=gazetteer))


@pytest.fixture(scope="module")
def analyst_url(analyst_store: Any) -> Iterator[str]:
    """The app over ``analyst_store``, without a gazetteer (so: no labels, and no error)."""
    yield from _serve(create_app(analyst_store))


@pytest.fixture(scope="module")
def review_url(review_store: Any, gazetteer: Path) -> Iterator[str]:
    """The app over ``review_store`` with a token (reviews allowed) and the gazetteer."""
    yield from _serve(create_app(review_store, gazetteer=gazetteer, token=TOKEN))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class PageProblems:
    """Console errors, page errors, dialogs and off-site requests seen by one page."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.console: list[str] = []
        self.offsite: list[str] = []
        self.dialogs: list[str] = []
        self.api: list[str] = []
        page.on("console", lambda m: self.console.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        page.on("dialog", self._dialog)

        def route(r: Any) -> None:
            url = r.request.url
            if url.startswith(base_url + "/") or url.startswith("data:"):
                if url.startswith(base_url + "/api/"):
                    self.api.append(url[len(base_url) :])
                r.continue_()
            else:
                self.offsite.append(url)
                r.abort()

        page.route("**/*", route)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def expect_status(self, status: int) -> None:
        """The browser logs an answer of ``status`` as a console error: expected here, once or more."""
        seen = [m for m in self.console if f"status of {status} " in m]
        assert seen, f"no {status} answer seen: {self.console}"
        self.console = [m for m in self.console if m not in seen]

    def check(self) -> None:
        assert self.console == [], f"console errors: {self.console}"
        assert self.offsite == [], f"the page tried the network: {self.offsite}"
        assert self.dialogs == [], f"unexpected dialogs: {self.dialogs}"
        public = (
            "/api/events", "/api/stats", "/api/articles/", "/api/feeds", "/api/places", "/api/taxonomy",
            "/api/reviews", "/api/welfare",  # these two signed in only
        )  # fmt: skip
        assert all(u.startswith(public) for u in self.api), self.api


COUNT_MARKERS = """() => {
  const clusters = [...document.querySelectorAll('.cluster span')].map(s => Number(s.textContent));
  const singles = document.querySelectorAll('path.event-marker').length;
  return clusters.reduce((a, b) => a + b, 0) + singles;
}"""


def _located(store: Any, **match: str) -> int:
    return sum(
        1
        for e in public_events(store)
        if e["latitude"] is not None and all(e[k] == v for k, v in match.items())
    )


def _open(browser: Any, base_url: str, path: str = "/", **options: Any) -> tuple[Any, PageProblems]:
    """A new page at ``path`` (desktop 1280×800 unless ``viewport`` says otherwise), once ready."""
    page = browser.new_page(**{"viewport": {"width": 1280, "height": 800}, **options})
    problems = PageProblems(page, base_url)
    page.goto(base_url + path)
    page.wait_for_selector("body[data-state=ready]", timeout=30_000)
    return page, problems


def _wait_markers(page: Any, n: int) -> None:
    page.wait_for_selector(
        f"body[data-state=ready][data-markers='{n}']", timeout=30_000
    )  # generous: CI runs other tests beside it


def test_dashboard_shows_every_event_with_list_and_histogram(browser: Any, base_url: str, store: Any) -> None:
    page, problems = _open(browser, base_url)
    expected = _located(store)
    assert expected == 8, "nine happenings, one unlocated; the second outlet merged into the first"
    assert page.evaluate(COUNT_MARKERS) == expected
    assert page.get_attribute("body", "data-markers") == str(expected)
    header = page.inner_text("#count")
    assert header.startswith(f"{expected + 1} events · ")  # from /api/stats: the unlocated one too
    assert f"{expected} on the map, 1 without coordinates" in header
    legend = page.inner_text(".legend")
    for t in ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"):
        assert t in legend
    assert page.locator("#list li").count() == expected + 1, "the list also shows the unlocated event"
    assert "2 sources" in page.inner_text("#list") and "revised (v2)" in page.inner_text("#list")
    by_day = store.stats().groups["day"]
    assert page.locator("#histogram rect.b").count() == len(by_day) == 8  # one bar per day with events
    assert page.get_attribute("#histogram rect.b", "data-start") == "2013-01-12"
    assert page.eval_on_selector_all("#f-country option", "os => os.map(o => o.value)") == ["", "ML", "NE"]
    assert page.locator(".leaflet-land-pane canvas").count() == 1
    assert page.locator(".leaflet-tile").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))
    problems.check()
    page.close()


def test_feed_health_is_listed(browser: Any, base_url: str) -> None:
    page, problems = _open(browser, base_url)
    page.wait_for_selector("#feeds:not([hidden])", timeout=30_000)  # generous: CI runs other tests beside it
    rows = page.locator("#feeds-list li").all_inner_texts()
    assert len(rows) == 2
    bad = page.locator("#feeds-list li.bad").inner_text()
    assert "down.example" in bad and "failing ×1: HTTP 503" in bad
    assert "Wire" in page.locator("#feeds-list li:not(.bad)").inner_text()
    problems.check()
    page.close()


def test_filters_and_time_range(browser: Any, base_url: str, store: Any) -> None:
    page, problems = _open(browser, base_url)
    page.select_option("#f-country", "NE")
    _wait_markers(page, 1)
    assert "country=NE" in page.url and page.inner_text("#count").startswith("1 event")
    page.select_option("#f-country", "")
    page.select_option("#f-type", "Battles")
    _wait_markers(page, _located(store, event_type="Battles"))
    page.fill("#f-actor", "militia")
    _wait_markers(page, 1)
    page.fill("#f-actor", "")
    page.select_option("#f-type", "")
    page.fill("#f-text", "timbuktu")
    _wait_markers(page, 1)
    page.fill("#f-text", "")
    _wait_markers(page, 8)

    # Drag across the left part of the histogram: a date range from the first day.
    box = page.locator("#histogram").bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + 20, steps=5)
    page.mouse.up()
    page.wait_for_function("() => document.querySelector('#f-since').value !== ''")
    since, until = page.input_value("#f-since"), page.input_value("#f-until")
    assert since == "2013-01-12" and since <= until < "2013-01-20"
    page.wait_for_selector("body[data-state=ready]")
    expected = sum(
        1
        for e in public_events(store)
        if e["latitude"] is not None and e["date"] and since <= e["date"] <= until
    )
    _wait_markers(page, expected)
    assert page.locator("#histogram rect.b.in").count() < page.locator("#histogram rect.b").count()
    assert f"since={since}" in page.url
    page.click("#range-clear")
    _wait_markers(page, 8)

    # A filtered link restores its filters.
    page.goto(base_url + "/?type=Riots&since=2013-01-01")
    _wait_markers(page, 1)
    assert page.input_value("#f-type") == "Riots" and page.input_value("#f-since") == "2013-01-01"
    problems.check()
    page.close()


def test_event_panel_shows_sources_versions_and_evidence_in_context(
    browser: Any, base_url: str, store: Any
) -> None:
    page, problems = _open(browser, base_url)
    merged = next(e for e in public_events(store) if e["n_sources"] == 2)
    page.click(f"#list li[data-id='{merged['event_id']}'] button")
    page.wait_for_selector(
        "body[data-panel=ready]", timeout=30_000
    )  # generous: CI runs other tests beside it
    panel = page.locator("#panel")
    text = panel.inner_text()
    assert "Armed clash" in text and "Fatalities" in text and "13" in text
    assert page.locator("#panel table.versions tbody tr").count() == 2
    assert "fatalities" in page.locator("#panel table.versions tbody tr").nth(1).inner_text()
    joined = page.locator("#panel .source .joined").all_inner_texts()
    assert len(joined) == 1 and joined[0].startswith("joined ") and " km" in joined[0], "why it was joined"
    marks = page.eval_on_selector_all("#panel mark", "ms => ms.map(m => m.textContent)")
    assert marks == [make_events()[0]["evidence"][0]["text"], SECOND]
    quote = page.locator("#panel blockquote").first.inner_text()
    assert quote.startswith("Report number 1") and "Officials promised" in quote, "evidence shown in context"
    hrefs = page.eval_on_selector_all("#panel .source a", "as => as.map(a => a.href)")
    assert hrefs == ["https://news.example/doc-01", "https://other.example/niono"]
    # Each source: its outlet by name, its date, and its URL as a link that opens a new tab.
    assert page.locator("#panel .source .outlet").all_inner_texts() == ["news.example", "other.example"]
    assert page.locator("#panel .source .published").all_inner_texts() == ["2013-01-20", "2013-01-21"]
    links = page.eval_on_selector_all(
        "#panel .source a.url", "as => as.map(a => [a.textContent, a.href, a.target, a.rel])"
    )
    assert links == [[h, h, "_blank", "noopener noreferrer"] for h in hrefs]
    assert f"event={merged['event_id']}" in page.url
    page.wait_for_selector(f"body[data-highlight='{merged['event_id']}']")
    page.wait_for_timeout(600)  # the cluster animation and the labels of the new view
    page.screenshot(path=str(ARTIFACTS / "dashboard-panel.png"))

    # The nasty event: every string is text, nothing is injected.
    nasty = next(e for e in public_events(store) if e["actor1"] == "<i>Militia</i> & co")
    page.evaluate(f"window.sitrep.select('{nasty['event_id']}')")
    page.wait_for_function(
        "() => document.body.dataset.panel === 'ready'"
        " && document.querySelector('#panel').innerText.includes('Militia')"
    )
    text = panel.inner_text()
    assert "<i>Militia</i> & co" in text and "Niono <b>west</b>" in text
    assert 'A <script>alert("x")</script> fight <img src=x onerror="window.__xss=1"> was reported.' in text
    assert page.locator("#panel img, #panel script, #panel i, #panel b").count() == 0
    assert page.evaluate("window.__xss") is None
    page.click("#panel-close")
    assert page.locator("#panel").is_hidden()
    problems.check()
    page.close()


# ------------------------------------------------------------------ the analyst's workplace


def _api_query(problems: PageProblems, path: str) -> dict[str, list[str]]:
    """The query of the last request the page made to ``path``."""
    urls = [u for u in problems.api if urlsplit(u).path == path]
    assert urls, f"no request to {path}: {problems.api}"
    return parse_qs(urlsplit(urls[-1]).query)


def _download(page: Any, selector: str, tmp_path: Path) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.click(selector)
    dl = info.value
    assert dl.failure() is None, dl.failure()
    target = tmp_path / dl.suggested_filename
    dl.save_as(str(target))
    return dl.url, target.read_bytes()


def test_exports_download_the_filtered_events(
    browser: Any, base_url: str, store: Any, tmp_path: Path
) -> None:
    page, problems = _open(browser, base_url)
    page.select_option("#f-type", "Battles")
    battles = _located(store, event_type="Battles")
    _wait_markers(page, battles)
    url, data = _download(page, "#export-csv", tmp_path)
    query = parse_qs(urlsplit(url).query)
    assert query["type"] == ["Battles"] and query["format"] == ["csv"] and query["limit"] == ["10000"]
    assert query["background"] == ["false"], "the download holds what the map shows"
    rows = list(csv.DictReader(data.decode("utf-8").splitlines()))
    assert len(rows) == battles and {r["event_type"] for r in rows} == {"Battles"}
    url, data = _download(page, "#export-geojson", tmp_path)
    assert parse_qs(urlsplit(url).query)["format"] == ["geojson"]
    fc = json.loads(data)
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == battles
    href = page.get_attribute("#export-parquet", "href")
    assert parse_qs(urlsplit(href).query) == {**query, "format": ["parquet"]}
    problems.check()
    page.close()


def test_report_links_follow_the_country_filter(browser: Any, base_url: str) -> None:
    page, problems = _open(browser, base_url)
    assert page.is_hidden("#report-links"), "no report before a country is chosen"
    page.select_option("#f-country", "NE")
    page.wait_for_selector("#report-links:not([hidden])")
    href = page.get_attribute("#report-html", "href")
    assert urlsplit(href).path == "api/report"
    assert parse_qs(urlsplit(href).query) == {"region": ["NE"], "since": ["7d"], "format": ["html"]}
    page.fill("#f-since", "2024-01-01")
    page.fill("#f-admin1", "Tillabéri")
    page.wait_for_selector("#report-pdf[href*='Tillab'][href*='2024-01-01']", state="attached")
    pdf = parse_qs(urlsplit(page.get_attribute("#report-pdf", "href")).query)
    assert pdf == {"region": ["NE.Tillabéri"], "since": ["2024-01-01"], "format": ["pdf"]}
    resp = page.request.get(base_url + "/" + href)
    assert resp.status == 200 and "Situation report" in resp.text()
    problems.check()
    page.close()


def test_parquet_export(browser: Any, base_url: str, store: Any, tmp_path: Path) -> None:
    page, problems = _open(browser, base_url, "/?country=NE")
    _wait_markers(page, 1)
    url, data = _download(page, "#export-parquet", tmp_path)
    assert "country=NE" in url and "format=parquet" in url
    assert data[:4] == b"PAR1" and data[-4:] == b"PAR1", "a Parquet file"
    problems.check()
    page.close()


def test_totals_count_the_filtered_events(browser: Any, base_url: str, store: Any) -> None:
    page, problems = _open(browser, base_url)
    assert page.inner_text("#total-events") == str(len(public_events(store))) == "9"
    page.select_option("#f-country", "NE")
    _wait_markers(page, 1)
    assert page.inner_text("#total-events") == "1" and page.inner_text("#count").startswith("1 event ·")
    assert "country" in _api_query(problems, "/api/stats"), "the totals follow the filters"
    problems.check()
    page.close()


def test_totals_sum_the_fatalities(browser: Any, base_url: str, store: Any) -> None:
    page, problems = _open(browser, base_url)
    dead = sum(e["fatalities"] or 0 for e in public_events(store))
    assert page.inner_text("#total-fatalities") == str(dead)
    page.select_option("#f-country", "NE")
    _wait_markers(page, 1)
    assert page.inner_text("#total-fatalities") == "1" and "1 fatality" in page.inner_text("#count")
    problems.check()
    page.close()


LABELS = "() => document.body.dataset.labels"


# The labels on screen are those of the current view (not of a view before it, still in flight).
LABELS_DRAWN = "() => document.body.dataset.labelsBox === window.sitrep.labelBox()"


def test_place_labels_appear_with_zoom(browser: Any, base_url: str) -> None:
    page, problems = _open(browser, base_url)
    page.evaluate("() => { window.sitrep.map.setView([14, -6], 3, {animate: false}); }")
    page.wait_for_function(LABELS_DRAWN)
    far = page.evaluate(LABELS).split("|")
    assert "Bamako" in far and "Niono" not in far and "Ségou" not in far, far
    assert "Bamako" in page.locator(".place-label.capital").all_inner_texts()
    page.evaluate("() => { window.sitrep.map.setView([13.5, -7], 8, {animate: false}); }")
    page.wait_for_function(LABELS_DRAWN)
    near = page.evaluate(LABELS).split("|")
    assert {"Bamako", "Ségou", "Niono"} <= set(near) and "Paris" not in near
    assert set(page.locator(".place-label").all_inner_texts()) == set(near)
    # Labels sit under the markers and never take a click.
    pane = "document.querySelector('.leaflet-labels-pane')"
    assert page.evaluate(f"getComputedStyle({pane}).pointerEvents") == "none"
    problems.check()
    page.close()


LABEL_BOXES = """() => [...document.querySelectorAll('.place-label span')].map(s => {
  const r = s.getBoundingClientRect(); return [s.textContent, r.left, r.top, r.right, r.bottom];
})"""


def test_place_labels_do_not_overlap(browser: Any, base_url: str) -> None:
    page, problems = _open(browser, base_url)
    # World zoom: Thunder Bay and Saguenay (the larger) fall in neighbouring cells, 50 px apart.
    page.evaluate("() => { window.sitrep.map.setView([45, -80], 2, {animate: false}); }")
    page.wait_for_function(LABELS_DRAWN)
    drawn = page.evaluate(LABELS).split("|")
    skipped = page.evaluate("() => document.body.dataset.labelsSkipped").split("|")
    assert "Saguenay" in drawn and "Thunder Bay" not in drawn and "Thunder Bay" in skipped, (drawn, skipped)
    boxes = page.evaluate(LABEL_BOXES)
    assert sorted(b[0] for b in boxes) == sorted(drawn)
    for a, b in itertools.combinations(boxes, 2):
        apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
        assert apart, f"labels {a[0]} and {b[0]} overlap: {a} {b}"
    # Zoomed in, both fit.
    page.evaluate("() => { window.sitrep.map.setView([48.4, -80], 4, {animate: false}); }")
    page.wait_for_function(LABELS_DRAWN)
    assert {"Thunder Bay", "Saguenay"} <= set(page.evaluate(LABELS).split("|"))
    problems.check()
    page.close()


def test_clusters_are_coloured_by_the_types_inside(browser: Any, base_url: str) -> None:
    page, problems = _open(browser, base_url)
    page.evaluate("() => { window.sitrep.map.setView([15, -3], 3, {animate: false}); }")
    mixed = "document.querySelector('.cluster[data-types*=\\',\\']')"  # a cluster of several types
    page.wait_for_function(f"() => ({COUNT_MARKERS})() === 8 && {mixed}")
    clusters = page.eval_on_selector_all(
        ".cluster", "cs => cs.map(c => [c.dataset.types, c.getAttribute('style'), c.textContent])"
    )
    mixed = [c for c in clusters if "," in c[0]]
    assert mixed
    colours = {"Battles": "#c0392b", "Explosions/Remote violence": "#e67e22", "Protests": "#2e86c1"}
    for types, style, count in mixed:
        parts = dict(t.rsplit(":", 1) for t in types.split(","))
        assert sum(int(n) for n in parts.values()) == int(count)
        assert "conic-gradient(" in style
        for t in parts:
            if t in colours:
                assert colours[t] in style, (t, style)
    page.wait_for_function(f"() => ({COUNT_MARKERS})() === 8")  # once the zoom animation is over
    problems.check()
    page.close()


def test_the_selected_event_is_highlighted_on_map_and_list(browser: Any, base_url: str, store: Any) -> None:
    page, problems = _open(browser, base_url)
    niono = next(e for e in public_events(store) if e["n_sources"] == 2)
    # Zoomed out: Niono is inside a cluster.
    page.evaluate("() => { window.sitrep.map.setView([15, -3], 3, {animate: false}); }")
    page.click(f"#list li[data-id='{niono['event_id']}'] button")
    page.wait_for_selector(f"body[data-highlight='{niono['event_id']}']", timeout=30_000)
    marker = page.locator("path.event-marker.selected")
    assert marker.count() == 1, "the cluster opened to show the selected marker"
    box, map_box = marker.bounding_box(), page.locator("#map").bounding_box()
    assert map_box["x"] <= box["x"] and box["x"] + box["width"] <= map_box["x"] + map_box["width"]
    assert page.get_attribute("path.event-marker.selected", "stroke") == "#111111"
    assert page.locator("#list li.selected").get_attribute("data-id") == niono["event_id"]
    assert page.get_attribute("#list li.selected button", "aria-current") == "true"
    # Another event: the highlight moves.
    gao = next(e for e in public_events(store) if e["location"] == "Gao")
    page.click(f"#list li[data-id='{gao['event_id']}'] button")
    page.wait_for_selector(f"body[data-highlight='{gao['event_id']}']", timeout=30_000)
    assert page.locator("path.event-marker.selected").count() == 1
    assert page.locator("#list li.selected").get_attribute("data-id") == gao["event_id"]
    problems.check()
    page.close()


def test_more_filters_go_to_the_api(browser: Any, base_url: str, store: Any) -> None:
    page, problems = _open(browser, base_url)
    assert _api_query(problems, "/api/events")["background"] == ["false"], "background hidden by default"
    page.fill("#f-admin1", "Tombouctou")
    _wait_markers(page, 1)
    assert _api_query(problems, "/api/events")["admin1"] == ["Tombouctou"]
    page.fill("#f-admin1", "")
    page.wait_for_function("() => !location.search.includes('admin1')")
    _wait_markers(page, 8)
    page.select_option("#f-sub_type", "Air/drone strike")
    _wait_markers(page, 1)
    assert _api_query(problems, "/api/stats")["sub_type"] == ["Air/drone strike"]
    page.select_option("#f-sub_type", "")
    _wait_markers(page, 8)
    page.select_option("#f-min_confidence", "0.7")
    page.wait_for_selector("body[data-state=ready]")
    page.select_option("#f-hedged", "true")
    page.wait_for_selector("body[data-state=ready]")
    page.select_option("#f-background", "all")
    page.wait_for_selector("body[data-state=ready]")
    query = _api_query(problems, "/api/events")
    assert query["min_confidence"] == ["0.7"] and query["hedged"] == ["true"] and "background" not in query
    assert "min_confidence=0.7" in page.url and "background=all" in page.url
    page.select_option("#f-background", "true")
    page.wait_for_selector("body[data-state=ready]")
    assert _api_query(problems, "/api/stats")["background"] == ["true"]
    # No empty parameter is ever sent (the API answers 400 to those).
    for url in problems.api:
        assert not re.search(r"[?&][a-z_0-9]+=(&|$)", url), url
    problems.check()
    page.close()


def test_analyst_filters_change_what_is_shown(browser: Any, analyst_url: str, analyst_store: Any) -> None:
    page, problems = _open(browser, analyst_url)
    everything = public_events(analyst_store)
    shown = [e for e in everything if not e["background"] and e["latitude"] is not None]
    _wait_markers(page, len(shown))
    assert len(shown) == 9 and page.inner_text("#total-events") == "10", "the background report is hidden"
    page.select_option("#f-background", "all")
    _wait_markers(page, 10)
    page.select_option("#f-background", "true")
    _wait_markers(page, 1)
    assert "Mopti" in page.inner_text("#list") and "background" in page.inner_text("#list")
    page.select_option("#f-background", "false")
    page.select_option("#f-min_confidence", "0.7")
    _wait_markers(page, 1)
    assert "Ségou" in page.inner_text("#list")
    page.select_option("#f-min_confidence", "")
    page.select_option("#f-hedged", "true")
    _wait_markers(page, 1)
    assert "Kidal" in page.inner_text("#list")
    # The actor typeahead lists the actors /api/stats counts.
    actors = page.eval_on_selector_all("#dl-actor option", "os => os.map(o => o.value)")
    assert "Military Forces of Mali" in actors and "Protesters" in actors
    assert page.get_attribute("#f-actor", "list") == "dl-actor"
    assert page.locator("#f-sub_type option[value='Armed clash']").count() == 1
    assert page.locator("#dl-admin1 option[value='Ségou']").count() == 1
    problems.check()
    page.close()


def test_empty_and_loading_states(browser: Any, base_url: str) -> None:
    page, problems = _open(browser, base_url)
    assert page.locator("#empty").is_hidden() and page.locator("#loading").is_hidden()
    seen = page.evaluate(
        """() => { window.sitrep.reload(true);
                   return [document.body.dataset.state,
                           getComputedStyle(document.getElementById('loading')).display,
                           document.getElementById('list-wrap').getAttribute('aria-busy')]; }"""
    )
    assert seen == ["loading", "flex", "true"]
    page.wait_for_selector("body[data-state=ready]")
    assert page.locator("#loading").is_hidden()
    page.fill("#f-text", "no such place anywhere")
    _wait_markers(page, 0)
    assert page.locator("#empty").is_visible()
    assert page.inner_text("#empty").startswith("No events match these filters.")
    assert page.locator("#list li").count() == 0 and page.inner_text("#total-events") == "0"
    assert page.inner_text("#filters-active") == "1"
    page.click("#empty-clear")
    _wait_markers(page, 8)
    assert page.input_value("#f-text") == "" and page.locator("#empty").is_hidden()
    problems.check()
    page.close()


def test_the_list_works_from_the_keyboard(browser: Any, base_url: str) -> None:
    page, problems = _open(browser, base_url)
    ids = page.eval_on_selector_all("#list li", "ls => ls.map(l => l.dataset.id)")
    page.focus("#list li:first-child button")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.parentNode.dataset.id") == ids[2]
    page.wait_for_selector(f"body[data-highlight='{ids[2]}']")
    assert page.locator("#list li.selected").get_attribute("data-id") == ids[2]
    outline = page.evaluate(
        "(s => [s.outlineStyle, s.outlineWidth])(getComputedStyle(document.activeElement))"
    )
    assert outline[0] != "none" and outline[1] != "0px", "focus is visible"
    assert page.locator("#panel").is_hidden(), "arrows select, Enter opens"
    page.keyboard.press("Enter")
    page.wait_for_selector("body[data-panel=ready]")
    assert f"event={ids[2]}" in page.url
    page.keyboard.press("ArrowUp")
    page.wait_for_function(f"() => location.search.includes('event={ids[1]}')")
    page.wait_for_selector("body[data-panel=ready]")
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.parentNode.dataset.id") == ids[-1]
    assert page.get_attribute("#list li:first-child button", "tabindex") == "-1", "one tab stop for the list"
    page.keyboard.press("Escape")
    assert page.locator("#panel").is_hidden()
    problems.check()
    page.close()


LOCALE_DATE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")


def test_dates_are_iso_in_any_locale(browser: Any, base_url: str, store: Any) -> None:
    page, problems = _open(browser, base_url, locale="de-DE", timezone_id="America/Los_Angeles")
    assert page.locator("input[type=date]").count() == 0, "a date input shows the browser's locale"
    page.fill("#f-since", "15.01.2013")
    assert page.get_attribute("#f-since", "aria-invalid") == "true"
    page.fill("#f-since", "2013-01-15")
    page.wait_for_function("() => location.search.includes('since=2013-01-15')")
    page.wait_for_selector("body[data-state=ready]")
    assert all("15.01" not in u for u in problems.api)
    assert _api_query(problems, "/api/events")["since"] == ["2013-01-15"]
    page.fill("#f-until", "2013-01-10")  # before since: the API would refuse it
    page.wait_for_selector("#f-until[aria-invalid=true]")
    page.wait_for_selector("body[data-state=ready]")
    assert all("until=" not in u for u in problems.api)
    merged = next(e for e in public_events(store) if e["n_sources"] == 2)
    page.evaluate(f"window.sitrep.select('{merged['event_id']}')")
    page.wait_for_selector("body[data-panel=ready]")
    text = page.inner_text("body")
    assert not LOCALE_DATE.search(text), LOCALE_DATE.search(text)
    assert "2013-01-14" in page.inner_text("#panel") and "2013-01-21" in page.inner_text("#panel")
    assert page.inner_text("#range-label") == "2013-01-15 – …"
    assert re.search(r"last poll 2013-01-21 08:00", page.inner_text("#feeds"))
    problems.check()
    page.close()


def test_phone_layout(browser: Any, base_url: str) -> None:
    page, problems = _open(browser, base_url, viewport={"width": 390, "height": 844}, has_touch=True)
    _wait_markers(page, 8)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width} px)"
    assert page.evaluate("document.getElementById('filters-box').open") is False, "filters start folded"
    assert page.evaluate("document.querySelector('.legend details').open") is False, "legend starts folded"
    map_box = page.locator("#map").bounding_box()
    assert map_box["width"] >= 380 and map_box["height"] >= 300
    for sel in ("#export-csv", "#total-events", "#filters-box > summary"):
        box = page.locator(sel).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, sel
    page.wait_for_timeout(200)
    page.screenshot(path=str(ARTIFACTS / "dashboard-mobile.png"))
    page.click("#filters-box > summary")
    assert page.locator("#f-background").is_visible()
    page.select_option("#f-country", "NE")
    _wait_markers(page, 1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "dashboard-mobile-filters.png"))
    page.click(".legend summary")
    assert page.locator(".legend ul").is_visible()
    page.click("#filters-box > summary")
    assert page.locator("#f-background").is_hidden()
    assert page.inner_text("#filters-active") == "1", "the folded filters say one is set"
    page.click("#list li:first-child button")
    page.wait_for_selector("body[data-panel=ready]")
    assert page.locator("#panel").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    problems.check()
    page.close()


# ------------------------------------------------------------------ the review desk


def _sign_in(page: Any, name: str, token: str) -> None:
    page.click("#signin-open")
    page.fill("#signin-name", name)
    page.fill("#signin-token", token)
    page.click("#signin-submit")


def _open_event(page: Any, event_id: str) -> None:
    page.click(f"#list li[data-id='{event_id}'] button")
    page.wait_for_selector(f"body[data-panel=ready] #review[data-id='{event_id}']", timeout=30_000)


def _submit_review(page: Any, selector: str) -> dict[str, Any]:
    """Click ``selector``; the review POST's body and answer, once the panel shows the result."""
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/review")) as info:
        page.click(selector)
    resp = info.value
    assert resp.status == 200, resp.text()
    answer = resp.json()
    new_id = answer["event"]["event_id"]
    page.wait_for_selector(
        f"body[data-review=saved][data-panel=ready] #review[data-id='{new_id}']", timeout=30_000
    )
    page.wait_for_function("() => ['ready', 'error'].includes(document.body.dataset.state)", timeout=30_000)
    assert page.get_attribute("body", "data-state") == "ready", page.inner_text("#notice")
    return {"sent": json.loads(resp.request.post_data or "{}"), **answer}


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.loads(resp.read())


# A point of the map with nothing on it (no marker, cluster, label or control), in page pixels.
EMPTY_MAP_POINT = """() => {
  const map = document.getElementById('map'), r = map.getBoundingClientRect();
  for (let fy = 0.25; fy < 0.9; fy += 0.05) for (let fx = 0.2; fx < 0.8; fx += 0.05) {
    const x = r.left + r.width * fx, y = r.top + r.height * fy;
    if (y > 0 && y < innerHeight && document.elementFromPoint(x, y) === map) return [x, y];
  }
  return null;
}"""

UNLABELLED = """() => [...document.querySelectorAll('#review input, #review select, #review textarea')]
  .filter(n => !n.labels.length && !n.getAttribute('aria-label')).map(n => n.id)"""


def test_review_cycle_correct_reject_split_and_export(
    browser: Any, review_url: str, review_store: Any, tmp_path: Path
) -> None:
    page, problems = _open(browser, review_url)
    events = public_events(review_store)
    niono = next(e for e in events if e["n_sources"] == 2)
    gao = next(e for e in events if e["location"] == "Gao")
    dead = sum(e["fatalities"] or 0 for e in events)
    assert page.inner_text("#total-events") == "9" and page.inner_text("#total-fatalities") == str(dead)

    # Signed out: the panel offers a sign-in, no review buttons, no split buttons.
    _open_event(page, niono["event_id"])
    assert page.locator("#review-signin").is_visible() and page.locator("#review-confirm").count() == 0
    assert page.locator("#panel .btn.split").count() == 0

    # A wrong token: the 401 is explained, and nothing is kept.
    _sign_in(page, "Awa Traoré", "not-the-token")
    page.wait_for_function("() => document.getElementById('signin-msg').textContent.includes('401')")
    assert "refused this token" in page.inner_text("#signin-msg")
    assert (
        page.evaluate("() => sessionStorage.length") == 0 and page.get_attribute("body", "data-auth") == "out"
    )
    problems.expect_status(401)

    # The right one: kept in this tab only, never in the URL or localStorage.
    page.fill("#signin-token", TOKEN)
    page.click("#signin-submit")
    page.wait_for_selector("body[data-auth=in]")
    assert page.inner_text("#auth-name") == "Awa Traoré" and page.locator("#signin").is_hidden()
    assert TOKEN in page.evaluate("() => JSON.stringify(sessionStorage)")
    assert TOKEN not in page.evaluate("() => JSON.stringify(localStorage)") and TOKEN not in page.url
    page.wait_for_selector("#review-correct")  # the panel is drawn again, with the desk
    assert page.text_content("#review-state").startswith("unreviewed")
    page.wait_for_selector("#panel .btn.split")  # the sources are drawn when their articles come
    assert page.locator("#panel .btn.split").count() == 2

    # Correct: the form holds the event's values; change the toll and pick the place by typeahead.
    page.click("#review-correct")
    page.wait_for_selector("#correct-form")
    prefilled = {
        "sub_event_type": "Armed clash", "date": "2013-01-14", "time_precision": "1",
        "actor1": "Military Forces of Mali", "actor2": "Armed group", "fatalities": "13",
        "fatalities_low": "11", "fatalities_high": "13", "location": "Niono", "geo_precision": "1",
    }  # fmt: skip
    assert {k: page.input_value(f"#c-{k}") for k in prefilled} == prefilled
    assert page.locator("#c-sub_event_type option").count() == 25, "every sub-type of the taxonomy"
    assert page.evaluate(UNLABELLED) == [], "every field has a label"
    # Bad values: the server's 400 names each one next to the form, and the fields are marked.
    page.fill("#c-fatalities", "many")
    page.fill("#c-date", "2013-02-30")
    page.fill("#review-reason", "hospital count; the clash was at Ségou")
    page.click("#correct-submit")
    page.wait_for_selector("#review-msg.error li >> nth=1")
    assert "refused the review (400)" in page.inner_text("#review-msg")
    errors = sorted(page.locator("#review-msg li").all_inner_texts())
    assert errors[0].startswith("date: not a date") and errors[1].startswith("fatalities: not a whole number")
    assert (
        page.get_attribute("#c-date", "aria-invalid")
        == page.get_attribute("#c-fatalities", "aria-invalid")
        == "true"
    )
    problems.expect_status(400)
    page.fill("#c-date", "2013-01-14")
    assert page.get_attribute("#c-date", "aria-invalid") is None, "fixing a field clears its mark"
    assert page.locator("#review-msg li").count() == 2
    page.fill("#c-fatalities", "15")
    assert page.locator("#review-msg li").count() == 0, "...and the list goes once all are fixed"
    page.fill("#c-location", "Ség")
    page.wait_for_selector("#c-location-list li[data-geonameid='3']")
    assert page.get_attribute("#c-location", "aria-expanded") == "true"
    page.mouse.move(5, 5)  # no hover on the choices
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "dashboard-review.png"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # the town (the region of the same name is larger: first)
    assert page.get_attribute("#c-location-list li[aria-selected=true]", "data-geonameid") == "3"
    page.keyboard.press("Enter")
    assert page.locator("#c-location-list").is_hidden() and page.locator("#correct-form").is_visible()
    assert (page.input_value("#c-location"), page.input_value("#c-latitude")) == ("Ségou", "13.43")
    assert "GeoNames 3" in page.inner_text("#c-place-note")
    done = _submit_review(page, "#correct-submit")
    assert done["sent"] == {
        "action": "correct", "reviewer": "Awa Traoré", "reason": "hospital count; the clash was at Ségou",
        "fields": {"fatalities": 15}, "place": "3",
    }, "only what changed is sent"  # fmt: skip
    new_id = done["event"]["event_id"]
    assert f"event={new_id}" in page.url
    assert page.text_content("#review-state").startswith("corrected by Awa Traoré")
    assert "Corrected by Awa Traoré: kept as version 3" in page.inner_text("#review-flash")
    last = page.locator("#panel table.versions tr.by-review").last.inner_text()
    assert "Awa Traoré" in last and "corrected: fatalities" in last and "location" in last
    note = page.locator("#panel table.versions tr.review-note").last.inner_text()
    assert "hospital count; the clash was at Ségou" in note and "fatalities = 15" in note

    # The API has the new version, with who, when, why and what.
    event = _get(f"{review_url}/api/events/{new_id}")
    review = event["versions"][-1]["review"]
    assert (review["action"], review["reviewer"], review["reason"]) == (
        "correct", "Awa Traoré", "hospital count; the clash was at Ségou",
    )  # fmt: skip
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", review["at"])
    assert (event["fatalities"], event["location"], event["geonameid"], event["geo_precision"]) == (
        15,
        "Ségou",
        3,
        1,
    )
    assert event["review"]["status"] == "corrected" and event["review"]["reviewer"] == "Awa Traoré"
    # ...and so do the list and the totals.
    assert page.inner_text("#total-fatalities") == str(dead - 13 + 15)
    row = page.inner_text(f"#list li[data-id='{new_id}']")
    assert "15 killed" in row and "corrected by Awa Traoré" in row and "Ségou" in row

    # The dashboard's CSV export holds the corrected toll and the reviewer.
    _, data = _download(page, "#export-csv", tmp_path)
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(data.decode("utf-8").splitlines())}
    assert (rows[new_id]["fatalities"], rows[new_id]["review"], rows[new_id]["reviewer"]) == (
        "15", "corrected", "Awa Traoré",
    )  # fmt: skip

    # Reject the Gao strike: it leaves the list, the map and the totals...
    _open_event(page, gao["event_id"])
    page.click("#review-reject")
    assert "reason: say why" in page.inner_text("#review-msg"), "a reason is required"
    assert page.get_attribute("#review-reason", "aria-invalid") == "true"
    page.fill("#review-reason", "a training exercise, not a strike")
    rejected = _submit_review(page, "#review-reject")
    assert rejected["event"]["review"]["status"] == "rejected"
    assert page.text_content("#review-state").startswith("rejected by Awa Traoré")
    assert page.inner_text("#review-confirm") == "Confirm (restore)"
    _wait_markers(page, 7)
    assert page.inner_text("#total-events") == "8"
    assert page.locator(f"#list li[data-id='{gao['event_id']}']").count() == 0
    # ...and the review filter finds it again, drawn apart.
    page.select_option("#f-review", "rejected")
    _wait_markers(page, 1)
    assert _api_query(problems, "/api/events")["review"] == ["rejected"] and "review=rejected" in page.url
    assert page.inner_text("#total-events") == "1"
    assert page.get_attribute("#list li", "data-id") == gao["event_id"]
    assert "review-rejected" in (page.get_attribute("#list li", "class") or "")
    assert "rejected by Awa Traoré" in page.inner_text("#list li")
    assert page.locator("path.event-marker.rejected").count() == 1
    page.select_option("#f-review", "")
    _wait_markers(page, 7)

    # Split the second outlet's report off the corrected event.
    _open_event(page, new_id)
    page.click("#panel .btn.split[data-doc='doc-10']")
    assert "other.example (doc-10, 2013-01-21)" in page.inner_text("#split-confirm")
    page.fill("#review-reason", "the second report is of another clash")
    split = _submit_review(page, "#split-submit")
    assert split["sent"]["source"] == "doc-10" and split["event"]["n_sources"] == 1
    assert page.locator("#panel .source").count() == 1 and page.locator("#panel .btn.split").count() == 0
    _wait_markers(page, 8)
    assert page.inner_text("#total-events") == "9"
    apart = [e for e in public_events(review_store) if e["doc_id"] == "doc-10"]
    assert len(apart) == 1 and page.locator(f"#list li[data-id='{apart[0]['event_id']}']").count() == 1
    problems.check()
    page.close()


def test_review_merge_chosen_in_the_list(browser: Any, review_url: str, review_store: Any) -> None:
    page, problems = _open(browser, review_url)
    events = public_events(review_store)
    markala = next(e for e in events if e["location"] == "Markala")
    timbuktu = next(e for e in events if e["location"] == "Timbuktu")
    before = len(events)
    assert page.get_attribute("body", "data-auth") == "out", "a new tab starts signed out"
    _sign_in(page, "Bo Keita", TOKEN)
    page.wait_for_selector("body[data-auth=in]")
    _open_event(page, markala["event_id"])
    page.click("#review-merge")
    assert page.locator("#modebar").is_visible() and "choose the other event" in page.inner_text("#modebar")
    page.keyboard.press("Escape")  # leaves merge mode, keeps the panel
    assert page.locator("#modebar").is_hidden() and page.locator("#panel").is_visible()
    page.click("#review-merge")
    # Clicking the same event asks for another; a click in the list on the other one asks to confirm.
    page.click(f"#list li[data-id='{markala['event_id']}'] button")
    assert "That is this event" in page.inner_text("#review-work")
    # From the keyboard: the arrows move through the list without opening; Enter chooses.
    page.focus(f"#list li[data-id='{markala['event_id']}'] button")
    ids = page.eval_on_selector_all("#list li", "ls => ls.map(l => l.dataset.id)")
    steps = ids.index(timbuktu["event_id"]) - ids.index(markala["event_id"])
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
    assert page.evaluate("document.activeElement.parentNode.dataset.id") == timbuktu["event_id"]
    assert page.locator("#merge-confirm").count() == 0 and f"event={markala['event_id']}" in page.url
    page.keyboard.press("Enter")
    page.wait_for_selector("#merge-confirm")
    cards = page.locator("#merge-confirm .card").all_inner_texts()
    assert "Markala" in cards[0] and "Timbuktu" in cards[1] and page.locator("#modebar").is_hidden()
    assert f"event={markala['event_id']}" in page.url, "the panel still shows the first event"
    page.fill("#review-reason", "one raid told twice")
    merged = _submit_review(page, "#merge-submit")
    assert merged["sent"]["other"] == timbuktu["event_id"] and merged["event"]["n_sources"] == 2
    assert page.locator("#panel .source").count() == 2
    assert page.inner_text("#total-events") == str(before - 1)
    last = page.locator("#panel table.versions tr.by-review").last.inner_text()
    assert "Bo Keita" in last and "merged" in last
    # Signing out hides the desk again.
    page.click("#signout")
    page.wait_for_selector("#review-signin")
    assert page.evaluate("() => sessionStorage.length") == 0
    problems.check()
    page.close()


def test_review_on_a_phone_with_a_point_picked_on_the_map(
    browser: Any, review_url: str, review_store: Any
) -> None:
    page, problems = _open(browser, review_url, viewport={"width": 390, "height": 844}, has_touch=True)
    bamako = next(e for e in public_events(review_store) if e["location"] == "Bamako")
    _sign_in(page, "Awa Traoré", TOKEN)
    page.wait_for_selector("body[data-auth=in]")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _open_event(page, bamako["event_id"])
    page.click("#review-correct")
    page.wait_for_selector("#correct-form")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the form fits the phone"
    for sel in ("#review-reason", "#c-sub_event_type", "#c-fatalities_high", "#c-pick", "#correct-submit"):
        box = page.locator(sel).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, sel
    page.fill("#review-reason", "the rally was held outside the capital")
    page.locator("#correct-form").scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    page.screenshot(path=str(ARTIFACTS / "dashboard-review-mobile.png"))
    # Pick on the map: the map comes into view; a tap sets the point and precision 1.
    page.click("#c-pick")
    assert page.locator("#modebar").is_visible() and page.get_attribute("body", "data-mode") == "pick"
    x, y = page.evaluate(EMPTY_MAP_POINT)
    page.mouse.click(x, y)
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'c-location'")
    lat, lon = float(page.input_value("#c-latitude")), float(page.input_value("#c-longitude"))
    assert (lat, lon) != (bamako["latitude"], bamako["longitude"]) and page.locator(
        ".pick-marker"
    ).count() == 1
    assert page.input_value("#c-geo_precision") == "1" and page.locator("#modebar").is_hidden()
    page.fill("#c-location", "Rally ground")
    done = _submit_review(page, "#correct-submit")
    moved = {"location": "Rally ground", "latitude": lat, "longitude": lon}
    assert done["sent"]["fields"] == (
        moved if bamako["geo_precision"] == 1 else {**moved, "geo_precision": 1}
    )
    event = _get(f"{review_url}/api/events/{done['event']['event_id']}")
    assert (event["location"], event["latitude"], event["longitude"]) == ("Rally ground", lat, lon)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    problems.check()
    page.close()


def test_review_sign_in_on_a_read_only_server(browser: Any, base_url: str) -> None:
    page, problems = _open(browser, base_url)
    _sign_in(page, "Awa Traoré", "any")
    page.wait_for_function("() => document.getElementById('signin-msg').textContent.includes('403')")
    assert "started without a token" in page.inner_text("#signin-msg")
    assert (
        page.get_attribute("body", "data-auth") == "out" and page.evaluate("() => sessionStorage.length") == 0
    )
    problems.expect_status(403)
    problems.check()
    page.close()


def test_duty_of_care_view_when_signed_in(browser: Any, review_url: str, review_store: Any) -> None:
    """Signed in, the desk sees per alert who is accounted for; signed out, nothing of it."""
    from sitrep.alerts import reconcile_events
    from sitrep.settings import load_settings
    from sitrep.watchlist import add_watch_item

    settings = load_settings(env={}).replace(alerts_max_age_days=100_000)
    add_watch_item(review_store, "Mariam Kone", "person", latitude=14.26, longitude=-5.98,
                   contact={"email": "mk@desk.example"})  # fmt: skip
    assert reconcile_events(review_store, settings)
    page, problems = _open(browser, review_url)
    assert page.is_hidden("#duty")
    _sign_in(page, "Desk", TOKEN)
    page.wait_for_selector("#duty-list li.duty-row", timeout=30_000)
    text = page.inner_text("#duty")
    assert "Mariam Kone" in text and "waiting" in text.lower()  # escalated after an hour (the app's setting)
    page.click("#signout")
    page.wait_for_selector("#duty", state="hidden")
    assert page.inner_text("#duty-list") == ""
    problems.check()
    page.close()
