"""Where a batch runs. ``local`` is the default (this process)."""

from .local import BatchReport, ingest_paths, run_batch

__all__ = ["BatchReport", "ingest_paths", "run_batch"]
