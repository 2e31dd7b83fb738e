"""``sitrep db backup`` and ``restore``: every row comes back, on either backend, and an old
store upgrades to the current schema with every row intact."""

from __future__ import annotations

import json
import tarfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import article, event, public_events
from dedup_corpus import corpus
from sitrep.cli import cli
from sitrep.errors import ConfigError, StoreError
from sitrep.records import Rejected, Result
from sitrep.review import review_event
from sitrep.runners import rebuild_all, store_results
from sitrep.store import open_store
from sitrep.store.backup import backup_store, restore_store
from sitrep.store.base import EventFilters
from sitrep.watchlist import add_watch_item, list_watch_items

TABLES = ("articles", "article_sources", "events", "rejects", "canonical_events", "canonical_members",
          "canonical_versions", "canonical_stats", "feeds", "reviews", "review_mentions",
          "watchlist")  # fmt: skip


def _fill(url: str) -> None:
    s: Any = open_store(url)
    results = corpus(5, 24) + [Result("bad", rejected=Rejected("bad", "bad.txt", "clean", "empty: nothing"))]
    store_results(results, s, chunk=6)
    events = public_events(s)
    review_event(s, events[0]["event_id"], "correct", reviewer="ana", reason="toll", fields={"fatalities": 9},
                 at=datetime(2024, 3, 9, tzinfo=UTC))  # fmt: skip
    review_event(
        s,
        events[1]["event_id"],
        "reject",
        reviewer="bo",
        reason="not an event",
        at=datetime(2024, 3, 9, 1, tzinfo=UTC),
    )
    s.add_feeds(["https://wire.example/rss"])
    add_watch_item(
        s, "Field office", "site", latitude=14.25, longitude=-5.99, contact={"email": "a@b.example"}
    )
    add_watch_item(s, "Ana", "person", latitude=12.5, longitude=-8.0, radius_km={"Severe": 40})
    s.close()


def _state(url: str) -> dict[str, Any]:
    s: Any = open_store(url)
    try:
        out: dict[str, Any] = {t: s.rows(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in TABLES}
        out["events"] = public_events(s)
        out["rejected"] = public_events(s, EventFilters(review="rejected"))
        out["text"] = [e["event_id"] for e in public_events(s, EventFilters(text="report"))]
        out["actor"] = [e["event_id"] for e in public_events(s, EventFilters(actor="jnim"))]
        out["stats"] = s.stats()
        out["watchlist"] = [i.to_dict() for i in list_watch_items(s)]
        return out
    finally:
        s.close()


def test_backup_and_restore_across_backends(store_url: str, tmp_path: Path) -> None:
    """SQLite → archive → the parametrised backend (SQLite or PostgreSQL) → archive → SQLite."""
    src = str(tmp_path / "src.db")
    _fill(src)
    before = _state(src)
    assert before["rejected"] and before["text"] and before["actor"] and before["reviews"] == 2
    assert len(before["watchlist"]) == 2
    archive = tmp_path / "b.tar.gz"
    s: Any = open_store(src)
    report = backup_store(s, archive)
    s.close()
    assert report.tables["articles"] == before["articles"]
    restore_store(store_url, archive)
    assert _state(store_url) == before
    again = tmp_path / "again.tar.gz"
    t: Any = open_store(store_url)
    backup_store(t, again)
    t.close()
    back = str(tmp_path / "back.db")
    restore_store(back, again)
    assert _state(back) == before
    counts = rebuild_all(open_store(back))
    assert (counts.created, counts.updated) == (0, 0), "the restored store is not what dedup makes"


def test_restore_refuses_a_full_store_and_a_damaged_archive(tmp_path: Path) -> None:
    src = str(tmp_path / "src.db")
    _fill(src)
    archive = tmp_path / "b.tar.gz"
    s: Any = open_store(src)
    backup_store(s, archive)
    s.close()
    with pytest.raises(ConfigError, match="not empty"):
        restore_store(src, archive)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as tin, tarfile.open(damaged, "w:gz") as tout:
        for m in tin.getmembers():
            data = tin.extractfile(m).read()  # type: ignore[union-attr]
            if m.name == "tables/events.jsonl":
                data = b"\n".join(data.splitlines()[:-1]) + b"\n"  # one mention lost
            m.size = len(data)
            tout.addfile(m, __import__("io").BytesIO(data))
    with pytest.raises(StoreError, match="events"):
        restore_store(str(tmp_path / "new.db"), damaged)
    with pytest.raises(ConfigError, match="not a sitrep backup"):
        restore_store(str(tmp_path / "new2.db"), tmp_path / "src.db")


def test_cli_backup_and_restore(tmp_path: Path) -> None:
    src, dst, archive = str(tmp_path / "a.db"), str(tmp_path / "b.db"), str(tmp_path / "x.tar.gz")
    _fill(src)
    run = CliRunner()
    assert run.invoke(cli, ["db", "backup", "--db", src, "--out", archive]).exit_code == 0
    res = run.invoke(cli, ["db", "restore", archive, "--db", dst])
    assert res.exit_code == 0 and "restored" in res.stderr
    assert _state(dst) == _state(src)
    refused = run.invoke(cli, ["db", "restore", archive, "--db", dst])
    assert refused.exit_code == 2 and "not empty" in refused.stderr


def _insert(db: Any, table: str, **row: Any) -> None:
    db.execute(
        f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())
    )


