"""``sitrep serve``: the map and the API over one store, in one process or several."""

from __future__ import annotations

from typing import Any

import click

from .cli_common import DB_HELP, countries_for
from .cli_common import errors as _errors
from .cli_common import require_db as _require_db
from .cli_common import settings_for as _settings
from .settings import Settings


@click.command()
@click.option("--db", help=DB_HELP)
@click.option("--host", help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, help="Port (default 8000).")
@click.option("--token", help="An admin token for this run (setting api_token, SITREP_API_TOKEN).")
@click.option("--workers", type=int, default=1, show_default=True, help="Server processes on the one port.")
@click.option(
    "--cache-mb",
    type=click.FloatRange(min=0),
    help="Megabytes of answers to the public event reads each process keeps until the events change"
    f" (setting api_cache_mb, SITREP_API_CACHE_MB; default {Settings().api_cache_mb:g}; 0: none).",
)
@click.option(
    "--cache-stale",
    type=click.FloatRange(min=0),
    help="Seconds a replaced answer may still be sent to anonymous readers while it is computed again"
    f" (setting api_cache_stale_seconds; default {Settings().api_cache_stale_seconds:g}; 0: never).",
)
@click.option(
    "--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]), default="info"
)
@click.pass_obj
def serve(
    obj: dict[str, Any],
    db: str | None,
    host: str | None,
    port: int | None,
    token: str | None,
    workers: int,
    cache_mb: float | None,
    cache_stale: float | None,
    log_level: str,
) -> None:
    """Serve the map at http://HOST:PORT/ and the API under /api."""
    from .api.app import serve as run_server
    from .api.app import serve_processes
    from .store import open_store
    from .store.open import shown_url

    with _errors():
        settings = _settings(
            obj,
            db=db,
            host=host,
            port=port,
            api_token=token,
            api_cache_mb=cache_mb,
            api_cache_stale_seconds=cache_stale,
        )
        _require_db(settings.db)
        store = open_store(settings.db)  # migrated once, before any server process starts
        advice = getattr(store, "buffer_advice", None)
        if advice is not None and (note := advice()):
            click.echo(f"sitrep: warning: {note}", err=True)
        if workers > 1:
            store.close()
            click.echo(
                f"sitrep: serving {shown_url(settings.db)} with {workers} processes"
                f" at http://{settings.host}:{settings.port}/",
                err=True,
            )
            serve_processes(
                settings.db,
                workers,
                settings.host,
                settings.port,
                log_level=log_level,
                token=settings.api_token or None,
                gazetteer=settings.gazetteer_path(),
                cache_mb=settings.api_cache_mb,
                cache_stale_s=settings.api_cache_stale_seconds,
            )
            return
        click.echo(
            f"sitrep: serving {shown_url(settings.db)} at http://{settings.host}:{settings.port}/"
            " (Ctrl-C stops)",
            err=True,
        )
        run_server(
            store,
            settings.host,
            settings.port,
            token=settings.api_token or None,
            countries=countries_for(settings),
            gazetteer=settings.gazetteer_path(),  # the map's place labels (none when it is missing)
            settings=settings,
            log_level=log_level,
            cache_mb=settings.api_cache_mb,
            cache_stale_s=settings.api_cache_stale_seconds,
        )
