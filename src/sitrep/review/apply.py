"""Analysts' reviews re-applied to freshly clustered canonical events (pure: no I/O).

Dedup re-clusters mentions whenever a report arrives, and a canonical event's id changes when
an earlier report joins it. A review therefore names *mentions* (``records.Review.anchor``, the
reviewed event's first report), and ``apply_reviews`` replays every review, oldest first, on
top of each new clustering:

1. **Structure.** ``merge`` puts the events holding ``anchor`` and ``mentions[0]`` together (a
   must-link); ``split`` moves ``mentions`` out of the event holding ``anchor`` into an event of
   their own (a cannot-link), with the later reports dedup put with them rather than with the
   anchor (``_leaving``). A later review wins over an earlier one, because the replay is in
   order. A review whose mentions are not in the clustering at hand does nothing here (the
   reduce step always hands over every mention a review links, ``runners.reduce.connected``).
2. **Fields and verdicts.** A regrouped event is merged again from its mentions
   (``dedup.canonicalize``). Then each event takes, in order, the reviews that name one of its
   mentions: ``correct`` overwrites fields, and every review adds a version recording who, when,
   why and what changed. The event's ``review`` status is the last verdict: ``confirmed``,
   ``corrected`` (a correction, merge or split) or ``rejected``.

Why hand-written: must-link and cannot-link constraints on our own clustering; no library
clusters news mentions this way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from ..dedup import canonicalize
from ..dedup.match import link_score
from ..records import CanonicalEvent, Mention, Review, Version

VERDICT = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected"}


def review_order(reviews: Iterable[Review]) -> list[Review]:
    """Reviews oldest first (ties by id): the order they are replayed in."""
    return sorted({r.review_id: r for r in reviews}.values(), key=lambda r: (r.at, r.review_id))


def regroup(canon: Sequence[CanonicalEvent], reviews: Sequence[Review]) -> list[list[Mention]]:
    """The clusters of ``canon`` after the merges and splits of ``reviews`` (already in order).

    Each review moves mentions between at most two groups; the loop runs once per review.
    """
    group_of: dict[str, int] = {}
    members: dict[int, list[Mention]] = {}
    for i, c in enumerate(canon):
        members[i] = list(c.mentions)
        group_of.update((m.event_id, i) for m in c.mentions)
    orig = dict(group_of)  # the cluster dedup put each mention in
    fresh = len(canon)
    for r in reviews:
        if r.action == "merge" and r.mentions:
            a, b = group_of.get(r.anchor), group_of.get(r.mentions[0])
            if a is None or b is None or a == b:
                continue
            for m in members.pop(b):
                group_of[m.event_id] = a
                members[a].append(m)
        elif r.action == "split":
            g = group_of.get(r.anchor)
            if g is None:
                continue
            group = members[g]
            leaving = _leaving(group, r, orig)
            if not leaving or len(leaving) == len(group):
                continue
            members[g] = [m for m in group if m.event_id not in leaving]
            members[fresh] = [m for m in group if m.event_id in leaving]
            group_of.update((i, fresh) for i in leaving)
            fresh += 1
    return [ms for ms in members.values() if ms]


def _leaving(group: Sequence[Mention], r: Review, orig: dict[str, int]) -> set[str]:
    """The members of the anchor's group a split takes out: the mentions it names; the ones dedup
    clustered with those and not with the anchor; and, of the ones dedup clustered with both,
    those that match a named mention better than the anchor (ties stay)."""
    wanted = set(r.mentions)
    named = [m for m in group if m.event_id in wanted]
    anchor = next((m for m in group if m.event_id == r.anchor), None)
    if not named or anchor is None:
        return set()
    theirs, home = {orig[m.event_id] for m in named}, orig[r.anchor]
    out = {m.event_id for m in named}
    for m in group:
        if m.event_id in out or m.event_id == r.anchor or orig[m.event_id] not in theirs:
            continue
        if orig[m.event_id] != home or min(link_score(m, x) for x in named) < link_score(m, anchor):
            out.add(m.event_id)
    return out


def touches(r: Review, ids: set[str]) -> bool:
    """Whether review ``r`` bears on an event with these mention ids."""
    if r.action in VERDICT:
        return r.anchor in ids
    return r.anchor in ids or any(m in ids for m in r.mentions)


def review_version(
    c: CanonicalEvent, fields: dict[str, object], r: Review, changes: Sequence[str]
) -> Version:
    """The version one review adds to an event."""
    try:
        day: date | None = date.fromisoformat(r.at[:10])
    except ValueError:
        day = None
    return Version(
        version=len(c.versions) + 1,
        as_of=day,
        reported_by=(),
        changes=tuple(changes),
        fields=tuple(fields.items()),
        review=r,
    )


def reviewed(c: CanonicalEvent, reviews: Sequence[Review]) -> CanonicalEvent:
    """``c`` with the reviews that name its mentions replayed on it, in order."""
    ids = {m.event_id for m in c.mentions}
    mine = [r for r in reviews if touches(r, ids)]
    if not mine:
        return c
    fields = dict(c.fields)
    status = c.review
    for r in mine:
        changes = [k for k, v in r.fields if k in fields and fields[k] != v] if r.action == "correct" else []
        fields.update((k, v) for k, v in r.fields if k in fields)
        status = VERDICT.get(r.action, "corrected")
        c = replace(
            c, fields=tuple(fields.items()), versions=(*c.versions, review_version(c, fields, r, changes))
        )
    return replace(c, review=status)


def apply_reviews(canon: Sequence[CanonicalEvent], reviews: Iterable[Review]) -> list[CanonicalEvent]:
    """Canonical events with every review replayed (see the module docstring); ordered by first
    report, like ``dedup.dedup_events``. With no reviews, ``canon`` as it is."""
    ordered = review_order(reviews)
    if not ordered:
        return list(canon)
    kept = {frozenset(m.event_id for m in c.mentions): c for c in canon}
    out = []
    for group in regroup(canon, ordered):
        same = kept.get(frozenset(m.event_id for m in group))
        out.append(reviewed(same if same is not None else canonicalize(group), ordered))
    return sorted(out, key=lambda c: c.mentions[0].report_key())
