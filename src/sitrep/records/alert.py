"""``Alert``, ``Delivery`` and ``WelfareCheck``: what ``sitrep.alerts`` keeps (private: they name
watch items, so they never leave through a public route, an export or a log line; ids only).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

AlertStatus = Literal["Possible", "Observed", "Cancel"]
ALERT_STATUSES: tuple[str, ...] = ("Possible", "Observed", "Cancel")
SubjectKind = Literal["event", "advisory"]


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert: a canonical event (or an advisory) that bears on one watch item.

    There is exactly one per (watch item, subject); ``version`` counts its status changes (1:
    the first ``Possible`` or ``Observed``; later versions are CAP ``Update``s or the ``Cancel``).
    ``detail`` holds what the messages quote: headline, evidence sentences, sources, area.
    """

    alert_id: str
    item_id: str
    subject_kind: SubjectKind
    subject_id: str
    status: AlertStatus
    severity: str  # CAP severity: Extreme, Severe, Moderate, Minor
    version: int
    distance_km: float | None  # from the watch item to the event (None: advisories)
    created_at: str  # ISO 8601 UTC
    updated_at: str
    stored_at: float  # epoch seconds of the store write this version follows (latency baseline)
    reason: str = ""  # why the last change: "one source", "corroborated", "merged", "rejected" ...
    detail: dict[str, Any] = field(default_factory=dict)
    sent_at: str | None = None  # when its latest version was first delivered (None: not yet)

    def to_dict(self) -> dict[str, Any]:
        """The alert as JSON (for token holders with read-private, and the CLI)."""
        return {
            "alert_id": self.alert_id,
            "item_id": self.item_id,
            "subject_kind": self.subject_kind,
            "subject_id": self.subject_id,
            "status": self.status,
            "severity": self.severity,
            "version": self.version,
            "distance_km": self.distance_km,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "sent_at": self.sent_at,
            "reason": self.reason,
            "detail": json.loads(json.dumps(self.detail)),
        }


DeliveryStatus = Literal["pending", "sent", "failed"]


@dataclass(frozen=True, slots=True)
class Delivery:
    """One version of an alert sent (or to send) on one channel, with its tries and latency."""

    delivery_id: str
    alert_id: str
    version: int
    channel: Literal["webhook", "email"]
    status: DeliveryStatus
    attempts: int
    created_at: str
    next_try: float  # epoch seconds
    last_error: str | None = None  # the kind of failure only (never a URL or an address)
    sent_at: str | None = None
    latency_s: float | None = None  # from the store write to the receiver's acceptance

    def to_dict(self) -> dict[str, Any]:
        """JSON shape (no body: a pending body may carry one-time welfare links)."""
        return {
            "delivery_id": self.delivery_id,
            "version": self.version,
            "channel": self.channel,
            "status": self.status,
            "attempts": self.attempts,
            "last_error": self.last_error,
            "created_at": self.created_at,
            "sent_at": self.sent_at,
            "latency_s": self.latency_s,
        }


WelfareAnswer = Literal["safe", "help"]


@dataclass(frozen=True, slots=True)
class WelfareCheck:
    """A welfare check sent with an alert to a person: answered once, through a one-time link."""

    check_id: str
    alert_id: str
    item_id: str
    created_at: str
    expires_at: str
    answer: WelfareAnswer | None = None
    answered_at: str | None = None

    def state(self, now: str, escalate_at: str) -> str:
        """``safe``, ``help`` (the answer), ``escalated`` (no answer by ``escalate_at``, expired links
        included) or ``waiting`` (compared as ISO 8601 UTC strings)."""
        if self.answer is not None:
            return self.answer
        return "escalated" if now >= escalate_at else "waiting"
