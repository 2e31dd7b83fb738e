"""``POST /api/events/{event_id}/review`` and ``GET /api/reviews``: the analysts' desk (token only).

A review confirms, corrects, merges, splits or rejects a canonical event (``review.review_event``);
the answer is the review kept and the event as it now stands, with its new version. Bad values
are a 400 naming each one; an unknown event a 404.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query
from fastapi import Path as PathParam
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from ...access import SERVE_TOKEN
from ...review import review_event
from ...review.desk import MAX_REASON, MAX_REVIEWER
from ...serialize import event_detail
from ..params import AppState, app_state
from ..responses import JSONBody
from .admin import admit
from .places import PlaceLabels, labels_of

router = APIRouter()


class ReviewBody(BaseModel):
    """One analyst action."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["confirm", "correct", "reject", "merge", "split"]
    reviewer: str | None = Field(
        None, max_length=MAX_REVIEWER, description="who acts (a named token acts under its own name)"
    )
    reason: str = Field(min_length=1, max_length=MAX_REASON, description="why, in a few words")
    fields: dict[str, Any] | None = Field(
        None, description="correct: new values by field name (e.g. fatalities, sub_event_type, date)"
    )
    place: str | None = Field(None, max_length=200, description="correct: a gazetteer geonameid or name")
    other: str | None = Field(None, max_length=200, description="merge: the other event's id")
    source: str | None = Field(None, max_length=500, description="split: the doc id of the source")


@router.post("/api/events/{event_id}/review", summary="Review an event (a token with the review scope)")
def review(
    event_id: Annotated[str, PathParam(description="canonical event id", max_length=200)],
    body: ReviewBody,
    state: Annotated[AppState, Depends(app_state)],
    labels: Annotated[PlaceLabels, Depends(labels_of)],
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    """Keep the review and answer ``{"ok", "review", "event"}``: the event that holds the
    reviewed report now, with every version (the last one is this review's)."""
    token = admit(state, authorization, "review")
    who = body.reviewer if token.name == SERVE_TOKEN else token.name
    with state.writes() as store, labels.lock:
        out = review_event(
            store,
            event_id,
            body.action,
            reviewer=who or "",
            reason=body.reason,
            fields=body.fields,
            place=body.place,
            other=body.other,
            source=body.source,
            countries=state.countries,
            gazetteer=labels.gazetteer,
        )
    event = event_detail(out.event) if out.event is not None else None
    return JSONBody({"ok": True, "review": out.review.to_dict(), "event": event})


@router.get("/api/reviews", summary="Every review, oldest first (a token with read-private or review)")
def reviews(
    state: Annotated[AppState, Depends(app_state)],
    since: Annotated[str | None, Query(max_length=40, description="at or after this ISO time")] = None,
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    """``{"reviews": [...], "count"}``: who did what to which event, when and why."""
    admit(state, authorization, "read-private", "review")
    with state.reads() as store:
        rows = store.reviews(since)
    return JSONBody({"reviews": [r.to_dict() for r in rows], "count": len(rows)})
