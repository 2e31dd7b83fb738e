"""Stage 3, geo: place names in a parsed document → gazetteer places with coordinates and geo_precision.

``geoparse`` recognises and resolves a document's toponyms into a ``GeoContext``; the event stage
asks ``place_for_span`` where an event happened. Loading this package registers the default
geocoder, ``"geo.gazetteer.v1"`` (``resolve.py``).
"""

from __future__ import annotations

from .context import GeoContext, Locator, TopoInfo, geoparse_row, place_for_span, toponym_dict
from .gazetteer import Gazetteer, normalize
from .resolve import geoparse

__all__ = [
    "Gazetteer",
    "GeoContext",
    "Locator",
    "TopoInfo",
    "geoparse",
    "geoparse_row",
    "normalize",
    "place_for_span",
    "toponym_dict",
]
