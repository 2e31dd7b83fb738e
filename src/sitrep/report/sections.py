"""The risk-level and advisory sections: small functions over lists of records.

``sitrep.risk`` (risk levels) and ``sitrep.advisories`` (advisories and threats) are separate
parts of sitrep. The report reads them only when they are installed (``importlib.util.find_spec``);
without them the sections say so. The row builders take any records shaped like the shared
interface (``RiskLevel``, ``Advisory``), so they are tested with small stand-ins.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Sequence
from typing import Any, Protocol

from ..records import AdvisoryRow, LevelRow
from ..records.advisory import AdvisoryLike
from .window import Region

MAX_WHY = 3  # contributions worded per level
MAX_ADVISORIES = 20


class Contribution(Protocol):
    @property
    def event_id(self) -> str: ...
    @property
    def weight(self) -> float: ...
    @property
    def why(self) -> str: ...


class RiskLevelLike(Protocol):
    """What the report reads of a ``sitrep.risk.RiskLevel``."""

    @property
    def area(self) -> str: ...
    @property
    def country(self) -> str: ...
    @property
    def admin1(self) -> str | None: ...
    @property
    def name(self) -> str: ...
    @property
    def level(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def as_of(self) -> str: ...
    @property
    def contributions(self) -> Sequence[Contribution]: ...


def level_rows(levels: Sequence[RiskLevelLike], region: Region) -> tuple[LevelRow, ...]:
    """The levels of the region's country (for an admin1 report: the country's own and that
    area's), the country first, then its areas highest first, each with its heaviest contributions."""
    rows = []
    for lv in levels:
        if lv.country.upper() != region.country:
            continue
        if region.admin1 is not None and lv.admin1 is not None:
            if region.admin1.casefold() not in (lv.admin1.casefold(), lv.name.casefold()):
                continue
        top = sorted(lv.contributions, key=lambda c: (-c.weight, c.event_id))[:MAX_WHY]
        rows.append(
            LevelRow(
                area=lv.area,
                name=lv.name,
                level=int(lv.level),
                label=lv.label,
                as_of=lv.as_of,
                why=tuple(c.why for c in top),
                event_ids=tuple(c.event_id for c in top),
            )
        )
    rows.sort(key=lambda r: (r.area.upper() != region.country, -r.level, r.name))
    return tuple(rows)


def advisory_rows(advisories: Sequence[AdvisoryLike], region: Region) -> tuple[AdvisoryRow, ...]:
    """The advisories bearing on the region's country, newest first (at most ``MAX_ADVISORIES``)."""
    rows = []
    for a in advisories:
        if a.country.upper() != region.country:
            continue
        limited = a.region or (", ".join(a.admin1) if a.admin1 else None)
        first = a.evidence[0] if a.evidence else None
        rows.append(
            AdvisoryRow(
                advisory_id=a.advisory_id,
                kind=a.kind,
                issuer=a.issuer,
                area=a.country + (f" ({limited})" if limited else ""),
                level=a.level,
                level_label=a.level_label,
                threats=tuple(a.threats),
                date=a.date,
                quote=first.text if first else None,
                url=first.url if first else None,
            )
        )
    rows.sort(key=lambda r: (r.date or "", r.level or 0), reverse=True)
    return tuple(rows[:MAX_ADVISORIES])


def _optional(module: str, function: str) -> Any:
    """``module.function`` when that part of sitrep is installed, else None."""
    try:
        if importlib.util.find_spec(module) is None:
            return None
    except ModuleNotFoundError:
        return None
    return getattr(importlib.import_module(module), function, None)


def read_levels(store: Any, region: Region) -> tuple[LevelRow, ...] | None:
    """The region's current risk levels from ``sitrep.risk.current_levels``; None when absent."""
    current = _optional("sitrep.risk", "current_levels")
    if current is None:
        return None
    return level_rows(current(store, country=region.country), region)


def read_advisories(store: Any, region: Region) -> tuple[AdvisoryRow, ...] | None:
    """The region's advisories from ``sitrep.advisories.list_advisories``; None when absent."""
    listed = _optional("sitrep.advisories", "list_advisories")
    if listed is None:
        return None
    return advisory_rows(listed(store, country=region.country), region)
