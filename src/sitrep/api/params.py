"""What the routes share: the store they read, the event filters, paging, and unknown parameters.

The filters of ``/api/events`` and ``/api/stats`` are ``filters.FILTERS``, read by one FastAPI
dependency (``event_filters``) whose signature is generated from them, so both routes (and
``sitrep events``) take exactly the same names; ``filters.build_filters`` checks the values.
``known_parameters`` refuses a query parameter a route does not take, naming the closest one,
so a typo (``contry=ML``) is a 400 and not every event.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Query, Request
from fastapi.dependencies.utils import get_flat_params

from ..access import Gate
from ..errors import ConfigError
from ..filters import (
    FILTERS,
    MAX_LIMIT,
    MAX_OFFSET,
    Countries,
    FilterErrors,
    build_filters,
    closest,
)
from ..store.base import EventFilters, Store
from .stores import StorePool

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "AppState",
    "EventsPage",
    "FilterQuery",
    "app_state",
    "event_filters",
    "events_page",
    "known_parameters",
    "query_filters",
]

DEFAULT_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class AppState:
    """What ``create_app`` was given: its database connections (``stores.StorePool``), the
    token gate (``access.Gate``), and the gazetteer that checks country codes and names."""

    stores: StorePool
    gate: Gate
    countries: Countries | None = None

    def reads(self) -> AbstractContextManager[Store]:
        """A connection for this request's reads (in parallel with other requests')."""
        return self.stores.read()

    def writes(self) -> AbstractContextManager[Store]:
        """The write connection (one writer at a time)."""
        return self.stores.write()


def app_state(request: Request) -> AppState:
    """The dependency that hands a route its ``AppState`` (kept on the app's state)."""
    value: AppState = request.app.state.app_state
    return value


@dataclass(frozen=True, slots=True)
class FilterQuery:
    """The shared filters as the query string gives them (``filters.FILTERS`` names → raw values)."""

    values: dict[str, str | None]


def _filter_dependency() -> Callable[..., FilterQuery]:
    """A dependency that reads ``FILTERS`` (its signature is what FastAPI documents)."""

    def read(**values: str | None) -> FilterQuery:
        return FilterQuery(values)

    params = [
        inspect.Parameter(
            f.name,
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            # No max_length here: ``build_filters`` checks lengths, in the words the CLI uses too.
            annotation=Annotated[str | None, Query(description=f.help)],
        )
        for f in FILTERS
    ]
    setattr(read, "__signature__", inspect.Signature(params, return_annotation=FilterQuery))  # noqa: B010
    return read


event_filters = _filter_dependency()


@dataclass(frozen=True, slots=True)
class EventsPage:
    """What only ``/api/events`` takes: the page and the format."""

    limit: int
    offset: int
    cursor: str | None
    format: Literal["json", "geojson", "csv", "parquet"]


def events_page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="events per page")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="skip this many (a cursor is faster)")] = 0,
    cursor: Annotated[str | None, Query(description="a page edge, from the next or prev link")] = None,
    format_: Annotated[
        Literal["json", "geojson", "csv", "parquet"],
        Query(
            alias="format",
            description="json: {events, count, total, next, prev}; geojson: a FeatureCollection with the same"
            " members; csv: ACLED's columns first; parquet: the same columns, typed",
        ),
    ] = "json",
) -> EventsPage:
    """The dependency that reads ``EventsPage`` from the query string."""
    return EventsPage(limit, offset, cursor, format_)


def query_filters(
    q: FilterQuery,
    state: AppState,
    *,
    limit: int | None = None,
    offset: int = 0,
    cursor: str | None = None,
) -> EventFilters:
    """``filters.build_filters`` over a route's shared filters and its page.

    Raises:
        FilterErrors: every bad value (the error handler answers 400 with each one).
    """
    return build_filters(q.values, countries=state.countries, limit=limit, offset=offset, cursor=cursor)


def _in_query(param: Any) -> bool:
    info = getattr(param, "field_info", None)
    return type(info).__name__ == "Query"


_known: dict[int, list[str]] = {}  # route → the query parameters it takes (routes live as long as the app)


def known_parameters(request: Request) -> None:
    """App-wide dependency: refuse a query parameter the route does not take (400, closest name)."""
    route: Any = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None or not request.url.path.startswith("/api/"):
        return  # the dashboard's own URL carries its filters for the page script to read
    known = _known.get(id(route))
    if known is None:
        known = _known[id(route)] = sorted({p.alias for p in get_flat_params(dependant) if _in_query(p)})
    unknown = sorted(set(request.query_params) - set(known))
    if not unknown:
        return
    errors = []
    for name in unknown:
        near = closest(name, known) if known else None
        hint = (
            f"did you mean {near!r}?"
            if near
            else ("it takes: " + ", ".join(known) if known else "it takes none")
        )
        errors.append(ConfigError(f"unknown parameter {name!r}", hint=hint))
    raise FilterErrors(errors)
