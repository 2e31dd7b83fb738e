"""``sitrep events`` and ``sitrep summary``: read stored canonical events back.

``events`` takes the filters and paging of ``GET /api/events`` (``filters.FILTERS``), checked by
the same code (``filters.build_filters``), so both refuse the same bad values in the same words.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from .cli_common import DB_HELP, countries_for
from .cli_common import errors as _errors
from .cli_common import require_db as _require_db
from .cli_common import settings_for as _settings
from .filters import FILTERS, MAX_LIMIT
from .serialize import FORMATS, event_dict, render


def _filter_options(fn: Callable[..., None]) -> Callable[..., None]:
    """One option per shared filter (``filters.FILTERS``): the API's query parameters, as flags."""
    for f in reversed(FILTERS):
        fn = click.option(
            f"--{f.name.replace('_', '-')}",
            f.name,
            metavar="VALUE",
            help=f.help[0].upper() + f.help[1:] + ".",
        )(fn)
    return fn


@click.command()
@click.option("--db", help=DB_HELP)
@_filter_options
@click.option(
    "--limit", type=int, default=1000, show_default=True, help=f"Events per page (1 to {MAX_LIMIT})."
)
@click.option(
    "--offset", type=int, default=0, help="Skip this many events (a cursor is faster on deep pages)."
)
@click.option("--cursor", help="Continue from a page edge (printed on stderr when more events follow).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.pass_obj
def events(
    obj: dict[str, Any],
    /,
    db: str | None,
    limit: int,
    offset: int,
    cursor: str | None,
    fmt: str,
    **values: str | None,
) -> None:
    """Read stored canonical events back (one per happening, with every source), filtered.

    Takes the filters and paging of GET /api/events, checked by the same code, so both refuse
    the same bad values with the same words. Newest first.
    """
    from .filters import build_filters, encode_cursor
    from .store import open_store

    with _errors():
        settings = _settings(obj, db=db)
        _require_db(settings.db)
        countries = countries_for(settings)
        filters = build_filters(values, countries=countries, limit=limit, offset=offset, cursor=cursor)
        store = open_store(settings.db)
        rows = store.query_events(filters)
        for chunk in render(rows, fmt, countries.country_name if countries is not None else None):
            click.echo(chunk, nl=False)
        if len(rows) == limit:
            last = json.loads(rows[-1].document)
            more = encode_cursor("after", last.get("date"), rows[-1].event_id)
            click.echo(f"sitrep: more events follow: --cursor {more}", err=True)
        store.close()


@click.command()
@click.option("--db", help=DB_HELP)
@click.pass_obj
def summary(obj: dict[str, Any], db: str | None) -> None:
    """Print counts of stored events by type and by country."""
    from .store import open_store

    with _errors():
        settings = _settings(obj, db=db)
        _require_db(settings.db)
        store = open_store(settings.db)
        st = store.stats()
        rows = [event_dict(e) for e in store.query_events()]
        store.close()
    click.echo(f"{st.articles} articles, {st.events} events, {st.rejects} rejected documents\n")
    click.echo(f"{'date':<11}{'country':<8}{'event type':<28}{'sub-event type':<36}{'deaths':>6}  location")
    click.echo("-" * 110)
    for e in sorted(rows, key=lambda e: (e.get("country") or "", e.get("date") or "")):
        click.echo(
            f"{e.get('date') or '?':<11}{e.get('country') or '?':<8}{e['event_type'][:27]:<28}"
            f"{e['sub_event_type'][:35]:<36}{'' if e.get('fatalities') is None else e['fatalities']:>6}  "
            f"{e.get('location') or '?'} (p{e.get('geo_precision') or '-'})"
        )
    click.echo("")
    for k, v in st.groups["type"].items():
        click.echo(f"  {v:4}  {k}")
