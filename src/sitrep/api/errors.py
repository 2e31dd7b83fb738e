"""The one JSON error shape of the API, and the handlers that route every error through it.

Every error (400, 401, 403, 404, 405, 422, 500) has this shape, pinned by ``tests/test_api.py``::

    {"ok": false, "error": "<summary>", "errors": ["<each problem>", ...], "status": <code>}
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..access import AccessError
from ..errors import Busy, ConfigError, NotFoundError, QueryTimeout, SitrepError
from ..filters import FilterErrors
from .responses import JSONBody

log = logging.getLogger(__name__)


def error_body(status: int, errors: list[str]) -> dict[str, Any]:
    """The one JSON error shape: ``{"ok": false, "error", "errors", "status"}``."""
    errors = errors or ["error"]
    error = errors[0] if len(errors) == 1 else f"{len(errors)} errors: " + "; ".join(errors)
    return {"ok": False, "error": error, "errors": errors, "status": status}


def error_response(status: int, errors: list[str], headers: dict[str, str] | None = None) -> JSONBody:
    """A response with the one error shape."""
    return JSONBody(error_body(status, errors), status_code=status, headers=headers)


def found(value: Any, missing: str) -> Response:
    """The value as JSON, or the one-shape 404 saying what is missing."""
    return error_response(404, [missing]) if value is None else JSONBody(value)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail, default=str)
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"not found: {request.url.path}"
    return error_response(exc.status_code, [detail], headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    msgs = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        msgs.append(f"{loc}: {err.get('msg', 'invalid')}" if loc else str(err.get("msg", "invalid")))
    return error_response(400, msgs)  # one status for every bad value, whoever checks it


async def _sitrep_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SitrepError)
    if isinstance(exc, FilterErrors):
        return error_response(400, [str(e) for e in exc.errors])
    if isinstance(exc, ConfigError):
        return error_response(400, [str(exc)])
    if isinstance(exc, NotFoundError):
        return error_response(404, [str(exc)])
    if isinstance(exc, QueryTimeout):
        log.warning("%s: %s", request.url.path, exc)
        return error_response(
            503, [f"{exc} (narrow the filters, or try again)"], headers={"Retry-After": "5"}
        )
    if isinstance(exc, Busy):
        return error_response(503, [str(exc)], headers={"Retry-After": "2"})
    if isinstance(exc, AccessError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return error_response(exc.status, [str(exc)], headers=headers)
    log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
    return error_response(500, [f"{type(exc).__name__}: {exc}"])


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    return error_response(500, ["internal server error"])


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through ``error_body``."""
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(SitrepError, _sitrep_error)
    app.add_exception_handler(Exception, _unexpected_error)
