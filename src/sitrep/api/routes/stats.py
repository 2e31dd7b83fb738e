"""``GET /api/stats``: totals, and events counted by day, type and country (same filters as events)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from ...serialize import stats_dict
from ..params import AppState, FilterQuery, app_state, query_filters, stats_filters
from ..responses import JSONBody

router = APIRouter()


@router.get("/api/stats", summary="Totals, and events by day, type and country")
def stats(
    q: Annotated[FilterQuery, Depends(stats_filters)],
    state: Annotated[AppState, Depends(app_state)],
) -> Response:
    """``store.stats(filters)`` as JSON: the counts follow the same filters as ``/api/events``."""
    filters = query_filters(q, limit=None)
    with state.lock:
        counts = state.store.stats(filters)
    return JSONBody(stats_dict(counts))
