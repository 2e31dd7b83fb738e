"""Toponym recognition: which spans of a parsed document name places.

spaCy's GPE/LOC/FAC spans, plus capitalised token runs that are exactly a gazetteer name
(the small English model often labels towns PERSON or ORG), plus proper-noun conjuncts of a
place ("Gao, Zorbaki and Timbuktu"). Demonyms, titles, calendar words, compass words and
counties known only by a short alternate name ("Ford") are kept out; "northern X" and "the X
region" become area toponyms. Resolution is ``resolve.py``'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..records import Place
from .gazetteer import KIND_ALIAS, KIND_ALT, KIND_NAME, Gazetteer
from .lexicon import (
    AT_PREPS,
    BLOCK_LABELS,
    CALENDAR,
    DIRECTIONS,
    FACILITY_WORDS,
    LEADING_DROP,
    NER_LABELS,
    REGION_WORDS,
    TITLES,
)

__all__ = ["Cand", "recognise", "titled"]


@dataclass(slots=True)
class Cand:
    """A recognised span on its way to a Toponym."""

    span: Span  # the name tokens only
    start: int  # char offsets of the whole toponym ("northern Mali", "Niono region")
    end: int
    source: str
    region: bool = False
    place: Place | None = None
    precision: int | None = None
    how: str = "unresolved"
    score: float = 0.0
    linked_to: str | None = None
    options: list[tuple[Place, int]] = field(default_factory=list)


def _strip(span: Span) -> Span | None:
    """Drop leading articles and a trailing possessive; None if nothing is left."""
    s, e = span.start, span.end
    while s < e and span.doc[s].lower_ in LEADING_DROP:
        s += 1
    while e > s and (span.doc[e - 1].lower_ in ("'s", "’s", "'") or span.doc[e - 1].is_punct):
        e -= 1
    return span.doc[s:e] if e > s else None


def titled(tok: Token) -> bool:
    """A capitalised word that can be part of a place name."""
    t = tok.text
    return bool(t) and t[0].isupper() and (t.isalpha() or t.replace(".", "").replace("'", "").isalpha())


def _ent_label(doc: Doc) -> list[str]:
    """Per-token NER label ("" outside entities)."""
    labels = [""] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            labels[i] = ent.label_
    return labels


def _person_words(doc: Doc) -> set[str]:
    """Words of multi-word PERSON names, so a lone "Coulibaly" later on is not taken for a town."""
    return {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}


def recognise(doc: Doc, gaz: Gazetteer) -> list[Cand]:
    """NER toponyms plus gazetteer-backed capitalised runs, with region extensions."""
    taken = [False] * len(doc)
    found: list[Cand] = []
    labels = _ent_label(doc)
    persons = _person_words(doc)

    def add(span: Span, source: str) -> None:
        if any(taken[i] for i in range(span.start, span.end)):
            return
        for i in range(span.start, span.end):
            taken[i] = True
        found.append(Cand(span, span.start_char, span.end_char, source))

    for ent in doc.ents:
        span = _strip(ent)
        if span is None or gaz.country_of_demonym(span.text) and not gaz.country_by_name(span.text):
            continue
        if (
            ent.label_ == "FAC"
            and not gaz.is_place_name(span.text)
            and not any(t.lower_ in FACILITY_WORDS for t in span)
        ):
            continue  # "Paris Saint-Germain": a club or brand, not a facility
        if ent.label_ in NER_LABELS:
            if (
                span[0].lower_ in DIRECTIONS
                and len(span) > 1
                and not gaz.country_by_name(span.text)
                and not gaz.is_place_name(span.text)
            ):  # "northern Mali" as one entity, but not "South Africa" or "West Java"
                c = Cand(span[1:], span.start_char, span.end_char, "ner", region=True)
                for i in range(span.start, span.end):
                    taken[i] = True
                found.append(c)
            else:
                add(span, "ner")
        elif len(span) == 1 and ent.label_ in ("PERSON", "ORG", "NORP") and _single_ok(span, gaz, persons):
            add(span, "gazetteer")  # a town or country the small model mislabelled
        elif ent.label_ in ("PERSON", "ORG") and _multi_ok(span, gaz):
            add(span, "gazetteer")  # "a neighbourhood of El Fasher" tagged ORG

    i = 0
    n = len(doc)
    while i < n:  # maximal runs of capitalised words not yet claimed
        if taken[i] or not titled(doc[i]):
            i += 1
            continue
        j = i
        while (
            j < n
            and not taken[j]
            and (
                titled(doc[j])
                or (doc[j].text == "-" and j + 1 < n and titled(doc[j + 1]) and not doc[j].whitespace_)
            )
        ):
            j += 1
        run = _strip(doc[i:j])
        i = j
        if run is None or any(labels[k] in BLOCK_LABELS for k in range(run.start, run.end)):
            continue
        if run[0].is_sent_start and run[0].lower_ in LEADING_DROP:
            continue
        if _gaz_run_ok(run, gaz, persons):
            add(run, "gazetteer")
    for c in list(found):  # "Gao, Zorbaki and Timbuktu": a proper-noun conjunct of a place is a place
        for tok in c.span:
            for other in [*tok.conjuncts]:
                if (
                    not taken[other.i]
                    and titled(other)
                    and other.pos_ == "PROPN"
                    and _alone(other, labels)
                    and len(other) > 2
                    and not gaz.country_of_demonym(other.text)
                    and other.lower_ not in persons
                ):
                    add(doc[other.i : other.i + 1], "conj")
    found.sort(key=lambda c: c.start)
    for c in found:
        _extend_region(c)
    return found


def _alone(tok: Token, labels: list[str]) -> bool:
    """Outside any entity, or a one-word PERSON/GPE/LOC entity."""
    if labels[tok.i] == "":
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (
        labels[tok.i] in ("PERSON", "GPE", "LOC")
        and tok.ent_iob_ == "B"
        and (nxt is None or nxt.ent_iob_ != "I")
    )


def _multi_ok(span: Span, gaz: Gazetteer) -> bool:
    """A 2-3 word PERSON/ORG entity that is exactly a country's or first-level area's name
    ("Tamil Nadu" tagged PERSON), or, after a locative preposition, a sizeable town's name."""
    if not 2 <= len(span) <= 3:
        return False
    if gaz.country_by_name(span.text) or any(
        kind == KIND_NAME and p.feature_code == "ADM1" for p, kind in gaz.candidates(span.text)[:10]
    ):
        return True
    if span.start == 0 or span.doc[span.start - 1].lower_ not in AT_PREPS | {"from"}:
        return False
    return any(kind == 0 and p.population >= 20_000 for p, kind in gaz.candidates(span.text)[:10])


