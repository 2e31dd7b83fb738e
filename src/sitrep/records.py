"""Frozen records handed between the stages (ingest → clean → events → geo → store).

Each stage boundary has exactly one record type:

- ``RawDocument``: what ``ingest`` read; ``Article``: what ``clean`` made of it (the cleaned text
  every offset refers to); ``Rejected``: a document a stage refused, with the reason.
- ``Toponym`` / ``Place``: what ``geo`` recognised in the text and resolved in the gazetteer.
- ``Event``: one coded happening with its evidence (and its ``Source``), made by ``events`` and
  located by ``geo``; ``Result``: everything the per-document pipeline produced for one document.
- ``Mention``: an extracted ``Event`` with the copies of its article (the input of ``dedup``).
- ``CanonicalEvent`` / ``Version`` / ``Link``: one happening merged from its mentions, with its
  history and why each report joined it (what ``dedup`` hands to ``store``).
- ``StoredEvent`` / ``StoredArticle`` (with ``ArticleSource``) / ``StoreStats``: the store's reads.

The public JSON shapes are made in ``serialize`` (an ``Event``'s own, the ``jsonl`` output of
``sitrep extract``, is ``Event.to_dict``, beside its inverse ``from_dict``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal
from urllib.parse import urlsplit

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
    crawled: date | None = None  # when an archive captured it (WARC-Date): the weakest date basis


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
    published_basis: str | None = None  # "given", "document", "html-metadata", "dateline", "crawl"
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


def outlet_of(url: str | None) -> str | None:
    """The outlet behind a URL: its host name without ``www.``."""
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


@dataclass(frozen=True, slots=True)
class Source:
    """A document that reported an event: where it is, when it was published, which outlet."""

    doc_id: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    outlet: str | None = None  # derived from ``url`` when not given

    def __post_init__(self) -> None:
        if self.outlet is None and self.url:
            object.__setattr__(self, "outlet", outlet_of(self.url))

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Source:
        """Build from a source's JSON shape (``published`` as ``YYYY-MM-DD``; ``outlet`` optional)."""
        pub = d.get("published")
        return cls(
            doc_id=str(d["doc_id"]),
            url=d.get("url"),
            title=d.get("title"),
            published=date.fromisoformat(pub[:10]) if isinstance(pub, str) and pub else None,
            outlet=d.get("outlet"),
        )


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


@dataclass(frozen=True, slots=True)
class Version:
    """The canonical fields as known after the reports published up to ``as_of``."""

    version: int
    as_of: date | None
    reported_by: tuple[str, ...]  # doc ids of the reports that brought this version
    changes: tuple[str, ...]  # field names that changed (all fields for version 1)
    fields: tuple[tuple[str, Any], ...]
    refined_by: tuple[str, ...] = ()  # later reports that only made this version more precise
    review: Review | None = None  # the analyst's action that made this version (none: reports did)


ReviewAction = Literal["confirm", "correct", "reject", "merge", "split"]
REVIEW_ACTIONS: tuple[str, ...] = ("confirm", "correct", "reject", "merge", "split")


@dataclass(frozen=True, slots=True)
class Review:
    """One analyst action on a canonical event, kept for good and re-applied after every re-dedup.

    A review is tied to a *mention*, not to the canonical event's id (which changes when an
    earlier report joins): ``anchor`` is the event's first report when it was reviewed, and the
    action follows whichever canonical event holds that mention. ``merge`` joins the events of
    ``anchor`` and ``mentions[0]`` (a must-link); ``split`` takes ``mentions`` out of the event of
    ``anchor`` into an event of their own (a cannot-link); ``correct`` sets ``fields``.
    """

    review_id: str
    action: ReviewAction
    anchor: str  # mention id: the reviewed event's first report
    event_id: str  # the canonical event as it was reviewed (for the record)
    reviewer: str
    at: str  # ISO 8601 UTC time of the action
    reason: str
    fields: tuple[tuple[str, Any], ...] = ()  # correct: the new values, in ``Event`` field names
    mentions: tuple[str, ...] = ()  # merge: the other event's anchor; split: the mentions split off

    def to_dict(self) -> dict[str, Any]:
        """JSON shape (``from_dict`` reads it back)."""
        d = dataclasses.asdict(self)
        d["fields"] = dict(self.fields)
        d["mentions"] = list(self.mentions)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Review:
        """Inverse of ``to_dict``."""
        return cls(
            review_id=d["review_id"],
            action=d["action"],
            anchor=d["anchor"],
            event_id=d["event_id"],
            reviewer=d["reviewer"],
            at=d["at"],
            reason=d["reason"],
            fields=tuple(dict(d.get("fields") or {}).items()),
            mentions=tuple(d.get("mentions") or ()),
        )


