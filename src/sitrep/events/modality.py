"""Did it happen? A trigger's modality: reported, claimed (hedged), or not (threatened, planned, negated).

ACLED codes what is reported to have happened; a claim is coded with lower confidence; threats,
plans, denials, negations, conditions, futures and tallies over a period are not coded. Read from
the trigger's own dependents and up to six governing heads; the words are the language's
(``lang/<code>/modality.py``).
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Token

from ..lang import ModalityWords
from .syntax import VERBAL

Modality = Literal["happened", "hedged", "not"]
GOVERNORS = 6  # heads climbed above a trigger


def _negated(trigger: Token, m: ModalityWords) -> bool:
    """Negated, or a participant that is nobody ("no civilians were killed", "nobody was hurt")."""
    if any(c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == m.NO_DETERMINER for c in trigger.children):
        return True  # "did not attack", "no arrests were made"
    if (
        trigger.dep_ == "pobj" and trigger.head.dep_ == "prep"
    ):  # "no reports of clashes", "no sign of fighting"
        if any(d.dep_ == "det" and d.lower_ == m.NO_DETERMINER for d in trigger.head.head.children):
            return True
    return any(
        c.dep_ in {"nsubj", "nsubjpass", "dobj"}
        and (c.lower_ in m.NOBODY or any(d.dep_ == "det" and d.lower_ == m.NO_DETERMINER for d in c.children))
        for c in trigger.children
    )


def _generic_when(trigger: Token, m: ModalityWords) -> bool:
    """A present-tense "when" clause, or the present clause it hangs on, tells what happens as a rule:
    "when one group kills three people, the other group also kills three"."""
    if trigger.tag_ not in {"VBZ", "VBP"}:
        return False
    clauses = [trigger, *(c for c in trigger.children if c.dep_ == "advcl" and c.tag_ in {"VBZ", "VBP"})]
    return any(
        c.dep_ in {"mark", "advmod"} and c.lower_ in m.GENERIC_WHEN for k in clauses for c in k.children
    )


def _habitual(trigger: Token, m: ModalityWords) -> bool:
    """A habit or a series, not a happening: "clashes often break out", "a series of attacks",
    "near-daily clashes", "has stepped up attacks", "atrocities such as the recent air strikes"."""
    clause = [trigger, *(a for a in trigger.ancestors if a.pos_ in VERBAL)][:2]
    if any(c.dep_ == "advmod" and c.lower_ in m.HABITUAL_ADVERBS for t in clause for c in t.children):
        return True
    if _generic_when(trigger, m):
        return True
    if any(c.dep_ in {"amod", "advmod"} and c.lower_ in m.HABITUAL_MODIFIERS for c in trigger.children):
        return True
    head = trigger.head
    if trigger.dep_ == "dobj":
        particle = next((c.lower_ for c in head.children if c.dep_ == "prt"), None)
        return head.lemma_.lower() + (f" {particle}" if particle else "") in m.SERIES_VERBS
    if trigger.dep_ != "pobj" or head.i == trigger.i:
        return False
    if (
        trigger.tag_ == "NNS"
        and head.i > 0
        and f"{trigger.doc[head.i - 1].lower_} {head.lower_}" in m.EXAMPLE_PHRASES
    ):
        return True
    return head.head.lemma_.lower() in m.SERIES_NOUNS


def _unreal(trigger: Token, m: ModalityWords) -> bool:
    """A future, an unfulfilled infinitive, a condition, a habit, or a tally over a period."""
    if _habitual(trigger, m):
        return True
    for c in trigger.children:
        low = c.lower_
        if c.dep_ in {"aux", "auxpass"} and low in m.FUTURE_AUX:
            return True
        if (
            c.dep_ == "aux"
            and low == m.INFINITIVE_MARK
            and trigger.dep_ in {"xcomp", "advcl", "acl", "relcl", "ccomp"}
        ):
            if trigger.head.lemma_.lower() not in m.ASPECT_HEADS:
                return True
        if c.dep_ == "mark" and low in m.CONDITION_MARKS:
            return True
    head = trigger.head
    if trigger.dep_ == "xcomp" and head.dep_ in {"xcomp", "advcl", "acl"}:  # "sent troops to help fight"
        if any(c.dep_ == "aux" and c.lower_ == m.INFINITIVE_MARK for c in head.children):
            if head.head.lemma_.lower() not in m.ASPECT_HEADS and head.lemma_.lower() not in m.ASPECT_HEADS:
                return True
    clause = trigger
    if trigger.dep_ == "pcomp" and trigger.head.dep_ == "prep":  # "have been accused of killing hundreds"
        clause = trigger.head.head
    perfect = any(c.dep_ == "aux" and c.lower_ in m.PERFECT_AUX for c in clause.children)
    return perfect and bool(m.AGGREGATE.search(trigger.sent.text))  # "has killed thousands since 2015"


def _hedges(tok: Token, m: ModalityWords) -> bool:
    """A hedging adverb among the token's dependents ("reportedly", "allegedly")."""
    return any(c.dep_ == "advmod" and c.lower_ in m.HEDGE_ADVERBS for c in tok.children)


def modality(trigger: Token, m: ModalityWords) -> Modality:
    """'not' for threats, plans, denials, negations and futures; 'hedged' for claims; else 'happened'."""
    if _negated(trigger, m) or _unreal(trigger, m):
        return "not"
    status: Modality = "happened"
    if any(c.dep_ == "aux" and c.lower_ in m.POSSIBILITY_AUX for c in trigger.children) or _hedges(
        trigger, m
    ):
        status = "hedged"
    node, steps = trigger, 0
    while node.head.i != node.i and steps < GOVERNORS:
        head = node.head
        if node.dep_ == "conj":  # a coordinated verb is not governed by its sibling
            node = head
            continue
        verdict = _governed(node, head, m)
        if verdict == "not":
            return "not"
        if verdict == "hedged":
            status = "hedged"
        node, steps = head, steps + 1
    return status


def _governed(node: Token, head: Token, m: ModalityWords) -> Modality:
    """What a governing head makes of the clause below it."""
    hl = head.lemma_.lower()
    if any(c.dep_ == "mark" and c.lower_ in m.GOVERNING_CONDITIONS for c in head.children):
        return "not"  # "if arrests were made": a condition, not a report
    if hl in m.NOT_HAPPENED_HEADS and node.dep_ not in {"nsubj", "nsubjpass", "advcl"}:
        return "not"
    if head.pos_ in VERBAL and any(
        c.dep_ == "aux" and c.lower_ in m.FUTURE_AUX | m.OBLIGATION_AUX for c in head.children
    ):
        return "not"  # "Mexico should send peace demonstrators", "the army would retake the town"
    if hl in m.CONFIRM_HEADS and any(c.dep_ == "neg" for c in head.children):
        return "hedged"
    if hl in m.HEDGE_HEADS or head.lower_ in m.UNCONFIRMED or _hedges(head, m):
        return "hedged"
    return "happened"
