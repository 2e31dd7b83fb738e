"""Shared fixtures: settings pointing at the built gazetteer, loaded NLP resources, a temp store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.settings import Settings, load_settings

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def parsed(rows: str) -> Any:
    """A spaCy ``Doc`` built by hand, no model needed: one token a line, ``word head dep POS TAG``.

    ``head`` is the index of the token's head (a root points at itself); TAG may be left out. Rule
    tests use this to pin a parse (including the odd ones a statistical parser produces) exactly.
    """
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    cols = [line.split() for line in rows.strip().splitlines()]
    return Doc(
        Vocab(),
        words=[c[0] for c in cols],
        heads=[int(c[1]) for c in cols],
        deps=[c[2] for c in cols],
        pos=[c[3] for c in cols],
        tags=[c[4] if len(c) > 4 else c[3] for c in cols],
        lemmas=[c[0].lower() for c in cols],
    )


def gazetteer_rows() -> tuple[list[Any], list[Any], dict[str, tuple[str, int, list[str]]]]:
    """Rows of a tiny synthetic gazetteer: towns of Mali, France and the US, four countries."""
    from sitrep.gazetteer import CountryRow, PlaceRow

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


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Defaults, isolated from the developer's environment, in strict=False mode."""
    return load_settings(env={})


@pytest.fixture(scope="session")
def resources(settings: Settings) -> Any:
    """spaCy + gazetteer, loaded once per worker; skips when either is missing."""
    from sitrep.errors import ResourceError
    from sitrep.pipeline import load_resources

    if not settings.gazetteer_path().is_file():
        pytest.skip(f"gazetteer not built at {settings.gazetteer_path()} (run `make install`)")
    try:
        return load_resources(settings)
    except ResourceError as exc:
        pytest.skip(str(exc))


@pytest.fixture()
def extract(settings: Settings, resources: Any) -> Any:
    """extract(text, published=None) -> list of event dicts, through the whole pipeline."""
    from datetime import date

    from sitrep.pipeline import process_document
    from sitrep.records import RawDocument

    def run(text: str, published: str | None = None, media_type: str = "text") -> list[dict[str, Any]]:
        raw = RawDocument(
            "t",
            "<test>",
            media_type,
            text.encode("utf-8"),  # type: ignore[arg-type]
            date.fromisoformat(published) if published else None,
        )
        result = process_document(raw, settings, resources)
        assert result.rejected is None, result.rejected
        return [e.to_dict() for e in result.events]

    return run


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Any]:
    from sitrep.store import open_store

    s = open_store(str(tmp_path / "t.db"))
    yield s
    s.close()
