"""Canonical events: one per cluster of mentions, with every source and every revision.

``dedup_events`` is the stage's entry function (registered as ``dedup.greedy.v1``): it clusters
the mentions (``cluster.cluster``) and merges each cluster into a ``records.CanonicalEvent``.

The canonical fields are a deterministic merge of the mentions in report order:

- type: the most reported sub-type (ties: the first report's);
- date: the most precise; among day-precise dates the latest report wins (a revised date),
  among vaguer ones the first report stands;
- place: the most precise location (ties: the first report's);
- actors: the first named (identified actors before "Unidentified ...");
- fatalities: the analyst's toll. As reporting matures the count is revised, so the best
  estimate comes from the most recent reports that give one: the latest publication day, and
  within that day the highest count (a lower one the same day is an earlier count). Tolls are
  never summed across sources. ``fatalities_low``/``fatalities_high`` span what the sources say;
- confidence: the highest; hedged/background only if every report says so.

Versions replay the reports one by one (report order). A report that *revises* the event
(another type, date or toll: ``REVISIONS``) adds a version that names it; one that only
*refines* it (a more precise place or date, a named actor, a wider toll range) amends the
current version and is listed in its ``refined_by``. Earlier versions stay queryable, and
re-running adds none. ``links`` says why each report after the first was joined (``match.explain``).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import groupby
from typing import Any

from ..records import CanonicalEvent, Event, Link, Mention, Version
from ..registry import register
from .cluster import cluster
from .match import explain, is_vague, link_score

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
    "fatalities_low",
    "fatalities_high",
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


def _inter_of(events: Sequence[Event], actor: str, inter: str, name: str | None) -> int | None:
    """The ACLED actor type code of the first report that names the chosen actor ``name``."""
    codes = [getattr(e, inter) for e in events if name is not None and getattr(e, actor) == name]
    codes = [c for c in codes if c is not None] or [getattr(e, inter) for e in events]
    return next((c for c in codes if c is not None), None)


def merge_tolls(mentions: Sequence[Mention]) -> tuple[int | None, int | None, int | None]:
    """(best, low, high) fatalities of mentions in report order (see the module docstring)."""
    tolled = [m for m in mentions if m.event.fatalities is not None]
    if not tolled:
        return None, None, None
    latest = tolled[-1].report_key()[0]
    best = max(m.event.fatalities or 0 for m in tolled if m.report_key()[0] == latest)
    events = [m.event for m in tolled]
    lows = [e.fatalities if e.fatalities_low is None else e.fatalities_low for e in events]
    highs = [e.fatalities if e.fatalities_high is None else e.fatalities_high for e in events]
    return best, min(x for x in lows if x is not None), max(x for x in highs if x is not None)


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
    toll, low, high = merge_tolls(mentions)
    actor1 = _first_named([e.actor1 for e in events])
    actor2 = _first_named([e.actor2 for e in events])
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
        "actor1": actor1,
        "actor2": actor2,
        "inter1": _inter_of(events, "actor1", "inter1", actor1),
        "inter2": _inter_of(events, "actor2", "inter2", actor2),
        "plover_type": typed.plover_type,
        "fatalities": toll,
        "fatalities_low": low,
        "fatalities_high": high,
    }


def build_versions(mentions: Sequence[Mention]) -> tuple[Version, ...]:
    """Replay the reports one by one: revisions add a version, refinements amend the current one."""
    versions: list[Version] = []
    seen: list[Mention] = []
    prev: dict[str, Any] | None = None
    for (_, doc), group in groupby(mentions, key=lambda m: (m.report_key()[0], m.doc_id)):
        batch = list(group)
        seen.extend(batch)
        now = merge_fields(seen)
        changes = tuple(k for k in VERSIONED if prev is None or now[k] != prev[k])
        day = batch[0].source.published
        if prev is None or REVISIONS.intersection(changes):
            versions.append(Version(len(versions) + 1, day, (doc,), changes, tuple(now.items())))
        elif changes:
            last = versions[-1]
            refined = tuple(sorted(set(last.refined_by) | {doc}))
            versions[-1] = replace(last, fields=tuple(now.items()), refined_by=refined)
        prev = now
    return tuple(versions)


def build_links(mentions: Sequence[Mention]) -> tuple[Link, ...]:
    """Why each mention after the first was joined: the earlier member it matches best."""
    out = []
    for i, m in enumerate(mentions[1:], start=1):
        to = min(mentions[:i], key=lambda x: link_score(m, x))
        out.append(explain(m, to))
    return tuple(out)


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
        links=build_links(ordered),
        vague_place=all(is_vague(m.event) for m in ordered),
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
