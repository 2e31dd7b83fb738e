"""Reviewing a canonical event: check the action, keep it, and rebuild the events it bears on.

``review_event`` is the one entry the API, the CLI and the dashboard call. It checks the action
and its values (every problem at once, as ``FilterErrors``), ties the review to the event's first
report (``Review.anchor``), keeps it (``Store.add_review``) and re-clusters the mentions it
names with every review replayed (``runners.reduce.reduce_mentions``). It returns the review
and the event that holds the anchor afterwards, with its new version.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ..dedup.canonical import canonical_id
from ..errors import ConfigError, NotFoundError, StoreError
from ..filters import Countries, FilterErrors
from ..geo.gazetteer import Gazetteer
from ..records import REVIEW_ACTIONS, Review, StoredEvent
from ..store.base import DedupCounts, Store
from .corrections import parse_corrections, place_fields

MAX_REASON = 2000
STAMP = "%Y-%m-%dT%H:%M:%SZ"  # a review's time: ISO 8601, UTC, to the second
MAX_REVIEWER = 100


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    """What one review did: the review kept, the event holding its anchor now, the dedup counts."""

    review: Review
    event: StoredEvent | None
    counts: DedupCounts


def anchor_of(store: Store, event_id: str) -> str:
    """The mention an event's id was made from: its first report (``dedup.canonical_id``)."""
    for mention_id in store.members([event_id]):
        if canonical_id_of(mention_id) == event_id:
            return mention_id
    raise StoreError(f"event {event_id} has no first report among its members", hint="run `sitrep dedup`")


def canonical_id_of(mention_id: str) -> str:
    """``dedup.canonical_id`` of a mention known by its id."""
    return canonical_id(_IdOnly(mention_id))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class _IdOnly:
    event_id: str


def _event(store: Store, event_id: str, what: str = "event") -> tuple[StoredEvent, dict[str, Any]]:
    stored = store.get_event(event_id)
    if stored is None:
        raise NotFoundError(
            f"{what} not found: {event_id}", hint="take an id from /api/events or `sitrep events`"
        )
    return stored, json.loads(stored.document)


def review_event(
    store: Store,
    event_id: str,
    action: str,
    *,
    reviewer: str,
    reason: str,
    fields: Mapping[str, Any] | None = None,
    place: str | int | None = None,
    other: str | None = None,
    source: str | None = None,
    at: datetime | None = None,
    countries: Countries | None = None,
    gazetteer: Gazetteer | None = None,
) -> ReviewOutcome:
    """Review one canonical event.

    Args:
        store: the store holding the event.
        event_id: the event (a superseded id leads to its successor).
        action: ``confirm``, ``correct``, ``reject``, ``merge`` or ``split``.
        reviewer: who acts (an analyst's name).
        reason: why, in the analyst's words (kept with the version).
        fields: ``correct``: new values by canonical field name (``corrections.CORRECTABLE``).
        place: ``correct``: a gazetteer place (geonameid, or a name) that sets every place field.
        other: ``merge``: the event to merge with this one.
        source: ``split``: the doc id of the source to take out into an event of its own.
        at: the time of the action (default: now, UTC).
        countries: checks a corrected ``country`` (the gazetteer).
        gazetteer: resolves ``place``.

    Raises:
        FilterErrors: bad action, values or names (every problem at once).
        NotFoundError: the event, or the one to merge with, is not in the store.
    """
    errors: list[ConfigError] = []
    if action not in REVIEW_ACTIONS:
        errors.append(ConfigError(f"action: unknown {action!r}", hint=f"one of: {', '.join(REVIEW_ACTIONS)}"))
    who, why = " ".join((reviewer or "").split()), (reason or "").strip()
    if not who or len(who) > MAX_REVIEWER:
        errors.append(ConfigError("reviewer: a name is required", hint=f"at most {MAX_REVIEWER} characters"))
    if not why or len(why) > MAX_REASON:
        errors.append(ConfigError("reason: say why, in a few words", hint=f"at most {MAX_REASON} characters"))
    if errors:
        raise FilterErrors(errors)
    stored, current = _event(store, event_id)
    eid = stored.event_id
    anchor = anchor_of(store, eid)
    values: dict[str, Any] = {}
    mentions: tuple[str, ...] = ()
    if action == "correct":
        values = _corrections(fields or {}, place, current, countries, gazetteer)
    elif action == "merge":
        mentions = (_merge_partner(store, eid, other),)
    elif action == "split":
        mentions = _split_off(store, eid, source)
    stamp = _stamp(store, at)
    key = json.dumps([eid, action, who, stamp, why, sorted(values.items()), mentions], default=str)
    review = Review(
        review_id=hashlib.sha1(key.encode()).hexdigest()[:16],
        action=action,  # type: ignore[arg-type]
        anchor=anchor,
        event_id=eid,
        reviewer=who,
        at=stamp,
        reason=why,
        fields=tuple(sorted(values.items())),
        mentions=mentions,
    )
    from ..runners.reduce import reduce_mentions  # imported on use: the runners load the dedup stack

    with store.transaction():
        store.add_review(review)
        counts = reduce_mentions(store, [anchor, *mentions])
    now = store.canonical_ids([anchor]).get(anchor)
    return ReviewOutcome(review, store.get_event(now) if now else None, counts)


