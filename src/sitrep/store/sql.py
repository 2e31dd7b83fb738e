"""The SQL both backends share: articles, near-duplicate sources, mentions, canonical events.

``SQLStore`` holds every query; ``sqlite.py`` and ``postgres.py`` only supply a connection,
transactions, the placeholder style and the spatial clauses. SQL is written with ``?``
placeholders (rewritten to ``%s`` for PostgreSQL) and portable syntax (``ON CONFLICT``,
``NULLS LAST``). Writes are idempotent upserts keyed on content hashes and event ids.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from ..dedup.articles import distance, is_copy, lsh_keys
from ..errors import MigrationError
from ..geodesy import distance_km
from ..records import Article, CanonicalEvent, Event, Mention, Rejected, Source, outlet_of
from ..serialize import canonical_dict, version_dict
from ..taxonomy import family
from .base import DedupCounts, IngestCounts
from .migrations import MIGRATIONS
from .reads import SQLReads

CHUNK = 500
CANONICAL_COLUMNS = (
    "event_id, event_type, sub_event_type, family, date, time_precision, location, admin1, country,"
    " latitude, longitude, geo_precision, actor1, actor2, fatalities, n_sources, version, first_reported,"
    " last_reported, search, digest, superseded_by, producer, data"
)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")


class SQLStore(SQLReads):
    """Every write of the store (reads: ``SQLReads``); subclasses provide the connection."""

    dialect: ClassVar[str] = ""
    has_postgis: bool = False
    url: str = ""
    settings_hash: str = ""

    # ------------------------------------------------------------ backend hooks

    def execute(self, sql: str, args: Sequence[Any] = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for many parameter rows."""
        for r in rows:
            self.execute(sql, r)

    def transaction(self) -> AbstractContextManager[None]:
        """A write transaction (nested calls join the outer one)."""
        raise NotImplementedError

    def can_apply(self, name: str) -> bool:
        """Whether an optional migration can run now (PostGIS)."""
        return True

    def close(self) -> None:
        """Close the connection."""
        raise NotImplementedError

    # ------------------------------------------------------------ schema

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; return the names applied now."""
        self.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r["name"] for r in self.rows("SELECT name FROM migrations")}
        applied = []
        for name, fn, dialects in MIGRATIONS:
            if name in done or self.dialect not in dialects or not self.can_apply(name):
                continue
            try:
                with self.transaction():
                    fn(self)
                    self.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
            except Exception as exc:
                raise MigrationError(f"migration {name} failed on {self.dialect}: {exc}") from exc
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in order."""
        return [r["name"] for r in self.rows("SELECT name FROM migrations ORDER BY name")]

    @staticmethod
    def source_key(content_hash: str, doc_id: str, url: str | None, text_hash: str) -> str:
        """Key of one (article, doc id, URL, text) sighting: re-ingesting it adds nothing."""
        return hashlib.sha1(f"{content_hash}|{doc_id}|{url or ''}|{text_hash}".encode()).hexdigest()

    # ------------------------------------------------------------ articles, events, rejects

    def save(
        self, articles: Iterable[tuple[Article, Sequence[Event]]], rejects: Iterable[Rejected] = ()
    ) -> IngestCounts:
        """Upsert articles (exact and near duplicates become extra sources), their events, and rejects."""
        added = seen = near = ev_added = 0
        touched: set[str] = set()
        with self.transaction():
            for article, events in articles:
                status, target, new_source = self.upsert_article(article)
                if status == "new":
                    added += 1
                    ev_added += self.upsert_events(article, events)
                    touched.add(target)
                else:
                    seen += status == "seen"
                    near += status == "near"
                    if new_source:
                        touched.add(target)
            rej_added = self.record_rejects(rejects)
        return IngestCounts(added, seen, ev_added, rej_added, near, tuple(sorted(touched)))

    def upsert_article(self, a: Article) -> tuple[str, str, bool]:
        """Store an article once: ("new" | "seen" | "near", content hash it is stored under, new source?)."""
        if self.rows("SELECT 1 AS x FROM articles WHERE content_hash = ?", (a.content_hash,)):
            return "seen", a.content_hash, self._add_source(a, a.content_hash, "exact", 0)
        keys = lsh_keys(a.text)
        if keys:
            conds = " OR ".join("(band = ? AND key = ?)" for _ in keys)
            args = [x for pair in enumerate(keys) for x in pair]
            cands = self.rows(
                "SELECT content_hash, text FROM articles WHERE content_hash IN"
                f" (SELECT content_hash FROM article_bands WHERE {conds}) ORDER BY content_hash",
                args,
            )
            copies = sorted(
                (distance(a.text, c["text"]), c["content_hash"]) for c in cands if is_copy(a.text, c["text"])
            )
            if copies:
                dist, target = copies[0]
                return "near", target, self._add_source(a, target, "near", dist)
        self.execute(
            "INSERT INTO articles (doc_id, content_hash, origin, url, title, published, published_basis,"
            " text, warnings) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            (
                a.doc_id,
                a.content_hash,
                a.origin,
                a.url,
                a.title,
                a.published.isoformat() if a.published else None,
                a.published_basis,
                a.text,
                json.dumps(list(a.warnings)),
            ),
        )
        self.executemany(
            "INSERT INTO article_bands (band, key, content_hash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(band, key, a.content_hash) for band, key in enumerate(keys)],
        )
        self._add_source(a, a.content_hash, "self", 0)
        return "new", a.content_hash, True

    def _add_source(self, a: Article, target: str, relation: str, distance: int) -> bool:
        """Record that ``a`` (doc id, URL) carried the article stored under ``target``."""
        if relation == "exact":
            own = self.rows("SELECT doc_id, url FROM articles WHERE content_hash = ?", (target,))
            if own and own[0]["doc_id"] == a.doc_id and own[0]["url"] == a.url:
                return False
        return (
            self.execute(
                "INSERT INTO article_sources (key, content_hash, doc_id, url, origin, outlet, title,"
                " published, text_hash, relation, distance) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT DO NOTHING",
                (
                    self.source_key(target, a.doc_id, a.url, a.content_hash),
                    target,
                    a.doc_id,
                    a.url,
                    a.origin,
                    outlet_of(a.url),
                    a.title,
                    a.published.isoformat() if a.published else None,
                    a.content_hash,
                    relation,
                    distance,
                ),
            )
            > 0
        )

    def upsert_events(self, article: Article, events: Sequence[Event]) -> int:
        """Insert an article's extracted events (the dedup mentions); return how many were new."""
        n = 0
        for ev in events:
            d = ev.to_dict()
            n += self.execute(
                "INSERT INTO events (event_id, doc_id, content_hash, event_type, sub_event_type, date,"
                " time_precision, location, admin1, country, latitude, longitude, geo_precision, actor1,"
                " actor2, fatalities, confidence, producer, settings_hash, data)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
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
        return n

    def record_rejects(self, rejects: Iterable[Rejected]) -> int:
        """Record rejected documents once each; return how many were new."""
        n = 0
        for rej in rejects:
            key = hashlib.sha1(f"{rej.origin}|{rej.stage}|{rej.reason}".encode()).hexdigest()
            n += self.execute(
                "INSERT INTO rejects (key, doc_id, origin, stage, reason) VALUES (?,?,?,?,?)"
                " ON CONFLICT DO NOTHING",
                (key, rej.doc_id, rej.origin, rej.stage, rej.reason),
            )
        return n

    # ------------------------------------------------------------ dedup input and output

    def load_mentions(
        self,
        *,
        content_hashes: Sequence[str] = (),
        event_ids: Sequence[str] = (),
        countries: Sequence[str | None] = (),
        since: date | None = None,
        until: date | None = None,
    ) -> list[Mention]:
        """Extracted events, each with its article as source and the article's copies.

        Selects by article hashes, by event ids, or by countries (None = unknown country) within
        a date range (an undated event counts on its article's publication date); with no
        selector at all, every mention.
        """
        base = (
            "SELECT e.data, e.content_hash, a.doc_id, a.url, a.title, a.published FROM events e"
            " JOIN articles a ON a.content_hash = e.content_hash WHERE "
        )
        found: dict[str, dict[str, Any]] = {}
        if not (content_hashes or event_ids or countries):
            for r in self.rows(base + "1 = 1"):
                found[r["content_hash"] + json.loads(r["data"])["event_id"]] = r
        for part in _chunks(list(content_hashes)):
            for r in self.rows(base + f"e.content_hash IN ({_marks(len(part))})", part):
                found[r["content_hash"] + json.loads(r["data"])["event_id"]] = r
        for part in _chunks(list(event_ids)):
            for r in self.rows(base + f"e.event_id IN ({_marks(len(part))})", part):
                found[r["content_hash"] + json.loads(r["data"])["event_id"]] = r
        if countries:
            named = [c for c in countries if c]
            conds, args = [], []
            if named:
                conds.append(f"e.country IN ({_marks(len(named))})")
                args += named
            if any(c is None or c == "" for c in countries):
                conds.append("e.country IS NULL")
            where = "(" + " OR ".join(conds) + ")"
            if since and until:
                where += " AND (e.date BETWEEN ? AND ? OR (e.date IS NULL AND a.published BETWEEN ? AND ?))"
                args += [since.isoformat(), until.isoformat()] * 2
            for r in self.rows(base + where, args):
                found[r["content_hash"] + json.loads(r["data"])["event_id"]] = r
        copies: dict[str, list[Source]] = defaultdict(list)
        hashes = sorted({r["content_hash"] for r in found.values()})
        for part in _chunks(hashes):
            for c in self.rows(
                "SELECT content_hash, doc_id, url, outlet, title, published FROM article_sources"
                f" WHERE relation <> 'self' AND content_hash IN ({_marks(len(part))})",
                part,
            ):
                copies[c.pop("content_hash")].append(Source.from_dict(c))
        out = []
        for key in sorted(found):
            r = found[key]
            source = {k: r[k] for k in ("doc_id", "url", "title", "published")}
            own = sorted(copies.get(r["content_hash"], []), key=lambda s: (s.doc_id, s.url or ""))
            out.append(Mention(Event.from_dict({**json.loads(r["data"]), "source": source}), tuple(own)))
        return out

    def canonical_ids(self, event_ids: Sequence[str]) -> dict[str, str]:
        """Mention id → the canonical event it currently belongs to."""
        out: dict[str, str] = {}
        for part in _chunks(list(event_ids)):
            for r in self.rows(
                "SELECT mention_id, event_id FROM canonical_members"
                f" WHERE mention_id IN ({_marks(len(part))})",
                part,
            ):
                out[r["mention_id"]] = r["event_id"]
        return out

    def write_canonical(
        self, events: Sequence[CanonicalEvent], scope: Sequence[str] = (), *, assume_new: bool = False
    ) -> DedupCounts:
        """Upsert canonical events with their members and versions; unchanged ones are left alone.

        Args:
            events: the canonical events re-computed for the mentions in ``scope``.
            scope: every mention id that was re-clustered; a canonical event that held one of them
                and is not in ``events`` any more is marked ``superseded_by`` its successor.
            assume_new: skip the change check (bulk loads into an empty store).
        """
        old = self.canonical_ids(scope) if scope else {}
        new_of = {m.event_id: c.event_id for c in events for m in c.mentions}
        created = updated = unchanged = superseded = 0
        with self.transaction():
            rows, members, versions, changed = [], [], [], []
            for c in events:
                data = canonical_dict(c)
                vers = [version_dict(v) for v in c.versions]
                digest = hashlib.sha1(json.dumps([data, vers], sort_keys=True).encode()).hexdigest()
                if not assume_new:
                    prev = self.rows(
                        "SELECT digest, superseded_by FROM canonical_events WHERE event_id = ?", (c.event_id,)
                    )
                    if prev and prev[0]["digest"] == digest and prev[0]["superseded_by"] is None:
                        unchanged += 1
                        continue
                    created += not prev
                    updated += bool(prev)
                else:
                    created += 1
                changed.append(c)
                rows.append(self._canonical_row(c, data, digest))
                members += [(m.event_id, c.event_id, m.doc_id) for m in c.mentions]
                versions += [
                    (c.event_id, v["version"], v["as_of"], json.dumps(v, ensure_ascii=False)) for v in vers
                ]
            if not assume_new:
                for part in _chunks([c.event_id for c in changed]):
                    self.execute(
                        f"DELETE FROM canonical_versions WHERE event_id IN ({_marks(len(part))})", part
                    )
                    self.execute(
                        f"DELETE FROM canonical_members WHERE event_id IN ({_marks(len(part))})", part
                    )
                ids = [m[0] for m in members]
                for part in _chunks(ids):
                    self.execute(
                        f"DELETE FROM canonical_members WHERE mention_id IN ({_marks(len(part))})", part
                    )
            updates = ", ".join(
                f"{c.strip()} = excluded.{c.strip()}" for c in CANONICAL_COLUMNS.split(",")[1:]
            )
            self.executemany(
                f"INSERT INTO canonical_events ({CANONICAL_COLUMNS}) VALUES ({_marks(24)})"
                f" ON CONFLICT (event_id) DO UPDATE SET {updates}, updated_at = {self._now_sql()}",
                rows,
            )
            self.executemany(
                "INSERT INTO canonical_members (mention_id, event_id, doc_id) VALUES (?,?,?)",
                members,
            )
            self.executemany(
                "INSERT INTO canonical_versions (event_id, version, as_of, data) VALUES (?,?,?,?)", versions
            )
            gone = sorted(set(old.values()) - {c.event_id for c in events})
            for oid in gone:
                successors = sorted(new_of[m] for m, o in old.items() if o == oid and m in new_of)
                superseded += self.execute(
                    "UPDATE canonical_events SET superseded_by = ? WHERE event_id = ?",
                    (successors[0] if successors else oid, oid),
                )
        return DedupCounts(created, updated, unchanged, superseded)

    def _now_sql(self) -> str:
        return "(datetime('now'))" if self.dialect == "sqlite" else "(now()::text)"

    @staticmethod
    def _canonical_row(c: CanonicalEvent, data: dict[str, Any], digest: str) -> tuple[Any, ...]:
        search = " ".join(
            str(x)
            for x in (
                data["event_type"],
                data["sub_event_type"],
                data["location"],
                data["admin1"],
                data["country"],
                data["actor1"],
                data["actor2"],
                *(e["text"] for e in data["evidence"]),
                *(s["outlet"] or "" for s in data["sources"]),
            )
            if x
        ).casefold()
        return (
            c.event_id,
            data["event_type"],
            data["sub_event_type"],
            family(data["event_type"], data["sub_event_type"]),
            data["date"],
            data["time_precision"],
            data["location"],
            data["admin1"],
            data["country"],
            data["latitude"],
            data["longitude"],
            data["geo_precision"],
            data["actor1"],
            data["actor2"],
            data["fatalities"],
            data["n_sources"],
            data["version"],
            data["first_reported"],
            data["last_reported"],
            search,
            digest,
            None,
            c.producer,
            json.dumps(data, ensure_ascii=False),
        )


def haversine_km(lat1: float | None, lon1: float | None, lat2: float, lon2: float) -> float | None:
    """``geodesy.distance_km`` as a SQL function: None for an unlocated row."""
    if lat1 is None or lon1 is None:
        return None
    return distance_km(lat1, lon1, lat2, lon2)
