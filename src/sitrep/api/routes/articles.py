"""``GET /api/articles/{doc_id}``: one stored article with its text, sources and events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi import Path as PathParam
from fastapi.responses import Response

from ...serialize import article_dict
from ..errors import found
from ..params import AppState, app_state

router = APIRouter()


@router.get("/api/articles/{doc_id:path}", summary="One stored article: text, sources, events")
def article(
    doc_id: Annotated[str, PathParam(description="document id (or content hash)")],
    state: Annotated[AppState, Depends(app_state)],
) -> Response:
    """The cleaned text every evidence offset points into, the URLs it came from, and its events."""
    with state.reads() as store:
        stored = store.get_article(doc_id)
    return found(None if stored is None else article_dict(stored), f"no article {doc_id!r}")
