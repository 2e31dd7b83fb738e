"""Which named place is an event's: speakers, governments, datelines, borders, reference points and
capitals, on short sentences written for these tests. Needs the spaCy model and the gazetteer.
"""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.geo import GeoContext, place_for_span
from sitrep.geodesy import distance_km

pytestmark = pytest.mark.model


def _where(parse: Any, text: str) -> Any:
    return place_for_span(parse(text), 0, len(text))


def _aside(ctx: GeoContext, name: str) -> str | None:
    topo = next(t for t in ctx.toponyms if t.name == name)
    return ctx.info[topo.start].aside


def test_where_a_speaker_spoke_is_not_where_it_happened(parse: Any) -> None:
    found = _where(parse, "The minister told reporters in Geneva that troops had killed ten rebels in Kidal.")
    assert found is not None and found[2] == "Kidal"
    found = _where(
        parse, "The army said in a statement from Nairobi that militants attacked a bus near Mandera."
    )
    assert found is not None and found[2] == "Mandera"
    assert _where(parse, "The minister told reporters in Geneva that the talks had failed.") is None


def test_clashes_reported_in_a_town_happened_there(parse: Any) -> None:
    found = _where(parse, "Clashes were reported in Kidal on Sunday.")
    assert found is not None and found[2] == "Kidal"


def test_a_place_standing_for_its_government_is_no_event_place(parse: Any) -> None:
    assert _where(parse, "Ten officials were sanctioned by Brussels over the strikes.") is None
    ctx = parse("The killing that Washington has called genocide is a charge Khartoum denies.")
    assert _aside(ctx, "Washington") == _aside(ctx, "Khartoum") == "actor"


def test_a_country_named_as_a_group_s_is_no_event_place(parse: Any) -> None:
    ctx = parse("A spokesman for Somalia's al-Shabaab said the group carried out the raid.")
    assert _aside(ctx, "Somalia") == "actor"


def test_a_dateline_is_where_the_reporter_filed(parse: Any) -> None:
    found = _where(parse, "KABUL (Reuters) - A bomb killed five people in Kunduz on Monday.")
    assert found is not None and found[2] == "Kunduz"
    text = "Militants take two towns\n\nLONDON, June 3 : Militants seized a town on Friday, the BBC said."
    ctx = parse(text)
    assert _aside(ctx, "LONDON") == "dateline"
    assert place_for_span(ctx, 0, len(text)) is None


def test_an_agency_dateline_after_a_headline_is_a_dateline(parse: Any) -> None:
    text = "Blast at a mosque kills 12\n\nQUETTA, (City Wire Service - 4th Mar, 2022 ) :A blast hit a mosque."
    ctx = parse(text)
    assert _aside(ctx, "QUETTA") == "dateline"
    assert ctx.home is not None and ctx.home[1] == 3 and ctx.home[0].feature_code == "ADM1"  # Balochistan


def test_a_local_name_is_not_put_abroad_in_a_story_sure_of_its_country(parse: Any) -> None:
    ctx = parse(
        "A truck bomb exploded in Mogadishu, Somalia on Saturday. Somali police said it was the worst "
        "attack in Somalia. Later, a second blast hit the city's Madina district."
    )
    madina = next(t for t in ctx.toponyms if t.name.startswith("Madina"))
    assert madina.place is None or madina.place.country == "SO"


def test_a_village_told_as_such_is_not_put_abroad(parse: Any) -> None:
    ctx = parse(
        "OUAGADOUGOU (Wire) - The army of Burkina Faso said on Tuesday that troops had been sent to Djibo. "
        "Gunmen attacked the village of Solhan overnight, a local official said."
    )
    solhan = next(t for t in ctx.toponyms if t.name == "Solhan")
    assert solhan.place is None or solhan.place.country == "BF"


def test_a_name_the_model_cut_after_a_person_is_no_place(parse: Any) -> None:
    ctx = parse("Commission President Ursula von der Leyen said the list covers key figures.")
    assert not ctx.toponyms


def test_a_facility_named_after_its_town_is_in_the_town(parse: Any) -> None:
    found = _where(parse, "Gunmen stormed the Kisumu Polytechnic College on Thursday.")
    assert found is not None and found[2] == "Kisumu" and found[0].country == "KE"


def test_a_border_is_not_the_place_of_its_own(parse: Any) -> None:
    found = _where(parse, "An army camp was attacked in central Mali near the Mauritania border.")
    assert found is not None and found[0].country == "ML"
    ctx = parse("Soldiers clashed with gunmen in Narathiwat, which borders Malaysia.")
    assert _aside(ctx, "Malaysia") == "border"
    ctx = parse("Jets struck a convoy on the border with Niger, the Burkinabe army said.")
    assert _aside(ctx, "Niger") == "border"


def test_a_border_country_does_not_become_the_story_country(parse: Any) -> None:
    ctx = parse("Gunmen attacked an army post in central Mali near the Mauritania border.")
    assert ctx.focus_country == "ML"


def test_a_reference_point_yields_to_the_place_it_describes(parse: Any) -> None:
    found = _where(parse, "Militants seized two towns in Diyala province, northeast of Baghdad, on Friday.")
    assert found is not None and found[2] == "Diyala province"


def test_a_distance_and_bearing_from_a_town_move_the_point(parse: Any, resources: Any) -> None:
    found = _where(parse, "Gunmen ambushed a convoy 30 km north of Gao on Tuesday.")
    assert found is not None
    place, precision, name = found
    gao = resources.gazetteer.lookup("Gao", "ML")[0]
    assert name == "Gao" and precision == 2
    assert 25 < distance_km(gao.latitude, gao.longitude, place.latitude, place.longitude) < 35
    assert place.latitude > gao.latitude


