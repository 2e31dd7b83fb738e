"""Admin words and the areas they call for: "Katsina State", "Guernsey County", "Northern Region".

An admin word after a name calls for an admin area of that name, never a country, and the
gazetteer may know the area by its name alone ("Northern" in Ghana) or only in full ("Karak
District"). The words are the language's (``PlaceWords``). And the story's own area: where an
event goes when the text ties it to no place.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..lang import PlaceNames, PlaceWords
from ..records import Place
from .gazetteer import Gazetteer, normalize
from .phrases import text_of
from .recognise import Cand

__all__ = ["abroad", "admin_options", "area_word", "compass_area", "named_region", "story_home"]


def area_word(c: Cand) -> str:
    """The admin word that ends a toponym ("state" of "Katsina State"), lower case, or ""."""
    doc = c.span.doc
    tail = text_of(doc)[c.span.start_char : c.end].split()
    return tail[-1].lower() if len(tail) > 1 else ""


def _merge(*lists: list[tuple[Place, int]]) -> list[tuple[Place, int]]:
    """Candidate lists joined, a place named several ways keeping its best kind of match."""
    best: dict[int | None, tuple[Place, int]] = {}
    for p, kind in (pk for options in lists for pk in options):
        if p.geonameid not in best or kind < best[p.geonameid][1]:
            best[p.geonameid] = (p, kind)
    return list(best.values())


def compass_area(c: Cand, words: PlaceWords) -> bool:
    """A name that is only a direction before an admin word ("Central District", "Northern Region")."""
    span = c.span
    return (
        len(span) > 1
        and span[-1].lower_ in words.ADMIN_WORDS
        and all(t.lower_ in words.COMPASS for t in span[:-1])
    )


def admin_options(
    c: Cand, options: list[tuple[Place, int]], gaz: Gazetteer, words: PlaceWords, country: str | None = None
) -> list[tuple[Place, int]]:
    """An admin word calls for an admin area, never a country ("Guernsey County", "Niger State").

    "Katsina State" recognised as "Katsina" + "State": the places called so in full too.
    "Northern Region", "Kunduz Province" as one span: the admin areas called by the name without
    its admin word too ("Northern" in Ghana, not only Uganda's "Northern Region"). A name that is
    only a direction ("Central District") is only an area of the document's ``country``: none
    while that is unknown.
    """
    word = area_word(c)
    if word in words.ADMIN_WORDS and c.end > c.span.end_char:
        full = gaz.candidates(text_of(c.span.doc)[c.span.start_char : c.end])[:50]
        options = [(p, k) for p, k in _merge(full, options) if p.feature_code not in ("PCLI", "CONT")]
    if len(c.span) < 2 or c.span[-1].lower_ not in words.ADMIN_WORDS:
        return options
    bare = [
        (p, kind) for p, kind in gaz.candidates(c.span[:-1].text)[:50] if p.feature_code in ("ADM1", "ADM2")
    ]
    options = _merge(options, bare) if bare else options
    if compass_area(c, words):
        return [(p, kind) for p, kind in options if country is not None and p.country == country]
    return options


HOME_SHARE = 0.6  # the share of a story's places one admin1 area must hold to be its home
HOME_NAMES = 2  # ... and how many different names


def story_home(
    places: Sequence[tuple[str, Place]], focus: str | None, gaz: Gazetteer, filed: Sequence[Place] = ()
) -> tuple[Place, int, str] | None:
    """Where an event goes when the text ties it to no place: the admin1 area holding most of the
    story's places (names, not mentions) when one does, else the story's country; precision 3.
    A story that names no place but its dateline is the dateline's admin1 area's ("PESHAWAR - A
    suicide attack at a mosque in <a quarter no gazetteer knows>"), never the dateline's town.

    Args:
        places: (name as written, place) of the story's literal toponyms that can place an event.
        focus: the story's country (ISO2), if known.
        gaz: the gazetteer.
        filed: the place of the story's dateline, if any.
    """
    if not places and filed and filed[0].admin1 and (focus is None or focus == filed[0].country):
        area = gaz.admin1(filed[0].admin1, filed[0].country or "")
        if area:
            return area[0], 3, area[0].name
    if focus is None:
        return None
    names: dict[str, set[str]] = defaultdict(set)
    for name, p in places:
        if p.country == focus and p.admin1 and p.feature_code not in ("PCLI", "CONT"):
            names[p.admin1].add(name.lower())
    total = sum(len(v) for v in names.values())
    if total:
        admin1, named = max(names.items(), key=lambda kv: (len(kv[1]), kv[0]))
        area = gaz.admin1(admin1, focus)
        if area and len(named) >= HOME_NAMES and len(named) >= HOME_SHARE * total:
            return area[0], 3, area[0].name
    country = gaz.country(focus)
    return (country, 3, country.name) if country is not None else None


def named_region(name: str, gaz: Gazetteer, names: PlaceNames) -> Place | None:
    """A region the gazetteer lacks, as the first-level areas it covers: those the language's table
    names ("Donbas", "Lower Shabelle"), else those named after it ("Darfur": North, South, West,
    Central and East Darfur; "Kivu": Nord-Kivu and Sud-Kivu) when at least two, all in one country.
    One area is itself; several, a point at their mean."""
    row = _regions(names).get(normalize(name))
    if row is not None:
        country, covered = row
        areas: tuple[Place, ...] = tuple(a for n in covered for a in gaz.admin1(n, country)[:1])
    else:
        areas = gaz.admin1_with_word(name)
        if len(areas) < 2:
            return None
    if not areas or len({p.country for p in areas}) != 1:
        return None
    if len(areas) == 1:
        return areas[0]
    lat = sum(p.latitude for p in areas) / len(areas)
    lon = sum(p.longitude for p in areas) / len(areas)
    population = sum(p.population for p in areas)
    return Place(name, round(lat, 4), round(lon, 4), areas[0].country, None, None, "L", "RGN", population)


_REGION_KEYS: dict[int, dict[str, tuple[str, tuple[str, ...]]]] = {}


def _regions(names: PlaceNames) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The language's region table keyed by normalised name (made once per table)."""
    table = names.REGIONS
    if id(table) not in _REGION_KEYS:
        _REGION_KEYS[id(table)] = {normalize(k): v for k, v in table.items()}
    return _REGION_KEYS[id(table)]


FOCUS_SURE = 2.0  # country evidence that makes a story's country sure
ONE_NAME = 1.0  # the evidence one name adds for its own country


def abroad(c: Cand, best: Place, focus: str | None, counts: Mapping[str, float], words: PlaceWords) -> bool:
    """A district, quarter or village of a story surely about ``focus`` that only a foreign place of
    that name (and nothing else in the story) would put abroad: unknown, not a wrong town."""
    doc, i, j = c.span.doc, c.span.start, c.span.end
    said = (  # "the village of Solhan", "Solhan village"
        i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in words.SETTLEMENT_OF
    ) or (j < len(doc) and doc[j].lower_ in words.SETTLEMENT_AFTER)
    local = (
        said
        or c.region
        or c.listed_with_settlement
        or area_word(c) in words.ADMIN_WORDS | words.SETTLEMENT_AFTER
    )
    return (
        local
        and focus is not None
        and bool(best.country)
        and not compass_area(c, words)  # "east Africa", "the South Coast": areas, not local names
        and best.country != focus
        and counts.get(focus, 0.0) >= FOCUS_SURE
        and counts.get(best.country or "", 0.0) <= ONE_NAME
        and not any(p.country == focus for p, _ in c.options)
    )
