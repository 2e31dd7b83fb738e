"""The watchlist: people and sites a duty-of-care desk watches (an embassy, field staff).

Private by design. Items are read and written only through this module, by the CLI
(``sitrep watchlist``) and the guarded API routes (``/api/watchlist``: ``read-private`` to
read, ``write`` to change); no public route, export or map reads them. Log lines carry an
item's id only, and error messages name the field at fault, never a name, place or contact.
Removing an item deletes it from the store for good.

An item is placed by its coordinates, or by a place name looked up in the gazetteer
(``resolve_place``): "Niono", "Paris, FR", "Springfield, Illinois" or a GeoNames id. A name
that several places share (beyond a town and the area named after it) is refused with the
choices, rather than guessed: a watch item in the wrong town is worse than none.
"""

from __future__ import annotations

import dataclasses
import logging
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from .errors import ConfigError, NotFoundError, QueryTimeout, StoreError
from .geo.gazetteer import Gazetteer, normalize
from .records import Place, WatchItem
from .records.watch import check_degrees, check_radius
from .store.base import Store

log = logging.getLogger(__name__)

CHANGEABLE = ("name", "kind", "latitude", "longitude", "place", "radius_km", "contact", "active")
MAX_CHOICES = 5  # of an ambiguous place name, the choices named in the error


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextmanager
def _writing(store: Store, item_id: str) -> Iterator[None]:
    """A write transaction whose database errors name the item's id only: a driver's message may
    quote the row (PostgreSQL's "Failing row contains ..."), and errors are logged."""
    try:
        with store.transaction():
            yield
    except QueryTimeout:
        raise
    except StoreError as exc:
        raise StoreError(f"the store refused a change to watch item {item_id}", hint=exc.hint) from None


def _label(p: Place) -> str:
    where = ", ".join(x for x in (p.admin1, p.country) if x)
    return f"{p.geonameid} ({where})" if where else str(p.geonameid)


def resolve_place(gazetteer: Gazetteer | None, place: str) -> Place:
    """The one gazetteer place that ``place`` names.

    ``place`` is a name ("Niono"), a name with its country or first-level area after a comma
    ("Paris, FR", "Paris, France", "Springfield, Illinois"), or a GeoNames id. A town and the
    area named after it in the same country count as one (the town is taken).

    Raises:
        ConfigError: no gazetteer, no such place, or several places of that name.
    """
    if gazetteer is None:
        raise ConfigError("place: no gazetteer to look it up in", hint="give latitude and longitude")
    text = " ".join(place.split())
    if text.isdigit():
        hit = gazetteer.place(int(text))
        if hit is None:
            raise ConfigError("place: no gazetteer place has that id", hint="a GeoNames id, or a name")
        return hit
    name, _, where = text.rpartition(",") if "," in text else (text, "", "")
    found = gazetteer.candidates(name)
    if where.strip():
        key = normalize(where)
        country = gazetteer.country_by_name(where)
        found = [
            (p, k)
            for p, k in found
            if (p.country or "").lower() == key
            or (country is not None and p.country == country.country)
            or normalize(p.admin1 or "") == key
        ]
    if not found:
        raise ConfigError(
            "place: not in the gazetteer",
            hint="check the spelling, add the country ('Town, CC'), or give coordinates",
        )
    best = min(k for _, k in found)
    places = list({p.geonameid: p for p, k in found if k == best}.values())
    towns = {p.country for p in places if p.feature_class != "A"}
    places = [p for p in places if p.feature_class != "A" or p.country not in towns]
    if len(places) > 1:
        choices = ", ".join(_label(p) for p in places[:MAX_CHOICES])
        raise ConfigError(
            f"place: {len(places)} gazetteer places have that name",
            hint=f"add the country or region ('Town, CC'), or give a GeoNames id: {choices}",
        )
    return places[0]


def _locate(
    latitude: Any, longitude: Any, place: str | None, gazetteer: Gazetteer | None
) -> tuple[float, float]:
    """Coordinates as given (both or neither), else those of ``place`` in the gazetteer."""
    if latitude is None and longitude is None:
        if not place or not place.strip():
            raise ConfigError(
                "location: no coordinates and no place", hint="give latitude and longitude, or a place"
            )
        found = resolve_place(gazetteer, place)
        return found.latitude, found.longitude
    if latitude is None or longitude is None:
        raise ConfigError("location: latitude and longitude go together", hint="give both, or a place alone")
    return check_degrees(latitude, "latitude"), check_degrees(longitude, "longitude")


