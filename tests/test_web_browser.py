"""The map page in a real browser: Debian's Chromium driven by Playwright, over a live uvicorn.

Opt-in (``-m browser`` is not needed, but the test skips cleanly when ``/usr/bin/chromium``,
Playwright or the vendored map assets are missing). Never runs ``playwright install``: it uses
the system Chromium through ``executable_path``. Saves ``tests/artifacts/map.png``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.api import create_app
from sitrep.web import missing_assets
from test_api import FakeStore  # tests/ is on sys.path under pytest's default (prepend) import mode

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


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture(scope="module")
def base_url(store: FakeStore) -> Iterator[str]:
    """The app on a live uvicorn in a thread, on a free local port."""
    import uvicorn

    port = _free_port()
    app = create_app(store)
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
        page.on("console", lambda m: self.console.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        page.on("dialog", self._dialog)

        def route(r: Any) -> None:
            if r.request.url.startswith(base_url + "/") or r.request.url.startswith("data:"):
                r.continue_()
            else:
                self.offsite.append(r.request.url)
                r.abort()

        page.route("**/*", route)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def check(self) -> None:
        assert self.console == [], f"console errors: {self.console}"
        assert self.offsite == [], f"the page tried the network: {self.offsite}"
        assert self.dialogs == [], f"unexpected dialogs: {self.dialogs}"


COUNT_MARKERS = """() => {
  const clusters = [...document.querySelectorAll('.cluster span')].map(s => Number(s.textContent));
  const singles = document.querySelectorAll('path.event-marker').length;
  return {clusters, singles};
}"""


def _located(store: FakeStore, **match: str) -> int:
    return sum(
        1 for e in store.events if e["latitude"] is not None and all(e[k] == v for k, v in match.items())
    )


def test_map_shows_every_located_event(browser: Any, base_url: str, store: FakeStore) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    problems = PageProblems(page, base_url)
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-state=ready]", timeout=20_000)

    expected = _located(store)
    seen = page.evaluate(COUNT_MARKERS)
    assert sum(seen["clusters"]) + seen["singles"] == expected, seen
    assert page.get_attribute("body", "data-markers") == str(expected)
    assert page.evaluate("window.sitrep.clusters.getLayers().length") == expected

    header = page.inner_text("#count")
    assert f"{expected} events" in header and "1 without coordinates" in header
    legend = page.inner_text(".legend")
    for t in (
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    ):
        assert t in legend
    countries = page.eval_on_selector_all("#f-country option", "os => os.map(o => o.value)")
    assert countries == ["", "ML", "NE"]
    types = page.eval_on_selector_all("#f-type option", "os => os.map(o => o.value)")
    assert types[0] == "" and types[1] == "Battles" and len(types) == 7
    # The base layer was drawn (canvas in the land pane) and no tile layer exists.
    assert page.locator(".leaflet-land-pane canvas").count() == 1
    assert page.locator(".leaflet-tile").count() == 0

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map.png"))
    problems.check()
    page.close()


def test_popup_escapes_text_and_filters_work(browser: Any, base_url: str, store: FakeStore) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    problems = PageProblems(page, base_url)
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-state=ready]", timeout=20_000)

    page.evaluate(
        """() => new Promise(resolve => {
          const m = window.sitrep.clusters.getLayers().find(l => l.event.actor1 === '<i>Militia</i> & co');
          window.sitrep.clusters.zoomToShowLayer(m, () => { m.openPopup(); resolve(); });
        })"""
    )
    popup = page.locator(".leaflet-popup-content .ev")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "Armed clash" in text and "2013-01-20" in text and "Fatalities" in text
    assert "<i>Militia</i> & co" in text
    assert 'A <script>alert("x")</script> fight <img src=x onerror="window.__xss=1"> was reported.' in text
    assert "Niono <b>west</b>" in text and "precision 1" in text
    assert (
        page.locator(
            ".leaflet-popup-content img, .leaflet-popup-content script, "
            ".leaflet-popup-content i, .leaflet-popup-content b"
        ).count()
        == 0
    )
    assert page.evaluate("window.__xss") is None
    page.wait_for_function("() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map-popup.png"))

    page.select_option("#f-country", "NE")
    page.wait_for_selector("body[data-state=ready][data-markers='1']", timeout=10_000)
    assert "country=NE" in page.url
    assert store.calls[-1].country == "NE"
    assert page.inner_text("#count").startswith("1 event")

    page.select_option("#f-country", "")
    page.select_option("#f-type", "Battles")
    expected = _located(store, event_type="Battles")
    page.wait_for_selector(f"body[data-state=ready][data-markers='{expected}']", timeout=10_000)
    seen = page.evaluate(COUNT_MARKERS)
    assert sum(seen["clusters"]) + seen["singles"] == expected

    # A filtered link restores its filters.
    page.goto(base_url + "/?type=Riots")
    page.wait_for_selector("body[data-state=ready][data-markers='1']", timeout=10_000)
    assert page.input_value("#f-type") == "Riots"
    problems.check()
    page.close()
