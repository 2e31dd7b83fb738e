"""Gazetteer rows as ``Place``s, name keys, and what the map and the review form ask for.

``normalize`` makes the key every name is stored and looked up under; ``place_of`` reads a
``PLACE_COLS`` row. ``PlacePicks`` is mixed into ``Gazetteer``: the map's labels
(``largest_places``), the review form's place picker (``search``) and a place by its GeoNames
id (``place``). Read-only queries over the gazetteer's own SQLite tables (``gazetteer.tables``).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from typing import Any

from ..records import Place

PLACE_COLS = (
    "p.geonameid, p.name, p.latitude, p.longitude, p.country, p.admin1_name, "
    "p.feature_class, p.feature_code, p.population"
)
_DROP = re.compile(r"[.'`\u2019\u02bc]")
_SPACE = re.compile(r"[\s\-\u2010-\u2015_/,]+")


def normalize(text: str) -> str:
    """Accent- and case-folded key of a name: "Côte d'Ivoire" → "cote divoire", "U.S." → "us"."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = _DROP.sub("", s)
    return _SPACE.sub(" ", s).strip()


def place_of(row: tuple[Any, ...]) -> Place:
    """A ``Place`` from a row of ``PLACE_COLS``."""
    gid, name, lat, lon, cc, a1, fcl, fcode, pop = row
    return Place(
        name=name,
        latitude=lat,
        longitude=lon,
        country=cc,
        geonameid=gid,
        admin1=a1,
        feature_class=fcl,
        feature_code=fcode,
        population=pop or 0,
    )


class PlacePicks:
    """Map and picker reads (the gazetteer's connection is ``_conn``)."""

    _conn: sqlite3.Connection

    def place(self, geonameid: int) -> Place | None:
        """The place with this GeoNames id, if the gazetteer has it."""
        row = self._conn.execute(
            f"SELECT {PLACE_COLS} FROM places p WHERE p.geonameid = ?", (geonameid,)
        ).fetchone()
        return place_of(row) if row else None

    def search(self, prefix: str, limit: int = 10) -> list[Place]:
        """Places with a name starting with ``prefix`` (any case or accents), most populous first
        (a typeahead: one range read of the name index, at most 2,000 names looked at)."""
        key = normalize(prefix)
        if not key:
            return []
        rows = self._conn.execute(
            f"SELECT {PLACE_COLS} FROM (SELECT DISTINCT geonameid FROM names WHERE name >= ? AND name < ?"
            " LIMIT 2000) n JOIN places p ON p.geonameid = n.geonameid"
            " ORDER BY p.population DESC, p.geonameid LIMIT ?",
            (key, key + "\U0010ffff", limit),
        ).fetchall()
        return [place_of(r) for r in rows]

    def largest_places(
        self, bbox: tuple[float, float, float, float], limit: int, cell: float | None = None
    ) -> list[Place]:
        """The most populous towns in ``bbox`` (west, south, east, north), largest first.

        Args:
            bbox: the box, in degrees.
            limit: at most this many places.
            cell: when given, keep only the largest town of each square of ``cell`` degrees, counted
                from longitude -180 and latitude -90 (labels spread over the map and stay put as it
                pans, instead of crowding in its biggest city).
        """
        west, south, east, north = bbox
        cols = PLACE_COLS.replace("p.", "")
        sql = (
            f"SELECT {cols}, max(population) FROM places WHERE feature_class = 'P' AND population > 0 "
            "AND longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?"
        )
        args: list[float] = [west, east, south, north]
        if cell:
            sql += " GROUP BY CAST((longitude + 180) / ? AS INTEGER), CAST((latitude + 90) / ? AS INTEGER)"
            args += [cell, cell]
        else:
            sql += " GROUP BY geonameid"
        rows = self._conn.execute(sql + " ORDER BY population DESC LIMIT ?", (*args, limit)).fetchall()
        return [place_of(r[:-1]) for r in rows]
