"""events.triggers on hand-built parses: the phrase, frame and word passes, and what a sentence codes.

``find_candidates`` reads a sentence's typed triggers; ``extract`` drops those that did not happen
and keeps one per sub-type by ACLED's hierarchy (``_kept``), which ``sentence_drafts`` (conftest)
runs. Each parse is the one en_core_web_sm gives the sentence in its comment, frozen by hand.
"""

from __future__ import annotations

from typing import Any

import pytest

from conftest import parsed, reader, sentence_drafts
from parses import (
    NO_CIVILIANS,
    PROTEST_ON_MARCH_31,
    SEIZED_BAMA,
    SIGNED_BUSINESS_DEAL,
    SIGNED_CEASEFIRE,
    TALLY,
    WITHOUT_A_FIGHT,
)
from sitrep import taxonomy as T
from sitrep.events.actors import Actor
from sitrep.events.candidate import Candidate
from sitrep.events.extract import _kept
from sitrep.events.triggers import find_candidates

PLACES = ("Gao", "Kidal", "Mopti", "Menaka", "Boni", "Accra")

# "French jets carried out an air strike on a rebel camp."
AIR_STRIKE = """
French 1 amod ADJ JJ - NORP
jets 2 nsubj NOUN NNS jet
carried 2 ROOT VERB VBD carry
out 2 prt ADP RP
an 6 det DET DT
air 6 compound NOUN NN
strike 2 dobj NOUN NN
on 2 prep ADP IN
a 10 det DET DT
rebel 10 compound NOUN NN
camp 7 pobj NOUN NN
. 2 punct PUNCT .
"""

# "A suicide bomber blew himself up at a checkpoint, killing seven soldiers."
SUICIDE_BOMBER = """
A 2 det DET DT
suicide 2 compound NOUN NN
bomber 3 nsubj NOUN NN
blew 3 ROOT VERB VBD blow
himself 3 dobj PRON PRP
up 3 prt ADP RP
at 3 prep ADP IN
a 8 det DET DT
checkpoint 6 pobj NOUN NN
, 3 punct PUNCT ,
killing 3 advcl VERB VBG kill
seven 12 nummod NUM CD - CARDINAL
soldiers 10 dobj NOUN NNS soldier
. 3 punct PUNCT .
"""

# "Air defences shot down two drones over the city."
SHOT_DOWN = """
Air 1 compound NOUN NN
defences 2 nsubj NOUN NNS defence
shot 2 ROOT VERB VBD shoot
down 2 prt ADV RB
two 5 nummod NUM CD - CARDINAL
drones 2 dobj NOUN NNS drone
over 2 prep ADP IN
the 8 det DET DT
city 6 pobj NOUN NN
. 2 punct PUNCT .
"""

# "Rebels shot a mortar at the camp."
SHOT_MORTAR = """
Rebels 1 nsubj NOUN NNS rebel
shot 1 ROOT VERB VBD shoot
a 3 det DET DT
mortar 1 dobj NOUN NN
at 1 prep ADP IN
the 6 det DET DT
camp 4 pobj NOUN NN
. 1 punct PUNCT .
"""

# "Soldiers defused a roadside bomb near Gao."
DEFUSED = """
Soldiers 1 nsubj NOUN NNS soldier
defused 1 ROOT VERB VBD defuse
a 4 det DET DT
roadside 4 compound NOUN NN
bomb 1 dobj NOUN NN
near 1 prep ADP IN
Gao 5 pobj PROPN NNP - PERSON
. 1 punct PUNCT .
"""

# "The army set up a base near Menaka."
SET_UP_BASE = """
The 1 det DET DT
army 2 nsubj NOUN NN
set 2 ROOT VERB VBD
up 2 prt ADP RP
a 5 det DET DT
base 2 dobj NOUN NN
near 5 prep ADP IN
Menaka 6 pobj PROPN NNP - GPE
. 2 punct PUNCT .
"""

# "Dozens of fighters defected to the army."
DEFECTED = """
Dozens 3 nsubj NOUN NNS dozen CARDINAL
of 0 prep ADP IN
fighters 1 pobj NOUN NNS fighter
defected 3 ROOT VERB VBD defect
to 3 prep ADP IN
the 6 det DET DT
army 4 pobj NOUN NN
. 3 punct PUNCT .
"""

