"""sitrep: news in, situation picture out.

The public API: ``extract_events`` and ``process_document`` (one document), ``run_batch``
(many), ``open_store``, ``load_settings``/``Settings`` and the records.
"""

import logging

from .records import Article, Event, Evidence, Place, RawDocument, Rejected, Result, Source, Toponym
from .settings import Settings, load_settings

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"

_LAZY = {
    "process_document": ("sitrep.pipeline", "process_document"),
    "run_batch": ("sitrep.runners", "run_batch"),
    "open_store": ("sitrep.store", "open_store"),
}


def __getattr__(name: str) -> object:
    """Heavy entry points (they load spaCy) are imported on first use."""
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'sitrep' has no attribute {name!r}")


__all__ = [
    "Article",
    "Event",
    "Evidence",
    "Place",
    "RawDocument",
    "Rejected",
    "Result",
    "Settings",
    "Source",
    "Toponym",
    "load_settings",
    "open_store",
    "process_document",
    "run_batch",
]
