"""How strongly an advice sentence advises (the level on the common ladder, the wording) and
which hazards a danger noun names (the US indicator letters); read from the parse (``extract``)."""

from __future__ import annotations

from spacy.tokens import Token

from ..records import Place
from . import words as W


def grade(verb: Token) -> tuple[int, str, Token] | None:
    """The level, the wording and the action token of the travel advice under a directive verb."""
    for tok in verb.subtree:
        if tok.i == verb.i:
            continue
        lemma = tok.lemma_.lower()
        negated = any(c.dep_ == "neg" for c in tok.children)
        if tok.pos_ == "VERB" and lemma in W.LEAVE_VERBS and not negated and lemma != "evacuate":
            if tok.head.lemma_.lower() == "consider":  # "advised to consider leaving"
                return 3, "consider leaving", tok
            return 4, "leave", tok
        if tok.pos_ == "VERB" and lemma in W.GO_VERBS and negated:  # "not to visit", "not to go to"
            return 4, "do not travel", tok
        if lemma == "think" and any(c.lower_ == "twice" for c in tok.children) and not negated:
            return 3, "think twice before travelling", tok
        if tok.pos_ == "VERB" and W.LEAVE_PARTICLES.get(lemma) and not negated:
            if any(c.dep_ == "prt" and c.lower_ == W.LEAVE_PARTICLES[lemma] for c in tok.children):
                return 4, f"{tok.lower_} out", tok
        if lemma == "reconsider" and tok.pos_ == "VERB" and not negated:
            if any(c.dep_ == "dobj" and c.lemma_.lower() in W.TRAVEL_PLANS for c in tok.children):
                return 3, "reconsider travel", tok
        if lemma == "travel" or lemma == "trip":
            grade = _travel_grade(tok, verb, negated)
            if grade is not None:
                return grade[0], grade[1], tok
        if lemma == "caution" and tok.head.lemma_.lower() == "exercise":
            high = any(t.lower_ in ("high", "increased", "heightened", "extreme") for t in tok.head.subtree)
            if high:
                return 2, "exercise a high degree of caution", tok
    return None


def _travel_grade(tok: Token, verb: Token, negated: bool) -> tuple[int, str] | None:
    """How strongly a "travel" token is advised against, if it is."""
    words = {t.lower_ for t in tok.subtree} | {t.lower_ for t in tok.children}
    essential = bool(words & W.ESSENTIAL) or "but" in words
    if tok.pos_ == "VERB" and negated:
        return 4, "do not travel"
    head = tok.head
    if head.lower_ == "against" or (head.lemma_.lower() in W.RECONSIDER and tok.dep_ == "dobj"):
        how = head.lemma_.lower()
        if how == "reconsider":
            return 3, "reconsider travel"
        if essential:
            return 3, "avoid non-essential travel"
        if "all" in words:
            return 4, "avoid all travel"
        return 3, "avoid travel"
    return None


def hazards(noun: Token) -> list[str]:
    """The indicator letters of the hazards a danger noun names ("threat of kidnapping": K)."""
    toks = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod")]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from")):
        for pobj in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
            toks += [
                pobj,
                *(t for t in pobj.conjuncts),
                *(m for m in pobj.children if m.dep_ in ("amod", "compound")),
            ]
            toks += [m for c in pobj.conjuncts for m in c.children if m.dep_ in ("amod", "compound")]
    letters = {W.HAZARDS[t.lemma_.lower()] for t in toks if t.lemma_.lower() in W.HAZARDS}
    letters |= {W.HAZARDS[t.lower_] for t in toks if t.lower_ in W.HAZARDS}
    return sorted(letters, key=W.HAZARDS_ORDER.index) if letters else []


def stated(noun: Token) -> bool:
    """Whether a danger noun is told as a state of things ("there is a threat", "the risk remains
    high", "warned of a threat", "faces the threat"), not handled as an object ("to reduce the
    risk", "to communicate the risks")."""
    node = noun
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ in ("nsubj", "nsubjpass", "attr", "pobj", "appos", "ROOT"):
        return True
    return node.dep_ == "dobj" and node.head.lemma_.lower() in W.THREAT_HOLDERS


def is_country(place: Place) -> bool:
    """A country-level place (GeoNames PCL*)."""
    return bool(place.feature_code and place.feature_code.startswith("PCL"))


def orders_departure(verb: Token) -> bool:
    """ "ordered the departure of non-emergency staff": a drawdown told as an order."""
    return verb.lemma_.lower() == "order" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in W.DEPARTURE_NOUNS for c in verb.children
    )


def middle(toks: list[Token]) -> bool:
    """A middle part among the words ("the north and centre"): no one side to read."""
    return any(t.lower_ in W.MIDDLE for t in toks)
