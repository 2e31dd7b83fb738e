"""Coded events: ``Event`` (with its evidence and source), ``Result`` (one document's output) and
``Mention`` (an event as dedup sees it) (see ``records``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .advisory import Advisory
from .documents import Article, Evidence, Rejected, Source, Toponym


@dataclass(frozen=True, slots=True)
class Event:
    """One coded happening, ACLED-style, with its evidence and provenance."""

    doc_id: str
    event_type: str
    sub_event_type: str
    evidence: tuple[Evidence, ...]
    source: Source
    date: date | None = None
    time_precision: int = 3
    location: str | None = None
    admin1: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    geo_precision: int | None = None
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None  # the range the text allows ("between 10 and 20", conflicting tolls)
    fatalities_high: int | None = None  # None with a best value: no stated upper bound ("at least 5")
    inter1: int | None = None  # ACLED actor type codes: 1 state forces, 2 rebels, 3 political militias,
    inter2: int | None = None  # 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other
    plover_type: str | None = None  # the PLOVER event category (FIGHT, ASSAULT, PROTEST, COERCE ...)
    confidence: float = 0.5
    hedged: bool = False
    background: bool = False
    place_name: str | None = None  # the place name as the text gives it, before resolution
    producer: str = ""  # component names that made this event, e.g. "events.rules.v1+geo.gazetteer.v1"
    event_id: str = field(init=False, default="")  # its identity hash (``from_dict`` keeps the stored one)

    def __post_init__(self) -> None:
        object.__setattr__(self, "event_id", self._identity())

    def _identity(self) -> str:
        """The hash of what identifies the happening within its document."""
        key = json.dumps(
            [
                self.doc_id,
                self.event_type,
                self.sub_event_type,
                self.place_name or self.location,
                self.date.isoformat() if self.date else None,
                self.actor1,
                self.actor2,
                self.evidence[0].start if self.evidence else None,
            ],
            ensure_ascii=False,
        )
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """The public JSON shape of an event (the ``jsonl`` output format)."""
        return {
            "doc_id": self.doc_id,
            "event_id": self.event_id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "date": self.date.isoformat() if self.date else None,
            "time_precision": self.time_precision,
            "location": self.location,
            "admin1": self.admin1,
            "country": self.country,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geonameid": self.geonameid,
            "geo_precision": self.geo_precision,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "fatalities": self.fatalities,
            "fatalities_low": self.fatalities_low,
            "fatalities_high": self.fatalities_high,
            "inter1": self.inter1,
            "inter2": self.inter2,
            "plover_type": self.plover_type,
            "evidence": [dataclasses.asdict(e) for e in self.evidence],
            "confidence": round(self.confidence, 3),
            "hedged": self.hedged,
            "background": self.background,
            "source": {
                "doc_id": self.source.doc_id,
                "url": self.source.url,
                "title": self.source.title,
                "published": self.source.published.isoformat() if self.source.published else None,
            },
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Event:
        """The event whose ``to_dict()`` is ``d``, with the ``event_id`` that ``d`` carries.

        ``place_name`` and ``producer`` are not in the JSON shape; they come back as their defaults.
        """
        day = d.get("date")
        event = cls(
            doc_id=str(d["doc_id"]),
            event_type=str(d["event_type"]),
            sub_event_type=str(d["sub_event_type"]),
            evidence=tuple(Evidence(str(e["text"]), int(e["start"]), int(e["end"])) for e in d["evidence"]),
            source=Source.from_dict(d["source"]),
            date=date.fromisoformat(day) if isinstance(day, str) else day,
            **{k: d[k] for k in _JSON_FIELDS if k in d},
        )
        object.__setattr__(event, "event_id", str(d["event_id"]))
        return event


# The event fields whose JSON value is the field's own value (the others are built, or not in the JSON).
_JSON_FIELDS = tuple(
    f.name
    for f in dataclasses.fields(Event)
    if f.init
    and f.name
    not in {"doc_id", "event_type", "sub_event_type", "evidence", "source", "date", "place_name", "producer"}
)


@dataclass(frozen=True, slots=True)
class Result:
    """What the per-document pipeline produced: an article and its events, or a rejection."""

    doc_id: str
    article: Article | None = None
    events: tuple[Event, ...] = ()
    rejected: Rejected | None = None
    toponyms: tuple[Toponym, ...] = field(default=())
    advisories: tuple[Advisory, ...] = ()  # travel advisories, drawdowns and threats the article states


@dataclass(frozen=True, slots=True)
class Mention:
    """An extracted event and the other documents that carried its article's text (dedup's input)."""

    event: Event
    copies: tuple[Source, ...] = ()  # exact and near-duplicate copies of the reporting article
    story: str | None = None  # the first article of the revision chain its article belongs to

    @property
    def event_id(self) -> str:  # the extracted event's id (the mention's identity)
        return self.event.event_id

    @property
    def source(self) -> Source:  # the reporting article
        return self.event.source

    @property
    def doc_id(self) -> str:  # the reporting document
        return self.event.source.doc_id

    @property
    def day(self) -> date | None:
        """The event's date, else the report's publication date."""
        return self.event.date or self.event.source.published

    def report_key(self) -> tuple[str, str, str]:
        """Report order: publication date, then document and event ids (all stable)."""
        pub = self.source.published.isoformat() if self.source.published else "9999-12-31"
        return (pub, self.doc_id, self.event_id)
