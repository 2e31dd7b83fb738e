"""Stage 4, geo: place names in the text → gazetteer places with coordinates and geo_precision."""

from __future__ import annotations

from .gazetteer import Gazetteer, normalize

__all__ = ["Gazetteer", "normalize"]
