"""The install-time gazetteer build: GeoNames dumps added to a built file, country points."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import gazetteer_rows
from sitrep.gazetteer import build_from_rows, load_geonames_dump, read_geonames_dump
from sitrep.gazetteer.sources import _main_landmass_centroid
from sitrep.geo.gazetteer import Gazetteer
from sitrep.lang import load

DATA = Path(__file__).parent / "data" / "geo"


def test_load_geonames_dump_adds_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    places, countries, admin1 = gazetteer_rows()
    countries[0].geonameid = 2453866
    build_from_rows(path, places, countries, admin1, names=load("en").place_names)
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

    src = Path(__file__).parent / "data" / "geo" / "mini_geonames.txt"
    z = tmp_path / "XX.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("readme.txt", "not data\n")
        zf.write(src, "XX.txt")
    assert [r.name for r in read_geonames_dump(z)] == [r.name for r in read_geonames_dump(src)]


def test_country_point_centroid_of_a_square() -> None:
    square = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0], [0.0, 0.0]]
    tiny = [[10.0, 10.0], [10.1, 10.0], [10.1, 10.1], [10.0, 10.0]]
    geo = {"features": [{"geometry": {"type": "MultiPolygon", "coordinates": [[square], [tiny]]}}]}
    lat, lon = _main_landmass_centroid(geo)  # type: ignore[misc]
    assert abs(lat - 1.0) < 0.01 and abs(lon - 1.0) < 0.01


def test_adding_a_dump_swaps_the_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that opened the gazetteer keeps a whole file while a dump is added; a failed
    load leaves the gazetteer as it was, and no temporary file behind."""
    path = tmp_path / "g.sqlite"
    places, countries, admin1 = gazetteer_rows()
    build_from_rows(path, places, countries, admin1, names=load("en").place_names)
    reader = Gazetteer.open(path)
    before = path.stat().st_ino
    load_geonames_dump(DATA / "mini_geonames.txt", path)
    assert path.stat().st_ino != before, "the gazetteer was written in place"
    assert reader.lookup("Kolo-Badi") == [] and reader.lookup("Niono")  # the old file, whole
    assert Gazetteer.open(path).lookup("Kolo-Badi")

    import sitrep.gazetteer.dumps as dumps

    def boom(*args: object, **kw: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(dumps, "write_places", boom)
    kept = path.read_bytes()
    with pytest.raises(RuntimeError):
        load_geonames_dump(DATA / "mini_geonames.txt", path)
    assert path.read_bytes() == kept and sorted(p.name for p in tmp_path.iterdir()) == ["g.sqlite"]
