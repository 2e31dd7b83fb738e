"""events.syntax on hand-built parses: a verb's subject and object, a noun phrase's head, its partitive.

Each parse is the one en_core_web_sm gives the sentence in its comment, frozen by hand, so the
walk is pinned whatever a later model does.
"""

from __future__ import annotations

from spacy.tokens import Token

from conftest import parsed
from sitrep import lang
from sitrep.events.syntax import (
    children,
    governing_verb,
    np_head,
    object_of,
    of_object,
    prep_objects,
    subject_of,
)

G = lang.load("en").grammar

# "Gunmen attacked the convoy near Kidal."
ACTIVE = parsed(
    """
    Gunmen 1 nsubj NOUN NNS gunman
    attacked 1 ROOT VERB VBD attack
    the 3 det DET DT
    convoy 1 dobj NOUN NN
    near 1 prep ADP IN
    Kidal 4 pobj PROPN NNP - NORP
    . 1 punct PUNCT .
    """
)

# "The convoy was attacked by gunmen."
PASSIVE = parsed(
    """
    The 1 det DET DT
    convoy 3 nsubjpass NOUN NN
    was 3 auxpass AUX VBD be
    attacked 3 ROOT VERB VBN attack
    by 3 agent ADP IN
    gunmen 4 pobj NOUN NNS gunman
    . 3 punct PUNCT .
    """
)

# "Police arrested the men who robbed the bank."
RELATIVE_SUBJECT = parsed(
    """
    Police 1 nsubj NOUN NNS
    arrested 1 ROOT VERB VBD arrest
    the 3 det DET DT
    men 1 dobj NOUN NNS man
    who 5 nsubj PRON WP
    robbed 3 relcl VERB VBD rob
    the 7 det DET DT
    bank 5 dobj NOUN NN
    . 1 punct PUNCT .
    """
)

# "Residents fled the town that rebels seized."
RELATIVE_OBJECT = parsed(
    """
    Residents 1 nsubj NOUN NNS resident
    fled 1 ROOT VERB VBD flee
    the 3 det DET DT
    town 1 dobj NOUN NN
    that 6 dobj PRON WDT
    rebels 6 nsubj NOUN NNS rebel
    seized 3 relcl VERB VBD seize
    . 1 punct PUNCT .
    """
)

# "Rebels stormed the town and looted the market."
COORDINATED = parsed(
    """
    Rebels 1 nsubj NOUN NNS rebel
    stormed 1 ROOT VERB VBD storm
    the 3 det DET DT
    town 1 dobj NOUN NN
    and 1 cc CCONJ CC
    looted 1 conj VERB VBD loot
    the 7 det DET DT
    market 5 dobj NOUN NN
    . 1 punct PUNCT .
    """
)

# "Soldiers fired on the crowd."
FIRED_ON = parsed(
    """
    Soldiers 1 nsubj NOUN NNS soldier
    fired 1 ROOT VERB VBD fire
    on 1 prep ADP IN
    the 4 det DET DT
    crowd 2 pobj NOUN NN
    . 1 punct PUNCT .
    """
)

# "Troops killed and wounded dozens of fighters."
SHARED_OBJECT = parsed(
    """
    Troops 1 nsubj NOUN NNS troop
    killed 1 ROOT VERB VBD kill
    and 1 cc CCONJ CC
    wounded 1 conj VERB VBD wound
    dozens 3 dobj NOUN NNS dozen CARDINAL
    of 4 prep ADP IN
    fighters 5 pobj NOUN NNS fighter
    . 1 punct PUNCT .
    """
)

# "The village was shelled by the paramilitary Rapid Support Forces." (an adjective as the object)
ADJECTIVE_OBJECT = parsed(
    """
    The 1 det DET DT
    village 3 nsubjpass NOUN NN
    was 3 auxpass AUX VBD be
    shelled 3 ROOT VERB VBN shell
    by 3 agent ADP IN
    the 6 det DET DT
    paramilitary 4 pobj ADJ JJ
    Rapid 9 compound PROPN NNP - ORG
    Support 9 compound PROPN NNP - ORG
    Forces 6 appos PROPN NNPS - ORG
    . 3 punct PUNCT .
    """
)

