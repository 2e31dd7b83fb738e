"""Open the store a URL names: a SQLite file (the default) or a PostgreSQL server."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from .base import Store
from .sqlite import SQLiteStore


def is_server_url(url: str) -> bool:
    """True for a database URL that names a server rather than a file."""
    return url.startswith(("postgresql://", "postgres://"))


def shown_url(url: str) -> str:
    """``url`` fit to print or log: a server URL's password (in its user part or a ``password=``
    parameter) replaced by ``***``; a file path as it is."""
    if not is_server_url(url):
        return url
    try:
        parts = urlsplit(url)
        has_password = parts.password is not None
    except ValueError:  # a malformed URL: show its scheme alone rather than risk its secret
        return url.split("://", 1)[0] + "://***"
    netloc = parts.netloc
    if has_password:
        netloc = f"{parts.username or ''}:***@{netloc.rpartition('@')[2]}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(k, "***" if k.lower() == "password" else v) for k, v in pairs], safe="*")
    return parts._replace(netloc=netloc, query=query).geturl()


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
