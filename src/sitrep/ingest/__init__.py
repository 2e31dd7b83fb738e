"""Stage 1, ingest: sources → ``RawDocument`` (the only stage that reads the outside world).

``read_sources`` reads paths (files, folders, JSONL, ``-`` for stdin); ``document_from_bytes``
and ``parse_jsonl_bytes`` take content already in hand, so callers and tests need no files.
"""

from __future__ import annotations

from .files import document_from_bytes, parse_jsonl_bytes, read_sources, sniff_media_type

__all__ = ["document_from_bytes", "parse_jsonl_bytes", "read_sources", "sniff_media_type"]
