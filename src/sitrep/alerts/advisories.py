"""Alerts from advisories: a government advisory or a stated threat that bears on a watch item.

An advisory bears on a watch item when the item lies in the advisory's ``country`` and, if the
advisory names ``admin1`` areas, in one of them (``bears_on``). A watch item's country and
admin1 come from ``area_of``: by default the nearest populated place of the gazetteer within
``NEAR_KM`` (``gazetteer_area``). No radius applies: an advisory covers its whole area.

Advisories below ``alerts_advisory_min_level`` raise none; the severity is that of the level
(``severity.advisory_severity``). An imported advisory (``source`` ``import:...``) is
``Observed``: the issuer published it; one read from an article is ``Possible`` and becomes
``Observed`` when a second article's advisory or an import carries the same ``advisory_id``
with more evidence from another document. One alert per (watch item, advisory), as for events.

``advisory_alerts`` takes advisory-like records (``AdvisoryLike``: the fields of
``sitrep.records.advisory.Advisory`` it reads), so it works on stand-ins until the advisories
part is wired in (``run_after_store`` reads ``sitrep.advisories.list_advisories`` when present).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from ..geo.gazetteer import Gazetteer, normalize
from ..geodesy import box_around, distance_km
from ..records import Alert, WatchItem
from ..records.advisory import AdvisoryLike
from ..settings import Settings
from ..store.base import Store
from .compute import change_alert, iso, revise_alert
from .messages import queue_deliveries
from .severity import advisory_severity

log = logging.getLogger(__name__)

NEAR_KM = 150.0  # the nearest populated place further than this places the item nowhere
Area = tuple[str | None, str | None]  # (ISO2 country, admin1 code or name)
AreaOf = Callable[[WatchItem], Area]
Told = Callable[[WatchItem, Mapping[str, Any]], bool]  # an event told by an advisory the item gets


def _key(code: str) -> str:
    """An admin1 code or name compared loosely: case, accents and a ``CC.`` prefix aside."""
    text = code.strip()
    if len(text) > 3 and text[2] == "." and text[:2].isalpha():
        text = text[3:]
    return normalize(text)


def bears_on(advisory: AdvisoryLike, area: Area) -> bool:
    """Whether the advisory covers a point in ``area`` (country, admin1)."""
    country, admin1 = area
    if country is None or country.upper() != advisory.country.upper():
        return False
    if not advisory.admin1:
        return True
    return admin1 is not None and _key(admin1) in {_key(a) for a in advisory.admin1}


def told_by_advisories(advisories: Iterable[AdvisoryLike], area_of: AreaOf) -> Told:
    """Whether an event, for a watch item, is told by an advisory that bears on the item: the
    same article's sentence is the evidence of both (overlapping characters, or the very text).

    "The government evacuated its embassy staff and urged its citizens to leave" is coded as an
    event (a strategic development at the capital) and is the advisory's evidence too: an item
    the advisory covers gets the advisory's alert alone, not a second one for the same sentence.
    """
    spans: dict[str, list[tuple[int, int, AdvisoryLike]]] = {}
    texts: dict[str, list[AdvisoryLike]] = {}
    for adv in advisories:
        for ev in adv.evidence:
            texts.setdefault(" ".join(ev.text.split()), []).append(adv)
            if ev.doc_id is not None:
                spans.setdefault(ev.doc_id, []).append((ev.char_start, ev.char_end, adv))
    areas: dict[str, Area] = {}

    def told(item: WatchItem, event: Mapping[str, Any]) -> bool:
        tellers: list[AdvisoryLike] = []
        for ev in event.get("evidence") or []:
            tellers += texts.get(" ".join(str(ev.get("text", "")).split()), [])
            for start, end, adv in spans.get(str(ev.get("doc_id")), []):
                if int(ev.get("start", -1)) < end and start < int(ev.get("end", -1)):
                    tellers.append(adv)
        if not tellers:
            return False
        if item.item_id not in areas:
            areas[item.item_id] = area_of(item)
        return any(bears_on(adv, areas[item.item_id]) for adv in tellers)

    return told


def gazetteer_area(gazetteer: Gazetteer) -> AreaOf:
    """``area_of`` from the nearest populated place of the gazetteer (within ``NEAR_KM``)."""

    def area_of(item: WatchItem) -> Area:
        for km in (25.0, NEAR_KM):
            found = gazetteer.largest_places(box_around(item.latitude, item.longitude, km), 200)
            if found:
                best = min(
                    found, key=lambda p: distance_km(item.latitude, item.longitude, p.latitude, p.longitude)
                )
                if distance_km(item.latitude, item.longitude, best.latitude, best.longitude) <= NEAR_KM:
                    return best.country, best.admin1
        return None, None

    return area_of


def advisory_detail(advisory: AdvisoryLike) -> dict[str, Any]:
    """What an advisory alert's messages quote."""
    where = advisory.region or (", ".join(advisory.admin1) if advisory.admin1 else advisory.country)
    label = advisory.level_label or (f"level {advisory.level}" if advisory.level else "")
    quotes: list[str] = []
    sources: list[dict[str, Any]] = []
    for e in advisory.evidence:
        text = " ".join(e.text.split())
        if text and text not in quotes:
            quotes.append(text)
        if (e.url or e.doc_id) and all(s["url"] != e.url or s["doc_id"] != e.doc_id for s in sources):
            sources.append(
                {"doc_id": e.doc_id, "url": e.url, "outlet": None, "title": None, "published": None}
            )
    what = {"advisory": "Travel advisory", "drawdown": "Embassy drawdown", "threat": "Threat"}.get(
        advisory.kind, advisory.kind
    )
    return {
        "event": f"{what} ({advisory.issuer})",
        "headline": f"{what} by {advisory.issuer} for {where}" + (f": {label}" if label else ""),
        "summary": f"{what} by {advisory.issuer} for {where}, issued {advisory.date or 'on an unknown date'}"
        + (f": {label}." if label else "."),
        "date": advisory.date,
        "area": where,
        "country": advisory.country,
        "latitude": getattr(advisory, "latitude", None),
        "longitude": getattr(advisory, "longitude", None),
        "radius_km": None,
        "level": advisory.level,
        "hedged": False,
        "evidence": quotes[:5],
        "sources": sources[:10],
    }


