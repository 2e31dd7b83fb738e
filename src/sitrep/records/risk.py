"""``RiskLevel`` and ``RiskContribution``: an area's risk level on one day, with the events behind it.

An area is a country (``"ML"``) or one of its admin1 regions (``"ML.Ségou"``: the country's ISO2,
a dot, the admin1 name as the events carry it). The formula that makes them is in ``sitrep.risk``
and ``docs/risk.md``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

LABELS: dict[int, str] = {  # worded like the governments' four-step ladders
    1: "Exercise normal precautions",
    2: "Exercise increased caution",
    3: "Reconsider travel",
    4: "Do not travel",
}


@dataclass(frozen=True, slots=True)
class RiskContribution:
    """One event's part in a level: its weight in the score, and why (e.g. "3 deaths, violence
    against civilians, 4 days ago")."""

    event_id: str
    weight: float
    why: str


@dataclass(frozen=True, slots=True)
class RiskLevel:
    """An area's level on ``as_of``: the score, its baseline and every contributing event."""

    area: str  # "ML" (a country) or "ML.Ségou" (country + "." + admin1)
    country: str
    admin1: str | None
    name: str
    level: int  # 1..4
    label: str  # ``LABELS[level]``
    score: float  # sum of the contributions' weights times ``spread``
    baseline: float  # the area's usual 30-day intensity (mean over the trailing baseline period)
    as_of: str  # ISO date
    contributions: tuple[RiskContribution, ...]
    spread: float = 1.0  # 1 + ln(distinct places): locations (admin1 area) or admin1s (country)
    recent: float = 0.0  # the undecayed 30-day intensity compared with ``baseline``
    anomaly: bool = False  # ``recent`` is far above ``baseline``: the level is lifted one step
    raw_level: int = 1  # the level the score (and anomaly) alone gives, before hysteresis
    below_days: int = 0  # days in a row the score has stayed under the lower threshold of ``level``

    def to_dict(self) -> dict[str, Any]:
        """JSON shape (contributions as objects)."""
        return asdict(self)
