"""Persistence behind one narrow protocol (see ``base.Store``): SQLite (default) or PostgreSQL."""

from __future__ import annotations

from .base import DedupCounts, EventFilters, IngestCounts, Store
from .open import is_server_url, open_store
from .sqlite import SQLiteStore

__all__ = [
    "DedupCounts",
    "EventFilters",
    "IngestCounts",
    "SQLiteStore",
    "Store",
    "is_server_url",
    "open_store",
]
