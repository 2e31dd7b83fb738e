"""Toponym recognition: which spans of a parsed document name places.

spaCy's GPE/LOC/FAC spans, plus names that the words around them reveal whatever their label
("Katsina State", "Kanko village": ``phrases.py``), plus capitalised token runs that are exactly a
gazetteer name (the small English model often labels towns PERSON or ORG), plus proper-noun conjuncts of a
place ("Gao, Zorbaki and Timbuktu"). Demonyms, titles, calendar words, compass words and
counties known only by a short alternate name ("Ford") are kept out; "northern X" and "the X
region" become area toponyms. Resolution is ``resolve.py``'s job. The words are the language's
(``PlaceWords`` and the ``Calendar``); the spaCy labels are the English model's.

Why hand-written: spaCy's NER alone misses most small towns of conflict news (the small model
tags them PERSON or ORG); the gazetteer is what tells a town from a surname.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from ..lang import Language, PlaceWords
from ..records import Place
from .capitals import Capital, capital_phrases
from .gazetteer import KIND_ALIAS, KIND_ALT, KIND_NAME, Gazetteer
from .phrases import Phrase, admin_phrases, settlement_phrases, text_of, titled

__all__ = ["Cand", "calendar_words", "recognise", "titled"]


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
    listed_with_settlement: bool = False  # "the villages of X and Y": X and Y
    tied: int | None = None  # the first character of the place link.py tied it to
    inner: bool = False  # resolved by a part of its name ("Bamako" of "Bamako airport")
    capital: Capital | None = None  # "Chad's capital", "the provincial capital" (capitals.py)


def _strip(span: Span, words: PlaceWords) -> Span | None:
    """Drop leading articles and a trailing possessive; None if nothing is left."""
    s, e = span.start, span.end
    while s < e and span.doc[s].lower_ in words.LEADING_DROP:
        s += 1
    while e > s and (span.doc[e - 1].lower_ in words.POSSESSIVE or span.doc[e - 1].is_punct):
        e -= 1
    return span.doc[s:e] if e > s else None


def _ent_label(doc: Doc) -> list[str]:
    """Per-token NER label ("" outside entities)."""
    labels = [""] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            labels[i] = ent.label_
    return labels


def _person_words(doc: Doc, words: PlaceWords) -> set[str]:
    """Words of multi-word PERSON names, so a lone "Coulibaly" later on is not taken for a town.

    A "name" that opens with a direction ("Northern Mali" tagged PERSON) is an area, not a person.
    """
    return {
        t.lower_
        for ent in doc.ents
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[0].lower_ not in words.DIRECTIONS
        for t in ent
    }


@dataclass(slots=True)
class _Scan:
    """One document's scan: what it reads (the gazetteer, the language's words, the entity labels)
    and what it has found so far (the candidates, and the tokens they claim)."""

    doc: Doc
    gaz: Gazetteer
    words: PlaceWords
    calendar: frozenset[str]
    labels: list[str]
    persons: set[str]
    taken: list[bool]
    cands: list[Cand] = field(default_factory=list)

    def add(self, span: Span, source: str) -> None:
        """A candidate for ``span``, unless one of its tokens is claimed already."""
        if any(self.taken[i] for i in range(span.start, span.end)):
            return
        self.claim(Cand(span, span.start_char, span.end_char, source), span)

    def add_phrases(self, phrases: list[Phrase]) -> None:
        """Candidates for the names phrases reveal ("Kanko village", "Katsina State")."""
        for ph in phrases:
            if not any(self.taken[i] for i in range(ph.claim.start, ph.claim.end)):
                end = ph.claim.end_char if ph.region else ph.name.end_char
                cand = Cand(ph.name, ph.name.start_char, end, ph.source, region=ph.region)
                cand.listed_with_settlement = not ph.region
                self.claim(cand, ph.claim)

    def claim(self, cand: Cand, tokens: Span) -> None:
        """Take ``cand``, claiming ``tokens``."""
        for i in range(tokens.start, tokens.end):
            self.taken[i] = True
        self.cands.append(cand)


@cache
def calendar_words(lang: Language) -> frozenset[str]:
    """Names and abbreviations of months and weekdays ("Jan", "Sunday"): never a place alone."""
    cal = lang.calendar
    return frozenset((*cal.MONTHS, *cal.MONTH_ABBR, *cal.WEEKDAYS, *cal.WEEKDAY_ABBR))


def recognise(doc: Doc, gaz: Gazetteer, lang: Language) -> list[Cand]:
    """NER toponyms plus gazetteer-backed capitalised runs, with region extensions.

    Args:
        doc: the parsed document.
        gaz: the gazetteer.
        lang: the document's language (its place cue words and calendar words).

    Returns:
        The candidates in text order, each with its span and, for "northern X" / "X region",
        the offsets of the whole area.
    """
    scan = _Scan(
        doc,
        gaz,
        lang.places,
        calendar_words(lang),
        _ent_label(doc),
        _person_words(doc, lang.places),
        [False] * len(doc),
    )
    scan.add_phrases(settlement_phrases(doc, gaz, scan.words, scan.taken))
    _from_entities(scan)
    scan.add_phrases(admin_phrases(doc, gaz, scan.words, scan.taken))
    for cap in capital_phrases(doc, gaz, scan.words):
        if not scan.taken[cap.word.start]:
            scan.claim(
                Cand(cap.word, cap.word.start_char, cap.word.end_char, "capital", capital=cap), cap.word
            )
    _from_capitalised_runs(scan)
    _from_conjuncts(scan)
    scan.cands.sort(key=lambda c: c.start)
    for c in scan.cands:
        _extend_region(c, scan.words)
    return scan.cands


def _from_entities(scan: _Scan) -> None:
    """spaCy's place entities, and one-word or short PERSON/ORG entities that are place names."""
    gaz, words = scan.gaz, scan.words
    for ent in scan.doc.ents:
        span = _strip(ent, words)
        if span is None or gaz.country_of_demonym(span.text) and not gaz.country_by_name(span.text):
            continue
        if (
            ent.label_ == "FAC"
            and not gaz.is_place_name(span.text)
            and not any(t.lower_ in words.FACILITY_WORDS for t in span)
        ):
            continue  # "Paris Saint-Germain": a club or brand, not a facility
        if ent.start > 0 and scan.labels[ent.start - 1] == "PERSON" and ent.label_ != "PERSON":
            continue  # "Ursula von der" + "Leyen": the end of a person's name the model cut in two
        if _directed_area(span, ent.label_, gaz, words):  # "northern Mali", even tagged PERSON
            scan.claim(Cand(span[1:], span.start_char, span.end_char, "ner", region=True), span)
        elif ent.label_ in words.NER_LABELS:
            scan.add(span, "ner")
        elif len(span) == 1 and ent.label_ in ("PERSON", "ORG", "NORP") and _single_ok(span, scan):
            scan.add(span, "gazetteer")  # a town or country the small model mislabelled
        elif ent.label_ in ("PERSON", "ORG") and _multi_ok(span, gaz, words):
            scan.add(span, "gazetteer")  # "a neighbourhood of El Fasher" tagged ORG
        elif ent.label_ in ("ORG", "FAC") and (town := _facility_town(span, scan)) is not None:
            scan.add(town, "gazetteer")  # "Garissa University College": in Garissa


