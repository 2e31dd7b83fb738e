"""The store side of dedup: mentions read for re-clustering, canonical events written back.

``load_mentions`` selects extracted events by article, by id, or by country and date window,
each with its article as source and the article's stored copies. ``write_canonical`` upserts
canonical events with their members and versions, leaves unchanged ones alone (a digest of
their JSON), and marks the ones a re-clustering replaced as ``superseded_by`` their successor.
An event out of the live set with no successor (all its mentions gone, or rejected by an
analyst) is ``superseded_by`` itself: it is still found by id, and never listed or counted.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from ..records import CanonicalEvent, Event, Mention, Source
from ..serialize import canonical_dict, version_dict
from ..taxonomy import family
from . import aggregates
from .backend import Backend, chunks, marks
from .base import DedupCounts
from .ddl import remember_actor_names

CANONICAL_COLUMNS = (
    "event_id, event_type, sub_event_type, family, date, time_precision, location, admin1, country,"
    " latitude, longitude, geo_precision, actor1, actor2, fatalities, n_sources, version, first_reported,"
    " last_reported, search, digest, superseded_by, producer, data, confidence, hedged, background, review"
)
CANONICAL_WIDTH = CANONICAL_COLUMNS.count(",") + 1


def country_clause(countries: Sequence[str | None]) -> tuple[str, list[Any]]:
    """SQL condition (and its arguments) for events in any of ``countries`` (None or "": unknown)."""
    named = [c for c in countries if c]
    conds: list[str] = []
    if named:
        conds.append(f"e.country IN ({marks(len(named))})")
    if any(not c for c in countries):
        conds.append("e.country IS NULL")
    return "(" + " OR ".join(conds or ["1 = 0"]) + ")", list(named)


class SQLMentions(Backend):
    """Dedup input and output over the ``events``, ``article_sources`` and ``canonical_*`` tables."""

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
        a date range (an undated event counts on its article's publication date, and one with
        neither date is in every range); with no selector at all, every mention.
        """
        base = (
            "SELECT e.event_id, e.data, e.content_hash, a.doc_id, a.url, a.title, a.published, a.story"
            " FROM events e"
            " JOIN articles a ON a.content_hash = e.content_hash WHERE "
        )
        found: dict[str, dict[str, Any]] = {}
        if not (content_hashes or event_ids or countries):
            for r in self.rows(base + "1 = 1"):
                found[r["event_id"]] = r
        for part in chunks(list(content_hashes)):
            for r in self.rows(base + f"e.content_hash IN ({marks(len(part))})", part):
                found[r["event_id"]] = r
        for part in chunks(list(event_ids)):
            for r in self.rows(base + f"e.event_id IN ({marks(len(part))})", part):
                found[r["event_id"]] = r
        if countries:
            where, args = country_clause(countries)
            if since and until:
                where += (
                    " AND (e.date BETWEEN ? AND ? OR (e.date IS NULL"
                    " AND (a.published BETWEEN ? AND ? OR a.published IS NULL)))"
                )
                args += [since.isoformat(), until.isoformat()] * 2
            for r in self.rows(base + where, args):
                found[r["event_id"]] = r
        copies: dict[str, list[Source]] = defaultdict(list)
        hashes = sorted({r["content_hash"] for r in found.values()})
        for part in chunks(hashes):
            for c in self.rows(
                "SELECT content_hash, doc_id, url, outlet, title, published FROM article_sources"
                f" WHERE relation <> 'self' AND content_hash IN ({marks(len(part))})",
                part,
            ):
                copies[c.pop("content_hash")].append(Source.from_dict(c))
        out = []
        for key in sorted(found):
            r = found[key]
            source = {k: r[k] for k in ("doc_id", "url", "title", "published")}
            own = sorted(copies.get(r["content_hash"], []), key=lambda s: (s.doc_id, s.url or ""))
            ev = Event.from_dict({**json.loads(r["data"]), "source": source})
            out.append(Mention(ev, tuple(own), r["story"]))
        return out

    def mention_stubs(
        self,
        countries: Sequence[str | None],
        since: date | None,
        until: date | None,
        sub_event_types: Sequence[str],
        stories: Sequence[str] = (),
        time_precisions: tuple[int, int] | None = None,
    ) -> list[Mention]:
        """What dedup compares, read from columns: no evidence, no copies (for finding neighbours).

        Selects by country (None = unknown), sub-type and time precision (an inclusive range),
        within a date range as ``load_mentions`` does, or by story (any date); a stub's
        ``event_id`` is the stored one, so the full mention can be read after.
        """
        where, args = country_clause(countries)
        where += f" AND e.sub_event_type IN ({marks(len(sub_event_types))})"
        args += list(sub_event_types)
        if time_precisions is not None:
            where += " AND e.time_precision BETWEEN ? AND ?"
            args += list(time_precisions)
        select = (
            "SELECT e.event_id, e.doc_id, e.event_type, e.sub_event_type, e.date, e.time_precision,"
            " e.location, e.admin1, e.country, e.latitude, e.longitude, e.geo_precision, e.actor1,"
            " e.actor2, a.published, a.story FROM events e JOIN articles a ON a.content_hash = e.content_hash"
            " WHERE "
        )
        # Separate statements, so each one reads an index: (country, date), then the undated
        # (country, date IS NULL) on their publication date, then a story's mentions.
        if since and until:
            days = [since.isoformat(), until.isoformat()]
            rows = self.rows(select + where + " AND e.date BETWEEN ? AND ?", args + days)
            undated = " AND e.date IS NULL AND (a.published BETWEEN ? AND ? OR a.published IS NULL)"
            rows += self.rows(select + where + undated, args + days)
        else:
            rows = self.rows(select + where, args)
        if stories:
            rows += self.rows(select + f"a.story IN ({marks(len(stories))})", list(stories))
        out = []
        for r in rows:
            pub, day, story = r.pop("published"), r.pop("date"), r.pop("story")
            eid = r.pop("event_id")
            ev = Event(
                evidence=(),
                source=Source(r["doc_id"], published=date.fromisoformat(pub[:10]) if pub else None),
                date=date.fromisoformat(day[:10]) if day else None,
                **r,
            )
            object.__setattr__(ev, "event_id", eid)
            out.append(Mention(ev, story=story))
        return out

    def canonical_ids(self, event_ids: Sequence[str]) -> dict[str, str]:
        """Mention id → the canonical event it currently belongs to."""
        out: dict[str, str] = {}
        for part in chunks(list(event_ids)):
            for r in self.rows(
                "SELECT mention_id, event_id FROM canonical_members"
                f" WHERE mention_id IN ({marks(len(part))})",
                part,
            ):
                out[r["mention_id"]] = r["event_id"]
        return out

    def members(self, canonical_ids: Sequence[str]) -> dict[str, str]:
        """Mention id → canonical id for every member of the given canonical events."""
        out: dict[str, str] = {}
        for part in chunks(sorted(canonical_ids)):
            for r in self.rows(
                f"SELECT mention_id, event_id FROM canonical_members WHERE event_id IN ({marks(len(part))})",
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
        touched = sorted({c.event_id for c in events} | set(old.values()))
        with self.transaction():
            before = [] if assume_new else aggregates.live_rows(self, touched)
            rows, members, versions, changed = [], [], [], []
            for c in events:
                data = canonical_dict(c)
                vers = [version_dict(v) for v in c.versions]
                digest = hashlib.sha1(json.dumps([data, vers], sort_keys=True).encode()).hexdigest()
                if not assume_new:
                    prev = self.rows(
                        "SELECT digest, superseded_by FROM canonical_events WHERE event_id = ?", (c.event_id,)
                    )
                    retired = c.event_id if c.review == "rejected" else None
                    if prev and prev[0]["digest"] == digest and prev[0]["superseded_by"] == retired:
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
                self._clear_members([c.event_id for c in changed], [m[0] for m in members])
            updates = ", ".join(
                f"{c.strip()} = excluded.{c.strip()}" for c in CANONICAL_COLUMNS.split(",")[1:]
            )
            self.executemany(
                f"INSERT INTO canonical_events ({CANONICAL_COLUMNS}) VALUES ({marks(CANONICAL_WIDTH)})"
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
            remember_actor_names(self, [r[i] for r in rows for i in (12, 13)])  # actor1, actor2
            aggregates.apply_delta(self, before, aggregates.live_rows(self, touched))
        return DedupCounts(created, updated, unchanged, superseded)

    def _clear_members(self, event_ids: Sequence[str], mention_ids: Sequence[str]) -> None:
        """Forget the versions and members of the events to rewrite, and where their mentions were."""
        for part in chunks(event_ids):
            self.execute(f"DELETE FROM canonical_versions WHERE event_id IN ({marks(len(part))})", part)
            self.execute(f"DELETE FROM canonical_members WHERE event_id IN ({marks(len(part))})", part)
        for part in chunks(mention_ids):
            self.execute(f"DELETE FROM canonical_members WHERE mention_id IN ({marks(len(part))})", part)

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
            c.event_id if c.review == "rejected" else None,  # a rejected event leaves the live set
            c.producer,
            json.dumps(data, ensure_ascii=False),
            data["confidence"],
            int(bool(data["hedged"])),
            int(bool(data["background"])),
            c.review,
        )