def add_watch_item(
    store: Store,
    name: str,
    kind: str,
    *,
    latitude: float | None = None,
    longitude: float | None = None,
    place: str | None = None,
    radius_km: Mapping[str, float] | None = None,
    contact: Mapping[str, str] | None = None,
    gazetteer: Gazetteer | None = None,
    active: bool = True,
) -> WatchItem:
    """Add a person or site to the watchlist; the item as kept (with its new id).

    Args:
        store: where the item is kept.
        name: who or what (1 to 200 characters).
        kind: ``person`` or ``site``.
        latitude: degrees; with ``longitude``, the item's point (the place is then only a label).
        longitude: degrees.
        place: a place name resolved through ``gazetteer`` when no coordinates are given.
        radius_km: km by CAP severity (Extreme, Severe, Moderate, Minor); unnamed ones keep
            their defaults.
        contact: ``{"webhook": "https://..."}`` or ``{"email": "a@b.example"}``.
        gazetteer: the gazetteer for ``place``.
        active: False keeps the item without watching it.

    Raises:
        ConfigError: a bad value (the message names the field, never the value).
    """
    lat, lon = _locate(latitude, longitude, place, gazetteer)
    now = _now()
    item = WatchItem(
        item_id=secrets.token_hex(8),  # random: an id must not be derived from who is watched
        name=name,
        kind=kind,  # type: ignore[arg-type]  # checked by WatchItem
        latitude=lat,
        longitude=lon,
        place=place,
        radius_km=check_radius(radius_km),
        contact=contact,
        created=now,
        updated=now,
        active=active,
    )
    with _writing(store, item.item_id):
        if not store.add_watch_item(item):
            raise ConfigError("watch item id taken", hint="try again")
    log.info("watch item %s added", item.item_id)
    return item


def get_watch_item(store: Store, item_id: str) -> WatchItem:
    """The item with this id.

    Raises:
        NotFoundError: no such item.
    """
    item = store.watch_item(item_id)
    if item is None:
        raise NotFoundError(f"no watch item {item_id!r}", hint="see `sitrep watchlist list`")
    return item


def list_watch_items(store: Store) -> list[WatchItem]:
    """Every item, by name (in any case), then id."""
    return sorted(store.watch_items(), key=lambda i: (i.name.casefold(), i.item_id))


def update_watch_item(
    store: Store, item_id: str, changes: Mapping[str, Any], *, gazetteer: Gazetteer | None = None
) -> WatchItem:
    """Change the given fields of an item (``CHANGEABLE``); the item as now kept.

    A new ``place`` without coordinates moves the item to that place; ``radius_km`` changes
    only the severities it names; ``contact`` None removes the contact.

    Raises:
        NotFoundError: no such item.
        ConfigError: an unknown field or a bad value.
    """
    unknown = sorted(set(changes) - set(CHANGEABLE))
    if unknown:
        raise ConfigError(f"cannot change: {', '.join(unknown)}", hint=f"one of: {', '.join(CHANGEABLE)}")
    with _writing(store, item_id):
        current = get_watch_item(store, item_id)
        values = {k: v for k, v in changes.items() if k not in ("radius_km", "latitude", "longitude")}
        if "latitude" in changes or "longitude" in changes:
            lat = changes.get("latitude", current.latitude)
            lon = changes.get("longitude", current.longitude)
            values["latitude"], values["longitude"] = _locate(lat, lon, None, gazetteer)
        elif changes.get("place"):
            values["latitude"], values["longitude"] = _locate(None, None, changes["place"], gazetteer)
        if changes.get("radius_km") is not None:
            values["radius_km"] = check_radius(changes["radius_km"], base=current.radius_km)
        if values.get("active") is None:
            values.pop("active", None)
        item = dataclasses.replace(current, **values, updated=_now())
        store.update_watch_item(item)
    log.info("watch item %s updated", item_id)
    return item


def remove_watch_item(store: Store, item_id: str) -> None:
    """Delete an item from the store for good.

    Raises:
        NotFoundError: no such item.
    """
    with _writing(store, item_id):
        if not store.remove_watch_item(item_id):
            raise NotFoundError(f"no watch item {item_id!r}", hint="see `sitrep watchlist list`")
    log.info("watch item %s removed", item_id)
