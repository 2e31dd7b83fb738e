"""The read side of ``SQLStore``: event filters, one event, one article, stats (as ``records``).

Portable SQL with ``?`` placeholders; the spatial clauses come from the backend
(``bbox_clause``/``near_clause``), so PostgreSQL uses PostGIS where it is installed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from math import isqrt
from typing import Any

from ..records import Article, ArticleSource, Event, Source, StoredArticle, StoredEvent, StoreStats
from . import aggregates
from .backend import Backend, marks
from .base import EventFilters

NEWEST = "date DESC NULLS LAST, event_id"  # the order of every events page
OLDEST = "date ASC NULLS FIRST, event_id DESC"  # the same, read backwards (a ``before`` cursor)


def _keyset(direction: str, day: str | None, event_id: str) -> list[tuple[str, list[Any], str]]:
    """The rows after (or before) the row (day, event_id) in newest-first order (undated rows
    last), as segments read in turn: (condition, its arguments, order).

    Each condition bounds ``date`` with no OR around the bound (or asks for undated rows), so an
    index on the page order starts at the cursor instead of reading and skipping the rows before
    it: PostgreSQL, given ``date < ? OR ... OR date IS NULL``, walked 99,900 rows to the 1,000th page.
    """
    if direction == "after":
        if day is None:
            return [("date IS NULL AND event_id > ?", [event_id], NEWEST)]
        return [
            ("date <= ? AND (date < ? OR event_id > ?)", [day, day, event_id], NEWEST),
            ("date IS NULL", [], NEWEST),
        ]
    if day is None:
        return [("date IS NULL AND event_id < ?", [event_id], OLDEST), ("date IS NOT NULL", [], OLDEST)]
    return [("date >= ? AND (date > ? OR event_id < ?)", [day, day, event_id], OLDEST)]


REVIEW_CLAUSES = {  # review filters over the live events (``filters.REVIEW_FILTERS``)
    "unreviewed": ("review IS NULL",),
    "reviewed": ("review IS NOT NULL",),
    "confirmed": ("review = 'confirmed'",),
    "corrected": ("review = 'corrected'",),
}
SPARSE = 2  # a match fetched and sorted costs about 1/SPARSE of an event walked (``fetch_matches``)
CARRIED = 1_000  # the most ids of matches a count hands to its page query (``Counted``)
STATS_ACTORS = 100  # the most frequent actors /api/stats lists (the dashboard's typeahead)


class SQLReads(Backend):
    """Queries over canonical events, articles and counts (mixed into ``SQLStore``)."""

    def _where(self, f: EventFilters, lookup: bool = False) -> tuple[str, list[Any]]:
        """The WHERE clause of ``f``. ``lookup``: the text or actor index drives the query (the
        backend may then keep the planner off the newest-first index, ``live_clause``)."""
        live = self.live_clause(lookup and bool(f.text or f.actor))
        retired = "(superseded_by = event_id AND review = 'rejected')"  # rejected by an analyst
        where: list[str] = [
            {"rejected": retired, "all": f"({live} OR {retired})"}.get(f.review or "", live),
            *REVIEW_CLAUSES.get(f.review or "", ()),
        ]
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
            sql, a = self.actor_clause(f.actor.casefold(), lookup)
            where.append(sql)
            args += a
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

    def query_events(
        self, filters: EventFilters | None = None, *, total: int | None = None
    ) -> list[StoredEvent]:
        """Canonical events matching the filters, newest first, with their stored public JSON.

        ``total``: ``count_events(filters)`` when the caller has it already (it steers the plan;
        a ``Counted`` hands over the ids of the matches).

        With ``filters.cursor`` (keyset paging) the page starts after, or ends before, the row
        the cursor names, whatever ``offset`` says: a deep page costs what the first does.
        """
        f = filters or EventFilters()
        if total is None and (f.text or f.actor):
            total = self.count_events(f)
        sparse = False  # the matches are found through a lookup, not in page order
        if isinstance(total, Counted) and total.filters == f:
            # The count handed over the ids it found: read those events by id.
            if not total.ids:
                return []
            sparse = True
            where, args = self._where(replace(f, text=None, actor=None))
            where += f" AND event_id IN ({marks(len(total.ids))})"
            args += total.ids
        else:
            # A rare word or actor: fetch its few matches through the index and sort them. A
            # common one: walk the newest-first index and stop at the page's end (the backend's
            # own choice when it has no ``live_clause`` preference). ``SPARSE`` weighs the two.
            if f.text or f.actor:
                live = self.count_events(EventFilters())
                sparse = fetch_matches(total or 0, _page_rows(f), live)
            where, args = self._where(f, lookup=sparse)
        source, key = "canonical_events", self.row_key
        if sparse and f.limit is not None and _actor_only(f):
            # The matches' keys, dates and ids come from the two covering name indexes alone
            # (migration 024): sorted there, then the page's events read by key.
            matched = self.actor_matches(f.actor or "")
            if matched is not None:
                source, args = matched
                where, key = "1 = 1", "k"
        segments: list[tuple[str, list[Any], str]] = [("", [], NEWEST)]
        if f.cursor is not None:
            segments = [(f" AND {sql}", a, order) for sql, a, order in _keyset(*f.cursor)]
        offset = 0 if f.cursor is not None else f.offset
        rows: list[StoredEvent] = []
        for extra, a, order in segments:  # at most two: the page fills in the first, or goes on
            query = f"FROM {source} WHERE {where}{extra} ORDER BY {order}"
            sql, more = f"SELECT event_id, data {query}", [*args, *a]
            if f.limit is not None:
                if len(rows) >= f.limit:
                    break
                sql += " LIMIT ? OFFSET ?"
                more += [f.limit - len(rows), offset]
                if offset or sparse:
                    # A deep page: skip through an index (ids alone), then read its events. A
                    # lookup's matches: sort their ids and dates alone, then read the page's
                    # events (1M events, 2,500 matches of an actor: 6 → 2-3 ms on SQLite).
                    ids = f"SELECT {key} {query} LIMIT ? OFFSET ?"
                    sql = f"SELECT event_id, data FROM canonical_events WHERE {self.row_key} IN ({ids})"
                    sql += f" ORDER BY {order}"
            rows += [StoredEvent(r["event_id"], r["data"]) for r in self.rows(sql, more)]
        backwards = f.cursor is not None and f.cursor[0] == "before"
        return rows[::-1] if backwards else rows

    def count_events(self, filters: EventFilters | None = None) -> int:
        """How many canonical events match the filters (paging ignored; by country or in all
        from the maintained counts)."""
        f = filters or EventFilters()
        if _country_only(f):
            scope = f.country.upper() if f.country else aggregates.ALL
            sql = "SELECT sum(n) AS n FROM canonical_stats WHERE country = ? AND grp = 'type'"
            return self._count(sql, (scope,))
        if f.actor and _actor_only(f):
            # Counted from the two covering name indexes, reading no event (1M events, 2,500
            # matches: PostgreSQL 20 → 3 ms; an event naming the actor twice counts once).
            matched = self.actor_matches(f.actor, columns=self.row_key)
            if matched is None:
                return self.count_events(EventFilters())
            return self._count(f"SELECT count(*) AS n FROM {matched[0]}", matched[1])
        where, args = self._where(f, lookup=True)
        if f.text:  # few matches: their ids go with the count to the page query (``Counted``)
            rows = _page_rows(f)
            carry = CARRIED if rows is None else min(CARRIED, isqrt(SPARSE * rows * self.count_events()))
            sql = f"SELECT event_id FROM canonical_events WHERE {where} LIMIT {carry + 1}"
            ids = [r["event_id"] for r in self.rows(sql, args)]
            if len(ids) <= carry:
                return Counted(f, ids)
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

        Groups: type, sub_type, country, admin1 and actor (events naming it as ``actor1`` or
        ``actor2``, the ``STATS_ACTORS`` most frequent), most first; day, by date. An unknown
        value is "?" (undated days last). Unfiltered, or filtered by a country only, the counts
        come from the maintained ``canonical_stats`` (``aggregates``); otherwise from the events.
        """
        f = filters or EventFilters()
        totals = {
            "articles": self._count("SELECT count(*) AS n FROM articles"),
            "documents": self._count("SELECT count(DISTINCT doc_id) AS n FROM article_sources"),
            "mentions": self._count("SELECT count(*) AS n FROM events"),
            "rejects": self._count("SELECT count(*) AS n FROM rejects"),
        }
        if _country_only(f):
            return self._stats_from_aggregates(f.country, totals)
        return self._stats_from_events(f, totals)

    def _count(self, sql: str, args: Sequence[Any] = ()) -> int:
        return int(self.rows(sql, args)[0]["n"] or 0)

    def _stats_from_events(self, f: EventFilters, totals: dict[str, int]) -> StoreStats:
        where, args = self._where(f, lookup=True)  # every match is counted: no page order to walk

        def group(col: str, by_key: bool = False) -> dict[str, int]:
            sql = f"SELECT {col} AS k, count(*) AS n FROM canonical_events WHERE {where} GROUP BY {col}"
            return _ranked([{"k": r["k"] or "?", "n": r["n"]} for r in self.rows(sql, args)], by_key)

        actors = self.rows(  # UNION, not UNION ALL: an event counts once per actor it names
            f"SELECT k, count(*) AS n FROM (SELECT event_id, actor1 AS k FROM canonical_events WHERE {where}"
            f" UNION SELECT event_id, actor2 AS k FROM canonical_events WHERE {where}) a"
            " WHERE k IS NOT NULL GROUP BY k ORDER BY n DESC, k LIMIT ?",
            [*args, *args, STATS_ACTORS],
        )
        return StoreStats(
            **totals,
            events=self._count(f"SELECT count(*) AS n FROM canonical_events WHERE {where}", args),
            fatalities=self._count(f"SELECT sum(fatalities) AS n FROM canonical_events WHERE {where}", args),
            groups={
                "type": group("event_type"),
                "sub_type": group("sub_event_type"),
                "country": group("country"),
                "admin1": group("admin1"),
                "actor": {r["k"]: int(r["n"]) for r in actors},
                "day": group("date", by_key=True),
            },
        )

    def _stats_from_aggregates(self, country: str | None, totals: dict[str, int]) -> StoreStats:
        counted = aggregates.grouped(self, country)
        kinds = counted.get("type", [])
        events = sum(int(r["n"]) for r in kinds)
        if country:
            by_country = {country.upper(): events} if events else {}
        else:
            by_country = _ranked(counted.get("country", []), False)
        actors = sorted(counted.get("actor", []), key=lambda r: (-r["n"], r["k"]))[:STATS_ACTORS]
        return StoreStats(
            **totals,
            events=events,
            fatalities=sum(int(r["fatalities"]) for r in kinds),
            groups={
                "type": _ranked(kinds, False),
                "sub_type": _ranked(counted.get("sub_type", []), False),
                "country": by_country,
                "admin1": _ranked(counted.get("admin1", []), False),
                "actor": {r["k"]: int(r["n"]) for r in actors},
                "day": _ranked(counted.get("day", []), True),
            },
        )


