"""Read-only GeoNames-style gazetteer over the SQLite file that ``sitrep.gazetteer`` builds.

Every query is a primary-key or index lookup on a normalised name, memoised per instance,
because the resolver asks about every candidate token span of every document. The object
pickles as its path, so a process pool can ship it to workers, which reopen the file.
"""

from __future__ import annotations

import logging
import math
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ResourceError
from ..records import Place
from . import parts
from .gazetteer_picks import PLACE_COLS, PlacePicks, normalize, place_of

log = logging.getLogger(__name__)

__all__ = [
    "Gazetteer",
    "normalize",
    "prior",
    "SCHEMA_VERSION",
    "KIND_NAME",
    "KIND_ALT",
    "KIND_ALIAS",
    "KIND_ABBR",
]

SCHEMA_VERSION = "2"
# names.kind: how a name belongs to a place.
KIND_NAME = 0  # the place's own name or ASCII name
KIND_ALT = 1  # a GeoNames alternate name
KIND_ALIAS = 2  # a news alias (the language's PlaceNames) or a country/admin name from another package
KIND_ABBR = 3  # an abbreviation ("Ky."): only trusted after "Town, "


def prior(place: Place) -> float:
    """Prior of a candidate: log population, admin areas discounted against their eponymous seat."""
    score = math.log10(place.population + 1)
    if place.feature_code == "PCLI":
        score += 2.0
    elif place.feature_class == "A":
        score -= 1.5
    elif place.feature_code == "PPLC":
        score += 0.5
    return score


PART_REACH = 0.25  # how far towards a part's point an area's towns must lie to be in the part


