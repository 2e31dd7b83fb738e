"""``--workers N``: a local process pool gives exactly the single-process output, in input order."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sitrep.runners import run_batch

pytestmark = pytest.mark.model
SAMPLES = str(Path(__file__).resolve().parents[1] / "samples")


def _rows(results: Any) -> list[tuple[str, list[dict[str, Any]], str | None]]:
    return [(r.doc_id, [e.to_dict() for e in r.events], r.rejected and r.rejected.reason) for r in results]


def test_two_workers_give_the_single_process_output(settings: Any, resources: Any, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("x")  # a reject travels through the pool too
    paths = [SAMPLES, str(tmp_path / "empty.txt")]
    one = _rows(run_batch(paths, settings, resources=resources))
    two = _rows(run_batch(paths, replace(settings, workers=2)))
    assert two == one
    assert len(one) == 16 and sum(len(ev) for _, ev, _ in one) > 20
    assert [doc for doc, _, why in one if why] == ["empty"]


def test_workers_keep_the_time_budget(settings: Any) -> None:
    results = list(run_batch([SAMPLES], replace(settings, workers=2, document_seconds=0.0001)))
    assert results
    assert all(r.rejected is not None and r.rejected.reason.startswith("timeout:") for r in results)


def test_a_dask_local_cluster_gives_the_single_process_output(settings: Any, resources: Any) -> None:
    pytest.importorskip("distributed", reason="the [dask] extra is not installed")
    one = _rows(run_batch([SAMPLES], settings, resources=resources))
    before = {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "MALLOC_TRIM_THRESHOLD_")}
    two = _rows(run_batch([SAMPLES], replace(settings, dask="local:2")))
    assert two == one and len(one) == 15
    assert {k: os.environ.get(k) for k in before} == before  # the nannies' settings do not leak into ours