# "Gunmen attacked a village near Mopti on Sunday."
ATTACKED_VILLAGE = """
Gunmen 1 nsubj NOUN NNS gunman
attacked 1 ROOT VERB VBD attack
a 3 det DET DT
village 1 dobj NOUN NN
near 1 prep ADP IN
Mopti 4 pobj PROPN NNP - GPE
on 1 prep ADP IN
Sunday 6 pobj PROPN NNP - DATE
. 1 punct PUNCT .
"""

# "Jihadists ambushed Malian soldiers near Boni."
AMBUSHED_SOLDIERS = """
Jihadists 1 nsubj NOUN NNS jihadist NORP
ambushed 1 ROOT VERB VBD ambush
Malian 3 amod ADJ JJ - NORP
soldiers 1 dobj NOUN NNS soldier
near 1 prep ADP IN
Boni 4 pobj PROPN NNP - GPE
. 1 punct PUNCT .
"""

# "Warplanes struck a market in Gao."
WARPLANES_STRUCK = """
Warplanes 1 nsubj NOUN NNS warplane ORG
struck 1 ROOT VERB VBD strike
a 3 det DET DT
market 1 dobj NOUN NN
in 1 prep ADP IN
Gao 4 pobj PROPN NNP - PERSON
. 1 punct PUNCT .
"""

# "Rockets hit a market in Gao."
ROCKETS_HIT = """
Rockets 1 nsubj NOUN NNS rocket
hit 1 ROOT VERB VBD
a 3 det DET DT
market 1 dobj NOUN NN
in 1 prep ADP IN
Gao 4 pobj PROPN NNP - PERSON
. 1 punct PUNCT .
"""

# "The army stepped up the fight against terrorism."
CAMPAIGN = """
The 1 det DET DT
army 2 nsubj NOUN NN
stepped 2 ROOT VERB VBD step
up 2 prt ADP RP
the 5 det DET DT
fight 2 dobj NOUN NN
against 5 prep ADP IN
terrorism 6 pobj NOUN NN
. 2 punct PUNCT .
"""

# "The army stepped up its fight against the rebels."
OWN_CAMPAIGN = """
The 1 det DET DT
army 2 nsubj NOUN NN
stepped 2 ROOT VERB VBD step
up 2 prt ADP RP
its 5 poss PRON PRP$
fight 2 dobj NOUN NN
against 5 prep ADP IN
the 8 det DET DT
rebels 6 pobj NOUN NNS rebel
. 2 punct PUNCT .
"""

# "Talks will resume on March 31."
TALKS_ON_MARCH_31 = """
Talks 2 nsubj NOUN NNS talk
will 2 aux AUX MD
resume 2 ROOT VERB VB
on 2 prep ADP IN
March 3 pobj PROPN NNP - DATE
31 4 nummod NUM CD - DATE
. 2 punct PUNCT .
"""

# "Police issued arrest warrants for two officers."
ARREST_WARRANTS = """
Police 1 nsubj NOUN NNS
issued 1 ROOT VERB VBD issue
arrest 3 compound NOUN NN
warrants 1 dobj NOUN NNS warrant
for 1 prep ADP IN
two 6 nummod NUM CD - CARDINAL
officers 4 pobj NOUN NNS officer
. 1 punct PUNCT .
"""

# "Clashes between soldiers and JNIM fighters killed three people."
CLASHES_BETWEEN = """
Clashes 6 nsubj NOUN NNS clash
between 0 prep ADP IN
soldiers 1 pobj NOUN NNS soldier
and 2 cc CCONJ CC
JNIM 5 compound PROPN NNP
fighters 2 conj NOUN NNS fighter
killed 6 ROOT VERB VBD kill
three 8 nummod NUM CD - CARDINAL
people 6 dobj NOUN NNS
. 6 punct PUNCT .
"""

# "Rebels threatened to seize the town of Kidal."
THREAT = """
Rebels 1 nsubj NOUN NNS rebel
threatened 1 ROOT VERB VBD threaten
to 3 aux PART TO
seize 1 xcomp VERB VB
the 5 det DET DT
town 3 dobj NOUN NN
of 5 prep ADP IN
Kidal 6 pobj PROPN NNP - NORP
. 1 punct PUNCT .
"""

