"""``GET /api/events`` (filtered, as JSON, GeoJSON or CSV) and ``GET /api/events/{event_id}``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import Response

from ...serialize import event_detail, event_dict, events_page, feature_collection, render
from ..errors import found
from ..params import AppState, EventsPage, FilterQuery, app_state, event_filters, query_filters
from ..params import events_page as page_params
from ..responses import CSV_MEDIA_TYPE, GeoJSONBody

router = APIRouter()


@router.get("/api/events", summary="Canonical events, filtered, as JSON, GeoJSON or CSV")
def events(
    request: Request,
    q: Annotated[FilterQuery, Depends(event_filters)],
    page: Annotated[EventsPage, Depends(page_params)],
    state: Annotated[AppState, Depends(app_state)],
) -> Response:
    """Canonical events from the store, newest first. GeoJSON skips events without coordinates."""
    filters = query_filters(q, limit=page.limit, offset=page.offset, near=page.near)
    with state.lock:
        rows = state.store.query_events(filters)
    if page.format == "geojson":
        return GeoJSONBody(feature_collection([event_dict(e) for e in rows]))
    if page.format == "csv":
        return Response(
            "".join(render(rows, "csv")),
            media_type=CSV_MEDIA_TYPE,
            headers={"Content-Disposition": 'inline; filename="events.csv"'},
        )
    body = events_page(rows, page.limit, page.offset, _next(request, rows, page.limit))
    return Response(body, media_type="application/json")


@router.get("/api/events/{event_id}", summary="One canonical event: sources, evidence, versions")
def event(
    event_id: Annotated[str, PathParam(description="canonical event id")],
    state: Annotated[AppState, Depends(app_state)],
) -> Response:
    """The event with every source (doc, url, outlet, published, evidence) and every version."""
    with state.lock:
        stored = state.store.get_event(event_id)
    return found(None if stored is None else event_detail(stored), f"no event {event_id!r}")


def _next(request: Request, rows: list[Any], limit: int) -> str | None:
    """Link to the next page when this one is full."""
    if len(rows) < limit:
        return None
    offset = int(request.query_params.get("offset") or 0)
    return str(request.url.include_query_params(offset=offset + limit).replace(scheme="", netloc=""))
