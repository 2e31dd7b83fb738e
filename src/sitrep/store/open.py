"""Open the store a URL names: a SQLite file (the default) or a PostgreSQL server."""

from __future__ import annotations

from .base import Store
from .sqlite import SQLiteStore


def is_server_url(url: str) -> bool:
    """True for a database URL that names a server rather than a file."""
    return url.startswith(("postgresql://", "postgres://"))


def open_store(url: str, *, settings_hash: str = "", upto: str | None = None) -> Store:
    """Open (and migrate) the store named by ``url``.

    Args:
        url: a SQLite file path or ``sqlite:///path``; or ``postgresql://...`` (extra ``postgres``).
        settings_hash: stored with each extracted event (``Settings.fingerprint()``).
        upto: migrate only up to this migration (``sitrep db restore`` of an older backup).

    Raises:
        StoreError: the database cannot be opened or migrated (or psycopg is missing).
    """
    if is_server_url(url):
        from .postgres import PostgresStore  # imported on use: psycopg is an extra

        return PostgresStore(url, settings_hash=settings_hash, upto=upto)
    return SQLiteStore(url.removeprefix("sqlite:///"), settings_hash=settings_hash, upto=upto)
