"""The one distance function, the point at a distance and bearing, and the box helpers.

Haversine on a sphere of the mean Earth radius (IUGG): at the distances sitrep compares (a few
to a few hundred kilometres) its error against the ellipsoid stays under 0.5 %, well inside
any geo_precision radius.
"""

from __future__ import annotations

import math
from typing import Final

EARTH_RADIUS_KM: Final = 6371.0088
KM_PER_DEGREE: Final = 111.0  # of latitude, rounded: for boxes that must contain a circle


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def destination(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` kilometres from (lat, lon) along ``bearing`` degrees from north."""
    d = km / EARTH_RADIUS_KM
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0


def box_around(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """A west,south,east,north box that contains the circle (a prefilter for radius queries)."""
    dlat = km / KM_PER_DEGREE
    dlon = km / max(1e-6, KM_PER_DEGREE * math.cos(math.radians(min(89.0, abs(lat)))))
    return max(-180.0, lon - dlon), max(-90.0, lat - dlat), min(180.0, lon + dlon), min(90.0, lat + dlat)
