"""Run a batch in this process: read sources, process documents, optionally store the results."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from ..ingest import read_sources
from ..pipeline import Resources, load_resources, process_batch
from ..records import Rejected, Result
from ..settings import Settings
from ..store.base import DedupCounts, IngestCounts, Store
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
    """Read every source and yield one Result per document (rejects included), in input order."""
    resources = resources or load_resources(settings)
    for result in process_batch(read_sources(paths, settings, stdin=stdin), settings, resources):
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
    chunk: int = 200,
    dedup: bool = True,
) -> BatchReport:
    """Process the sources, save articles, events and rejects, then dedup (the reduce step).

    Re-running on the same sources adds nothing and changes no canonical event.
    """
    report = BatchReport()
    pending: list[Result] = []
    totals = [0, 0, 0, 0, 0]
    touched: set[str] = set()

    def save() -> None:
        counts = save_batch(
            store,
            [(r.article, r.events) for r in pending if r.article is not None],
            [r.rejected for r in pending if r.rejected is not None],
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

    for result in run_batch(paths, settings, stdin=stdin, resources=resources, on_result=on_result):
        if result.rejected is not None:
            report.rejected.append(result.rejected)
        else:
            report.documents += 1
            report.events += len(result.events)
        pending.append(result)
        if len(pending) >= chunk:
            save()
    if pending:
        save()
    a_added, a_seen, e_added, r_added, a_near = totals
    report.stored = IngestCounts(a_added, a_seen, e_added, r_added, a_near, tuple(sorted(touched)))
    if dedup:
        report.dedup = reduce_articles(store, report.stored.touched)
    return report
