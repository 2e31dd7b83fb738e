"""Names the gazetteer lacks (or resolves far off), tied to a place the text relates them to.

"X near Y", "X, 20 km north of Y", "X in the Y region", "the nearby town of Y", "Y's X", "the city's X"
(Y the town told last): X gets Y's place
at geo_precision 2 (3 when Y is an area), as ACLED codes them. The cue words are the language's
(``sitrep.lang.PlaceWords``). Hand-written because it is ACLED's rule for places a gazetteer
lacks (code the event at the named place the text ties them to), not a general geoparsing step.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from ..lang import PlaceWords
from .gazetteer import Gazetteer, normalize
from .phrases import text_of
from .recognise import Cand

__all__ = ["lemma", "link_unknown"]

_PARA = re.compile(r"\n\s*")
PHRASES = frozenset({"admin", "phrase"})  # sources of names only the words around them reveal
_OWNED_WORDS = 5  # tokens between "X's" and the place X holds ("Kabul's Shia-dominated Y")


def _sentence_ids(doc: Doc) -> list[int]:
    """Sentence index of each token (one sentence when the doc has no boundaries)."""
    ids = [0] * len(doc)
    if doc.has_annotation("SENT_START"):
        for n, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                ids[i] = n
    return ids


def link_unknown(cands: list[Cand], doc: Doc, focus: str | None, gaz: Gazetteer, words: PlaceWords) -> None:
    """Tie names the gazetteer lacks (or resolves far off) to a place the text relates them to."""
    sent = _sentence_ids(doc)
    breaks = [m.start() for m in _PARA.finditer(text_of(doc))]
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
                doc[s - 2].lower_ in words.SETTLEMENT
                and any(t.lower_ in words.NEARBY for t in doc[max(0, s - 5) : s - 2])
            )
        ):
            anchors.append(k)
    for k, c in enumerate(cands):
        # A small namesake abroad while the text is about another country: trust a tie in the text more.
        far = (
            c.place is not None
            and c.place.country != focus
            and focus is not None
            and (
                c.source in PHRASES
                or c.how == "gazetteer"
                and (c.place.population < 100_000 or normalize(c.span.text) != normalize(c.place.name))
            )
        )  # a big city abroad only counts as "far" when it matched through an alternate name
        weak = far and c.source == "gazetteer"
        if c.place is not None and not far:
            continue
        target = _owned_by(cands, k, words)
        target = _town_told(cands, k, words) if target is None else target
        target = _linked_after(cands, k, doc, sent, words) if target is None else target
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
            if c.source in PHRASES:  # "Kanko village" in a Nigerian story is no namesake abroad
                c.place, c.how, c.precision = None, "unresolved", None
            continue  # named by spaCy and in the gazetteer: keep the namesake
        if target is not None:
            y = cands[target]
            assert y.place is not None
            c.place, c.how, c.linked_to, c.score = y.place, "linked", text_of(doc)[y.start : y.end], 0.5
            c.tied = y.start
            c.precision = 3 if y.precision == 3 else 2  # a village in a district (ADM2): precision 2
    linked = {normalize(c.span.text): c for c in cands if c.how == "linked"}
    for c in cands:  # "the villages of X and Y near Z": both are near Z
        for o in cands:
            phrase = c.listed_with_settlement or o.listed_with_settlement
            if phrase and o.how == "linked" and c.place is None and c.how != "drop" and _conjoined(c, o):
                linked.setdefault(normalize(c.span.text), o)
    for c in cands:  # one sense per discourse: "X" tied once is tied everywhere
        if c.place is None and c.how != "drop":
            tied = linked.get(normalize(c.span.text))
            if tied is not None:
                c.place, c.how, c.precision = tied.place, "linked", tied.precision
                c.linked_to, c.score, c.tied = tied.linked_to, 0.5, tied.tied
            elif focus is not None:
                c.place, c.how, c.precision, c.score = gaz.country(focus), "focus", 3, 0.2
                if c.place is None:
                    c.how, c.precision = "unresolved", None


def _owned_by(cands: list[Cand], k: int, words: PlaceWords) -> int | None:
    """ "Toronto's Pearson International Airport", "the provincial capital's Satellite Town",
    "Kabul's Shia-dominated Dasht-e-Barchi neighbourhood": the place named right before, with a
    possessive, holds the unknown name (index of that place). With words between the two, only a
    name its own words call a place ("X district", "X neighbourhood", "X Camp", "X Airport")."""
    c = cands[k]
    if k == 0 or cands[k - 1].place is None or cands[k - 1].how in ("linked", "focus", "drop"):
        return None
    doc = c.span.doc
    owner = doc.char_span(cands[k - 1].start, cands[k - 1].end, alignment_mode="expand")
    if owner is None:
        return None
    between = doc[owner.end : c.span.start]  # "'s", then maybe a few words ("Shia-dominated")
    if len(between) == 0 or between[0].lower_ not in words.POSSESSIVE or len(between) > _OWNED_WORDS:
        return None
    if any(t.is_punct and t.text != "-" for t in between[1:]):
        return None
    place_word = c.span[-1].lower_ in words.SETTLEMENT_AFTER | words.FACILITY_WORDS
    place_like = c.source in PHRASES or c.region or c.listed_with_settlement or place_word
    return k - 1 if len(between) == 1 or place_like else None


def _town_told(cands: list[Cand], k: int, words: PlaceWords) -> int | None:
    """ "a second blast in the city's X district": a name the gazetteer lacks, owned by "the city",
    lies in the town the text told last (index of that town), whose own name is not repeated."""
    c = cands[k]
    doc, s = c.span.doc, c.span.start
    if s < 2 or doc[s - 1].lower_ not in words.POSSESSIVE or doc[s - 2].lower_ not in words.TOWN_OWNERS:
        return None
    towns = [
        m
        for m in range(k)
        if cands[m].place is not None
        and cands[m].precision == 1
        and cands[m].how not in ("linked", "focus", "drop")
        and cands[m].place.feature_class == "P"  # type: ignore[union-attr]
    ]
    return towns[-1] if towns else None


def _conjoined(a: Cand, b: Cand) -> bool:
    """Two names listed together ("the villages of X and Y")."""
    ends = {t.i for t in b.span}
    return any(o.i in ends for t in a.span for o in t.conjuncts)


def _linked_after(cands: list[Cand], k: int, doc: Doc, sent: list[int], words: PlaceWords) -> int | None:
    """ "X near Y", "X, 20 km north of Y", "X in the Y region", "X, a town in Y" → index of Y."""
    c = cands[k]
    for m in range(k + 1, min(k + 3, len(cands))):
        y = cands[m]
        if (
            y.place is None
            or y.how in ("linked", "focus", "capital")
            or sent[y.span.start] != sent[c.span.start]
        ):
            continue
        between = doc[c.span.end : y.span.start]
        if len(between) > 10 or len(between) == 0:
            return None
        said = {t.lower_ for t in between}
        if "\n" in between.text:
            return None
        if said & words.CLAUSE_BREAKS:
            return None
        if any(t.pos_ == "VERB" and lemma(t, words) not in words.LINK_VERBS for t in between):
            return None
        if any(
            t.pos_ in ("NOUN", "PROPN")
            and t.lower_ not in words.LINK_NOUNS
            and t.dep_ not in ("compound", "amod", "nmod")
            for t in between
        ):
            return None  # "X, a spokesman in Y": an apposition about something else
        if said & words.LINK_CUES:
            return m
        return None
    return None


def lemma(tok: Token, words: PlaceWords) -> str:
    """The token's lemma; without a lemmatizer (``sitrep geoparse`` runs without one, for speed),
    a verb's base form by stripping its inflection ("located" → "locate", "tweeted" → "tweet")."""
    if tok.lemma_:
        return tok.lemma_
    w = tok.lower_
    if w in words.IRREGULAR_VERBS:
        return words.IRREGULAR_VERBS[w]
    for suffix, repl in words.VERB_SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)] + repl
            return stem + "e" if stem + "e" in words.E_STEMS else stem
    return w