@dataclass(frozen=True, slots=True)
class Link:
    """Why a mention joined a canonical event: the earlier member it matched best, and how closely."""

    mention_id: str
    joined_to: str  # that member's event id
    joined_doc: str
    km: float | None  # distance between the two places (None: one has no coordinates)
    days: int | None  # days between the two dates (None: one is undated)
    family: str  # the type family both belong to
    sub_event_types: tuple[str, str]  # this mention's and the matched member's
    shared_actors: tuple[str, ...]  # actors both name
    swapped_actors: bool  # the sides are named in the other order (armed clashes, riots)
    rule: str  # "nearby", "only-fit" (a vague report, the one event it fits), "vague", "revision"


@dataclass(frozen=True, slots=True)
class CanonicalEvent:
    """One happening, merged from its mentions (in report order), with its version history."""

    event_id: str
    mentions: tuple[Mention, ...]
    fields: tuple[tuple[str, Any], ...]  # the merged event fields, in ``Event`` order
    versions: tuple[Version, ...]
    confidence: float
    hedged: bool
    background: bool
    producer: str = ""  # the dedup component that merged it, e.g. "dedup.greedy.v1"
    links: tuple[Link, ...] = ()  # why each mention after the first was joined, in report order
    vague_place: bool = False  # only country- or region-level reports, not tied to a placed event
    review: str | None = (
        None  # the analyst's verdict: "confirmed", "corrected", "rejected" (None: not reviewed)
    )

    def get(self, name: str) -> Any:
        """A canonical field by name."""
        return dict(self.fields)[name]


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """A canonical event read back from the store: the public JSON written with it, as stored."""

    event_id: str
    document: str  # ``serialize.canonical_dict`` of the event, as JSON text
    versions: tuple[str, ...] = ()  # each version's JSON text, oldest first (one event's reads only)
    requested_id: str | None = None  # the id asked for, when that event was superseded by this one


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """A document that carried a stored article: the article itself, or an exact or near copy."""

    source: Source
    relation: str  # "self", "exact", "near" (stores before 006) or "revises" (``near_of``)
    distance: int = 0  # percent of shingles not shared with the stored text (near copies)


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """A stored article with every document that carried it, its mentions and canonical events."""

    article: Article
    sources: tuple[ArticleSource, ...]
    mentions: tuple[Event, ...]  # the events extracted from it
    events: tuple[str, ...]  # ids of the canonical events its mentions belong to
    requested_id: str | None = None  # the id asked for, when it named a copy
    near_of: ArticleSource | None = None  # the earlier article this near copy revises


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Totals, and the canonical events that match a filter: their toll, and counts by group
    (type, sub_type, country, admin1, actor: most first; day: by date)."""

    articles: int
    documents: int
    mentions: int
    events: int
    rejects: int
    fatalities: int  # the sum of the matching events' tolls
    groups: Mapping[str, Mapping[str, int]]


def content_hash(text: str) -> str:
    """Fingerprint of a text, insensitive to whitespace and case (the dedup key for articles)."""
    norm = " ".join(text.split()).casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()
