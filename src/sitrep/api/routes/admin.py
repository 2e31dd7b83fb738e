"""``POST /api/dedup``: rebuild the canonical events (a token with the ``write`` scope), and
``admit``, the check every guarded route makes (``access.Gate``)."""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import APIRouter, Depends, Header
from fastapi.responses import Response

from ...access import Token
from ..params import AppState, app_state
from ..responses import JSONBody

router = APIRouter()


@router.post("/api/dedup", summary="Rebuild canonical events (a token with the write scope)")
def dedup(
    state: Annotated[AppState, Depends(app_state)],
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    """Re-cluster every stored mention into canonical events; idempotent."""
    admit(state, authorization, "write")
    from ...runners.reduce import rebuild_all  # imported on use: the runners load spaCy

    with state.writes() as store:
        counts = rebuild_all(store)
    return JSONBody({"ok": True, **dataclasses.asdict(counts)})


def admit(state: AppState, authorization: str | None, *scopes: str) -> Token:
    """The request's token if it allows any of ``scopes``; else ``AccessError`` (401 or 403)."""
    with state.reads() as store:
        return state.gate.admit(store, authorization, *scopes)
