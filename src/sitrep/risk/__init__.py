"""Explainable risk levels per country and admin1 region, recomputed as events arrive.

``formula`` is the pure formula (``assess``: one day's level from events and the level before;
``series``: day after day), ``levels`` keeps the series in the store and reads it back, and
``beside`` shows levels next to official advisories. The formula is written out in
``docs/risk.md`` and the README.
"""

from __future__ import annotations

from .beside import LevelWithAdvisories, bears_on, beside_advisories, official_advisories
from .formula import RiskEvent, RiskParams, area_key, assess, base_weight, decay, series, split_area
from .levels import (
    areas_of,
    current_level,
    current_levels,
    find_area,
    level_series,
    recompute_all,
    recompute_areas,
    stored_params,
)

__all__ = [
    "LevelWithAdvisories",
    "RiskEvent",
    "RiskParams",
    "area_key",
    "areas_of",
    "assess",
    "base_weight",
    "bears_on",
    "beside_advisories",
    "current_level",
    "current_levels",
    "decay",
    "find_area",
    "level_series",
    "official_advisories",
    "recompute_all",
    "recompute_areas",
    "series",
    "split_area",
    "stored_params",
]
