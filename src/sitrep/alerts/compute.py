"""Alerts from canonical events: which events bear on which watch items, and each alert's status.

``reconcile_events`` runs right after a store write (``run_after_store``) and on demand
(``sitrep alerts send-pending``). It compares what the store holds now with the alerts kept:

- an event within a watch item's radius for the event's severity (``severity.event_severity``;
  the item's ``radius_km`` by CAP severity) that has no alert gets one: ``Possible`` on one
  source, ``Observed`` when corroborated (``corroboration``);
- an alert keyed on (watch item, event) exists at most once, so a second source can only
  upgrade it, ``Possible`` to ``Observed`` (a new version, a CAP ``Update``), never add one;
- an open alert whose event is gone is cancelled: merged into another canonical event by dedup
  (``superseded``), rejected by a reviewer, or moved out of the radius by a correction.
  ``Cancel`` is final for that (item, event) pair.

Only events dated within ``alerts_max_age_days`` and not told as background raise alerts; events
placed only at country or region level (``vague_place``) raise none. Every new version is
queued for delivery on the item's contact channel at once (``queue_deliveries``); a person's
first alert opens a welfare check whose links go in the message (``welfare``). Log lines
carry ids only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from ..geodesy import distance_km
from ..records import Alert, WatchItem
from ..settings import Settings
from ..store.base import EventFilters, Store
from .messages import queue_deliveries
from .severity import event_severity

log = logging.getLogger(__name__)

MAX_EVENTS_PER_ITEM = 500  # events read around one watch item per run (most recent first)
MAX_QUOTES = 5
MAX_SOURCES = 10


def iso(when: datetime) -> str:
    """ISO 8601 UTC to the second, as alerts keep times."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def alert_id_of(item_id: str, kind: str, subject_id: str) -> str:
    """The alert's id: one per (watch item, subject), the same in every process."""
    return hashlib.sha1(f"alert|{item_id}|{kind}|{subject_id}".encode()).hexdigest()[:16]


def corroboration(event: Mapping[str, Any]) -> tuple[str, str]:
    """(``Possible`` or ``Observed``, why): observed when a reviewer confirmed or corrected the
    event, or two independent outlets reported it (copies of one article count once)."""
    review = (event.get("review") or {}).get("status")
    if review in ("confirmed", "corrected"):
        return "Observed", f"review {review}"
    outlets = {
        s.get("outlet") or s.get("doc_id") for s in event.get("sources", []) if s.get("copy_of") is None
    }
    if len(outlets) >= 2:
        return "Observed", f"{len(outlets)} independent outlets"
    return "Possible", "one source"


def event_detail(event: Mapping[str, Any], item: WatchItem, severity: str, km: float) -> dict[str, Any]:
    """What the alert's messages quote: headline, evidence sentences, sources, the area."""
    sub = event.get("sub_event_type") or event.get("event_type") or "event"
    where = ", ".join(x for x in (event.get("location"), event.get("admin1"), event.get("country")) if x)
    deaths = event.get("fatalities")
    toll = f", {deaths} dead" if deaths else ""
    quotes: list[str] = []
    for e in event.get("evidence", []):
        text = " ".join(str(e.get("text", "")).split())
        if text and text not in quotes:
            quotes.append(text)
    sources = [
        {k: s.get(k) for k in ("doc_id", "url", "outlet", "title", "published")}
        for s in event.get("sources", [])
        if s.get("url") or s.get("doc_id")
    ]
    return {
        "event": f"{event.get('event_type')}: {sub}",
        "headline": f"{sub} at {where or 'an unnamed place'}{toll} ({km:.0f} km away)",
        "summary": f"{sub} reported at {where or 'an unnamed place'} on "
        f"{event.get('date') or 'an unknown date'}{toll}; {km:.1f} km from the watch item.",
        "date": event.get("date"),
        "area": where or "unnamed place",
        "country": event.get("country"),
        "latitude": event.get("latitude"),
        "longitude": event.get("longitude"),
        "radius_km": float(item.radius_km[severity]),
        "fatalities": deaths,
        "hedged": bool(event.get("hedged")),
        "evidence": quotes[:MAX_QUOTES],
        "sources": sources[:MAX_SOURCES],
    }


def _hit(item: WatchItem, event: Mapping[str, Any]) -> tuple[str, float] | None:
    """(severity, km) when the event lies within the item's radius for its severity."""
    lat, lon = event.get("latitude"), event.get("longitude")
    if lat is None or lon is None or event.get("vague_place"):
        return None
    severity = event_severity(event)
    km = distance_km(item.latitude, item.longitude, float(lat), float(lon))
    return (severity, km) if km <= item.radius_km[severity] else None


