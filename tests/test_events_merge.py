"""events.merge on drafts built by hand: when two mentions in one article are one happening.

Mentions merge when compatible (type, place, date, actors), when a definite reference or a
generic explosion word points back, or when the next sentence elaborates the last one. The
drafts' sentences come from a hand-built parse; places are ``records.Place`` rows written here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conftest import parsed, reader, sentence_drafts
from sitrep import taxonomy as T
from sitrep.events.actors import Actor
from sitrep.events.draft import Draft
from sitrep.events.merge import compatible, fold, merge_drafts
from sitrep.events.tolls import event_toll
from sitrep.lang.readings import Toll
from sitrep.records import Place

# "Rebels attacked Bama. Soldiers fought back. Ten people died."
THREE = """
Rebels 1 nsubj NOUN NNS rebel
attacked 1 ROOT VERB VBD attack
Bama 1 dobj PROPN NNP - PERSON
. 1 punct PUNCT .
Soldiers 5 nsubj NOUN NNS soldier
fought 5 ROOT VERB VBD fight
back 5 advmod ADP RP
. 5 punct PUNCT .
Ten 9 nummod NUM CD - CARDINAL
people 10 nsubj NOUN NNS
died 10 ROOT VERB VBD die
. 10 punct PUNCT .
"""

# "A bomb exploded in a market in Kano, killing four people. The blast in Kano damaged dozens of stalls."
BOMB_AND_BLAST = """
A 1 det DET DT
bomb 2 nsubj NOUN NN
exploded 2 ROOT VERB VBD explode
in 2 prep ADP IN
a 5 det DET DT
market 3 pobj NOUN NN
in 5 prep ADP IN
Kano 6 pobj PROPN NNP - GPE
, 2 punct PUNCT ,
killing 2 advcl VERB VBG kill
four 11 nummod NUM CD - CARDINAL
people 9 dobj NOUN NNS
. 2 punct PUNCT .
The 14 det DET DT
blast 17 nsubj NOUN NN
in 14 prep ADP IN
Kano 15 pobj PROPN NNP - GPE
damaged 17 ROOT VERB VBD damage
dozens 17 dobj NOUN NNS dozen CARDINAL
of 18 prep ADP IN
stalls 19 pobj NOUN NNS stall
. 17 punct PUNCT .
"""

SENTS = list(parsed(THREE).sents)
KANO = Place("Kano", 12.00, 8.52, "NG", geonameid=1)
NEAR_KANO = Place("Kano outskirts", 12.09, 8.52, "NG", geonameid=2)  # 10 km north
MAIDUGURI = Place("Maiduguri", 11.85, 13.16, "NG", geonameid=3)  # 500 km east
AGADEZ = Place("Agadez", 16.97, 7.99, "NE", geonameid=4)
KANO_STATE = Place(
    "Kano", 11.75, 8.50, "NG", geonameid=5, admin1="Kano", feature_class="A", feature_code="ADM1"
)
BORNO = Place("Borno", 11.5, 13.0, "NG", geonameid=6, admin1="Borno", feature_class="A", feature_code="ADM1")
IN_KANO = Place("Kano", 12.00, 8.52, "NG", geonameid=7, admin1="Kano", feature_class="P", feature_code="PPLA")
IN_BORNO = Place("Maiduguri", 11.85, 13.16, "NG", geonameid=8, admin1="Borno", feature_class="P")
MONDAY = dt.date(2024, 6, 10)


def draft(sub: str = T.ATTACK, si: int = 0, **kw: Any) -> Draft:
    """A draft of sentence ``si`` of SENTS, precise to the place when one is given."""
    kw.setdefault("geo_precision", 1 if kw.get("place") else None)
    return Draft(sub, kw.pop("agent", None), None, False, 0.6, [SENTS[si]], sent_index=si, **kw)


def toll(n: int) -> Toll:
    return Toll(n, n, n, 0, 1, str(n), False, "killed")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        pytest.param(draft(), draft(si=1), True, id="same type, nothing against"),
        pytest.param(draft(T.ATTACK), draft(T.ARMED_CLASH), False, id="different types"),
        pytest.param(
            draft(agent=Actor("state")), draft(agent=Actor("rebel")), False, id="different kinds of agent"
        ),
        pytest.param(
            draft(agent=Actor("rebel")), draft(agent=Actor("unidentified")), True, id="an unidentified agent"
        ),
        pytest.param(
            draft(agent=Actor("state", "ML")), draft(agent=Actor("state", "FR")), False, id="two forces"
        ),
        pytest.param(
            draft(when=MONDAY, dated_by_text=True),
            draft(when=MONDAY + dt.timedelta(days=5), dated_by_text=True),
            False,
            id="told days apart",
        ),
        pytest.param(
            draft(when=MONDAY, dated_by_text=True),
            draft(when=MONDAY + dt.timedelta(days=1), dated_by_text=True),
            True,
            id="a day apart",
        ),
        pytest.param(
            draft(when=MONDAY, dated_by_text=True), draft(when=MONDAY + dt.timedelta(5)), True, id="one dated"
        ),
        pytest.param(
            draft(place=KANO), draft(place=NEAR_KANO, geo_precision=2), True, id="10 km apart, one near"
        ),
        pytest.param(draft(place=KANO), draft(place=NEAR_KANO), False, id="two towns named 10 km apart"),
        pytest.param(
            draft(T.EXCESSIVE_FORCE, agent=Actor("protesters")),
            draft(T.EXCESSIVE_FORCE, agent=Actor("police")),
            True,
            id="a demonstration told by its crowd and by its police",
        ),
        pytest.param(
            draft(T.EXCESSIVE_FORCE, agent=Actor("state")),
            draft(T.EXCESSIVE_FORCE, agent=Actor("police")),
            True,
            id="soldiers and police are one side",
        ),
        pytest.param(draft(place=KANO), draft(place=MAIDUGURI), False, id="500 km apart"),
        pytest.param(
            draft(place=KANO), draft(place=MAIDUGURI, geo_precision=3), True, id="500 km, one at region level"
        ),
        pytest.param(draft(place=KANO), draft(place=AGADEZ, geo_precision=3), False, id="two countries"),
        pytest.param(
            draft(place=IN_BORNO),
            draft(place=KANO_STATE, geo_precision=3),
            False,
            id="a town in another state",
        ),
        pytest.param(
            draft(place=IN_KANO), draft(place=KANO_STATE, geo_precision=3), True, id="a town in the state"
        ),
        pytest.param(
            draft(place=BORNO, geo_precision=3),
            draft(place=KANO_STATE, geo_precision=3),
            False,
            id="two states",
        ),
        pytest.param(draft(place=KANO), draft(), True, id="one place unknown"),
    ],
)
def test_compatible(a: Draft, b: Draft, same: bool) -> None:
    assert compatible(a, b) is same
    assert compatible(b, a) is same


def test_fold_keeps_the_most_specific_and_all_the_evidence() -> None:
    a = draft(place=MAIDUGURI, geo_precision=3, agent=Actor("state"), tolls=[toll(2)])
    a.hedged = True
    b = draft(si=1, place=KANO, when=MONDAY, dated_by_text=True, time_precision=1, agent=Actor("state", "NG"))
    b.confidence, b.tolls = 0.8, [toll(3)]
    out = fold(a, b)
    assert out is a
    assert (a.place, a.geo_precision, a.when, a.dated_by_text) == (KANO, 1, MONDAY, True)
    assert a.agent == Actor("state", "NG")  # the agent with a country wins
    assert (a.hedged, a.confidence) == (False, 0.8)  # hedged only if every mention is
    # a's toll was told for a region; b names the place: b's toll is the event's
    assert a.sentences == SENTS[:2] and [t.best for t in a.tolls] == [3] and a.later_tolls == []


def test_fold_keeps_a_later_toll_apart_from_the_one_told_with_the_event() -> None:
    a = draft(place=KANO, tolls=[toll(2)])
    b = draft(si=1, place=KANO)
    b.tolls = [toll(3)]
    fold(a, b)
    assert [t.best for t in a.tolls] == [2] and [t.best for t in a.later_tolls] == [3]


def test_a_headline_without_a_figure_takes_the_toll_told_next_as_its_own() -> None:
    headline = draft(place=KANO)  # "Bomb hits market in Kano": no figure
    headline.later_tolls = [toll(12)]  # "12 dead" in the standfirst
    lede = draft(si=1, place=KANO)
    lede.tolls = [toll(12)]  # "a bomb killed 12 people"
    blast = draft(si=2, place=KANO)
    blast.later_tolls = [Toll(3, 3, None, 0, 1, "several bodies", False, "killed", vague=True)]
    merged = merge_drafts([headline, lede, blast])
    assert merged == [headline] and [t.best for t in headline.tolls] == [12]
    coded = event_toll(headline.tolls, headline.later_tolls, lambda t: False)
    assert coded is not None and coded.best == 12  # not the vague "several" told later


def test_merge_keeps_distinct_happenings_apart_in_text_order() -> None:
    first, second = draft(place=KANO), draft(si=1, place=MAIDUGURI)
    third = draft(si=2, place=NEAR_KANO, geo_precision=2)  # near Kano: the first happening
    merged = merge_drafts([first, second, third])
    assert merged == [first, second]
    assert first.sentences == [SENTS[0], SENTS[2]]


def test_a_definite_reference_joins_the_event_already_told() -> None:
    first = draft(place=KANO)
    the_attack = draft(si=2, place=MAIDUGURI, definite=True)  # "the attack" in a place told later
    assert merge_drafts([first, draft(T.ARRESTS, si=1), the_attack])[0].sentences == [SENTS[0], SENTS[2]]
    dated = draft(si=2, place=MAIDUGURI, definite=True, when=MONDAY, dated_by_text=True)
    assert len(merge_drafts([draft(place=KANO), dated])) == 2  # a dated one is its own


def test_a_generic_explosion_word_joins_the_explosion_told() -> None:
    bomber = draft(T.SUICIDE_BOMB, place=KANO)
    blast = draft(T.REMOTE_EXPLOSIVE, si=1, place=NEAR_KANO, geo_precision=2, generic=True)  # "the blast"
    assert merge_drafts([bomber, blast]) == [bomber] and len(bomber.sentences) == 2
    far = draft(T.REMOTE_EXPLOSIVE, si=1, place=MAIDUGURI, generic=True)
    assert len(merge_drafts([draft(T.SUICIDE_BOMB, place=KANO), far])) == 2


def test_the_next_sentence_elaborates_the_last_event() -> None:
    taken = draft(T.GOVERNMENT_REGAINS, place=KANO)
    fighting = draft(T.ARMED_CLASH, si=1, place=KANO, place_inferred=True)  # no place of its own
    assert merge_drafts([taken, fighting]) == [taken]
    later = draft(T.ARMED_CLASH, si=2, place=KANO, place_inferred=True)  # two sentences on
    assert len(merge_drafts([draft(T.GOVERNMENT_REGAINS, place=KANO), later])) == 2
    own_dead = draft(T.ARMED_CLASH, si=1, place=KANO, place_inferred=True, tolls=[toll(3)])
    with_dead = draft(T.GOVERNMENT_REGAINS, place=KANO, tolls=[toll(2)])
    assert len(merge_drafts([with_dead, own_dead])) == 2  # two tolls: two happenings


def test_a_bomb_and_the_blast_it_made_are_one_event() -> None:
    drafts = sentence_drafts(parsed(BOMB_AND_BLAST), reader("Kano"))
    assert [d.sub for d in drafts] == [T.REMOTE_EXPLOSIVE, T.REMOTE_EXPLOSIVE]
    (d,) = merge_drafts(drafts)
    assert len(d.sentences) == 2 and [t.best for t in d.tolls] == [4]
