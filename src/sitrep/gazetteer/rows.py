"""The rows a gazetteer is written from: ``PlaceRow`` (a GeoNames-shaped entry) and ``CountryRow``.

Both the package readers (``sources.py``, ``dumps.py``) and the writer (``build.py``) use them, so
they live here, below all three.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["CountryRow", "PlaceRow"]


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One gazetteer entry to write (GeoNames-shaped)."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country: str
    admin1_code: str = ""  # GeoNames admin1 code within the country ("05"), not "ML.05"
    population: int = 0
    alternates: tuple[str, ...] = ()
    source: str = ""


@dataclass(slots=True)
class CountryRow:
    """One country: identity, names, demonyms and its representative point."""

    iso2: str
    geonameid: int
    name: str
    iso3: str = ""
    capital: str = ""
    population: int = 0
    point: tuple[float, float] | None = None
    aliases: set[str] = field(default_factory=set)
    demonyms: set[str] = field(default_factory=set)