def change_alert(
    current: Alert | None,
    *,
    item_id: str,
    kind: str,
    subject_id: str,
    status: str,
    severity: str,
    reason: str,
    detail: dict[str, Any],
    distance: float | None,
    stored_at: float,
    now: str,
) -> Alert | None:
    """The alert's next version, or None when nothing changes.

    New: version 1 with ``status``. ``Possible`` to ``Observed``: an upgrade. Any open status to
    ``Cancel``: a cancellation. A cancelled alert never changes again, and nothing downgrades.
    """
    if current is None:
        if status == "Cancel":
            return None
        history = [{"version": 1, "status": status, "at": now}]
        return Alert(
            alert_id=alert_id_of(item_id, kind, subject_id),
            item_id=item_id,
            subject_kind=kind,  # type: ignore[arg-type]
            subject_id=subject_id,
            status=status,  # type: ignore[arg-type]
            severity=severity,
            version=1,
            distance_km=None if distance is None else round(distance, 3),
            created_at=now,
            updated_at=now,
            stored_at=stored_at,
            reason=reason,
            detail={**detail, "history": history, "certainty_status": status},
        )
    upgrade = current.status == "Possible" and status == "Observed"
    cancel = current.status != "Cancel" and status == "Cancel"
    if not (upgrade or cancel):
        return None
    version = current.version + 1
    history = [*current.detail.get("history", []), {"version": version, "status": status, "at": now}]
    merged = {**current.detail, **detail} if upgrade else dict(current.detail)
    merged["history"] = history
    if upgrade:
        merged["certainty_status"] = "Observed"
    return dataclasses.replace(
        current,
        status=status,  # type: ignore[arg-type]
        version=version,
        updated_at=now,
        stored_at=stored_at,
        reason=reason,
        detail=merged,
        sent_at=None,
        distance_km=current.distance_km if distance is None else round(distance, 3),
    )


def revise_alert(
    current: Alert, *, severity: str, reason: str, detail: dict[str, Any], stored_at: float, now: str
) -> Alert:
    """A new version of an open alert whose subject changed severity (an advisory's new level)."""
    version = current.version + 1
    history = [*current.detail.get("history", []), {"version": version, "status": current.status, "at": now}]
    return dataclasses.replace(
        current,
        severity=severity,
        version=version,
        updated_at=now,
        stored_at=stored_at,
        reason=reason,
        detail={**current.detail, **detail, "history": history},
        sent_at=None,
    )


def _why_gone(store: Store, alert: Alert, item: WatchItem | None) -> str | None:
    """Why an open event alert must be cancelled (None: keep it, e.g. its event aged out)."""
    if item is None or not item.active:
        return None
    stored = store.get_event(alert.subject_id)
    if stored is None:
        return "event retracted"
    if stored.requested_id is not None:
        return f"merged into event {stored.event_id}"
    event = json.loads(stored.document)
    if (event.get("review") or {}).get("status") == "rejected":
        return "rejected by review"
    if _hit(item, event) is None:
        return "no longer within the radius"
    return None


def _cancels(
    store: Store, unwanted: list[Alert], items: Mapping[str, WatchItem], at: float, stamp: str
) -> list[Alert]:
    """Cancel versions of the open event alerts no longer wanted whose event is gone, rejected,
    merged away or out of the item's radius (``_why_gone``)."""
    made: list[Alert] = []
    for alert in unwanted:
        if alert.status == "Cancel":
            continue
        why = _why_gone(store, alert, items.get(alert.item_id))
        if why is None:
            continue
        new = change_alert(
            alert,
            item_id=alert.item_id,
            kind="event",
            subject_id=alert.subject_id,
            status="Cancel",
            severity=alert.severity,
            reason=why,
            detail={},
            distance=None,
            stored_at=at,
            now=stamp,
        )
        if new is not None:
            made.append(new)
    return made


def reconcile_events(
    store: Store,
    settings: Settings,
    *,
    stored_at: float | None = None,
    now: datetime | None = None,
    told: Callable[[WatchItem, Mapping[str, Any]], bool] | None = None,
) -> list[Alert]:
    """Bring the event alerts in line with the store; the alert versions made now (queued to send).

    Args:
        store: the store just written.
        settings: ``alerts_max_age_days`` and what the messages need.
        stored_at: epoch seconds of the store write (the latency baseline; default: now).
        now: the time of the run (tests).
        told: whether an event, for an item, is told by an advisory the item is alerted to
            (``advisories.told_by_advisories``): such an event raises no alert of its own.
    """
    when = now or datetime.now(UTC)
    stamp, at = iso(when), time.time() if stored_at is None else stored_at
    since = when.date() - timedelta(days=settings.alerts_max_age_days)
    items = {i.item_id: i for i in store.watch_items()}
    made: list[Alert] = []
    with store.transaction():
        known = {(a.item_id, a.subject_id): a for a in store.alerts(subject_kind="event")}
        wanted: set[tuple[str, str]] = set()
        for item in items.values():
            if not item.active:
                continue
            reach = max(item.radius_km.values())
            filters = EventFilters(
                near=(item.latitude, item.longitude, reach),
                since=since,
                background=False,
                limit=MAX_EVENTS_PER_ITEM,
            )
            for stored in store.query_events(filters):
                event = json.loads(stored.document)
                hit = _hit(item, event)
                if hit is None or (told is not None and told(item, event)):
                    continue
                severity, km = hit
                key = (item.item_id, stored.event_id)
                wanted.add(key)
                status, reason = corroboration(event)
                new = change_alert(
                    known.get(key),
                    item_id=item.item_id,
                    kind="event",
                    subject_id=stored.event_id,
                    status=status,
                    severity=severity,
                    reason=reason,
                    detail=event_detail(event, item, severity, km),
                    distance=km,
                    stored_at=at,
                    now=stamp,
                )
                if new is not None:
                    made.append(new)
        made += _cancels(store, [a for k, a in sorted(known.items()) if k not in wanted], items, at, stamp)
        for alert in made:
            store.save_alert(alert)
            queue_deliveries(store, settings, alert, items.get(alert.item_id), when)
    for alert in made:
        log.info("alert %s: %s v%d (%s)", alert.alert_id, alert.status, alert.version, alert.subject_kind)
    return made
