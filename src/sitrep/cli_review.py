"""``sitrep review``: confirm, correct, merge, split or reject stored events; list and export reviews.

Each action calls ``review.review_event`` (as ``POST /api/events/{id}/review`` does), so both
refuse the same bad values with the same words, and prints the review and the event as it now
stands (JSON). ``export`` writes the verdicts as labelled sentences for the event model's corpus.
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


def _common(fn: Callable[..., None]) -> Callable[..., None]:
    """The options every action takes: the store, who acts and why."""
    fn = click.option("--reason", required=True, help="Why, in a few words (kept with the new version).")(fn)
    fn = click.option(
        "--reviewer",
        envvar="SITREP_REVIEWER",
        required=True,
        help="Who acts (or SITREP_REVIEWER).",
    )(fn)
    return click.option("--db", help=DB_HELP)(fn)


def _act(obj: dict[str, Any], db: str | None, event_id: str, action: str, **kw: Any) -> None:
    from .review import review_event
    from .serialize import event_detail
    from .store import open_store

    with _errors():
        settings = _settings(obj, db=db)
        _require_db(settings.db)
        gazetteer = countries_for(settings)
        store = open_store(settings.db)
        try:
            out = review_event(store, event_id, action, countries=gazetteer, gazetteer=gazetteer, **kw)
            if settings.alerts:  # a confirm upgrades the watchlist's alerts, a reject cancels them
                from .alerts import run_after_store

                run_after_store(store, settings)
        finally:
            store.close()
        event = event_detail(out.event) if out.event is not None else None
        click.echo(json.dumps({"review": out.review.to_dict(), "event": event}, ensure_ascii=False))
        now = (
            f" (now {out.event.event_id})" if out.event is not None and out.event.event_id != event_id else ""
        )
        click.echo(f"sitrep: {action} of {event_id} kept{now}", err=True)


@click.group()
def review() -> None:
    """Review stored events: confirm, correct, merge, split, reject; list and export reviews.

    Every action is kept as a new version of the event (who, when, why) and survives re-dedup.
    Rejected events are hidden from `sitrep events` and the API unless asked for (--review).
    """


@review.command()
@click.argument("event_id")
@_common
@click.pass_obj
def confirm(obj: dict[str, Any], event_id: str, db: str | None, reviewer: str, reason: str) -> None:
    """Confirm EVENT_ID as coded."""
    _act(obj, db, event_id, "confirm", reviewer=reviewer, reason=reason)


@review.command()
@click.argument("event_id")
@_common
@click.pass_obj
def reject(obj: dict[str, Any], event_id: str, db: str | None, reviewer: str, reason: str) -> None:
    """Reject EVENT_ID as not an event (hidden from lists, counts and exports)."""
    _act(obj, db, event_id, "reject", reviewer=reviewer, reason=reason)


@review.command()
@click.argument("event_id")
@click.option(
    "--set",
    "sets",
    multiple=True,
    metavar="FIELD=VALUE",
    help="A corrected field, e.g. fatalities=7, sub_event_type='Armed clash', date=2013-01-19 (repeat).",
)
@click.option("--place", help="A gazetteer place (name or geonameid) that sets every place field.")
@_common
@click.pass_obj
def correct(
    obj: dict[str, Any],
    event_id: str,
    sets: tuple[str, ...],
    place: str | None,
    db: str | None,
    reviewer: str,
    reason: str,
) -> None:
    """Correct fields of EVENT_ID (type, actors, place, date, toll)."""
    fields: dict[str, str] = {}
    for item in sets:
        name, eq, value = item.partition("=")
        if not eq:
            raise click.BadParameter(f"{item!r} is not FIELD=VALUE", param_hint="--set")
        fields[name.strip()] = value
    _act(obj, db, event_id, "correct", reviewer=reviewer, reason=reason, fields=fields, place=place)


@review.command()
@click.argument("event_id")
@click.argument("other_id")
@_common
@click.pass_obj
def merge(
    obj: dict[str, Any], event_id: str, other_id: str, db: str | None, reviewer: str, reason: str
) -> None:
    """Merge OTHER_ID into EVENT_ID: reports of one happening."""
    _act(obj, db, event_id, "merge", reviewer=reviewer, reason=reason, other=other_id)


@review.command()
@click.argument("event_id")
@click.option("--source", required=True, help="The doc id of the source to split off.")
@_common
@click.pass_obj
def split(
    obj: dict[str, Any], event_id: str, source: str, db: str | None, reviewer: str, reason: str
) -> None:
    """Split a source off EVENT_ID into an event of its own."""
    _act(obj, db, event_id, "split", reviewer=reviewer, reason=reason, source=source)


@review.command("list")
@click.option("--db", help=DB_HELP)
@click.option("--since", help="Only reviews at or after this ISO time, e.g. 2026-12-01.")
@click.pass_obj
def list_reviews(obj: dict[str, Any], db: str | None, since: str | None) -> None:
    """Print every review, oldest first (JSON lines)."""
    from .store import open_store

    with _errors():
        settings = _settings(obj, db=db)
        _require_db(settings.db)
        store = open_store(settings.db)
        for r in store.reviews(since):
            click.echo(json.dumps(r.to_dict(), ensure_ascii=False))
        store.close()


@review.command()
@click.option("--db", help=DB_HELP)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True),
    help="Write here (e.g. data/events-corpus/part-review.jsonl) instead of stdout.",
)
@click.pass_obj
def export(obj: dict[str, Any], db: str | None, out: str | None) -> None:
    """Write reviewed events' evidence as labelled sentences for the event model's corpus.

    One JSON line per evidence sentence, in the shape of data/events-corpus/part-*.jsonl:
    the reviewed sub-event type as label ("None" for rejected events), place, actors, toll,
    and who reviewed it, when and why.
    """
    from .review import labelled_examples
    from .store import open_store

    with _errors():
        settings = _settings(obj, db=db)
        _require_db(settings.db)
        store = open_store(settings.db)
        rows = labelled_examples(store)
        store.close()
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        if out:
            with open(out, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            click.echo(text, nl=False)
        click.echo(f"sitrep: {len(rows)} labelled sentences", err=True)
