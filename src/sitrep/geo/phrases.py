"""Place names the words around them reveal, whatever spaCy labels them.

The small English model often tags an admin area or a village PERSON or ORG ("Katsina State",
"Dandume LGA", "Kanko village"). A name that ends in an admin word is a candidate when the
gazetteer knows it as an admin area (or, with a lower-case admin word, "Chahar Dara district",
even when it does not: ``link.py`` then ties it to the area named next to it); a name followed by a
settlement word ("Kanko village") or after "the village(s) of" is a candidate whether or not the
gazetteer knows it. The words are the language's (``PlaceWords``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..lang import PlaceWords
from ..lang.doctext import text_of
from .gazetteer import KIND_ALIAS, KIND_NAME, Gazetteer

__all__ = ["Phrase", "admin_phrases", "run_after", "run_before", "settlement_phrases", "text_of", "titled"]

MAX_NAME = 4  # words in a name a phrase can reveal
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ADMIN_CODES = frozenset({"ADM1", "ADM2"})
_UNCONFIRMED_LABELS = frozenset({"", "PERSON", "GPE", "LOC"})  # an unknown name, not an organisation's


@dataclass(frozen=True, slots=True)
class Phrase:
    """A name a phrase reveals: the name's tokens, the tokens it claims, and whether it is an area."""

    name: Span
    claim: Span
    source: str  # "ner" when spaCy already called it a place, else "admin" or "phrase"
    region: bool


def titled(tok: Token) -> bool:
    """A capitalised word that can be part of a place name."""
    t = tok.text
    return bool(t) and t[0].isupper() and (t.isalpha() or t.replace(".", "").replace("'", "").isalpha())


def _name_word(tok: Token, taken: Sequence[bool], words: PlaceWords) -> bool:
    """A word that can be part of a name a phrase reveals: capitalised, a proper noun, not claimed."""
    return (
        not taken[tok.i]
        and titled(tok)
        and (tok.pos_ == "PROPN" or (tok.pos_ in ("ADJ", "NOUN") and not tok.is_sent_start))
        and tok.lower_ not in words.LEADING_DROP
        and tok.lower_.rstrip(".") not in words.TITLES
    )


def _touches(doc: Doc, i: int) -> bool:
    """Token ``i`` and the next are one word ("Port-au-Prince", "Nord-Kivu")."""
    return i + 1 < len(doc) and not doc[i].whitespace_ and "-" in (doc[i].text, doc[i + 1].text)


def run_before(doc: Doc, k: int, taken: Sequence[bool], words: PlaceWords) -> Span | None:
    """The name words right before token ``k``."""
    j, n = k, 0
    while j > 0 and not taken[j - 1]:
        glued = j < k and _touches(doc, j - 1)  # "Qala-e-Zal" is one word
        if (glued or _name_word(doc[j - 1], taken, words)) and (glued or n < MAX_NAME):
            n += 0 if glued else 1
            j -= 1
        else:
            break
    while j < k and not titled(doc[j]):  # a leading hyphen or particle is not part of it
        j += 1
    return doc[j:k] if j < k else None


def run_after(doc: Doc, k: int, taken: Sequence[bool], words: PlaceWords) -> Span | None:
    """The name words from token ``k`` on."""
    j = k
    while j < len(doc) and j - k < MAX_NAME * 2 and not taken[j]:
        if _name_word(doc[j], taken, words) or (j > k and _touches(doc, j - 1)):
            j += 1
        else:
            break
    while j > k and not titled(doc[j - 1]):  # a trailing hyphen or particle is not part of it
        j -= 1
    return doc[k:j] if j > k else None


def _source(name: Span, fallback: str) -> str:
    """ "ner" when spaCy labelled the whole name a place."""
    return "ner" if all(t.ent_type_ in _PLACE_LABELS for t in name) else fallback


