"""The install-time build of the gazetteer file that ``geo.gazetteer`` reads (``sitrep gazetteer``).

Not imported at run time: the pipeline only opens the built file.
"""

from __future__ import annotations

from .build import build_from_rows, build_gazetteer
from .dumps import load_geonames_dump, read_geonames_dump
from .rows import CountryRow, PlaceRow

__all__ = [
    "CountryRow",
    "PlaceRow",
    "build_from_rows",
    "build_gazetteer",
    "load_geonames_dump",
    "read_geonames_dump",
]
