"""``sitrep.lang.load``: a language folder is checked against the protocols when it loads."""

from __future__ import annotations

import dataclasses
import pickle
import sys
import types
from datetime import date

import pytest

from sitrep.clean.published import dateline_date
from sitrep.errors import ConfigError
from sitrep.lang import Language, load

EN = load("en")


def _fake_language(monkeypatch: pytest.MonkeyPatch, code: str, drop: tuple[str, str] | None) -> None:
    """A ``sitrep.lang.<code>`` package made of copies of the English modules, less one name."""
    package = types.ModuleType(f"sitrep.lang.{code}")
    package.__path__ = []
    monkeypatch.setitem(sys.modules, package.__name__, package)
    for f in dataclasses.fields(Language):
        if f.name == "code":
            continue
        module = types.ModuleType(f"{package.__name__}.{f.name}")
        module.__dict__.update((k, v) for k, v in vars(getattr(EN, f.name)).items() if not k.startswith("__"))
        if drop is not None and drop[0] == f.name:
            delattr(module, drop[1])
        monkeypatch.setitem(sys.modules, module.__name__, module)


def test_english_provides_every_concern() -> None:
    assert EN.code == "en"
    for f in dataclasses.fields(Language):
        assert getattr(EN, f.name) is not None
    assert "north" in EN.places.DIRECTIONS and EN.place_names.COUNTRY_ALIASES["Britain"] == "GB"
    assert EN.boilerplate.TEASER.match("Read more: the full story")


def test_a_folder_that_misses_a_name_fails_at_load(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_language(monkeypatch, "xa", ("places", "TITLES"))
    with pytest.raises(ConfigError, match=r"lang/xa/places\.py lacks TITLES") as info:
        load("xa")
    assert "PlaceWords" in (info.value.hint or "")


def test_a_folder_that_misses_a_module_fails_at_load(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_language(monkeypatch, "xb", None)
    monkeypatch.delitem(sys.modules, "sitrep.lang.xb.boilerplate")
    with pytest.raises(ConfigError, match="no language data for 'xb'"):
        load("xb")


def test_a_complete_folder_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_language(monkeypatch, "xc", None)
    assert load("xc").places.DIRECTIONS == EN.places.DIRECTIONS


def test_an_unknown_language_fails_at_load() -> None:
    with pytest.raises(ConfigError, match="no language data for 'zz'"):
        load("zz")


def test_a_language_pickles_as_its_code() -> None:
    assert pickle.loads(pickle.dumps(EN)) is EN


def test_dateline_months_and_weekdays_come_from_the_calendar() -> None:
    cal = types.ModuleType("calendar_fr")  # a module, as a language folder's concern is
    cal.__dict__.update(
        WEEKDAYS=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        WEEKDAY_ABBR={"lun": 0},
        MONTHS=(
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ),
        MONTH_ABBR={"janv": 1},
        NUMBER_WORDS={},
    )
    other = dataclasses.replace(EN, code="xd", calendar=cal)
    assert dateline_date("Dimanche, 20 janvier 2013 — Des hommes armés ...", other) == date(2013, 1, 20)
    assert dateline_date("20 janv. 2013 — ...", other) == date(2013, 1, 20)
    assert dateline_date("Sunday, 20 January 2013 — ...", other) is None
    assert dateline_date("Sunday, 20 January 2013 — ...", EN) == date(2013, 1, 20)
