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


class SQLReads(Backend):
    """Queries over canonical events, articles and counts (mixed into ``SQLStore``)."""

    def _where(self, f: EventFilters) -> tuple[str, list[Any]]:
        where, args = ["superseded_by IS NULL"], []
        if f.country:
            where.append("country = ?")
            args.append(f.country.upper())
        if f.admin1:
            where.append("lower(admin1) = ?")
            args.append(f.admin1.casefold())
        if f.since:
            where.append("date >= ?")
            args.append(f.since.isoformat())
        if f.until:
            where.append("date <= ?")
            args.append(f.until.isoformat())
        if f.event_type:
            where.append("(event_type = ? OR sub_event_type = ?)")
            args += [f.event_type, f.event_type]
        if f.sub_event_type:
            where.append("sub_event_type = ?")
            args.append(f.sub_event_type)
        if f.actor:
            where.append("(lower(actor1) LIKE ? OR lower(actor2) LIKE ?)")
            args += [f"%{f.actor.casefold()}%"] * 2
        if f.text:
            where.append("search LIKE ?")
            args.append(f"%{f.text.casefold()}%")
        if f.bbox:
            sql, a = self.bbox_clause(f.bbox)
            where.append(sql)
            args += a
        if f.near:
            sql, a = self.near_clause(f.near)
            where.append(sql)
            args += a
        if f.doc_id:
            where.append("event_id IN (SELECT event_id FROM canonical_members WHERE doc_id = ?)")
            args.append(f.doc_id)
        return " AND ".join(where), args

    def query_events(self, filters: EventFilters | None = None) -> list[StoredEvent]:
        """Canonical events matching the filters, newest first, with their stored public JSON."""
        f = filters or EventFilters()
        where, args = self._where(f)
        sql = (
            f"SELECT event_id, data FROM canonical_events WHERE {where}"
            " ORDER BY date DESC NULLS LAST, event_id"
        )
        if f.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [f.limit, f.offset]
        return [StoredEvent(r["event_id"], r["data"]) for r in self.rows(sql, args)]

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
        """Totals, and canonical events matching ``filters`` counted by day, type and country."""
        f = filters or EventFilters()
        where, args = self._where(f)

        def count(sql: str, a: Sequence[Any] = ()) -> int:
            return int(self.rows(sql, a)[0]["n"])

        def group(col: str, order: str) -> dict[str, int]:
            sql = f"SELECT {col} AS k, count(*) AS n FROM canonical_events WHERE {where} GROUP BY {col}"
            return {
                (r["k"] or "?"): int(r["n"])
                for r in sorted(
                    self.rows(sql, args),
                    key=lambda r: (-r["n"], r["k"] or "") if order == "n" else (r["k"] is None, r["k"] or ""),
                )
            }

        return StoreStats(
            articles=count("SELECT count(*) AS n FROM articles"),
            documents=count("SELECT count(DISTINCT doc_id) AS n FROM article_sources"),
            mentions=count("SELECT count(*) AS n FROM events"),
            events=count(f"SELECT count(*) AS n FROM canonical_events WHERE {where}", args),
            rejects=count("SELECT count(*) AS n FROM rejects"),
            by_type=group("event_type", "n"),
            by_country=group("country", "n"),
            by_day=group("date", "k"),
        )
