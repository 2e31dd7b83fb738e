"""Canonical events and what the store reads back: ``CanonicalEvent`` with its ``Version``s,
``Link``s and ``Review``s; ``StoredEvent``, ``StoredArticle``, ``ArticleSource``, ``StoreStats``
(see ``records``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from .documents import Article, Source
from .events import Event, Mention


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
