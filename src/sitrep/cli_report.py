"""``sitrep report``: a situation report of a country or admin1 area, as Markdown, HTML or PDF."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .cli_common import DB_HELP, countries_for
from .cli_common import errors as _errors
from .cli_common import require_db as _require_db
from .cli_common import settings_for as _settings
from .errors import ConfigError

REPORT_FORMATS = ("md", "html", "pdf")


@click.command()
@click.option("--db", help=DB_HELP)
@click.option(
    "--region", required=True, help="An ISO2 country (ML), a country name, or an admin1 area (ML.Ségou)."
)
@click.option(
    "--since",
    default="7d",
    show_default=True,
    help="First day: a span back from now (7d, 48h, 2w) or a date.",
)
@click.option("--until", help="Last day (ISO date; default today).")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="md", show_default=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here (default: stdout). For md, the map and timeline PNGs are written beside it.",
)
@click.option(
    "--save/--no-save",
    default=True,
    show_default=True,
    help="Keep this report's key facts, so the next report of the region says what changed.",
)
@click.pass_obj
def report(
    obj: dict[str, Any],
    /,
    db: str | None,
    region: str,
    since: str,
    until: str | None,
    fmt: str,
    out: Path | None,
    save: bool,
) -> None:
    """A situation report: events by type and area, a map, a timeline, the key events with their
    evidence and sources, risk levels, advisories, and what changed since the last report.

    Only public data: events an analyst rejected are left out; no watchlist, no alerts.
    """
    from datetime import date

    from .report import (
        build_report,
        figures,
        parse_region,
        parse_since,
        render_html,
        render_markdown,
        render_pdf,
        save_snapshot,
    )
    from .store import open_store

    with _errors():
        settings = _settings(obj, db=db)
        _require_db(settings.db)
        if fmt == "pdf" and out is None and sys.stdout.isatty():
            raise ConfigError("a PDF is not for a terminal", hint="give --out FILE.pdf or redirect stdout")
        countries = countries_for(settings)
        where = parse_region(region, countries)
        first = parse_since(since)
        try:
            last = date.fromisoformat(until) if until else None
        except ValueError:
            raise ConfigError(f"not a date: {until!r}", hint="use an ISO date, e.g. 2024-03-08") from None
        store = open_store(settings.db)
        try:
            rep = build_report(store, region=where, since=first, until=last, gazetteer=countries)
            body: bytes
            if fmt == "pdf":
                body = render_pdf(rep)
            elif fmt == "html":
                body = render_html(rep).encode("utf-8")
            else:
                images: dict[str, str] = {}
                if out is not None:
                    for name, png in figures(rep).items():
                        target = out.with_name(f"{out.stem}-{name}.png")
                        _write(target, png)
                        images[name] = target.name
                body = render_markdown(rep, images).encode("utf-8")
            if out is None:
                sys.stdout.buffer.write(body)
                sys.stdout.flush()
            else:
                _write(out, body)
                click.echo(f"sitrep: wrote {out} ({rep.events} events)", err=True)
            if save:
                save_snapshot(store, rep)
        finally:
            store.close()


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror}", hint="check the --out path") from None
