"""The store side of ``sitrep watch``: feeds with their polling state, and the items seen.

A restart resumes from here: a feed's ETag and Last-Modified make the next poll conditional,
and an item already recorded is never fetched again. Each item keeps when it was first seen and
when its events were stored (epoch seconds), for the latency figures and the feed health view.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .backend import Backend, chunks, marks


class SQLFeeds(Backend):
    """Feeds and feed items over the ``feeds`` and ``feed_items`` tables."""

    def add_feeds(self, urls: Sequence[str]) -> int:
        """Register feeds to watch; return how many were new."""
        return sum(
            self.execute("INSERT INTO feeds (url) VALUES (?) ON CONFLICT DO NOTHING", (u,)) for u in urls
        )

    def feeds(self) -> list[dict[str, Any]]:
        """Every feed with its state and item counts, by URL."""
        return self.rows(
            "SELECT f.url, f.title, f.etag, f.last_modified, f.last_polled, f.last_status, f.last_error,"
            " f.failures, f.items_seen,"
            " (SELECT COUNT(*) FROM feed_items i WHERE i.feed_url = f.url AND i.status = 'stored') AS stored,"
            " (SELECT COUNT(*) FROM feed_items i WHERE i.feed_url = f.url AND i.status = 'rejected')"
            " AS rejected FROM feeds f ORDER BY f.url"
        )

    def feed_polled(
        self,
        url: str,
        *,
        status: str,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        title: str | None = None,
        polled_at: str,
    ) -> None:
        """Record one poll: its outcome, and the validators for the next conditional request."""
        failed = error is not None
        self.execute(
            "UPDATE feeds SET last_polled = ?, last_status = ?, last_error = ?,"
            " etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),"
            " title = COALESCE(?, title), failures = CASE WHEN ? THEN failures + 1 ELSE 0 END WHERE url = ?",
            (polled_at, status, error, etag, last_modified, title, failed, url),
        )

    def seen_items(self, feed_url: str, keys: Sequence[str]) -> set[str]:
        """The item keys of a feed already recorded."""
        out: set[str] = set()
        for part in chunks(list(keys)):
            sql = f"SELECT item_key FROM feed_items WHERE feed_url = ? AND item_key IN ({marks(len(part))})"
            out |= {r["item_key"] for r in self.rows(sql, [feed_url, *part])}
        return out

    def record_item(
        self,
        feed_url: str,
        key: str,
        url: str | None,
        *,
        seen_at: float,
        stored_at: float | None,
        status: str,
        reason: str | None = None,
    ) -> None:
        """Record what became of one feed item ("stored", "rejected" or "failed", with the reason)."""
        with self.transaction():
            new = self.execute(
                "INSERT INTO feed_items (feed_url, item_key, url, seen_at, stored_at, status, reason)"
                " VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                (feed_url, key, url, seen_at, stored_at, status, reason),
            )
            if new:
                self.execute("UPDATE feeds SET items_seen = items_seen + 1 WHERE url = ?", (feed_url,))

    def feed_latencies(self) -> list[float]:
        """Seconds from an item first seen to its events stored, for every stored item."""
        rows = self.rows("SELECT stored_at - seen_at AS s FROM feed_items WHERE stored_at IS NOT NULL")
        return [float(r["s"]) for r in rows]
