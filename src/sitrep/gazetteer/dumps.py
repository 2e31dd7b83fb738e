"""GeoNames dumps (``allCountries.zip``, ``XX.zip``, ``XX.txt``): rows read, and added to a built file.

Rows with the same geonameid replace the packaged ones, which is how a user gets villages and
GeoNames' own admin and country points (``sitrep gazetteer add``).
"""

from __future__ import annotations

import io
import os
import sqlite3
import time
import zipfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

from .rows import PlaceRow
from .tables import write_places

__all__ = ["DUMP_COLUMNS", "load_geonames_dump", "read_geonames_dump"]

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


def _add_rows(conn: sqlite3.Connection, rows: list[Any], name: str) -> int:
    """Write a dump's rows into an open gazetteer; return how many places were written."""
    conn.executemany(
        "INSERT OR REPLACE INTO admin1 VALUES (?,?,?)",
        [
            (f"{r.country}.{r.admin1_code}", r.name, r.geonameid)
            for r in rows
            if r.feature_code == "ADM1" and r.admin1_code
        ],
    )
    n = write_places(conn, rows, replace_names=True)
    for r in rows:
        if r.feature_code.startswith("PCL"):
            conn.execute(
                "UPDATE places SET feature_code = 'PCLI' WHERE geonameid = ? AND geonameid IN "
                "(SELECT geonameid FROM countries)",
                (r.geonameid,),
            )
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('dump:' || ?, ?)", (name, str(n)))
    return n


def load_geonames_dump(path: Path, gazetteer_path: Path) -> dict[str, Any]:
    """Add (or replace, by geonameid) the rows of a GeoNames dump in an existing gazetteer.

    ADM1 rows also name their admin1 code; PCLI rows replace the packaged country point. The
    gazetteer is replaced atomically: a copy is written aside and renamed over it, so a reader
    that opened it (read-only, ``immutable=1``) never sees a half-written file, and a failed
    load leaves it as it was.

    Args:
        path: a GeoNames-format tab-separated file.
        gazetteer_path: a gazetteer built by ``build_gazetteer``.

    Returns:
        Stats: rows, seconds.
    """
    t0 = time.perf_counter()
    rows = list(read_geonames_dump(Path(path)))
    target = Path(gazetteer_path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with closing(sqlite3.connect(target)) as src, closing(sqlite3.connect(tmp)) as conn:
            src.backup(conn)  # write aside: readers keep the file they opened (immutable=1)
            with conn:
                n = _add_rows(conn, rows, Path(path).name)
        os.replace(tmp, target)  # then swap it in whole
    finally:
        tmp.unlink(missing_ok=True)
    return {"rows": n, "seconds": round(time.perf_counter() - t0, 2)}
