"""A run killed with SIGKILL at random points and started again leaves every mention in one event.

The made-up stream (``dedup_corpus``) is ingested by ``kill_driver.py`` in small chunks; the
test kills it at random moments (between documents, inside a save, inside a dedup), several
times, then lets a last run finish. The store must then hold every mention in exactly one live
canonical event, with nothing left queued, exactly what a full rebuild gives, and the same
events as a store that was never interrupted. SQLite always; PostgreSQL when a server answers.
The model-marked test does the same to ``sitrep ingest`` on the bundled sample.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from sitrep.runners import rebuild_all
from sitrep.store import open_store
from test_dedup_incremental import assert_every_mention_placed_once, snapshot

DRIVER = Path(__file__).parent / "kill_driver.py"
SEED, N, CHUNK, KILLS = 11, 60, 3, 6


def _run(url: str, *, kill_after: float | None) -> tuple[bool, float]:
    """Run the driver; SIGKILL it ``kill_after`` seconds after it starts on the documents.

    Returns whether it finished by itself, and how long its documents took.
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), url, str(SEED), str(N), str(CHUNK)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None
    ready = proc.stdout.readline()
    start = time.monotonic()
    if ready.strip() == b"ready" and kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=120)
    took = time.monotonic() - start
    if proc.returncode not in (0, -signal.SIGKILL):
        raise AssertionError(f"driver failed ({proc.returncode}): {err.decode()[-2000:]}")
    return b"done" in out, took


def test_killed_runs_resume_to_the_same_events(store_url: str, tmp_path: Path) -> None:
    rng = random.Random(int(time.time()))
    finished, full_time = _run(store_url, kill_after=None)  # uninterrupted: its timing and events
    assert finished
    clean = open_store(store_url)
    expected = snapshot(clean)
    db: object = clean
    for table in (
        "canonical_versions",
        "canonical_members",
        "canonical_events",
        "dedup_pending",
        "events",
        "article_bands",
        "article_sources",
        "articles",
        "rejects",
    ):
        db.execute(f"DELETE FROM {table}")  # type: ignore[attr-defined]
    clean.close()
    kills = sorted(rng.uniform(0.0, 1.0) * full_time for _ in range(KILLS))
    for at in kills:
        _run(store_url, kill_after=at)
    assert _run(store_url, kill_after=None)[0], "the resumed run did not finish"
    store = open_store(store_url)
    try:
        assert_every_mention_placed_once(store)
        got = snapshot(store)
        again = rebuild_all(store)
        assert (again.created, again.updated, again.superseded) == (0, 0, 0), f"kills at {kills}"
        assert got == expected, f"kills at {kills}"
    finally:
        store.close()


def _ingest(cli: list[str], env: dict[str, str], kill_after: float | None) -> float:
    """Run ``sitrep -v ingest``; SIGKILL it ``kill_after`` s after its first saved chunk was deduped.

    Returns the seconds from that first chunk to the end (the span a kill is drawn from).
    """
    proc = subprocess.Popen(cli, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    for line in proc.stderr:  # ends when the process does
        if b"dedup:" in line:
            break
    start = time.monotonic()
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=300)
    if proc.returncode not in (0, -signal.SIGKILL):
        raise AssertionError(f"sitrep ingest failed ({proc.returncode})")
    return time.monotonic() - start


@pytest.mark.model
def test_killed_sitrep_ingest_resumes(tmp_path: Path) -> None:
    def cli(db: Path) -> list[str]:
        return [sys.executable, "-m", "sitrep", "-v", "ingest", str(ROOT / "samples"), "--db", str(db)]

    env = {**os.environ, "SITREP_INGEST_CHUNK": "1"}
    span = _ingest(cli(tmp_path / "full.db"), env, None)
    rng = random.Random(int(time.time()))
    kills = sorted(rng.uniform(0.0, 1.0) * span for _ in range(4))
    for at in kills:
        _ingest(cli(tmp_path / "k.db"), env, at)
    _ingest(cli(tmp_path / "k.db"), env, None)
    store, full = open_store(str(tmp_path / "k.db")), open_store(str(tmp_path / "full.db"))
    try:
        assert_every_mention_placed_once(store)
        assert snapshot(store) == snapshot(full), f"kills at {kills}"
    finally:
        store.close()
        full.close()
