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
- ``POST /api/dedup``: rebuild the canonical events (writes: needs ``Authorization: Bearer``).
- ``GET /``: the dashboard; ``/static/...``: its HTML/JS/CSS and the vendored map assets.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from ..geo.gazetteer import Gazetteer
from ..store.base import Store
from ..web import STATIC_DIR, missing_assets
from . import routes
from .errors import error_response, install_error_handlers
from .params import AppState
from .routes.places import place_labels

log = logging.getLogger(__name__)


def create_app(
    store: Store,
    *,
    static_dir: Path | None = None,
    token: str | None = None,
    gazetteer: Gazetteer | str | Path | None = None,
) -> FastAPI:
    """Build the FastAPI app: the API over ``store`` plus the dashboard.

    Args:
        store: any ``Store``. Calls are serialised with a lock, because request handlers run
            in a thread pool.
        static_dir: the folder served at ``/static`` (default: ``sitrep/web/static``).
        token: the bearer token that write routes require; None disables writes (403).
        gazetteer: an open gazetteer or its file, for the map's place labels (``/api/places``);
            None, a missing or a stale file: no labels.

    Returns:
        The ASGI application.
    """
    static = Path(static_dir) if static_dir is not None else STATIC_DIR
    app = FastAPI(
        title="sitrep",
        summary="API over geolocated ACLED-style conflict events extracted from news, one per happening.",
        version=_version(),
    )
    app.state.app_state = AppState(store, threading.Lock(), token)
    app.state.place_labels = place_labels(gazetteer)
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=5)
    install_error_handlers(app)
    for router in (routes.events, routes.articles, routes.stats, routes.feeds, routes.admin):
        app.include_router(router)
    app.include_router(routes.places)

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        """The map page."""
        page = static / "index.html"
        if not page.is_file():
            return error_response(404, [f"map page not found: {page}"])
        if static == STATIC_DIR and missing_assets():
            log.warning("map assets missing in %s: run `bash scripts/install_web.sh`", static / "vendor")
        return FileResponse(page, media_type="text/html; charset=utf-8")

    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")
    else:
        log.warning("static folder %s not found: the map page is not served", static)
    return app


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
    gazetteer: str | Path | None = None,
) -> None:
    """Serve the API and the map page with uvicorn until interrupted (used by ``sitrep serve``).

    Args:
        store: the store to read events from.
        host: address to listen on.
        port: port to listen on.
        log_level: uvicorn's log level.
        token: bearer token for the write routes (None: read-only).
        gazetteer: the gazetteer file for the map's place labels (None or missing: no labels).
    """
    import uvicorn

    app = create_app(store, token=token, gazetteer=gazetteer)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
