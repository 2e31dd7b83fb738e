"""The REST API and the dashboard, over the ``Store`` query methods (the same layer as the CLI).

``create_app`` builds the app: the routes (one module per resource in ``routes/``), gzip, the
one error shape (``errors``), the map page and its static files. Routes (read-only unless noted):

- ``GET /api/events``: canonical events as JSON (``{"events": [...], "count", "limit", "offset",
  "next"}``), a GeoJSON FeatureCollection (``format=geojson``) or ACLED-like CSV (``format=csv``),
  filtered by bbox, near, country, admin1, type, sub_type, actor, since/until and text.
- ``GET /api/events/{event_id}``: one canonical event with its sources, evidence and versions.
- ``GET /api/articles/{doc_id}``: one stored article (text, every URL it came from, its events).
- ``GET /api/stats``: totals, and events counted by day, type and country (same filters).
- ``GET /api/places``: the most populous towns in a box, from the gazetteer (the map's labels).
- ``GET /api/places/search``: places by the start of their name (the review form's picker).
- ``GET /api/report``: a situation report of a country or admin1 area (Markdown, HTML or PDF).
- ``POST /api/events/{event_id}/review``: confirm, correct, merge, split or reject an event;
  ``GET /api/reviews``: every review (both need ``Authorization: Bearer``).
- ``POST /api/dedup``: rebuild the canonical events (writes: needs ``Authorization: Bearer``).
- ``GET/POST /api/watchlist``, ``GET/PUT/DELETE /api/watchlist/{item_id}``: the people and sites
  a desk watches (private: ``read-private`` to read, ``write`` to change; ``no-store``).
- ``GET /api/alerts``, ``GET /api/alerts/feed.atom`` (CAP 1.2 in Atom), ``GET /api/alerts/{alert_id}``,
  ``GET /api/welfare``: the watchlist's alerts and the duty-of-care view (``read-private``;
  ``no-store``); ``GET/POST /api/welfare/{token}``: a one-time welfare link (public: the link is
  the credential; the GET page only shows a button, the POST answers).
- ``GET /``: the dashboard; ``/static/...``: its HTML/JS/CSS and the vendored map assets;
  ``/docs`` and ``/redoc``: the API's pages. Every response carries the security headers of
  ``pages`` (a CSP with no inline script and no framing, nosniff) and no ``Server`` banner.

The public event reads (``/api/events``, ``/api/events/{id}``, ``/api/stats``) are answered from
a cache of finished answers while the store's data generation holds (``cache``), with ETags.
"""

from __future__ import annotations

import logging
import weakref
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from ..access import Gate
from ..filters import Countries
from ..geo.gazetteer import Gazetteer
from ..settings import Settings, load_settings
from ..store.base import Store
from ..web import STATIC_DIR, missing_assets
from . import routes
from .cache import CachedReads, ResponseCache
from .errors import error_response, install_error_handlers
from .pages import REDOC_PAGE, SWAGGER_PAGE, SecurityHeaders
from .params import AppState, known_parameters
from .routes.places import place_labels
from .stores import StorePool, reopener

log = logging.getLogger(__name__)
DEFAULT_CACHE_MB: float = Settings().api_cache_mb  # the defaults live in ``settings`` alone
DEFAULT_CACHE_STALE_S: float = Settings().api_cache_stale_seconds


