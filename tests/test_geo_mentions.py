"""Geoparsing rules on short news-like sentences we wrote: ambiguity, countries, demonyms,
names inside organisation names, state abbreviations, unresolvable names, offsets.

Needs the spaCy model and the built gazetteer (skips otherwise, like test_geo_resolve.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.geo import geoparse, toponym_dict
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.rank import admin1_shares, names_a_county, score_candidate
from sitrep.lang import load
from sitrep.pipeline import geoparse_texts
from sitrep.records import Place
from sitrep.settings import Settings

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def res() -> Any:
    pytest.importorskip("spacy")
    from sitrep.errors import ResourceError
    from sitrep.pipeline import load_resources

    try:
        return load_resources(Settings())
    except ResourceError as exc:
        pytest.skip(str(exc))


def _named(text: str, res: Any) -> dict[str, dict[str, Any]]:
    (result,) = geoparse_texts([text], Settings(), res)
    found = [toponym_dict(t) for t in result.toponyms]
    for t in found:
        assert text[t["start"] : t["end"]] == t["name"]
    return {t["name"]: t for t in found}


def test_small_town_wins_over_a_capital_in_local_news(res: Any) -> None:
    got = _named(
        "Lamar County deputies arrested two men in Paris on Tuesday. The sheriff said the pair "
        "had driven up from Dallas, Texas, earlier in the week.",
        res,
    )
    assert got["Paris"]["country"] == "US" and got["Paris"]["admin1"] == "Texas"
    assert got["Lamar County"]["feature_code"] == "ADM2"


def test_a_country_name_resolves_to_the_country(res: Any) -> None:
    got = _named("Aid convoys crossed from Jordan into Syria on Sunday, the agency said.", res)
    assert got["Jordan"]["feature_code"] == "PCLI" and got["Jordan"]["country"] == "JO"
    assert got["Syria"]["feature_code"] == "PCLI"


def test_compass_word_that_is_part_of_a_country_name(res: Any) -> None:
    got = _named("Talks between South Africa and North Korea stalled.", res)
    assert got["South Africa"]["country"] == "ZA" and got["South Africa"]["feature_code"] == "PCLI"


def test_adjective_is_a_mention_but_people_and_languages_are_not(res: Any) -> None:
    got = _named("Russian officials met a group of Mexicans in Cairo. The talks were held in English.", res)
    assert got["Russian"]["country"] == "RU"
    assert "Mexicans" not in got and "English" not in got
    assert got["Cairo"]["country"] == "EG"


def test_adjective_mentions_never_become_event_places(res: Any) -> None:
    ctx = geoparse(res.nlp("Russian officials met in Cairo on Monday."), res.gazetteer, res.language)
    assert [t.name for t in ctx.toponyms] == ["Cairo"]
    assert [t.name for t in ctx.mentions] == ["Russian"]


def test_place_inside_an_organisation_name(res: Any) -> None:
    got = _named("The Illinois Department of Public Health said cases rose in Springfield.", res)
    assert got["Illinois"]["feature_code"] == "ADM1"
    assert got["Springfield"]["admin1"] == "Illinois"


def test_state_abbreviation_after_a_town(res: Any) -> None:
    got = _named("Firefighters were called to a warehouse in Lexington, Ky., late on Monday.", res)
    assert got["Ky."]["admin1"] == "Kentucky"
    assert got["Lexington"]["admin1"] == "Kentucky"


def test_unknown_name_does_not_blank_the_others(res: Any) -> None:
    got = _named(
        "Gunmen attacked Zorbakoundi and Gao on Friday, and residents fled towards Mopti, Mali.", res
    )
    assert got["Gao"]["country"] == "ML" and got["Mopti"]["country"] == "ML"


def test_batches_keep_the_order_of_the_texts(res: Any) -> None:
    texts = ["Floods hit Dhaka.", "Nothing happened here.", "Protests in Nairobi."]
    out = list(geoparse_texts(texts, Settings(batch_size=2), res))
    assert [[t.name for t in o.toponyms] for o in out] == [["Dhaka"], [], ["Nairobi"]]


def _place(name: str, cc: str, a1: str, code: str, pop: int, lat: float = 0.0, lon: float = 0.0) -> Place:
    return Place(name, lat, lon, cc, 1, a1, "A" if code.startswith(("ADM", "PCL")) else "P", code, pop)


def test_ranker_prefers_the_document_state_for_a_small_town() -> None:
    big = _place("Paris", "FR", "Île-de-France", "PPLC", 2_100_000, 48.85, 2.35)
    small = _place("Paris", "US", "Texas", "PPL", 25_000, 33.66, -95.55)
    shares = admin1_shares([(_place("Dallas", "US", "Texas", "PPL", 1_300_000, 32.8, -96.8), 1.0)])
    paris = names_a_county("Paris", load("en").places)
    kw: dict[str, Any] = {"county_word": paris, "focus": "US", "counts": {"US": 3.0}, "shares": shares}
    assert score_candidate(small, 0, **kw) > score_candidate(big, 0, **kw)
    assert score_candidate(big, 0, county_word=paris, focus=None, counts={}, shares={}) > score_candidate(
        small, 0, county_word=paris, focus=None, counts={}, shares={}
    )


def test_county_word_calls_for_the_county() -> None:
    county = _place("Laurel County", "US", "Kentucky", "ADM2", 60_000)
    town = _place("Laurel County", "US", "Kentucky", "PPL", 500)
    kw: dict[str, Any] = {"focus": "US", "counts": {}, "shares": {}}
    laurel = names_a_county("Laurel County", load("en").places)
    assert laurel
    assert score_candidate(county, 0, county_word=laurel, **kw) > score_candidate(
        town, 0, county_word=laurel, **kw
    )


def test_gazetteer_has_admin2_continents_and_adjectives() -> None:
    path = Settings().gazetteer_path()
    if not Gazetteer.is_current(path):
        pytest.skip("gazetteer not built (run `make install`)")
    gaz = Gazetteer.open(path)
    assert any(p.feature_code == "ADM2" and p.admin1 == "Kentucky" for p in gaz.lookup("Laurel County"))
    europe = gaz.demonym_place("European")
    assert europe is not None and europe.feature_code == "CONT"
    assert gaz.country_of_demonym("Malian") == "ML"


def test_relative_location_is_printed_at_the_town_it_is_tied_to(res: Any) -> None:
    got = _named("Soldiers clashed with militants in Dabanka, 30 km north of Mopti, on Friday.", res)
    assert got["Dabanka"]["geonameid"] == got["Mopti"]["geonameid"]
    assert got["Dabanka"]["score"] < got["Mopti"]["score"]


def test_a_name_only_guessed_at_the_country_level_is_left_out(res: Any) -> None:
    ctx = geoparse(
        res.nlp("Gunmen attacked Gao, Zorbaki and Timbuktu overnight, the Malian army said."),
        res.gazetteer,
        res.language,
    )
    names = {t["name"] for t in map(toponym_dict, ctx.listed())}
    assert {"Gao", "Timbuktu"} <= names
    guessed = [t.name for t in ctx.toponyms if ctx.info[t.start].how == "focus"]
    assert not set(guessed) & names


def test_dateline_in_capitals_and_a_legislators_home_town(res: Any) -> None:
    got = _named("GAINESVILLE -- State Sen. Ann Ruiz, D-Ocala, filed the bill on Monday.", res)
    assert got["GAINESVILLE"]["country"] == "US"
    assert got["Ocala"]["admin1"] == "Florida"
