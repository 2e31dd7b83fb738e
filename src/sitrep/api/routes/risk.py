"""``GET /api/risk``, ``/api/risk/{area}``, ``/api/risk/{area}/series``: the risk levels per country
and admin1 region (``sitrep.risk``; public, like the events they are made of)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from ...errors import ConfigError
from ...risk import beside_advisories, current_level, current_levels, level_series, official_advisories
from ...settings import parse_date_option
from ..params import AppState, app_state
from ..responses import JSONBody

router = APIRouter()
AREA_DOC = "a country (ML) or an admin1 region (ML.Ségou: country, a dot, the region's name)"


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return parse_date_option(value)
    except ConfigError as exc:
        raise ConfigError(f"{name}: {exc.message}", hint=exc.hint) from exc


@router.get("/api/risk", summary="Each area's current risk level (1 normal precautions .. 4 do not travel)")
def risk_levels(
    state: Annotated[AppState, Depends(app_state)],
    country: Annotated[str | None, Query(max_length=2, description="ISO2: only its areas")] = None,
) -> Response:
    """``{"levels": [...], "count"}``: every area's latest level, countries and admin1 regions,
    each with its score, baseline, anomaly flag and contributions (event id, weight, why)."""
    with state.reads() as store:
        levels = current_levels(store, country=country)
    return JSONBody({"levels": [lv.to_dict() for lv in levels], "count": len(levels)})


@router.get("/api/risk/{area}", summary="One area's current risk level with the events behind it")
def risk_area(area: str, state: Annotated[AppState, Depends(app_state)]) -> Response:
    """The area's latest level with every contribution, and the official advisories that bear on
    the area (``advisories``: empty until advisories are stored); 404 when the area has none."""
    with state.reads() as store:
        level = current_level(store, area)
        official = official_advisories(store, level.country)
    return JSONBody(beside_advisories([level], official)[0].to_dict())


@router.get("/api/risk/{area}/series", summary="One area's risk levels day by day")
def risk_series(
    area: str,
    state: Annotated[AppState, Depends(app_state)],
    since: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD: from this day")] = None,
    until: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD: up to this day")] = None,
) -> Response:
    """``{"area", "levels": [...]}``, oldest first; days missing between rows are quiet (level 1,
    score 0)."""
    lo, hi = _day(since, "since"), _day(until, "until")
    with state.reads() as store:
        levels = level_series(store, area, since=lo, until=hi)
    return JSONBody({"area": levels[0].area if levels else area, "levels": [lv.to_dict() for lv in levels]})
