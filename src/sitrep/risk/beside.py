"""Risk levels shown next to the official advisories of the same areas.

``beside_advisories`` pairs each level with the advisories that bear on its area. It takes
advisory-like records (anything with ``country``, ``admin1``, ``level``, ``issuer``), so it
does not depend on ``sitrep.advisories``: the caller (the API, a report) reads them and hands
them over; ``official_advisories`` reads them from the store when ``sitrep.advisories`` exists
(``list_advisories(store, country=...)``), and is the one place to change if that call changes.
An advisory bears on an area when it is for the area's country and is either country-wide (no
``admin1``) or names the area's admin1 region (its ``admin1_names``, or ``admin1``, against the
region's name as the events carry it, casefolded).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..records import RiskLevel


@dataclass(frozen=True, slots=True)
class LevelWithAdvisories:
    """A risk level and the official advisories on its area (highest level first)."""

    level: RiskLevel
    advisories: tuple[Any, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON shape: the level, and each advisory's ``to_dict()`` or public fields."""
        return {**self.level.to_dict(), "advisories": [_advisory_dict(a) for a in self.advisories]}


def _folded(s: str | None) -> str:
    return (s or "").strip().casefold()


def bears_on(advisory: Any, level: RiskLevel) -> bool:
    """Whether an advisory-like record is for the level's area (see the module docstring)."""
    if _folded(getattr(advisory, "country", None)) != _folded(level.country):
        return False
    regions = tuple(getattr(advisory, "admin1", ()) or ())
    if not regions:
        return True
    names = regions + tuple(getattr(advisory, "admin1_names", ()) or ())  # keys ("ML.08") and names
    return level.admin1 is not None and _folded(level.admin1) in {_folded(r) for r in names}


def beside_advisories(levels: Sequence[RiskLevel], advisories: Sequence[Any]) -> list[LevelWithAdvisories]:
    """Each level with the advisories that bear on its area, highest advisory level first."""
    return [
        LevelWithAdvisories(
            lv,
            tuple(
                sorted(
                    (a for a in advisories if bears_on(a, lv)),
                    key=lambda a: (-(getattr(a, "level", None) or 0), str(getattr(a, "issuer", ""))),
                )
            ),
        )
        for lv in levels
    ]


def _advisory_dict(a: Any) -> dict[str, Any]:
    if hasattr(a, "to_dict"):
        return dict(a.to_dict())
    keys = ("advisory_id", "issuer", "country", "admin1", "level", "level_label", "date", "kind")
    return {k: getattr(a, k) for k in keys if hasattr(a, k)}


def official_advisories(store: Any, country: str | None = None) -> list[Any]:
    """The stored official advisories (of one country), through ``sitrep.advisories.list_advisories``;
    none while that module is not installed."""
    try:
        module = importlib.import_module("sitrep.advisories")
    except ModuleNotFoundError:
        return []
    read = getattr(module, "list_advisories", None)
    return list(read(store, country=country)) if read is not None else []
