"""events.combine: how the rules and the sentence classifier decide a sentence's events (no model loaded).

The classifier's predictions are written by hand here; the parses are hand-built.
"""

from __future__ import annotations

from conftest import parsed, reader
from sitrep import taxonomy as T
from sitrep.events.candidate import Candidate
from sitrep.events.combine import combine, fallback, model_candidate
from sitrep.events.model import NOT_EVENT, Prediction

# "Officials said gunmen killed five villagers."
SAID = """
Officials 1 nsubj NOUN NNS official
said 1 ROOT VERB VBD say
gunmen 3 nsubj NOUN NNS gunman
killed 1 ccomp VERB VBD kill
five 5 nummod NUM CD - CARDINAL
villagers 3 dobj NOUN NNS villager
. 1 punct PUNCT .
"""


def prediction(sub: str, p_sub: float, p_event: float = 0.99) -> Prediction:
    rest = (1 - p_sub) / 24
    probabilities = {s: rest * p_event for s in T.BY_NAME} | {sub: p_sub * p_event, NOT_EVENT: 1 - p_event}
    return Prediction(p_event, sub, p_sub, probabilities)


def candidate(sub: str) -> Candidate:
    doc = parsed(SAID)
    return Candidate(sub, doc[3], None, None, "happened", "word:kill")


def test_the_rules_coder_ignores_the_classifier() -> None:
    kept = {T.ATTACK: candidate(T.ATTACK)}
    assert combine(kept, parsed(SAID)[:], prediction(T.ARMED_CLASH, 0.99), reader(), "rules") == kept


def test_a_lone_candidate_is_retyped_within_its_event_type_only() -> None:
    doc = parsed(SAID)
    ied = {T.REMOTE_EXPLOSIVE: candidate(T.REMOTE_EXPLOSIVE)}
    retyped = combine(ied, doc[:], prediction(T.SHELLING, 0.97), reader(), "hybrid")
    assert list(retyped) == [T.SHELLING] and retyped[T.SHELLING].why.endswith("+model:" + T.SHELLING)
    attack = {T.ATTACK: candidate(T.ATTACK)}
    assert combine(attack, doc[:], prediction(T.ARMED_CLASH, 0.99), reader(), "hybrid") == attack


def test_an_unsure_classifier_leaves_the_rules_type() -> None:
    ied = {T.REMOTE_EXPLOSIVE: candidate(T.REMOTE_EXPLOSIVE)}
    assert combine(ied, parsed(SAID)[:], prediction(T.SHELLING, 0.6), reader(), "hybrid") == ied


def test_the_model_coder_reads_the_reported_clause_not_the_saying() -> None:
    c = model_candidate(parsed(SAID)[:], prediction(T.ATTACK, 0.9), reader())
    assert c is not None and c.trigger.text == "killed" and c.sub_event_type == T.ATTACK
    assert c.agent is not None and c.agent.kind == "unidentified"


def test_the_fallback_takes_the_surest_sentence_the_rules_did_not_deny() -> None:
    preds = [prediction(T.ATTACK, 0.9, 0.5), prediction(T.ATTACK, 0.9, 0.97), prediction(T.ATTACK, 0.9, 0.95)]
    assert fallback(preds) == 1
    assert fallback(preds, denied={1}) == 2
    assert fallback([prediction(T.ATTACK, 0.9, 0.6)]) is None
