"""The REST API and the dashboard, over the ``Store`` query methods (the same layer as the CLI).

Routes (read-only unless noted):

- ``GET /api/events``: canonical events as JSON (``{"events": [...], "count", "limit", "offset",
  "next"}``), a GeoJSON FeatureCollection (``format=geojson``) or ACLED-like CSV (``format=csv``),
  filtered by bbox, near, country, admin1, type, sub_type, actor, since/until and text.
- ``GET /api/events/{event_id}``: one canonical event with its sources, evidence and versions.
- ``GET /api/articles/{doc_id}``: one stored article (text, every URL it came from, its events).
- ``GET /api/stats``: totals, and events counted by day, type and country (same filters).
- ``POST /api/dedup``: rebuild the canonical events (writes: needs ``Authorization: Bearer``).
- ``GET /``: the dashboard; ``/static/...``: its HTML/JS/CSS and the vendored map assets.

Every error (400, 404, 405, 422, 500) has one JSON shape, pinned by ``tests/test_api.py``::

    {"ok": false, "error": "<summary>", "errors": ["<each problem>", ...], "status": <code>}
"""

from __future__ import annotations

import dataclasses
import json
import logging
import secrets
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from fastapi import FastAPI, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from ..errors import ConfigError, SitrepError
from ..serialize import (
    article_dict,
    event_detail,
    event_dict,
    events_page,
    feature_collection,
    render,
    stats_dict,
)
from ..settings import parse_date_option
from ..store.base import EventFilters, Store
from ..web import STATIC_DIR, missing_assets

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 1000
MAX_LIMIT = 10_000
GEOJSON_MEDIA_TYPE = "application/geo+json"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"

T = TypeVar("T")


class JSONBody(Response):
    """JSON response that also encodes dates and keeps non-ASCII text readable."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        """Serialise ``content`` to UTF-8 JSON."""
        return json.dumps(content, ensure_ascii=False, default=_json_default).encode("utf-8")


class GeoJSONBody(JSONBody):
    """A GeoJSON document (RFC 7946 media type)."""

    media_type = GEOJSON_MEDIA_TYPE


def _json_default(value: Any) -> Any:
    """Encode what ``json`` cannot: dates, sets/tuples and anything else as text."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


def error_body(status: int, errors: list[str]) -> dict[str, Any]:
    """The one JSON error shape: ``{"ok": false, "error", "errors", "status"}``."""
    errors = errors or ["error"]
    error = errors[0] if len(errors) == 1 else f"{len(errors)} errors: " + "; ".join(errors)
    return {"ok": False, "error": error, "errors": errors, "status": status}


def _error_response(status: int, errors: list[str], headers: dict[str, str] | None = None) -> JSONBody:
    return JSONBody(error_body(status, errors), status_code=status, headers=headers)


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """Parse ``west,south,east,north`` in degrees.

    Raises:
        ConfigError: not four numbers, out of range, or south > north / west > east.
    """
    parts = [p.strip() for p in value.split(",")]
    hint = "use bbox=west,south,east,north in degrees, e.g. bbox=-12,10,5,25"
    if len(parts) != 4:
        raise ConfigError(f"bbox needs 4 comma-separated numbers, got {len(parts)}: {value!r}", hint=hint)
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ConfigError(f"bbox is not numeric: {value!r}", hint=hint) from None
    lon_ok = -180.0 <= west <= 180.0 and -180.0 <= east <= 180.0
    if not (lon_ok and -90.0 <= south <= 90.0 and -90.0 <= north <= 90.0):
        raise ConfigError(f"bbox out of range: {value!r}", hint="longitudes -180..180, latitudes -90..90")
    if south > north or west > east:
        raise ConfigError(f"bbox has south > north or west > east: {value!r}", hint=hint)
    return west, south, east, north


def build_filters(
    *,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    event_type: str | None = None,
    bbox: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    admin1: str | None = None,
    sub_type: str | None = None,
    actor: str | None = None,
    text: str | None = None,
    near: str | None = None,
) -> EventFilters:
    """Turn raw query-string values into ``EventFilters``.

    Raises:
        ConfigError: a bad date, bbox, near or country code, or since > until.
    """
    errors: list[ConfigError] = []

    def attempt(name: str, fn: Callable[[str], T], raw: str | None) -> T | None:
        if raw is None or not raw.strip():
            return None
        try:
            return fn(raw)
        except ConfigError as exc:
            errors.append(ConfigError(f"{name}: {exc.message}", hint=exc.hint))
            return None

    since_d = attempt("since", parse_date_option, since)
    until_d = attempt("until", parse_date_option, until)
    bbox_t = attempt("bbox", parse_bbox, bbox)
    near_t = attempt("near", parse_near, near)
    cc = country.strip().upper() if country and country.strip() else None
    if cc is not None and (len(cc) != 2 or not cc.isalpha()):
        errors.append(ConfigError(f"country: not an ISO 3166-1 alpha-2 code: {country!r}", hint="e.g. ML"))
    if since_d and until_d and since_d > until_d:
        errors.append(ConfigError(f"since ({since_d}) is after until ({until_d})"))
    if errors:
        raise _MultiConfigError(errors)
    return EventFilters(
        country=cc,
        since=since_d,
        until=until_d,
        event_type=_clean(event_type),
        bbox=bbox_t,
        limit=limit,
        offset=offset,
        admin1=_clean(admin1),
        sub_event_type=_clean(sub_type),
        actor=_clean(actor),
        text=_clean(text),
        near=near_t,
    )


