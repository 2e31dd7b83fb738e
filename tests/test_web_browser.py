"""The dashboard in a real browser: Debian's Chromium driven by Playwright, over a live uvicorn.

The app serves a real SQLite store filled with hand-made articles (one happening reported by
two outlets, the second revising the toll) and a tiny synthetic gazetteer for the place labels;
a second app serves the same store plus a background report and a confident one, without a
gazetteer. Every page fails its test on a console error or on a request to another host. The
tests skip cleanly when ``/usr/bin/chromium``, Playwright or the vendored map assets are missing;
they never run ``playwright install``. Screenshots go to ``tests/artifacts/`` (gitignored):
``dashboard.png`` (1280×800), ``dashboard-panel.png``, ``dashboard-mobile.png`` (390×844) and
``dashboard-mobile-filters.png``.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import api_event, article_and_event, build_mini_gazetteer, make_events, public_events
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


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny synthetic gazetteer of ``conftest`` (Bamako, Ségou, Niono, Paris, ...)."""
    path = tmp_path_factory.mktemp("gaz") / "mini.sqlite"
    build_mini_gazetteer(path)
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

    def check(self) -> None:
        assert self.console == [], f"console errors: {self.console}"
        assert self.offsite == [], f"the page tried the network: {self.offsite}"
        assert self.dialogs == [], f"unexpected dialogs: {self.dialogs}"
        public = ("/api/events", "/api/stats", "/api/articles/", "/api/feeds", "/api/places")
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
