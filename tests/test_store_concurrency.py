"""Several processes at one database: migrating a fresh one at once, on both backends.

Each worker process waits at a barrier, then opens (and so migrates) the same fresh database.
Every one must succeed, and each migration must be recorded once.
"""

from __future__ import annotations

import multiprocessing as mp
from typing import Any

from sitrep.store import open_store
from sitrep.store.migrations import MIGRATIONS

WORKERS = 4


def _open(url: str, barrier: Any, results: Any) -> None:
    barrier.wait(timeout=60)
    try:
        s = open_store(url)
        s.close()
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
        results.put(f"{type(exc).__name__}: {exc}")


def test_processes_migrating_one_fresh_database_at_once_all_succeed(store_url: str) -> None:
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(WORKERS), ctx.Queue()
    procs = [ctx.Process(target=_open, args=(store_url, barrier, results)) for _ in range(WORKERS)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=180) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert outcomes == ["ok"] * WORKERS, outcomes
    s = open_store(store_url)
    names = [r["name"] for r in s.rows("SELECT name FROM migrations")]  # type: ignore[attr-defined]
    s.close()
    assert len(names) == len(set(names))
    expected = {n for n, _, d in MIGRATIONS if s.dialect in d}
    assert expected - {"004_postgis", "009_text_search"} <= set(names)


def test_two_ingests_and_the_api_on_one_store_at_once(store_url: str) -> None:
    """Two ingest loops write one store while the API reads it: no "database is locked" (or any
    error) reaches anyone, and the store ends as if the two had run one after the other."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from fastapi.testclient import TestClient

    from conftest import ROOT
    from dedup_corpus import corpus
    from sitrep.api import create_app
    from sitrep.runners import rebuild_all, store_results
    from test_dedup_incremental import assert_every_mention_placed_once, snapshot

    driver = Path(__file__).parent / "kill_driver.py"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    open_store(store_url).close()  # migrated before the race: this test is about writes
    procs = [
        subprocess.Popen(
            [sys.executable, str(driver), store_url, str(seed), "60", "3"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for seed in (21, 22)
    ]
    reader = open_store(store_url)
    client = TestClient(create_app(reader))
    statuses = []
    while any(p.poll() is None for p in procs):
        for path in ("/api/events?limit=50", "/api/stats", "/api/events?text=report&limit=5"):
            statuses.append(client.get(path).status_code)
    errors = [p.communicate(timeout=60)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert statuses and set(statuses) == {200}, sorted(set(statuses))
    assert_every_mention_placed_once(reader)
    got = snapshot(reader)
    reader.close()
    alone = str(Path(os.environ.get("TMPDIR", "/tmp")) / f"alone-{os.getpid()}.db")
    one = open_store(alone)
    try:
        store_results(corpus(21, 60) + corpus(22, 60), one, chunk=200, dedup=False)
        rebuild_all(one)
        assert snapshot(one) == got
    finally:
        one.close()
        for suffix in ("", "-wal", "-shm"):
            Path(alone + suffix).unlink(missing_ok=True)
