"""Where a batch runs. ``local`` is the default (this process); ``save`` and ``reduce`` come after it."""

from .local import BatchReport, ingest_paths, run_batch, store_results
from .reduce import rebuild_all, reduce_articles, reduce_mentions
from .save import save_batch

__all__ = [
    "BatchReport",
    "ingest_paths",
    "rebuild_all",
    "reduce_articles",
    "reduce_mentions",
    "run_batch",
    "save_batch",
    "store_results",
]
