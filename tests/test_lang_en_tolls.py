"""Death tolls with ACLED's conservative rules (sentences written for these tests)."""

from __future__ import annotations

import pytest

from sitrep.events.tolls import combine_tolls as combine_with
from sitrep.lang.en.numbers import parse_number
from sitrep.lang.en.tolls import find_tolls, is_update
from sitrep.lang.readings import Toll


def combine_tolls(tolls: list[Toll]) -> Toll | None:
    """Rival English tolls reduced to the conservative one."""
    return combine_with(tolls, is_update)


def toll(text: str) -> tuple[int, int, int | None] | None:
    """(best, low, high) of the combined tolls in a sentence."""
    t = combine_tolls(find_tolls(text))
    return (t.best, t.low, t.high) if t else None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5", 5),
        ("2,000", 2000),
        ("five", 5),
        ("Twenty-one", 21),
        ("twenty one", 21),
        ("a hundred", 100),
        ("one hundred and five", 105),
        ("two thousand", 2000),
        ("nineteen", 19),
        ("troops", None),
    ],
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Five soldiers were killed in the ambush.", (5, 5, 5)),
        ("Twenty-one people died when the bus hit a mine.", (21, 21, 21)),
        ("In the clashes, one hundred and five fighters died.", (105, 105, 105)),
        ("7 were killed in the blast.", (7, 7, 7)),
        ("Two of the soldiers died in hospital.", (2, 2, 2)),
        ("Both men were killed.", (2, 2, 2)),
    ],
)
def test_numerals_and_number_words(text: str, expected: tuple[int, int, int | None]) -> None:
    assert toll(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A dozen villagers were killed.", (12, 12, 12)),
        ("Dozens of people were killed in the raid.", (12, 12, None)),
        ("Scores died in the floods of fire.", (20, 20, None)),
        ("Hundreds of civilians have been killed.", (100, 100, None)),
        ("Several soldiers were killed.", (3, 3, None)),
        ("A few civilians died.", (3, 3, None)),
        ("Fighting in the area has killed many people.", (3, 3, None)),
        ("Tens of thousands have died in the war.", (10000, 10000, None)),
        ("At least 5 people were killed.", (5, 5, None)),
        ("More than 20 people died.", (20, 20, None)),
        ("Up to 30 people died.", (30, 1, 30)),
        ("As many as 30 people died.", (30, 1, 30)),
        ("Between 10 and 20 people were killed.", (10, 10, 20)),
        ("10 to 20 people were killed.", (10, 10, 20)),
        ("10-20 people were killed.", (10, 10, 20)),
        ("Two or three people died.", (2, 2, 3)),
        ("About 40 people died.", (40, 40, 40)),
        ("Nearly 40 people died.", (40, 40, 40)),
    ],
)
def test_vague_and_qualified_figures(text: str, expected: tuple[int, int, int | None]) -> None:
    assert toll(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A driver was killed.",
        "Gunmen killed the driver.",
        "A soldier died.",
        "One person was shot dead.",
        "A 25-year-old man was killed near the market.",
        "Ibrahim Maiga was shot dead outside his home.",
        "The raid killed a policeman in the town.",
        "He was killed on his way home.",
        "She died in hospital.",
        "A mob beat a man to death in the market.",
    ],
)
def test_single_victims(text: str) -> None:
    assert toll(text) == (1, 1, 1)


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("The attack killed two civilians, officials said.", 2),
        ("The raid, killing two civilians, drew condemnation.", 2),
        ("The blast left 3 dead.", 3),
        ("The bombing left seven people dead and 20 wounded.", 7),
        ("The death toll rose to 17.", 17),
        ("The death toll has risen to at least 40.", 40),
        ("The toll from a market blast aimed at soldiers in the far north has risen to 31.", 31),
        ("The violence claimed 5 lives.", 5),
        ("The fire claimed the lives of 6 people.", 6),
        ("17 bodies were found in a ditch.", 17),
        ("The bodies of 9 men were found.", 9),
        ("The killing of five villagers sparked protests.", 5),
        ("Militants killed a total of 12 people.", 12),
        ("Five soldiers and two civilians were killed.", 7),
        ("12 people, including three children, were killed.", 12),
        ("The attack killed at least 12 people, including three children.", 12),
        ("On Jan. 11 gunmen killed four people.", 4),
        ("Thirty people died in 2012.", 30),
        ("The attacks in 2012 killed 200 people.", 200),
        ("Villagers beat two suspects to death.", 2),
        ("Ten dead were counted after the raid.", 10),
    ],
)
def test_toll_phrases(text: str, best: int) -> None:
    assert toll(text) is not None
    assert toll(text)[0] == best  # type: ignore[index]


