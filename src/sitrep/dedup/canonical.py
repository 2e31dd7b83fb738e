"""Canonical events: one per cluster of mentions, with every source and every revision.

The canonical fields are a deterministic merge of the mentions in report order:

- type: the most reported sub-type (ties: the first report's);
- date: the most precise; among day-precise dates the latest report wins (a revised date),
  among vaguer ones the first report stands;
- place: the most precise location (ties: the first report's);
- actors: the first named (identified actors before "Unidentified ...");
- fatalities: the latest report that gives a toll (a revised toll);
- confidence: the highest; hedged/background only if every report says so.

Versions replay the reports day by day (by publication date). A day whose reports *revise* the
event (another type, date or toll: ``REVISIONS``) adds a version; a day that only *refines* it
(a more precise place or date, a named actor) amends the current version and is listed in its
``refined_by``. Earlier versions stay queryable, and re-running adds none.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import groupby
from typing import Any

from .events import Mention, SourceRef

VERSIONED = (
    "event_type",
    "sub_event_type",
    "date",
    "time_precision",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "geonameid",
    "geo_precision",
    "actor1",
    "actor2",
    "fatalities",
)
REVISIONS = frozenset({"event_type", "sub_event_type", "date", "fatalities"})


@dataclass(frozen=True, slots=True)
class Version:
    """The canonical fields as known after the reports published up to ``as_of``."""

    version: int
    as_of: date | None
    reported_by: tuple[str, ...]  # doc ids of the reports that brought this version
    changes: tuple[str, ...]  # field names that changed (all fields for version 1)
    fields: tuple[tuple[str, Any], ...]
    refined_by: tuple[str, ...] = ()  # later reports that only made this version more precise

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of a version."""
        return {
            "version": self.version,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "reported_by": list(self.reported_by),
            "changes": list(self.changes),
            "refined_by": list(self.refined_by),
            "fields": {k: _json(v) for k, v in self.fields},
        }


@dataclass(frozen=True, slots=True)
class CanonicalEvent:
    """One happening, merged from its mentions (in report order), with its version history."""

    event_id: str
    mentions: tuple[Mention, ...]
    fields: tuple[tuple[str, Any], ...]
    versions: tuple[Version, ...]
    confidence: float
    hedged: bool
    background: bool

    def get(self, name: str) -> Any:
        """A canonical field by name."""
        return dict(self.fields)[name]

    def sources(self) -> list[dict[str, Any]]:
        """Every reporting document (and its near-duplicate copies) with its evidence spans."""
        out: list[dict[str, Any]] = []
        for m in self.mentions:
            ev = [{"text": t, "start": s, "end": e} for t, s, e in m.evidence]
            out.append({**m.source.to_dict(), "event_id": m.event_id, "evidence": ev, "copy_of": None})
            for c in m.copies:
                out.append({**c.to_dict(), "event_id": m.event_id, "evidence": ev, "copy_of": m.doc_id})
        return out

    def to_dict(self) -> dict[str, Any]:
        """The public JSON shape: ``Event.to_dict()`` fields plus sources, versions and counts."""
        f = {k: _json(v) for k, v in self.fields}
        first = self.mentions[0]
        sources = self.sources()
        evidence = [
            {"text": t, "start": s, "end": e, "doc_id": m.doc_id}
            for m in self.mentions
            for t, s, e in m.evidence
        ]
        pubs = [m.source.published for m in self.mentions if m.source.published]
        return {
            "event_id": self.event_id,
            "doc_id": first.doc_id,
            **f,
            "evidence": evidence,
            "confidence": round(self.confidence, 3),
            "hedged": self.hedged,
            "background": self.background,
            "source": {k: v for k, v in first.source.to_dict().items() if k != "outlet"},
            "sources": sources,
            "n_sources": len({s["doc_id"] for s in sources}),
            "version": len(self.versions),
            "first_reported": min(pubs).isoformat() if pubs else None,
            "last_reported": max(pubs).isoformat() if pubs else None,
        }


def _json(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v


def canonical_id(first: Mention) -> str:
    """Stable id of a canonical event: a hash of its first report's event id."""
    return hashlib.sha1(f"canonical|{first.event_id}".encode()).hexdigest()[:16]


def _first_named(values: Sequence[str | None]) -> str | None:
    named = [v for v in values if v]
    identified = [v for v in named if not v.casefold().startswith("unidentified")]
    pick = identified or named
    return pick[0] if pick else None


def merge_fields(mentions: Sequence[Mention]) -> dict[str, Any]:
    """The canonical fields of mentions given in report order (see the module docstring)."""
    counts = Counter(m.sub_event_type for m in mentions)
    top = max(counts.values())
    typed = next(m for m in mentions if counts[m.sub_event_type] == top)
    dated = [m for m in mentions if m.date is not None]
    when: Mention | None = None
    if dated:
        best_tp = min(m.time_precision for m in dated)
        precise = [m for m in dated if m.time_precision == best_tp]
        when = precise[-1] if best_tp == 1 else precise[0]
    located = [m for m in mentions if m.latitude is not None and m.longitude is not None]
    where = min(located, key=lambda m: m.geo_precision or 9) if located else mentions[0]
    tolls = [m.fatalities for m in mentions if m.fatalities is not None]
    return {
        "event_type": typed.event_type,
        "sub_event_type": typed.sub_event_type,
        "date": when.date if when else None,
        "time_precision": when.time_precision if when else 3,
        "location": where.location,
        "admin1": where.admin1,
        "country": where.country or next((m.country for m in mentions if m.country), None),
        "latitude": where.latitude,
        "longitude": where.longitude,
        "geonameid": where.geonameid,
        "geo_precision": where.geo_precision,
        "actor1": _first_named([m.actor1 for m in mentions]),
        "actor2": _first_named([m.actor2 for m in mentions]),
        "fatalities": tolls[-1] if tolls else None,
    }


def build_versions(mentions: Sequence[Mention]) -> tuple[Version, ...]:
    """Replay the reports day by day: revisions add a version, refinements amend the current one."""
    versions: list[Version] = []
    seen: list[Mention] = []
    prev: dict[str, Any] | None = None
    for day, group in groupby(mentions, key=lambda m: m.source.published):
        batch = list(group)
        seen.extend(batch)
        now = merge_fields(seen)
        changes = tuple(k for k in VERSIONED if prev is None or now[k] != prev[k])
        docs = tuple(sorted({m.doc_id for m in batch}))
        if prev is None or REVISIONS.intersection(changes):
            versions.append(Version(len(versions) + 1, day, docs, changes, tuple(now.items())))
        elif changes:
            last = versions[-1]
            refined = tuple(sorted(set(last.refined_by) | set(docs)))
            versions[-1] = replace(last, fields=tuple(now.items()), refined_by=refined)
        prev = now
    return tuple(versions)


def canonicalize(members: Sequence[Mention]) -> CanonicalEvent:
    """One canonical event from a cluster of mentions (any order; report order is restored)."""
    ordered = sorted(members, key=Mention.report_key)
    fields = merge_fields(ordered)
    return CanonicalEvent(
        event_id=canonical_id(ordered[0]),
        mentions=tuple(ordered),
        fields=tuple(fields.items()),
        versions=build_versions(ordered),
        confidence=max(m.confidence for m in ordered),
        hedged=all(m.hedged for m in ordered),
        background=all(m.background for m in ordered),
    )


__all__ = ["CanonicalEvent", "SourceRef", "Version", "canonicalize", "merge_fields"]
