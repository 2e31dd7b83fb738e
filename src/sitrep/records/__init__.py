"""Frozen records handed between the stages (ingest → clean → events → geo → store).

Each stage boundary has exactly one record type:

- ``RawDocument``: what ``ingest`` read; ``Article``: what ``clean`` made of it (the cleaned text
  every offset refers to); ``Rejected``: a document a stage refused, with the reason.
- ``Toponym`` / ``Place``: what ``geo`` recognised in the text and resolved in the gazetteer.
- ``Event``: one coded happening with its evidence (and its ``Source``), made by ``events`` and
  located by ``geo``; ``Result``: everything the per-document pipeline produced for one document.
- ``Mention``: an extracted ``Event`` with the copies of its article (the input of ``dedup``).
- ``CanonicalEvent`` / ``Version`` / ``Link``: one happening merged from its mentions, with its
  history and why each report joined it (what ``dedup`` hands to ``store``); ``Review``: an
  analyst's action on one, replayed after every re-dedup (``review``).
- ``Advisory`` (with ``AdvisoryEvidence``) / ``AdvisoryChange``: a government's travel advisory,
  an embassy drawdown or a stated threat, from an article or an official feed (``advisories``).
- ``Report`` (with ``KeyEvent``, ``Change`` ...): a situation report as data (``report``).
- ``WatchItem``: a person or site a duty-of-care desk watches (private: ``watchlist``);
  ``Alert`` / ``Delivery`` / ``WelfareCheck``: what ``alerts`` keeps about it (private too).
- ``RiskLevel`` / ``RiskContribution``: an area's risk level on a day, with the events behind it
  (``risk``).
- ``StoredEvent`` / ``StoredArticle`` (with ``ArticleSource``) / ``StoreStats``: the store's reads.

The public JSON shapes are made in ``serialize`` (an ``Event``'s own, the ``jsonl`` output of
``sitrep extract``, is ``Event.to_dict``, beside its inverse ``from_dict``).
"""

from __future__ import annotations

from .advisory import Advisory, AdvisoryChange, AdvisoryEvidence
from .alert import ALERT_STATUSES, Alert, AlertStatus, Delivery, WelfareCheck
from .canonical import (
    REVIEW_ACTIONS,
    ArticleSource,
    CanonicalEvent,
    Link,
    Review,
    ReviewAction,
    StoredArticle,
    StoredEvent,
    StoreStats,
    Version,
)
from .documents import (
    Article,
    Evidence,
    MediaType,
    Place,
    RawDocument,
    Rejected,
    Source,
    Toponym,
    content_hash,
    outlet_of,
)
from .events import Event, Mention, Result
from .report import (
    AdvisoryRow,
    Change,
    DayCount,
    EventPoint,
    KeyEvent,
    LevelRow,
    Quote,
    Report,
    ReportSource,
    TypeCount,
)
from .risk import RiskContribution, RiskLevel
from .watch import WatchItem

__all__ = [
    "AdvisoryRow",
    "Change",
    "DayCount",
    "EventPoint",
    "KeyEvent",
    "LevelRow",
    "Quote",
    "Report",
    "ReportSource",
    "TypeCount",
    "REVIEW_ACTIONS",
    "Advisory",
    "AdvisoryChange",
    "AdvisoryEvidence",
    "ALERT_STATUSES",
    "Alert",
    "AlertStatus",
    "Article",
    "ArticleSource",
    "CanonicalEvent",
    "Delivery",
    "Event",
    "Evidence",
    "Link",
    "MediaType",
    "Mention",
    "Place",
    "RawDocument",
    "Rejected",
    "Result",
    "Review",
    "RiskContribution",
    "RiskLevel",
    "ReviewAction",
    "Source",
    "StoreStats",
    "StoredArticle",
    "StoredEvent",
    "Toponym",
    "Version",
    "WatchItem",
    "WelfareCheck",
    "content_hash",
    "outlet_of",
]
