"""The one pipeline: its stage chain (requires/assigns) is checked when it loads, the stages'
default components register where they are defined, and `sitrep geoparse` keeps its offsets rule."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import cli
from sitrep.errors import ConfigError
from sitrep.pipeline import check_chain, load_resources, stage_chain
from sitrep.registry import declared, register
from sitrep.settings import Settings

# A cleaner that produces no article text: the parse that follows it has nothing to read.
register("clean.bare.v1", requires=("raw.content",), assigns=("article.published",))(lambda: None)
TEXT = "  Heavy rain flooded parts of Dhaka on Monday,\r\n\r\nofficials in Bangladesh said.  "


def test_the_default_chain_holds() -> None:
    check_chain(Settings())
    names = [name for name, _, _ in stage_chain(Settings())]
    assert names == ["clean", "nlp", "geo", "events"]


def test_a_stage_whose_input_no_earlier_stage_assigns_fails() -> None:
    with pytest.raises(ConfigError, match="stage nlp requires article.text"):
        check_chain(Settings(cleaner="clean.bare.v1"))


def test_an_unknown_component_fails() -> None:
    with pytest.raises(ConfigError, match="no component named 'geo.nowhere.v1'"):
        check_chain(Settings(geocoder="geo.nowhere.v1"))


def test_the_chain_is_checked_before_anything_heavy_loads() -> None:
    with pytest.raises(ConfigError, match="stage nlp requires"):
        load_resources(Settings(cleaner="clean.bare.v1", spacy_model="no_such_model"))


def test_the_defaults_declare_what_they_read_and_write() -> None:
    assert declared("clean.default.v1") == (("raw.content",), ("article.text", "article.published"))
    assert declared("geo.gazetteer.v1") == (("doc.ents", "doc.sents"), ("toponyms", "focus_country"))


def test_stage_packages_register_their_components_without_the_pipeline() -> None:
    code = (
        "import sys, sitrep.clean, sitrep.geo, sitrep.registry as r;"
        "assert {'clean.default.v1', 'geo.gazetteer.v1'} <= set(r.names()), r.names();"
        "assert 'sitrep.pipeline' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


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
