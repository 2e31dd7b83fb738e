"""The one pipeline: its stage chain (requires/assigns) is checked when it loads, and the stages'
default components register where they are defined."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sitrep.errors import ConfigError
from sitrep.pipeline import check_chain, load_resources, stage_chain
from sitrep.registry import declared, register
from sitrep.settings import Settings

# A cleaner that produces no article text: the parse that follows it has nothing to read.
register("clean.bare.v1", requires=("raw.content",), assigns=("article.published",))(lambda: None)


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
