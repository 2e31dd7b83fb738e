"""The one narrow storage interface, shared by the CLI, the API and the dashboard."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, Protocol

from ..records import (
    Advisory,
    AdvisoryChange,
    Alert,
    Article,
    CanonicalEvent,
    Delivery,
    Event,
    Mention,
    Rejected,
    Review,
    RiskLevel,
    StoredArticle,
    StoredEvent,
    StoreStats,
    WatchItem,
    WelfareCheck,
)


@dataclass(frozen=True, slots=True)
class EventFilters:
    """What `query_events` can filter on (all optional)."""

    country: str | None = None  # ISO alpha-2
    since: date | None = None
    until: date | None = None
    event_type: str | None = None  # matches event_type or sub_event_type
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    doc_id: str | None = None  # events reported by this document
    limit: int | None = None
    offset: int = 0
    admin1: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None  # substring of actor1 or actor2, case-insensitive
    text: str | None = None  # substring of place, actors or evidence, case-insensitive
    near: tuple[float, float, float] | None = None  # latitude, longitude, radius in km
    min_confidence: float | None = None
    hedged: bool | None = None  # True: only hedged reports; False: none
    background: bool | None = None  # True: only background events; False: news only
    cursor: tuple[str, str | None, str] | None = None  # ("after"|"before", date, event_id) of a page edge
    review: str | None = None  # REVIEW_FILTERS; None: every live event (rejected ones hidden)


@dataclass(frozen=True, slots=True)
class IngestCounts:
    """What saving one batch changed (``runners.save.save_batch``)."""

    articles_added: int = 0
    articles_seen: int = 0
    events_added: int = 0
    rejects_added: int = 0
    articles_near: int = 0  # near copies whose text differs: stored and extracted as revisions
    touched: tuple[str, ...] = ()  # content hashes whose events or sources changed (dedup input)


@dataclass(frozen=True, slots=True)
class DedupCounts:
    """What one canonical-event write changed."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    superseded: int = 0


