"""Toponym recognition and resolution for one spaCy ``Doc``, and the choice of an event's place.

Recognition joins spaCy's GPE/LOC/FAC spans with gazetteer-backed capitalised token runs,
because the small English model often labels towns as PERSON or ORG. Resolution ranks gazetteer
candidates by population, feature type and the document's country focus, honours "Town, State"
containment, and ties names the gazetteer lacks to a place the text relates them to ("X near Y",
"X in the Y region", "the nearby town of Y") at geo_precision 2, as ACLED codes them. The cue
words (``lexicon.py``) are hand-written because they are English grammar, not place data.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..records import Place, Toponym
from .gazetteer import KIND_ALIAS, KIND_ALT, Gazetteer, normalize, prior
from .lexicon import (
    AT_PREPS,
    BLOCK_LABELS,
    CALENDAR,
    COMMUNICATION,
    DIRECTIONS,
    FACILITY_WORDS,
    LEADING_DROP,
    LINK_CUES,
    LINK_NOUNS,
    LINK_VERBS,
    NEARBY,
    NER_LABELS,
    REGION_WORDS,
    SETTLEMENT,
    TITLES,
)

__all__ = ["GeoContext", "TopoInfo", "geoparse", "place_for_span"]

_PARA = re.compile(r"\n\s*")


@dataclass(frozen=True, slots=True)
class TopoInfo:
    """How one toponym was resolved and what it means for choosing an event location."""

    precision: int | None  # 1 the named town, 2 tied to a nearby town, 3 region/country; None unresolved
    how: str  # "gazetteer", "country", "admin1", "region", "linked", "focus", "unresolved"
    region: bool = False  # "northern Mali", "the Y region": an area, not a point
    linked_to: str | None = None  # the name (as written) of the place it was tied to
    origin: bool = False  # "speaking from Paris": where someone spoke from, not where it happened
    prep: str | None = None  # the preposition right before it ("in", "near", "from")
    source: str = "ner"  # "ner" (spaCy span) or "gazetteer" (capitalised run found in the gazetteer)


@dataclass(frozen=True, slots=True)
class GeoContext:
    """Every toponym of one document, the document's main country, and per-toponym details."""

    toponyms: tuple[Toponym, ...]
    focus_country: str | None
    info: Mapping[int, TopoInfo] = field(default_factory=dict)  # keyed by Toponym.start
    country_counts: Mapping[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class _Cand:
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


def _titled(tok: Token) -> bool:
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


def _recognise(doc: Doc, gaz: Gazetteer) -> list[_Cand]:
    """NER toponyms plus gazetteer-backed capitalised runs, with region extensions."""
    taken = [False] * len(doc)
    found: list[_Cand] = []
    labels = _ent_label(doc)
    persons = _person_words(doc)

    def add(span: Span, source: str) -> None:
        if any(taken[i] for i in range(span.start, span.end)):
            return
        for i in range(span.start, span.end):
            taken[i] = True
        found.append(_Cand(span, span.start_char, span.end_char, source))

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
            if span[0].lower_ in DIRECTIONS and len(span) > 1:  # "northern Mali" as one entity
                c = _Cand(span[1:], span.start_char, span.end_char, "ner", region=True)
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
        if taken[i] or not _titled(doc[i]):
            i += 1
            continue
        j = i
        while (
            j < n
            and not taken[j]
            and (
                _titled(doc[j])
                or (doc[j].text == "-" and j + 1 < n and _titled(doc[j + 1]) and not doc[j].whitespace_)
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
                    and _titled(other)
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
    """A 2-3 word PERSON/ORG entity after a locative preposition that is exactly a sizeable town's name."""
    if not 2 <= len(span) <= 3 or span.start == 0:
        return False
    if span.doc[span.start - 1].lower_ not in AT_PREPS | {"from"}:
        return False
    return any(kind == 0 and p.population >= 20_000 for p, kind in gaz.candidates(span.text)[:10])


def _single_ok(span: Span, gaz: Gazetteer, persons: set[str]) -> bool:
    """A one-word PERSON/ORG/NORP entity that is really a place name."""
    tok = span[0]
    if gaz.country_of_demonym(tok.text) or tok.lower_ in persons or not _plausible(span):
        return False
    if gaz.country_by_name(tok.text):
        return True
    if tok.i > 0 and tok.doc[tok.i - 1].lower_.rstrip(".") in TITLES:
        return False
    return any(kind <= KIND_ALIAS and p.population >= 1000 for p, kind in gaz.candidates(tok.text)[:20])


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
    cands = gaz.candidates(run.text)[:20]
    strong = any(
        kind <= KIND_ALIAS and p.population >= (1000 if run[0].is_sent_start else 0) for p, kind in cands
    )
    return strong or any(p.population >= 50_000 for p, _ in cands)


def _extend_region(c: _Cand) -> None:
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


def _score(p: Place, kind: int) -> float:
    """Prior of a candidate (population, feature), less for a match on an alternate name."""
    return prior(p) - (1.0 if kind == KIND_ALT else 0.0)


def _first_pass(cands: list[_Cand], gaz: Gazetteer, doc: Doc) -> dict[str, float]:
    """Resolve country names, gather candidates, and count country evidence for the focus."""
    counts: dict[str, float] = defaultdict(float)
    for c in cands:
        name = c.span.text
        country = gaz.country_by_name(name)
        if country is not None:
            c.place, c.how, c.precision, c.score = country, "country", 3, 1.0
            counts[country.country or ""] += 1.0
            continue
        c.options = gaz.candidates(name)[:50]
        if not c.options and "-" in name:
            c.options = gaz.candidates(name.replace("-", " "))[:50]
        if not c.options and len(c.span) > 1:  # "Bamako airport", "Gao military camp": the town in it
            subs = sorted(
                (
                    (i, j)
                    for i in range(len(c.span))
                    for j in range(i + 1, len(c.span) + 1)
                    if j - i < len(c.span) and _titled(c.span[i])
                ),
                key=lambda ij: ij[0] - ij[1],
            )
            for i, j in subs:
                sub = c.span[i:j].text
                country = gaz.country_by_name(sub)
                c.options = [(country, KIND_ALIAS)] if country else gaz.candidates(sub)[:50]
                if c.options:
                    break
        if c.options:
            top, top_kind = c.options[0]
            rival = max((_score(p, k) for p, k in c.options if p.country != top.country), default=-9.0)
            counts[top.country or ""] += 1.0 if _score(top, top_kind) - rival >= 1.0 else 0.3
    for tok in doc:
        if tok.ent_type_ == "NORP" or (_titled(tok) and tok.pos_ in ("ADJ", "PROPN", "NOUN")):
            iso = gaz.country_of_demonym(tok.text) if _titled(tok) else None
            if iso:
                counts[iso] += 0.5
    counts.pop("", None)
    return counts


def _containment(cands: list[_Cand], k: int, gaz: Gazetteer) -> Place | None:
    """The country/state/admin area right after "X, " that contains X ("Springfield, Illinois")."""
    c = cands[k]
    doc = c.span.doc
    e = c.span.end
    if e + 1 < len(doc) and doc[e].text == ",":
        nxt = doc[e + 1 : min(e + 4, len(doc))]
        for L in range(len(nxt), 0, -1):
            text = nxt[:L].text
            country = gaz.country_by_name(text)
            if country:
                return country
            adm = [p for p, _ in gaz.candidates(text) if p.feature_code == "ADM1"]
            adm += [p for p in gaz.lookup(text, abbreviations=True) if p.feature_code == "ADM1"]
            if adm:
                return adm[0]
    return None


def _choose(cands: list[_Cand], gaz: Gazetteer, focus: str | None, counts: dict[str, float]) -> None:
    """Pick each toponym's candidate using priors, focus country, containment and admin context."""
    admins = {c.place.admin1 for c in cands if c.place is not None and c.place.feature_code == "ADM1"}
    for k, c in enumerate(cands):
        if c.how == "country" or not c.options:
            continue
        inside = _containment(cands, k, gaz)
        options = c.options
        if inside is not None:
            kept = [
                (p, kd)
                for p, kd in options
                if p.country == inside.country
                and (inside.feature_code == "PCLI" or p.admin1 == inside.admin1)
            ]
            options = kept or options
        best, best_s, second = None, -1e9, -1e9
        for p, kind in options:
            s = _score(p, kind)
            if p.country == focus:
                s += 3.0
            elif p.country in counts:
                s += min(counts[p.country or ""], 2.0) * 0.75
            if p.admin1 in admins and p.feature_code != "ADM1":
                s += 1.5
            if c.region and p.feature_code == "ADM1":
                s += 2.0
            if s > best_s:
                best, best_s, second = p, s, best_s
            elif s > second:
                second = s
        assert best is not None
        c.place = best
        c.score = round(1.0 / (1.0 + math.exp(-(best_s - second))), 3) if second > -1e9 else 1.0
        if best.feature_class == "A":
            c.how, c.precision = "admin1", 3
        else:
            c.how, c.precision = "gazetteer", 1
        if best.feature_code == "ADM1":
            admins.add(best.admin1)


def _admin_over_country(cands: list[_Cand], gaz: Gazetteer) -> None:
    """A country name that is also the admin area holding another toponym ("Georgia" with Atlanta)."""
    for c in cands:
        if c.how != "country" or c.place is None:
            continue
        for adm in gaz.admin1(c.span.text):
            if adm.country != c.place.country and any(
                o.place is not None
                and o.place.country == adm.country
                and o.place.admin1 == adm.admin1
                and o is not c
                for o in cands
            ):
                c.place, c.how = adm, "admin1"
                break


def _sentence_ids(doc: Doc) -> list[int]:
    """Sentence index of each token (one sentence when the doc has no boundaries)."""
    ids = [0] * len(doc)
    if doc.has_annotation("SENT_START"):
        for n, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                ids[i] = n
    return ids


def _link(cands: list[_Cand], doc: Doc, focus: str | None, gaz: Gazetteer) -> None:
    """Tie names the gazetteer lacks (or resolves far off) to a place the text relates them to."""
    sent = _sentence_ids(doc)
    breaks = [m.start() for m in _PARA.finditer(doc.text)]
    para = [bisect.bisect(breaks, c.start) for c in cands]
    anchors: list[int] = []  # "the nearby town of Y" → index of Y
    for k, c in enumerate(cands):
        s = c.span.start
        if (
            c.place is not None
            and c.how == "gazetteer"
            and s >= 3
            and doc[s - 1].lower_ == "of"
            and (
                doc[s - 2].lower_ in SETTLEMENT
                and any(t.lower_ in NEARBY for t in doc[max(0, s - 5) : s - 2])
            )
        ):
            anchors.append(k)
    for k, c in enumerate(cands):
        # A small namesake abroad while the text is about another country: trust a tie in the text more.
        far = (
            c.place is not None
            and c.how == "gazetteer"
            and c.place.country != focus
            and focus is not None
            and (c.place.population < 100_000 or normalize(c.span.text) != normalize(c.place.name))
        )  # a big city abroad only counts as "far" when it matched through an alternate name
        weak = far and c.source == "gazetteer"
        if c.place is not None and not far:
            continue
        target = _linked_after(cands, k, doc, sent)
        if target is not None and weak and cands[target].precision != 1:
            target = None  # a word that is also a far-off hamlet needs a town, not a country, to tie it
        if target is None:
            same = [
                a
                for a in anchors
                if a != k and para[a] == para[k] and sent[cands[a].span.start] == sent[c.span.start]
            ]
            near = [a for a in anchors if a != k and para[a] == para[k]]
            target = (same or near or [None])[0]  # type: ignore[list-item]
        if target is None and weak:
            c.place, c.how, c.precision = None, "drop", None  # a person or word that is also a far-off hamlet
            continue
        if target is None and far:
            continue  # named by spaCy and in the gazetteer: keep the namesake
        if target is not None:
            y = cands[target]
            assert y.place is not None
            c.place, c.how, c.linked_to, c.score = y.place, "linked", doc.text[y.start : y.end], 0.5
            c.precision = 3 if y.precision == 3 else 2
    linked = {normalize(c.span.text): c for c in cands if c.how == "linked"}
    for c in cands:  # one sense per discourse: "X" tied once is tied everywhere
        if c.place is None and c.how != "drop":
            tied = linked.get(normalize(c.span.text))
            if tied is not None:
                c.place, c.how, c.precision = tied.place, "linked", tied.precision
                c.linked_to, c.score = tied.linked_to, 0.5
            elif focus is not None:
                c.place, c.how, c.precision, c.score = gaz.country(focus), "focus", 3, 0.2
                if c.place is None:
                    c.how, c.precision = "unresolved", None


def _linked_after(cands: list[_Cand], k: int, doc: Doc, sent: list[int]) -> int | None:
    """ "X near Y", "X, 20 km north of Y", "X in the Y region", "X, a town in Y" → index of Y."""
    c = cands[k]
    for m in range(k + 1, min(k + 3, len(cands))):
        y = cands[m]
        if y.place is None or y.how in ("linked", "focus") or sent[y.span.start] != sent[c.span.start]:
            continue
        between = doc[c.span.end : y.span.start]
        if len(between) > 10 or len(between) == 0:
            return None
        words = {t.lower_ for t in between}
        if "\n" in between.text:
            return None
        if words & {"and", "or", "but", "while", "whereas", ";"}:
            return None
        if any(t.pos_ == "VERB" and t.lemma_ not in LINK_VERBS for t in between):
            return None
        if any(
            t.pos_ in ("NOUN", "PROPN")
            and t.lower_ not in LINK_NOUNS
            and t.dep_ not in ("compound", "amod", "nmod")
            for t in between
        ):
            return None  # "X, a spokesman in Y": an apposition about something else
        if words & LINK_CUES:
            return m
        return None
    return None


def _flags(c: _Cand) -> tuple[str | None, bool]:
    """The preposition before a toponym, and whether it is a speaker's origin ("speaking from X")."""
    doc = c.span.doc
    i = c.span.start - 1
    while i >= 0 and (doc[i].lower_ in LEADING_DROP or doc[i].lower_ in DIRECTIONS):
        i -= 1
    if i < 0 or doc[i].pos_ not in ("ADP", "SCONJ"):
        return None, False
    prep = doc[i].lower_
    origin = False
    if prep == "from":
        head = doc[i].head
        sent = doc[i].sent if doc.has_annotation("SENT_START") else doc[:]
        origin = head.lemma_ in COMMUNICATION or any(
            t.lemma_ in COMMUNICATION and t.pos_ == "VERB" and abs(t.i - i) <= 6 for t in sent
        )
    return prep, origin


def geoparse(doc: Doc, gaz: Gazetteer) -> GeoContext:
    """Recognise and resolve the toponyms of one parsed document.

    Args:
        doc: a spaCy Doc (NER, tagger and parser expected; works with NER only, less well).
        gaz: an open gazetteer.

    Returns:
        The toponyms (resolved where possible), the document's focus country and per-toponym info.
    """
    cands = _recognise(doc, gaz)
    counts = _first_pass(cands, gaz, doc)
    top = max(counts.items(), key=lambda kv: (kv[1], kv[0]), default=("", 0.0))
    focus = top[0] if top[1] >= 1.0 else None
    _choose(cands, gaz, focus, counts)
    _admin_over_country(cands, gaz)
    _link(cands, doc, focus, gaz)
    toponyms, info = [], {}
    for c in cands:
        if c.how == "drop":
            continue
        if c.region and c.place is not None and c.how != "focus":
            c.precision = 3
            before = c.span.start - 1
            if before >= 0 and doc[before].lower_ in DIRECTIONS and c.place.feature_class == "A":
                c.place = gaz.part_of(c.place, doc[before].lower_)
        prep, origin = _flags(c)
        toponyms.append(Toponym(c.start, c.end, doc.text[c.start : c.end], c.place, c.score))
        info[c.start] = TopoInfo(
            c.precision,
            "region" if c.region and c.place else c.how,
            c.region,
            c.linked_to,
            origin,
            prep,
            c.source,
        )
    return GeoContext(tuple(toponyms), focus, info, dict(counts))


def place_for_span(
    ctx: GeoContext, start: int, end: int, *, anchor: int | None = None
) -> tuple[Place, int, str] | None:
    """The place of an event whose evidence is ``text[start:end]``.

    Args:
        ctx: the document's GeoContext.
        start: evidence start (char offset).
        end: evidence end (char offset).
        anchor: the trigger's char offset; the nearest toponym wins among equals.

    Returns:
        (place, geo_precision 1-3, the place name as written), or None when the span has no
        usable toponym (the caller then looks at the previous sentence or paragraph).
    """
    best: tuple[tuple[int, int, int, int], Toponym, int] | None = None
    mid = anchor if anchor is not None else (start + end) // 2
    for t in ctx.toponyms:
        if t.start < start or t.end > end or t.place is None:
            continue
        info = ctx.info.get(t.start)
        if info is None or info.precision is None or info.origin:
            continue
        key = (
            1 if info.prep == "from" else 0,
            1 if info.precision == 3 else 0,
            0 if info.prep in AT_PREPS else 1,
            abs(t.start - mid),
        )
        if best is None or key < best[0]:
            best = (key, t, info.precision)
    if best is None:
        return None
    _, topo, precision = best
    assert topo.place is not None
    return topo.place, precision, topo.name