def test_a_capital_named_by_whose_it_is(parse: Any) -> None:
    for text in (
        "Rebels charged into Chad's capital on Saturday.",
        "Fighting reached the Chadian capital on Sunday.",
        "Protesters marched in the capital of Chad.",
    ):
        found = _where(parse, text)
        assert found is not None and found[0].name == "N'Djamena" and found[1] == 1, text


def test_the_capital_is_the_story_countrys(parse: Any) -> None:
    found = _where(parse, "Kenyan police fired tear gas at protesters in the capital on Monday.")
    assert found is not None and found[0].name == "Nairobi"


def test_no_capital_in_a_provincial_capital_or_capital_markets(parse: Any) -> None:
    ctx = parse("Fighting raged in Goma, the provincial capital, and capital markets fell.")
    assert [t.name for t in ctx.toponyms] == ["Goma"]
    assert ctx.listed() == ctx.toponyms
    capital = parse("Rebels charged into Chad's capital on Saturday.")
    assert all(t.name != "capital" for t in capital.listed())


def test_the_provincial_capital_is_the_story_areas_biggest_town(parse: Any) -> None:
    ctx = parse(
        "Two killed in Quetta blast. A bomb exploded at a mosque in the provincial capital's Satellite Town."
    )
    capital = next(t for t in ctx.toponyms if t.name == "capital")
    assert capital.place.name == "Quetta"
    quarter = next(t for t in ctx.toponyms if t.name == "Satellite Town")
    assert quarter.place.name == "Quetta" and ctx.info[quarter.start].how == "linked"
    named = parse("Gunmen attacked a market in the provincial capital of Kunduz on Monday.")
    assert next(t for t in named.toponyms if t.name == "capital").place.country == "AF"


def test_a_place_named_with_its_owner_is_the_event_place(parse: Any) -> None:
    ctx = parse("Rebels attacked a checkpoint in Kunduz province's Qala-e-Zal district.")
    assert _aside(ctx, "Kunduz province") == "owner"
    district = next(t for t in ctx.toponyms if t.name.startswith("Qala"))
    assert district.place.country == "AF" and ctx.info[district.start].linked_to == "Kunduz province"


def test_a_place_in_a_title_is_no_event_place(parse: Any) -> None:
    text = "A bomb hit the residence of the Saudi ambassador to Chad, killing two people."
    assert _aside(parse(text), "Chad") == "designation"
    assert _where(parse, text) is None


def test_where_people_come_from_is_no_event_place(parse: Any) -> None:
    text = "Nearby lies the Tahoua region, where gunmen raided a camp sheltering migrants from nearby Mali."
    assert _aside(parse(text), "Mali") == "provenance"
    found = _where(parse, text)
    assert found is not None and found[0].country == "NE"


def test_a_country_before_its_region_owns_it_whatever_comes_between(parse: Any) -> None:
    text = "Gunmen killed 20 villagers in Mali's central Mopti region on Sunday."
    assert _aside(parse(text), "Mali") == "owner"
    found = _where(parse, text)
    assert found is not None and found[2] == "central Mopti region"


def test_the_country_of_a_dateline_is_the_datelines(parse: Any) -> None:
    ctx = parse(
        "Protests go on\n\nCARACAS, Venezuela (Reuters) - Thousands marched in Valencia on Wednesday."
    )
    assert _aside(ctx, "Venezuela") == "dateline"
    plain = parse("Gao, Mali, and Niamey were calm on Sunday.")
    assert _aside(plain, "Mali") is None


def test_a_possessive_that_makes_a_title_is_no_event_place(parse: Any) -> None:
    ctx = parse("Chad's ambassador in Ethiopia told reporters the city was calm.")
    assert _aside(ctx, "Chad") == _aside(ctx, "Ethiopia") == "designation"


def test_moving_away_from_a_town_is_not_speaking_from_it(parse: Any) -> None:
    ctx = parse("Government forces were pushing rebels away from Kidal, he said late Saturday.")
    assert _aside(ctx, "Kidal") is None
    assert (
        _aside(
            parse("Speaking by telephone from Paris, a French official said jets had bombed Gao."), "Paris"
        )
        == "speaker"
    )


def test_a_quarter_of_a_city_named_with_words_between(parse: Any) -> None:
    ctx = parse("A suicide bomber killed 20 people in Kabul's Shia-dominated Dasht-e-Barchi neighbourhood.")
    quarter = next(t for t in ctx.toponyms if t.name.startswith("Dasht"))
    assert quarter.place.name == "Kabul" and ctx.info[quarter.start].how == "linked"
    assert _aside(ctx, "Kabul") == "owner"
    found = _where(parse, "A suicide bomber killed 20 people in Kabul's Shia-dominated quarter on Friday.")
    assert found is not None and found[2] == "Kabul"  # no place named after it: Kabul is the place


def test_an_event_at_a_village_told_by_distance_and_bearing_is_moved_there(parse: Any) -> None:
    text = "Gunmen burned Sirba, a village about 45km north of El Geneina, in West Darfur on Saturday."
    ctx = parse(text)
    town = next(t for t in ctx.toponyms if t.name == "El Geneina")
    village = next(t for t in ctx.toponyms if t.name == "Sirba")
    assert ctx.info[village.start].how == "linked" and village.place == town.place  # listed at the town
    found = place_for_span(ctx, 0, text.index(","))  # "Gunmen burned Sirba"
    assert found is not None and found[1] == 2
    km = distance_km(town.place.latitude, town.place.longitude, found[0].latitude, found[0].longitude)
    assert 40 < km < 50 and found[0].latitude > town.place.latitude
