"""Stage 2, clean: ``RawDocument`` → ``Article`` (or ``Rejected``).

One entry function, ``clean_document`` (``article.py``). It decodes the bytes (``decode``),
extracts the story from HTML (``html``) or takes plain text as it is, removes page chrome line by
line (``boilerplate``), separates a headline, and picks the publication date (``published``).
Deterministic and offline: no I/O, no network, no global state. Loading this package registers
the default cleaner, ``"clean.default.v1"``.
"""

from __future__ import annotations

from .article import clean_document
from .published import dateline_end

__all__ = ["clean_document", "dateline_end"]
