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
