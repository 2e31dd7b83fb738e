"""Event serialisations shared by the CLI and the API: jsonl, json, csv (ACLED-like columns), geojson."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

FORMATS = ("jsonl", "json", "csv", "geojson")
CSV_COLUMNS = [
    ("event_id_cnty", "event_id"),
    ("event_date", "date"),
    ("time_precision", "time_precision"),
    ("event_type", "event_type"),
    ("sub_event_type", "sub_event_type"),
    ("actor1", "actor1"),
    ("actor2", "actor2"),
    ("iso", "country"),
    ("admin1", "admin1"),
    ("location", "location"),
    ("latitude", "latitude"),
    ("longitude", "longitude"),
    ("geo_precision", "geo_precision"),
    ("geonameid", "geonameid"),
    ("fatalities", "fatalities"),
    ("confidence", "confidence"),
    ("notes", None),
    ("source", None),
    ("source_url", None),
    ("doc_id", "doc_id"),
]


def to_feature(e: dict[str, Any]) -> dict[str, Any]:
    """One event as a GeoJSON Feature (geometry null when it has no coordinates)."""
    geom = None
    if e.get("latitude") is not None and e.get("longitude") is not None:
        geom = {"type": "Point", "coordinates": [e["longitude"], e["latitude"]]}
    return {"type": "Feature", "id": e.get("event_id"), "geometry": geom, "properties": e}


def csv_row(e: dict[str, Any]) -> list[Any]:
    """ACLED-like CSV columns for one event."""
    out = []
    for col, key in CSV_COLUMNS:
        if key is not None:
            v = e.get(key)
        elif col == "notes":
            v = " ".join(ev["text"] for ev in e.get("evidence", []))
        elif col == "source":
            v = (e.get("source") or {}).get("title") or (e.get("source") or {}).get("doc_id")
        else:
            v = (e.get("source") or {}).get("url")
        out.append("" if v is None else v)
    return out


def render(events: Iterable[dict[str, Any]], fmt: str) -> Iterable[str]:
    """Serialise events as text chunks in one of FORMATS (jsonl streams; the others are whole)."""
    if fmt == "jsonl":
        for e in events:
            yield json.dumps(e, ensure_ascii=False) + "\n"
    elif fmt == "json":
        yield json.dumps(list(events), ensure_ascii=False, indent=1) + "\n"
    elif fmt == "geojson":
        fc = {"type": "FeatureCollection", "features": [to_feature(e) for e in events]}
        yield json.dumps(fc, ensure_ascii=False) + "\n"
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow([c for c, _ in CSV_COLUMNS])
        for e in events:
            w.writerow(csv_row(e))
        yield buf.getvalue()
    else:
        raise ValueError(f"unknown format {fmt!r}")
