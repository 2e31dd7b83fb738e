"""Walks over spaCy's dependency parse: a verb's subject and object, a noun phrase's head.

Every walk ends by construction: it climbs through ``Token.ancestors`` or compares tokens by
index (spaCy makes a new ``Token`` on every access, so ``is`` never says "the root").
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lang import Grammar

NOMINAL = frozenset({"NOUN", "PROPN"})
VERBAL = frozenset({"VERB", "AUX"})


def children(t: Token, *deps: str) -> list[Token]:
    """The token's children with one of these dependency labels."""
    return [c for c in t.children if c.dep_ in deps]


def np_head(tok: Token) -> Token:
    """Repair a mis-parsed object ("by the paramilitary Rapid Support Forces" with an ADJ as pobj)."""
    if tok.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
        return tok
    for t in tok.doc[tok.i + 1 : tok.i + 6]:
        if t.pos_ in NOMINAL and t.dep_ != "compound":
            return t
        if t.pos_ in {"VERB", "PUNCT", "ADP"}:
            break
    return tok


def governing_verb(tok: Token) -> Token | None:
    """The token itself if it is a verb, else its nearest verbal ancestor (its clause)."""
    return next((t for t in [tok, *tok.ancestors] if t.pos_ in VERBAL), None)


def depth(tok: Token) -> int:
    """How many heads lie above the token (0 for the root)."""
    return sum(1 for _ in tok.ancestors)


def subject_of(verb: Token, g: Grammar) -> Token | None:
    """The agent noun of a verb: its active subject, its passive 'by' agent, or a conj head's subject."""
    for c in verb.children:
        if c.dep_ == "agent":
            objs = children(c, "pobj")
            if objs:
                return np_head(objs[0])
    subj = sorted(children(verb, "nsubj"), key=lambda t: abs(verb.i - t.i))
    if subj:
        s = subj[0]  # the nearest: a dateline city parsed as a second subject is farther away
        if s.lower_ in g.RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return s
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.pos_ in VERBAL and verb.head.i != verb.i:
        if verb.dep_ == "conj" or not children(verb, "nsubjpass"):
            return subject_of(verb.head, g)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG":  # "after seizing X", "by controlling X": the main subject
        governor = next((a for a in verb.ancestors if a.pos_ in VERBAL), None)
        if governor is not None:
            return subject_of(governor, g)
    return None


def object_of(verb: Token, g: Grammar) -> Token | None:
    """The patient noun: the direct object, the passive subject, or the object of 'on'/'at'."""
    for dep in ("dobj", "nsubjpass"):
        objs = children(verb, dep)
        if objs:
            o = objs[0]
            if o.lower_ in g.RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return o
    for prep in children(verb, "prep", "prt"):
        if prep.lower_ in g.TARGET_PREPOSITIONS:
            objs = children(prep, "pobj")
            if objs:
                return objs[0]
    for conj in children(verb, "conj"):  # "killed and wounded scores of fighters": a shared object
        if conj.pos_ == "VERB" and not children(conj, "nsubj"):
            objs = children(conj, "dobj")
            if objs:
                return objs[0]
    return None


def of_object(tok: Token, g: Grammar) -> Token | None:
    """The object of the token's partitive 'of' ("dozens of homes" → homes), if any."""
    for prep in children(tok, "prep"):
        if prep.lower_ == g.PARTITIVE and children(prep, "pobj"):
            return children(prep, "pobj")[0]
    return None


def prep_objects(tok: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    """Objects of the token's prepositions that are one of ``preps``, in order."""
    return [o for p in children(tok, "prep") if p.lower_ in preps for o in children(p, "pobj")]
