"""`sitrep geoparse` and the library function under it: offsets, input kinds, rejects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.geo import GeoContext, geoparse_row, toponym_dict
from sitrep.records import Place, Toponym

TEXT = "  Heavy rain flooded parts of Dhaka on Monday,\r\n\r\nofficials in Bangladesh said.  "


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


@pytest.mark.model
def test_cli_jsonl_offsets_point_into_the_text_as_given(tmp_path: Path) -> None:
    src = tmp_path / "docs.jsonl"
    src.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["geoparse", str(src)])
    if out.exit_code == 2 and "not installed" in (out.stderr or ""):
        pytest.skip(out.stderr)
    assert out.exit_code == 0, out.stderr
    (line,) = out.stdout.splitlines()
    doc = json.loads(line)
    assert doc["id"] == "a"
    names = {t["name"]: t for t in doc["toponyms"]}
    assert {"Dhaka", "Bangladesh"} <= set(names)
    for t in doc["toponyms"]:
        assert TEXT[t["start"] : t["end"]] == t["name"]
    assert names["Dhaka"]["country"] == "BD"


@pytest.mark.model
def test_cli_text_file_uses_the_cleaned_text_and_reports_rejects(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   ", encoding="utf-8")
    out = CliRunner().invoke(cli, ["geoparse", str(tmp_path / "story.txt"), str(tmp_path / "empty.txt")])
    assert out.exit_code == 0, out.stderr
    (line,) = out.stdout.splitlines()
    doc = json.loads(line)
    assert doc["id"] == "story" and doc["toponyms"]
    assert all(t["start"] < len(TEXT.strip()) for t in doc["toponyms"])
    assert "skipped" in out.stderr
