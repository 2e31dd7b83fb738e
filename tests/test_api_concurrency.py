"""The API reads in parallel (a pool of connections, no global lock), and a runaway read is
stopped by its connection's time limit and answered 503, on both backends."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import article, event
from sitrep.api import create_app
from sitrep.api.stores import StorePool, reopener
from sitrep.errors import QueryTimeout
from sitrep.records import Result
from sitrep.runners import store_results
from sitrep.store import open_store


def _filled(url: str) -> Any:
    s = open_store(url)
    a = article("d1", "Soldiers and JNIM fighters clashed near Niono on Saturday, a mayor said. " * 2,
                date(2024, 3, 3), "https://a.example/1")  # fmt: skip
    store_results([Result("d1", a, (event(a),))], s)
    return s


def test_reads_hold_connections_of_their_own_at_once(store_url: str) -> None:
    store = _filled(store_url)
    pool = StorePool(store, reopener(store), size=3)
    barrier = threading.Barrier(3, timeout=20)
    counts: list[int] = []
    held: list[int] = []

    def read() -> None:
        with pool.read() as s:
            barrier.wait()  # all three are inside a read at the same moment: nothing serialises them
            counts.append(s.count_events())
            held.append(id(s))

    threads = [threading.Thread(target=read) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert counts == [1, 1, 1]
    assert len(set(held)) == 3 and id(store) not in held  # three connections, none the writer's
    pool.close()
    store.close()


def test_a_store_that_cannot_be_reopened_serves_reads_one_at_a_time() -> None:
    class Double:
        url = ""

    pool = StorePool(Double(), reopener(Double()))  # type: ignore[arg-type]
    assert pool.opener is None and pool.size == 1
    with pool.read() as s:
        assert s is pool.main


SLOW = {
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS n FROM c",
    "postgres": "SELECT pg_sleep(5) AS n",
}


def test_a_runaway_read_is_stopped_by_its_time_limit(store_url: str) -> None:
    s: Any = open_store(store_url)
    s.limit_statements(200)
    with pytest.raises(QueryTimeout):
        s.rows(SLOW[s.dialect])
    assert s.rows("SELECT 1 AS one") == [{"one": 1}]  # the connection is still good
    s.close()


def test_the_api_answers_503_when_a_read_runs_too_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitrep.store.sql import SQLStore

    store = _filled(str(tmp_path / "t.db"))
    client = TestClient(create_app(store))

    def slow(self: Any, *args: Any, **kw: Any) -> Any:
        return self.rows(SLOW["sqlite"])

    monkeypatch.setattr("sitrep.api.stores.STATEMENT_MS", 100)
    monkeypatch.setattr(SQLStore, "stats", slow)
    resp = client.get("/api/stats")
    assert resp.status_code == 503 and resp.json()["ok"] is False and "time limit" in resp.json()["error"]
    assert resp.headers["retry-after"] == "5"
    assert client.get("/api/events").status_code == 200  # the next request is served
    store.close()


def test_serve_with_two_processes(tmp_path: Path) -> None:
    """``sitrep serve --workers 2``: both processes open the store and answer on one port."""
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    db = str(tmp_path / "w.db")
    _filled(db).close()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    exe = Path(sys.executable).with_name("sitrep")
    proc = subprocess.Popen(
        [str(exe), "serve", "--db", db, "--port", str(port), "--workers", "2", "--log-level", "warning"],
        env={**os.environ, "SITREP_GAZETTEER": str(tmp_path / "none.sqlite")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline, answer = time.monotonic() + 60, None
        while answer is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=5)
            except httpx.TransportError:
                time.sleep(0.3)
        assert answer is not None and answer.status_code == 200, (
            proc.stderr.read() if proc.poll() is not None else ""
        )
        assert answer.json()["total"] == 1 and "server" not in answer.headers
    finally:
        proc.terminate()
        proc.wait(timeout=30)