FACILITY_TOWN_WORDS = 3  # a facility's name opens with its town's name of up to this many words


def _facility_town(span: Span, scan: _Scan) -> Span | None:
    """The town a facility is named after ("Garissa University College", "Quetta Press Club
    building"): a known town of 1,000 people or more opening a name that has a facility word."""
    for n in range(min(FACILITY_TOWN_WORDS, len(span) - 1), 0, -1):
        town, rest = span[:n], span[n:]
        if not any(t.lower_ in scan.words.FACILITY_WORDS for t in rest):
            continue
        if not all(titled(t) and t.lower_ not in scan.persons for t in town) or not _plausible(town, scan):
            continue
        if any(
            kind <= KIND_ALIAS and p.population >= 1000 for p, kind in scan.gaz.candidates(town.text)[:20]
        ):
            return town
    return None


def _directed_area(span: Span, label: str, gaz: Gazetteer, words: PlaceWords) -> bool:
    """ "northern Mali" as one entity (not "South Africa" or "West Java"); tagged other than as a
    place, only when the rest is a country's or a place's own name ("Northern Mali" as PERSON)."""
    if len(span) < 2 or span[0].lower_ not in words.DIRECTIONS:
        return False
    if gaz.country_by_name(span.text) or gaz.is_place_name(span.text):
        return False
    if label in words.NER_LABELS:
        return True
    rest = span[1:].text
    return label in ("PERSON", "ORG") and (
        gaz.country_by_name(rest) is not None
        or any(kind == KIND_NAME and p.population >= 1000 for p, kind in gaz.candidates(rest)[:10])
    )


def _from_capitalised_runs(scan: _Scan) -> None:
    """Maximal runs of capitalised words not yet claimed that are exactly a known place name."""
    doc, taken, words = scan.doc, scan.taken, scan.words
    i = 0
    n = len(doc)
    while i < n:
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
        run = _strip(doc[i:j], words)
        i = j
        if run is None or any(scan.labels[k] in words.BLOCK_LABELS for k in range(run.start, run.end)):
            continue
        if run[0].is_sent_start and run[0].lower_ in words.LEADING_DROP:
            continue
        if _gaz_run_ok(run, scan):
            scan.add(run, "gazetteer")