class Store(Protocol):
    """Persistence for articles, extracted events, canonical events and rejected documents."""

    def migrate(self, upto: str | None = None) -> list[str]: ...

    def migrations(self) -> list[str]: ...

    def transaction(self) -> AbstractContextManager[None]: ...

    def lock_dedup(self) -> None: ...

    def has_article(self, content_hash: str) -> bool: ...

    def near_candidates(self, band_keys: Sequence[int]) -> list[tuple[str, str]]: ...

    def pending_bands(self) -> list[tuple[str, str]]: ...

    def set_bands(self, content_hash: str, band_keys: Sequence[int]) -> None: ...

    def add_article(
        self,
        a: Article,
        events: Sequence[Event],
        band_keys: Sequence[int],
        near: tuple[str, int] | None = None,
    ) -> int: ...

    def add_copy(self, a: Article, of: str, relation: Literal["exact", "near"], distance: int) -> bool: ...

    def queue_dedup(self, content_hashes: Sequence[str]) -> None: ...

    def pending_dedup(self) -> list[str]: ...

    def clear_pending(self, content_hashes: Sequence[str]) -> None: ...

    def record_rejects(self, rejects: Iterable[Rejected]) -> int: ...

    def load_mentions(
        self,
        *,
        content_hashes: Sequence[str] = (),
        event_ids: Sequence[str] = (),
        countries: Sequence[str | None] = (),
        since: date | None = None,
        until: date | None = None,
    ) -> list[Mention]: ...

    def mention_stubs(
        self,
        countries: Sequence[str | None],
        since: date | None,
        until: date | None,
        sub_event_types: Sequence[str],
        stories: Sequence[str] = (),
        time_precisions: tuple[int, int] | None = None,
    ) -> list[Mention]: ...

    def canonical_ids(self, event_ids: Sequence[str]) -> dict[str, str]: ...

    def members(self, canonical_ids: Sequence[str]) -> dict[str, str]: ...

    def write_canonical(self, events: Sequence[CanonicalEvent], scope: Sequence[str] = ()) -> DedupCounts: ...

    def add_review(self, review: Review) -> bool: ...

    def reviews_for(self, mention_ids: Sequence[str]) -> list[Review]: ...

    def review_links(self, mention_ids: Sequence[str]) -> list[str]: ...

    def reviews(self, since: str | None = None) -> list[Review]: ...

    def latest_review_at(self) -> str | None: ...

    def data_generation(self) -> int: ...

    def generations(self) -> tuple[int, int]: ...

    def add_token(self, row: dict[str, Any]) -> bool: ...

    def tokens(self) -> list[dict[str, Any]]: ...

    def token(self, token_id: str) -> dict[str, Any] | None: ...

    def revoke_token(self, name: str, when: str) -> bool: ...

    def token_used(self, token_id: str, when: str) -> None: ...

    def add_watch_item(self, item: WatchItem) -> bool: ...

    def watch_item(self, item_id: str) -> WatchItem | None: ...

    def watch_items(self) -> list[WatchItem]: ...

    def update_watch_item(self, item: WatchItem) -> bool: ...

    def remove_watch_item(self, item_id: str) -> bool: ...

    def upsert_advisories(
        self, advisories: Iterable[Advisory], *, now: str | None = None
    ) -> list[AdvisoryChange]: ...

    def advisories(
        self, *, country: str | None = None, since: str | None = None, kind: str | None = None
    ) -> list[Advisory]: ...

    def advisory_changes(self, *, since: str | None = None) -> list[AdvisoryChange]: ...
    def add_report_snapshot(self, region: str, generated_at: str, facts: dict[str, Any]) -> str: ...

    def last_report_snapshot(self, region: str) -> tuple[str, dict[str, Any]] | None: ...
    def save_alert(self, alert: Alert) -> None: ...

    def alert(self, alert_id: str) -> Alert | None: ...

    def alerts(
        self,
        *,
        since: str | None = None,
        item_id: str | None = None,
        subject_kind: str | None = None,
        open_only: bool = False,
        limit: int | None = None,
    ) -> list[Alert]: ...

    def add_delivery(self, delivery: Delivery, body: str) -> bool: ...

    def pending_deliveries(self, now: float, limit: int = 100) -> list[tuple[Delivery, str]]: ...

    def deliveries(self, alert_id: str | None = None) -> list[Delivery]: ...

    def update_delivery(self, delivery: Delivery) -> None: ...

    def add_welfare_check(self, check: WelfareCheck, links: dict[str, str]) -> bool: ...

    def welfare_link(self, token_hash: str) -> tuple[WelfareCheck, str] | None: ...

    def answer_welfare(self, check_id: str, answer: str, when: str) -> bool: ...

    def welfare_checks(self, alert_id: str | None = None) -> list[WelfareCheck]: ...

    def risk_events(
        self, country: str, admin1: str | None, since: str | None, until: str | None
    ) -> list[dict[str, Any]]: ...

    def risk_areas(self) -> list[tuple[str, str | None]]: ...

    def latest_event_day(self) -> str | None: ...

    def write_risk_levels(self, area: str, since: str | None, levels: Sequence[RiskLevel]) -> None: ...

    def clear_risk_levels(self) -> None: ...

    def risk_level_before(self, area: str, day: str | None) -> RiskLevel | None: ...

    def current_risk_levels(self, country: str | None = None) -> list[RiskLevel]: ...

    def risk_series(
        self, area: str, since: str | None = None, until: str | None = None
    ) -> list[RiskLevel]: ...

    def risk_area_named(self, area: str) -> str | None: ...

    def risk_params(self) -> dict[str, Any] | None: ...

    def set_risk_params(self, params: dict[str, Any]) -> None: ...

    def risk_through(self) -> str | None: ...

    def set_risk_through(self, day: str) -> None: ...

    def add_feeds(self, urls: Sequence[str]) -> int: ...

    def feeds(self) -> list[dict[str, Any]]: ...

    def feed_polled(
        self,
        url: str,
        *,
        status: str,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        title: str | None = None,
        polled_at: str,
    ) -> None: ...

    def seen_items(self, feed_url: str, keys: Sequence[str]) -> set[str]: ...

    def record_item(
        self,
        feed_url: str,
        key: str,
        url: str | None,
        *,
        seen_at: float,
        stored_at: float | None,
        status: str,
        reason: str | None = None,
    ) -> None: ...

    def feed_latencies(self) -> list[float]: ...

    def query_events(
        self, filters: EventFilters | None = None, *, total: int | None = None
    ) -> list[StoredEvent]: ...

    def count_events(self, filters: EventFilters | None = None) -> int: ...

    def get_event(self, event_id: str) -> StoredEvent | None: ...

    def get_article(self, doc_id: str) -> StoredArticle | None: ...

    def stats(self, filters: EventFilters | None = None) -> StoreStats: ...

    def close(self) -> None: ...
