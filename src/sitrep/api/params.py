"""What the routes share: the store they read (behind one lock) and the event filters.

The filters that ``/api/events`` and ``/api/stats`` share are declared once (``SHARED_FILTERS``)
and read by a FastAPI dependency per route (the stats route shows shorter descriptions);
``build_filters`` turns the raw strings into ``EventFilters`` and reports every bad value at once.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Literal, TypeVar

from fastapi import Query, Request

from ..errors import ConfigError
from ..settings import parse_date_option
from ..store.base import EventFilters, Store
from .errors import MultiConfigError

DEFAULT_LIMIT = 1000
MAX_LIMIT = 10_000

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class AppState:
    """What ``create_app`` was given: the store (one call at a time) and the write token."""

    store: Store
    lock: threading.Lock
    token: str | None


def app_state(request: Request) -> AppState:
    """The dependency that hands a route its ``AppState`` (kept on the app's state)."""
    value: AppState = request.app.state.app_state
    return value


@dataclass(frozen=True, slots=True)
class FilterQuery:
    """The filters ``/api/events`` and ``/api/stats`` share, as the query string gives them."""

    country: str | None = None
    admin1: str | None = None
    since: str | None = None
    until: str | None = None
    type_: str | None = None
    sub_type: str | None = None
    actor: str | None = None
    text: str | None = None
    bbox: str | None = None


#: (parameter, query-string name when it differs, description on /api/events, on /api/stats)
SHARED_FILTERS: tuple[tuple[str, str | None, str, str], ...] = (
    ("country", None, "ISO 3166-1 alpha-2 code, e.g. ML", "ISO 3166-1 alpha-2 code"),
    ("admin1", None, "first-level admin area name, e.g. Ségou", "first-level admin area name"),
    ("since", None, "first event date, YYYY-MM-DD", "first event date, YYYY-MM-DD"),
    ("until", None, "last event date, YYYY-MM-DD", "last event date, YYYY-MM-DD"),
    ("type_", "type", "event_type or sub_event_type, e.g. Battles", "event_type or sub_event_type"),
    ("sub_type", None, "sub_event_type, e.g. Armed clash", "sub_event_type"),
    ("actor", None, "part of actor1 or actor2, any case", "part of actor1 or actor2"),
    (
        "text",
        None,
        "part of the place, actors or evidence, any case",
        "part of the place, actors or evidence",
    ),
    ("bbox", None, "west,south,east,north in degrees", "west,south,east,north in degrees"),
)


def _filter_dependency(brief: bool) -> Callable[..., FilterQuery]:
    """A dependency that reads ``SHARED_FILTERS`` (its signature is what FastAPI documents)."""

    def read(**values: str | None) -> FilterQuery:
        return FilterQuery(**values)

    params = [
        inspect.Parameter(
            name,
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[str | None, Query(alias=alias, description=short if brief else full)],
        )
        for name, alias, full, short in SHARED_FILTERS
    ]
    setattr(read, "__signature__", inspect.Signature(params, return_annotation=FilterQuery))  # noqa: B010
    return read


event_filters = _filter_dependency(brief=False)
stats_filters = _filter_dependency(brief=True)


@dataclass(frozen=True, slots=True)
class EventsPage:
    """What only ``/api/events`` takes: a radius, the page, and the format."""

    near: str | None
    limit: int
    offset: int
    format: Literal["json", "geojson", "csv"]


def events_page(
    near: Annotated[str | None, Query(description="latitude,longitude,km: within a radius")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0)] = 0,
    format_: Annotated[
        Literal["json", "geojson", "csv"],
        Query(
            alias="format",
            description="json: {events, count, next}; geojson: FeatureCollection; csv: ACLED columns",
        ),
    ] = "json",
) -> EventsPage:
    """The dependency that reads ``EventsPage`` from the query string."""
    return EventsPage(near, limit, offset, format_)


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """Parse ``west,south,east,north`` in degrees.

    Raises:
        ConfigError: not four numbers, out of range, or south > north / west > east.
    """
    parts = [p.strip() for p in value.split(",")]
    hint = "use bbox=west,south,east,north in degrees, e.g. bbox=-12,10,5,25"
    if len(parts) != 4:
        raise ConfigError(f"bbox needs 4 comma-separated numbers, got {len(parts)}: {value!r}", hint=hint)
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ConfigError(f"bbox is not numeric: {value!r}", hint=hint) from None
    lon_ok = -180.0 <= west <= 180.0 and -180.0 <= east <= 180.0
    if not (lon_ok and -90.0 <= south <= 90.0 and -90.0 <= north <= 90.0):
        raise ConfigError(f"bbox out of range: {value!r}", hint="longitudes -180..180, latitudes -90..90")
    if south > north or west > east:
        raise ConfigError(f"bbox has south > north or west > east: {value!r}", hint=hint)
    return west, south, east, north