def _stamp(store: Store, at: datetime | None) -> str:
    """The review's time to the second; a review made now comes after every review kept.

    Reviews are replayed in the order of their times (ties by id, a hash): two actions on one
    event within the same second (a correction, then a rejection) would otherwise be replayed in
    either order. So "now" is moved one second past the latest kept review when it is not later.
    """
    if at is not None:
        return at.astimezone(UTC).strftime(STAMP)
    now = datetime.now(UTC).replace(microsecond=0)
    latest = [r.at for r in store.reviews(now.strftime(STAMP))]
    if latest:
        try:
            last = datetime.strptime(max(latest), STAMP).replace(tzinfo=UTC)
        except ValueError:
            last = now
        now = max(now, last + timedelta(seconds=1))
    return now.strftime(STAMP)


def _corrections(
    fields: Mapping[str, Any],
    place: str | int | None,
    current: Mapping[str, Any],
    countries: Countries | None,
    gazetteer: Gazetteer | None,
) -> dict[str, Any]:
    values = dict(fields)
    if place not in (None, ""):
        values = {**place_fields(_place(place, gazetteer)), **values}
    if not values:
        raise FilterErrors(
            [ConfigError("fields: nothing to correct", hint="give at least one field or a place")]
        )
    return parse_corrections(values, current, countries)


def _place(place: str | int, gazetteer: Gazetteer | None) -> Any:
    if gazetteer is None:
        raise FilterErrors(
            [ConfigError("place: no gazetteer to look it up in", hint="give latitude and longitude")]
        )
    wanted = str(place).strip()
    found = gazetteer.candidates(wanted)
    if wanted.isdigit():
        found = [(p, s) for p, s in found if p.geonameid == int(wanted)] or found
        if not found:
            hit = gazetteer.place(int(wanted))
            found = [(hit, 0)] if hit else []
    if not found:
        raise FilterErrors(
            [ConfigError(f"place: not in the gazetteer: {wanted!r}", hint="pick it on the map")]
        )
    return found[0][0]


def _merge_partner(store: Store, eid: str, other: str | None) -> str:
    if not other:
        raise FilterErrors([ConfigError("other: name the event to merge with", hint="an event id")])
    theirs, data = _event(store, other, "event to merge with")
    if theirs.event_id == eid:
        raise FilterErrors([ConfigError(f"other: {other} is this event", hint="name another event")])
    return anchor_of(store, theirs.event_id)


def _split_off(store: Store, eid: str, source: str | None) -> tuple[str, ...]:
    if not source:
        raise FilterErrors(
            [ConfigError("source: name the source to split off", hint="a doc id of the event")]
        )
    members = sorted(store.members([eid]))
    mentions = store.load_mentions(event_ids=members)
    leaving = sorted(
        m.event_id for m in mentions if m.doc_id == source or any(c.doc_id == source for c in m.copies)
    )
    docs = sorted({m.doc_id for m in mentions})
    if not leaving:
        raise FilterErrors(
            [
                ConfigError(
                    f"source: {source!r} is not a source of this event", hint=f"one of: {', '.join(docs)}"
                )
            ]
        )
    if len(leaving) == len(mentions):
        raise FilterErrors(
            [
                ConfigError(
                    f"source: {source!r} is every report of this event", hint="reject the event instead"
                )
            ]
        )
    return tuple(leaving)
