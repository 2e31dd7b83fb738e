"""Documents as read and cleaned, and what they name: ``RawDocument``, ``Article``, ``Rejected``,
``Toponym``, ``Place``, ``Evidence``, ``Source`` (see ``records``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
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


def content_hash(text: str) -> str:
    """Fingerprint of a text, insensitive to whitespace and case (the dedup key for articles)."""
    norm = " ".join(text.split()).casefold()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()
