"""The dashboard in a real browser: Debian's Chromium driven by Playwright, over a live uvicorn.

The app serves a real SQLite store filled with hand-made articles (one happening reported by
two outlets, the second revising the toll). The test skips cleanly when ``/usr/bin/chromium``,
Playwright or the vendored map assets are missing; it never runs ``playwright install``.
Screenshots go to ``tests/artifacts/`` (``dashboard.png``, ``dashboard-panel.png``).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import article_and_event, make_events, public_events
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


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    s = open_store(str(tmp_path_factory.mktemp("web") / "dashboard.db"))
    pairs = []
    for n, ev in enumerate(make_events(), start=1):
        pairs.append(article_and_event(ev, date(2013, 1, 20), ev["evidence"][0]["text"], n))
    # A second outlet, a day later, on the Niono clash (event 1), with a revised toll.
    first = make_events()[0]
    source = {**first["source"], "url": "https://other.example/niono", "title": "Other outlet"}
    later = {**first, "doc_id": "doc-10", "fatalities": 13, "actor2": None, "source": source}
    pairs.append(article_and_event(later, date(2013, 1, 21), SECOND, 10))
    reduce_articles(s, save_batch(s, pairs).touched)
    # Two watched feeds, one healthy and one failing, for the feed health list.
    s.add_feeds(["https://wire.example/rss", "https://down.example/rss"])
    s.feed_polled("https://wire.example/rss", status="ok", title="Wire", polled_at="2013-01-21 08:00:00")
    s.feed_polled(
        "https://down.example/rss", status="error", error="HTTP 503", polled_at="2013-01-21 08:00:00"
    )
    yield s
    s.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(store: Any) -> Iterator[str]:
    """The app on a live uvicorn in a thread, on a free local port."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(
        create_app(store), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
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
        public = ("/api/events", "/api/stats", "/api/articles/", "/api/feeds")
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


def _open(browser: Any, base_url: str, path: str = "/") -> tuple[Any, PageProblems]:
    page = browser.new_page(viewport={"width": 1400, "height": 860})
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
    assert f"{expected} events" in header and "1 without coordinates" in header
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
    assert f"event={merged['event_id']}" in page.url
    page.wait_for_timeout(200)
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
