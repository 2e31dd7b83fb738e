"""A document's GeoContext as `sitrep geoparse` lists and prints it."""

from __future__ import annotations

from sitrep.geo import GeoContext, geoparse_row, toponym_dict
from sitrep.records import Place, Toponym


def test_toponym_dicts_shape_and_order() -> None:
    dhaka = Place("Dhaka", 23.7104, 90.40744, "BD", 1185241, "Dhaka", "P", "PPLC", 10356500)
    ctx = GeoContext(
        (Toponym(30, 35, "Dhaka", dhaka, 0.91234),),
        "BD",
        mentions=(Toponym(2, 7, "Heavy", None, 0.0),),
    )
    rows = [toponym_dict(t) for t in ctx.listed()]
    assert [r["name"] for r in rows] == ["Heavy", "Dhaka"]
    assert rows[1] == {
        "start": 30,
        "end": 35,
        "name": "Dhaka",
        "lat": 23.7104,
        "lon": 90.40744,
        "geonameid": 1185241,
        "country": "BD",
        "feature_code": "PPLC",
        "admin1": "Dhaka",
        "score": 0.912,
    }
    assert rows[0]["lat"] is None
    assert geoparse_row("d1", ctx.listed()) == {"id": "d1", "toponyms": rows}
