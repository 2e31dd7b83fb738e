"""Place mentions that are not event locations: adjectives and names inside other names.

The GeoWebNews annotation guidelines count as toponyms, besides literal places, a country or
continent used as an adjective before a noun ("a Russian legislator", "European airlines") and a
place name inside an organisation's name ("the Illinois Department of Public Health", "Air
Zimbabwe"). Demonyms that name people ("Mexicans", "the Russians") and languages ("English") are
not toponyms. Also here: literal places the model rarely tags and the event pipeline already
handles its own way: a dateline in capitals ("MANASSAS --"), a legislator's home ("D-Columbus")
and a state abbreviation after a town ("Lexington, Ky."). These mentions are kept apart from
``GeoContext.toponyms`` (``GeoContext.mentions``): ``sitrep geoparse`` prints them, the event
pipeline never places an event at them. The words (directions, party letters, news abbreviations)
are the language's (``PlaceWords``, ``PlaceNames``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from spacy.tokens import Doc, Span, Token

from ..lang import Language, PlaceWords
from ..records import Place, Toponym
from .gazetteer import Gazetteer

__all__ = ["adjective_and_embedded"]

MIN_POP = 20_000  # a town inside an organisation's name must be at least this big to count
_HOST_LABELS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})


@cache
def _abbreviations(lang: Language) -> frozenset[str]:
    """State and province abbreviations, lower case ("ky.", "ont.")."""
    names = lang.place_names
    return frozenset(a.lower() for a in (*names.US_STATE_ABBREVIATIONS, *names.ADMIN1_ABBREVIATIONS))


def _adjective_place(tokens: Span, gaz: Gazetteer, words: PlaceWords) -> Place | None:
    """The country or continent an adjective ("Russian", "North American") stands for."""
    text = tokens.text
    if text.lower().endswith(words.PEOPLE_PLURAL) and not text.lower().endswith(words.PEOPLE_NOT):
        return None  # "Russians", "Mexicans": people, not a modifier
    if gaz.country_by_name(text) or tokens[-1].ent_type_ == "LANGUAGE":
        return None
    place = gaz.demonym_place(text)
    if place is None:
        iso = gaz.country_of_demonym(text)
        place = gaz.country(iso) if iso else None
    return place


def _modifies(tok: Token, words: PlaceWords) -> bool:
    """The word after an adjective is a word it can modify (not "in", not the end of a sentence)."""
    doc = tok.doc
    if tok.i + 1 >= len(doc):
        return False
    nxt = doc[tok.i + 1]
    return nxt.is_alpha and nxt.lower_ not in words.LANGUAGE_NEXT and nxt.pos_ in ("NOUN", "PROPN", "ADJ")


_DATELINE_DASH = frozenset({"--", "—", "–", "\x97", "-"})


def _town(text: str, gaz: Gazetteer) -> Place | None:
    """The best place called exactly ``text`` (own name, not an alternate), if any."""
    for p, kind in gaz.candidates(text)[:20]:
        if kind == 0 and p.feature_code not in ("CONT",):
            return p
    found = [p for p in gaz.lookup(text, abbreviations=True) if p.feature_code == "ADM1"]
    return found[0] if found else None


def _datelines_and_parties(
    doc: Doc, gaz: Gazetteer, used: set[int], emit: Callable[..., None], words: PlaceWords
) -> None:
    """ "MANASSAS -- A man was..." (a dateline in capitals) and "Sen. Ray Miller, D-Columbus"
    (a legislator's party and home town): places the model rarely tags."""
    for i, tok in enumerate(doc):
        if i in used:
            continue
        start_of_line = i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_
        if start_of_line and tok.is_upper and tok.is_alpha and len(tok) > 2:
            j = i
            while j < len(doc) and j - i < 3 and doc[j].is_upper and doc[j].is_alpha:
                j += 1
            if (
                j < len(doc)
                and doc[j].text in _DATELINE_DASH | {","}
                and not any(k in used for k in range(i, j))
            ):
                span = doc[i:j]
                place = _town(span.text.title(), gaz)
                if place is not None:
                    emit(span, place, "dateline", 0.7)
                    continue
        if (
            tok.text in words.PARTY_LETTERS
            and i + 2 < len(doc)
            and doc[i + 1].text == "-"
            and not tok.whitespace_
        ):
            k = i + 2
            j = k
            while j < len(doc) and j - k < 3 and doc[j].text[:1].isupper() and doc[j].text not in (",", ")"):
                j += 1
            if j > k and not any(m in used for m in range(k, j)):
                span = doc[k:j]
                place = _town(span.text, gaz)
                if place is not None:
                    emit(span, place, "party", 0.7)


def adjective_and_embedded(
    doc: Doc, gaz: Gazetteer, taken: set[int], lang: Language
) -> list[tuple[Toponym, str]]:
    """Adjectival country/continent mentions, place names inside organisation names, and state
    abbreviations after "Town, " (the latter are literal places the recogniser's spans leave out).

    Args:
        doc: the parsed document.
        gaz: the gazetteer.
        taken: token indices already inside a toponym.
        lang: the document's language (directions, party letters, state abbreviations).

    Returns:
        (toponym, how) pairs; how is "adjective", "embedded" or "abbreviation".
    """
    words = lang.places
    abbreviations = _abbreviations(lang)
    out: list[tuple[Toponym, str]] = []
    used = set(taken)

    def emit(span: Span, place: Place, how: str, score: float) -> None:
        used.update(range(span.start, span.end))
        out.append((Toponym(span.start_char, span.end_char, span.text, place, score), how))

    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in used or not tok.text[:1].isupper():
            i += 1
            continue
        if tok.lower_ in abbreviations and i >= 2 and doc[i - 1].text == "," and (i - 2) in taken:
            adm = [p for p in gaz.lookup(tok.text, abbreviations=True) if p.feature_code == "ADM1"]
            if adm:
                emit(doc[i : i + 1], adm[0], "abbreviation", 0.9)
                i += 1
                continue
        for n in (2, 1):  # "North American" before "American"
            span = doc[i : i + n]
            if len(span) < n or any(j in used for j in range(span.start, span.end)):
                continue
            if span[-1].pos_ in ("ADJ", "PROPN", "NOUN") and _modifies(span[-1], words):
                place = _adjective_place(span, gaz, words)
                if place is not None:
                    emit(span, place, "adjective", 0.8)
                    i += n - 1
                    break
        i += 1
    _datelines_and_parties(doc, gaz, used, emit, words)
    _embedded(doc, gaz, used, emit, words)
    out.sort(key=lambda th: th[0].start)
    return out


def _embedded(doc: Doc, gaz: Gazetteer, used: set[int], emit: Callable[..., None], words: PlaceWords) -> None:
    """Place names inside organisation names: "the Illinois Department of Public Health", "Air Zimbabwe"."""
    for ent in doc.ents:
        if (
            ent.label_ not in _HOST_LABELS
            or len(ent) < 2
            or any(j in used for j in range(ent.start, ent.end))
        ):
            continue
        first = 1 if ent[0].lower_ == "the" else 0
        for a in range(first, len(ent)):
            found = False
            for b in range(min(len(ent), a + 3), a, -1):
                part = ent[a:b]
                if (a, b) == (first, len(ent)) or not part[0].text[:1].isupper():
                    continue
                if part[0].lower_ in words.NOT_ALONE or part[-1].lower_ in words.NOT_ALONE:
                    continue
                place = gaz.country_by_name(part.text)
                slot = a == first or ent[a - 1].lower_ in words.NAME_SLOT_PREPS  # "University of Nebraska"
                if place is None and slot:
                    opts = [p for p, kind in gaz.candidates(part.text)[:20] if kind == 0]
                    big = [p for p in opts if p.feature_code in ("ADM1", "ADM2") or p.population >= MIN_POP]
                    place = big[0] if big else None
                if place is not None:
                    emit(part, place, "embedded", 0.6)
                    found = True
                    break
            if found:
                break
