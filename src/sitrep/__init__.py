"""sitrep: news in, situation picture out.

The public API: ``extract_events`` and ``process_document`` (one document), ``run_batch``
(many), ``open_store``, ``load_settings``/``Settings`` and the records.
"""

import logging

from .records import Article, Event, Evidence, Place, RawDocument, Rejected, Result, Source, Toponym
from .settings import Settings, load_settings

logging.getLogger(__name__).addHandler(logging.NullHandler())

__version__ = "0.1.0"

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
]
