"""Run a batch in this process: read sources, process documents, optionally store the results."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from ..ingest import read_sources
from ..pipeline import Resources, load_resources, process_batch
from ..records import Rejected, Result
from ..settings import Settings
from ..store.base import DedupCounts, IngestCounts, Store
from .pool import pool_batch
from .reduce import reduce_articles
from .save import save_batch

log = logging.getLogger(__name__)


@dataclass
class BatchReport:
    """What a batch did: documents processed, events found, documents rejected (with reasons)."""

    documents: int = 0
    events: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    stored: IngestCounts | None = None
    dedup: DedupCounts | None = None

    @property
    def ok(self) -> bool:
        """True when at least one document went through (or there was nothing to do)."""
        return self.documents > 0 or not self.rejected


def run_batch(
    paths: Sequence[str],
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    resources: Resources | None = None,
    on_result: Callable[[Result], None] | None = None,
) -> Iterator[Result]:
    """Read every source and yield one Result per document (rejects included), in input order.

    With ``settings.dask`` set the documents run on Dask (``dask``); with ``settings.workers``
    above 1, on a local process pool (``pool``); otherwise in this process.
    """
    items = read_sources(paths, settings, stdin=stdin)
    if settings.dask:
        from .dask import dask_batch  # distributed is an extra: imported only when asked for

        results: Iterator[Result] = dask_batch(items, settings, settings.dask)
    elif settings.workers > 1:
        results = pool_batch(items, settings, settings.workers)
    else:
        results = process_batch(items, settings, resources or load_resources(settings))
    for result in results:
        if on_result is not None:
            on_result(result)
        yield result


def ingest_paths(
    paths: Sequence[str],
    settings: Settings,
    store: Store,
    *,
    stdin: BinaryIO | None = None,
    resources: Resources | None = None,
    on_result: Callable[[Result], None] | None = None,
    chunk: int | None = None,
    dedup: bool = True,
) -> BatchReport:
    """Process the sources, then save and dedup the results (``store_results``).

    Re-running on the same sources adds nothing and changes no canonical event.
    """
    results = run_batch(paths, settings, stdin=stdin, resources=resources, on_result=on_result)
    return store_results(results, store, chunk=chunk or settings.ingest_chunk, dedup=dedup)


def store_results(
    results: Iterable[Result], store: Store, *, chunk: int = 200, dedup: bool = True
) -> BatchReport:
    """Save results ``chunk`` documents per transaction, each chunk's dedup right after it.

    Every saved chunk queues its articles for dedup in the same transaction, and the dedup that
    follows clears them in the transaction that writes their canonical events; articles left
    queued by a run that was stopped are placed by the first dedup of the next run. So a run
    killed at any point and started again leaves every mention in exactly one canonical event.
    """
    report = BatchReport()
    pending: list[Result] = []
    totals = [0, 0, 0, 0, 0]
    touched: set[str] = set()
    merged = [0, 0, 0, 0]

    def save() -> None:
        counts = save_batch(
            store,
            [(r.article, r.events) for r in pending if r.article is not None],
            [r.rejected for r in pending if r.rejected is not None],
            [a for r in pending for a in r.advisories],
        )
        for i, v in enumerate(
            (
                counts.articles_added,
                counts.articles_seen,
                counts.events_added,
                counts.rejects_added,
                counts.articles_near,
            )
        ):
            totals[i] += v
        touched.update(counts.touched)
        pending.clear()
        if dedup:
            d = reduce_articles(store, counts.touched)
            for i, v in enumerate((d.created, d.updated, d.unchanged, d.superseded)):
                merged[i] += v

    for result in results:
        if result.rejected is not None:
            report.rejected.append(result.rejected)
        else:
            report.documents += 1
            report.events += len(result.events)
        pending.append(result)
        if len(pending) >= chunk:
            save()
    if pending or (dedup and store.pending_dedup()):
        save()
    a_added, a_seen, e_added, r_added, a_near = totals
    report.stored = IngestCounts(a_added, a_seen, e_added, r_added, a_near, tuple(sorted(touched)))
    if dedup:
        report.dedup = DedupCounts(*merged)
    return report
