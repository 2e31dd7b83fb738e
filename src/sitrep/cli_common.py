"""What every command shares: how errors are shown, how settings are loaded, the --db option."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from .errors import SitrepError
from .settings import Settings, load_settings

DB_HELP = "SQLite file or postgresql:// URL (default: sitrep.db, or SITREP_DB)."


@contextmanager
def errors() -> Iterator[None]:
    """Turn library errors into one clear line and exit code 2 (no traceback)."""
    try:
        yield
    except SitrepError as exc:
        click.echo(f"sitrep: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("sitrep: interrupted", err=True)
        sys.exit(130)


def settings_for(ctx_obj: dict[str, Any], **overrides: Any) -> Settings:
    return load_settings(ctx_obj.get("config"), **overrides)


def require_db(path: str) -> None:
    if not path.startswith(("postgres", "sqlite://")) and not Path(path).exists():
        raise SitrepError(f"no database at {path}", hint="run `sitrep ingest PATH --db FILE` first")


def countries_for(settings: Any) -> Any:
    """The gazetteer, to check and resolve country codes and names (None when not installed)."""
    from .geo.gazetteer import Gazetteer

    path = settings.gazetteer_path()
    return Gazetteer.open(path) if path.is_file() else None
