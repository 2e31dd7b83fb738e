"""``sitrep watch``: poll RSS/Atom feeds and store the events of every new article."""

from __future__ import annotations

from typing import Any

import click

from .cli_common import DB_HELP
from .cli_common import errors as _errors
from .cli_common import settings_for as _settings


@click.command()
@click.argument("feeds", nargs=-1)
@click.option("--opml", type=click.Path(exists=True, dir_okay=False), help="Add the feeds of an OPML file.")
@click.option("--db", help=DB_HELP)
@click.option(
    "--interval", type=click.FloatRange(1), default=300.0, show_default=True, help="Seconds per round."
)
@click.option("--once", is_flag=True, help="Poll every feed once, then stop.")
@click.option("--rounds", type=click.IntRange(1), help="Stop after this many rounds.")
@click.option(
    "--allow-private", is_flag=True, help="Fetch from private and loopback addresses (tests, intranets)."
)
@click.pass_obj
def watch(
    obj: dict[str, Any],
    feeds: tuple[str, ...],
    opml: str | None,
    db: str | None,
    interval: float,
    once: bool,
    rounds: int | None,
    allow_private: bool,
) -> None:
    """Watch FEEDS (RSS/Atom URLs) and the feeds already stored: fetch each new article, code it,
    store its events. Feeds and their state live in the database, so a restart resumes."""
    from .feeds import Fetcher, PollReport, read_opml
    from .feeds import watch as run_watch
    from .pipeline import load_resources
    from .store import open_store

    with _errors():
        settings = _settings(obj, db=db)
        urls = [*feeds, *(read_opml(opml) if opml else [])]
        store = open_store(settings.db, settings_hash=settings.fingerprint())
        if not urls and not store.feeds():
            raise click.UsageError("no feeds: give feed URLs or --opml, or watch a database that has some")
        resources = load_resources(settings)
        fetcher = Fetcher(allow_private=allow_private, min_interval=settings.fetch_min_interval)

        def say(r: PollReport) -> None:
            click.echo(
                f"sitrep watch: {r.feeds} feeds, {r.new_items} new items: {r.stored} stored "
                f"({r.events} events), {r.rejected} rejected, {r.failed} failed",
                err=True,
            )
            for e in r.errors:
                click.echo(f"sitrep watch: {e}", err=True)

        try:
            run_watch(
                store,
                urls,
                settings,
                resources,
                fetcher,
                interval=interval,
                rounds=1 if once else rounds,
                on_round=say,
            )
        finally:
            fetcher.close()
            store.close()
