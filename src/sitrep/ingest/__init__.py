"""Stage 1, ingest: sources → ``RawDocument`` (the only stage that reads the outside world).

``read_sources`` reads paths (files, folders, JSONL, WARC, ``-`` for stdin); ``document_from_bytes``,
``parse_jsonl_bytes`` and ``warc_records`` take content already in hand, so callers and tests need no files.
"""

from __future__ import annotations

from .content import document_from_bytes, sniff_media_type
from .count import count_documents
from .files import read_sources
from .jsonl import JSONL_SUFFIXES, parse_jsonl_bytes
from .warc import WARC_SUFFIXES, warc_records

__all__ = [
    "JSONL_SUFFIXES",
    "WARC_SUFFIXES",
    "count_documents",
    "document_from_bytes",
    "parse_jsonl_bytes",
    "read_sources",
    "sniff_media_type",
    "warc_records",
]
