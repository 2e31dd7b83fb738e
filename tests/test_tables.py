"""ACLED-style tables: a spreadsheet opening the CSV runs no formula, and numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest

from sitrep.tables import csv_text, inert


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_is_inert(start: str) -> None:
    assert inert(f'{start}HYPERLINK("http://x.example")') == f'\'{start}HYPERLINK("http://x.example")'


def test_numbers_and_plain_text_are_left_alone() -> None:
    assert inert(-5.9868) == -5.9868 and inert(-3) == -3
    assert inert("Military Forces of Mali") == "Military Forces of Mali" and inert(None) == ""


def test_an_event_with_a_hostile_actor_exports_inert() -> None:
    event = {
        "event_id": "e1",
        "date": "2024-03-02",
        "actor1": "=cmd|' /C calc'!A0",
        "actor2": "@SUM(1+1)",
        "location": "-Niono",
        "longitude": -5.9868,
        "latitude": 14.25,
        "evidence": [{"text": "+1 shot near the market"}],
        "sources": [],
        "source": {"doc_id": "d1"},
    }
    (row,) = list(csv.DictReader(io.StringIO(csv_text([event]))))
    assert row["actor1"].startswith("'=") and row["actor2"].startswith("'@") and row["location"] == "'-Niono"
    assert row["notes"].startswith("'+") and row["longitude"] == "-5.9868"
