"""``GET /api/advisories`` and ``GET /api/advisories/changes``: travel advisories, embassy drawdowns
and stated threats (from articles and official feeds), and the level changes of imported ones.
Public, read-only (``sitrep.advisories``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from ...advisories import advisory_changes, list_advisories
from ...records.advisory import KINDS
from ..params import AppState, app_state
from ..responses import JSONBody

router = APIRouter()


@router.get("/api/advisories", summary="Travel advisories, drawdowns and threats")
def advisories(
    state: Annotated[AppState, Depends(app_state)],
    country: Annotated[str | None, Query(description="ISO alpha-2 country code", max_length=2)] = None,
    since: Annotated[
        str | None, Query(description="only those dated on or after this day (YYYY-MM-DD)")
    ] = None,
    kind: Annotated[str | None, Query(description=f"one of {', '.join(KINDS)}")] = None,
) -> Response:
    """Every stored advisory, newest first, each with its level, threats, area and evidence."""
    with state.reads() as store:
        found = list_advisories(store, country=country, since=since, kind=kind)
    return JSONBody({"advisories": [a.to_dict() for a in found], "count": len(found)})


@router.get("/api/advisories/changes", summary="Level changes of imported advisories")
def changes(
    state: Annotated[AppState, Depends(app_state)],
    since: Annotated[str | None, Query(description="only changes on or after this day (YYYY-MM-DD)")] = None,
) -> Response:
    """Each time an import saw an official advisory's level change: old and new level, when."""
    with state.reads() as store:
        found = advisory_changes(store, since=since)
    return JSONBody({"changes": [c.to_dict() for c in found], "count": len(found)})
