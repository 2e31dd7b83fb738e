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


def test_no_limit_and_other_threads_run_unbounded() -> None:
    with time_budget(0):
        time.sleep(0.05)
    done: list[bool] = []

    def work() -> None:
        with time_budget(0.01):
            time.sleep(0.05)
        done.append(True)

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert done == [True]


@pytest.mark.model
def test_a_document_over_budget_is_rejected_and_the_batch_goes_on(
    settings: Any, resources: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
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
    results = list(pipeline.process_batch(raws, replace(settings, document_seconds=3.0), resources))
    assert results[0].rejected is not None and results[0].rejected.reason.startswith("timeout:")
    assert results[1].rejected is None and results[1].events
