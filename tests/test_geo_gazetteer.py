"""Gazetteer lookups on a tiny synthetic gazetteer (no packaged data, no model)."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import pytest

from conftest import gazetteer_rows
from sitrep.errors import ResourceError
from sitrep.gazetteer import CountryRow, PlaceRow, build_from_rows
from sitrep.geo.gazetteer import Gazetteer, normalize
from sitrep.lang import load


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gaz") / "mini.sqlite"
    places, countries, admin1 = gazetteer_rows()
    stats = build_from_rows(path, places, countries, admin1, names=load("en").place_names)
    assert stats["rows"] == len(places) + len(countries) + len(admin1)
    assert stats["bytes"] > 0 and not list(path.parent.glob(".*.tmp"))  # written atomically
    return Gazetteer.open(path)


def test_normalize_folds_case_accents_and_punctuation() -> None:
    assert normalize("Côte d'Ivoire") == normalize("cote divoire") == "cote divoire"
    assert normalize("U.S.") == "us"
    assert normalize("  Saint-Denis ") == "saint denis"


def test_lookup_ranks_by_population_and_filters_by_country(gaz: Gazetteer) -> None:
    assert [p.country for p in gaz.lookup("paris")] == ["FR", "US"]
    assert [p.country for p in gaz.lookup("Paris", country="us")] == ["US"]
    assert gaz.lookup("Segu")[0].name == "Ségou"  # alternate name
    assert gaz.lookup("Segu", alternates=False) == []
    assert gaz.lookup("Nowhere-on-Earth") == []


def test_alternate_codes_are_not_names(gaz: Gazetteer) -> None:
    assert not gaz.is_place_name("BKO")
    assert gaz.is_place_name("bamako") and gaz.is_place_name("Bamakó")


def test_country_name_beats_a_city_of_the_same_name(gaz: Gazetteer) -> None:
    best = gaz.lookup("Mali")[0]
    assert (best.country, best.feature_code) == ("ML", "PCLI")
    assert (best.latitude, best.longitude) == (17.0, -4.0)  # a country point, not the capital


def test_country_aliases_and_short_names(gaz: Gazetteer) -> None:
    assert gaz.country_by_name("Republic of Mali").country == "ML"  # type: ignore[union-attr]
    assert gaz.country_by_name("the U.S.").country == "US"  # type: ignore[union-attr]
    assert gaz.country_by_name("Cote d'Ivoire").country == "CI"  # type: ignore[union-attr]
    assert gaz.country_by_name("Niono") is None
    assert gaz.country_name("us") == "United States"
    us = gaz.country("US")
    assert us is not None and us.latitude == pytest.approx(
        (33.66 + 39.80 + 37.21) / 3, abs=0.01
    )  # mean of cities


def test_demonyms(gaz: Gazetteer) -> None:
    assert gaz.country_of_demonym("Malian") == "ML"
    assert gaz.country_of_demonym("Malians") == "ML"
    assert gaz.country_of_demonym("French") == "FR"
    assert gaz.country_of_demonym("Bamako") is None


def test_admin1_names_and_points(gaz: Gazetteer) -> None:
    seg = gaz.admin1("Segou", "ML")
    assert seg and seg[0].feature_code == "ADM1"
    assert seg[0].latitude == pytest.approx((14.25 + 13.43) / 2)
    assert gaz.lookup("Niono")[0].admin1 == "Ségou"
    assert gaz.lookup("Ségou")[0].feature_class == "P"  # the town outranks its eponymous region


def test_pickles_as_its_path(gaz: Gazetteer) -> None:
    again = pickle.loads(pickle.dumps(gaz))
    assert again.path == gaz.path and again.lookup("Niono")[0].geonameid == 2


def test_missing_file_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="gazetteer build"):
        Gazetteer.open(tmp_path / "nope.sqlite")
    bad = tmp_path / "bad.sqlite"
    sqlite3.connect(bad).close()
    with pytest.raises(ResourceError):
        Gazetteer.open(bad)


def test_is_current_tells_a_stale_or_missing_file(tmp_path: Path) -> None:
    assert not Gazetteer.is_current(tmp_path / "none.sqlite")
    old = tmp_path / "old.sqlite"
    conn = sqlite3.connect(old)
    conn.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
        "INSERT INTO meta VALUES ('schema_version', '1');"
    )
    conn.commit()
    conn.close()
    assert not Gazetteer.is_current(old)
    new = tmp_path / "new.sqlite"
    build_from_rows(
        new, [PlaceRow(1, "Kolobadi", 14.3, -5.9, "P", "PPL", "ML")], [], {}, names=load("en").place_names
    )
    assert Gazetteer.is_current(new)


def _lopsided(tmp: Path) -> Gazetteer:
    """A country whose towns crowd into its south-west corner, with a few spread over its north."""
    crowd = [(0.1 * (k % 10), 35.0 + 0.1 * (k // 10)) for k in range(60)]  # lat 0-1, lon 35-36
    north = [(2.5, 36.0), (3.0, 38.0), (3.5, 40.0), (4.0, 36.5), (4.5, 39.0), (3.2, 41.0)]
    rows = [
        PlaceRow(9100 + k, f"Town {k}", lat, lon, "P", "PPL", "ML", "05" if lat < 2 else "06")
        for k, (lat, lon) in enumerate(crowd + north)
    ]
    countries = [CountryRow("ML", 100, "Mali", "MLI", "Town 0", 1_000, (2.0, 38.0), set(), set())]
    path = tmp / "lopsided.sqlite"
    build_from_rows(
        path,
        rows,
        countries,
        {"ML.05": ("Low", 200, []), "ML.06": ("High", 201, [])},
        names=load("en").place_names,
    )
    return Gazetteer.open(path)


def test_the_north_of_a_country_is_its_ground_not_its_crowd(tmp_path: Path) -> None:
    gaz = _lopsided(tmp_path)
    country = gaz.country("ML")
    assert country is not None
    north = gaz.part_of(country, "northern")
    assert north.feature_code == "RGN" and north.name == "northern Mali"
    assert north.latitude > 3.0  # the sparse north, not the crowded corner's northern edge
    assert gaz.part_of(country, "southern").latitude < 1.0
    assert gaz.part_of(country, "north-eastern").longitude > 38.0
    assert gaz.part_of(country, "inland") == country  # no direction: the country's own point


def test_the_north_of_a_first_level_area_is_the_mean_of_its_northern_towns(tmp_path: Path) -> None:
    gaz = _lopsided(tmp_path)
    low = gaz.admin1("Low", "ML")[0]
    north = gaz.part_of(low, "northern")
    assert 0.6 <= north.latitude <= 0.9 and north.admin1 == "Low"