def _clean(value: str | None) -> str | None:
    """A stripped query value, or None when empty."""
    return value.strip() if value and value.strip() else None


def parse_near(value: str) -> tuple[float, float, float]:
    """Parse ``latitude,longitude,km`` (a radius query).

    Raises:
        ConfigError: not three numbers, out of range, or a radius not in (0, 5000] km.
    """
    hint = "use near=latitude,longitude,km, e.g. near=14.25,-5.99,50"
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 3:
        raise ConfigError(f"near needs 3 comma-separated numbers, got {len(parts)}: {value!r}", hint=hint)
    try:
        lat, lon, km = (float(p) for p in parts)
    except ValueError:
        raise ConfigError(f"near is not numeric: {value!r}", hint=hint) from None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0 and 0.0 < km <= 5000.0):
        raise ConfigError(
            f"near out of range: {value!r}", hint="latitude -90..90, longitude -180..180, 0 < km <= 5000"
        )
    return lat, lon, km


class _MultiConfigError(ConfigError):
    """Several bad parameters at once, reported together."""

    def __init__(self, errors: list[ConfigError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def create_app(store: Store, *, static_dir: Path | None = None, token: str | None = None) -> FastAPI:
    """Build the FastAPI app: the API over ``store`` plus the dashboard.

    Args:
        store: any ``Store``. Calls are serialised with a lock, because request handlers run
            in a thread pool.
        static_dir: the folder served at ``/static`` (default: ``sitrep/web/static``).
        token: the bearer token that write routes require; None disables writes (403).

    Returns:
        The ASGI application.
    """
    static = Path(static_dir) if static_dir is not None else STATIC_DIR
    lock = threading.Lock()
    app = FastAPI(
        title="sitrep",
        summary="API over geolocated ACLED-style conflict events extracted from news, one per happening.",
        version=_version(),
    )
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    _install_error_handlers(app)

    @app.get("/api/events", summary="Canonical events, filtered, as JSON, GeoJSON or CSV")
    def events(
        request: Request,
        country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 code, e.g. ML")] = None,
        admin1: Annotated[str | None, Query(description="first-level admin area name, e.g. Ségou")] = None,
        since: Annotated[str | None, Query(description="first event date, YYYY-MM-DD")] = None,
        until: Annotated[str | None, Query(description="last event date, YYYY-MM-DD")] = None,
        type_: Annotated[
            str | None, Query(alias="type", description="event_type or sub_event_type, e.g. Battles")
        ] = None,
        sub_type: Annotated[str | None, Query(description="sub_event_type, e.g. Armed clash")] = None,
        actor: Annotated[str | None, Query(description="part of actor1 or actor2, any case")] = None,
        text: Annotated[
            str | None, Query(description="part of the place, actors or evidence, any case")
        ] = None,
        bbox: Annotated[str | None, Query(description="west,south,east,north in degrees")] = None,
        near: Annotated[str | None, Query(description="latitude,longitude,km: within a radius")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
        offset: Annotated[int, Query(ge=0)] = 0,
        format_: Annotated[
            Literal["json", "geojson", "csv"],
            Query(
                alias="format",
                description="json: {events, count, next}; geojson: FeatureCollection; csv: ACLED columns",
            ),
        ] = "json",
    ) -> Response:
        """Canonical events from the store, newest first. GeoJSON skips events without coordinates."""
        filters = build_filters(
            country=country,
            since=since,
            until=until,
            event_type=type_,
            bbox=bbox,
            limit=limit,
            offset=offset,
            admin1=admin1,
            sub_type=sub_type,
            actor=actor,
            text=text,
            near=near,
        )
        with lock:
            rows = store.query_events(filters)
        if format_ == "geojson":
            return GeoJSONBody(feature_collection([event_dict(e) for e in rows]))
        if format_ == "csv":
            return Response(
                "".join(render(rows, "csv")),
                media_type=CSV_MEDIA_TYPE,
                headers={"Content-Disposition": 'inline; filename="events.csv"'},
            )
        body = events_page(rows, limit, offset, _next(request, rows, limit))
        return Response(body, media_type="application/json")

    @app.get("/api/events/{event_id}", summary="One canonical event: sources, evidence, versions")
    def event(event_id: Annotated[str, PathParam(description="canonical event id")]) -> Response:
        """The event with every source (doc, url, outlet, published, evidence) and every version."""
        with lock:
            found = store.get_event(event_id)
        return _found(None if found is None else event_detail(found), f"no event {event_id!r}")

    @app.get("/api/articles/{doc_id:path}", summary="One stored article: text, sources, events")
    def article(doc_id: Annotated[str, PathParam(description="document id (or content hash)")]) -> Response:
        """The cleaned text every evidence offset points into, the URLs it came from, and its events."""
        with lock:
            found = store.get_article(doc_id)
        return _found(None if found is None else article_dict(found), f"no article {doc_id!r}")

    @app.get("/api/stats", summary="Totals, and events by day, type and country")
    def stats(
        country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 code")] = None,
        admin1: Annotated[str | None, Query(description="first-level admin area name")] = None,
        since: Annotated[str | None, Query(description="first event date, YYYY-MM-DD")] = None,
        until: Annotated[str | None, Query(description="last event date, YYYY-MM-DD")] = None,
        type_: Annotated[str | None, Query(alias="type", description="event_type or sub_event_type")] = None,
        sub_type: Annotated[str | None, Query(description="sub_event_type")] = None,
        actor: Annotated[str | None, Query(description="part of actor1 or actor2")] = None,
        text: Annotated[str | None, Query(description="part of the place, actors or evidence")] = None,
        bbox: Annotated[str | None, Query(description="west,south,east,north in degrees")] = None,
    ) -> Response:
        """``store.stats(filters)`` as JSON: the counts follow the same filters as ``/api/events``."""
        filters = build_filters(
            country=country,
            since=since,
            until=until,
            event_type=type_,
            bbox=bbox,
            limit=None,
            admin1=admin1,
            sub_type=sub_type,
            actor=actor,
            text=text,
        )
        with lock:
            counts = store.stats(filters)
        return JSONBody(stats_dict(counts))

    @app.post("/api/dedup", summary="Rebuild canonical events (needs a token)")
    def dedup(authorization: Annotated[str | None, Header()] = None) -> Response:
        """Re-cluster every stored mention into canonical events; idempotent."""
        _check_token(token, authorization)
        from ..runners.reduce import rebuild_all

        with lock:
            counts = rebuild_all(store)
        return JSONBody({"ok": True, **dataclasses.asdict(counts)})

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        """The map page."""
        page = static / "index.html"
        if not page.is_file():
            return _error_response(404, [f"map page not found: {page}"])
        if static == STATIC_DIR and missing_assets():
            log.warning("map assets missing in %s: run `bash scripts/install_web.sh`", static / "vendor")
        return FileResponse(page, media_type="text/html; charset=utf-8")

    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")
    else:
        log.warning("static folder %s not found: the map page is not served", static)
    return app


def _next(request: Request, rows: list[Any], limit: int) -> str | None:
    """Link to the next page when this one is full."""
    if len(rows) < limit:
        return None
    offset = int(request.query_params.get("offset") or 0)
    return str(request.url.include_query_params(offset=offset + limit).replace(scheme="", netloc=""))


def _found(value: Any, missing: str) -> Response:
    """The value as JSON, or the one-shape 404 saying what is missing."""
    return _error_response(404, [missing]) if value is None else JSONBody(value)


def _check_token(token: str | None, authorization: str | None) -> None:
    """Writes need ``Authorization: Bearer <token>``; without a configured token they are off."""
    if token is None:
        raise StarletteHTTPException(403, "writes are disabled: start the server with a token (--token)")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip(), token):
        raise StarletteHTTPException(
            401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"}
        )


def _install_error_handlers(app: FastAPI) -> None:
    """Route every error through ``error_body``."""

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail, default=str)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"not found: {request.url.path}"
        return _error_response(exc.status_code, [detail], headers=getattr(exc, "headers", None))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        msgs = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
            msgs.append(f"{loc}: {err.get('msg', 'invalid')}" if loc else str(err.get("msg", "invalid")))
        return _error_response(422, msgs)

    async def sitrep_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, SitrepError)
        if isinstance(exc, _MultiConfigError):
            return _error_response(400, [str(e) for e in exc.errors])
        if isinstance(exc, ConfigError):
            return _error_response(400, [str(exc)])
        log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
        return _error_response(500, [f"{type(exc).__name__}: {exc}"])

    async def unexpected_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        return _error_response(500, ["internal server error"])

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(SitrepError, sitrep_error)
    app.add_exception_handler(Exception, unexpected_error)


def _version() -> str:
    """The installed sitrep version."""
    from .. import __version__

    return __version__


def serve(
    store: Store,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    log_level: str = "info",
    token: str | None = None,
) -> None:
    """Serve the API and the map page with uvicorn until interrupted (used by ``sitrep serve``).

    Args:
        store: the store to read events from.
        host: address to listen on.
        port: port to listen on.
        log_level: uvicorn's log level.
        token: bearer token for the write routes (None: read-only).
    """
    import uvicorn

    uvicorn.run(create_app(store, token=token), host=host, port=port, log_level=log_level)