# "Gao, Mali - Rebels attacked the camp on Sunday." (the dateline city parsed as a second subject)
DATELINE = parsed(
    """
    Gao 5 nsubj PROPN NNP - PERSON
    , 5 punct PUNCT ,
    Mali 4 compound PROPN NNP - PERSON
    - 4 punct PUNCT HYPH
    Rebels 5 nsubj PROPN NNP
    attacked 5 ROOT VERB VBD attack
    the 7 det DET DT
    camp 5 dobj NOUN NN
    on 5 prep ADP IN
    Sunday 8 pobj PROPN NNP - DATE
    . 5 punct PUNCT .
    """
)

# "Talks after seizing the town": a nominal root.
NOMINAL_ROOT = parsed(
    """
    Talks 0 ROOT NOUN NNS talk
    after 0 prep ADP IN
    seizing 1 pcomp VERB VBG seize
    the 4 det DET DT
    town 2 dobj NOUN NN
    """
)


def text(tok: Token | None) -> str | None:
    return None if tok is None else tok.text


def test_active_subject_and_direct_object() -> None:
    verb = ACTIVE[1]
    assert (text(subject_of(verb, G)), text(object_of(verb, G))) == ("Gunmen", "convoy")


def test_passive_agent_is_the_subject_and_passive_subject_the_object() -> None:
    verb = PASSIVE[3]
    assert (text(subject_of(verb, G)), text(object_of(verb, G))) == ("gunmen", "convoy")


def test_a_relative_pronoun_stands_for_the_noun_it_modifies() -> None:
    assert text(subject_of(RELATIVE_SUBJECT[5], G)) == "men"  # the men who robbed
    assert text(object_of(RELATIVE_OBJECT[6], G)) == "town"  # the town that rebels seized
    assert text(subject_of(RELATIVE_OBJECT[6], G)) == "rebels"


def test_a_coordinated_verb_shares_its_heads_subject() -> None:
    looted = COORDINATED[5]
    assert (text(subject_of(looted, G)), text(object_of(looted, G))) == ("Rebels", "market")


def test_the_object_of_on_is_what_a_verb_acted_upon() -> None:
    assert text(object_of(FIRED_ON[1], G)) == "crowd"


def test_coordinated_verbs_share_one_object() -> None:
    assert text(object_of(SHARED_OBJECT[1], G)) == "dozens"  # killed (and wounded) dozens


def test_the_nearest_subject_wins_over_a_dateline_city() -> None:
    assert text(subject_of(DATELINE[5], G)) == "Rebels"


def test_np_head_repairs_an_adjective_parsed_as_the_object() -> None:
    agent = subject_of(ADJECTIVE_OBJECT[3], G)
    assert text(agent) == "Forces"
    assert np_head(ADJECTIVE_OBJECT[1]).text == "village"  # a noun is its own head


def test_of_object_looks_through_a_quantity() -> None:
    assert text(of_object(SHARED_OBJECT[4], G)) == "fighters"
    assert of_object(SHARED_OBJECT[6], G) is None


def test_prep_objects_and_children_by_label() -> None:
    assert [t.text for t in prep_objects(ACTIVE[1], {"near"})] == ["Kidal"]
    assert prep_objects(ACTIVE[1], {"on"}) == []
    assert [t.text for t in children(ACTIVE[1], "nsubj", "dobj")] == ["Gunmen", "convoy"]


def test_governing_verb_is_the_clause_of_a_token() -> None:
    assert text(governing_verb(COORDINATED[7])) == "looted"
    assert text(governing_verb(COORDINATED[1])) == "stormed"
    assert governing_verb(NOMINAL_ROOT[0]) is None
