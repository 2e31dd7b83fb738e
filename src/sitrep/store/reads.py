"""The read side of ``SQLStore``: event filters, one event, one article, stats (as ``records``).

Portable SQL with ``?`` placeholders; the spatial clauses come from the backend
(``bbox_clause``/``near_clause``), so PostgreSQL uses PostGIS where it is installed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from ..records import Article, ArticleSource, Event, Source, StoredArticle, StoredEvent, StoreStats
from .backend import Backend
from .base import EventFilters


def _like(value: str) -> str:
    """``value`` matched literally inside LIKE (``%``, ``_`` and the escape itself escaped)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _keyset(direction: str, day: str | None, event_id: str) -> tuple[str, list[Any]]:
    """Rows after (or before) the row (day, event_id) in newest-first order (undated rows last)."""
    if direction == "after":
        if day is None:
            return "(date IS NULL AND event_id > ?)", [event_id]
        return "(date < ? OR (date = ? AND event_id > ?) OR date IS NULL)", [day, day, event_id]
    if day is None:
        return "(date IS NOT NULL OR event_id < ?)", [event_id]
    return "(date > ? OR (date = ? AND event_id < ?))", [day, day, event_id]


STATS_ACTORS = 100  # the most frequent actors /api/stats lists (the dashboard's typeahead)


