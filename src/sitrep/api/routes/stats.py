"""``GET /api/stats``: totals, the toll, and events counted by group (the filters of ``/api/events``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from ...serialize import stats_dict
from ..params import AppState, FilterQuery, app_state, event_filters, query_filters
from ..responses import JSONBody

router = APIRouter()


@router.get("/api/stats", summary="Totals, fatalities, and events by type, sub-type, place, actor and day")
def stats(
    q: Annotated[FilterQuery, Depends(event_filters)],
    state: Annotated[AppState, Depends(app_state)],
) -> Response:
    """``store.stats(filters)`` as JSON: the same filters, checked the same way, as ``/api/events``."""
    filters = query_filters(q, state)
    with state.reads() as store:
        counts = store.stats(filters)
    return JSONBody(stats_dict(counts))
