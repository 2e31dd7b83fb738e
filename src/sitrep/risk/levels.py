"""Risk levels in the store: recomputed as events arrive, rebuilt on demand, read back.

The series of an area runs day by day up to the store's latest event day (never past today,
UTC): ``recompute_areas`` redoes it from the earliest day a change can reach (the earliest
changed event's date) from the level stored the day before, so hysteresis carries on; areas whose
series stopped before that day are carried forward to it (their levels decay), within a time
budget. ``recompute_all`` rebuilds every area with the given settings, which later incremental
recomputes then reuse (``store.risk_params``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..errors import NotFoundError
from ..records import RiskLevel
from ..store.base import Store
from .formula import RiskEvent, RiskParams, area_key, series, split_area

log = logging.getLogger(__name__)
CARRY_SECONDS = 2.0  # how long one recompute may spend carrying quiet areas forward


def _events(rows: Iterable[dict[str, Any]]) -> list[RiskEvent]:
    return [
        RiskEvent(
            event_id=r["event_id"],
            date=date.fromisoformat(str(r["date"])[:10]),
            event_type=r["event_type"],
            sub_event_type=r["sub_event_type"] or "",
            fatalities=r["fatalities"],
            country=r["country"],
            admin1=r["admin1"],
            location=r["location"],
            hedged=bool(r["hedged"]),
        )
        for r in rows
    ]


def stored_params(store: Store) -> RiskParams:
    """The settings the store's levels were last rebuilt with (the defaults if never)."""
    kept = store.risk_params()
    return RiskParams.from_dict(kept) if kept else RiskParams()


def _through(store: Store) -> date | None:
    """The last day of every series: the newest event's date, never past today (UTC)."""
    last = store.latest_event_day()
    if last is None:
        return None
    return min(date.fromisoformat(last[:10]), datetime.now(UTC).date())


def _recompute(store: Store, area: str, since: date | None, end: date, params: RiskParams) -> int:
    """Redo ``area`` from ``since`` (None: its first event) to ``end``; the days written."""
    country, admin1 = split_area(area)
    reach = timedelta(days=params.window_days + params.baseline_days)
    previous = None
    if since is not None:
        previous = store.risk_level_before(area, since.isoformat())
        if previous is not None:  # a series that stopped early goes on from where it stopped
            since = min(since, date.fromisoformat(previous.as_of) + timedelta(days=1))
        lo = (since - reach).isoformat()
    else:
        lo = None
    events = _events(store.risk_events(country, admin1, lo, end.isoformat()))
    if since is None:
        if not events:
            store.write_risk_levels(area, None, [])
            return 0
        since = min(e.date for e in events)
    levels = series(area, events, since, end, previous, params)
    store.write_risk_levels(area, since.isoformat(), levels)
    return len(levels)


def recompute_areas(
    store: Store,
    changed: Mapping[str, date | None],
    *,
    params: RiskParams | None = None,
    carry_seconds: float = CARRY_SECONDS,
) -> int:
    """Recompute the areas whose events changed, each from its earliest changed day (None: from
    its first event), then carry the other areas forward to the new last day while
    ``carry_seconds`` last. Returns the rows written."""
    end = _through(store)
    if end is None:
        return 0
    p = params or stored_params(store)
    written = 0
    with store.transaction():
        for area in sorted(changed):
            written += _recompute(store, area, changed[area], end, p)
        through = store.risk_through()
        if through is not None and date.fromisoformat(through) >= end:
            return written  # every series already reaches the newest day
        stop = time.monotonic() + carry_seconds
        for level in store.current_risk_levels():
            if level.area in changed or date.fromisoformat(level.as_of) >= end:
                continue
            if level.level == 1 and not level.contributions and level.below_days == 0:
                continue  # quiet: nothing changes until its next event
            if time.monotonic() > stop:
                log.info("risk: carrying areas forward stopped at the time budget; the next run goes on")
                return written
            written += _recompute(
                store, level.area, date.fromisoformat(level.as_of) + timedelta(days=1), end, p
            )
        store.set_risk_through(end.isoformat())
    return written


def areas_of(events: Iterable[tuple[str | None, str | None, Any]]) -> dict[str, date | None]:
    """{area: earliest day} of events given as (country, admin1, date): each event's country and,
    when it has one, its admin1 region. Undated or countryless events reach no area."""
    out: dict[str, date | None] = {}
    for country, admin1, day in events:
        if not country or day is None:
            continue
        d = day if isinstance(day, date) else date.fromisoformat(str(day)[:10])
        for area in (area_key(country), area_key(country, admin1)) if admin1 else (area_key(country),):
            seen = out.get(area)
            out[area] = d if seen is None else min(seen, d)
    return out


def recompute_all(store: Store, params: RiskParams | None = None) -> int:
    """Rebuild every area's series from its first event with ``params`` (kept for the
    incremental recomputes); returns the rows written."""
    p = params or RiskParams()
    with store.transaction():
        store.lock_dedup()  # one writer of levels at a time: a reduce recomputes them too
        store.clear_risk_levels()
        store.set_risk_params(p.to_dict())
        areas: set[str] = set()
        for country, admin1 in store.risk_areas():
            areas.add(area_key(country))
            if admin1:
                areas.add(area_key(country, admin1))
        return recompute_areas(store, dict.fromkeys(areas), params=p, carry_seconds=60.0)


def current_levels(store: Store, *, country: str | None = None) -> list[RiskLevel]:
    """Every area's latest level (of one country: ISO2), countries and admin1 regions, by area."""
    return store.current_risk_levels(country)


def find_area(store: Store, area: str) -> str:
    """The stored area key ``area`` names (case-insensitive); ``NotFoundError`` if none."""
    found = store.risk_area_named(area.strip())
    if found is None:
        raise NotFoundError(
            f"no risk level for area {area!r}",
            hint="an area is a country (ML) or country.admin1 (ML.Ségou); see `sitrep risk` for the list",
        )
    return found


def current_level(store: Store, area: str) -> RiskLevel:
    """One area's latest level, with its contributions; ``NotFoundError`` when it has none."""
    level = store.risk_level_before(find_area(store, area), None)
    assert level is not None
    return level


def level_series(
    store: Store, area: str, *, since: date | None = None, until: date | None = None
) -> list[RiskLevel]:
    """The area's levels day by day (oldest first), from ``since`` to ``until`` inclusive.

    Days missing between two rows are quiet days: level 1, score 0.
    """
    return store.risk_series(
        find_area(store, area),
        since.isoformat() if since else None,
        until.isoformat() if until else None,
    )
