"""Where an event happened, through the whole pipeline, on short stories written for these tests:
the chain of where (the trigger's phrases, clause, sentence, paragraph, lede, the story's own area),
and the places that are not an event's (datelines, speakers, borders, reference points).
"""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.geodesy import distance_km

pytestmark = pytest.mark.model


def _only(events: list[dict[str, Any]], sub: str) -> dict[str, Any]:
    found = [e for e in events if e["sub_event_type"] == sub]
    assert len(found) == 1, [(e["sub_event_type"], e["location"]) for e in events]
    return found[0]


def _km(e: dict[str, Any], lat: float, lon: float) -> float:
    return distance_km(e["latitude"], e["longitude"], lat, lon)


def test_a_strike_near_a_border_stays_in_the_story_country(extract: Any) -> None:
    ev = extract(
        "Burkina Faso's army carried out a drone strike on a jihadist convoy near the Niger border on "
        "Tuesday, killing twelve fighters, the army said.",
        "2024-03-07",
    )
    e = _only(ev, "Air/drone strike")
    assert e["country"] == "BF" and e["location"] != "Niger" and e["geo_precision"] == 3


def test_a_village_in_a_district_is_coded_at_the_district(extract: Any) -> None:
    ev = extract(
        "Armed bandits abducted nine pupils in Sakkai village in Faskari LGA, Katsina State, on Tuesday "
        "evening, police said.",
        "2024-03-07",
    )
    e = _only(ev, "Abduction/forced disappearance")
    assert (e["country"], e["geo_precision"], e["location"]) == ("NG", 2, "Faskari")


def test_a_capital_named_by_its_country(extract: Any) -> None:
    ev = extract(
        "Hundreds of rebels clashed with government troops in Chad's capital on Saturday, witnesses said.",
        "2024-03-04",
    )
    e = _only(ev, "Armed clash")
    assert e["country"] == "TD" and e["geo_precision"] == 1 and _km(e, 12.1, 15.05) < 30


def test_a_dateline_does_not_place_the_story(extract: Any) -> None:
    ev = extract(
        "Bus attack in the north-east\n\nNAIROBI (Reuters) - Gunmen killed four passengers in an attack "
        "on a bus near Mandera on Sunday, police said.",
        "2024-03-04",
    )
    e = _only(ev, "Attack")
    assert e["location"] == "Mandera"


def test_where_a_minister_spoke_is_not_where_jets_struck(extract: Any) -> None:
    ev = extract(
        "The minister told reporters in Geneva on Tuesday that jets had bombed rebel positions near Kidal "
        "on Monday.",
        "2024-03-06",
    )
    e = _only(ev, "Air/drone strike")
    assert e["location"] == "Kidal"


def test_a_reference_point_is_not_the_province_it_locates(extract: Any) -> None:
    ev = extract(
        "Militants seized two towns in Iraq's Diyala province, northeast of Baghdad, on Friday after "
        "soldiers abandoned their posts.",
        "2024-03-09",
    )
    e = _only(ev, "Non-state actor overtakes territory")
    assert e["location"].startswith("Diy") and e["geo_precision"] == 3 and e["admin1"] is not None


def test_a_region_the_gazetteer_lacks_lands_in_the_region(extract: Any) -> None:
    ev = extract(
        "Up to 30 villagers were killed when armed men on horses attacked a village in the Darfur region "
        "of western Sudan on Saturday, an official said.",
        "2024-03-04",
    )
    e = _only(ev, "Attack")
    assert e["country"] == "SD" and e["geo_precision"] == 3
    assert _km(e, 13.0, 24.5) < 250  # inside Darfur, not at Sudan's centre (about 600 km east)


def test_a_country_is_made_precise_by_the_town_told_next(extract: Any) -> None:
    ev = extract(
        "Riots in Kenya turned deadly on Tuesday as a mob set fire to a church, killing 30 people.\n\n"
        "Many of the dead were children.\n\n"
        "The church stood on the edge of Eldoret, residents said.",
        "2024-03-07",
    )
    e = next(e for e in ev if e["fatalities"] == 30)
    assert e["location"] == "Eldoret" and e["geo_precision"] == 2


def test_a_part_of_a_country_is_made_precise_by_a_town_in_that_part(extract: Any) -> None:
    ev = extract(
        "Gunmen killed eleven traders in an ambush on a lorry in northern Mali on Sunday, officials said.\n\n"
        "The lorry was stopped on a track outside Gao before dawn.",
        "2024-03-04",
    )
    e = _only(ev, "Attack")
    assert e["location"] == "Gao" and e["geo_precision"] == 2


def test_a_town_outside_the_named_part_does_not_place_it(extract: Any) -> None:
    ev = extract(
        "Gunmen killed eleven traders in an ambush on a lorry in northern Mali on Sunday, officials said.\n\n"
        "Their families gathered in Sikasso to wait for news.",
        "2024-03-04",
    )
    e = _only(ev, "Attack")
    assert e["location"] == "northern Mali" and e["geo_precision"] == 3  # Sikasso lies in the south
    assert e["latitude"] > 16.0


def test_a_district_of_the_city_the_gazetteer_lacks_is_that_city(extract: Any) -> None:
    ev = extract(
        "A car bomb exploded outside a bank in Kabul on Monday, killing nine people, police said.\n\n"
        "Two hours later, a second blast went off in the city's Zarbaqi district.",
        "2024-03-05",
    )
    second = [e for e in ev if "Zarbaqi" in e["location"] or e["fatalities"] is None]
    assert len(ev) == 2 and len(second) == 1, [(e["location"], e["geo_precision"]) for e in ev]
    e = second[0]
    assert e["country"] == "AF" and e["geo_precision"] == 2 and _km(e, 34.53, 69.17) < 30


def test_a_sentence_without_a_place_takes_its_paragraphs(extract: Any) -> None:
    ev = extract(
        "Police fired tear gas at protesters in central Cairo on Monday.\n\n"
        "A rights activist said the crackdown would not stop them. On Tuesday, gunmen killed five "
        "villagers in an attack on a market.",
        "2024-03-06",
    )
    e = _only(ev, "Attack")
    assert e["country"] == "EG" and _km(e, 30.05, 31.25) < 30


def test_the_story_home_is_its_admin1_when_its_places_gather_there(parse: Any) -> None:
    ctx = parse(
        "Gunmen killed five people in Gusau on Monday. Later, fighting spread to Tsafe, police in Nigeria "
        "said. Bandits also raided Dangwala village."
    )
    assert ctx.home is not None and ctx.home[0].feature_code == "ADM1" and ctx.home[1] == 3
    village = next(t for t in ctx.toponyms if t.name == "Dangwala")
    assert village.place == ctx.home[0]  # a name only guessed at lands in the story's area
    spread = parse(
        "Gunmen killed five people in Gusau on Monday, Nigerian police said. Protests followed in Kano."
    )
    assert spread.home is not None and spread.home[0].feature_code == "PCLI"
