"""``GeoContext``: what the geo stage found in one document, and the place of an event within it.

``resolve.geoparse`` makes it; the event stage asks ``place_for_span`` where an event's evidence
happened; ``sitrep geoparse`` prints ``GeoContext.listed`` as ``geoparse_row``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..geodesy import destination, distance_km
from ..records import Place, Toponym

__all__ = [
    "ASIDE",
    "REFERENCE",
    "SPEAKER",
    "GeoContext",
    "Locator",
    "moved_place",
    "TopoInfo",
    "geoparse_row",
    "place_for_span",
    "toponym_dict",
]

# Why a toponym is not an event's place (``roles.py`` says which is which).
SPEAKER, ACTOR, DATELINE, BORDER, REFERENCE = "speaker", "actor", "dateline", "border", "reference"
OWNER, PROVENANCE, DESIGNATION = "owner", "provenance", "designation"
ASIDE = frozenset(
    {SPEAKER, ACTOR, DATELINE, BORDER, OWNER, PROVENANCE, DESIGNATION}
)  # never; REFERENCE: last
NEAR_REFERENCE_KM = 100.0  # a place moved from its reference point by up to this is precision 2
_COARSE = frozenset({"PCLI", "CONT"})  # no finer than a country
NO_SIDE_KM = 50.0  # a part of an area whose point is this near the area's own is its middle


@dataclass(frozen=True, slots=True)
class TopoInfo:
    """How one toponym was resolved and what it means for choosing an event location."""

    precision: int | None  # 1 the named town, 2 tied to a nearby town, 3 region/country; None unresolved
    # "gazetteer", "country", "admin1", "admin2", "region", "linked", "capital", "focus", "unresolved"
    how: str
    region: bool = False  # "northern Mali", "the Y region": an area, not a point
    linked_to: str | None = None  # the name (as written) of the place it was tied to
    origin: bool = False  # "speaking from Paris": where someone spoke from, not where it happened
    prep: str | None = None  # the preposition right before it ("in", "near", "from")
    source: str = "ner"  # "ner" (spaCy span) or "gazetteer" (capitalised run found in the gazetteer)
    at: bool = False  # the preposition puts something at the place ("in", "near")
    away: bool = False  # the preposition points away from it ("from")
    # Why it is not an event's place (roles.py): "speaker", "actor", "dateline", "border", "owner",
    # "provenance", "designation", or "reference" (used only when the text names nothing else).
    aside: str | None = None
    # A reference point's (km or 0, bearing or -1); for a name tied to one, the tie's: an event
    # there is moved by it ("Dabanka, 30 km north of Mopti"), the name's own entry stays at Mopti.
    offset: tuple[float, float] | None = None
    whole: Place | None = None  # for a part of an area ("northern Kenya"), the whole area (Kenya)


@dataclass(frozen=True, slots=True)
class GeoContext:
    """Every toponym of one document, the document's main country, and per-toponym details."""

    toponyms: tuple[Toponym, ...]
    focus_country: str | None
    info: Mapping[int, TopoInfo] = field(default_factory=dict)  # keyed by Toponym.start
    country_counts: Mapping[str, float] = field(default_factory=dict)
    # Adjectival and embedded mentions ("Russian officials", "Air Zimbabwe"): toponyms by the
    # GeoWebNews guidelines, never event locations (see mentions.py).
    mentions: tuple[Toponym, ...] = ()
    # Where an event goes when the text ties it to no place: the story's admin1 area when its places
    # gather in one, else its country; precision 3. None when the story's country is unknown.
    home: tuple[Place, int, str] | None = None

    def listed(self) -> tuple[Toponym, ...]:
        """The document's place names as ``sitrep geoparse`` lists them, in text order.

        Literal places and adjectival/embedded mentions alike (unresolved ones too); names the
        gazetteer lacks and the text ties to no known place are left out (the event stage still
        codes them at the document's country, geo_precision 3), and so are capitals named by
        whose they are ("Chad's capital"), which are no place names.
        """
        guessed = {start for start, info in self.info.items() if info.how in ("focus", "capital")}
        ordered = sorted((*self.toponyms, *self.mentions), key=lambda t: t.start)
        return tuple(t for t in ordered if t.start not in guessed)


def toponym_dict(t: Toponym) -> dict[str, Any]:
    """One toponym as ``sitrep geoparse`` prints it (an unresolved one has null coordinates).

    Returns:
        start, end, name, lat, lon, geonameid, country, feature_code, admin1, score.
    """
    p = t.place
    return {
        "start": t.start,
        "end": t.end,
        "name": t.name,
        "lat": None if p is None else round(p.latitude, 5),
        "lon": None if p is None else round(p.longitude, 5),
        "geonameid": None if p is None else p.geonameid,
        "country": None if p is None else p.country,
        "feature_code": None if p is None else p.feature_code,
        "admin1": None if p is None else p.admin1,
        "score": round(t.score, 3),
    }


def geoparse_row(doc_id: str, toponyms: Iterable[Toponym]) -> dict[str, Any]:
    """One document as ``sitrep geoparse`` prints it: ``{"id", "toponyms": [toponym_dict, ...]}``."""
    return {"id": doc_id, "toponyms": [toponym_dict(t) for t in toponyms]}


