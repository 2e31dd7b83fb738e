"""``GET /api/places``: the map's place labels from a tiny synthetic gazetteer, in process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import build_mini_gazetteer
from sitrep.api import create_app
from sitrep.geo.gazetteer import Gazetteer
from sitrep.store import open_store

ERROR_KEYS = {"ok", "error", "errors", "status"}
MALI = "-12,10,5,25"


@pytest.fixture(scope="module")
def gaz_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gaz") / "mini.sqlite"
    build_mini_gazetteer(path)
    return path


def _client(tmp_path: Path, gazetteer: Any) -> TestClient:
    return TestClient(create_app(open_store(str(tmp_path / "s.db")), gazetteer=gazetteer))


def test_largest_towns_in_the_box_first(tmp_path: Path, gaz_path: Path) -> None:
    r = _client(tmp_path, gaz_path).get(f"/api/places?bbox={MALI}")
    assert r.status_code == 200
    body = r.json()
    assert [p["name"] for p in body["places"]] == ["Bamako", "Ségou", "Niono"]
    assert body["count"] == 3 and body["available"] is True
    bamako = body["places"][0]
    assert bamako == {
        "name": "Bamako",
        "lat": 12.65,
        "lon": -8.0,
        "population": 2_000_000,
        "kind": "PPLC",
        "country": "ML",
    }


def test_limit_and_cell_thin_the_labels(tmp_path: Path, gaz_path: Path) -> None:
    client = _client(tmp_path, gaz_path)
    assert [p["name"] for p in client.get(f"/api/places?bbox={MALI}&limit=1").json()["places"]] == ["Bamako"]
    # Squares counted from -180/-90: Bamako, Ségou and Niono share one of 5 degrees; with 2 degrees
    # Niono has its own; with 1 degree each town has one. More labels as the map zooms in.
    names = {cell: [p["name"] for p in client.get(f"/api/places?bbox={MALI}&cell={cell}").json()["places"]]
             for cell in (5, 2, 1)}  # fmt: skip
    assert names == {5: ["Bamako"], 2: ["Bamako", "Niono"], 1: ["Bamako", "Ségou", "Niono"]}
    # Other countries' towns are outside the box; the whole world holds them all.
    world = client.get("/api/places?bbox=-180,-90,180,90&limit=500").json()["places"]
    assert {p["name"] for p in world} >= {"Paris", "Springfield", "Mali", "Bamako"}
    assert [p["population"] for p in world] == sorted((p["population"] for p in world), reverse=True)


def test_an_open_gazetteer_is_accepted(tmp_path: Path, gaz_path: Path) -> None:
    r = _client(tmp_path, Gazetteer.open(gaz_path)).get("/api/places?bbox=0,40,10,50")
    assert [p["name"] for p in r.json()["places"]] == ["Paris"]


@pytest.mark.parametrize("gazetteer", [None, "missing.sqlite"])
def test_no_gazetteer_no_labels_no_error(tmp_path: Path, gazetteer: str | None) -> None:
    path = None if gazetteer is None else tmp_path / gazetteer
    r = _client(tmp_path, path).get(f"/api/places?bbox={MALI}")
    assert r.status_code == 200
    assert r.json() == {"places": [], "count": 0, "available": False}


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?bbox=1,2,3",
        "?bbox=a,b,c,d",
        f"?bbox={MALI}&limit=0",
        f"?bbox={MALI}&limit=501",
        f"?bbox={MALI}&cell=0",
        f"?bbox={MALI}&zoom=3",
    ],
)
def test_bad_values_have_the_one_error_shape(tmp_path: Path, gaz_path: Path, query: str) -> None:
    r = _client(tmp_path, gaz_path).get("/api/places" + query)
    assert r.status_code == 400
    assert set(r.json()) == ERROR_KEYS and r.json()["ok"] is False and r.json()["status"] == 400
    if "bbox=1,2,3" in query or "bbox=a" in query:
        assert r.json()["error"].startswith("bbox: ")
    if "zoom" in query:
        assert "unknown parameter 'zoom'" in r.json()["error"]
