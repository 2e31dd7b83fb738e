"""Ordered, named schema migrations, recorded in the ``migrations`` table.

A migration is applied once; adding one means appending to ``MIGRATIONS`` (never editing
an applied one).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ..errors import MigrationError


def _m001_initial(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE articles (
            doc_id TEXT NOT NULL,
            content_hash TEXT PRIMARY KEY,
            origin TEXT,
            url TEXT,
            title TEXT,
            published TEXT,
            published_basis TEXT,
            text TEXT NOT NULL,
            warnings TEXT,
            ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE INDEX articles_doc_id ON articles(doc_id);
        CREATE TABLE events (
            event_id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL,
            content_hash TEXT NOT NULL REFERENCES articles(content_hash),
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            date TEXT,
            time_precision INTEGER,
            location TEXT,
            admin1 TEXT,
            country TEXT,
            latitude REAL,
            longitude REAL,
            geo_precision INTEGER,
            actor1 TEXT,
            actor2 TEXT,
            fatalities INTEGER,
            confidence REAL,
            producer TEXT,
            settings_hash TEXT,
            data TEXT NOT NULL
        );
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_country ON events(country, date);
        CREATE INDEX events_type ON events(event_type, sub_event_type);
        CREATE INDEX events_latlon ON events(latitude, longitude);
        CREATE TABLE rejects (
            key TEXT PRIMARY KEY,
            doc_id TEXT,
            origin TEXT,
            stage TEXT NOT NULL,
            reason TEXT NOT NULL,
            seen_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        """
    )


MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("001_initial", _m001_initial),
]


def apply_migrations(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied now."""
    db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in db.execute("SELECT name FROM migrations")}
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        try:
            with db:
                fn(db)
                db.execute("INSERT INTO migrations VALUES (?, datetime('now'))", (name,))
        except sqlite3.Error as exc:
            raise MigrationError(f"migration {name} failed: {exc}") from exc
        applied.append(name)
    return applied
