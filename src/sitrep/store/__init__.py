"""Persistence behind one narrow protocol (see ``base.Store``): SQLite (default) or PostgreSQL."""

from __future__ import annotations

from .base import DedupCounts, EventFilters, IngestCounts, Store
from .sqlite import SQLiteStore


def open_store(url: str, *, settings_hash: str = "") -> Store:
    """Open (and migrate) the store named by ``url``.

    Args:
        url: a SQLite file path or ``sqlite:///path``; or ``postgresql://...`` (extra ``postgres``).
        settings_hash: stored with each extracted event (``Settings.fingerprint()``).

    Raises:
        StoreError: the database cannot be opened or migrated (or psycopg is missing).
    """
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(url, settings_hash=settings_hash)
    return SQLiteStore(url.removeprefix("sqlite:///"), settings_hash=settings_hash)


def is_server_url(url: str) -> bool:
    """True for a database URL that names a server rather than a file."""
    return url.startswith(("postgresql://", "postgres://"))


__all__ = [
    "DedupCounts",
    "EventFilters",
    "IngestCounts",
    "SQLiteStore",
    "Store",
    "is_server_url",
    "open_store",
]
