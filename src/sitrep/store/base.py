"""The one narrow storage interface, shared by the CLI, the API and the dashboard."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from ..records import Article, Event, Rejected


@dataclass(frozen=True, slots=True)
class EventFilters:
    """What `query_events` can filter on (all optional)."""

    country: str | None = None  # ISO alpha-2
    since: date | None = None
    until: date | None = None
    event_type: str | None = None  # matches event_type or sub_event_type
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    doc_id: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class IngestCounts:
    """What one `save` call changed."""

    articles_added: int = 0
    articles_seen: int = 0
    events_added: int = 0
    rejects_added: int = 0


class Store(Protocol):
    """Persistence for articles, events and rejected documents."""

    def migrate(self) -> list[str]: ...

    def save(
        self, articles: Iterable[tuple[Article, Sequence[Event]]], rejects: Iterable[Rejected] = ()
    ) -> IngestCounts: ...

    def query_events(self, filters: EventFilters | None = None) -> list[dict[str, Any]]: ...

    def stats(self) -> dict[str, Any]: ...

    def close(self) -> None: ...