def test_a_store_of_the_first_schema_upgrades_with_every_row_intact(store_url: str) -> None:
    """A store made by migration 001 alone, filled through its own columns, migrated to now:
    every article, mention and reject is still there, and its events are coded and found."""
    old: Any = open_store(store_url, upto="001_initial")
    assert old.migrations() == ["001_initial"]
    a1 = article("old-1", "Troops and JNIM fighters clashed near Niono on Saturday, a mayor said. " * 2,
                 date(2013, 1, 20), "https://old.example/1")  # fmt: skip
    a2 = article(
        "old-2", "Gunmen attacked a market in Gao on Friday, residents said. " * 2, date(2013, 1, 19)
    )
    for a, ev in (
        (a1, event(a1, day=date(2013, 1, 19))),
        (a2, event(a2, "Attack", "Violence against civilians")),
    ):
        _insert(
            old,
            "articles",
            doc_id=a.doc_id,
            content_hash=a.content_hash,
            origin=a.origin,
            url=a.url,
            title=a.title,
            published=str(a.published),
            published_basis="given",
            text=a.text,
            warnings="[]",
        )
        d = ev.to_dict()
        _insert(
            old,
            "events",
            data=json.dumps(d),
            content_hash=a.content_hash,
            settings_hash="",
            **{
                k: d[k]
                for k in (
                    "event_id",
                    "doc_id",
                    "event_type",
                    "sub_event_type",
                    "date",
                    "time_precision",
                    "location",
                    "admin1",
                    "country",
                    "latitude",
                    "longitude",
                    "geo_precision",
                    "actor1",
                    "actor2",
                    "fatalities",
                    "confidence",
                )
            },
            producer=ev.producer,
        )
    _insert(old, "rejects", key="k", doc_id="x", origin="x.txt", stage="clean", reason="empty")
    rows_before = {t: old.rows(f"SELECT * FROM {t} ORDER BY 1") for t in ("articles", "events", "rejects")}
    old.close()
    new: Any = open_store(store_url)
    try:
        from sitrep.store.migrations import MIGRATIONS

        wanted = {n for n, _, d in MIGRATIONS if new.dialect in d} - {"004_postgis", "009_text_search"}
        assert wanted <= set(new.migrations())
        for table, before in rows_before.items():
            after = new.rows(f"SELECT * FROM {table} ORDER BY 1")
            assert len(after) == len(before)
            for b, a in zip(before, after, strict=True):
                assert {k: a[k] for k in b} == b, f"{table} row changed"
        rebuild_all(new)
        events = public_events(new)
        assert sorted(e["location"] for e in events) == ["Niono", "Niono"]
        assert {s["doc_id"] for e in events for s in e["sources"]} == {"old-1", "old-2"}
        assert public_events(new, EventFilters(text="gao")) or public_events(new, EventFilters(actor="jnim"))
    finally:
        new.close()
