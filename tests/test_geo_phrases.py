"""Names the words around them reveal, whatever spaCy labels them, and admin words in resolution.

Short sentences written for these tests. Needs the spaCy model and the built gazetteer.
"""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.geo import GeoContext

pytestmark = pytest.mark.model


def _named(ctx: GeoContext) -> dict[str, Any]:
    return {t.name: t for t in ctx.toponyms}


def test_admin_names_tagged_as_people_or_organisations(parse: Any) -> None:
    ctx = parse("Gunmen raided Kanko village in Dandume LGA, Katsina State, on Sunday night.")
    named = _named(ctx)
    state = named["Katsina State"]
    assert (state.place.country, state.place.feature_code) == ("NG", "ADM1")
    lga = named["Dandume LGA"]
    assert lga.place.feature_code == "ADM2" and ctx.info[lga.start].precision == 2


def test_a_village_is_tied_to_the_district_named_next_to_it(parse: Any) -> None:
    ctx = parse("Bandits seized six traders in Sakkai village in Faskari LGA, Katsina State, police said.")
    village = _named(ctx)["Sakkai"]
    info = ctx.info[village.start]
    assert info.how == "linked" and info.linked_to == "Faskari LGA" and info.precision == 2
    assert village.place.country == "NG"


def test_a_village_name_with_a_namesake_abroad_stays_at_home(parse: Any) -> None:
    ctx = parse("Gunmen raided Kanko village in Dandume LGA, Katsina State, on Sunday night.")
    kanko = _named(ctx)["Kanko"]
    assert kanko.place.country == "NG" and ctx.info[kanko.start].linked_to == "Dandume LGA"


def test_villages_listed_together_share_their_tie(parse: Any) -> None:
    ctx = parse("Rebels attacked the villages of Mbingi and Mapasana near Beni, in the east of Congo.")
    named = _named(ctx)
    assert named["Mbingi"].place.name == named["Mapasana"].place.name == "Beni"
    assert ctx.info[named["Mbingi"].start].precision == 2


def test_organisations_ending_in_an_admin_word_are_not_places(parse: Any) -> None:
    ctx = parse("The Islamic State claimed the bombing, the State Department said.")
    assert ctx.toponyms == ()


def test_an_admin_word_calls_for_an_area_not_the_country(parse: Any) -> None:
    ctx = parse("Gunmen killed five people in Niger State on Monday, Nigerian police said.")
    niger = next(t for t in ctx.toponyms if t.name.startswith("Niger"))
    assert (niger.place.country, niger.place.feature_code) == ("NG", "ADM1")
    sheriff = parse("Deputies of the Guernsey County Sheriff's Office searched a farm near Cambridge, Ohio.")
    assert all(t.place is None or t.place.country == "US" for t in sheriff.toponyms)


def test_a_district_named_like_a_town_is_the_district(parse: Any) -> None:
    ctx = parse("Bandits stormed a school in Faskari LGA on Tuesday.")
    lga = _named(ctx)["Faskari LGA"]
    assert lga.place.feature_code == "ADM2"


def test_region_named_as_in_several_countries_follows_the_story(parse: Any) -> None:
    ctx = parse("Clashes were reported in the Northern Region of Ghana near Tamale.")
    region = _named(ctx)["Northern Region"]
    assert (region.place.country, region.place.feature_code) == ("GH", "ADM1")


def test_a_compass_named_district_is_only_the_story_countrys(parse: Any) -> None:
    ctx = parse("Police closed roads in the Central District of Seoul.")
    district = _named(ctx)["Central District"]
    assert district.place.country == "KR"


def test_a_district_of_the_story_province_beats_a_namesake_abroad(parse: Any) -> None:
    ctx = parse("Taliban fighters overran checkpoints in Archi district of Kunduz province on Tuesday.")
    archi = next(t for t in ctx.toponyms if t.name.startswith("Archi"))
    assert archi.place.country == "AF" and archi.place.admin1 == "Kunduz"


def test_a_place_inside_a_longer_name_is_never_a_generic_word(parse: Any) -> None:
    plaza = _named(parse("Police fired tear gas at students in Plaza Venezuela on Wednesday."))
    assert plaza["Plaza Venezuela"].place.country == "VE"
    quarter = _named(parse("A bomb exploded at a mosque in Satellite Town in Quetta."))
    assert quarter["Satellite Town"].place.country == "PK"


def test_an_area_named_by_a_direction_and_tagged_a_person(parse: Any) -> None:
    ctx = parse("Northern Mali fell to rebels in 2012, and Mali asked France for help.")
    named = _named(ctx)
    assert named["Northern Mali"].place.country == "ML" and ctx.info[named["Northern Mali"].start].region
    assert named["Mali"].place.feature_code == "PCLI"


def test_a_region_from_the_languages_table(parse: Any) -> None:
    ctx = parse("Al-Shabab fighters attacked a base in the Lower Shabelle region on Tuesday.")
    region = next(t for t in ctx.toponyms if "Shabelle" in t.name)
    assert (region.place.country, region.place.feature_code) == ("SO", "ADM1")
    donbas = next(t for t in parse("Shelling continued across the Donbas on Monday.").toponyms)
    assert donbas.place.country == "UA" and ctx.info[region.start].precision == 3


def test_a_region_named_after_its_admin_areas(parse: Any) -> None:
    ctx = parse("Fighting spread across the Kivu region of eastern Congo.")
    kivu = next(t for t in ctx.toponyms if t.name.startswith("Kivu"))
    assert kivu.place.country == "CD" and kivu.place.feature_code == "RGN"
