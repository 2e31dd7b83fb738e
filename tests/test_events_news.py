"""The families of errors seen on real, full-length news (issue 10), on sentences written for these tests.

Each test names the family it pins; they run end to end through the spaCy model and the gazetteer.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.model

Events = list[dict[str, Any]]


def subs(events: Events) -> list[str]:
    return sorted(e["sub_event_type"] for e in events)


# ---------------------------------------------------------------- only the news is an event


@pytest.mark.parametrize(
    "text",
    [
        "Clashes often break out between herders and farmers in the region during the dry season.",
        "Bandits regularly kidnap travellers on the road between Kaduna and Abuja.",
        "A series of attacks on army posts has shaken the north of the country.",
        "Firebomb attacks on banks are usually carried out late at night.",
    ],
)
def test_habits_and_series_are_not_events(extract: Any, text: str) -> None:
    assert extract(text, "2024-03-07") == []


@pytest.mark.parametrize(
    "text",
    [
        "The embassy said apart from kidnapping, visitors to Nigeria should also beware of robbery.",
        "The post read: Reconsider travel to Nigeria due to crime, terrorism, kidnapping and piracy.",
        "The killings led to near-daily clashes in Bamako and repeated raids on villages near Mopti.",
        "The militants have recently stepped up attacks on army bases in the north.",
        "The group blamed the army's atrocities, such as the recent air strikes on its camps.",
        "Hundreds gathered in Nairobi on the anniversary of the 1998 bombing of the embassy.",
        "The minister said the list covers commanders in Russia's missile strikes against civilians.",
        "There were no reports of clashes in the capital on Sunday.",
        "That was the year when Chad sent troops to Mali to help fight the militants.",
        '"All Malians reject terrorism and we\'re united in fighting it," President Keita tweeted.',
        "Security forces have been accused of killing hundreds of people in the past decade.",
        "The attack was the deadliest since 2015, when 300 people were killed in a bombing in Mogadishu.",
    ],
)
def test_kinds_of_deeds_and_recurring_ones_are_not_events(extract: Any, text: str) -> None:
    assert extract(text, "2024-03-07") == []


@pytest.mark.parametrize(
    "text",
    [
        "The army says it has killed 900 fighters this year.",  # a side's cumulative claim
        "The town was first attacked by rebels in 2012.",  # more than 18 months back
        "Police said no arrests were made after the march through Dakar.",  # negated
        "Analysts forecast that fighting could spread to the south next year.",  # forecast
        "If the militia attacks the town, the army will respond.",  # conditional
    ],
)
def test_claims_old_news_negations_forecasts_and_conditions_are_not_events(extract: Any, text: str) -> None:
    assert extract(text, "2024-06-08") == []


def test_a_dated_lede_lends_its_day_to_the_sentences_that_elaborate_it(extract: Any) -> None:
    ev = extract(
        "Gunmen killed six villagers near Kaya on Sunday, officials said.\n\nThe attackers burned homes "
        "and stole cattle, a resident said.",
        "2024-06-11",
    )
    assert {e["date"] for e in ev} == {"2024-06-09"}


# ---------------------------------------------------------------- one event per happening


def test_a_clause_listing_two_places_gives_one_event_each(extract: Any) -> None:
    ev = extract(
        "Rioters rampaged through Kisumu and the port city of Mombasa on Sunday, burning shops.", "2024-03-04"
    )
    assert subs(ev) == ["Violent demonstration"] * 2
    assert {e["location"] for e in ev} == {"Kisumu", "Mombasa"}


def test_a_camp_of_displaced_people_is_a_civilian_target(extract: Any) -> None:
    ev = extract("Gunmen attacked a camp for displaced people near Dikwa on Monday.", "2024-06-11")
    assert [(e["sub_event_type"], e["actor2"]) for e in ev] == [("Attack", "Civilians (Nigeria)")]
    ev = extract("Militants attacked an army camp near Dikwa on Monday.", "2024-06-11")
    assert subs(ev) == ["Armed clash"]


def test_a_road_between_two_towns_is_one_place(extract: Any) -> None:
    ev = extract(
        "A roadside bomb struck an army convoy on the road between Baidoa and Mogadishu on Saturday, "
        "killing one soldier.",
        "2024-10-20",
    )
    assert [(e["sub_event_type"], e["fatalities"]) for e in ev] == [("Remote explosive/landmine/IED", 1)]


def test_a_plural_taken_for_a_name_after_a_credit_still_triggers(extract: Any) -> None:
    ev = extract("(AFP) Rioters burned tyres in Kisumu on Sunday.", "2024-03-04")
    assert subs(ev) == ["Violent demonstration"]


# ---------------------------------------------------------------- riots are not battles


def test_police_clashing_with_youths_is_a_riot(extract: Any) -> None:
    (e,) = extract("Police clashed with stone-throwing youths in Kisumu on Tuesday.", "2024-03-07")
    assert e["sub_event_type"] == "Violent demonstration"
    assert e["actor1"] == "Rioters (Kenya)" and e["actor2"] == "Police Forces of Kenya"


def test_stones_and_petrol_bombs_thrown_are_a_riot(extract: Any) -> None:
    (e,) = extract("Youths threw stones and petrol bombs at police in Kisumu on Monday.", "2024-03-07")
    assert e["sub_event_type"] == "Violent demonstration"


def test_a_grenade_thrown_is_a_grenade_attack(extract: Any) -> None:
    ev = extract(
        "A man threw a grenade into a crowded bar in Mombasa on Friday, wounding six people.", "2024-03-09"
    )
    assert subs(ev) == ["Grenade"]


# ---------------------------------------------------------------- one happening told twice


def test_an_attack_on_a_camp_with_an_agentless_toll_is_one_clash(extract: Any) -> None:
    ev = extract(
        "At least five people were killed when gunmen attacked an army post near Kaya on Sunday.",
        "2024-05-13",
    )
    assert subs(ev) == ["Armed clash"]
    assert ev[0]["fatalities"] == 5


def test_an_attack_on_a_town_repelled_by_soldiers_is_one_clash(extract: Any) -> None:
    ev = extract(
        "On Sunday rebels of the Allied Democratic Forces attacked the town of Oicha, and a rebel was killed "
        "as soldiers repelled the assault.",
        "2024-05-13",
    )
    assert subs(ev) == ["Armed clash"]
    assert ev[0]["date"] == "2024-05-12"


def test_a_demonstrations_parts_told_without_a_place_join_it(extract: Any) -> None:
    ev = extract(
        "Police fired tear gas at protesters in Nairobi on Monday. The protesters scattered into side "
        "streets. Officers chased them and arrested several people.",
        "2024-06-04",
    )
    assert subs(ev) == ["Protest with intervention"]
    assert ev[0]["location"] == "Nairobi"


def test_a_protest_that_turns_into_a_riot_is_one_violent_demonstration(extract: Any) -> None:
    ev = extract(
        "Thousands of people marched through Athens on Sunday against the new pension law. Later, "
        "clashes broke out between youths and riot police.",
        "2024-06-03",
    )
    assert subs(ev) == ["Violent demonstration"]


def test_a_crackdown_on_protests_is_dated_by_its_own_clause(extract: Any) -> None:
    ev = extract(
        "Security forces shot dead three people in Mandalay on Wednesday as authorities extended their "
        "crackdown on protests against last month's coup.",
        "2021-03-03",
    )
    assert subs(ev) == ["Excessive force against protesters"]
    assert ev[0]["date"] == "2021-03-03"


def test_an_attack_by_aircraft_is_an_air_strike(extract: Any) -> None:
    ev = extract(
        "The military said one of its aircraft attacked a group of gunmen near Jenin on Sunday.", "2023-11-27"
    )
    assert subs(ev) == ["Air/drone strike"]


def test_an_undated_telling_is_not_the_raid_the_text_dates_months_back(extract: Any) -> None:
    ev = extract(
        "Air raids hit Mekelle on Monday and killed three people, witnesses said. A girl receives treatment "
        "after an air raid on a market killed at least 40 people in June.",
        "2021-10-18",
    )
    assert sorted((e["date"], e["background"]) for e in ev) == [("2021-06-15", True), ("2021-10-18", False)]


def test_taking_part_is_not_taking_territory(extract: Any) -> None:
    ev = extract("Witnesses said the soldiers took part in the looting of the market.", "2024-03-07")
    assert not [e for e in ev if e["event_type"] == "Battles"]


def test_new_areas_in_a_named_district_are_territory(extract: Any) -> None:
    ev = extract(
        "Government forces recaptured new areas in Radman district after heavy fighting.", "2024-03-07"
    )
    assert "Government regains territory" in subs(ev)


def test_photos_of_those_killed_do_not_make_force_against_protesters(extract: Any) -> None:
    ev = extract(
        "Protesters marched through Manama on Wednesday night, holding photos of relatives killed in "
        "earlier attacks.",
        "2018-04-12",
    )
    assert subs(ev) == ["Peaceful protest"]


def test_a_background_date_is_not_lent_to_the_news_told_after_it(extract: Any) -> None:
    ev = extract(
        "Rebels first seized Kidal nine months ago. The army retook Diabaly on Saturday. "
        "The rebels took Niono several days later.",
        "2013-01-20",
    )
    takeovers = [e for e in ev if e["sub_event_type"] == "Non-state actor overtakes territory"]
    assert sorted(e["date"] for e in takeovers) == ["2012-04-20", "2013-01-20"]


def test_a_definite_telling_gives_the_attack_its_place_and_day(extract: Any) -> None:
    ev = extract(
        "Up to 20 villagers were killed when armed men on motorbikes attacked a village in northern "
        "Burkina Faso, an official said on Monday.\n\nThe two-hour attack on Saturday was on a village "
        "near Kaya, the official said.",
        "2021-11-15",
    )
    assert [(e["sub_event_type"], e["date"], e["location"], e["fatalities"]) for e in ev] == [
        ("Attack", "2021-11-13", "Kaya", 20)
    ]


def test_the_one_date_of_a_sentence_the_parse_hangs_away_from_the_trigger(extract: Any) -> None:
    ev = extract(
        "The army said gunmen forced the kidnap victims, who local radio said are teachers, onto a truck "
        "on Sunday near Kaya.",
        "2021-11-19",
    )
    assert [(e["sub_event_type"], e["date"]) for e in ev] == [
        ("Abduction/forced disappearance", "2021-11-14")
    ]


def test_the_date_of_another_deed_in_the_sentence_is_not_lent(extract: Any) -> None:
    ev = extract(
        "The group claimed the suicide attack in Quetta, saying it avenged a commander who was killed in "
        "Kandahar in August.",
        "2023-01-31",
    )
    assert [(e["sub_event_type"], e["date"]) for e in ev if e["location"] == "Quetta"] == [
        ("Suicide bomb", "2023-01-31")
    ]


def test_a_second_blast_is_another_event_on_the_same_day(extract: Any) -> None:
    ev = extract(
        "A truck bomb exploded at a junction in Mogadishu on Saturday, killing 20 people.\n\nA second blast "
        "struck a hotel in Mogadishu two hours later.",
        "2017-10-16",
    )
    assert [(e["sub_event_type"], e["date"]) for e in ev] == [
        ("Remote explosive/landmine/IED", "2017-10-14"),
        ("Remote explosive/landmine/IED", "2017-10-14"),
    ]


def test_two_hours_later_is_the_day_of_the_event_told_last(extract: Any) -> None:
    ev = extract(
        "A truck bomb exploded at a junction in Mogadishu on Saturday, killing 20 people. Police said the "
        "attack was the worst in years. A second blast struck a hotel in Mogadishu two hours later.",
        "2017-11-30",
    )
    assert [e["date"] for e in ev] == ["2017-11-25", "2017-11-25"]


def test_a_weekday_naming_prayers_dates_the_attack(extract: Any) -> None:
    ev = extract(
        "A suicide bomber struck a mosque in Quetta during Friday prayers, killing 12 people.", "2022-03-06"
    )
    assert [e["date"] for e in ev] == ["2022-03-04"]


def test_troops_sent_to_help_fight_are_a_deployment_not_a_clash(extract: Any) -> None:
    ev = extract("The army sent 500 troops to Gao on Monday to help fight the militants.", "2024-03-07")
    assert subs(ev) == ["Change to group/activity"]


def test_a_definite_telling_alone_is_no_event(extract: Any) -> None:
    assert extract("The attack on Saturday was the third this month, the mayor said.", "2021-11-15") == []


def test_the_day_of_a_report_yields_to_the_day_of_the_event(extract: Any) -> None:
    ev = extract(
        "Gunmen killed six farmers near Kaya, officials said on Thursday. The farmers were shot on Tuesday "
        "as they worked in their fields near Kaya.",
        "2021-11-19",
    )
    assert [e["date"] for e in ev] == ["2021-11-16"]


def test_a_blast_named_before_it_is_known_as_a_suicide_bombing_is_that_bombing(extract: Any) -> None:
    ev = extract(
        "A mosque blast killed 20 worshippers in Peshawar on Monday.\n\nA suicide bomber blew himself up in "
        "the mosque in Peshawar during prayers on Monday, police said.",
        "2023-01-31",
    )
    assert [(e["sub_event_type"], e["fatalities"]) for e in ev] == [("Suicide bomb", 20)]


def test_what_an_event_was_called_and_the_dead_of_it_are_that_event(extract: Any) -> None:
    ev = extract(
        "A car bomb exploded outside a police academy in Bogota on Thursday. At least 11 people were "
        "killed and 65 wounded in the incident, the ministry said. The president said it was a cowardly "
        "attack on innocent people.",
        "2019-01-18",
    )
    assert [(e["sub_event_type"], e["fatalities"]) for e in ev] == [("Remote explosive/landmine/IED", 11)]


def test_the_dead_of_the_attack_opening_a_story_are_news(extract: Any) -> None:
    ev = extract("Three soldiers were killed in the attack near Gao on Sunday, the army said.", "2021-11-15")
    assert [(e["event_type"], e["fatalities"]) for e in ev] == [("Battles", 3)]


def test_a_group_claiming_the_attack_names_its_attacker(extract: Any) -> None:
    ev = extract(
        "Two car bombs exploded at a busy junction in Mogadishu on Saturday, killing 30 people. "
        "Al-Shabaab claimed the attack.",
        "2022-10-30",
    )
    assert [e["actor1"] for e in ev] == ["Al Shabaab"]


# ---------------------------------------------------------------- how many


def test_a_stated_number_told_later_beats_a_vague_floor(extract: Any) -> None:
    ev = extract(
        "A chemical attack on the town of Idlib killed dozens of people on Tuesday. Doctors said at least "
        "58 people died in the attack on Idlib.",
        "2017-04-05",
    )
    assert [e["fatalities"] for e in ev] == [58]


def test_dead_told_as_more_are_added(extract: Any) -> None:
    ev = extract(
        "A suicide bomber killed two people at a market in Mora on Sunday. "
        "The bomb also killed the attacker.",
        "2016-12-26",
    )
    assert [e["fatalities"] for e in ev] == [3]


def test_a_countrywide_toll_gives_way_to_the_place_own(extract: Any) -> None:
    ev = extract(
        "Security forces shot dead eight protesters across Myanmar on Wednesday. One protester was shot "
        "dead in Mandalay on Wednesday.",
        "2021-03-03",
    )
    assert [(e["location"], e["fatalities"]) for e in ev] == [("Mandalay", 1)]


def test_a_habit_in_a_quote_adds_no_dead(extract: Any) -> None:
    ev = extract(
        "Gunmen killed four people in Eldoret on Tuesday. \u201cWhen one group kills three people, the other "
        "group also kills three people,\u201d a witness said.",
        "2008-01-02",
    )
    assert [e["fatalities"] for e in ev] == [4]


# ---------------------------------------------------------------- who


def test_a_named_group_in_the_paragraph_beats_unidentified_attackers(extract: Any) -> None:
    ev = extract(
        "Gunmen killed five villagers in an attack near Kaya on Sunday. Officials blamed JNIM fighters "
        "for the raid.",
        "2024-05-13",
    )
    assert [e["actor1"] for e in ev] == ["JNIM: Group for Support of Islam and Muslims"]


def test_nationality_adjectives_make_state_forces(extract: Any) -> None:
    ev = extract(
        "Turkish drones struck a convoy near Qamishli on Monday, killing three fighters.", "2024-05-14"
    )
    assert [e["actor1"] for e in ev] == ["Military Forces of Turkey"]


def test_its_aircraft_belong_to_the_military_that_speaks(extract: Any) -> None:
    ev = extract(
        "The Israeli military said one of its aircraft attacked a group of gunmen near Jenin on Sunday.",
        "2023-11-27",
    )
    assert [e["actor1"] for e in ev] == ["Military Forces of Israel"]


def test_a_bomber_s_nationality_is_no_state_force(extract: Any) -> None:
    ev = extract(
        "A lone Afghan suicide bomber struck a mosque in Quetta on Friday, killing 12 people.", "2022-03-05"
    )
    assert [e["actor1"] for e in ev] == ["Unidentified Armed Group (Pakistan)"]


def test_a_government_attack_is_the_story_country_forces(extract: Any) -> None:
    ev = extract(
        "A suspected government chemical attack on the town of Khan Sheikhoun in northern Syria killed "
        "dozens of people on Tuesday.",
        "2017-04-05",
    )
    assert [e["actor1"] for e in ev] == ["Military Forces of Syria"]


def test_victims_named_one_by_one_are_counted(extract: Any) -> None:
    ev = extract(
        "A suicide bomber in the town of Mora killed a young student and a woman at a market on Sunday.",
        "2016-12-26",
    )
    assert [e["fatalities"] for e in ev] == [2]


def test_an_ambiguous_acronym_names_a_group_only_in_its_countries(extract: Any) -> None:
    congo = extract("ADF rebels killed ten civilians near Beni on Sunday.", "2024-05-13")
    assert [e["actor1"] for e in congo] == ["ADF: Allied Democratic Forces"]
    elsewhere = extract("ADF soldiers held an exercise near Darwin on Sunday.", "2024-05-13")
    assert all("Allied Democratic" not in (e["actor1"] or "") for e in elsewhere)


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("The militants carried out executions of civilians in Mosul on Tuesday.", "Attack"),
        ("A ranger was killed in a late-night shootout with rebels in Narathiwat.", "Armed clash"),
        ("The killing of two aid workers near Gao on Friday drew condemnation.", "Attack"),
    ],
)
def test_killings_and_fights_told_as_nouns(extract: Any, text: str, sub: str) -> None:
    assert sub in subs(extract(text, "2024-03-09"))


# ---------------------------------------------------------------- who did it


def test_those_who_describe_a_blast_did_not_set_it_off(extract: Any) -> None:
    (e,) = extract(
        "A bomb hidden in a cart killed seven people on Sunday in the main market of Kismayo, startling "
        "traders who described the blast as deafening.",
        "2024-03-05",
    )
    assert e["actor1"] == "Unidentified Armed Group (Somalia)" and e["fatalities"] == 7


@pytest.mark.parametrize(
    "denial",
    [
        "No group has claimed the bombing, but the Shabaab often attacks markets in the city with bombs.",
        "There was no claim of responsibility for the bombing, though the Shabaab often attacks markets.",
    ],
)
def test_a_group_suspected_where_no_one_claimed_is_not_the_attacker(extract: Any, denial: str) -> None:
    (e,) = extract(
        f"A bomb hidden in a cart killed 12 people on Sunday in the main market of Kismayo. {denial}",
        "2024-03-05",
    )
    assert e["actor1"] == "Unidentified Armed Group (Somalia)"


def test_a_reference_that_says_when_and_where_is_news_when_nothing_came_before(extract: Any) -> None:
    """The headline told the attack and was taken off as the title: the body only refers back to it."""
    text = (
        "Gunmen kill nine on market day in Nigerian town\n\n"
        "The militants said the raid was a warning to traders who deal with the army.\n\n"
        "Friday's raid happened on the edge of the town of Gwoza, close to the hills.\n\n"
        "The attack was the third on the town's market, residents said."
    )
    (e,) = extract(text, "2024-03-09")
    assert (e["sub_event_type"], e["location"], e["date"]) == ("Attack", "Gwoza", "2024-03-08")
    # a bare reference with no day or place of its own is still no event
    assert extract("The attack was a warning to traders who deal with the army.", "2024-03-09") == []
