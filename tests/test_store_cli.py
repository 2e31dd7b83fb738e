"""The store commands of the CLI on hand-made records: db migrate, dedup, events filters, summary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from conftest import two_reports
from sitrep.cli import cli
from sitrep.runners.save import save_batch
from sitrep.store import open_store


def run(args: list[str]) -> Any:
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def test_db_migrate_creates_and_is_idempotent(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    first = run(["db", "migrate", "--db", db])
    assert first.exit_code == 0
    assert first.stdout.split()[:3] == ["001_initial", "002_article_sources", "003_canonical"]
    assert run(["db", "migrate", "--db", db]).stdout == first.stdout


def test_dedup_events_and_summary(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    s = open_store(db)
    (a, ea), (b, eb) = two_reports()
    save_batch(s, [(a, ea), (b, eb)])
    s.close()
    res = run(["dedup", "--db", db])
    assert res.exit_code == 0 and "2 new" in res.stderr
    assert "0 new, 0 updated, 2 unchanged" in run(["dedup", "--db", db]).stderr
    rows = [json.loads(line) for line in run(["events", "--db", db, "--actor", "mali"]).stdout.splitlines()]
    assert [(r["sub_event_type"], r["n_sources"], r["fatalities"]) for r in rows] == [("Armed clash", 2, 5)]
    assert run(["events", "--db", db, "--text", "nothing-like-this"]).stdout == ""
    summary = run(["summary", "--db", db])
    assert summary.exit_code == 0 and "2 articles, 2 events" in summary.stdout


def test_missing_database_is_an_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["dedup", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 2 and "no database" in res.stderr