# "The army plans to retake Kidal next month."
PLAN = """
The 1 det DET DT
army 2 nsubj NOUN NN
plans 2 ROOT VERB VBZ plan
to 4 aux PART TO
retake 2 xcomp VERB VB
Kidal 4 dobj PROPN NNP
next 7 amod ADJ JJ - DATE
month 4 npadvmod NOUN NN - DATE
. 2 punct PUNCT .
"""

# "Rebels will attack the army base in Gao."
FUTURE = """
Rebels 2 nsubj NOUN NNS rebel
will 2 aux AUX MD
attack 2 ROOT VERB VB
the 5 det DET DT
army 5 compound NOUN NN
base 2 dobj NOUN NN
in 2 prep ADP IN
Gao 6 pobj PROPN NNP - PERSON
. 2 punct PUNCT .
"""

# "If the rebels attack the village, the army will respond."
CONDITION = """
If 3 mark SCONJ IN
the 2 det DET DT
rebels 3 nsubj NOUN NNS rebel
attack 10 advcl VERB VBP
the 5 det DET DT
village 3 dobj NOUN NN
, 10 punct PUNCT ,
the 8 det DET DT
army 10 nsubj NOUN NN
will 10 aux AUX MD
respond 10 ROOT VERB VB
. 10 punct PUNCT .
"""

# "The group claimed that its fighters killed ten soldiers near Mopti."
CLAIM = """
The 1 det DET DT
group 2 nsubj NOUN NN
claimed 2 ROOT VERB VBD claim
that 6 mark SCONJ IN
its 5 poss PRON PRP$
fighters 6 nsubj NOUN NNS fighter
killed 2 ccomp VERB VBD kill
ten 8 nummod NUM CD - CARDINAL
soldiers 6 dobj NOUN NNS soldier
near 8 prep ADP IN
Mopti 9 pobj PROPN NNP - GPE
. 2 punct PUNCT .
"""

# "The Malian army retook the town of Kidal on Saturday."
RETOOK_KIDAL = """
The 2 det DET DT
Malian 2 amod ADJ JJ - NORP
army 3 nsubj NOUN NN
retook 3 ROOT VERB VB
the 5 det DET DT
town 3 dobj NOUN NN
of 5 prep ADP IN
Kidal 6 pobj PROPN NNP - NORP
on 3 prep ADP IN
Saturday 8 pobj PROPN NNP - DATE
. 3 punct PUNCT .
"""


def candidates(rows: str, *places: str) -> list[Candidate]:
    """Every typed trigger of a one-sentence parse."""
    doc = parsed(rows)
    return find_candidates(next(iter(doc.sents)), reader(*places))


def coded(rows: str) -> list[Any]:
    """The drafts the sentence loop makes of a parse (its place names recognised)."""
    return sentence_drafts(parsed(rows), reader(*PLACES))


def who(a: Actor | None) -> tuple[str, str | None] | None:
    return None if a is None else (a.kind, a.country or a.named)


# ---------------------------------------------------------------- the three passes


def test_a_phrase_is_one_trigger_with_the_agent_of_its_verb() -> None:
    (c,) = candidates(AIR_STRIKE)
    assert (c.sub_event_type, c.why, c.trigger.text) == (T.AIR_STRIKE, "phrase:air strike", "strike")
    assert who(c.agent) == ("state", "FR")  # French jets carried out an air strike


def test_a_frame_covers_the_trigger_words_of_its_object() -> None:
    (c,) = candidates(DEFUSED, "Gao")  # the roadside bomb is what was defused, not a second event
    assert (c.sub_event_type, c.why) == (T.DISRUPTED_WEAPONS, "frame:defuse")
    assert [d.sub for d in coded(DEFUSED)] == [T.DISRUPTED_WEAPONS]


def test_a_base_set_up() -> None:
    (c,) = candidates(SET_UP_BASE)
    assert (c.sub_event_type, c.why, who(c.agent)) == (T.BASE_ESTABLISHED, "frame:set", ("state", None))


def test_a_ceasefire_signed_is_an_agreement_and_a_business_deal_is_not() -> None:
    (c,) = candidates(SIGNED_CEASEFIRE)
    assert (c.sub_event_type, c.why) == (T.AGREEMENT, "frame:sign")
    assert candidates(SIGNED_BUSINESS_DEAL) == []


