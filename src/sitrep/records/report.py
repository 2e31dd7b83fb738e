"""A situation report as plain data (``sitrep.report.build_report``), before any rendering.

Everything in it is public: events from the store's public reads (rejected ones left out), risk
levels and advisories, and what changed since the last report of the same region. No watch items
and no alerts to people.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportSource:
    """One report of an event: the outlet, its link and when it was published."""

    outlet: str | None
    url: str | None
    title: str | None
    published: str | None  # ISO date
    doc_id: str = ""

    @property
    def label(self) -> str:
        """How the report names it: the outlet, else the title, else the document id."""
        return self.outlet or self.title or self.doc_id or "unknown source"


@dataclass(frozen=True)
class Quote:
    """An evidence sentence, as a source wrote it, and that source's name."""

    text: str
    source: str


@dataclass(frozen=True)
class KeyEvent:
    """One of the events the report picks out (ranked by fatalities, then severity)."""

    event_id: str
    date: str | None
    event_type: str
    sub_event_type: str
    location: str | None
    admin1: str | None
    country: str | None
    fatalities: int | None
    actor1: str | None
    actor2: str | None
    quotes: tuple[Quote, ...]  # evidence sentences, as the sources wrote them
    sources: tuple[ReportSource, ...]
    reviewed: str | None = None  # the review status, when an analyst reviewed it


@dataclass(frozen=True)
class EventPoint:
    """A located event, for the map."""

    latitude: float
    longitude: float
    event_type: str
    fatalities: int
    place: str | None = None  # the place name, for the map's labels


@dataclass(frozen=True)
class TypeCount:
    """Events and fatalities of one event type in one admin1 area ("" when unknown)."""

    admin1: str
    event_type: str
    events: int
    fatalities: int


@dataclass(frozen=True)
class DayCount:
    """Events of one type on one day (ISO date), for the timeline."""

    day: str
    event_type: str
    events: int


@dataclass(frozen=True)
class LevelRow:
    """A risk level as the report shows it (from ``sitrep.risk`` when it is installed)."""

    area: str
    name: str
    level: int
    label: str
    as_of: str
    why: tuple[str, ...]  # the heaviest contributions, worded (e.g. "3 deaths, 4 days ago")
    event_ids: tuple[str, ...]


@dataclass(frozen=True)
class AdvisoryRow:
    """An advisory or threat as the report shows it (from ``sitrep.advisories`` when installed)."""

    advisory_id: str
    kind: str
    issuer: str
    area: str  # the country, and the admin1 areas or region it is limited to
    level: int | None
    level_label: str | None
    threats: tuple[str, ...]
    date: str | None
    quote: str | None  # its first evidence sentence
    url: str | None


@dataclass(frozen=True)
class Change:
    """One thing that differs from the last report of the same region."""

    kind: str  # new event, toll changed, event dropped, level changed, new advisory, advisory changed
    subject: str  # what it is about, worded (e.g. "Armed clash in Niono, 2024-03-02")
    before: str | None
    after: str | None
    ref: str | None = None  # the event id, area or advisory id


@dataclass(frozen=True)
class Report:
    """A situation report of one region over a time window."""

    region: str  # the key: "ML" or "ML.Ségou" (country ISO2, a dot, the admin1 name)
    region_name: str  # worded: "Mali" or "Ségou, Mali"
    country: str
    admin1: str | None
    since: str  # ISO date, first day included
    until: str  # ISO date, last day included
    generated_at: str  # ISO 8601 UTC
    events: int
    fatalities: int
    truncated: bool  # more events matched than the report reads (``MAX_EVENTS``)
    by_type: tuple[TypeCount, ...]
    daily: tuple[DayCount, ...]
    points: tuple[EventPoint, ...]
    key_events: tuple[KeyEvent, ...]
    levels: tuple[LevelRow, ...] | None  # None: risk levels are not available in this install
    advisories: tuple[AdvisoryRow, ...] | None  # None: advisories are not available
    previous: str | None  # when the last report of this region was made (None: this is the first)
    changes: tuple[Change, ...]
    facts: str  # the key facts as JSON text: what the next report compares against
