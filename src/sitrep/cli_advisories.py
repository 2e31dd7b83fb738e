"""``sitrep advisories import|list``: official travel advisories in, stored advisories out
(``sitrep.advisories``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from .cli_common import DB_HELP, countries_for
from .cli_common import errors as _errors
from .cli_common import settings_for as _settings
from .errors import ConfigError, SourceError


def _read(location: str) -> bytes:
    """The bytes of a file, or of an http(s) URL fetched politely (``feeds.fetch.Fetcher``)."""
    if location.startswith(("http://", "https://")):
        from .feeds.fetch import Fetcher, FetchError

        fetcher = Fetcher()
        try:
            got = fetcher.get(location)
        except FetchError as exc:
            raise SourceError(f"cannot fetch {location}: {exc}") from exc
        finally:
            fetcher.close()
        if got.status != 200:
            raise SourceError(f"cannot fetch {location}: HTTP {got.status}")
        return got.body
    try:
        return Path(location).read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read {location}: {exc.strerror or exc}") from exc


@click.group()
def advisories() -> None:
    """Travel advisories, embassy drawdowns and threats: import official ones, list stored ones."""


@advisories.command("import")
@click.option("--source", type=click.Choice(["ca", "gb", "us"]), required=True, help="Whose feed it is.")
@click.argument("location", metavar="FILE_OR_URL")
@click.option("--db", help=DB_HELP)
@click.pass_obj
def import_(obj: dict[str, Any], source: str, location: str, db: str | None) -> None:
    """Import an official advisory feed (Canada JSON, GOV.UK content API JSON, US RSS); print the
    count and each level change."""
    from .advisories import import_advisories, store_advisories
    from .errors import ParseError
    from .store import open_store

    with _errors():
        settings = _settings(obj, db=db)
        content = _read(location)
        gazetteer = countries_for(settings)
        try:
            found = import_advisories(source, content, gazetteer=gazetteer)
        except ParseError as exc:
            raise ConfigError(
                f"{location}: {exc.message}", hint=exc.hint or f"is it the {source} feed?"
            ) from exc
        finally:
            if gazetteer is not None:
                gazetteer.close()
        store = open_store(settings.db)
        try:
            changes = store_advisories(store, found)
        finally:
            store.close()
        click.echo(f"{len(found)} advisories from {location} ({source}); {len(changes)} level changes")
        for c in changes:
            click.echo(f"  {c.issuer} on {c.country}: level {c.old_level} -> {c.new_level}")


@advisories.command("list")
@click.option("--country", help="ISO alpha-2 code of the country they bear on.")
@click.option("--since", help="Only those dated on or after this day (YYYY-MM-DD).")
@click.option("--kind", type=click.Choice(["advisory", "drawdown", "threat"]), help="Only this kind.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line instead of a table.")
@click.option("--db", help=DB_HELP)
@click.pass_obj
def list_(
    obj: dict[str, Any],
    country: str | None,
    since: str | None,
    kind: str | None,
    as_json: bool,
    db: str | None,
) -> None:
    """List the stored advisories, newest first."""
    from .advisories import list_advisories
    from .cli_common import require_db
    from .store import open_store

    with _errors():
        settings = _settings(obj, db=db)
        require_db(settings.db)
        store = open_store(settings.db)
        try:
            found = list_advisories(store, country=country, since=since, kind=kind)
        finally:
            store.close()
        for a in found:
            if as_json:
                click.echo(json.dumps(a.to_dict(), ensure_ascii=False))
                continue
            where = a.country + (f" ({', '.join(a.admin1_names or a.admin1)})" if a.admin1 else "")
            level = f"level {a.level}" if a.level else "-"
            extra = f" threats {''.join(a.threats)}" if a.threats else ""
            extra += " +drawdown" if a.drawdown and a.kind != "drawdown" else ""
            label = a.level_label or ""
            click.echo(f"{a.date or '-':10}  {a.kind:8}  {a.issuer:>4} -> {where}  {level}  {label}{extra}")
