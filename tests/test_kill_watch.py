"""``sitrep watch`` killed with SIGKILL at 20 random points and resumed loses and repeats nothing.

A loopback server publishes the bundled sample stories as a news site: an RSS feed and one HTML
page per story. ``sitrep watch --once`` reads it into a store and is killed at 20 random moments
(fetching, coding, inside a save, inside a dedup, between an article and its feed item), started
again each time, then let finish. Its articles, sources, mentions, rejects, canonical events
and feed items must equal those of a run never interrupted, and the database must pass its
integrity check. On both backends; marked ``hardening`` (``make test-slow``) and ``model``.
"""

from __future__ import annotations

import html
import os
import random
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from conftest import ROOT
from sitrep.store import open_store
from test_dedup_kill import _ingest as run_killed
from test_feeds import reply
from test_kill_ingest import KILLS, _contents, _integrity

pytestmark = [pytest.mark.hardening, pytest.mark.model]


def _page(text: str) -> str:
    """A story as a news page: its first sentence as the title, paragraphs inside an article."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    title = html.escape(paragraphs[0].split(" — ")[-1][:80])
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | World</nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>Share this story</footer></body></html>"
    )


@pytest.fixture(scope="module")
def news_site() -> Iterator[str]:
    """The sample stories served on 127.0.0.1; yields the feed's URL."""
    stories = {
        f"/news/{p.stem}.html": _page(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "samples").glob("*.txt"))
    }

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/feed.xml":
                items = "".join(
                    f"<item><title>{path}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
                    "<pubDate>Sun, 03 Mar 2024 08:00:00 GMT</pubDate></item>"
                    for path in stories
                )
                channel = f"<channel><title>Sample wire</title>{items}</channel>"
                body = f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'
                return self._send(200, body, "application/rss+xml", {"ETag": f'"{len(stories)}"'})
            if self.path in stories:
                return self._send(200, stories[self.path], "text/html; charset=utf-8")
            if self.path == "/robots.txt":
                return self._send(200, "User-agent: *\nAllow: /\n", "text/plain")
            return self._send(404, "not here", "text/plain")

        def _send(self, code: int, body: str, kind: str, extra: dict[str, str] | None = None) -> None:
            tag = (extra or {}).get("ETag")
            if code == 200 and tag is not None and tag == self.headers.get("If-None-Match"):
                self.send_response(304)
                self.end_headers()
                return
            reply(self, code, body, kind, extra)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    finally:
        server.shutdown()


def _watch(feed: str, url: str, kill_after: float | None) -> float:
    """``sitrep -v watch FEED --once`` into ``url``, killed ``kill_after`` s after its first
    dedup (``test_dedup_kill._ingest``); no pause between requests to the one host."""
    cli = [sys.executable, "-m", "sitrep", "-v", "watch", feed, "--once", "--allow-private", "--db", url]
    return run_killed(cli, {**os.environ, "SITREP_FETCH_MIN_INTERVAL": "0"}, kill_after)


def _stored(url: str) -> dict[str, Any]:
    """``test_kill_ingest._contents`` and the feed's items with what became of each."""
    got = _contents(url)
    s: Any = open_store(url)
    try:
        got["feed_items"] = sorted(
            tuple(r.values()) for r in s.rows("SELECT item_key, status FROM feed_items")
        )
    finally:
        s.close()
    return got


def test_watch_killed_20_times_resumes_to_the_same_store(
    news_site: str, store_url: str, tmp_path: Any
) -> None:
    other = str(tmp_path / "uninterrupted.db")
    span = _watch(news_site, other, None)
    expected = _stored(other)
    assert expected["articles"] and expected["canonical"] and len(expected["feed_items"]) == 12
    rng = random.Random(int(time.time()))
    kills = sorted(rng.uniform(0.0, 1.0) * span for _ in range(KILLS))
    for at in kills:
        _watch(news_site, store_url, at)
    _watch(news_site, store_url, None)
    _integrity(store_url)
    got = _stored(store_url)
    for part in expected:
        assert got[part] == expected[part], f"{part} differ after kills at {[round(k, 2) for k in kills]}"