class Counted(int):
    """The count of a text lookup with few matches, holding their ids for the page query that
    follows with the same filters (``query_events(filters, total=...)``, as the API does for
    every page): it reads those events by id instead of running the lookup a second time.

    1M events, a probe with 200 matches: the trigram lookup is most of the request (about 30 ms
    on either backend, for the trigrams every event's text shares), and it ran for the count and
    again for the page. An actor lookup reads two small name indexes: running it again costs
    less than reading ids that a count of many matches would throw away.
    """

    filters: EventFilters
    ids: list[str]

    def __new__(cls, filters: EventFilters, ids: list[str]) -> Counted:
        counted = super().__new__(cls, len(ids))
        counted.filters, counted.ids = filters, ids
        return counted


def _page_rows(f: EventFilters) -> int | None:
    """How many rows of the newest-first order a page of ``f`` reaches (None: all of them)."""
    return None if f.limit is None else f.limit + (0 if f.cursor else f.offset)


def fetch_matches(matches: int, rows: int | None, live: int) -> bool:
    """Whether a page of ``rows`` (None: all) of a text or actor lookup with ``matches`` among
    ``live`` events is read by fetching every match and sorting them, rather than by walking the
    newest-first index until the page is full.

    Fetching costs about ``matches``; the walk passes about ``rows × live / matches`` events
    (matches spread over time). So fetch while ``matches² ≤ SPARSE × rows × live``: at 1M
    events and a page of 101, up to 14,000 matches (2,500: fetched in 3 ms, walked in 100),
    and walk past that (27,500: walked in 4 ms, fetched in 29). The fixed ratio before (20
    matches per page row) walked for 2,500 matches at 1M.
    """
    return rows is None or matches * matches <= SPARSE * rows * live


def _actor_only(f: EventFilters) -> bool:
    """Whether ``f`` filters by nothing but an actor (the covering name indexes answer it)."""
    return f == EventFilters(actor=f.actor, limit=f.limit, offset=f.offset, cursor=f.cursor)


def _country_only(f: EventFilters) -> bool:
    """Whether ``f`` filters by nothing but (maybe) a country: the maintained counts answer it."""
    return f == EventFilters(country=f.country, limit=f.limit, offset=f.offset, cursor=f.cursor)


def _ranked(rows: Sequence[dict[str, Any]], by_key: bool) -> dict[str, int]:
    """``{k: n}``, most first (ties by key), or by key with "?" last."""
    if by_key:
        ordered = sorted(rows, key=lambda r: (r["k"] == "?", r["k"]))
    else:
        ordered = sorted(rows, key=lambda r: (-r["n"], r["k"]))
    return {r["k"]: int(r["n"]) for r in ordered}