class Gazetteer(PlacePicks):
    """Name → ``Place`` lookups over a gazetteer SQLite file (opened read-only)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._lookup = lru_cache(maxsize=65536)(self._lookup_norm)
        self._known = lru_cache(maxsize=131072)(self._known_norm)
        self._country = lru_cache(maxsize=512)(self._country_iso)
        self._cname = lru_cache(maxsize=4096)(self._country_by_norm)
        self._demonym = lru_cache(maxsize=8192)(self._demonym_norm)
        self._admin1 = lru_cache(maxsize=8192)(self._admin1_norm)
        self._part = lru_cache(maxsize=4096)(self._part_of)
        self._capital = lru_cache(maxsize=512)(self._capital_of)
        self._words: dict[str, list[tuple[Place, tuple[str, ...]]]] | None = None  # built on first use

    @classmethod
    def open(cls, path: str | Path) -> Gazetteer:
        """Open a built gazetteer read-only.

        Args:
            path: the SQLite file written by ``build_gazetteer``.

        Raises:
            ResourceError: the file is missing or is not a sitrep gazetteer.
        """
        p = Path(path).expanduser()
        if not p.is_file():
            raise ResourceError(f"gazetteer not found: {p}", hint="run `sitrep gazetteer build`")
        try:
            conn = sqlite3.connect(f"file:{p}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ResourceError(
                f"not a gazetteer file: {p} ({exc})", hint="run `sitrep gazetteer build`"
            ) from exc
        if not version or version[0] != SCHEMA_VERSION:
            raise ResourceError(
                f"gazetteer {p} has schema {version and version[0]!r}, need {SCHEMA_VERSION}",
                hint="run `sitrep gazetteer build`",
            )
        return cls(conn, p)

    @staticmethod
    def is_current(path: str | Path) -> bool:
        """Whether ``path`` is a gazetteer this version of sitrep can open (exists, right schema)."""
        try:
            Gazetteer.open(path).close()
        except ResourceError:
            return False
        return True

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        """Pickle as the path; the worker reopens the file."""
        return (Gazetteer.open, (str(self.path),))

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def meta(self) -> dict[str, str]:
        """Build metadata (sources, versions, counts)."""
        return dict(self._conn.execute("SELECT key, value FROM meta").fetchall())

    # -- names -------------------------------------------------------------------------------

    def lookup(
        self, name: str, country: str | None = None, *, alternates: bool = True, abbreviations: bool = False
    ) -> list[Place]:
        """Places whose name or alternate name is ``name``, best first (population, feature).

        Args:
            name: the place name as written (case and accents do not matter).
            country: keep only places in this ISO2 country.
            alternates: also match GeoNames alternate names and aliases.
            abbreviations: also match abbreviations such as "Ky." (for "Town, Ky.").
        """
        max_kind = KIND_ABBR if abbreviations else (KIND_ALIAS if alternates else KIND_NAME)
        found = [p for p, kind in self._lookup(normalize(name)) if kind <= max_kind]
        if country:
            found = [p for p in found if p.country == country.upper()]
        return found

    def candidates(self, name: str) -> list[tuple[Place, int]]:
        """Every place called ``name`` with how it is so called (``KIND_*``), best first."""
        return list(self._lookup(normalize(name)))

    def _lookup_norm(self, key: str) -> tuple[tuple[Place, int], ...]:
        if not key:
            return ()
        rows = self._conn.execute(
            f"SELECT {PLACE_COLS}, n.kind FROM names n JOIN places p ON p.geonameid = n.geonameid "
            "WHERE n.name = ?",
            (key,),
        ).fetchall()
        cands = [(place_of(r[:-1]), int(r[-1])) for r in rows]
        cands.sort(key=lambda c: (-prior(c[0]), c[1], c[0].geonameid or 0))
        return tuple(cands)

    def is_place_name(self, text: str) -> bool:
        """Whether ``text`` is a name (or alternate name, alias) of any place: a fast membership test."""
        return self._known(normalize(text))

    def _known_norm(self, key: str) -> bool:
        if not key:
            return False
        row = self._conn.execute(
            "SELECT 1 FROM names WHERE name = ? AND kind < ? LIMIT 1", (key, KIND_ABBR)
        ).fetchone()
        return row is not None

    # -- countries ---------------------------------------------------------------------------

    def country(self, iso2: str) -> Place | None:
        """The country-level place (its GeoNames-style point) for an ISO 3166-1 alpha-2 code."""
        return self._country(iso2.upper()) if iso2 else None

    def _country_iso(self, iso2: str) -> Place | None:
        row = self._conn.execute(
            f"SELECT {PLACE_COLS} FROM countries c JOIN places p ON p.geonameid = c.geonameid "
            "WHERE c.iso2 = ?",
            (iso2,),
        ).fetchone()
        return place_of(row) if row else None

    def admin1_with_word(self, name: str) -> tuple[Place, ...]:
        """First-level areas one of whose names holds ``name`` as whole words ("Darfur" → North,
        South, West, Central and East Darfur), best first."""
        key = normalize(name)
        if self._words is None:
            self._words = self._admin1_words()
        first = key.split()[0] if key else ""
        return tuple(
            p for p, names in self._words.get(first, ()) if any(f" {key} " in f" {n} " for n in names)
        )

    def _admin1_words(self) -> dict[str, list[tuple[Place, tuple[str, ...]]]]:
        rows = self._conn.execute(
            f"SELECT {PLACE_COLS}, n.name FROM names n JOIN places p ON p.geonameid = n.geonameid "
            "WHERE p.feature_code = 'ADM1' AND n.kind <= ?",
            (KIND_ALIAS,),
        ).fetchall()
        names: dict[int, tuple[Place, set[str]]] = {}
        for row in rows:
            place = place_of(row[:-1])
            names.setdefault(place.geonameid or 0, (place, set()))[1].add(row[-1])
        index: dict[str, list[tuple[Place, tuple[str, ...]]]] = {}
        for place, known in sorted(names.values(), key=lambda pn: -prior(pn[0])):
            for word in {w for n in known for w in n.split()}:
                index.setdefault(word, []).append((place, tuple(known)))
        return index

    def capital(self, iso2: str) -> Place | None:
        """The capital city of a country (its most populous PPLC place), if the gazetteer has one."""
        return self._capital(iso2.upper()) if iso2 else None

    def _capital_of(self, iso2: str) -> Place | None:
        row = self._conn.execute(
            f"SELECT {PLACE_COLS} FROM places p WHERE p.country = ? AND p.feature_code = 'PPLC' "
            "ORDER BY p.population DESC LIMIT 1",
            (iso2,),
        ).fetchone()
        return place_of(row) if row else None

    def admin1_capital(self, area: Place) -> Place | None:
        """The most populous town of a first-level area (the gazetteer has no seats of areas)."""
        row = self._conn.execute(
            f"SELECT {PLACE_COLS} FROM places p WHERE p.country = ? AND p.admin1_name = ? "
            "AND p.feature_class = 'P' ORDER BY p.population DESC LIMIT 1",
            (area.country, area.admin1),
        ).fetchone()
        return place_of(row) if row else None

    def part_of(self, area: Place, direction: str) -> Place:
        """A point for "northern Mali", "central Ségou": the middle of that part of the area.

        "northern" keeps the top 40 %% of the area's latitude range, "central" the middle 40 %% of
        both ranges. A first-level area's range is its towns' 5th to 95th percentile and the point
        their mean. A country's towns crowd where its people live (Kenya's in its south-west), so a
        country is read from the ground its towns cover: the grid cells they occupy in its main
        body, each counted once, and the point is the mean of the cells in that part: a sparse
        north is still the north. Falls back to the area's own point when it has too few towns.
        """
        return self._part(area, direction.lower())

    def _part_of(self, area: Place, direction: str) -> Place:
        if area.feature_code == "ADM1" and area.admin1:
            rows = self._conn.execute(
                "SELECT latitude, longitude FROM places WHERE country = ? AND admin1_name = ? "
                "AND feature_class = 'P'",
                (area.country, area.admin1),
            ).fetchall()
        else:
            rows = self._conn.execute(
                "SELECT latitude, longitude FROM places WHERE country = ? AND feature_class = 'P'",
                (area.country,),
            ).fetchall()
        bands = parts.bands(direction)
        if len(rows) < 5 or bands == (None, None):
            return area
        points = [(float(r[0]), float(r[1])) for r in rows]
        sel = (
            parts.in_part(points, bands)
            if area.feature_code == "ADM1"
            else parts.in_part(parts.cells(points), bands, 0.02)
        )
        if not sel:
            return area
        lat = sum(c[0] for c in sel) / len(sel)
        lon = sum(c[1] for c in sel) / len(sel)
        return Place(
            f"{direction} {area.name}",
            round(lat, 4),
            round(lon, 4),
            area.country,
            None,
            area.admin1,
            "L",
            "RGN",
            0,
        )

    def admin1_in_part(self, iso2: str, direction: str) -> tuple[tuple[str, Place], ...]:
        """The first-level areas of a country that lie in the part a direction names ("northern
        Mali": Tombouctou, Gao, Kidal, ...), as (key "ML.08", area) pairs, by key.

        An area is in the part when its towns' mean lies well on the part's side of the country's
        middle (the mean of the ground its towns cover, ``parts.cells``): along the line from the
        middle to ``part_of``'s point, at least ``PART_REACH`` of the way to that point. A middle part
        ("central") has no side: none.
        """
        country = self.country(iso2)
        if country is None:
            return ()
        part = self.part_of(country, direction)
        if part is country or parts.bands(direction.lower()) == parts.bands("central"):
            return ()
        rows = self._conn.execute(
            "SELECT latitude, longitude, admin1_code FROM places WHERE country = ? AND feature_class = 'P'",
            (country.country,),
        ).fetchall()
        body = parts.cells([(float(r[0]), float(r[1])) for r in rows])
        if not body:
            return ()
        mid = (sum(c[0] for c in body) / len(body), sum(c[1] for c in body) / len(body))
        axis = (part.latitude - mid[0], part.longitude - mid[1])
        reach = axis[0] ** 2 + axis[1] ** 2
        if reach < 0.25:  # within half a degree of the middle: no side
            return ()
        towns: dict[str, list[tuple[float, float]]] = {}
        for lat, lon, code in rows:
            if code:
                towns.setdefault(f"{country.country}.{code}", []).append((float(lat), float(lon)))
        found: list[tuple[str, Place]] = []
        for key, pts in sorted(towns.items()):
            mean = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
            if ((mean[0] - mid[0]) * axis[0] + (mean[1] - mid[1]) * axis[1]) / reach < PART_REACH:
                continue
            row = self._conn.execute(
                f"SELECT {PLACE_COLS} FROM admin1 a JOIN places p ON p.geonameid = a.geonameid"
                " WHERE a.code = ?",
                (key,),
            ).fetchone()
            if row:
                found.append((key, place_of(row)))
        return tuple(found)

    def admin1_key(self, area: Place) -> str | None:
        """The key ("ML.08") of a first-level area, or of the area a place lies in."""
        if not area.country or not area.admin1:
            return None
        row = self._conn.execute(
            "SELECT code FROM admin1 WHERE code LIKE ? AND name = ?", (f"{area.country}.%", area.admin1)
        ).fetchone()
        return str(row[0]) if row else None

    def country_by_name(self, name: str) -> Place | None:
        """The country a name denotes ("Mali", "Ivory Coast", "Congo", "US", "Britain"), if any."""
        return self._cname(normalize(name))

    def _country_by_norm(self, key: str) -> Place | None:
        if key.startswith("the "):
            key = key[4:]
        row = self._conn.execute("SELECT iso2 FROM country_names WHERE name = ?", (key,)).fetchone()
        return self.country(row[0]) if row else None

    def country_name(self, iso2: str) -> str | None:
        """Short English country name for actor strings ("Mali", "Democratic Republic of Congo")."""
        row = self._conn.execute(
            "SELECT short_name FROM countries WHERE iso2 = ?", ((iso2 or "").upper(),)
        ).fetchone()
        return str(row[0]) if row else None

    def country_of_demonym(self, word: str) -> str | None:
        """ISO2 of the country a demonym or adjective refers to ("Malian" → "ML", "Malians" → "ML")."""
        return self._demonym(normalize(word))

    def _demonym_norm(self, key: str) -> str | None:
        if not key:
            return None
        forms = [key]
        if key.endswith("es"):
            forms.append(key[:-2])
        if key.endswith("s"):
            forms.append(key[:-1])
        for form in forms:
            row = self._conn.execute("SELECT iso2 FROM demonyms WHERE word = ?", (form,)).fetchone()
            if row:
                return str(row[0])
        return None

    def demonym_place(self, word: str) -> Place | None:
        """The continent an adjective names ("European" → Europe), if the gazetteer has one."""
        row = self._conn.execute(
            f"SELECT {PLACE_COLS} FROM demonym_places d JOIN places p ON p.geonameid = d.geonameid "
            "WHERE d.word = ?",
            (normalize(word),),
        ).fetchone()
        return place_of(row) if row else None

    # -- admin areas -------------------------------------------------------------------------

    def admin1(self, name: str, country: str | None = None) -> list[Place]:
        """First-level admin areas called ``name`` (optionally in one country), best first."""
        found = self._admin1(normalize(name))
        return [p for p in found if country is None or p.country == country.upper()]

    def _admin1_norm(self, key: str) -> tuple[Place, ...]:
        return tuple(p for p, _ in self._lookup_norm(key) if p.feature_code == "ADM1")

    def cache_info(self) -> dict[str, Any]:
        """Hit/miss counters of the lookup caches (for profiling)."""
        return {"lookup": self._lookup.cache_info(), "known": self._known.cache_info()}
