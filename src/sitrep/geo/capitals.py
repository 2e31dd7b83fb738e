"""Capitals named by whose they are: "Chad's capital", "the Chadian capital", "the capital of
Chad", "the capital" (the story's country), "the provincial capital" (the story's first-level area).

A national capital is the country's capital city (``Gazetteer.capital``); an area's capital is its
most populous town (``Gazetteer.admin1_capital``: the gazetteer has no seats of areas). Neither is
a place name, so ``sitrep geoparse`` does not list them. Not a capital: "the commercial capital",
"capital markets", nor one the text names at once ("the capital, Bamako", "Goma, the provincial
capital"): that name is the toponym. The words are the language's (``PlaceWords``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from ..lang import PlaceWords
from ..records import Place
from .gazetteer import Gazetteer
from .phrases import run_after, run_before, titled

__all__ = ["Capital", "admin_capitals", "capital_phrases", "national_capitals"]

STORY = ""  # whose capital: the story's own country or area


@dataclass(frozen=True, slots=True)
class Capital:
    """The word "capital" and whose it is: a country (ISO2) or an area (its name), STORY for the
    story's own."""

    word: Span
    country: str | None  # None: an area's capital
    area: str | None = None  # the area's name as written, STORY for the story's first-level area


def capital_phrases(doc: Doc, gaz: Gazetteer, words: PlaceWords) -> list[Capital]:
    """Every "capital" the text names by whose it is."""
    found: list[Capital] = []
    for tok in doc:
        if tok.lower_ not in words.CAPITAL_WORDS or tok.pos_ != "NOUN":
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.lower_ not in words.CAPITAL_THEN:
            continue  # "capital markets", "the capital Bamako"
        after = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
        if nxt is not None and nxt.text == "," and after is not None and titled(after):
            continue  # "the capital, Bamako"
        if _after_a_name(doc, tok, words):
            continue  # "Goma, the provincial capital"
        capital = _whose_capital(doc, tok, gaz, words)
        if capital is not None:
            found.append(capital)
    return found


def _after_a_name(doc: Doc, tok: Token, words: PlaceWords) -> bool:
    """ "Nairobi, the capital": the capital in apposition to the name right before it."""
    i = tok.i - 1
    while i >= 0 and (doc[i].pos_ == "ADJ" or doc[i].lower_ in words.LEADING_DROP | words.ADMIN_CAPITAL):
        i -= 1
    return i >= 1 and doc[i].text == "," and titled(doc[i - 1])


def _whose_capital(doc: Doc, tok: Token, gaz: Gazetteer, words: PlaceWords) -> Capital | None:
    """Whose capital ``tok`` is, or None for none."""
    word = doc[tok.i : tok.i + 1]
    before = list(doc[max(0, tok.i - 4) : tok.i])
    if any(t.lower_ in words.NOT_NATIONAL for t in before[-2:]):
        return None
    admin = any(t.lower_ in words.ADMIN_CAPITAL for t in before[-2:])
    untaken = [False] * len(doc)
    if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of":  # "the capital of Chad"
        k = tok.i + 3 if doc[tok.i + 2].lower_ in words.LEADING_DROP else tok.i + 2
        run = run_after(doc, k, untaken, words)
        country = gaz.country_by_name(run.text) if run is not None else None
        if country is not None and country.country and not admin:
            return Capital(word, country.country)
        return Capital(word, None, run.text) if run is not None and gaz.admin1(run.text) else None
    if admin:
        return Capital(word, None, STORY)
    if before and before[-1].lower_ in words.POSSESSIVE:  # "Chad's capital", "the country's capital"
        owner = run_before(doc, tok.i - 1, untaken, words)
        if owner is None:
            prev = doc[tok.i - 2] if tok.i >= 2 else None
            return Capital(word, STORY) if prev is not None and prev.lower_ in words.COUNTRY_OWNERS else None
        country = gaz.country_by_name(owner.text)
        return Capital(word, country.country) if country is not None and country.country else None
    if before and titled(before[-1]) and gaz.country_of_demonym(before[-1].text):  # "the Chadian capital"
        return Capital(word, gaz.country_of_demonym(before[-1].text))
    return Capital(word, STORY) if before and before[-1].lower_ in words.LEADING_DROP else None


class Named(Protocol):
    """What the capital rules read and set on a recognised name (``recognise.Cand``; a protocol
    here, so this module does not import the one that imports it)."""

    capital: Capital | None
    place: Place | None
    how: str
    precision: int | None
    score: float


def national_capitals(cands: Sequence[Named], gaz: Gazetteer, country: str | None) -> None:
    """Resolve each country's capital; the story's own is ``country``'s."""
    for c in cands:
        if c.capital is None or c.capital.country is None:
            continue
        place = gaz.capital(c.capital.country or country or "")
        c.place, c.how, c.precision, c.score = (
            (place, "capital", 1, 0.8) if place else (None, "drop", None, 0.0)
        )


def admin_capitals(cands: Sequence[Named], gaz: Gazetteer, country: str | None) -> None:
    """Resolve each area's capital: the named area's, or that of the area most of the story's
    resolved places lie in."""
    named = Counter(
        c.place.admin1
        for c in cands
        if c.place is not None and c.place.country == country and c.place.admin1 and c.capital is None
    )
    for c in cands:
        if c.capital is None or c.capital.country is not None or country is None:
            continue
        area = c.capital.area or (named.most_common(1)[0][0] if named else None)
        areas = gaz.admin1(area, country) if area else []
        place = gaz.admin1_capital(areas[0]) if areas else None
        c.place, c.how, c.precision, c.score = (
            (place, "capital", 1, 0.6) if place else (None, "drop", None, 0.0)
        )
