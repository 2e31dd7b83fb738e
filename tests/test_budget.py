"""The per-document time budget: a runaway document is stopped and rejected, the batch goes on."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from sitrep.budget import DocumentTimeout, time_budget


def test_a_runaway_loop_is_stopped() -> None:
    start = time.monotonic()
    with pytest.raises(DocumentTimeout), time_budget(0.2):
        while True:
            pass
    assert time.monotonic() - start < 2


def test_work_inside_the_budget_is_untouched_and_the_timer_is_disarmed() -> None:
    with time_budget(0.5):
        total = sum(range(1000))
    time.sleep(0.7)  # the timer must not fire after the block
    assert total == 499500


def test_no_limit_means_no_limit() -> None:
    with time_budget(0):
        time.sleep(0.05)


def _in_thread(fn: Any) -> list[object]:
    """Run ``fn`` in a worker thread (as Dask runs a task); what it returned or raised."""
    out: list[object] = []

    def run() -> None:
        try:
            out.append(fn())
        except BaseException as exc:  # noqa: BLE001 (handed back to the test)
            out.append(exc)

    t = threading.Thread(target=run)
    t.start()
    t.join(10)
    assert not t.is_alive(), "the budget did not stop the thread"
    return out


def test_a_runaway_loop_in_another_thread_is_stopped() -> None:
    def loop() -> None:
        with time_budget(0.2):
            while True:
                pass

    start = time.monotonic()
    (out,) = _in_thread(loop)
    assert isinstance(out, DocumentTimeout) and "0.2 s time budget" in str(out)
    assert time.monotonic() - start < 3


def test_a_thread_that_finishes_in_time_is_never_interrupted_afterwards() -> None:
    def work() -> str:
        stopped = 0
        for _ in range(300):  # short blocks, each ending about when its watchdog wakes
            try:
                with time_budget(0.0005):
                    sum(range(2000))
            except DocumentTimeout:  # inside its block: allowed
                stopped += 1
        deadline = time.monotonic() + 0.3
        while time.monotonic() < deadline:  # plain Python after the blocks: nothing may surface here
            pass
        return "done"

    assert _in_thread(work) == ["done"]


def _runaway_batch(settings: Any, resources: Any, monkeypatch: pytest.MonkeyPatch, seconds: float) -> Any:
    """A batch whose first document loops forever in the coder: runs it with a budget of ``seconds``."""
    from dataclasses import replace

    import sitrep.pipeline as pipeline
    from sitrep.records import RawDocument

    real = pipeline.analyse

    def analyse(article: Any, doc: Any, s: Any, r: Any) -> Any:
        if "loops" in article.text:
            while True:
                pass
        return real(article, doc, s, r)

    monkeypatch.setattr(pipeline, "analyse", analyse)
    texts = [
        "This story loops forever in the coder, as a rule gone wrong might on a strange page.",
        "Soldiers and militants clashed near Niono on Saturday, and five fighters were killed.",
    ]
    raws = [RawDocument(f"d{i}", f"d{i}", "text", t.encode()) for i, t in enumerate(texts)]
    return lambda: list(pipeline.process_batch(raws, replace(settings, document_seconds=seconds), resources))


@pytest.mark.model
def test_a_document_over_budget_is_rejected_and_the_batch_goes_on(
    settings: Any, resources: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = _runaway_batch(settings, resources, monkeypatch, 3.0)()
    assert results[0].rejected is not None and results[0].rejected.reason.startswith("timeout:")
    assert results[1].rejected is None and results[1].events


@pytest.mark.model
def test_a_worker_thread_keeps_the_budget_too(
    settings: Any, resources: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dask runs ``process_batch`` in a worker's task thread: a runaway document is stopped there."""
    (results,) = _in_thread(_runaway_batch(settings, resources, monkeypatch, 2.0))
    assert isinstance(results, list)
    assert results[0].rejected is not None and results[0].rejected.reason.startswith("timeout:")
    assert "2 s time budget" in results[0].rejected.reason
    assert results[1].rejected is None and results[1].events
