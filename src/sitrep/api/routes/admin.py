"""``POST /api/dedup``: rebuild the canonical events (a write: needs ``Authorization: Bearer``)."""

from __future__ import annotations

import dataclasses
import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Header
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..params import AppState, app_state
from ..responses import JSONBody

router = APIRouter()


@router.post("/api/dedup", summary="Rebuild canonical events (needs a token)")
def dedup(
    state: Annotated[AppState, Depends(app_state)],
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    """Re-cluster every stored mention into canonical events; idempotent."""
    check_token(state.token, authorization)
    from ...runners.reduce import rebuild_all  # imported on use: the runners load spaCy

    with state.lock:
        counts = rebuild_all(state.store)
    return JSONBody({"ok": True, **dataclasses.asdict(counts)})


def check_token(token: str | None, authorization: str | None) -> None:
    """Writes need ``Authorization: Bearer <token>``; without a configured token they are off."""
    if token is None:
        raise StarletteHTTPException(403, "writes are disabled: start the server with a token (--token)")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip(), token):
        raise StarletteHTTPException(
            401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"}
        )
