"""``/api/watchlist``: the people and sites a desk watches (``sitrep.watchlist``; token only).

Reading needs a token with the ``read-private`` scope, changing one with ``write``. Every
answer, errors included, carries ``Cache-Control: no-store`` (``pages.SecurityHeaders``), and no
answer is kept by the response cache (``cache.CACHED_PATHS`` holds only public reads). Bad values
are a 400 naming the field (never echoing the value); an unknown id a 404.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header
from fastapi import Path as PathParam
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from ...records.watch import MAX_NAME
from ...watchlist import (
    add_watch_item,
    get_watch_item,
    list_watch_items,
    remove_watch_item,
    update_watch_item,
)
from ..params import AppState, app_state
from ..responses import JSONBody
from .admin import admit
from .places import PlaceLabels, labels_of

router = APIRouter()
ItemId = Annotated[str, PathParam(description="the watch item's id", max_length=64)]

_RADIUS = "km by CAP severity (Extreme, Severe, Moderate, Minor); unnamed ones keep their value"
_CONTACT = 'whom to tell: {"webhook": "https://..."} or {"email": "a@b.example"}; null: none'


class WatchBody(BaseModel):
    """A new watch item."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=MAX_NAME, description="who or what is watched")
    kind: Literal["person", "site"]
    latitude: float | None = Field(None, description="degrees; with longitude, the item's point")
    longitude: float | None = Field(None, description="degrees")
    place: str | None = Field(
        None, max_length=MAX_NAME, description="a gazetteer place name or id, used when no coordinates"
    )
    radius_km: dict[str, float] | None = Field(None, description=_RADIUS)
    contact: dict[str, str] | None = Field(None, description=_CONTACT)
    active: bool = True


class WatchChanges(BaseModel):
    """The fields to change (only those given change)."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, max_length=MAX_NAME)
    kind: Literal["person", "site"] | None = None
    latitude: float | None = None
    longitude: float | None = None
    place: str | None = Field(None, max_length=MAX_NAME, description="a new place moves the item there")
    radius_km: dict[str, float] | None = Field(None, description=_RADIUS)
    contact: dict[str, str] | None = Field(None, description=_CONTACT)
    active: bool | None = None


def _answer(content: Any, status: int = 200) -> Response:
    """A JSON answer (``pages.SecurityHeaders`` marks every watchlist answer, errors too, no-store)."""
    return JSONBody(content, status_code=status)


@router.get("/api/watchlist", summary="Every watch item (a token with read-private)")
def list_items(
    state: Annotated[AppState, Depends(app_state)],
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    """``{"items": [...], "count"}``, by name."""
    admit(state, authorization, "read-private")
    with state.reads() as store:
        items = list_watch_items(store)
    return _answer({"items": [i.to_dict() for i in items], "count": len(items)})


@router.get("/api/watchlist/{item_id}", summary="One watch item (a token with read-private)")
def show_item(
    item_id: ItemId,
    state: Annotated[AppState, Depends(app_state)],
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    """The item."""
    admit(state, authorization, "read-private")
    with state.reads() as store:
        return _answer(get_watch_item(store, item_id).to_dict())


@router.post("/api/watchlist", summary="Add a watch item (a token with the write scope)", status_code=201)
def add_item(
    body: WatchBody,
    state: Annotated[AppState, Depends(app_state)],
    labels: Annotated[PlaceLabels, Depends(labels_of)],
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    """Keep the item; answer 201 with it (and its new ``item_id``)."""
    admit(state, authorization, "write")
    values = body.model_dump(exclude={"name", "kind"})
    with state.writes() as store, labels.lock:
        item = add_watch_item(store, body.name, body.kind, gazetteer=labels.gazetteer, **values)
    return _answer(item.to_dict(), 201)


@router.put("/api/watchlist/{item_id}", summary="Change a watch item (a token with the write scope)")
def change_item(
    item_id: ItemId,
    body: WatchChanges,
    state: Annotated[AppState, Depends(app_state)],
    labels: Annotated[PlaceLabels, Depends(labels_of)],
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    """Change the fields the body gives; answer with the item as now kept."""
    admit(state, authorization, "write")
    changes = body.model_dump(exclude_unset=True)
    with state.writes() as store, labels.lock:
        item = update_watch_item(store, item_id, changes, gazetteer=labels.gazetteer)
    return _answer(item.to_dict())


@router.delete("/api/watchlist/{item_id}", summary="Remove a watch item for good (the write scope)")
def remove_item(
    item_id: ItemId,
    state: Annotated[AppState, Depends(app_state)],
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    """Delete the item from the store; answer ``{"ok": true, "removed": item_id}``."""
    admit(state, authorization, "write")
    with state.writes() as store:
        remove_watch_item(store, item_id)
    return _answer({"ok": True, "removed": item_id})
