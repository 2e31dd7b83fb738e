"""Run the per-document pipeline on Dask distributed (``--dask ADDRESS`` or ``--dask local:N``).

The same shape as the local pool (``pool``): the parent reads the sources, hands out chunks,
and yields the results in input order, with at most two chunks per worker in flight. Each Dask
worker process loads the resources once (a module-level cache keyed by the settings) and runs
``pipeline.process_batch``. ``local:N`` starts a ``LocalCluster`` of N single-threaded worker
processes on 127.0.0.1 (no dashboard); any other value is a scheduler address
(``tcp://host:8786``), whose workers need sitrep, its model and its gazetteer installed.

A chunk whose worker dies (``KilledWorker``) is rejected with the reason; the others go on.
Dask runs tasks in worker threads; ``budget.time_budget`` bounds each document there too (a
watchdog thread raises the timeout in the task's thread).

Dask's defaults suit analytics clusters, not one CPU-bound Python task per core. Measured on
500 real documents with ``local:2`` (25.1 s on the process pool): 30.3 s with the defaults,
27.7 s without the statistical profiler (it samples the task thread's stack every 10 ms) and
the 20 ms event-loop watchdog, 24.9 s when the workers' malloc also keeps its own trim threshold
(Dask sets ``MALLOC_TRIM_THRESHOLD_=65536``, which tripled the workers' system time here).
``WORKER_CONFIG`` holds those settings; ``local:N`` applies them, and the README shows how
to give them to the workers of a real cluster.

Why hand-written around ``distributed.Client``: Dask schedules; the chunking, the ordering and
the rejects are ours.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from ..pipeline import Resources, load_resources, process_batch
from ..records import RawDocument, Rejected, Result
from ..settings import Settings
from .pool import CHUNK

log = logging.getLogger(__name__)

_cache: dict[str, Resources] = {}

# Worker settings for CPU-bound tasks (see the module docstring for what each one saved).
WORKER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # None: leave it unset
}


def _work(chunk: list[RawDocument | Rejected], settings: Settings) -> list[Result]:
    """Dask task: one chunk through the pipeline, with the worker's resources (loaded once)."""
    key = settings.fingerprint() + settings.gazetteer_path().as_posix()
    if key not in _cache:
        _cache[key] = load_resources(settings)
    return list(process_batch(chunk, settings, _cache[key]))


# Dask's nannies set these in the process that starts them (ours, for local:N) before each spawn.
_SPAWN_ENV = ("MALLOC_TRIM_THRESHOLD_", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def _restore(saved: dict[str, str | None]) -> None:
    """Put back the environment variables a LocalCluster's nannies changed in this process."""
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _rejected(chunk: list[RawDocument | Rejected], why: str) -> list[Result]:
    out = []
    for item in chunk:
        if isinstance(item, RawDocument):
            reason = f"the Dask task for this chunk failed ({why}); run its documents alone to find why"
            item = Rejected(item.doc_id, item.origin, "events", reason)
        out.append(Result(item.doc_id, rejected=item))
    return out


def _client(address: str) -> tuple[Any, Any]:
    """A Client (and the LocalCluster it owns, if any) for ``address``."""
    import dask
    from distributed import Client, LocalCluster

    if address.startswith("local:"):
        n = int(address.partition(":")[2] or 2)
        with dask.config.set(WORKER_CONFIG):  # the nannies hand this config to their workers
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
            )
        return Client(cluster), cluster  # type: ignore[no-untyped-call]
    return Client(address), None  # type: ignore[no-untyped-call]


def dask_batch(items: Iterable[RawDocument | Rejected], settings: Settings, address: str) -> Iterator[Result]:
    """One Result per item, in input order, computed on the Dask cluster at ``address``."""
    saved = {k: os.environ.get(k) for k in _SPAWN_ENV}
    client, cluster = _client(address)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        source = iter(items)
        window: deque[tuple[list[RawDocument | Rejected], Any]] = deque()
        while True:
            while len(window) < 2 * workers:
                chunk = list(islice(source, CHUNK))
                if not chunk:
                    break
                window.append((chunk, client.submit(_work, chunk, settings, pure=False)))
            if not window:
                return
            chunk, future = window.popleft()
            try:
                results = future.result()
            except Exception as exc:  # KilledWorker, a lost connection: this chunk only
                log.error("a Dask task failed on %d documents: %s", len(chunk), exc)
                results = _rejected(chunk, f"{type(exc).__name__}: {exc}")
            yield from results
    finally:
        # Workers still sending heartbeats while the cluster shuts down log tracebacks: noise here.
        quiet = logging.getLogger("distributed")
        level, quiet.level = quiet.level, logging.CRITICAL
        try:
            client.close()
            if cluster is not None:
                cluster.close()
        finally:
            quiet.setLevel(level)
            _restore(saved)
