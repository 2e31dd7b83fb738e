"""``sitrep ingest`` killed with SIGKILL at 20 random points and resumed loses and repeats nothing.

The bundled sample is ingested one document per transaction (``SITREP_INGEST_CHUNK=1``) into a
store that is killed at 20 random moments (between documents, inside a save, inside a dedup)
and started again each time, then let finish. Its documents, sources, mentions, rejects and
canonical events must equal those of a run never interrupted, and the database must pass its
integrity check (SQLite's ``integrity_check`` and ``foreign_key_check``; on PostgreSQL,
amcheck over every B-tree index where the extension is available). On both backends; marked
``hardening`` (``make test-slow``) and ``model``.
"""

from __future__ import annotations

import os
import random
import sys
import time
from typing import Any

import pytest

from conftest import ROOT
from sitrep.store import open_store
from test_dedup_incremental import assert_every_mention_placed_once, snapshot
from test_dedup_kill import _ingest as run_killed

pytestmark = [pytest.mark.hardening, pytest.mark.model]
KILLS = 20


def _ingest(url: str, kill_after: float | None) -> float:
    """``sitrep -v ingest samples/`` into ``url``, one document per transaction, killed
    ``kill_after`` s after its first dedup (``test_dedup_kill._ingest``)."""
    cli = [sys.executable, "-m", "sitrep", "-v", "ingest", str(ROOT / "samples"), "--db", url]
    return run_killed(cli, {**os.environ, "SITREP_INGEST_CHUNK": "1"}, kill_after)


def _contents(url: str) -> dict[str, Any]:
    """Everything a run stores, keyed so a loss or a repeat shows."""
    s: Any = open_store(url)
    try:
        assert_every_mention_placed_once(s)

        def col(sql: str) -> list[Any]:
            return sorted(tuple(r.values()) for r in s.rows(sql))

        return {
            "articles": col("SELECT content_hash, doc_id FROM articles"),
            "sources": col("SELECT key, relation FROM article_sources"),
            "mentions": col("SELECT event_id, content_hash FROM events"),
            "rejects": col("SELECT key FROM rejects"),
            "canonical": snapshot(s),
        }
    finally:
        s.close()


def _integrity(url: str) -> None:
    s: Any = open_store(url)
    try:
        if s.dialect == "sqlite":
            assert s.rows("PRAGMA integrity_check") == [{"integrity_check": "ok"}]
            assert s.rows("PRAGMA foreign_key_check") == []
            return
        try:
            s.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
        except Exception:  # noqa: BLE001 - amcheck is optional (postgresql-contrib)
            return
        indexes = s.rows(
            "SELECT c.oid::regclass::text AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE a.amname = 'btree' AND n.nspname = current_schema()"
        )
        for idx in indexes:
            s.rows("SELECT bt_index_check(?::regclass, true) AS ok", (idx["name"],))
    finally:
        s.close()


def test_ingest_killed_20_times_resumes_to_the_same_store(store_url: str, tmp_path: Any) -> None:
    other = str(tmp_path / "uninterrupted.db")
    span = _ingest(other, None)
    expected = _contents(other)
    assert expected["articles"] and expected["canonical"]
    rng = random.Random(int(time.time()))
    kills = sorted(rng.uniform(0.0, 1.0) * span for _ in range(KILLS))
    for at in kills:
        _ingest(store_url, at)
    _ingest(store_url, None)
    _integrity(store_url)
    got = _contents(store_url)
    for part in expected:
        assert got[part] == expected[part], f"{part} differ after kills at {[round(k, 2) for k in kills]}"
