"""Persistence behind one narrow protocol (see ``base.Store``)."""

from __future__ import annotations

from ..errors import ConfigError
from .base import EventFilters, IngestCounts, Store
from .sqlite import SQLiteStore


def open_store(url: str, *, settings_hash: str = "") -> Store:
    """Open the store named by ``url``: a file path / ``sqlite:///path`` (PostgreSQL comes later)."""
    if url.startswith(("postgresql://", "postgres://")):
        raise ConfigError("PostgreSQL is not supported yet", hint="use a SQLite file path for --db")
    return SQLiteStore(url.removeprefix("sqlite:///"), settings_hash=settings_hash)


__all__ = ["EventFilters", "IngestCounts", "SQLiteStore", "Store", "open_store"]
