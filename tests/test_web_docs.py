"""The API's documentation pages and the security headers, in a real browser (Chromium).

``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) must render from the bundled copies under the
strict Content-Security-Policy every response carries (no inline script), with no console
error and no request to another host. Skips like ``test_web_browser`` when Chromium, Playwright
or the vendored assets are missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.api import create_app
from sitrep.api.app import server_config
from sitrep.store import open_store
from test_web_browser import CHROMIUM, CHROMIUM_ARGS, PageProblems, sync_api

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def docs_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An app served as ``sitrep serve`` serves it (``server_config``), on a free local port."""
    import socket
    import threading
    import time

    import uvicorn

    s = open_store(str(tmp_path_factory.mktemp("docs") / "empty.db"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(server_config(create_app(s), port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    s.close()


@pytest.mark.parametrize(("path", "rendered"), [("/docs", ".swagger-ui .info .title"), ("/redoc", "h1")])
def test_api_pages_render_under_the_policy(docs_url: str, path: str, rendered: str) -> None:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        problems = PageProblems(page, docs_url)
        csp: list[str] = []
        page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
        response = page.goto(docs_url + path)
        assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_selector(rendered, timeout=30_000)
        assert "sitrep" in page.inner_text(rendered)
        page.screenshot(path=str(Path(__file__).parent / "artifacts" / f"api{path.replace('/', '-')}.png"))
        browser.close()
    assert csp == []
    problems.check()


def test_every_response_carries_the_security_headers(docs_url: str) -> None:
    import httpx

    for path in ("/", "/api/events", "/api/nowhere", "/docs", "/static/style.css"):
        r = httpx.get(docs_url + path)
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
        assert (
            "'unsafe-inline'" not in r.headers["content-security-policy"].split("script-src")[1].split(";")[0]
        )
        assert "server" not in r.headers, path
    assert (
        "access-control-allow-origin"
        not in httpx.get(docs_url + "/api/events", headers={"Origin": "https://evil.example"}).headers
    )
