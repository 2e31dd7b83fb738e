"""Command line: thin wrappers that parse options, build Settings, call the library, map errors.

sitrep extract PATH...      events as jsonl/json/csv/geojson on stdout
sitrep ingest PATH...       store documents and events in the database
sitrep watch FEED...        poll RSS/Atom feeds, store the events of new articles
sitrep watchlist ...        the people and sites a desk watches (private)
sitrep alerts ...           their proximity alerts (private); sitrep welfare status: who is safe
sitrep events               read events back from the database
sitrep summary              counts by type and country
sitrep serve                the map and the API
sitrep dedup                rebuild the canonical events (--pending: finish a run; --explain ID)
sitrep db migrate           apply pending schema migrations
sitrep gazetteer build|add  the local GeoNames gazetteer
sitrep geoparse PATH...     place names with coordinates as jsonl on stdout
sitrep bench                throughput figures into BENCHMARKS.md
sitrep settings             every setting, its env variable and default
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import click

from .cli_advisories import advisories
from .cli_alerts import alerts, welfare
from .cli_common import DB_HELP
from .cli_common import errors as _errors
from .cli_common import settings_for as _settings
from .cli_events import events, summary
from .cli_report import report
from .cli_review import review
from .cli_risk import risk
from .cli_serve import serve
from .cli_store import db, dedup
from .cli_token import token
from .cli_watch import watch
from .cli_watchlist import watchlist
from .records import Event, Rejected, Result
from .serialize import FORMATS, render
from .settings import parse_date_option, settings_reference

log = logging.getLogger("sitrep")


def _published(value: str | None) -> Any:
    return parse_date_option(value) if value else None


def _say_reject(rej: Rejected) -> None:
    click.echo(f"sitrep: skipped {rej.origin}: {rej.reason}", err=True)


def _progress(paths: Sequence[str]) -> Callable[[Result], None]:
    """Report each document as it is done: a rejected one at once (with its reason), and on a
    terminal a tqdm bar with documents per second, events, rejects and an ETA (quiet when piped).

    The ETA comes from a quick count of the documents (``ingest.count_documents``, at most 2 s);
    when the sources are too big to count that fast, or come from stdin, the bar shows no ETA.
    """
    bar: Any = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        from .ingest import count_documents

        total = count_documents(paths)
        bar = tqdm(total=total, unit="doc", file=sys.stderr, leave=False, dynamic_ncols=True)
    counts = {"events": 0, "rejected": 0}

    def tick(r: Result) -> None:
        if r.rejected is not None:
            counts["rejected"] += 1
            line = f"sitrep: skipped {r.rejected.origin}: {r.rejected.reason}"
            (bar.write(line, file=sys.stderr) if bar is not None else click.echo(line, err=True))
        counts["events"] += len(r.events)
        if bar is not None:
            bar.set_postfix(counts, refresh=False)
            bar.update(1)

    return tick


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", type=click.Path(dir_okay=False), help="TOML settings file (also SITREP_CONFIG).")
@click.option("-v", "--verbose", count=True, help="More logging (-vv for debug).")
@click.version_option(package_name="sitrep")
@click.pass_context
def cli(ctx: click.Context, config: str | None, verbose: int) -> None:
    """sitrep: news in, situation picture out.

    Reads news (text, saved web pages, JSONL) and codes the events it reports, ACLED-style:
    what happened, where, when, who, how many died, and which sentence says so.
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    ctx.obj = {"config": config}


WORKERS_HELP = "Analyse documents in N processes (default: setting workers, 1)."
DASK_HELP = "Analyse on Dask: a scheduler address (tcp://host:8786) or local:N (a local cluster)."
INPUT_HELP = (
    ".txt, .html/.htm, .jsonl (id, text|html, published, url, title), .warc/.warc.gz (HTTP 200 HTML/text "
    "responses), a folder, or - for stdin."
)


@cli.command(help="Print the events found in PATHS: " + INPUT_HELP)
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date YYYY-MM-DD for documents that carry none.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--min-confidence", type=float, help="Drop events below this confidence.")
@click.option("--workers", type=click.IntRange(1), help=WORKERS_HELP)
@click.option("--dask", "dask_address", metavar="ADDRESS", help=DASK_HELP)
@click.pass_obj
def extract(
    obj: dict[str, Any],
    paths: tuple[str, ...],
    published: str | None,
    fmt: str,
    min_confidence: float | None,
    workers: int | None,
    dask_address: str | None,
) -> None:
    from .runners import run_batch

    with _errors():
        settings = _settings(
            obj,
            published=_published(published),
            min_confidence=min_confidence,
            workers=workers,
            dask=dask_address,
        )
        ok = rejected = found = 0

        def events() -> Iterator[Event]:
            nonlocal ok, rejected, found
            for result in run_batch(
                list(paths), settings, stdin=sys.stdin.buffer, on_result=_progress(paths)
            ):
                if result.rejected is not None:
                    rejected += 1  # said as it happened (``_progress``)
                    continue
                ok += 1
                found += len(result.events)
                yield from result.events

        for chunk in render(events(), fmt):
            click.echo(chunk, nl=False)
        if sys.stderr.isatty():  # the summary after the progress bar; quiet when piped
            click.echo(f"sitrep: {ok + rejected} documents, {found} events, {rejected} rejected", err=True)
        if ok == 0 and rejected:
            click.echo(f"sitrep: no document could be processed ({rejected} rejected)", err=True)
            sys.exit(1)


