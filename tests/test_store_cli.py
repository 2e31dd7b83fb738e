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


def test_a_server_url_is_shown_without_its_password() -> None:
    from sitrep.store.open import shown_url

    assert (
        shown_url("postgresql://desk:s3cr%40t@db.example:5432/sitrep")
        == "postgresql://desk:***@db.example:5432/sitrep"
    )
    assert shown_url("postgres://db.example/sitrep?sslmode=require&password=s3cr") == (
        "postgres://db.example/sitrep?sslmode=require&password=***"
    )
    assert shown_url("postgresql://desk@db.example/sitrep") == "postgresql://desk@db.example/sitrep"
    assert shown_url("/var/lib/sitrep/sitrep.db") == "/var/lib/sitrep/sitrep.db"
    assert "s3cr" not in shown_url("postgresql://desk:s3cr@[::1:5432/x")  # malformed: nothing leaks


def test_the_cli_never_prints_the_database_password(pg_schema_url: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(pg_schema_url)  # the test server trusts loopback: any password is accepted
    host = parts.netloc.rpartition("@")[2]
    url = parts._replace(netloc=f"{parts.username or 'postgres'}:pw-not-to-print@{host}").geturl()
    res = CliRunner().invoke(cli, ["dedup", "--db", url, "--explain", "no-such-event"])
    assert res.exit_code != 0 and "no canonical event 'no-such-event'" in res.output
    assert "pw-not-to-print" not in res.output and ":***@" in res.output


def test_postgres_memory_advice_names_both_sizes_and_only_when_needed(pg_schema_url: str) -> None:
    from sitrep.store.postgres import BUFFERS_ADVISED_FROM, advise_buffers

    mb = 1024**2
    note = advise_buffers(128 * mb, 4200 * mb)
    assert note is not None and "128 MB" in note and "4,200 MB" in note and "shared_buffers" in note
    assert advise_buffers(6144 * mb, 4200 * mb) is None  # the store fits
    assert advise_buffers(128 * mb, BUFFERS_ADVISED_FROM - 1) is None  # small: the OS cache serves it
    store = open_store(pg_schema_url)
    try:
        assert store.buffer_advice() is None  # type: ignore[attr-defined]  # a fresh store is small
    finally:
        store.close()
