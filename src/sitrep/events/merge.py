"""One happening told several times in one article becomes one draft ("the attack ... the assault left").

Mentions merge when they are compatible (same type, compatible place, date and actor), when a
definite reference points back to one already told ("the nerve agent attack"), when a generic
word joins the explosion told ("the blast"), or when the next sentence elaborates the last one
with no place or date of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import taxonomy as T
from ..geodesy import distance_km
from ..records import Place
from ..taxonomy import ARMED_KINDS, STATE_KINDS
from .actors import Actor
from .draft import Draft

SAME_PLACE_KM = 25.0  # two places of one article closer than this can be one place
SAME_SPOT_KM = 5.0  # two towns named this close are one spot under two names (a city and its district)
SAME_DAY_SLACK = 2  # days two text-dated mentions may differ and still be one happening
UNDATED_SLACK = 7  # days between a text-dated mention and an undated one (dated by publication)
GENERIC = frozenset({T.ARMED_CLASH, T.ATTACK})  # the types a follow-up sentence tells its event's fighting in
PROTEST_PARTS = T.DEMONSTRATIONS | {T.ARRESTS}  # told after a demonstration, with no place: part of it


def _km(a: Place, b: Place) -> float:
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


def _near(a: Draft, b: Draft) -> bool:
    """Places that can be one place: unknown, the same country at region level, or within 25 km.

    Two towns named as such (precision 1) are two places unless they are one spot under two names.
    """
    if a.place is None or b.place is None:
        return True
    if a.place.country != b.place.country:
        return False
    if _other_area(a.place, b.place) or _other_area(b.place, a.place):
        return False  # "Diyala province" and Tikrit: two first-level areas
    if (a.geo_precision or 3) == 3 or (b.geo_precision or 3) == 3:
        return True
    km = _km(a.place, b.place)
    if a.geo_precision == b.geo_precision == 1 and a.place.geonameid != b.place.geonameid:
        return km <= SAME_SPOT_KM
    return km <= SAME_PLACE_KM


def _other_area(area: Place, other: Place) -> bool:
    """A first-level area and a place known to lie in another one."""
    own = area.admin1 or area.name
    return area.feature_code == "ADM1" and other.admin1 is not None and other.admin1 != own


def _same_side(a: str, b: str) -> bool:
    """Actor kinds that can name one side: the same, an unidentified one, or two arms of the state."""
    return a == b or "unidentified" in {a, b} or {a, b} <= STATE_KINDS


def _same_time(a: Draft, b: Draft) -> bool:
    """Dates that can be one day: both told within two days, or one undated (publication) within a week.

    An undated mention is taken as news of the days before publication, so it cannot be the same
    happening as one the text dates months back ("after an air raid killed 64 in June").
    """
    if not (a.when and b.when):
        return True
    gap = abs((a.when - b.when).days)
    own_a, own_b = a.dated_by_text and not a.report_dated, b.dated_by_text and not b.report_dated
    if own_a and own_b:
        return gap <= SAME_DAY_SLACK
    if own_a or own_b:  # the day it was reported is no closer than publication
        return gap <= UNDATED_SLACK
    return True


def _doer(d: Draft) -> Actor | None:
    """Who acted: the agent, but for a demonstration the armed side that policed it (the crowd is given)."""
    if d.sub in T.DEMONSTRATIONS:
        return next((x for x in (d.agent, d.patient) if x is not None and x.kind in ARMED_KINDS), None)
    return d.agent


def compatible(a: Draft, b: Draft) -> bool:
    """Two mentions describe the same happening: same type, compatible place, date and actor; not
    when the later is told as another ("a second blast")."""
    if a.sub != b.sub or b.another:
        return False
    x, y = _doer(a), _doer(b)
    if x and y and not _same_side(x.kind, y.kind):
        return False
    if a.agent and b.agent and a.agent.country and b.agent.country and a.agent.country != b.agent.country:
        return False
    if not _same_time(a, b):
        return False
    if a.place is not None and b.place is not None and a.place.geonameid is not None:
        if a.place.geonameid == b.place.geonameid:
            return True
    return _near(a, b)


def _elaborates(a: Draft, b: Draft) -> bool:
    """b is the next sentence telling more of a (its fighting, its dead) with no place or date of its own."""
    return (
        b.sub in GENERIC
        and a.sub != b.sub
        and T.EVENT_TYPES[a.sub] == T.EVENT_TYPES[b.sub]
        and b.sent_index - a.sent_index == 1
        and b.place_inferred
        and not b.dated_by_text
        and not (a.tolls and b.tolls)
    )


def fold(a: Draft, b: Draft) -> Draft:
    """Fold mention b into a, keeping the most specific place and date and all evidence.

    b's tolls are a later telling of a's dead (``code.event_toll`` reads them), unless a was told
    with none (a headline) or for the whole country and b names the place: then b's toll is the
    event's.
    """
    summary = a.place is not None and (a.geo_precision or 3) == 3
    own_place = not (b.reference and b.place_inferred)  # a reference's sentence may be about elsewhere
    if (
        b.place is not None
        and own_place
        and (a.place is None or (b.geo_precision or 3) < (a.geo_precision or 3))
    ):
        a.place, a.geo_precision, a.place_name = b.place, b.geo_precision, b.place_name
    if b.dated_by_text and (
        not a.dated_by_text
        or a.report_dated
        and not b.report_dated
        or b.time_precision < a.time_precision
        and a.report_dated <= b.report_dated
    ):  # the event's own day beats the day it was reported, a finer day a vaguer one
        a.when, a.time_precision, a.dated_by_text = b.when, b.time_precision, True
        a.report_dated = b.report_dated
    a.agent = a.agent or b.agent
    if a.agent and b.agent and a.agent.kind == "unidentified" and b.agent.named:
        a.agent = b.agent  # "al-Shabab claimed the attack"
    if a.agent and b.agent and a.agent.country is None and not a.agent.named and b.agent.country:
        if a.agent.kind == b.agent.kind:  # "soldiers" told again as "Malian soldiers"
            a.agent = b.agent
    a.patient = a.patient or b.patient
    a.hedged = a.hedged and b.hedged
    a.generic = a.generic and b.generic
    a.confidence = max(a.confidence, b.confidence)
    a.sentences += [s for s in b.sentences if s not in a.sentences]
    if a.tolls and b.tolls and summary and (b.geo_precision or 3) < 3:
        a.tolls = b.tolls  # a toll told for a whole country covers several places: the place's own wins
    elif not a.tolls:
        a.tolls = list(b.tolls)  # a headline told no figure: the first telling with one is the event's
    else:
        a.later_tolls += b.tolls
    a.later_tolls += b.later_tolls
    return a


def _joins(m: Draft, d: Draft) -> bool:
    """d can be told of m's place: it has none of its own (inferred from its neighbours), or they are near."""
    return d.place_inferred or _near(m, d)


