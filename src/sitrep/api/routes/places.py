"""``GET /api/places``: the most populous towns in a box, from the gazetteer (the map's labels).

The gazetteer is optional: without one the route answers an empty list (``"available": false``),
so the dashboard simply draws no labels.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ...errors import ConfigError, ResourceError
from ...filters import parse_bbox
from ...geo.gazetteer import Gazetteer
from ...records import Place
from ..responses import JSONBody

log = logging.getLogger(__name__)

router = APIRouter()

MAX_PLACES = 500


@dataclass(frozen=True, slots=True)
class PlaceLabels:
    """The gazetteer the labels come from (None: no labels), read one call at a time."""

    gazetteer: Gazetteer | None
    lock: threading.Lock


def place_labels(gazetteer: Gazetteer | str | Path | None) -> PlaceLabels:
    """``PlaceLabels`` over an open gazetteer or a path; a missing or stale file means no labels."""
    if gazetteer is not None and not isinstance(gazetteer, Gazetteer):
        try:
            gazetteer = Gazetteer.open(gazetteer)
        except ResourceError as exc:
            log.info("no place labels on the map: %s", exc)
            gazetteer = None
    return PlaceLabels(gazetteer, threading.Lock())


def labels_of(request: Request) -> PlaceLabels:
    """The dependency that hands the route the app's ``PlaceLabels``."""
    value: PlaceLabels = request.app.state.place_labels
    return value


@router.get("/api/places", summary="The most populous towns in a box (map labels)")
def places(
    labels: Annotated[PlaceLabels, Depends(labels_of)],
    bbox: Annotated[str, Query(description="west,south,east,north in degrees")],
    limit: Annotated[int, Query(ge=1, le=MAX_PLACES, description="at most this many places")] = 50,
    cell: Annotated[
        float | None,
        Query(gt=0, le=180, description="keep the largest town of each cell of this many degrees"),
    ] = None,
) -> Response:
    """Towns in ``bbox``, largest first: ``{"places": [{name, lat, lon, population, kind, country}]}``."""
    try:
        box = parse_bbox(bbox)
    except ConfigError as exc:
        raise ConfigError(f"bbox: {exc.message}", hint=exc.hint) from None
    if labels.gazetteer is None:
        return JSONBody({"places": [], "count": 0, "available": False})
    with labels.lock:
        found = labels.gazetteer.largest_places(box, limit, cell)
    return _places(found)


@router.get("/api/places/search", summary="Places by the start of their name (a typeahead)")
def search_places(
    labels: Annotated[PlaceLabels, Depends(labels_of)],
    q: Annotated[str, Query(min_length=1, max_length=100, description="the start of a place name, any case")],
    limit: Annotated[int, Query(ge=1, le=50, description="at most this many places")] = 10,
) -> Response:
    """Places whose name starts with ``q``, most populous first: ``{"places": [{geonameid, name,
    admin1, country, lat, lon, population, kind}]}`` (the review form's place picker)."""
    if labels.gazetteer is None:
        return JSONBody({"places": [], "count": 0, "available": False})
    with labels.lock:
        found = labels.gazetteer.search(q, limit)
    return _places(found, picked=True)


def _places(found: list[Place], *, picked: bool = False) -> Response:
    """The places answer; a picker's rows also name the GeoNames id and admin area."""
    rows = [
        {
            **({"geonameid": p.geonameid, "admin1": p.admin1} if picked else {}),
            "name": p.name,
            "lat": p.latitude,
            "lon": p.longitude,
            "population": p.population,
            "kind": p.feature_code,
            "country": p.country,
        }
        for p in found
    ]
    return JSONBody({"places": rows, "count": len(rows), "available": True})
