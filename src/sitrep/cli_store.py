"""Commands on the store's canonical events and schema: ``sitrep dedup`` and ``sitrep db``."""

from __future__ import annotations

from typing import Any

import click

from .cli_common import DB_HELP
from .cli_common import errors as _errors
from .cli_common import require_db as _require_db
from .cli_common import settings_for as _settings


@click.command()
@click.option("--db", help=DB_HELP)
@click.option("--pending", is_flag=True, help="Only place the articles still queued (a stopped run's).")
@click.option("--explain", "explain_id", metavar="ID", help="Print why each source of event ID was joined.")
@click.pass_obj
def dedup(obj: dict[str, Any], db: str | None, pending: bool, explain_id: str | None) -> None:
    """Rebuild the canonical events from every stored mention (idempotent), or explain one."""
    from .runners.reduce import rebuild_all, reduce_articles
    from .serialize import event_detail, explain_text
    from .store import open_store
    from .store.open import shown_url

    with _errors():
        settings = _settings(obj, db=db)
        _require_db(settings.db)
        store = open_store(settings.db)
        if explain_id:
            found = store.get_event(explain_id)
            store.close()
            if found is None:
                raise click.ClickException(f"no canonical event {explain_id!r} in {shown_url(settings.db)}")
            click.echo(explain_text(event_detail(found)))
            return
        d = reduce_articles(store) if pending else rebuild_all(store)
        store.close()
    click.echo(
        f"canonical events: {d.created} new, {d.updated} updated, {d.unchanged} unchanged, "
        f"{d.superseded} merged",
        err=True,
    )


@click.group()
def db() -> None:
    """Database schema."""


@db.command("migrate")
@click.option("--db", "url", help=DB_HELP)
@click.pass_obj
def db_migrate(obj: dict[str, Any], url: str | None) -> None:
    """Create the database or apply pending migrations; print the applied migration names."""
    from .store import open_store

    with _errors():
        settings = _settings(obj, db=url)
        store = open_store(settings.db)
        names = store.migrations()
        store.close()
    for name in names:
        click.echo(name)


@db.command("backup")
@click.option("--db", "url", help=DB_HELP)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The archive to write (.tar.gz).")
@click.pass_obj
def db_backup(obj: dict[str, Any], url: str | None, out: str) -> None:
    """Write the whole store to one archive (a consistent snapshot; ingests may run meanwhile)."""
    from .store import open_store
    from .store.backup import backup_store

    with _errors():
        settings = _settings(obj, db=url)
        _require_db(settings.db)
        store: Any = open_store(settings.db)
        try:
            report = backup_store(store, out)
        finally:
            store.close()
    rows = sum(report.tables.values())
    click.echo(f"sitrep: backed up {rows:,} rows in {len(report.tables)} tables to {report.path}", err=True)


@db.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@click.option("--db", "url", help=DB_HELP)
@click.pass_obj
def db_restore(obj: dict[str, Any], archive: str, url: str | None) -> None:
    """Restore ARCHIVE (from `sitrep db backup`) into an empty store, SQLite or PostgreSQL,
    and migrate it to the current schema."""
    from .store.backup import restore_store
    from .store.open import shown_url

    with _errors():
        settings = _settings(obj, db=url)
        report = restore_store(settings.db, archive)
    rows = sum(report.tables.values())
    into = shown_url(settings.db)
    click.echo(f"sitrep: restored {rows:,} rows in {len(report.tables)} tables into {into}", err=True)