def test_an_intransitive_group_change() -> None:
    (c,) = candidates(DEFECTED)
    assert (c.sub_event_type, who(c.agent)) == (T.CHANGE_TO_GROUP, ("unidentified", None))


def test_shooting_down_disrupts_a_weapon_and_shooting_a_mortar_fires_one() -> None:
    assert {c.sub_event_type for c in candidates(SHOT_DOWN)} == {T.DISRUPTED_WEAPONS}
    assert [c.sub_event_type for c in candidates(SHOT_MORTAR)] == [T.SHELLING]


def test_a_word_trigger_modifying_a_noun_is_no_event() -> None:
    assert candidates(ARREST_WARRANTS) == []  # arrest warrants


def test_a_campaign_is_no_battle() -> None:
    assert candidates(CAMPAIGN) == []  # the fight against terrorism: no party to fight
    assert candidates(OWN_CAMPAIGN) == []  # its fight against the rebels: a campaign of its own


def test_march_the_month_is_no_march() -> None:
    assert [c.trigger.text for c in candidates(PROTEST_ON_MARCH_31, "Accra")] == ["protest"]
    assert candidates(TALKS_ON_MARCH_31) == []


def test_a_nominal_trigger_needs_a_place_a_date_or_a_toll() -> None:
    assert [c.sub_event_type for c in candidates(SHOT_MORTAR)] == [T.SHELLING]
    assert coded(SHOT_MORTAR) == []  # "a mortar at the camp": no place, day or dead of its own


# ---------------------------------------------------------------- what a sentence codes


def test_an_attack_on_civilians_and_an_ambush_of_soldiers() -> None:
    (attack,) = coded(ATTACKED_VILLAGE)
    assert (attack.sub, who(attack.agent), who(attack.patient)) == (
        T.ATTACK,
        ("unidentified", None),
        ("civilians", None),
    )
    (ambush,) = coded(AMBUSHED_SOLDIERS)
    assert (ambush.sub, who(ambush.agent), who(ambush.patient)) == (
        T.ARMED_CLASH,
        ("islamist", None),
        ("state", "ML"),  # Malian soldiers
    )


@pytest.mark.parametrize(
    ("rows", "sub", "agent"),
    [
        pytest.param(SEIZED_BAMA, T.NON_STATE_OVERTAKES, ("rebel", None), id="taken by rebels"),
        pytest.param(RETOOK_KIDAL, T.GOVERNMENT_REGAINS, ("state", "ML"), id="retaken by the Malian army"),
        pytest.param(WITHOUT_A_FIGHT, T.NON_VIOLENT_TRANSFER, ("rebel", None), id="taken without a fight"),
    ],
)
def test_a_town_changing_hands(rows: str, sub: str, agent: tuple[str, str | None]) -> None:
    (d,) = coded(rows)
    assert (d.sub, who(d.agent)) == (sub, agent)


def test_who_struck_tells_an_air_strike_from_shelling() -> None:
    assert [d.sub for d in coded(WARPLANES_STRUCK)] == [T.AIR_STRIKE]
    assert [d.sub for d in coded(ROCKETS_HIT)] == [T.SHELLING]


def test_the_two_sides_of_a_clash_and_its_dead() -> None:
    # the killing is the clashes', not a second event: one armed clash carries the toll
    (d,) = coded(CLASHES_BETWEEN)
    assert (d.sub, who(d.agent), who(d.patient)) == (
        T.ARMED_CLASH,
        ("state", None),
        ("named", "JNIM: Group for Support of Islam and Muslims"),
    )
    assert [t.best for t in d.tolls] == [3]


def test_a_suicide_bombing_absorbs_the_clash_it_caused() -> None:
    subs = {c.sub_event_type for c in candidates(SUICIDE_BOMBER)}
    assert subs == {T.SUICIDE_BOMB}  # "killing seven soldiers": its subject is the bomber, a trigger
    (d,) = coded(SUICIDE_BOMBER)
    assert d.sub == T.SUICIDE_BOMB and [t.best for t in d.tolls] == [7]


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(NO_CIVILIANS, id="no civilians were killed"),
        pytest.param(THREAT, id="threatened to seize"),
        pytest.param(PLAN, id="plans to retake"),
        pytest.param(FUTURE, id="will attack"),
        pytest.param(CONDITION, id="if the rebels attack"),
        pytest.param(TALLY, id="has killed thousands since 2015"),
    ],
)
def test_what_did_not_happen_is_read_and_not_coded(rows: str) -> None:
    assert [c.status for c in candidates(rows, *PLACES)] == ["not"]
    assert coded(rows) == []