def place_for_span(
    ctx: GeoContext,
    start: int,
    end: int,
    *,
    anchor: int | None = None,
    within: str | None = None,
    side: tuple[Place, Place] | None = None,
) -> tuple[Place, int, str] | None:
    """The place of an event whose evidence is ``text[start:end]``.

    Args:
        ctx: the document's GeoContext.
        start: evidence start (char offset).
        end: evidence end (char offset).
        anchor: the trigger's char offset; the nearest toponym wins among equals.
        within: only a place finer than a country inside this one (ISO2): a country named by the
            evidence is made precise by its neighbourhood ("riots in Kenya ... in Eldoret").
        side: (part, whole): only a place in that part of the whole ("northern Kenya": a place
            nearer its northern point than the mirror of that point across Kenya's own).

    Returns:
        (place, geo_precision 1-3, the place name as written), or None when the span has no
        usable toponym (the caller then looks at the previous sentence or paragraph).
    """
    best: tuple[tuple[int, int, int, int, int], Toponym, TopoInfo] | None = None
    mid = anchor if anchor is not None else (start + end) // 2
    for t in ctx.toponyms:
        if t.start < start or t.end > end or t.place is None:
            continue
        info = ctx.info.get(t.start)
        if info is None or info.precision is None or info.origin or info.aside in ASIDE:
            continue
        if within is not None and (t.place.country != within or t.place.feature_code in _COARSE):
            continue
        if side is not None and not in_part(t.place, *side):
            continue
        key = (
            1 if info.away else 0,
            1 if info.aside == REFERENCE else 0,
            1 if info.precision == 3 else 0,
            0 if info.at else 1,
            abs(t.start - mid),
        )
        if best is None or key < best[0]:
            best = (key, t, info)
    if best is None:
        return None
    _, topo, info = best
    assert topo.place is not None and info.precision is not None
    if info.aside == REFERENCE or (info.how == "linked" and info.offset is not None):
        return (*moved_place(topo.place, info.precision, info.offset), topo.name)
    return topo.place, info.precision, topo.name


def moved_place(place: Place, precision: int, offset: tuple[float, float] | None) -> tuple[Place, int]:
    """ "20 km north of Gao": Gao moved 20 km north, at precision 2 (3 beyond 100 km); "north of
    Gao" or "20 km from Gao": Gao itself, at precision 3 or 2."""
    km, bearing = offset if offset is not None else (0.0, -1.0)
    near = 2 if 0 < km <= NEAR_REFERENCE_KM else 3
    if km <= 0 or bearing < 0:
        return place, max(precision, near if km > 0 else 3)
    lat, lon = destination(place.latitude, place.longitude, km, bearing)
    moved = replace(
        place, latitude=round(lat, 4), longitude=round(lon, 4), geonameid=None, feature_code="RGN"
    )
    return moved, max(precision, near)


def in_part(place: Place, part: Place, whole: Place) -> bool:
    """A place in the part of an area a direction names: inside the area, and nearer the part's point
    than the mirror of that point across the area's own (north of Kenya's middle for "northern
    Kenya"); a part whose point is near the area's own ("central Kenya") has no side to check."""
    if whole.feature_code == "ADM1" and place.admin1 != (whole.admin1 or whole.name):
        return False
    if distance_km(part.latitude, part.longitude, whole.latitude, whole.longitude) < NO_SIDE_KM:
        return True
    mirror_lat = 2 * whole.latitude - part.latitude
    mirror_lon = 2 * whole.longitude - part.longitude
    own = distance_km(place.latitude, place.longitude, part.latitude, part.longitude)
    return own <= distance_km(place.latitude, place.longitude, mirror_lat, mirror_lon)


PlaceFn = Callable[..., "tuple[Place, int, str] | None"]


@dataclass(frozen=True, slots=True)
class Locator:
    """Where the events of one document happened, for the event stage.

    Called with a span of the text, it gives that span's place (``place_fn``, the configured
    geocoder's, normally ``place_for_span``), ignoring everything before ``skip`` (a wire dateline);
    ``finer`` gives a place inside a country or a part of one; ``home`` the story's own, when
    nothing else does.
    """

    ctx: GeoContext
    place_fn: PlaceFn = place_for_span
    skip: int = 0

    def __call__(self, start: int, end: int, anchor: int | None = None) -> tuple[Place, int, str] | None:
        """The place of an event whose evidence is ``text[start:end]`` (see ``place_for_span``)."""
        start = max(start, self.skip)
        return self.place_fn(self.ctx, start, end, anchor=anchor) if start < end else None

    def finer(self, start: int, end: int, found: tuple[Place, int, str]) -> tuple[Place, int, str] | None:
        """A place named in ``text[start:end]`` inside the country or the part of one that ``found``
        names ("northern Kenya"), finer than it; None when ``found`` is no country or part of one the
        text names (a guess for an unknown name, the home)."""
        place, _, name = found
        named = [self.ctx.info[t.start] for t in self.ctx.toponyms if t.name == name]
        country = any(i.how == "country" for i in named)
        whole = next((i.whole for i in named if i.how == "region" and i.whole is not None), None)
        start = max(start, self.skip)
        if not (country or whole) or start >= end or place.country is None:
            return None
        side = (place, whole) if whole is not None and not country else None
        return self.place_fn(self.ctx, start, end, anchor=None, within=place.country, side=side)

    def home(self) -> tuple[Place, int, str] | None:
        """The story's admin1 area or country at precision 3 (``GeoContext.home``); for a story
        that gives none, the place of its dateline at precision 3 (a point to start from)."""
        if self.ctx.home is not None:
            return self.ctx.home
        filed = next((t for t in self.ctx.toponyms if t.end <= self.skip and t.place is not None), None)
        return (filed.place, 3, filed.name) if filed is not None and filed.place is not None else None


def can_place(t: Toponym, info: Mapping[int, TopoInfo]) -> bool:
    """A toponym that can be an event's place: resolved, not a guess, not set aside."""
    i = info[t.start]
    return (
        t.place is not None
        and i.precision is not None
        and i.how != "focus"
        and not i.origin
        and i.aside is None
    )
