"""The gazetteer's SQLite tables: the schema, and the writers of places and their names.

``geo/gazetteer.py`` reads these tables; ``build.py`` (a new file) and ``dumps.py`` (rows added to
a built file) write them through the two functions here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from ..geo.gazetteer import KIND_ALT, KIND_NAME, normalize
from .rows import PlaceRow

__all__ = ["INDEXES", "SCHEMA", "connect_new", "write_names", "write_places"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL,
    feature_class TEXT, feature_code TEXT, country TEXT, admin1_code TEXT, admin1_name TEXT,
    population INTEGER NOT NULL DEFAULT 0, source TEXT);
CREATE TABLE IF NOT EXISTS names (
    name TEXT NOT NULL, geonameid INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (name, geonameid)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS countries (
    iso2 TEXT PRIMARY KEY, geonameid INTEGER, name TEXT, short_name TEXT, iso3 TEXT, capital TEXT,
    population INTEGER);
CREATE TABLE IF NOT EXISTS country_names (name TEXT PRIMARY KEY, iso2 TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS demonyms (word TEXT PRIMARY KEY, iso2 TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS admin1 (code TEXT PRIMARY KEY, name TEXT, geonameid INTEGER) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS demonym_places (word TEXT PRIMARY KEY, geonameid INTEGER NOT NULL) WITHOUT ROWID;
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS names_geonameid ON names (geonameid);
CREATE INDEX IF NOT EXISTS places_country ON places (country, feature_code);
"""


def _usable_alternate(alt: str) -> bool:
    """Keep Latin-script alternate names; drop codes ("BKO"), numbers and one-letter noise."""
    if len(alt) < 3 or any(ch.isdigit() for ch in alt) or (alt.isupper() and len(alt) <= 4):
        return False
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in alt)


def connect_new(path: Path) -> sqlite3.Connection:
    """A connection to a new gazetteer file with the schema in place, tuned for a bulk write."""
    conn = sqlite3.connect(path)
    conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 8192;")
    conn.executescript(SCHEMA)
    return conn


def write_places(conn: sqlite3.Connection, rows: Iterable[PlaceRow], *, replace_names: bool = False) -> int:
    """Insert or replace places and their names; admin1 names are filled from the admin1 table."""
    admin1 = dict(conn.execute("SELECT code, name FROM admin1").fetchall())
    n = 0
    names: list[tuple[str, int, int]] = []
    for r in rows:
        a1 = admin1.get(f"{r.country}.{r.admin1_code}") if r.admin1_code else None
        if r.feature_code == "ADM1":
            a1 = r.name
        conn.execute(
            "INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                r.geonameid,
                r.name,
                r.latitude,
                r.longitude,
                r.feature_class,
                r.feature_code,
                r.country,
                r.admin1_code,
                a1,
                r.population,
                r.source,
            ),
        )
        if replace_names:
            conn.execute("DELETE FROM names WHERE geonameid = ? AND kind <= ?", (r.geonameid, KIND_ALT))
        own = normalize(r.name)
        names.append((own, r.geonameid, KIND_NAME))
        for alt in r.alternates:
            key = normalize(alt)
            if key and key != own and _usable_alternate(alt):
                names.append((key, r.geonameid, KIND_ALT))
        n += 1
        if len(names) > 200_000:
            write_names(conn, names)
            names = []
    write_names(conn, names)
    return n


def write_names(conn: sqlite3.Connection, names: list[tuple[str, int, int]]) -> None:
    """Add (name, geonameid, kind) rows; a stronger kind (lower number) wins for the same pair."""
    conn.executemany(
        "INSERT INTO names VALUES (?,?,?) ON CONFLICT (name, geonameid) DO UPDATE "
        "SET kind = min(kind, excluded.kind)",
        names,
    )
