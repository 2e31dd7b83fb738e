"""Run the per-document pipeline on a local process pool (``--workers N``).

The parent reads the sources (``ingest.read_sources``) and hands the documents out in chunks;
each worker process loads its own resources once (spaCy, the gazetteer, opened read-only from
its file, the word lists) and runs ``pipeline.process_batch`` on each chunk it gets. Results come
back in input order, so the save-and-dedup step after it (``local.store_results``) and every
output are the same as on one core. A worker keeps the per-document time budget (it runs the
pipeline in its main thread). At most ``2 × workers`` chunks are in flight, so memory stays flat
on any input size. A worker that dies (killed, out of memory) costs only its chunk: the
chunks in flight are re-run one by one on a fresh pool, and the chunk that kills a worker
alone is rejected with the reason.

Why hand-written around ``concurrent.futures``: it is the standard library's pool; what is ours
is only the chunking, the ordering and what happens when a worker dies.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from ..pipeline import Resources, load_resources, process_batch
from ..records import RawDocument, Rejected, Result
from ..settings import Settings

log = logging.getLogger(__name__)

CHUNK = 16  # documents per task: enough to amortise the hand-off, small enough to keep workers even

_resources: Resources | None = None
_settings: Settings | None = None


def _start(settings: Settings) -> None:
    """Worker initialiser: load the resources once per process."""
    global _resources, _settings
    _settings = settings
    _resources = load_resources(settings)


def _work(chunk: list[RawDocument | Rejected]) -> list[Result]:
    """Worker task: one chunk through the pipeline."""
    assert _resources is not None and _settings is not None
    return list(process_batch(chunk, _settings, _resources))


def _lost(chunk: list[RawDocument | Rejected], why: str) -> list[Result]:
    """The chunk of a worker that died, as rejects that say so."""
    out = []
    for item in chunk:
        if isinstance(item, Rejected):
            out.append(Result(item.doc_id, rejected=item))
            continue
        reason = f"a worker process died on this chunk ({why}); run the chunk's documents alone to find why"
        out.append(Result(item.doc_id, rejected=Rejected(item.doc_id, item.origin, "events", reason)))
    return out


def pool_batch(items: Iterable[RawDocument | Rejected], settings: Settings, workers: int) -> Iterator[Result]:
    """One Result per item, in input order, computed by ``workers`` processes.

    When a worker dies, every chunk in flight fails with it. Those chunks are then run one at a
    time on a fresh pool: one that kills its worker alone is rejected with the reason, the others
    go through; then the pool goes on in parallel. Every chunk is tried at most twice.

    Args:
        items: what ``ingest.read_sources`` yields.
        settings: the run's settings (sent to each worker once).
        workers: processes to run (2 or more).
    """
    source = iter(items)
    context = multiprocessing.get_context("spawn")  # a clean process: no parent state or open files

    def fresh() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(settings,))

    pool = fresh()
    pending: deque[tuple[list[RawDocument | Rejected], Future[list[Result]]]] = deque()
    try:
        while True:
            while len(pending) < 2 * workers:
                chunk = list(islice(source, CHUNK))
                if not chunk:
                    break
                pending.append((chunk, pool.submit(_work, chunk)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                yield from future.result()
                continue
            except BrokenProcessPool:
                log.warning("a worker died; re-running the %d chunks in flight one by one", 1 + len(pending))
            suspects = [chunk, *(c for c, _ in pending)]
            pending.clear()
            pool.shutdown(wait=False, cancel_futures=True)
            pool = fresh()
            for c in suspects:
                try:
                    results = pool.submit(_work, c).result()
                except BrokenProcessPool as exc:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = fresh()
                    results = _lost(c, str(exc) or "killed")
                yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