def _versions(
    current: Alert | None, item_id: str, adv: AdvisoryLike, min_level: int, at: float, stamp: str
) -> list[Alert]:
    """The new versions of one (watch item, advisory) alert: a level change revises an open alert
    (a CAP Update), a level under ``min_level`` cancels it, corroboration upgrades it."""
    is_open = current is not None and current.status != "Cancel"
    if (adv.level or 0) < min_level:
        if not is_open or current is None:
            return []
        why = f"level lowered to {adv.level}"
        gone = change_alert(current, item_id=item_id, kind="advisory", subject_id=adv.advisory_id,
                            status="Cancel", severity=current.severity, reason=why, detail={},
                            distance=None, stored_at=at, now=stamp)  # fmt: skip
        return [gone] if gone is not None else []
    out: list[Alert] = []
    severity = advisory_severity(adv.level)
    if is_open and current is not None and current.severity != severity:
        current = revise_alert(current, severity=severity, reason=f"level now {adv.level}",
                               detail=advisory_detail(adv), stored_at=at, now=stamp)  # fmt: skip
        out.append(current)
    issued = adv.source.startswith("import:")
    observed = issued or len({e.doc_id or e.url for e in adv.evidence}) >= 2
    reason = "issued" if issued else "two reports" if observed else "one report"
    new = change_alert(current, item_id=item_id, kind="advisory", subject_id=adv.advisory_id,
                       status="Observed" if observed else "Possible", severity=severity, reason=reason,
                       detail=advisory_detail(adv), distance=None, stored_at=at, now=stamp)  # fmt: skip
    return out + ([new] if new is not None else [])


def advisory_alerts(
    store: Store,
    settings: Settings,
    advisories: Iterable[AdvisoryLike],
    area_of: AreaOf,
    *,
    stored_at: float | None = None,
    now: datetime | None = None,
) -> list[Alert]:
    """Alert the watch items the advisories bear on; the alert versions made now (queued to send).

    A changed level makes a new version of an open alert (``Update``); a level lowered under
    ``alerts_advisory_min_level`` cancels it.

    Args:
        store: where the watch items and alerts are kept.
        settings: ``alerts_advisory_min_level`` and what the messages need.
        advisories: the current advisories (``Advisory`` records or stand-ins).
        area_of: a watch item's (country, admin1) (``gazetteer_area``).
        stored_at: epoch seconds of the store write (the latency baseline; default: now).
        now: the time of the run (tests).
    """
    when = now or datetime.now(UTC)
    stamp, at = iso(when), time.time() if stored_at is None else stored_at
    items = [i for i in store.watch_items() if i.active]
    areas = {i.item_id: area_of(i) for i in items}
    made: list[Alert] = []
    with store.transaction():
        known = {(a.item_id, a.subject_id): a for a in store.alerts(subject_kind="advisory")}
        for adv in advisories:
            for item in items:
                current = known.get((item.item_id, adv.advisory_id))
                if current is None and not bears_on(adv, areas[item.item_id]):
                    continue
                for version in _versions(
                    current, item.item_id, adv, settings.alerts_advisory_min_level, at, stamp
                ):
                    made.append(version)
                    store.save_alert(version)
                    queue_deliveries(store, settings, version, item, when)
    for alert in made:
        log.info("alert %s: %s v%d (advisory)", alert.alert_id, alert.status, alert.version)
    return made


def cancel_advisory(
    store: Store, settings: Settings, advisory_id: str, reason: str = "withdrawn"
) -> list[Alert]:
    """Cancel every open alert of an advisory (withdrawn or lowered by its issuer)."""
    when = datetime.now(UTC)
    items = {i.item_id: i for i in store.watch_items()}
    made: list[Alert] = []
    with store.transaction():
        for alert in store.alerts(subject_kind="advisory", open_only=True):
            if alert.subject_id != advisory_id:
                continue
            new = change_alert(alert, item_id=alert.item_id, kind="advisory", subject_id=advisory_id,
                               status="Cancel", severity=alert.severity, reason=reason, detail={},
                               distance=None, stored_at=time.time(), now=iso(when))  # fmt: skip
            if new is not None:
                made.append(new)
                store.save_alert(new)
                queue_deliveries(store, settings, new, items.get(alert.item_id), when)
    return made
