"""Incremental dedup equals a rebuild for any split and order of the input, on both backends.

The reports are made up (``dedup_corpus``): several outlets per happening, rising tolls, wire
copies, country-level reports and look-alikes. Each example ingests them in a random order and
random chunks (dedup after every chunk, as ``sitrep ingest`` does), then checks that every
mention is in exactly one live canonical event, that ``sitrep dedup`` (the full rebuild) changes
nothing, and that a fresh store given the same input at once and rebuilt holds the same events.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import pg_schema, pg_url
from dedup_corpus import corpus
from sitrep.records import Result
from sitrep.runners import rebuild_all, store_results
from sitrep.store import open_store
from sitrep.store.base import Store

Snapshot = dict[str, Any]


def snapshot(store: Store) -> Snapshot:
    """Every live canonical event with its members and versions (the stored JSON, as written)."""
    db: Any = store
    live = {
        r["event_id"]: json.loads(r["data"])
        for r in db.rows("SELECT event_id, data FROM canonical_events WHERE superseded_by IS NULL")
    }
    members: dict[str, list[str]] = {}
    for r in db.rows("SELECT mention_id, event_id FROM canonical_members ORDER BY mention_id"):
        members.setdefault(r["event_id"], []).append(r["mention_id"])
    versions: dict[str, list[Any]] = {}
    for r in db.rows("SELECT event_id, version, data FROM canonical_versions ORDER BY event_id, version"):
        versions.setdefault(r["event_id"], []).append(json.loads(r["data"]))
    return {k: (live[k], members.get(k), versions.get(k)) for k in sorted(live)}


def assert_every_mention_placed_once(store: Store) -> None:
    db: Any = store
    mentions = {r["event_id"] for r in db.rows("SELECT event_id FROM events")}
    rows = db.rows(
        "SELECT m.mention_id, c.superseded_by FROM canonical_members m"
        " JOIN canonical_events c ON c.event_id = m.event_id"
    )
    assert sorted(r["mention_id"] for r in rows) == sorted(mentions), "a mention is missing or repeated"
    assert all(r["superseded_by"] is None for r in rows), "a mention belongs to a superseded event"
    assert db.rows("SELECT content_hash FROM dedup_pending") == []


@contextmanager
def fresh(kind: str) -> Iterator[Store]:
    """An empty store of the given backend, closed (and dropped) afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            s = open_store(str(Path(tmp) / "s.db"))
            yield s
            s.close()
        return
    with pg_schema() as url:
        s = open_store(url)
        yield s
        s.close()


def check(kind: str, results: list[Result], order_seed: int, chunk: int) -> None:
    shuffled = list(results)
    random.Random(order_seed).shuffle(shuffled)
    with fresh(kind) as inc, fresh(kind) as full:
        store_results(shuffled, inc, chunk=chunk)
        assert_every_mention_placed_once(inc)
        before = snapshot(inc)
        again = rebuild_all(inc)
        assert (again.created, again.updated, again.superseded) == (0, 0, 0), "the rebuild changed events"
        assert snapshot(inc) == before
        store_results(shuffled, full, chunk=len(shuffled) + 1, dedup=False)
        rebuild_all(full)
        assert snapshot(full) == before


@given(seed=st.integers(0, 10**6), order=st.integers(0, 10**6), chunk=st.integers(1, 9))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_incremental_equals_rebuild_sqlite(seed: int, order: int, chunk: int) -> None:
    check("sqlite", corpus(seed), order, chunk)


@pytest.mark.skipif(pg_url() is None, reason="no PostgreSQL server reachable (run scripts/pg_test_server.sh)")
@given(seed=st.integers(0, 10**6), order=st.integers(0, 10**6), chunk=st.integers(1, 9))
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_incremental_equals_rebuild_postgres(seed: int, order: int, chunk: int) -> None:
    check("postgres", corpus(seed), order, chunk)


def test_the_corpus_has_what_the_property_needs() -> None:
    """The made-up stream does hold merges, revisions, copies and country-level reports."""
    with fresh("sqlite") as s:
        results = corpus(7, 40)
        report = store_results(results, s, chunk=5)
        assert report.stored is not None and report.stored.articles_seen > 0  # identical copies
        assert report.stored.articles_near > 0  # updated wire stories
        snap = snapshot(s)
        assert any(len(m or []) > 1 for _, m, _ in snap.values()), "no merge"
        assert any(len(v or []) > 1 for _, _, v in snap.values()), "no revision"
        assert any(e["geo_precision"] == 3 for e, _, _ in snap.values()) or any(
            s_.get("joined") and s_["joined"]["rule"] == "only-fit"
            for e, _, _ in snap.values()
            for s_ in e["sources"]
        ), "no country-level report"
