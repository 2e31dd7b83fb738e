"""Events as ACLED-style tables: CSV and Parquet, with ACLED's column names in ACLED's order.

``CSV_COLUMNS`` names each column and the event field it comes from (None: made here: the
year, the country's name, the outlets, the evidence as notes, the review verdict); Parquet
types its columns (``PARQUET_TYPES``). Text that a spreadsheet would run as a formula is made
inert in the CSV (``inert``); Parquet cells are typed and never run. The API's
``format=csv|parquet``, ``sitrep events --format csv`` and the dashboard's downloads all come
from here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

# ACLED's export columns that we fill, in ACLED's order, then ours. ``country`` is the name when a
# lookup is given (the API's and ``sitrep events``'s gazetteer), else the code; ``iso2`` is the code.
CSV_COLUMNS = [
    ("event_id_cnty", "event_id"),
    ("event_date", "date"),
    ("year", None),
    ("time_precision", "time_precision"),
    ("event_type", "event_type"),
    ("sub_event_type", "sub_event_type"),
    ("actor1", "actor1"),
    ("inter1", "inter1"),
    ("actor2", "actor2"),
    ("inter2", "inter2"),
    ("country", None),
    ("admin1", "admin1"),
    ("location", "location"),
    ("latitude", "latitude"),
    ("longitude", "longitude"),
    ("geo_precision", "geo_precision"),
    ("source", None),
    ("notes", None),
    ("fatalities", "fatalities"),
    ("fatalities_low", "fatalities_low"),
    ("fatalities_high", "fatalities_high"),
    ("iso2", "country"),
    ("plover_type", "plover_type"),
    ("confidence", "confidence"),
    ("hedged", "hedged"),
    ("background", "background"),
    ("n_sources", "n_sources"),
    ("geonameid", "geonameid"),
    ("source_url", None),
    ("doc_id", "doc_id"),
    ("review", None),  # the analyst's verdict: confirmed, corrected, rejected (empty: not reviewed)
    ("reviewer", None),
]
# Parquet column types (pyarrow names); the others are strings.
PARQUET_TYPES = {
    "year": "int32",
    "time_precision": "int8",
    "inter1": "int8",
    "inter2": "int8",
    "latitude": "float64",
    "longitude": "float64",
    "geo_precision": "int8",
    "fatalities": "int32",
    "fatalities_low": "int32",
    "fatalities_high": "int32",
    "confidence": "float64",
    "hedged": "bool_",
    "background": "bool_",
    "n_sources": "int32",
    "geonameid": "int64",
}


def csv_row(e: dict[str, Any], country_name: Callable[[str], str | None] | None = None) -> list[Any]:
    """One event's values in ``CSV_COLUMNS`` order (None where it has none)."""
    out: list[Any] = []
    src = e.get("source") or {}
    for col, key in CSV_COLUMNS:
        if key is not None:
            v = e.get(key)
        elif col == "year":
            v = int(e["date"][:4]) if e.get("date") else None
        elif col == "country":
            code = e.get("country")
            v = (country_name(code) if country_name and code else None) or code
        elif col == "notes":
            v = " ".join(ev["text"] for ev in e.get("evidence", []))
        elif col in ("review", "reviewer"):
            v = (e.get("review") or {}).get("status" if col == "review" else "reviewer")
        elif col == "source":
            outlets = [s.get("outlet") for s in e.get("sources", []) if s.get("outlet")]
            v = "; ".join(dict.fromkeys(outlets)) or src.get("title") or src.get("doc_id")
        else:
            v = src.get("url")
        out.append(v)
    return out


def csv_text(
    events: Iterable[dict[str, Any]], country_name: Callable[[str], str | None] | None = None
) -> str:
    """Events as CSV with a header row (``CSV_COLUMNS``)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([c for c, _ in CSV_COLUMNS])
    for e in events:
        w.writerow([inert(v) for v in csv_row(e, country_name)])
    return buf.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a string that starts like a formula (``=``, ``+``,
    ``-``, ``@``, tab, carriage return: OWASP's list) gets a leading ``'``; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def parquet_bytes(
    events: Iterable[dict[str, Any]], country_name: Callable[[str], str | None] | None = None
) -> bytes:
    """Events as a Parquet file: ``CSV_COLUMNS``, typed (``PARQUET_TYPES``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [csv_row(e, country_name) for e in events]
    columns = {
        col: pa.array([r[i] for r in rows], type=getattr(pa, PARQUET_TYPES.get(col, "string"))())
        for i, (col, _) in enumerate(CSV_COLUMNS)
    }
    sink = io.BytesIO()
    pq.write_table(pa.table(columns), sink)
    return sink.getvalue()
