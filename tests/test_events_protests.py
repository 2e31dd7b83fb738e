"""events.protests on hand-built parses: which of ACLED's protest and riot types a demonstration is.

ACLED's rules: violence by the demonstrators makes a riot; lethal force against peaceful ones is
excessive force; dispersal or arrests make a protest with intervention; otherwise it is peaceful.
Each parse is the one en_core_web_sm gives the sentence in its comment, frozen by hand.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import parsed, reader, sentence_drafts
from sitrep import lang
from sitrep import taxonomy as T
from sitrep.events.actors import Actor
from sitrep.events.candidate import Candidate
from sitrep.events.protests import one_demonstration, protest_policing, protest_type

CUES = lang.load("en").protests
PLACES = ("Nairobi", "Khartoum", "Kisumu", "Accra", "Mombasa")

# "Police fired tear gas at protesters in Nairobi."
TEAR_GAS = """
Police 1 nsubj NOUN NNS
fired 1 ROOT VERB VBD fire
tear 3 amod ADJ JJ
gas 1 dobj NOUN NN
at 1 prep ADP IN
protesters 4 pobj NOUN NNS protester
in 5 prep ADP IN
Nairobi 6 pobj PROPN NNP - GPE
. 1 punct PUNCT .
"""

# "Soldiers fired live rounds at protesters in Khartoum, killing two."
LIVE_FIRE = """
Soldiers 1 nsubj NOUN NNS soldier
fired 1 ROOT VERB VBD fire
live 3 amod ADJ JJ
rounds 1 dobj NOUN NNS round
at 1 prep ADP IN
protesters 4 pobj NOUN NNS protester
in 5 prep ADP IN
Khartoum 6 pobj PROPN NNP - GPE
, 1 punct PUNCT ,
killing 1 advcl VERB VBG kill
two 9 dobj NUM CD - CARDINAL
. 1 punct PUNCT .
"""

# "Protesters torched cars and looted shops in Kisumu."
RIOT = """
Protesters 1 nsubj NOUN NNS protester
torched 1 ROOT VERB VBD torch
cars 1 dobj NOUN NNS car
and 2 cc CCONJ CC
looted 5 amod VERB VBN loot
shops 2 conj NOUN NNS shop
in 5 prep ADP IN
Kisumu 6 pobj PROPN NNP - GPE
. 1 punct PUNCT .
"""

# "Teachers marched peacefully through Accra."
PEACEFUL = """
Teachers 1 nsubj NOUN NNS teacher
marched 1 ROOT VERB VBD march
peacefully 1 advmod ADV RB
through 1 prep ADP IN
Accra 3 pobj PROPN NNP - ORG
. 1 punct PUNCT .
"""

# "Protesters blocked roads in Accra."
BLOCKED_ROADS = """
Protesters 1 nsubj NOUN NNS protester
blocked 1 ROOT VERB VBD block
roads 1 dobj NOUN NNS road
in 1 prep ADP IN
Accra 3 pobj PROPN NNP - GPE
. 1 punct PUNCT .
"""

# "Protesters peacefully blocked roads in Accra."
PEACEFULLY_BLOCKED = """
Protesters 2 nsubj NOUN NNS protester
peacefully 2 advmod ADV RB
blocked 2 ROOT VERB VBD block
roads 2 dobj NOUN NNS road
in 2 prep ADP IN
Accra 4 pobj PROPN NNP - GPE
. 2 punct PUNCT .
"""

# "Clashes broke out in the market."
MARKET_CLASHES = """
Clashes 1 nsubj NOUN NNS clash
broke 1 ROOT VERB VBD break
out 1 prt ADP RP
in 1 prep ADP IN
the 5 det DET DT
market 3 pobj NOUN NN
. 1 punct PUNCT .
"""

# "Police arrested dozens of protesters in Nairobi."
ARRESTED_PROTESTERS = """
Police 1 nsubj NOUN NNS
arrested 1 ROOT VERB VBD arrest
dozens 1 dobj NOUN NNS dozen CARDINAL
of 2 prep ADP IN
protesters 3 pobj NOUN NNS protester
in 1 prep ADP IN
Nairobi 5 pobj PROPN NNP - GPE
. 1 punct PUNCT .
"""

# "Thousands of people marched through Nairobi in a peaceful protest.
#  In Mombasa, young men set fire to tyres."
STORY = """
Thousands 3 nsubj NOUN NNS thousand CARDINAL
of 0 prep ADP IN
people 1 pobj NOUN NNS
marched 3 ROOT VERB VBD march
through 3 prep ADP IN
Nairobi 4 pobj PROPN NNP - GPE
in 3 prep ADP IN
a 9 det DET DT
peaceful 9 amod ADJ JJ
protest 6 pobj NOUN NN
. 3 punct PUNCT .
In 16 prep ADP IN
Mombasa 11 pobj PROPN NNP - GPE
, 16 punct PUNCT ,
young 15 amod ADJ JJ
men 16 nsubj NOUN NNS man
set 16 ROOT VERB VBD
fire 16 dobj NOUN NN
to 16 prep ADP IN
tyres 18 pobj NOUN NNS tyre
. 16 punct PUNCT .
"""

# "Young men set fire to tyres in Mombasa."
TYRES = """
Young 1 amod ADJ JJ
men 2 nsubj NOUN NNS man
set 2 ROOT VERB VBD
fire 2 dobj NOUN NN
to 2 prep ADP IN
tyres 4 pobj NOUN NNS tyre
in 2 prep ADP IN
Mombasa 6 pobj PROPN NNP - GPE
. 2 punct PUNCT .
"""


def coded(rows: str) -> list[Any]:
    """The drafts the sentence loop makes of a parse (its place names recognised)."""
    return sentence_drafts(parsed(rows), reader(*PLACES))


def who(a: Actor | None) -> str | None:
    return None if a is None else a.kind


@pytest.mark.parametrize(
    ("rows", "sub"),
    [
        pytest.param(TEAR_GAS, T.PROTEST_WITH_INTERVENTION, id="tear gas"),
        pytest.param(ARRESTED_PROTESTERS, T.PROTEST_WITH_INTERVENTION, id="arrests"),
        pytest.param(LIVE_FIRE, T.EXCESSIVE_FORCE, id="live fire"),
        pytest.param(RIOT, T.VIOLENT_DEMONSTRATION, id="torched and looted"),
        pytest.param(BLOCKED_ROADS, T.VIOLENT_DEMONSTRATION, id="blocked roads"),
        pytest.param(PEACEFULLY_BLOCKED, T.PEACEFUL_PROTEST, id="peacefully blocked roads"),
        pytest.param(PEACEFUL, T.PEACEFUL_PROTEST, id="marched peacefully"),
        pytest.param(MARKET_CLASHES, None, id="no demonstration"),
    ],
)
def test_protest_type_by_acled_rules(rows: str, sub: str | None) -> None:
    assert protest_type(next(iter(parsed(rows).sents)), CUES) == sub


def test_tear_gas_is_an_intervention_by_the_police() -> None:
    (d,) = coded(TEAR_GAS)
    assert (d.sub, who(d.agent)) == (T.PROTEST_WITH_INTERVENTION, "police")


def test_live_fire_is_excessive_force_and_carries_the_dead() -> None:
    (d,) = coded(LIVE_FIRE)
    assert d.sub == T.EXCESSIVE_FORCE and [t.best for t in d.tolls] == [2]


@pytest.mark.xfail(
    strict=True,
    reason="no trigger reads 'soldiers fired live rounds at protesters' ('fire' needs launched weapons), so "
    "the excessive-force event has no one who used the force: actor2 is empty, unlike with tear gas",
)
def test_live_fire_keeps_who_fired() -> None:
    (d,) = coded(LIVE_FIRE)
    assert "state" in {who(d.agent), who(d.patient)}


def test_a_riot_by_its_damage() -> None:
    assert [d.sub for d in coded(RIOT)] == [T.VIOLENT_DEMONSTRATION]


def test_protesters_arrested_are_policed_demonstrators() -> None:
    (d,) = coded(ARRESTED_PROTESTERS)
    assert (d.sub, who(d.agent), who(d.patient)) == (T.PROTEST_WITH_INTERVENTION, "protesters", "police")


def test_damage_in_a_story_about_demonstrations_is_a_riot() -> None:
    assert [(d.sub, who(d.agent)) for d in coded(STORY)] == [
        (T.PEACEFUL_PROTEST, "civilians"),
        (T.VIOLENT_DEMONSTRATION, "rioters"),
    ]
    assert [d.sub for d in coded(TYRES)] == [T.LOOTING]  # told alone, it is property destruction


# ---------------------------------------------------------------- on candidates built by hand

TOK = parsed(TEAR_GAS)[2]


def cand(sub: str, agent: Actor | None = None, patient: Actor | None = None) -> Candidate:
    return Candidate(sub, TOK, agent, patient, "happened", "word:test")


def test_protest_policing_folds_arrests_of_protesters_into_the_protest() -> None:
    police = Actor("police")
    (merged, other) = protest_policing(
        [
            cand(T.PEACEFUL_PROTEST),
            cand(T.ARRESTS, police, Actor("protesters")),
            cand(T.ARRESTS, police, Actor("civilians")),  # not protesters: a separate event
        ]
    )
    assert (merged.sub_event_type, who(merged.agent), merged.patient) == (
        T.PROTEST_WITH_INTERVENTION,
        "protesters",
        police,
    )
    assert merged.why == "word:test+policing"
    assert other.sub_event_type == T.ARRESTS and who(other.patient) == "civilians"
    unpoliced = [cand(T.PEACEFUL_PROTEST), cand(T.ARRESTS, police, Actor("civilians"))]
    assert protest_policing(unpoliced) == unpoliced


def test_one_demonstration_retypes_and_folds_its_parts() -> None:
    sent = next(iter(parsed(RIOT).sents))
    out = one_demonstration(
        [cand(T.PEACEFUL_PROTEST), cand(T.ARRESTS), cand(T.LOOTING), cand(T.ABDUCTION)], sent, CUES, False
    )
    assert [c.sub_event_type for c in out] == [T.VIOLENT_DEMONSTRATION, T.ABDUCTION]


def test_in_a_protest_story_damage_by_crowds_is_a_riot_and_by_forces_is_not() -> None:
    sent = next(iter(parsed(MARKET_CLASHES).sents))
    by_crowd, by_army = one_demonstration(
        [cand(T.LOOTING, Actor("civilians")), cand(T.LOOTING, Actor("state"))], sent, CUES, True
    )
    assert (by_crowd.sub_event_type, who(by_crowd.agent)) == (T.VIOLENT_DEMONSTRATION, "rioters")
    assert by_army.sub_event_type == T.LOOTING
