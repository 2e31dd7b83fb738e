"""Where a batch runs. ``local`` is the default (this process); ``reduce`` is the dedup step after it."""

from .local import BatchReport, ingest_paths, run_batch
from .reduce import rebuild_all, reduce_articles

__all__ = ["BatchReport", "ingest_paths", "rebuild_all", "reduce_articles", "run_batch"]
