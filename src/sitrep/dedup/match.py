"""Whether two mentions can report the same happening, how close they are, and why.

Two **placed** mentions (geo_precision 1–2, with coordinates) match (``score``) when all hold:

- same **blocking key**: country and type family (``family``);
- **type**: same family, and for territory and strategic developments a compatible sub-type;
- **date**: closer than the wider window of the two time precisions (``DATE_WINDOW``);
- **place**: closer than the wider radius of the two geo precisions (``PLACE_RADIUS_KM``);
- **actors**: each side unknown, unidentified, or the same (either order for armed clashes);
- **different documents**: one article's extractor already merged its own mentions.

An update of the same story (a near copy whose text differs: ``Mention.story``) matches the
earlier versions' mentions of a compatible type whatever else it changed (``revision``).

A **vague** mention (geo_precision 3: a region or the whole country, or no coordinates) says
too little about where to be merged by distance alone. It joins a placed happening only when it
*fits* it (``fits``): the same sub-type, date and actors, and a place that contains it (the same
country for a country-level report; the same first-level area, or within the region radius, for
a region). The clustering (``cluster``) lets it join only when exactly one happening fits.

``explain`` says why two mentions were joined, in the terms an analyst checks: distance, day gap,
type family, shared actors.
"""

from __future__ import annotations

import math

from ..geodesy import distance_km
from ..records import Event, Link, Mention
from ..taxonomy import STRICT_FAMILIES, SYMMETRIC_SUBTYPES, WILDCARD_SUBTYPES, family

# Days two dates may differ, by time_precision (1 the day, 2 within a week, 3 vaguer).
DATE_WINDOW: dict[int, int] = {1: 1, 2: 7, 3: 31}
# Kilometres two points may differ, by geo_precision (1 the place, 2 near it, 3 region/country).
PLACE_RADIUS_KM: dict[int, float] = {1: 15.0, 2: 60.0, 3: 300.0}
MAX_WINDOW = max(DATE_WINDOW.values())
SUBTYPE_PENALTY = 0.5  # sibling sub-types of one family are a weaker match than the same sub-type
REVISION_SCORE = 2.5  # an update of the same story that moved the place or date: the weakest match


def family_of(m: Mention) -> str:
    """Type family of a mention (blocking key)."""
    return family(m.event.event_type, m.event.sub_event_type)


def block(m: Mention) -> tuple[str, str]:
    """Blocking key: (country, type family)."""
    return (m.event.country or "", family_of(m))


def window(m: Mention) -> int:
    """Days this mention's date may be off, by its time precision."""
    return DATE_WINDOW.get(m.event.time_precision, MAX_WINDOW)


def is_vague(e: Event) -> bool:
    """True for a country- or region-level place (geo_precision 3) or no coordinates at all."""
    return e.latitude is None or e.longitude is None or (e.geo_precision or 3) >= 3


def _actor(value: str | None) -> str | None:
    """Normalised actor name; None for unknown or unidentified (they match anyone)."""
    if not value:
        return None
    v = " ".join(value.casefold().split())
    return None if v.startswith("unidentified") else v


def _same_side(a: str | None, b: str | None) -> bool:
    x, y = _actor(a), _actor(b)
    return x is None or y is None or x == y


def _swapped(a: Event, b: Event) -> bool:
    symmetric = a.sub_event_type in SYMMETRIC_SUBTYPES and b.sub_event_type in SYMMETRIC_SUBTYPES
    return symmetric and _same_side(a.actor1, b.actor2) and _same_side(a.actor2, b.actor1)


def actors_compatible(a: Event, b: Event) -> bool:
    """Each side unknown or the same; armed clashes and riots may name the sides in either order."""
    return (_same_side(a.actor1, b.actor1) and _same_side(a.actor2, b.actor2)) or _swapped(a, b)


def types_compatible(a: Event, b: Event) -> bool:
    """Same family; strict families also need the same sub-type (or a wildcard one)."""
    fa = family(a.event_type, a.sub_event_type)
    if fa != family(b.event_type, b.sub_event_type):
        return False
    if fa not in STRICT_FAMILIES or a.sub_event_type == b.sub_event_type:
        return True
    return a.sub_event_type in WILDCARD_SUBTYPES or b.sub_event_type in WILDCARD_SUBTYPES


def _days(a: Mention, b: Mention) -> int | None:
    da, db = a.day, b.day
    return None if da is None or db is None else abs((da - db).days)


def date_gap(a: Mention, b: Mention) -> float | None:
    """Days between the two mentions, as a fraction of the allowed window (None: too far apart)."""
    gap = _days(a, b)
    if gap is None:
        return 1.0  # undated: compatible, but the weakest match
    allowed = max(window(a), window(b))
    return gap / allowed if gap <= allowed else None


def _km(a: Event, b: Event) -> float | None:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


def _radius(e: Event) -> float:
    return PLACE_RADIUS_KM.get(e.geo_precision or 3, PLACE_RADIUS_KM[3])


