"""Who did what to whom, for one trigger: a nominal trigger's agent and patient, the two sides
of a fight, what a verb's object is (a weapon, a place, a party to a conflict).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..taxonomy import ARMED_KINDS
from .actors import Actor, actor_of
from .reading import Reader
from .syntax import children, of_object, prep_objects, subject_of


def noun_agent(noun: Token, r: Reader) -> Actor | None:
    """Who did a nominal trigger ("French airstrikes", "an attack by gunmen", "their raid")."""
    g = r.grammar
    # "an Afghan suicide bomber", "Somali gunmen": a person's nationality, not a state's forces
    person = r.lemma(noun) in r.actors.ARMED_GROUP_NOUNS or any(
        c.lower_ == r.checks.SUICIDE_CUES[0] for c in noun.children
    )
    for c in noun.children:
        if person and r.names.country_of_demonym(c.text):
            continue
        if c.dep_ in {"amod", "compound", "nmod"}:
            a = actor_of(c, r)
            if a is not None:
                return a
            iso = r.names.country_of_demonym(c.text) or r.names.country_code(c.text)
            if iso:
                return Actor("state", iso, token_i=c.i)
        if c.dep_ == "prep" and c.lower_ == g.AGENT_PREPOSITION:
            objs = children(c, "pobj")
            if objs:
                return actor_of(objs[0], r)
        if c.dep_ == "acl" and c.pos_ == "VERB":  # "shells fired by the RSF", "a drone launched by X"
            a = actor_of(subject_of(c, g), r)
            if a is not None:
                return a
    # the verb a nominal trigger hangs on: "X carried out / launched / conducted an airstrike";
    # not one that only tells of it ("residents who described the blast")
    onlooker = r.lemma(noun.head) in r.actors.ONLOOKER_VERBS
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and not onlooker:
        return actor_of(subject_of(noun.head, g), r)
    return None


def noun_patient(noun: Token, r: Reader) -> Actor | None:
    """Who a nominal trigger hit: "an attack on villagers", "the killing of two soldiers"."""
    for obj in prep_objects(noun, r.grammar.PATIENT_PREPOSITIONS):
        a = actor_of(obj, r)
        if a is not None:
            return a
    return None


def sides(trigger: Token, r: Reader) -> tuple[Actor | None, Actor | None]:
    """ "Fighting/clashes between X and Y", "X clashed with Y": the two sides, in the order told."""
    for prep in children(trigger, "prep"):
        if prep.lower_ == r.grammar.BETWEEN:
            objs = children(prep, "pobj")
            if objs:
                first = objs[0]
                second = next(iter(first.conjuncts), None)
                return actor_of(first, r), actor_of(second, r) if second is not None else None
    others = prep_objects(trigger, r.checks.PARTY_PREPOSITIONS - {r.grammar.BETWEEN})
    return None, actor_of(others[0], r) if others else None


def conflict_agreement(obj: Token | None, agent: Actor | None, r: Reader) -> bool:
    """An agreement between conflict parties, or about a conflict (ceasefire, prisoners, peace)."""
    if agent is not None and (agent.kind in ARMED_KINDS or agent.kind == "government"):
        return True
    words = (
        {t.lemma_.lower() for t in obj.subtree} | {t.lower_ for t in obj.subtree}
        if obj is not None
        else set()
    )
    a = r.actors
    parties = a.ARMED_GROUP_NOUNS | a.STATE_FORCE_NOUNS | a.REBEL_WORDS | a.MILITIA_WORDS
    return bool(words & (r.checks.CONFLICT_DEALS | parties | r.checks.CONFLICT_WORDS))


def air(tok: Token | None, r: Reader) -> bool:
    """Warplanes, jets, drones, an air force."""
    if tok is None:
        return False
    if tok.lemma_.lower() in r.words.AIR_AGENTS or tok.lower_ in r.words.AIR_AGENTS:
        return True
    modifier, head = r.checks.AIR_FORCE  # "the air force"
    return tok.lemma_.lower() == head and any(c.lower_ == modifier for c in tok.children)


def content_noun(tok: Token, r: Reader) -> Token:
    """The noun a quantity stands for: "dozens of homes" → homes, "two of the trucks" → trucks."""
    if tok.lemma_.lower() in r.actors.QUANTITY_NOUNS or tok.pos_ == "NUM":
        inner = of_object(tok, r.grammar)
        if inner is not None:
            return inner
    return tok


def place_like(tok: Token | None, r: Reader) -> bool:
    """A recognised place or a territorial noun ("the town", "control of the border crossing")."""
    if tok is None:
        return False
    if r.is_place(tok):
        return True
    nouns = r.words.TERRITORY_NOUNS
    if tok.lemma_.lower() in nouns or tok.lower_ in nouns:
        if tok.lower_ == r.checks.CONTROL:
            return any(r.is_place(t) or t.lemma_.lower() in nouns for t in tok.subtree if t.i != tok.i)
        return True
    return False
