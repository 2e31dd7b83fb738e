"""The default, embedded store: one SQLite file."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..records import Article, Event, Rejected
from ..registry import register
from .base import EventFilters, IngestCounts
from .migrations import apply_migrations


class SQLiteStore:
    """Articles, events and rejects in a SQLite file; writes are idempotent upserts."""

    def __init__(self, path: str | Path, *, settings_hash: str = "") -> None:
        self.path = str(path)
        self.settings_hash = settings_hash
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self.db.row_factory = sqlite3.Row
        self.migrate()

    def migrate(self) -> list[str]:
        """Bring the schema up to date."""
        return apply_migrations(self.db)

    def save(
        self, articles: Iterable[tuple[Article, Sequence[Event]]], rejects: Iterable[Rejected] = ()
    ) -> IngestCounts:
        """Upsert articles with their events, and record rejects; re-saving the same content adds nothing."""
        added = seen = ev_added = rej_added = 0
        try:
            with self.db:
                for article, events in articles:
                    cur = self.db.execute(
                        "INSERT OR IGNORE INTO articles (doc_id, content_hash, origin, url, title, published,"
                        " published_basis, text, warnings) VALUES (?,?,?,?,?,?,?,?,?)",
                        (
                            article.doc_id,
                            article.content_hash,
                            article.origin,
                            article.url,
                            article.title,
                            article.published.isoformat() if article.published else None,
                            article.published_basis,
                            article.text,
                            json.dumps(list(article.warnings)),
                        ),
                    )
                    if cur.rowcount == 0:
                        seen += 1
                        continue
                    added += 1
                    for ev in events:
                        d = ev.to_dict()
                        cur = self.db.execute(
                            "INSERT OR IGNORE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                            (
                                d["event_id"],
                                ev.doc_id,
                                article.content_hash,
                                ev.event_type,
                                ev.sub_event_type,
                                d["date"],
                                ev.time_precision,
                                ev.location,
                                ev.admin1,
                                ev.country,
                                ev.latitude,
                                ev.longitude,
                                ev.geo_precision,
                                ev.actor1,
                                ev.actor2,
                                ev.fatalities,
                                ev.confidence,
                                ev.producer,
                                self.settings_hash,
                                json.dumps(d, ensure_ascii=False),
                            ),
                        )
                        ev_added += cur.rowcount
                for rej in rejects:
                    key = hashlib.sha1(f"{rej.origin}|{rej.stage}|{rej.reason}".encode()).hexdigest()
                    cur = self.db.execute(
                        "INSERT OR IGNORE INTO rejects (key, doc_id, origin, stage, reason)"
                        " VALUES (?,?,?,?,?)",
                        (key, rej.doc_id, rej.origin, rej.stage, rej.reason),
                    )
                    rej_added += cur.rowcount
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc
        return IngestCounts(added, seen, ev_added, rej_added)

    def query_events(self, filters: EventFilters | None = None) -> list[dict[str, Any]]:
        """Events matching the filters, newest first, as public event dicts."""
        filters = filters or EventFilters()
        where: list[str] = ["1=1"]
        args: list[Any] = []
        if filters.country:
            where.append("country = ?")
            args.append(filters.country.upper())
        if filters.since:
            where.append("date >= ?")
            args.append(filters.since.isoformat())
        if filters.until:
            where.append("date <= ?")
            args.append(filters.until.isoformat())
        if filters.event_type:
            where.append("(lower(event_type) = lower(?) OR lower(sub_event_type) = lower(?))")
            args += [filters.event_type, filters.event_type]
        if filters.bbox:
            west, south, east, north = filters.bbox
            where.append("latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?")
            args += [south, north, west, east]
        if filters.doc_id:
            where.append("doc_id = ?")
            args.append(filters.doc_id)
        sql = f"SELECT data FROM events WHERE {' AND '.join(where)} ORDER BY date DESC, event_id"
        if filters.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [filters.limit, filters.offset]
        return [json.loads(row["data"]) for row in self.db.execute(sql, args)]

    def stats(self) -> dict[str, Any]:
        """Counts of articles, events, rejects, and events by type and country."""
        one = self.db.execute
        return {
            "articles": one("SELECT count(*) FROM articles").fetchone()[0],
            "events": one("SELECT count(*) FROM events").fetchone()[0],
            "rejects": one("SELECT count(*) FROM rejects").fetchone()[0],
            "by_type": {
                r[0]: r[1] for r in one("SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC")
            },
            "by_country": {
                r[0] or "?": r[1]
                for r in one("SELECT country, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC")
            },
            "by_day": {
                r[0] or "?": r[1] for r in one("SELECT date, count(*) FROM events GROUP BY 1 ORDER BY 1")
            },
        }

    def close(self) -> None:
        """Close the connection."""
        self.db.close()


@register("store.sqlite.v1")
def open_sqlite(url: str, settings_hash: str = "") -> SQLiteStore:
    """Open (and migrate) a SQLite store at a file path or ``sqlite:///path``."""
    return SQLiteStore(url.removeprefix("sqlite:///"), settings_hash=settings_hash)