def place_gap(a: Event, b: Event) -> float | None:
    """Distance as a fraction of the allowed radius (None: too far apart)."""
    d = _km(a, b)
    if d is None:
        if a.admin1 and b.admin1 and a.admin1 != b.admin1 and a.geo_precision == b.geo_precision == 1:
            return None
        return 1.0
    radius = max(_radius(a), _radius(b))
    return d / radius if d <= radius else None


def common(a: Mention, b: Mention) -> bool:
    """The checks every match shares: other documents, one block, compatible types and actors."""
    if a.doc_id == b.doc_id or block(a) != block(b):
        return False
    return types_compatible(a.event, b.event) and actors_compatible(a.event, b.event)


def revision(a: Mention, b: Mention) -> bool:
    """Two versions of one story (near copies): compatible types, whatever else the update changed."""
    if a.story is None or a.story != b.story or a.doc_id == b.doc_id or block(a) != block(b):
        return False
    return types_compatible(a.event, b.event)


def _near(a: Mention, b: Mention) -> float | None:
    if not common(a, b):
        return None
    dg = date_gap(a, b)
    pg = place_gap(a.event, b.event) if dg is not None else None
    if dg is None or pg is None:
        return None
    return dg + pg + (0.0 if a.event.sub_event_type == b.event.sub_event_type else SUBTYPE_PENALTY)


def score(a: Mention, b: Mention) -> float | None:
    """How far apart two mentions are (0 = identical), or None when they cannot be one happening.

    An update of the same story (``revision``) may change the toll, the date, the place or the
    actors and still be the same happening: it matches, as the weakest kind of match.
    """
    s = _near(a, b)
    if s is None and revision(a, b):
        return REVISION_SCORE + (0.0 if a.event.sub_event_type == b.event.sub_event_type else SUBTYPE_PENALTY)
    return s


def _contains(vague: Event, placed: Event) -> bool:
    """Whether a vague place can hold a placed one: its country, its first-level area, or nearby."""
    if vague.latitude is None or vague.longitude is None or not vague.admin1:
        return True  # the whole country (or no place at all): the block already says same country
    if placed.admin1 and placed.admin1 == vague.admin1:
        return True
    return place_gap(vague, placed) is not None


def fits(vague: Mention, placed: Mention) -> float | None:
    """How well a vague mention fits a placed one (lower is better), or None when it does not.

    Fitting is stricter than matching on everything but distance: the same sub-type, dates
    within the window, compatible actors, and a vague place that contains the placed one.
    """
    if revision(vague, placed):
        return 0.0
    if not common(vague, placed) or vague.event.sub_event_type != placed.event.sub_event_type:
        return None
    dg = date_gap(vague, placed)
    if dg is None or not _contains(vague.event, placed.event):
        return None
    return dg


def compatible(a: Mention, b: Mention) -> bool:
    """True when two mentions can report the same happening (by distance, or a vague one fitting)."""
    if score(a, b) is not None:
        return True
    va, vb = is_vague(a.event), is_vague(b.event)
    return (va and not vb and fits(a, b) is not None) or (vb and not va and fits(b, a) is not None)


def link_score(a: Mention, b: Mention) -> float:
    """How close two members of one happening are (for picking the one to explain a join by)."""
    s = score(a, b)
    if s is not None:
        return s
    va, vb = is_vague(a.event), is_vague(b.event)
    f = fits(a, b) if va and not vb else fits(b, a) if vb and not va else None
    return math.inf if f is None else 2.0 + f


def _rule(m: Mention, to: Mention) -> str:
    if revision(m, to):
        return "revision"  # an update of the same story (a near copy of its text)
    vm, vt = is_vague(m.event), is_vague(to.event)
    if vm != vt:
        return "only-fit"  # a vague report joined to the one placed happening it fits
    return "vague" if vm else "nearby"


def _shared_actors(a: Event, b: Event) -> tuple[str, ...]:
    """The actors both name (unidentified ones too: they match, but say so)."""
    theirs = {" ".join(x.casefold().split()) for x in (b.actor1, b.actor2) if x}
    return tuple(sorted({x for x in (a.actor1, a.actor2) if x and " ".join(x.casefold().split()) in theirs}))


def explain(m: Mention, to: Mention) -> Link:
    """Why ``m`` was joined to ``to``: distance, day gap, type family, shared actors, rule."""
    km = _km(m.event, to.event)
    return Link(
        mention_id=m.event_id,
        joined_to=to.event_id,
        joined_doc=to.doc_id,
        km=None if km is None else round(km, 1),
        days=_days(m, to),
        family=family_of(m),
        sub_event_types=(m.event.sub_event_type, to.event.sub_event_type),
        shared_actors=_shared_actors(m.event, to.event),
        swapped_actors=not (
            _same_side(m.event.actor1, to.event.actor1) and _same_side(m.event.actor2, to.event.actor2)
        ),
        rule=_rule(m, to),
    )
