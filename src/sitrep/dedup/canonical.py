"""Canonical events: one per cluster of mentions, with every source and every revision.

``dedup_events`` is the stage's entry function (registered as ``dedup.greedy.v1``): it clusters
the mentions (``cluster.cluster``) and merges each cluster into a ``records.CanonicalEvent``.

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
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import groupby
from typing import Any

from ..records import CanonicalEvent, Event, Mention, Version
from ..registry import register
from .cluster import cluster

PRODUCER = "dedup.greedy.v1"

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
    events = [m.event for m in mentions]
    counts = Counter(e.sub_event_type for e in events)
    top = max(counts.values())
    typed = next(e for e in events if counts[e.sub_event_type] == top)
    dated = [e for e in events if e.date is not None]
    when: Event | None = None
    if dated:
        best_tp = min(e.time_precision for e in dated)
        precise = [e for e in dated if e.time_precision == best_tp]
        when = precise[-1] if best_tp == 1 else precise[0]
    located = [e for e in events if e.latitude is not None and e.longitude is not None]
    where = min(located, key=lambda e: e.geo_precision or 9) if located else events[0]
    tolls = [e.fatalities for e in events if e.fatalities is not None]
    return {
        "event_type": typed.event_type,
        "sub_event_type": typed.sub_event_type,
        "date": when.date if when else None,
        "time_precision": when.time_precision if when else 3,
        "location": where.location,
        "admin1": where.admin1,
        "country": where.country or next((e.country for e in events if e.country), None),
        "latitude": where.latitude,
        "longitude": where.longitude,
        "geonameid": where.geonameid,
        "geo_precision": where.geo_precision,
        "actor1": _first_named([e.actor1 for e in events]),
        "actor2": _first_named([e.actor2 for e in events]),
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
        confidence=max(m.event.confidence for m in ordered),
        hedged=all(m.event.hedged for m in ordered),
        background=all(m.event.background for m in ordered),
        producer=PRODUCER,
    )


@register(PRODUCER)
def dedup_events(mentions: Iterable[Mention]) -> list[CanonicalEvent]:
    """Canonical events for ``mentions``, ordered by first report; the same for any input order.

    Args:
        mentions: extracted events, each with its reporting article's copies.

    Returns:
        One ``CanonicalEvent`` per happening, each listing every mention and its versions.
    """
    return [canonicalize(members) for members in cluster(mentions)]