class SQLReads(Backend):
    """Queries over canonical events, articles and counts (mixed into ``SQLStore``)."""

    def _where(self, f: EventFilters) -> tuple[str, list[Any]]:
        where: list[str] = ["superseded_by IS NULL"]
        args: list[Any] = []
        equal = (
            ("country = ?", f.country.upper() if f.country else None),
            ("lower(admin1) = ?", f.admin1.casefold() if f.admin1 else None),
            ("date >= ?", f.since.isoformat() if f.since else None),
            ("date <= ?", f.until.isoformat() if f.until else None),
            ("sub_event_type = ?", f.sub_event_type),
            ("confidence >= ?", f.min_confidence),
            ("hedged = ?", None if f.hedged is None else int(f.hedged)),
            ("background = ?", None if f.background is None else int(f.background)),
        )
        for sql, value in equal:
            if value is not None:
                where.append(sql)
                args.append(value)
        if f.event_type:
            where.append("(event_type = ? OR sub_event_type = ?)")
            args += [f.event_type, f.event_type]
        if f.actor:
            where.append("(lower(actor1) LIKE ? ESCAPE '\\' OR lower(actor2) LIKE ? ESCAPE '\\')")
            args += [f"%{_like(f.actor.casefold())}%"] * 2
        if f.text:
            sql, a = self.text_clause(f.text.casefold())
            where.append(sql)
            args += a
        spatial = [self.bbox_clause(f.bbox)] if f.bbox else []
        spatial += [self.near_clause(f.near)] if f.near else []
        for sql, a in spatial:
            where.append(sql)
            args += a
        if f.doc_id:
            where.append("event_id IN (SELECT event_id FROM canonical_members WHERE doc_id = ?)")
            args.append(f.doc_id)
        return " AND ".join(where), args

    def query_events(self, filters: EventFilters | None = None) -> list[StoredEvent]:
        """Canonical events matching the filters, newest first, with their stored public JSON.

        With ``filters.cursor`` (keyset paging) the page starts after, or ends before, the row
        the cursor names, whatever ``offset`` says: a deep page costs what the first does.
        """
        f = filters or EventFilters()
        where, args = self._where(f)
        order = "date DESC NULLS LAST, event_id"
        backwards = f.cursor is not None and f.cursor[0] == "before"
        if f.cursor is not None:
            sql, a = _keyset(*f.cursor)
            where += f" AND {sql}"
            args += a
            if backwards:
                order = "date ASC NULLS FIRST, event_id DESC"
        sql = f"SELECT event_id, data FROM canonical_events WHERE {where} ORDER BY {order}"
        if f.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [f.limit, 0 if f.cursor is not None else f.offset]
        rows = [StoredEvent(r["event_id"], r["data"]) for r in self.rows(sql, args)]
        return rows[::-1] if backwards else rows

    def count_events(self, filters: EventFilters | None = None) -> int:
        """How many canonical events match the filters (paging ignored)."""
        where, args = self._where(filters or EventFilters())
        return int(self.rows(f"SELECT count(*) AS n FROM canonical_events WHERE {where}", args)[0]["n"])

    def get_event(self, event_id: str) -> StoredEvent | None:
        """One canonical event with every version; a superseded id leads to its successor."""
        asked, hops = event_id, 0
        while hops < 20:
            row = self.rows(
                "SELECT data, superseded_by FROM canonical_events WHERE event_id = ?", (event_id,)
            )
            if not row:
                return None
            nxt = row[0]["superseded_by"]
            if nxt is None or nxt == event_id:
                break
            event_id, hops = nxt, hops + 1
        versions = self.rows(
            "SELECT data FROM canonical_versions WHERE event_id = ? ORDER BY version", (event_id,)
        )
        return StoredEvent(
            event_id,
            row[0]["data"],
            tuple(r["data"] for r in versions),
            asked if asked != event_id else None,
        )

    def get_article(self, doc_id: str) -> StoredArticle | None:
        """An article by doc id (its own or a copy's) or content hash, with its sources and events."""
        hit = self.rows(
            "SELECT content_hash FROM articles WHERE doc_id = ? OR content_hash = ?", (doc_id, doc_id)
        )
        if not hit:
            hit = self.rows("SELECT content_hash FROM article_sources WHERE doc_id = ?", (doc_id,))
        if not hit:
            return None
        h = hit[0]["content_hash"]
        a = self.rows(
            "SELECT doc_id, content_hash, origin, url, title, published, published_basis, text, warnings,"
            " near_of, near_distance FROM articles WHERE content_hash = ?",
            (h,),
        )[0]
        near = self.rows(
            "SELECT doc_id, url, title, published FROM articles WHERE content_hash = ?", (a["near_of"],)
        )
        article = Article(
            a["doc_id"],
            a["origin"],
            a["text"],
            h,
            date.fromisoformat(a["published"]) if a["published"] else None,
            a["published_basis"],
            a["url"],
            a["title"],
            tuple(json.loads(a["warnings"] or "[]")),
        )
        sources = self.rows(
            "SELECT doc_id, url, outlet, title, published, relation, distance FROM article_sources"
            " WHERE content_hash = ? ORDER BY relation DESC, doc_id",
            (h,),
        )
        mentions = self.rows("SELECT data FROM events WHERE content_hash = ? ORDER BY event_id", (h,))
        canonical = self.rows(
            "SELECT m.event_id FROM canonical_members m JOIN events e ON e.event_id = m.mention_id"
            " WHERE e.content_hash = ?",
            (h,),
        )
        return StoredArticle(
            article,
            tuple(ArticleSource(Source.from_dict(r), r["relation"], r["distance"]) for r in sources),
            tuple(Event.from_dict(json.loads(r["data"])) for r in mentions),
            tuple(sorted({r["event_id"] for r in canonical})),
            doc_id if doc_id not in (article.doc_id, h) else None,
            ArticleSource(Source.from_dict(near[0]), "revises", a["near_distance"] or 0) if near else None,
        )

    def stats(self, filters: EventFilters | None = None) -> StoreStats:
        """Totals, and canonical events matching ``filters``: their toll, counted by group.

        Groups: type, sub_type, country, admin1 and actor (``actor1`` or ``actor2``, the
        ``STATS_ACTORS`` most frequent), most first; day, by date. An unknown value is "?"
        (undated days last).
        """
        f = filters or EventFilters()
        where, args = self._where(f)

        def count(sql: str, a: Sequence[Any] = ()) -> int:
            return int(self.rows(sql, a)[0]["n"] or 0)

        def group(col: str, by_key: bool = False) -> dict[str, int]:
            sql = f"SELECT {col} AS k, count(*) AS n FROM canonical_events WHERE {where} GROUP BY {col}"
            rows = self.rows(sql, args)
            if by_key:
                ranked = sorted(rows, key=lambda r: (r["k"] is None, r["k"] or ""))
            else:
                ranked = sorted(rows, key=lambda r: (-r["n"], r["k"] or ""))
            return {(r["k"] or "?"): int(r["n"]) for r in ranked}

        actors = self.rows(
            f"SELECT k, count(*) AS n FROM (SELECT actor1 AS k FROM canonical_events WHERE {where}"
            f" UNION ALL SELECT actor2 AS k FROM canonical_events WHERE {where}) a"
            " WHERE k IS NOT NULL GROUP BY k ORDER BY n DESC, k LIMIT ?",
            [*args, *args, STATS_ACTORS],
        )
        return StoreStats(
            articles=count("SELECT count(*) AS n FROM articles"),
            documents=count("SELECT count(DISTINCT doc_id) AS n FROM article_sources"),
            mentions=count("SELECT count(*) AS n FROM events"),
            events=count(f"SELECT count(*) AS n FROM canonical_events WHERE {where}", args),
            rejects=count("SELECT count(*) AS n FROM rejects"),
            fatalities=count(f"SELECT sum(fatalities) AS n FROM canonical_events WHERE {where}", args),
            groups={
                "type": group("event_type"),
                "sub_type": group("sub_event_type"),
                "country": group("country"),
                "admin1": group("admin1"),
                "actor": {r["k"]: int(r["n"]) for r in actors},
                "day": group("date", by_key=True),
            },
        )