@cli.command(help="Store the documents and events in PATHS: " + INPUT_HELP)
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date YYYY-MM-DD for documents that carry none.")
@click.option("--db", help=DB_HELP)
@click.option("--workers", type=click.IntRange(1), help=WORKERS_HELP)
@click.option("--dask", "dask_address", metavar="ADDRESS", help=DASK_HELP)
@click.pass_obj
def ingest(
    obj: dict[str, Any],
    paths: tuple[str, ...],
    published: str | None,
    db: str | None,
    workers: int | None,
    dask_address: str | None,
) -> None:
    from .runners import ingest_paths
    from .store import open_store
    from .store.open import shown_url

    with _errors():
        settings = _settings(obj, published=_published(published), db=db, workers=workers, dask=dask_address)
        store = open_store(settings.db, settings_hash=settings.fingerprint())
        report = ingest_paths(
            list(paths), settings, store, stdin=sys.stdin.buffer, on_result=_progress(paths)
        )
        s = report.stored
        assert s is not None
        click.echo(
            f"{report.documents} documents processed, {len(report.rejected)} rejected; "
            f"stored {s.articles_added} new articles ({s.articles_seen} already known, "
            f"{s.articles_near} near-duplicates), {s.events_added} new events -> {shown_url(settings.db)}",
            err=True,
        )
        if report.dedup is not None:
            d = report.dedup
            click.echo(
                f"canonical events: {d.created} new, {d.updated} updated, {d.unchanged} unchanged, "
                f"{d.superseded} merged",
                err=True,
            )
        store.close()
        if not report.ok:
            sys.exit(1)


@cli.command(
    help="Print the place names found in PATHS with their coordinates, one JSON line per document: "
    + INPUT_HELP
    + " Offsets point into a JSONL document's 'text' exactly as given; for .txt/.html files and"
    " JSONL 'html' they point into the cleaned text (as in `sitrep extract`)."
)
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.pass_obj
def geoparse(obj: dict[str, Any], paths: tuple[str, ...], fmt: str) -> None:

    from .geo import geoparse_row
    from .ingest import read_sources
    from .pipeline import geoparse_batch, load_resources

    with _errors():
        settings = _settings(obj)
        resources = load_resources(settings)
        sources = read_sources(list(paths), settings, stdin=sys.stdin.buffer)
        for result in geoparse_batch(sources, settings, resources):
            if result.rejected is not None:
                _say_reject(result.rejected)
                continue
            click.echo(json.dumps(geoparse_row(result.doc_id, result.toponyms), ensure_ascii=False))


@cli.group()
def gazetteer() -> None:
    """Build or extend the local GeoNames gazetteer."""


@gazetteer.command("build")
@click.option(
    "--out", type=click.Path(dir_okay=False), help="Output file (default: the configured gazetteer)."
)
@click.option("--if-missing", is_flag=True, help="Do nothing when the file exists.")
@click.pass_obj
def gazetteer_build(obj: dict[str, Any], out: str | None, if_missing: bool) -> None:
    """Build the gazetteer from the packaged GeoNames data (cities500, countries, admin areas)."""
    from .gazetteer import build_gazetteer
    from .geo import Gazetteer
    from .lang import load

    with _errors():
        settings = _settings(obj)
        path = Path(out) if out else settings.gazetteer_path()
        if if_missing and Gazetteer.is_current(path):
            click.echo(f"sitrep: gazetteer present at {path}", err=True)
            return
        click.echo(f"sitrep: building gazetteer at {path} ...", err=True)
        stats = build_gazetteer(path, load(settings.language).place_names, progress=sys.stderr.isatty())
        click.echo(f"sitrep: gazetteer built: {stats}", err=True)


@gazetteer.command("add")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False))
@click.pass_obj
def gazetteer_add(obj: dict[str, Any], dump: str) -> None:
    """Load a GeoNames dump (allCountries.zip, XX.zip or XX.txt) into the gazetteer."""
    from .gazetteer import load_geonames_dump

    with _errors():
        settings = _settings(obj)
        stats = load_geonames_dump(Path(dump), settings.gazetteer_path())
        click.echo(f"sitrep: added {stats}", err=True)


@cli.command()
@click.option("--out", default="BENCHMARKS.md", show_default=True, help="Markdown file to append results to.")
@click.option("-n", "count", default=120, show_default=True, help="Articles to process.")
@click.pass_obj
def bench(obj: dict[str, Any], out: str, count: int) -> None:
    """Measure extraction throughput against bare spaCy on the same texts; append to OUT."""
    from .bench import run_benchmarks

    with _errors():
        settings = _settings(obj)
        text = run_benchmarks(settings, Path(out), count=count, log=lambda m: click.echo(m, err=True))
        click.echo(text)


@cli.command("settings")
def settings_cmd() -> None:
    """List every setting with its environment variable and default."""
    click.echo(settings_reference(), nl=False)


cli.add_command(events)
cli.add_command(summary)
cli.add_command(dedup)
cli.add_command(review)
cli.add_command(report)
cli.add_command(token)
cli.add_command(db)
cli.add_command(watch)
cli.add_command(serve)
cli.add_command(watchlist)
cli.add_command(advisories)
cli.add_command(alerts)
cli.add_command(welfare)
cli.add_command(risk)


def main() -> None:
    """Entry point of the `sitrep` script."""
    cli(prog_name="sitrep")
