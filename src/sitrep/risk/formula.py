"""The risk formula: an area's level on one day from its events and its level the day before.

Pure functions, no store (``docs/risk.md`` gives the formula with a worked example). For an
area (a country or one admin1 region) on day ``D``, each live, dated, non-background event ``e``
of the last ``window_days`` days (age ``a = D - date``, ``0 <= a < window_days``) weighs

    base(e)   = type_weight(e) x (1 + ln(1 + fatalities(e))) x (0.5 if hedged)
    weight(e) = base(e) x 0.5 ** (a / half_life_days)

``type_weight``: violence against civilians ``civilian_weight`` (2.0), battles and explosions/
remote violence 1.5, riots 1.0, protests and strategic developments 0.25. Fatalities are the
best estimate, log-scaled so one large, uncertain toll cannot outweigh many reports.

    spread = 1 + ln(max(1, places))   places: distinct locations of those events (an admin1 area)
                                      or distinct admin1 regions (a country)
    score  = spread x sum(weight(e))

The baseline trigger (after OCHA's HDX Signals: this month against the area's own past):

    recent   = sum(base(e)) over the window (no decay)
    baseline = sum(base(e)) over the ``baseline_days`` before the window x window / baseline_days
    anomaly  = recent >= anomaly_min and recent >= anomaly_ratio x baseline

The level the score gives is 1 plus the number of ``thresholds`` it reaches; an anomaly lifts
it one step (at most 4). Hysteresis: that level is taken at once when it is higher than the
previous day's; it is lower, the level comes down one step only after the score has stayed under
``down_ratio`` x the current level's threshold for ``down_days`` days in a row.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .. import taxonomy as tx
from ..errors import ConfigError
from ..records import RiskContribution, RiskLevel
from ..records.risk import LABELS

TYPE_WEIGHTS: dict[str, float] = {  # the civilian weight is a setting (``risk_civilian_weight``)
    tx.BATTLES: 1.5,
    tx.EXPLOSIONS: 1.5,
    tx.RIOTS: 1.0,
    tx.PROTESTS: 0.25,
    tx.STRATEGIC: 0.25,
}
DEFAULT_THRESHOLDS = (3.0, 12.0, 40.0)
HEDGED_FACTOR = 0.5  # an unconfirmed or hedged report counts half


@dataclass(frozen=True, slots=True)
class RiskParams:
    """The formula's knobs (``Settings.risk_*``; ``from_settings``)."""

    half_life_days: float = 7.0
    window_days: int = 30
    baseline_days: int = 180
    civilian_weight: float = 2.0
    thresholds: tuple[float, float, float] = DEFAULT_THRESHOLDS  # the scores of levels 2, 3, 4
    down_ratio: float = 0.8
    down_days: int = 7
    anomaly_ratio: float = 2.0
    anomaly_min: float = 5.0

    def __post_init__(self) -> None:
        a, b, c = self.thresholds
        if not (0 < a <= b <= c) or self.half_life_days <= 0 or self.window_days < 1:
            raise ConfigError(
                "risk settings: the level scores must rise (risk_level2_score <= 3 <= 4, all > 0),"
                " the half-life and the window be positive",
                hint="see docs/risk.md",
            )
        if self.baseline_days < 0 or self.down_days < 1 or not 0 < self.down_ratio <= 1:
            raise ConfigError(
                "risk settings: risk_baseline_days >= 0, risk_down_days >= 1, 0 < risk_down_ratio <= 1",
                hint="see docs/risk.md",
            )

    @classmethod
    def from_settings(cls, settings: Any) -> RiskParams:
        """The params of a ``Settings``."""
        return cls(
            half_life_days=settings.risk_half_life_days,
            window_days=settings.risk_window_days,
            baseline_days=settings.risk_baseline_days,
            civilian_weight=settings.risk_civilian_weight,
            thresholds=(settings.risk_level2_score, settings.risk_level3_score, settings.risk_level4_score),
            down_ratio=settings.risk_down_ratio,
            down_days=settings.risk_down_days,
            anomaly_ratio=settings.risk_anomaly_ratio,
            anomaly_min=settings.risk_anomaly_min,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON shape (``from_dict`` reads it back)."""
        return {
            "half_life_days": self.half_life_days,
            "window_days": self.window_days,
            "baseline_days": self.baseline_days,
            "civilian_weight": self.civilian_weight,
            "thresholds": list(self.thresholds),
            "down_ratio": self.down_ratio,
            "down_days": self.down_days,
            "anomaly_ratio": self.anomaly_ratio,
            "anomaly_min": self.anomaly_min,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RiskParams:
        """Inverse of ``to_dict``."""
        t = d.get("thresholds") or DEFAULT_THRESHOLDS
        return cls(**{**{k: v for k, v in d.items() if k != "thresholds"}, "thresholds": (t[0], t[1], t[2])})


@dataclass(frozen=True, slots=True)
class RiskEvent:
    """What the formula reads of a canonical event."""

    event_id: str
    date: date
    event_type: str
    sub_event_type: str = ""
    fatalities: int | None = None
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    hedged: bool = False


def area_key(country: str, admin1: str | None = None) -> str:
    """``"ML"`` for a country, ``"ML.Ségou"`` for one of its admin1 regions."""
    return f"{country.upper()}.{admin1}" if admin1 else country.upper()


def split_area(area: str) -> tuple[str, str | None]:
    """(country, admin1 or None) of an area key."""
    country, _, admin1 = area.partition(".")
    return country.upper(), admin1 or None


def type_weight(event_type: str, params: RiskParams) -> float:
    """The weight of an event type (violence against civilians: ``params.civilian_weight``)."""
    if event_type == tx.VIOLENCE_AGAINST_CIVILIANS:
        return params.civilian_weight
    return TYPE_WEIGHTS.get(event_type, 0.25)


def base_weight(e: RiskEvent, params: RiskParams) -> float:
    """type weight x (1 + ln(1 + fatalities)) x (0.5 when hedged): the event's weight on its day."""
    deaths = max(0, e.fatalities or 0)
    return type_weight(e.event_type, params) * (1 + math.log1p(deaths)) * (HEDGED_FACTOR if e.hedged else 1.0)


def decay(age_days: int, params: RiskParams) -> float:
    """0.5 ** (age / half-life)."""
    return float(0.5 ** (age_days / params.half_life_days))


def spread_factor(events: Sequence[RiskEvent], by_admin1: bool) -> float:
    """1 + ln(distinct places): admin1 regions for a country, locations for an admin1 region."""
    places = {(e.admin1 if by_admin1 else e.location) for e in events}
    places.discard(None)
    return 1 + math.log(max(1, len(places)))


def score_level(score: float, anomaly: bool, params: RiskParams) -> int:
    """1 + the thresholds the score reaches, one step higher on an anomaly (at most 4)."""
    level = 1 + sum(score >= t for t in params.thresholds)
    return min(4, level + 1) if anomaly else level


def _why(e: RiskEvent, age: int) -> str:
    deaths = e.fatalities or 0
    toll = "no deaths reported" if deaths == 0 else "1 death" if deaths == 1 else f"{deaths} deaths"
    what = e.event_type.lower()
    if e.sub_event_type and e.sub_event_type.lower() != what:
        what += f" ({e.sub_event_type.lower()})"
    where = f", {e.location}" if e.location else ""
    when = "today" if age == 0 else "1 day ago" if age == 1 else f"{age} days ago"
    hedged = ", unconfirmed" if e.hedged else ""
    return f"{toll}, {what}{where}, {when}{hedged}"


def assess(
    area: str,
    events: Sequence[RiskEvent],
    as_of: date,
    previous: RiskLevel | None = None,
    params: RiskParams | None = None,
    name: str | None = None,
) -> RiskLevel:
    """The level of ``area`` on ``as_of`` from its events (any dates: those outside the window and
    the baseline period are ignored) and its level on an earlier day (None: level 1)."""
    p = params or RiskParams()
    country, admin1 = split_area(area)
    window: list[tuple[RiskEvent, int]] = []
    recent = past = 0.0
    for e in events:
        age = (as_of - e.date).days
        if 0 <= age < p.window_days:
            window.append((e, age))
            recent += base_weight(e, p)
        elif p.window_days <= age < p.window_days + p.baseline_days:
            past += base_weight(e, p)
    baseline = past * p.window_days / p.baseline_days if p.baseline_days else 0.0
    weights = sorted(
        ((base_weight(e, p) * decay(age, p), e, age) for e, age in window),
        key=lambda t: (-t[0], t[1].event_id),
    )
    spread = spread_factor([e for e, _ in window], by_admin1=admin1 is None)
    score = spread * sum(w for w, _, _ in weights)
    anomaly = bool(window) and recent >= p.anomaly_min and recent >= p.anomaly_ratio * baseline
    raw = score_level(score, anomaly, p)
    level, below = raw, 0
    if previous is not None and raw < previous.level:
        gap = max(1, (as_of - date.fromisoformat(previous.as_of)).days)
        lower = p.down_ratio * p.thresholds[previous.level - 2]
        level, below = previous.level, 0
        if score < lower:
            below = previous.below_days + gap
            if below >= p.down_days:
                level, below = previous.level - 1, 0
    return RiskLevel(
        area=area,
        country=country,
        admin1=admin1,
        name=name or (f"{admin1}, {country}" if admin1 else country),
        level=level,
        label=LABELS[level],
        score=round(score, 4),
        baseline=round(baseline, 4),
        as_of=as_of.isoformat(),
        contributions=tuple(RiskContribution(e.event_id, round(w, 4), _why(e, age)) for w, e, age in weights),
        spread=round(spread, 4),
        recent=round(recent, 4),
        anomaly=anomaly,
        raw_level=raw,
        below_days=below,
    )


def quiet(level: RiskLevel | None) -> bool:
    """Level 1 with nothing in its window: the days after it change nothing until an event."""
    return level is None or (level.level == 1 and not level.contributions and level.below_days == 0)


def series(
    area: str,
    events: Sequence[RiskEvent],
    start: date,
    end: date,
    previous: RiskLevel | None = None,
    params: RiskParams | None = None,
    name: str | None = None,
) -> list[RiskLevel]:
    """The levels of ``area`` from ``start`` to ``end`` (days), each from the day before's.

    Quiet days (level 1, nothing in the window, after a quiet day) are left out: the series
    holds the days something weighed, and the first quiet day after them. ``events`` must cover
    ``start - window - baseline`` to ``end``.
    """
    p = params or RiskParams()
    ordered = sorted(events, key=lambda e: e.date)
    days = [e.date for e in ordered]
    reach = p.window_days + p.baseline_days
    out: list[RiskLevel] = []
    prev = previous
    day = start
    while day <= end:  # bounded: one step per day, or a jump to the next event
        if quiet(prev):
            nxt = bisect_left(days, day - timedelta(days=p.window_days - 1))  # next event that weighs
            if nxt == len(days) or days[nxt] > end:
                break
            day = max(day, days[nxt])
        lo = bisect_left(days, day - timedelta(days=reach - 1))
        hi = bisect_right(days, day)
        prev = assess(area, ordered[lo:hi], day, prev, p, name)
        out.append(prev)
        day += timedelta(days=1)
    return out