def parse_near(value: str) -> tuple[float, float, float]:
    """Parse ``latitude,longitude,km`` (a radius query).

    Raises:
        ConfigError: not three numbers, out of range, or a radius not in (0, 5000] km.
    """
    hint = "use near=latitude,longitude,km, e.g. near=14.25,-5.99,50"
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 3:
        raise ConfigError(f"near needs 3 comma-separated numbers, got {len(parts)}: {value!r}", hint=hint)
    try:
        lat, lon, km = (float(p) for p in parts)
    except ValueError:
        raise ConfigError(f"near is not numeric: {value!r}", hint=hint) from None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0 and 0.0 < km <= 5000.0):
        raise ConfigError(
            f"near out of range: {value!r}", hint="latitude -90..90, longitude -180..180, 0 < km <= 5000"
        )
    return lat, lon, km


def build_filters(
    *,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    event_type: str | None = None,
    bbox: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    offset: int = 0,
    admin1: str | None = None,
    sub_type: str | None = None,
    actor: str | None = None,
    text: str | None = None,
    near: str | None = None,
) -> EventFilters:
    """Turn raw query-string values into ``EventFilters``.

    Raises:
        ConfigError: a bad date, bbox, near or country code, or since > until.
    """
    errors: list[ConfigError] = []

    def attempt(name: str, fn: Callable[[str], T], raw: str | None) -> T | None:
        if raw is None or not raw.strip():
            return None
        try:
            return fn(raw)
        except ConfigError as exc:
            errors.append(ConfigError(f"{name}: {exc.message}", hint=exc.hint))
            return None

    since_d = attempt("since", parse_date_option, since)
    until_d = attempt("until", parse_date_option, until)
    bbox_t = attempt("bbox", parse_bbox, bbox)
    near_t = attempt("near", parse_near, near)
    cc = country.strip().upper() if country and country.strip() else None
    if cc is not None and (len(cc) != 2 or not cc.isalpha()):
        errors.append(ConfigError(f"country: not an ISO 3166-1 alpha-2 code: {country!r}", hint="e.g. ML"))
    if since_d and until_d and since_d > until_d:
        errors.append(ConfigError(f"since ({since_d}) is after until ({until_d})"))
    if errors:
        raise MultiConfigError(errors)
    return EventFilters(
        country=cc,
        since=since_d,
        until=until_d,
        event_type=_clean(event_type),
        bbox=bbox_t,
        limit=limit,
        offset=offset,
        admin1=_clean(admin1),
        sub_event_type=_clean(sub_type),
        actor=_clean(actor),
        text=_clean(text),
        near=near_t,
    )


def _clean(value: str | None) -> str | None:
    """A stripped query value, or None when empty."""
    return value.strip() if value and value.strip() else None


def query_filters(
    q: FilterQuery, *, limit: int | None, offset: int = 0, near: str | None = None
) -> EventFilters:
    """``build_filters`` over the shared filters of a route, plus its page and radius."""
    return build_filters(
        country=q.country,
        since=q.since,
        until=q.until,
        event_type=q.type_,
        bbox=q.bbox,
        limit=limit,
        offset=offset,
        admin1=q.admin1,
        sub_type=q.sub_type,
        actor=q.actor,
        text=q.text,
        near=near,
    )
