"""Where the part of an area a direction names lies ("northern Mali", "central Ségou"): plain
arithmetic over the area's town points, which ``Gazetteer.part_of`` reads from the gazetteer."""

from __future__ import annotations

__all__ = ["bands", "cells", "in_part"]


Band = tuple[float, float] | None
PART_CELLS = 16  # grid cells across a country's main body when reading the ground its towns cover
BODY_MARGIN = 0.5  # a country's main body: its towns' middle 90 %, widened by half on each side


def bands(direction: str) -> tuple[Band, Band]:
    """The share of an area's latitude and longitude ranges a direction word keeps (None: all)."""
    d = direction.replace("-", "").replace(" ", "").replace("ern", "")
    if d in {"central", "centr"}:
        return (0.3, 0.7), (0.3, 0.7)
    lat: Band = (0.6, 1.0) if d.startswith("north") else (0.0, 0.4) if d.startswith("south") else None
    lon: Band = (0.6, 1.0) if d.endswith("east") else (0.0, 0.4) if d.endswith("west") else None
    return lat, lon


def cells(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Centres of the grid cells the points occupy in the area's main body, each once.

    The main body is the 5th to 95th percentile box of the points widened by half its span on each
    side: far-off islands and territories (Hawaii of the United States) are not its south-west.
    """
    body = [_spread(sorted(p[axis] for p in points), 0.05, BODY_MARGIN) for axis in (0, 1)]
    size = max(hi - lo for lo, hi in body) / PART_CELLS or 1.0
    inside = (p for p in points if body[0][0] <= p[0] <= body[0][1] and body[1][0] <= p[1] <= body[1][1])
    return sorted({(round(a / size) * size, round(b / size) * size) for a, b in inside})


def in_part(
    points: list[tuple[float, float]], bands: tuple[Band, Band], trim: float = 0.05
) -> list[tuple[float, float]]:
    """The points inside the bands of their range (``trim`` of them left out at each end)."""
    extent = [_spread(sorted(p[axis] for p in points), trim, 0.0) for axis in (0, 1)]

    def inside(v: float, lo_hi: tuple[float, float], band: Band) -> bool:
        lo, hi = lo_hi
        return band is None or lo + band[0] * (hi - lo) <= v <= lo + band[1] * (hi - lo)

    return [p for p in points if inside(p[0], extent[0], bands[0]) and inside(p[1], extent[1], bands[1])]


def _spread(xs: list[float], trim: float, margin: float) -> tuple[float, float]:
    """The range of sorted values, ``trim`` of them left out at each end, widened by ``margin`` of it."""
    cut = int(trim * len(xs))
    lo, hi = xs[cut], xs[len(xs) - 1 - cut]
    return lo - margin * (hi - lo), hi + margin * (hi - lo)
