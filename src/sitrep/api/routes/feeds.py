"""``GET /api/feeds``: the watched feeds and their health (last poll, failures, items, latency)."""

from __future__ import annotations

import statistics
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from ..params import AppState, app_state
from ..responses import JSONBody

router = APIRouter()


@router.get("/api/feeds", summary="Watched feeds and their health")
def feeds(state: Annotated[AppState, Depends(app_state)]) -> Response:
    """Every feed ``sitrep watch`` follows, and the seconds from item seen to events stored."""
    with state.reads() as store:
        rows = store.feeds()
        lat = sorted(store.feed_latencies())
    p95 = lat[min(len(lat) - 1, int(0.95 * len(lat)))] if lat else None
    latency = {"items": len(lat), "median_s": statistics.median(lat) if lat else None, "p95_s": p95}
    return JSONBody({"feeds": rows, "count": len(rows), "latency": latency})