def _single_ok(span: Span, gaz: Gazetteer, persons: set[str]) -> bool:
    """A one-word PERSON/ORG/NORP entity that is really a place name."""
    tok = span[0]
    if gaz.country_of_demonym(tok.text) or tok.lower_ in persons:
        return False
    if gaz.country_by_name(tok.text) or _union_or_continent(tok.text, gaz):
        return True  # "US", "UK", "EU" tagged ORG: acronyms, but the news' own names for places
    if not _plausible(span):
        return False
    if tok.i > 0 and tok.doc[tok.i - 1].lower_.rstrip(".") in TITLES:
        return False
    if tok.lower_ in _COMPASS:
        return False
    return any(
        kind <= KIND_ALIAS and p.population >= 1000 and _usable(p, kind)
        for p, kind in gaz.candidates(tok.text)[:20]
    )


def _union_or_continent(text: str, gaz: Gazetteer) -> bool:
    """A continent's own name or alias ("Europe", "EU", "European Union")."""
    return any(
        p.feature_code == "CONT" and kind in (KIND_NAME, KIND_ALIAS) for p, kind in gaz.candidates(text)
    )


def _plausible(span: Span) -> bool:
    """Not a calendar word, title, abbreviation or short acronym ("Jan.", "Col.", "UN")."""
    first = span[0].lower_.rstrip(".")
    if first in CALENDAR or first in TITLES or span[-1].text.endswith("."):
        return False
    return not (len(span) == 1 and span[0].is_upper and len(span[0]) <= 3)


def _gaz_run_ok(run: Span, gaz: Gazetteer, persons: set[str]) -> bool:
    """A capitalised run (outside any entity) that is entirely a known place name."""
    if len(run) > 5 or not gaz.is_place_name(run.text) or gaz.country_of_demonym(run.text):
        return False
    if gaz.country_by_name(run.text):
        return True
    if not _plausible(run) or run[-1].pos_ != "PROPN" or any(t.lower_ in persons for t in run):
        return False
    if run.start > 0 and run.doc[run.start - 1].lower_.rstrip(".") in TITLES:
        return False
    if len(run) == 1 and run[0].lower_ in _COMPASS:
        return False
    cands = [(p, kind) for p, kind in gaz.candidates(run.text)[:20] if _usable(p, kind)]
    strong = any(
        kind <= KIND_ALIAS and p.population >= (1000 if run[0].is_sent_start else 0) for p, kind in cands
    )
    return strong or any(p.population >= 50_000 for p, _ in cands)


_COMPASS = DIRECTIONS | {"centre", "center", "central", "middle", "midwest", "coast", "ocean", "gulf"}


def _usable(p: Place, kind: int) -> bool:
    """A candidate that can justify taking a bare capitalised word for a place: not a county
    known only by its short alternate name ("Ford" for Ford County)."""
    return not (p.feature_code == "ADM2" and kind >= KIND_ALT)


def _extend_region(c: Cand) -> None:
    """ "northern X", "the north of X", "X region", "the region of X" → an area toponym."""
    doc = c.span.doc
    s, e = c.span.start, c.span.end
    if s >= 1 and doc[s - 1].lower_ in DIRECTIONS:
        c.region, c.start = True, doc[s - 1].idx
    elif (
        s >= 3
        and doc[s - 1].lower_ == "of"
        and doc[s - 2].lower_ in DIRECTIONS | REGION_WORDS
        and doc[s - 3].lower_ == "the"
    ):  # "the north of X", not "30 km north of X"
        c.region = True
    if e < len(doc) and doc[e].lower_ in REGION_WORDS:
        c.region, c.end = True, doc[e].idx + len(doc[e])
