"""Gazetteer build and lookups on a tiny synthetic gazetteer (no packaged data, no model)."""

from __future__ import annotations

import pickle
import sqlite3
from pathlib import Path

import pytest

from sitrep.errors import ResourceError
from sitrep.geo.build import CountryRow, PlaceRow, build_from_rows, load_geonames_dump, read_geonames_dump
from sitrep.geo.gazetteer import Gazetteer, normalize

DATA = Path(__file__).parent / "data" / "geo"


def _rows() -> tuple[list[PlaceRow], list[CountryRow], dict[str, tuple[str, int, list[str]]]]:
    places = [
        PlaceRow(1, "Bamako", 12.65, -8.0, "P", "PPLC", "ML", "01", 2_000_000, ("Bamakó", "BKO")),
        PlaceRow(2, "Niono", 14.25, -5.99, "P", "PPL", "ML", "05", 52_000, ()),
        PlaceRow(3, "Ségou", 13.43, -6.26, "P", "PPL", "ML", "05", 130_000, ("Segu",)),
        PlaceRow(4, "Paris", 48.85, 2.35, "P", "PPLC", "FR", "11", 2_100_000, ()),
        PlaceRow(5, "Paris", 33.66, -95.55, "P", "PPL", "US", "TX", 25_000, ()),
        PlaceRow(6, "Mali", 35.0, 104.0, "P", "PPL", "CN", "15", 42_000, ()),
        PlaceRow(7, "Springfield", 39.80, -89.64, "P", "PPL", "US", "IL", 114_000, ()),
        PlaceRow(8, "Springfield", 37.21, -93.29, "P", "PPL", "US", "MO", 170_000, ()),
    ]
    countries = [
        CountryRow(
            "ML", 100, "Mali", "MLI", "Bamako", 19_000_000, (17.0, -4.0), {"Republic of Mali"}, {"Malian"}
        ),
        CountryRow("FR", 101, "France", "FRA", "Paris", 67_000_000, (46.0, 2.0), set(), {"French"}),
        CountryRow("US", 102, "United States", "USA", "Washington", 327_000_000, None, set(), {"American"}),
        CountryRow(
            "CI", 103, "Ivory Coast", "CIV", "Yamoussoukro", 25_000_000, (8.0, -5.0), set(), {"Ivorian"}
        ),
    ]
    admin1 = {
        "ML.05": ("Ségou", 200, ["Segou Region"]),
        "US.IL": ("Illinois", 201, []),
        "US.TX": ("Texas", 202, []),
        "US.MO": ("Missouri", 203, []),
    }
    return places, countries, admin1


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gaz") / "mini.sqlite"
    places, countries, admin1 = _rows()
    stats = build_from_rows(path, places, countries, admin1)
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


def test_load_geonames_dump_adds_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    places, countries, admin1 = _rows()
    countries[0].geonameid = 2453866
    build_from_rows(path, places, countries, admin1)
    rows = list(read_geonames_dump(DATA / "mini_geonames.txt"))
    assert [r.geonameid for r in rows] == [9000001, 9000002, 9000003, 2453866]
    stats = load_geonames_dump(DATA / "mini_geonames.txt", path)
    assert stats["rows"] == 4
    gaz = Gazetteer.open(path)
    kolo = gaz.lookup("Kolo-Badi")
    assert kolo and kolo[0].geonameid == 9000001 and kolo[0].admin1 == "Ségou"
    assert gaz.lookup("Tessoumbala")[0].admin1 == "Region Four"
    assert gaz.country("ML").geonameid == 2453866  # type: ignore[union-attr]
    assert gaz.meta()["dump:mini_geonames.txt"] == "4"


def test_geonames_dump_loads_from_a_zip(tmp_path: Path) -> None:
    import zipfile

    from sitrep.geo.build import read_geonames_dump

    src = Path(__file__).parent / "data" / "geo" / "mini_geonames.txt"
    z = tmp_path / "XX.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("readme.txt", "not data\n")
        zf.write(src, "XX.txt")
    assert [r.name for r in read_geonames_dump(z)] == [r.name for r in read_geonames_dump(src)]


def test_country_point_centroid_of_a_square() -> None:
    from sitrep.geo.sources import _main_landmass_centroid

    square = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0], [0.0, 0.0]]
    tiny = [[10.0, 10.0], [10.1, 10.0], [10.1, 10.1], [10.0, 10.0]]
    geo = {"features": [{"geometry": {"type": "MultiPolygon", "coordinates": [[square], [tiny]]}}]}
    lat, lon = _main_landmass_centroid(geo)  # type: ignore[misc]
    assert abs(lat - 1.0) < 0.01 and abs(lon - 1.0) < 0.01


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
    build_from_rows(new, [PlaceRow(1, "Kolobadi", 14.3, -5.9, "P", "PPL", "ML")], [], {})
    assert Gazetteer.is_current(new)