def _kind(sub: str) -> str:
    return T.EVENT_TYPES[sub]


def _earlier(merged: Sequence[Draft], d: Draft) -> Draft | None:
    """The draft a reference points back to, the latest told first, if any.

    A definite reference ("the bombing") joins the last event of its sub-type wherever it is
    said, or of its event type ("the bomb" after a suicide bombing) where the place allows; a
    generic explosion word ("the blast") the last explosion nearby; a demonstration, its policing
    or arrests told with no place of their own join the demonstration already told.
    """
    latest = list(reversed(merged))
    if d.definite and not d.dated_by_text:
        found = next((m for m in latest if m.sub == d.sub), None)
        if found is not None:
            return found
    if (d.definite and not d.dated_by_text) or d.generic:  # "the blast" after "a suicide bomber struck"
        found = next((m for m in latest if _kind(m.sub) == _kind(d.sub) and _joins(m, d)), None)
        if found is not None:
            return found
    if d.sub in PROTEST_PARTS and not d.sentence_place and not d.dated_by_text:
        return next((m for m in latest if m.sub in T.DEMONSTRATIONS and _joins(m, d)), None)
    return None


def _told(merged: Sequence[Draft], d: Draft) -> Draft | None:
    """The event a reference tells more of ("the attack on Saturday was on Sirba"): the latest
    violent one on a day it can share, if any."""
    kind = _kind(d.sub)
    for m in reversed(merged):
        if _kind(m.sub) in T.VIOLENT_TYPES and kind in T.VIOLENT_TYPES and _same_time(m, d):
            return m
    return None


def merge_drafts(drafts: Sequence[Draft]) -> list[Draft]:
    """The article's drafts with every mention of one happening folded into the first.

    A reference (``Draft.reference``) only adds to an event already told; alone it is dropped,
    unless it is news of its own (``own_if_alone``) or says itself when and where it happened.
    """
    merged: list[Draft] = []
    for d in drafts:
        if d.reference:
            told = _told(merged, d)
            if told is not None:
                fold(told, d)
            elif d.own_if_alone or (d.dated_by_text and d.sentence_place):
                # "Three soldiers were killed in the attack" opening a story; "Saturday's attack
                # happened outside Mandera" when the story told it only in its headline
                d.reference = False
                merged.append(d)
            continue
        for m in merged:
            if compatible(m, d):
                fold(m, d)
                break
        else:
            last = merged[-1] if merged and not d.another else None
            earlier = _earlier(merged, d) if not d.another else None
            if last is not None and _elaborates(last, d):
                fold(last, d)
            elif earlier is not None:
                if d.sub in T.ABSORBS and earlier.sub in T.ABSORBS[d.sub]:
                    earlier.sub = d.sub  # a protest that turns into a riot is one violent demonstration
                fold(earlier, d)  # "the nerve agent attack" again: the one already told, wherever said
            else:
                merged.append(d)
    return _named_kinds(merged)


def _named_kinds(merged: list[Draft]) -> list[Draft]:
    """An explosion told only as "a blast" before the text says what it was ("a suicide bomber")
    is that explosion: ACLED's hierarchy, not two parallel codings."""
    out: list[Draft] = []
    for d in merged:
        if d.generic and not d.reference and not d.another:
            specific = next(
                (
                    m
                    for m in merged
                    if m is not d
                    and not m.generic
                    and _kind(m.sub) == _kind(d.sub)
                    and _same_time(m, d)
                    and (_joins(m, d) or _joins(d, m))
                ),
                None,
            )
            if specific is not None:
                fold(specific, d)
                continue
        out.append(d)
    return out
