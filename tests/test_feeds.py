"""``sitrep watch`` against a loopback HTTP server: an RSS feed, its pages, robots.txt, redirects.

The pages are our own made-up news. The fetcher's address policy is checked both ways: loopback
is refused unless allowed, and every redirect hop is checked.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from sitrep.feeds import Fetcher, FetchError, poll_once
from sitrep.feeds import fetch as fetch_mod
from sitrep.store import open_store

PAGE = """<html><head><title>Clash near Niono</title>
<meta property="article:published_time" content="2024-03-03T08:00:00Z"></head><body>
<nav>Home | World | Africa</nav><article><h1>Clash near Niono</h1>
<p>Malian soldiers and JNIM fighters clashed near Niono on Saturday, and seven fighters were killed,
the army said on Sunday.</p><p>Residents said the shooting lasted several hours and shops stayed
closed the next morning.</p></article><footer>Share this story</footer></body></html>"""


def rss(items: list[tuple[str, str]]) -> str:
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        "<pubDate>Sun, 03 Mar 2024 08:00:00 GMT</pubDate></item>"
        for t, link in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>{body}</channel></rss>'


def reply(
    handler: BaseHTTPRequestHandler, code: int, body: str, kind: str, extra: dict[str, str] | None = None
) -> None:
    """Send ``body`` with its type, length and any ``extra`` headers."""
    data = body.encode()
    handler.send_response(code)
    handler.send_header("Content-Type", kind)
    handler.send_header("Content-Length", str(len(data)))
    for k, v in (extra or {}).items():
        handler.send_header(k, v)
    handler.end_headers()
    handler.wfile.write(data)


class Site:
    """What the loopback server serves (tests change it between polls)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []
        self.hits: list[str] = []


@pytest.fixture
def site() -> Iterator[tuple[Site, str]]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            state.hits.append(self.path)
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/robots.txt":
                return self._send(200, "User-agent: *\nDisallow: /private/\n", "text/plain")
            if self.path == "/feed.xml":
                body = rss([(t, base + p) for t, p in state.items])
                etag = f'"{len(state.items)}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return None
                return self._send(200, body, "application/rss+xml", {"ETag": etag})
            if self.path.startswith(("/news/", "/private/")):
                return self._send(200, PAGE, "text/html")
            if self.path == "/big":
                return self._send(200, "x" * 50_000, "text/plain")
            if self.path == "/hop":
                self.send_response(302)
                self.send_header("Location", f"http://localhost:{self.server.server_address[1]}/news/9.html")
                self.end_headers()
                return None
            return self._send(404, "not here", "text/plain")

        def _send(self, code: int, body: str, kind: str, extra: dict[str, str] | None = None) -> None:
            reply(self, code, body, kind, extra)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def test_loopback_is_refused_unless_allowed(site: tuple[Site, str]) -> None:
    _, base = site
    with pytest.raises(FetchError, match="refused"):
        Fetcher(min_interval=0).get(base + "/feed.xml")
    assert Fetcher(allow_private=True, min_interval=0).get(base + "/feed.xml").status == 200


def test_every_redirect_hop_is_checked(site: tuple[Site, str], monkeypatch: pytest.MonkeyPatch) -> None:
    _, base = site
    real = fetch_mod._refused
    monkeypatch.setattr(fetch_mod, "_refused", lambda host: real(host) if host == "localhost" else None)
    with pytest.raises(FetchError, match="localhost resolves to"):
        Fetcher(min_interval=0).get(base + "/hop")


def test_size_cap_robots_and_conditional_get(site: tuple[Site, str]) -> None:
    state, base = site
    f = Fetcher(allow_private=True, min_interval=0, max_bytes=10_000)
    with pytest.raises(FetchError, match="over 10,000 bytes"):
        f.get(base + "/big")
    with pytest.raises(FetchError, match="robots.txt"):
        f.get(base + "/private/1.html")
    first = f.get(base + "/feed.xml")
    again = f.get(base + "/feed.xml", etag=first.headers["etag"])
    assert (first.status, again.status) == (200, 304)


