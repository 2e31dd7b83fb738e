"""Frozen records handed between the stages (ingest → clean → events → geo → store).

Each stage boundary has exactly one record type:

- ``RawDocument``: what ``ingest`` read (bytes or text, plus what the source said about it).
- ``Article``: what ``clean`` made of it (the cleaned text every offset refers to).
- ``Toponym`` / ``Place``: what ``geo`` recognised in the text and resolved in the gazetteer.
- ``Event``: one coded happening with its evidence, produced by ``events`` and located by ``geo``.
- ``Rejected``: a document a stage refused, with the reason (a value, not an exception).
- ``Result``: everything the per-document pipeline produced for one document.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

MediaType = Literal["text", "html"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as read from the outside world, before cleaning."""

    doc_id: str
    origin: str  # where it came from: a path, "path:line", "<stdin>"
    media_type: MediaType
    content: bytes  # the raw bytes (text or HTML); decoding is the clean stage's job
    published: date | None = None  # given by the caller or the source (jsonl field)
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """A document a stage refused: the batch keeps going, the reason is reported and stored."""

    doc_id: str
    origin: str
    stage: str
    reason: str
    content_hash: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned document. Every character offset elsewhere points into ``text``."""

    doc_id: str
    origin: str
    text: str
    content_hash: str  # fingerprint of the cleaned text (dedup key)
    published: date | None = None
    published_basis: str | None = None  # "given", "document", "html-metadata", "dateline"
    url: str | None = None
    title: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name found in the text, resolved or not."""

    start: int
    end: int
    name: str
    place: Place | None = None
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry chosen for a name (or a point derived from one)."""

    name: str
    latitude: float
    longitude: float
    country: str | None  # ISO 3166-1 alpha-2
    geonameid: int | None = None
    admin1: str | None = None  # admin1 *name* where known
    feature_class: str | None = None  # GeoNames class: P populated place, A admin area, ...
    feature_code: str | None = None  # e.g. PPLC, PPLA, ADM1, PCLI
    population: int = 0


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence (or span) of the cleaned text that supports an event."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Source:
    """The document an event came from."""

    doc_id: str
    url: str | None = None
    title: str | None = None
    published: date | None = None


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

    @property
    def event_id(self) -> str:
        """Stable hash of what identifies the happening within its document."""
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


@dataclass(frozen=True, slots=True)
class Result:
    """What the per-document pipeline produced: an article and its events, or a rejection."""

    doc_id: str
    article: Article | None = None
    events: tuple[Event, ...] = ()
    rejected: Rejected | None = None
    toponyms: tuple[Toponym, ...] = field(default=())


def content_hash(text: str) -> str:
    """Fingerprint of a text, insensitive to whitespace and case (the dedup key for articles)."""
    norm = " ".join(text.split()).casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()
