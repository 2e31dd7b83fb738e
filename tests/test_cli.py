"""The command line end to end: formats, bad input, the store round trip, HTML vs text."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.cli import cli

DATA = Path(__file__).parent / "data"
pytestmark = pytest.mark.model

STORY = (
    "GAO, Mali (Sitrep Wire) — Rebels seized the town of Menaka on Saturday after a two-hour fight with "
    "the army, residents said. The militants killed three soldiers and burned the mayor's office.\n\n"
    "Separately, police in Bamako arrested twelve protesters on Friday."
)


def run(args: list[str], stdin: bytes | None = None) -> Any:
    runner = CliRunner()
    return runner.invoke(cli, args, input=stdin, catch_exceptions=False)


@pytest.fixture()
def story(tmp_path: Path, resources: Any) -> Path:  # resources: skip when the model/gazetteer is missing
    p = tmp_path / "menaka.txt"
    p.write_text(STORY, encoding="utf-8")
    return p


def test_extract_jsonl_events_with_evidence(story: Path) -> None:
    res = run(["extract", str(story), "--published", "2024-03-04"])
    assert res.exit_code == 0, res.output
    events = [json.loads(line) for line in res.stdout.splitlines()]
    assert {e["sub_event_type"] for e in events} == {
        "Non-state actor overtakes territory",
        "Protest with intervention",
    }
    text = STORY  # plain text without boilerplate cleans to itself
    for e in events:
        assert len(e["event_id"]) == 16 and e["doc_id"] == "menaka"
        for ev in e["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["text"]
    taken = next(e for e in events if e["sub_event_type"] == "Non-state actor overtakes territory")
    assert taken["date"] == "2024-03-02" and taken["country"] == "ML" and taken["geo_precision"] == 1
    assert taken["fatalities"] == 3 and len(taken["evidence"]) == 2  # the next sentence tells its dead


@pytest.mark.parametrize("fmt", ["json", "csv", "geojson"])
def test_extract_other_formats(story: Path, fmt: str) -> None:
    res = run(["extract", str(story), "--published", "2024-03-04", "--format", fmt])
    assert res.exit_code == 0
    if fmt == "json":
        assert isinstance(json.loads(res.stdout), list)
    elif fmt == "geojson":
        fc = json.loads(res.stdout)
        assert fc["type"] == "FeatureCollection" and fc["features"]
        assert fc["features"][0]["geometry"]["type"] == "Point"
    else:
        rows = list(csv.DictReader(io.StringIO(res.stdout)))
        assert rows and {
            "event_date",
            "sub_event_type",
            "actor1",
            "iso2",
            "country",
            "latitude",
            "notes",
        } <= set(rows[0])


def test_stdin(resources: Any) -> None:
    res = run(["extract", "-", "--published", "2024-03-04"], stdin=STORY.encode())
    assert res.exit_code == 0 and res.stdout.strip()


def test_html_page_yields_the_same_events_as_its_text(resources: Any) -> None:
    def codes(path: Path) -> list[tuple[Any, ...]]:
        res = run(["extract", str(path), "--published", "2024-05-15"])
        assert res.exit_code == 0
        evs = [json.loads(line) for line in res.stdout.splitlines()]
        return sorted(
            (
                e["sub_event_type"],
                e["date"],
                e["location"],
                e["actor1"],
                e["fatalities"],
                tuple(x["text"] for x in e["evidence"]),
            )
            for e in evs
        )

    txt, html = (
        codes(DATA / "articles" / "ansongo-convoy.txt"),
        codes(DATA / "articles" / "ansongo-convoy.html"),
    )
    assert txt and txt == html


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path: Path, story: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (tmp_path / "latin.txt").write_bytes(
        STORY.replace("—", "-").encode("cp1252") + " caf\xe9".encode("cp1252")
    )
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    (tmp_path / "broken.html").write_bytes(
        b"<html><body><p>Rebels seized the town of Menaka on Saturday"
        b" after a fight with the army.<div><p>Unclosed <b>tags"
    )
    (tmp_path / "docs.jsonl").write_text(
        json.dumps({"id": "ok", "text": STORY, "published": "2024-03-04"}) + "\n{not json\n", encoding="utf-8"
    )
    res = run(["extract", str(tmp_path), "--published", "2024-03-04"])
    assert res.exit_code == 0
    err = res.stderr
    assert "Traceback" not in err
    assert "empty.txt" in err and "empty" in err
    assert "binary.txt" in err and "binary" in err
    assert "huge.txt" in err and "10,000,000" in err
    assert "docs.jsonl:2" in err and "JSON" in err
    assert "latin.txt" not in err  # decoded as cp1252, not rejected
    docs = {json.loads(line)["doc_id"] for line in res.stdout.splitlines()}
    assert {"latin", "ok", "menaka", "broken"} <= docs


def test_exit_code_nonzero_only_when_nothing_processed(tmp_path: Path, resources: Any) -> None:
    (tmp_path / "empty.txt").write_bytes(b"   \n")
    res = run(["extract", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt")])
    assert res.exit_code == 1
    assert "missing.txt" in res.stderr and "Traceback" not in res.stderr


def test_bad_option_is_one_clear_line(story: Path) -> None:
    res = run(["extract", str(story), "--published", "20/01/2013"])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.stderr and "Traceback" not in res.stderr


def test_ingest_is_idempotent_and_events_read_back(tmp_path: Path, story: Path) -> None:
    db = str(tmp_path / "s.db")
    first = run(["ingest", str(story), "--published", "2024-03-04", "--db", db])
    assert first.exit_code == 0, first.stderr
    n_events = sqlite3.connect(db).execute("SELECT count(*) FROM events").fetchone()[0]
    assert n_events >= 2
    again = run(["ingest", str(story), "--published", "2024-03-04", "--db", db])
    assert again.exit_code == 0 and "0 new articles (1 already known" in again.stderr
    assert sqlite3.connect(db).execute("SELECT count(*) FROM events").fetchone()[0] == n_events

    res = run(["events", "--db", db, "--country", "ML", "--type", "Battles", "--format", "jsonl"])
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows and all(r["event_type"] == "Battles" and r["country"] == "ML" for r in rows)
    res = run(["events", "--db", db, "--since", "2024-03-03"])
    assert all(json.loads(line)["date"] >= "2024-03-03" for line in res.stdout.splitlines())
    assert "Protest with intervention" not in res.stdout  # dated Friday 2024-03-01
    summary = run(["summary", "--db", db])
    assert summary.exit_code == 0 and "Non-state actor overtakes territory" in summary.stdout


def test_ingest_records_rejects(tmp_path: Path, story: Path) -> None:
    db = str(tmp_path / "s.db")
    (tmp_path / "empty.txt").write_bytes(b"")
    run(["ingest", str(story), str(tmp_path / "empty.txt"), "--db", db])
    rows = sqlite3.connect(db).execute("SELECT origin, stage, reason FROM rejects").fetchall()
    assert len(rows) == 1 and rows[0][0].endswith("empty.txt") and rows[0][1] == "clean"


def test_events_without_database_is_a_clear_error(tmp_path: Path) -> None:
    res = run(["events", "--db", str(tmp_path / "nope.db")])
    assert res.exit_code == 2 and "no database" in res.stderr


def test_help_lists_every_command() -> None:
    res = run(["--help"])
    for name in ("extract", "ingest", "events", "summary", "serve", "gazetteer", "bench", "settings"):
        assert name in res.stdout


def test_events_takes_the_api_filters_and_paging_with_the_same_words(tmp_path: Path, story: Path) -> None:
    from fastapi.testclient import TestClient

    from sitrep.api import create_app
    from sitrep.geo.gazetteer import Gazetteer
    from sitrep.settings import load_settings
    from sitrep.store import open_store

    db = str(tmp_path / "s.db")
    assert run(["ingest", str(story), "--published", "2024-03-04", "--db", db]).exit_code == 0
    by_code = run(["events", "--db", db, "--country", "ML"]).stdout
    assert by_code and run(["events", "--db", db, "--country", "Mali"]).stdout == by_code  # a name works
    assert run(["events", "--db", db, "--country", "ml", "--type", "battles"]).stdout  # any case
    wide = run(["events", "--db", db, "--bbox", "-12,10,5,25", "--near", "15.9,2.4,400"])
    assert wide.exit_code == 0
    # Paging: a full page says how to go on, and the cursor gives what the offset gives.
    first = run(["events", "--db", db, "--limit", "1"])
    assert "--cursor " in first.stderr
    cursor = first.stderr.split("--cursor ")[1].split()[0]
    assert run(["events", "--db", db, "--limit", "1", "--cursor", cursor]).stdout == (
        run(["events", "--db", db, "--limit", "1", "--offset", "1"]).stdout
    )
    # Bad values: refused by the CLI and the API in the same words.
    store = open_store(db)
    gazetteer = Gazetteer.open(load_settings().gazetteer_path())
    api = TestClient(create_app(store, countries=gazetteer))
    for flags, query in (
        (["--country", "Atlantis"], "country=Atlantis"),
        (["--type", "Battle"], "type=Battle"),
        (["--near", "1,2"], "near=1,2"),
        (["--text", "x" * 300], "text=" + "x" * 300),
        (["--hedged", "maybe"], "hedged=maybe"),
    ):
        res = run(["events", "--db", db, *flags])
        words = api.get(f"/api/events?{query}").json()["errors"][0]
        assert res.exit_code != 0 and words in res.stderr, (flags, words, res.stderr)
    store.close()
