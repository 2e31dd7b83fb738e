"""docs/architecture.md stays true: every ``sitrep.…`` name it gives imports, every ``src/…`` path exists."""

from __future__ import annotations

import importlib
import re

import pytest

from conftest import ROOT

DOC = ROOT / "docs" / "architecture.md"
NAME = re.compile(r"\bsitrep(?:\.[A-Za-z_][A-Za-z0-9_]*)+")
PATH = re.compile(r"`(src/[\w/.-]+)`")


def _resolve(dotted: str) -> object:
    """Import the longest module prefix of a dotted name, then walk its attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ModuleNotFoundError(dotted)


def _names() -> list[str]:
    return sorted(set(NAME.findall(DOC.read_text(encoding="utf-8"))))


def test_the_page_names_code() -> None:
    assert len(_names()) > 30


@pytest.mark.parametrize("dotted", _names())
def test_every_named_object_exists(dotted: str) -> None:
    _resolve(dotted)


@pytest.mark.parametrize("path", sorted(set(PATH.findall(DOC.read_text(encoding="utf-8")))))
def test_every_named_path_exists(path: str) -> None:
    assert (ROOT / path).exists(), path


def test_the_concerns_listed_are_the_language_fields() -> None:
    from dataclasses import fields

    from sitrep.lang import Language

    listed = (
        DOC.read_text(encoding="utf-8").split("## Adding a language", 1)[1].split("`sitrep.lang.load`", 1)[0]
    )
    for f in fields(Language):
        if f.name != "code":
            assert f"`{f.name}`" in listed, f"docs/architecture.md does not list the concern {f.name}"