def _admin_suffix(doc: Doc, k: int, words: PlaceWords) -> int:
    """How many tokens from ``k`` make an admin word or phrase ("State", "Local Government Area"), or 0."""
    first = doc[k].lower_
    if first in words.ADMIN_WORDS:
        return 1
    for phrase in words.ADMIN_PHRASES:
        if phrase[0] != first:
            continue
        if tuple(t.lower_ for t in doc[k : k + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _is_admin(name: str, word: str, gaz: Gazetteer) -> bool:
    """The gazetteer knows "name word", or ``name`` as its own name, as an admin area."""
    if any(p.feature_code in _ADMIN_CODES for p, _ in gaz.candidates(f"{name} {word}")[:10]):
        return True
    return any(
        p.feature_code in _ADMIN_CODES and kind in (KIND_NAME, KIND_ALIAS)
        for p, kind in gaz.candidates(name)[:20]
    )


def _inside_other_entity(name: Span, end: int) -> bool:
    """The name and its admin word are only part of a longer organisation or person name."""
    doc = name.doc
    labels = {t.ent_type_ for t in doc[name.start : end]} - {""}
    if not labels or labels <= {"GPE", "LOC"}:
        return False
    before = name.start > 0 and doc[name.start - 1].ent_iob_ == "I" and doc[name.start].ent_iob_ == "I"
    after = end < len(doc) and doc[end].ent_iob_ == "I"
    return before or after


def _unconfirmed_ok(run: Span, word: Token, gaz: Gazetteer, words: PlaceWords) -> bool:
    """ "Chahar Dara district": a name the gazetteer lacks, before a lower-case admin word, that no
    one labelled an organisation ("the GOP state", "a Public Utilities department"), unless the
    organisation is the name alone before a district word ("Qala-e-Zal" tagged ORG)."""
    if not word.text.islower() or gaz.country_of_demonym(run.text):
        return False
    if all(t.ent_type_ in _UNCONFIRMED_LABELS for t in run):
        return True
    alone = run[0].ent_iob_ == "B" and (run.end >= len(run.doc) or run.doc[run.end].ent_iob_ != "I")
    return alone and word.lower_ in words.COUNTY_WORDS and all(t.ent_type_ == "ORG" for t in run)


def admin_phrases(doc: Doc, gaz: Gazetteer, words: PlaceWords, taken: Sequence[bool]) -> list[Phrase]:
    """ "Katsina State", "Dandume LGA", "Konduga Local Government Area", "Chahar Dara district"."""
    found: list[Phrase] = []
    k = 1
    while k < len(doc):
        n = _admin_suffix(doc, k, words)
        run = run_before(doc, k, taken, words) if n else None
        if run is None:
            k += 1
            continue
        word = doc[k : k + n].text
        for i in range(run.start, run.end):  # the longest name the gazetteer confirms
            name = doc[i : run.end]
            if all(t.lower_ in words.COMPASS for t in name):
                break  # "Central District": a direction, unless spaCy calls it a place
            if _is_admin(name.text, word, gaz) and not _inside_other_entity(name, k + n):
                found.append(Phrase(name, doc[i : k + n], _source(name, "admin"), True))
                break
        else:
            if _unconfirmed_ok(run, doc[k], gaz, words):
                found.append(Phrase(run, doc[run.start : k + n], _source(run, "phrase"), True))
        k += n
    return found


def settlement_phrases(doc: Doc, gaz: Gazetteer, words: PlaceWords, taken: Sequence[bool]) -> list[Phrase]:
    """ "Kanko village", "the village of Kolobadi", "the villages of Mbingi and Mapasana"."""
    found: list[Phrase] = []
    for tok in doc:
        if not tok.text.islower():
            continue
        run = None
        if tok.lower_ in words.SETTLEMENT_AFTER and tok.i > 0:
            run = run_before(doc, tok.i, taken, words)
            claim = doc[run.start : tok.i] if run is not None else None
        elif tok.lower_ in words.SETTLEMENT_OF and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of":
            run = run_after(doc, tok.i + 2, taken, words)
            claim = run
        if run is None or claim is None or gaz.country_of_demonym(run.text):
            continue
        if any(t.ent_type_ == "NORP" for t in run) and not gaz.is_place_name(run.text):
            continue  # "a Fulani village": people, not a place
        if gaz.country_by_name(run.text):
            continue
        found.append(Phrase(run, claim, _source(run, "phrase"), False))
    return found