def test_a_claim_is_coded_hedged() -> None:
    (d,) = coded(CLAIM)
    assert (d.sub, d.hedged) == (T.ARMED_CLASH, True)


# ---------------------------------------------------------------- the hierarchy


def test_kept_applies_the_hierarchy_and_prefers_a_candidate_with_an_agent() -> None:
    tok = parsed(SUICIDE_BOMBER)[2]

    def cand(sub: str, agent: Actor | None = None) -> Candidate:
        return Candidate(sub, tok, agent, None, "happened", "word:test")

    gunmen = Actor("unidentified")
    kept = _kept(
        [
            cand(T.ATTACK),
            cand(T.ATTACK, gunmen),
            cand(T.LOOTING),  # absorbed by the attack
            cand(T.ARRESTS),
            cand("Not a sub-event type"),
        ]
    )
    assert list(kept) == [T.ATTACK, T.ARRESTS]
    assert kept[T.ATTACK].agent is gunmen
    assert list(_kept([cand(T.SUICIDE_BOMB), cand(T.REMOTE_EXPLOSIVE), cand(T.ARMED_CLASH)])) == [
        T.SUICIDE_BOMB
    ]
    assert _kept([]) == {}


# "Marches took place in Accra on Saturday."
MARCHES = """
Marches 1 nsubj NOUN NNS march
took 1 ROOT VERB VBD take
place 1 dobj NOUN NN
in 1 prep ADP IN
Accra 3 pobj PROPN NNP - GPE
on 1 prep ADP IN
Saturday 5 pobj PROPN NNP - DATE
. 1 punct PUNCT .
"""

# "The government signed a deal with a mining company."
GOVERNMENT_DEAL = """
The 1 det DET DT
government 2 nsubj NOUN NN
signed 2 ROOT VERB VBD sign
a 4 det DET DT
deal 2 dobj NOUN NN
with 2 prep ADP IN
a 8 det DET DT
mining 8 compound NOUN NN
company 5 pobj NOUN NN
. 2 punct PUNCT .
"""

# "Malian soldiers repelled an attack by JNIM fighters near Gao."
REPELLED = """
Malian 1 amod ADJ JJ - NORP
soldiers 2 nsubj NOUN NNS soldier
repelled 2 ROOT VERB VBD repel
an 4 det DET DT
attack 2 dobj NOUN NN
by 4 prep ADP IN
JNIM 7 compound PROPN NNP
fighters 5 pobj NOUN NNS fighter
near 7 prep ADP IN
Gao 8 pobj PROPN NNP - PERSON
. 2 punct PUNCT .
"""


@pytest.mark.xfail(
    strict=True,
    reason="_protest_word takes any capitalised word starting 'march' for the month, so a sentence that "
    "opens with 'Marches' loses its protest",
)
def test_marches_opening_a_sentence_are_marches() -> None:
    assert [d.sub for d in coded(MARCHES)] == [T.PEACEFUL_PROTEST]


@pytest.mark.xfail(
    strict=True,
    reason="conflict_agreement accepts any agreement whose agent is a government, so a government's "
    "business deal is coded as a conflict Agreement",
)
def test_a_government_business_deal_is_no_agreement() -> None:
    assert candidates(GOVERNMENT_DEAL) == []


@pytest.mark.xfail(
    strict=True,
    reason="an attack with an agent and no 'on X' target is left to other triggers, and 'repelled' is none: "
    "soldiers repelling an attack by JNIM fighters codes nothing, not the clash it reports",
)
def test_an_attack_repelled_by_soldiers_is_a_clash() -> None:
    (d,) = coded(REPELLED)
    assert (d.sub, who(d.agent), who(d.patient)) == (
        T.ARMED_CLASH,
        ("named", "JNIM: Group for Support of Islam and Muslims"),
        ("state", "ML"),
    )
