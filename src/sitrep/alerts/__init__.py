"""Proximity alerts and welfare checks for the watchlist (issue 15, items 4 and 5).

Right after a store write (``run_after_store``, called by ``sitrep ingest`` and ``sitrep
watch`` after each dedup), the canonical events (``compute.reconcile_events``) and, when the
advisories part is present, the advisories (``advisories.advisory_alerts``) are compared with
the watchlist; each change is one alert version, queued on the item's contact channel and sent
at once within a time budget (``send.send_pending``). Messages: signed webhooks (Standard
Webhooks), email (SMTP) and CAP 1.2 XML (``cap``), with an Atom feed of CAP alerts for token
holders. A person's alert carries one-time welfare links (``welfare``).

Private by design: alerts name watch items, so they are read only by the CLI (``sitrep
alerts``, ``sitrep welfare``) and the read-private API (``/api/alerts``); log lines carry ids.
"""

from __future__ import annotations

import logging
import math
import time
from datetime import UTC, date, datetime
from typing import Any

from ..advisories import list_advisories
from ..errors import NotFoundError
from ..records import Alert
from ..settings import Settings
from ..store.base import Store
from .advisories import advisory_alerts, bears_on, cancel_advisory, gazetteer_area, told_by_advisories
from .cap import atom_feed, cap_xml
from .compute import corroboration, reconcile_events
from .send import SendReport, send_pending, sign_headers
from .severity import advisory_severity, event_severity
from .welfare import answer_link, peek_link, welfare_status

log = logging.getLogger(__name__)

__all__ = [
    "SendReport",
    "advisory_alerts",
    "advisory_severity",
    "alerts_since",
    "answer_link",
    "atom_feed",
    "bears_on",
    "cancel_advisory",
    "cap_xml",
    "corroboration",
    "event_severity",
    "gazetteer_area",
    "get_alert",
    "latency_summary",
    "list_alerts",
    "peek_link",
    "reconcile_events",
    "run_after_store",
    "send_pending",
    "sign_headers",
    "told_by_advisories",
    "welfare_status",
]


def _reconcile(store: Store, settings: Settings, stored_at: float) -> None:
    """Event alerts, then advisory alerts (these when a gazetteer places the watch items). An
    event whose evidence is that of an advisory bearing on an item is alerted once, as the
    advisory (``told_by_advisories``)."""
    path = settings.gazetteer_path()
    if not path.is_file():
        reconcile_events(store, settings, stored_at=stored_at)
        return
    from ..geo.gazetteer import Gazetteer

    gazetteer = Gazetteer.open(path)
    try:
        found = list_advisories(store)
        area_of = gazetteer_area(gazetteer)
        told = told_by_advisories(found, area_of)
        reconcile_events(store, settings, stored_at=stored_at, told=told)
        advisory_alerts(store, settings, found, area_of, stored_at=stored_at)
    finally:
        gazetteer.close()


def run_after_store(store: Store, settings: Settings, stored_at: float | None = None) -> SendReport:
    """Compute the alerts a store write calls for and send them at once (within the budget).

    Never raises: an alert failure must not fail the ingest that stored the events; it is
    logged (by kind) and the next run or ``sitrep alerts send-pending`` picks up.
    """
    at = time.time() if stored_at is None else stored_at
    try:
        if any(i.active for i in store.watch_items()):  # no watchlist: only what is still queued
            _reconcile(store, settings, at)
        return send_pending(store, settings)
    except Exception as exc:  # noqa: BLE001 (the ingest goes on; see the docstring)
        log.warning("alerts: not computed after a store write (%s)", type(exc).__name__)
        return SendReport()


def alerts_since(store: Store, since: str | date | datetime | None = None) -> list[Alert]:
    """Alerts changed at or after ``since`` (an ISO 8601 UTC string, a date: from its midnight UTC,
    or a datetime; None: all), newest change first (for reports: private, never in a public one)."""
    if isinstance(since, datetime):
        since = since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    elif isinstance(since, date):
        since = f"{since.isoformat()}T00:00:00Z"
    return store.alerts(since=since)


def list_alerts(
    store: Store, *, since: str | None = None, open_only: bool = False, limit: int = 500
) -> list[Alert]:
    """Alerts, newest change first."""
    return store.alerts(since=since, open_only=open_only, limit=limit)


def get_alert(store: Store, alert_id: str) -> dict[str, Any]:
    """One alert with its deliveries and welfare check, as JSON.

    Raises:
        NotFoundError: no such alert.
    """
    alert = store.alert(alert_id)
    if alert is None:
        raise NotFoundError(f"no alert {alert_id!r}", hint="see `sitrep alerts list`")
    checks = store.welfare_checks(alert_id)
    return {
        **alert.to_dict(),
        "deliveries": [d.to_dict() for d in store.deliveries(alert_id)],
        "welfare": [
            {
                "check_id": c.check_id,
                "answer": c.answer,
                "answered_at": c.answered_at,
                "expires_at": c.expires_at,
            }
            for c in checks
        ],
    }


def latency_summary(store: Store) -> dict[str, Any]:
    """Sent deliveries and their latency from storage to sending: count, p50, p95, max (seconds)."""
    values = sorted(d.latency_s for d in store.deliveries() if d.latency_s is not None)
    if not values:
        return {"sent": 0, "p50": None, "p95": None, "max": None}

    def pct(p: float) -> float:
        return values[min(len(values) - 1, max(0, math.ceil(p * len(values)) - 1))]

    return {"sent": len(values), "p50": pct(0.5), "p95": pct(0.95), "max": values[-1],
            "as_of": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}  # fmt: skip