def test_conflicting_tolls_in_one_sentence() -> None:
    assert toll("Officials said 12 died, residents said 20.") == (12, 12, 20)
    assert toll("Police said 3 protesters died, while organisers said 7.") == (3, 3, 7)


@pytest.mark.parametrize(
    "text",
    [
        "Five people were injured.",
        "Ten were wounded and three hurt.",
        "The rebels threatened to kill 10 hostages.",
        "The army deployed 2,000 troops to the region.",
        "The group published a kill list.",
        "The mechanic killed the engine.",
        "Raiders killed 30 cattle.",
        "Raiders killed 2,000 head of cattle.",
        "The bomb could have killed hundreds.",
        "There were no immediate reports of casualties.",
        "The soldiers were killed.",  # a count we cannot know
        "The talks died down.",
        "He will be killed if he returns.",
        "The convoy travelled 430 km in three days.",
        "The fighting lasted five days and killed nobody we know of.",
        "Two of the dead were fighters.",  # a subset of a toll given elsewhere
        "The dead were buried on Sunday.",
    ],
)
def test_not_death_tolls(text: str) -> None:
    assert [t for t in find_tolls(text) if t.best > 0] == []


def test_injuries_next_to_deaths_are_ignored() -> None:
    assert toll("Twenty injured and 5 killed.") == (5, 5, 5)
    assert toll("Gunmen killed 5 and wounded 20.") == (5, 5, 5)
    assert toll("Five people were killed and 20 were injured.") == (5, 5, 5)


def test_agents_are_not_victims() -> None:
    assert toll("Two gunmen killed five villagers.") == (5, 5, 5)


@pytest.mark.parametrize(
    "text",
    [
        "No one was killed.",
        "No casualties were reported.",
        "Nobody died.",
        "No one was hurt in the blast.",
        "The blast caused no deaths.",
    ],
)
def test_explicit_negation_is_zero(text: str) -> None:
    assert toll(text) == (0, 0, 0)


@pytest.mark.parametrize(
    "text",
    [
        "Ten people are feared dead.",
        "The militants reportedly killed 12 civilians.",
        "Up to 30 people may have died.",
        "The army denied killing 12 civilians.",
        "An unconfirmed report said 8 people were killed.",
        "The army claimed that its strikes killed dozens of fighters.",
    ],
)
def test_hedged(text: str) -> None:
    found = find_tolls(text)
    assert found and all(t.hedged for t in found)


def test_not_hedged() -> None:
    assert not find_tolls("Eight people were killed.")[0].hedged


def test_offsets_point_into_text() -> None:
    text = "Witnesses said at least 4 people were killed on Sunday."
    (t,) = find_tolls(text)
    assert text[t.start : t.end] == t.text == "at least 4 people were killed"
    assert t.kind == "killed"


def _t(best: int, low: int, high: int | None, text: str = "x", hedged: bool = False) -> Toll:
    return Toll(best, low, high, 0, len(text), text, hedged, "killed")


def test_combine_empty() -> None:
    assert combine_tolls([]) is None


def test_combine_is_conservative() -> None:
    c = combine_tolls([_t(20, 20, 20), _t(12, 12, 12), _t(15, 15, None)])
    assert c is not None and (c.best, c.low, c.high) == (12, 12, None)


def test_combine_update_supersedes() -> None:
    tolls = find_tolls("Gunmen killed 12 people.") + find_tolls("The death toll rose to 17 on Sunday.")
    c = combine_tolls(tolls)
    assert c is not None and (c.best, c.text) == (17, "toll rose to 17")


def test_combine_zero_only_when_nothing_positive() -> None:
    c = combine_tolls([_t(0, 0, 0), _t(4, 4, 4)])
    assert c is not None and c.best == 4
    c = combine_tolls([_t(0, 0, 0)])
    assert c is not None and c.best == 0


def test_combine_hedged_only_if_all_hedged() -> None:
    c = combine_tolls([_t(5, 5, 5, hedged=True), _t(7, 7, 7)])
    assert c is not None and (c.best, c.hedged) == (5, False)
    c = combine_tolls([_t(5, 5, 5, hedged=True)])
    assert c is not None and c.hedged


def test_how_many_is_a_question_not_a_toll() -> None:
    assert find_tolls("The army did not say how many fighters were killed.") == []


def test_vague_floors_and_additions_are_marked() -> None:
    (dozens,) = find_tolls("The strike killed dozens of people.")
    assert dozens.vague and dozens.best == 12
    (bomber,) = find_tolls("The blast also killed the attacker.")
    assert bomber.addition and not bomber.vague
    (plain,) = find_tolls("Gunmen killed five villagers.")
    assert not plain.addition and not plain.vague


def test_a_killing_told_with_its_time_before_of() -> None:
    (t,) = find_tolls("The massacre followed the killings overnight of 18 people in the town.")
    assert t.best == 18
