"""Admin words and the areas they call for: "Katsina State", "Guernsey County", "Northern Region".

An admin word after a name calls for an admin area of that name, never a country, and the
gazetteer may know the area by its name alone ("Northern" in Ghana) or only in full ("Karak
District"). The words are the language's (``PlaceWords``).
"""

from __future__ import annotations

from ..lang import PlaceWords
from ..records import Place
from .gazetteer import Gazetteer
from .recognise import Cand

__all__ = ["admin_options", "area_word", "compass_area"]


def area_word(c: Cand) -> str:
    """The admin word that ends a toponym ("state" of "Katsina State"), lower case, or ""."""
    doc = c.span.doc
    tail = doc.text[c.span.start_char : c.end].split()
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
        full = gaz.candidates(c.span.doc.text[c.span.start_char : c.end])[:50]
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