def create_app(
    store: Store,
    *,
    static_dir: Path | None = None,
    token: str | None = None,
    countries: Countries | None = None,
    gazetteer: Gazetteer | str | Path | None = None,
    cache_mb: float = DEFAULT_CACHE_MB,
    cache_stale_s: float = DEFAULT_CACHE_STALE_S,
    settings: Settings | None = None,
) -> FastAPI:
    """Build the FastAPI app: the API over ``store`` plus the dashboard.

    Args:
        store: any ``Store``: the write connection; reads get connections of their own to the
            same database (``stores.StorePool``), or share this one, one at a time, when it
            cannot be reopened.
        static_dir: the folder served at ``/static`` (default: ``sitrep/web/static``).
        token: an admin token for this run (``sitrep serve --token``), besides the store's named
            tokens (``access``); with neither, the guarded routes are off (403).
        countries: checks and resolves ``country`` filters (the gazetteer); None accepts any
            two-letter code and no names.
        gazetteer: an open gazetteer or its file, for the map's place labels (``/api/places``);
            None, a missing or a stale file: no labels.
        cache_mb: megabytes of finished answers to the public event reads kept until the events
            change (``cache.CachedReads``); 0 keeps none.
        cache_stale_s: seconds an answer known current may still be sent to anonymous readers
            after the events change, while it is computed again (0: never).
        settings: what the alert routes read (CAP sender, welfare escalation; None: defaults).

    Returns:
        The ASGI application.
    """
    static = Path(static_dir) if static_dir is not None else STATIC_DIR
    app = FastAPI(
        title="sitrep",
        summary="API over geolocated ACLED-style conflict events extracted from news, one per happening.",
        version=_version(),
        dependencies=[Depends(known_parameters)],
        docs_url=None,
        redoc_url=None,
    )
    pool = StorePool(store, reopener(store))
    weakref.finalize(app, pool.close)
    app.state.app_state = AppState(pool, Gate(token), countries)
    app.state.place_labels = place_labels(gazetteer)
    app.state.settings = settings or Settings()
    _middleware(app, pool, cache_mb, cache_stale_s)
    install_error_handlers(app)
    for router in (routes.events, routes.articles, routes.stats, routes.feeds, routes.admin, routes.taxonomy,
                   routes.places, routes.advisories, routes.report, routes.review, routes.watchlist,
                   routes.alerts, routes.risk):  # fmt: skip
        app.include_router(router)

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        """The map page."""
        page = static / "index.html"
        if not page.is_file():
            return error_response(404, [f"map page not found: {page}"])
        if static == STATIC_DIR and missing_assets():
            log.warning("map assets missing in %s: run `bash scripts/install_web.sh`", static / "vendor")
        return FileResponse(page, media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        """Swagger UI, from the copy bundled at install time (works offline, no inline script)."""
        return HTMLResponse(SWAGGER_PAGE)

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> Response:
        """ReDoc, from the copy bundled at install time (works offline, no web fonts)."""
        return HTMLResponse(REDOC_PAGE)

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")
    else:
        log.warning("static folder %s not found: the map page is not served", static)
    return app


def _middleware(app: FastAPI, pool: StorePool, cache_mb: float, cache_stale_s: float) -> None:
    """Gzip, the kept answers (outside gzip: they are kept compressed), the security headers
    (outermost: on every answer, kept or not)."""
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    app.state.response_cache = ResponseCache(int(cache_mb * 1_000_000))
    app.add_middleware(
        CachedReads, cache=app.state.response_cache, generation=pool.generation, stale_seconds=cache_stale_s
    )
    app.add_middleware(SecurityHeaders)


ERROR_SCHEMA = {
    "type": "object",
    "required": ["ok", "error", "errors", "status"],
    "properties": {
        "ok": {"type": "boolean", "const": False},
        "error": {"type": "string", "description": "what is wrong, in one line"},
        "errors": {"type": "array", "items": {"type": "string"}, "description": "each problem"},
        "status": {"type": "integer"},
    },
}


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, saying what the API answers to bad input: a 400 in the one error shape
    (FastAPI documents its own 422, which this API never sends)."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
        for ops in schema.get("paths", {}).values():
            for op in ops.values():
                responses = op.setdefault("responses", {})
                responses.pop("422", None)
                responses["400"] = {
                    "description": "a bad value or an unknown parameter (each named in errors)",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                }
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        schemas["Error"] = ERROR_SCHEMA
        app.openapi_schema = schema
    return app.openapi_schema


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
    countries: Countries | None = None,
    gazetteer: str | Path | None = None,
    cache_mb: float = DEFAULT_CACHE_MB,
    cache_stale_s: float = DEFAULT_CACHE_STALE_S,
    settings: Settings | None = None,
) -> None:
    """Serve the API and the map page with uvicorn until interrupted (used by ``sitrep serve``).

    Args:
        store: the store to read events from.
        host: address to listen on.
        port: port to listen on.
        log_level: uvicorn's log level.
        token: bearer token for the write routes (None: read-only).
        gazetteer: the gazetteer file for the map's place labels (None or missing: no labels).
        cache_mb: megabytes of kept answers (``create_app``); 0 keeps none.
        cache_stale_s: seconds a replaced answer may still be sent (``create_app``).
        settings: what the alert routes read (``create_app``).
    """
    import uvicorn

    app = create_app(
        store,
        token=token,
        countries=countries,
        gazetteer=gazetteer,
        cache_mb=cache_mb,
        cache_stale_s=cache_stale_s,
        settings=settings,
    )
    uvicorn.Server(server_config(app, host, port, log_level)).run()


SERVE_ENV = (
    "SITREP_SERVE_DB",
    "SITREP_SERVE_TOKEN",
    "SITREP_SERVE_GAZETTEER",
    "SITREP_SERVE_CACHE_MB",
    "SITREP_SERVE_CACHE_STALE_S",
)


def serve_processes(
    url: str,
    workers: int,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    log_level: str = "info",
    token: str | None = None,
    gazetteer: str | Path | None = None,
    cache_mb: float = DEFAULT_CACHE_MB,
    cache_stale_s: float = DEFAULT_CACHE_STALE_S,
) -> None:
    """Serve with ``workers`` processes on one port (uvicorn's workers): each opens the store
    itself (``app_from_env``); the store's own locking keeps their writes apart."""
    import os

    import uvicorn

    os.environ.update(
        {
            "SITREP_SERVE_DB": url,
            "SITREP_SERVE_TOKEN": token or "",
            "SITREP_SERVE_GAZETTEER": str(gazetteer or ""),
            "SITREP_SERVE_CACHE_MB": str(cache_mb),
            "SITREP_SERVE_CACHE_STALE_S": str(cache_stale_s),
        }
    )
    uvicorn.run(
        "sitrep.api.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        server_header=False,
        lifespan="off",
    )


def app_from_env() -> FastAPI:
    """The app one worker process of ``serve_processes`` serves (its settings in ``SERVE_ENV``)."""
    import os

    from ..store.open import open_store

    gaz = os.environ.get("SITREP_SERVE_GAZETTEER") or None
    countries: Countries | None = None
    if gaz and Path(gaz).is_file():
        countries = Gazetteer.open(gaz)
    store = open_store(os.environ["SITREP_SERVE_DB"])
    token = os.environ.get("SITREP_SERVE_TOKEN") or None
    cache_mb = float(os.environ.get("SITREP_SERVE_CACHE_MB") or DEFAULT_CACHE_MB)
    stale = float(os.environ.get("SITREP_SERVE_CACHE_STALE_S") or DEFAULT_CACHE_STALE_S)
    return create_app(
        store,
        token=token,
        countries=countries,
        gazetteer=gaz,
        cache_mb=cache_mb,
        cache_stale_s=stale,
        settings=load_settings(),  # the worker inherits the SITREP_* environment of `sitrep serve`
    )


def server_config(app: Any, host: str = "127.0.0.1", port: int = 8000, log_level: str = "info") -> Any:
    """uvicorn's configuration for ``app`` as ``sitrep serve`` runs it: no ``Server`` banner."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_level=log_level, server_header=False, lifespan="off")
