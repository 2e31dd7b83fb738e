"""``sitrep watchlist add|list|show|update|remove``: the people and sites a desk watches
(``sitrep.watchlist``; private: never in a public route, an export or a log line)."""

from __future__ import annotations

import json
from typing import Any

import click

from .cli_common import DB_HELP
from .cli_common import errors as _errors
from .cli_common import settings_for as _settings
from .errors import ConfigError
from .records.watch import KINDS, SEVERITIES

RADIUS_HELP = f"SEVERITY=KM, how near an event must be ({', '.join(SEVERITIES)}); repeat."


def _radius(pairs: tuple[str, ...]) -> dict[str, Any] | None:
    if not pairs:
        return None
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, km = pair.partition("=")
        if not sep:
            raise ConfigError("--radius: not SEVERITY=KM", hint="e.g. --radius Severe=40")
        out[key.strip()] = km.strip()
    return out


def _contact(webhook: str | None, email: str | None) -> dict[str, str] | None:
    if webhook and email:
        raise ConfigError("--webhook and --email: one contact only", hint="give one of them")
    return {"webhook": webhook} if webhook else {"email": email} if email else None


def _gazetteer(settings: Any, place: str | None, lat: float | None, lon: float | None) -> Any:
    """The gazetteer, when a place is to be looked up (else None: nothing to open)."""
    if not place or lat is not None or lon is not None:
        return None
    from .cli_common import countries_for

    return countries_for(settings)


def _run(
    obj: dict[str, Any], db: str | None, call: Any, place: str | None = None, at: Any = (None, None)
) -> Any:
    """Open the store (and the gazetteer when a place needs it), run ``call(store, gazetteer)``."""
    from .store import open_store

    with _errors():
        settings = _settings(obj, db=db)
        gazetteer = _gazetteer(settings, place, *at)
        store = open_store(settings.db)
        try:
            return call(store, gazetteer)
        finally:
            store.close()
            if gazetteer is not None:
                gazetteer.close()


def _location_options(f: Any) -> Any:
    for option in reversed(
        [
            click.option("--lat", "lat", type=float, help="Latitude in degrees (with --lon)."),
            click.option("--lon", "lon", type=float, help="Longitude in degrees (with --lat)."),
            click.option(
                "--place",
                help="A place name or GeoNames id ('Niono', 'Paris, FR'), looked up in the gazetteer when"
                " no --lat/--lon are given; with them, only a label.",
            ),
            click.option("--radius", "radius", multiple=True, metavar="SEVERITY=KM", help=RADIUS_HELP),
            click.option("--webhook", metavar="URL", help="Contact: an http(s) URL to call."),
            click.option("--email", metavar="ADDR", help="Contact: an email address."),
            click.option("--db", help=DB_HELP),
        ]
    ):
        f = option(f)
    return f


@click.group()
def watchlist() -> None:
    """People and sites a duty-of-care desk watches (private; the API needs a token)."""


@watchlist.command("add")
@click.option("--name", required=True, help="Who or what is watched.")
@click.option("--kind", required=True, type=click.Choice(KINDS), help="A person or a site.")
@_location_options
@click.pass_obj
def add(obj: dict[str, Any], /, name: str, kind: str, **o: Any) -> None:
    """Add a person or site (by --lat/--lon, or by --place); print it as JSON."""
    from .watchlist import add_watch_item

    def call(store: Any, gazetteer: Any) -> Any:
        where = {"latitude": o["lat"], "longitude": o["lon"], "place": o["place"]}
        contact = _contact(o["webhook"], o["email"])
        return add_watch_item(
            store, name, kind, **where, radius_km=_radius(o["radius"]), contact=contact, gazetteer=gazetteer
        )

    item = _run(obj, o["db"], call, o["place"], (o["lat"], o["lon"]))
    click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
    click.echo(f"sitrep: watch item {item.item_id} added", err=True)


@watchlist.command("list")
@click.option("--json", "as_json", is_flag=True, help="JSON lines, every field (else a short table).")
@click.option("--db", help=DB_HELP)
@click.pass_obj
def list_(obj: dict[str, Any], as_json: bool, db: str | None) -> None:
    """List the items, by name."""
    from .watchlist import list_watch_items

    items = _run(obj, db, lambda store, _: list_watch_items(store))
    for i in items:
        if as_json:
            click.echo(json.dumps(i.to_dict(), ensure_ascii=False))
        else:
            state = "active" if i.active else "paused"
            click.echo(f"{i.item_id}\t{i.kind}\t{state}\t{i.latitude:.5f},{i.longitude:.5f}\t{i.name}")


@watchlist.command("show")
@click.argument("item_id")
@click.option("--db", help=DB_HELP)
@click.pass_obj
def show(obj: dict[str, Any], item_id: str, db: str | None) -> None:
    """Print the item ITEM_ID as JSON."""
    from .watchlist import get_watch_item

    item = _run(obj, db, lambda store, _: get_watch_item(store, item_id))
    click.echo(json.dumps(item.to_dict(), ensure_ascii=False))


@watchlist.command("update")
@click.argument("item_id")
@click.option("--name", help="A new name.")
@click.option("--kind", type=click.Choice(KINDS), help="A person or a site.")
@_location_options
@click.option("--no-contact", is_flag=True, help="Remove the contact.")
@click.option("--active/--inactive", default=None, help="Watch it, or keep it without watching.")
@click.pass_obj
def update(obj: dict[str, Any], /, item_id: str, **o: Any) -> None:
    """Change the given fields of ITEM_ID (a new --place alone moves it there); print it as JSON."""
    from .watchlist import update_watch_item

    def call(store: Any, gazetteer: Any) -> Any:
        changes: dict[str, Any] = {k: o[k] for k in ("name", "kind", "place", "active") if o[k] is not None}
        changes.update({k: v for k, v in (("latitude", o["lat"]), ("longitude", o["lon"])) if v is not None})
        if o["radius"]:
            changes["radius_km"] = _radius(o["radius"])
        contact = _contact(o["webhook"], o["email"])
        if contact or o["no_contact"]:
            changes["contact"] = contact
        if not changes:
            raise ConfigError("nothing to change", hint="give at least one option; see --help")
        return update_watch_item(store, item_id, changes, gazetteer=gazetteer)

    item = _run(obj, o["db"], call, o["place"], (o["lat"], o["lon"]))
    click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
    click.echo(f"sitrep: watch item {item.item_id} updated", err=True)


@watchlist.command("remove")
@click.argument("item_id")
@click.option("--db", help=DB_HELP)
@click.pass_obj
def remove(obj: dict[str, Any], item_id: str, db: str | None) -> None:
    """Delete the item ITEM_ID from the store for good."""
    from .watchlist import remove_watch_item

    _run(obj, db, lambda store, _: remove_watch_item(store, item_id))
    click.echo(f"sitrep: watch item {item_id} removed", err=True)