def _from_conjuncts(scan: _Scan) -> None:
    """ "Gao, Zorbaki and Timbuktu": a proper-noun conjunct of a place is a place."""
    for c in list(scan.cands):
        for tok in c.span:
            for other in [*tok.conjuncts]:
                if (
                    not scan.taken[other.i]
                    and titled(other)
                    and other.pos_ == "PROPN"
                    and _alone(other, scan.labels)
                    and len(other) > 2
                    and not scan.gaz.country_of_demonym(other.text)
                    and other.lower_ not in scan.persons
                ):
                    scan.add(scan.doc[other.i : other.i + 1], "conj")


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


def _multi_ok(span: Span, gaz: Gazetteer, words: PlaceWords) -> bool:
    """A 2-3 word PERSON/ORG entity that is exactly a country's or first-level area's name
    ("Tamil Nadu" tagged PERSON), or, after a locative preposition, a sizeable town's name."""
    if not 2 <= len(span) <= 3:
        return False
    if gaz.country_by_name(span.text) or any(
        kind == KIND_NAME and p.feature_code == "ADM1" for p, kind in gaz.candidates(span.text)[:10]
    ):
        return True
    if span.start == 0 or span.doc[span.start - 1].lower_ not in words.AT_PREPS | words.ORIGIN_PREPS:
        return False
    return any(
        (kind == KIND_NAME and p.population >= 20_000) or (kind == KIND_ALT and p.population >= 100_000)
        for p, kind in gaz.candidates(span.text)[:10]
    )  # "of El Geneina" (an alternate name of Al-Junaynah)


def _single_ok(span: Span, scan: _Scan) -> bool:
    """A one-word PERSON/ORG/NORP entity that is really a place name."""
    gaz, words, persons = scan.gaz, scan.words, scan.persons
    tok = span[0]
    if gaz.country_of_demonym(tok.text) or tok.lower_ in persons:
        return False
    if gaz.country_by_name(tok.text) or _union_or_continent(tok.text, gaz):
        return True  # "US", "UK", "EU" tagged ORG: acronyms, but the news' own names for places
    if not _plausible(span, scan):
        return False
    if tok.i > 0 and tok.doc[tok.i - 1].lower_.rstrip(".") in words.TITLES:
        return False
    if tok.lower_ in words.COMPASS:
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


def _plausible(span: Span, scan: _Scan) -> bool:
    """Not a calendar word, title, abbreviation or short acronym ("Jan.", "Col.", "UN")."""
    first = span[0].lower_.rstrip(".")
    if first in scan.calendar or first in scan.words.TITLES or span[-1].text.endswith("."):
        return False
    return not (len(span) == 1 and span[0].is_upper and len(span[0]) <= 3)


def _gaz_run_ok(run: Span, scan: _Scan) -> bool:
    """A capitalised run (outside any entity) that is entirely a known place name."""
    gaz, words, persons = scan.gaz, scan.words, scan.persons
    if len(run) > 5 or not gaz.is_place_name(run.text) or gaz.country_of_demonym(run.text):
        return False
    if gaz.country_by_name(run.text):
        return True
    if not _plausible(run, scan) or any(t.lower_ in persons for t in run):
        return False
    if run[-1].pos_ != "PROPN" and not _capital_line_start(run):
        return False
    if run.start > 0 and run.doc[run.start - 1].lower_.rstrip(".") in words.TITLES:
        return False
    if len(run) == 1 and run[0].lower_ in words.COMPASS:
        return False
    cands = [(p, kind) for p, kind in gaz.candidates(run.text)[:20] if _usable(p, kind)]
    strong = any(
        kind <= KIND_ALIAS and p.population >= (1000 if run[0].is_sent_start else 0) for p, kind in cands
    )
    return strong or any(p.population >= 50_000 for p, _ in cands)


def _capital_line_start(run: Span) -> bool:
    """An upper-case name opening a line ("PESHAWAR, (Agency) :"): a dateline the tagger calls a noun."""
    text = text_of(run.doc)
    return (
        all(t.is_upper for t in run)
        and not text[text.rfind("\n", 0, run.start_char) + 1 : run.start_char].strip()
    )


def _usable(p: Place, kind: int) -> bool:
    """A candidate that can justify taking a bare capitalised word for a place: not a county
    known only by its short alternate name ("Ford" for Ford County)."""
    return not (p.feature_code == "ADM2" and kind >= KIND_ALT)


def _extend_region(c: Cand, words: PlaceWords) -> None:
    """ "northern X", "the north of X", "X region", "the region of X" → an area toponym."""
    doc = c.span.doc
    s, e = c.span.start, c.span.end
    if s >= 1 and doc[s - 1].lower_ in words.DIRECTIONS:
        c.region, c.start = True, doc[s - 1].idx
    elif (
        s >= 3
        and doc[s - 1].lower_ == "of"
        and doc[s - 2].lower_ in words.DIRECTIONS | words.REGION_WORDS
        and doc[s - 3].lower_ == "the"
    ):  # "the north of X", not "30 km north of X"
        c.region = True
    if e < len(doc) and doc[e].lower_ in words.REGION_WORDS:
        c.region, c.end = True, doc[e].idx + len(doc[e])