@pytest.mark.model
def test_watch_picks_up_a_new_item_and_stores_its_events(
    site: tuple[Site, str], tmp_path: Any, settings: Any, resources: Any
) -> None:
    state, base = site
    store = open_store(str(tmp_path / "watch.db"))
    store.add_feeds([base + "/feed.xml"])
    fetcher = Fetcher(allow_private=True, min_interval=0)
    assert poll_once(store, fetcher, settings, resources).new_items == 0
    state.items = [("Clash near Niono", "/news/1.html"), ("Closed page", "/private/2.html")]
    report = poll_once(store, fetcher, settings, resources)
    assert (report.new_items, report.stored, report.failed) == (2, 1, 1) and report.events >= 1
    (clash,) = [e for e in store.query_events() if "Armed clash" in e.document]
    assert "Niono" in clash.document and base + "/news/1.html" in clash.document
    (feed,) = store.feeds()
    assert (feed["title"], feed["stored"], feed["items_seen"]) == ("Test wire", 1, 2)
    assert feed["last_status"] == "ok"
    latencies = store.feed_latencies()
    assert len(latencies) == 1 and 0 <= latencies[0] < 30
    # nothing new: the poll is conditional (304) and no page is fetched again
    hits = len(state.hits)
    assert poll_once(store, fetcher, settings, resources).new_items == 0
    assert state.hits[hits:] == ["/feed.xml"] and store.feeds()[0]["last_status"] == "not modified"
    # the API shows feed health
    from fastapi.testclient import TestClient

    from sitrep.api import create_app

    body = TestClient(create_app(store)).get("/api/feeds").json()
    assert body["count"] == 1 and body["feeds"][0]["stored"] == 1 and body["latency"]["items"] == 1
    store.close()


@pytest.mark.model
def test_a_poll_stopped_halfway_or_over_the_cap_loses_no_item(
    site: tuple[Site, str], tmp_path: Any, settings: Any, resources: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The feed's validators (ETag) are kept only once every listed item is recorded: a watch
    stopped between two items, or a backlog longer than one poll reads, must not be answered
    "not modified" for the items it has not reached."""
    import importlib

    watch_mod = importlib.import_module("sitrep.feeds.watch")  # the module (the package exports a function)

    state, base = site
    store = open_store(str(tmp_path / "halfway.db"))
    store.add_feeds([base + "/feed.xml"])
    fetcher = Fetcher(allow_private=True, min_interval=0)
    state.items = [("Clash near Niono", f"/news/{i}.html") for i in range(3)]
    real_item, calls = watch_mod._item, []

    def stop_after_one(*args: Any, **kwargs: Any) -> None:
        if calls:
            raise KeyboardInterrupt  # the process stops here, as a kill or Ctrl-C would
        calls.append(1)
        real_item(*args, **kwargs)

    monkeypatch.setattr(watch_mod, "_item", stop_after_one)
    with pytest.raises(KeyboardInterrupt):
        poll_once(store, fetcher, settings, resources)
    monkeypatch.setattr(watch_mod, "_item", real_item)
    monkeypatch.setattr(watch_mod, "MAX_ITEMS_PER_POLL", 1)  # and the rest is more than a poll reads
    assert poll_once(store, fetcher, settings, resources).new_items == 1
    assert store.feeds()[0]["etag"] is None  # one item still waits: no "not modified" yet
    assert poll_once(store, fetcher, settings, resources).new_items == 1
    assert store.feeds()[0]["etag"] == '"3"'
    assert len(store.rows("SELECT item_key FROM feed_items")) == 3  # type: ignore[attr-defined]
    assert poll_once(store, fetcher, settings, resources).new_items == 0
    assert store.feeds()[0]["last_status"] == "not modified"
    store.close()
