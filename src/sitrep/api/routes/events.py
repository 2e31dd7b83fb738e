"""``GET /api/events`` (filtered, as JSON, GeoJSON, CSV or Parquet) and ``GET /api/events/{event_id}``.

Every format carries the same paging: ``total`` (all matching events), ``count`` (this page),
and ``next``/``prev`` links that hold a keyset cursor (``filters.encode_cursor``). JSON and
GeoJSON have them as members; CSV and Parquet as ``Link`` and ``X-Total-Count`` headers.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParam
from fastapi.responses import Response

from ...filters import encode_cursor
from ...records import StoredEvent
from ...serialize import event_detail, event_dict, events_page, feature_collection
from ...tables import csv_text, parquet_bytes
from ..errors import found
from ..params import AppState, EventsPage, FilterQuery, app_state, event_filters, query_filters
from ..params import events_page as page_params
from ..responses import CSV_MEDIA_TYPE, GEOJSON_MEDIA_TYPE

router = APIRouter()
PARQUET_MEDIA_TYPE = "application/vnd.apache.parquet"


@router.get("/api/events", summary="Canonical events, filtered, as JSON, GeoJSON, CSV or Parquet")
def events(
    request: Request,
    q: Annotated[FilterQuery, Depends(event_filters)],
    page: Annotated[EventsPage, Depends(page_params)],
    state: Annotated[AppState, Depends(app_state)],
) -> Response:
    """Canonical events from the store, newest first. GeoJSON skips events without coordinates."""
    # One row more than the page: whether another page follows in the direction read.
    filters = query_filters(q, state, limit=page.limit, offset=page.offset, cursor=page.cursor)
    filters = replace(filters, limit=page.limit + 1)
    with state.reads() as store:
        total = store.count_events(filters)
        rows = store.query_events(filters, total=total)
    backwards = filters.cursor is not None and filters.cursor[0] == "before"
    more = len(rows) > page.limit
    rows = rows[-page.limit :] if backwards else rows[: page.limit]
    paging = {"total": total, "limit": page.limit, **_links(request, rows, page, filters.cursor, more)}
    name = state.countries.country_name if state.countries is not None else None
    if page.format == "geojson":
        return Response(feature_collection(rows, paging), media_type=GEOJSON_MEDIA_TYPE)
    if page.format == "json":
        return Response(events_page(rows, paging), media_type="application/json")
    links = ", ".join(f'<{url}>; rel="{rel}"' for rel in ("next", "prev") if (url := paging[rel]))
    headers = {"X-Total-Count": str(total), **({"Link": links} if links else {})}
    if page.format == "csv":
        headers["Content-Disposition"] = 'attachment; filename="events.csv"'
        return Response(
            csv_text((event_dict(e) for e in rows), name), media_type=CSV_MEDIA_TYPE, headers=headers
        )
    headers["Content-Disposition"] = 'attachment; filename="events.parquet"'
    return Response(
        parquet_bytes((event_dict(e) for e in rows), name), media_type=PARQUET_MEDIA_TYPE, headers=headers
    )


@router.get("/api/events/{event_id}", summary="One canonical event: sources, evidence, versions")
def event(
    event_id: Annotated[str, PathParam(description="canonical event id", max_length=200)],
    state: Annotated[AppState, Depends(app_state)],
) -> Response:
    """The event with every source (doc, url, outlet, published, evidence) and every version."""
    with state.reads() as store:
        stored = store.get_event(event_id)
    return found(None if stored is None else event_detail(stored), f"no event {event_id!r}")


def _links(
    request: Request,
    rows: list[StoredEvent],
    page: EventsPage,
    cursor: tuple[str, str | None, str] | None,
    more: bool,
) -> dict[str, str | None]:
    """The next and previous pages' links (None at either end), keeping every other parameter.

    ``more``: rows lie beyond this page in the direction it was read (forward, or backward from
    a ``before`` cursor).
    """
    if not rows:
        return {"next": None, "prev": None}
    backwards = cursor is not None and cursor[0] == "before"
    after = more if not backwards else True
    before = more if backwards else (cursor is not None or page.offset > 0)
    return {
        "next": _link(request, "after", rows[-1]) if after else None,
        "prev": _link(request, "before", rows[0]) if before else None,
    }


def _link(request: Request, direction: str, row: StoredEvent) -> str:
    """This page's path and parameters, with the cursor of ``row`` instead of any cursor or offset."""
    day: Any = json.loads(row.document).get("date")
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("cursor", "offset")]
    params.append(("cursor", encode_cursor(direction, day, row.event_id)))
    return f"{request.url.path}?{urlencode(params)}"
