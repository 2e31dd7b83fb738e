"""``build_report``: a region's situation over a time window, as a ``Report`` record.

Reads the public events only (``Store.query_events`` with the default review filter: events an
analyst rejected are left out, as in ``GET /api/events``), the risk levels and advisories when
those parts are installed (``sections``), and the last report's snapshot of the same region to
say what changed (``snapshot``). Nothing private: no watch items, no alerts.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

from .. import taxonomy as tx
from ..errors import ConfigError
from ..records import DayCount, EventPoint, KeyEvent, Quote, Report, ReportSource, TypeCount
from ..store.base import EventFilters, Store
from .sections import read_advisories, read_levels
from .snapshot import changes_since, facts_of
from .window import Countries, Region

MAX_EVENTS = 5000  # events one report reads (the newest first); more sets ``Report.truncated``
KEY_EVENTS = 10
QUOTES_PER_EVENT = 3
SOURCES_PER_EVENT = 5

#: Severity of an event type when tolls tie (the deadliest kinds first).
SEVERITY = {
    tx.VIOLENCE_AGAINST_CIVILIANS: 5,
    tx.EXPLOSIONS: 4,
    tx.BATTLES: 4,
    tx.RIOTS: 3,
    tx.STRATEGIC: 2,
    tx.PROTESTS: 1,
}


def build_report(
    store: Store,
    *,
    region: Region,
    since: date,
    until: date | None = None,
    gazetteer: Countries | None = None,
    now: datetime | None = None,
) -> Report:
    """The report of ``region`` for events dated ``since`` .. ``until`` (default: today, UTC).

    ``gazetteer`` names the country (else its ISO2 code stands for it).

    Raises:
        ConfigError: ``until`` before ``since``.
    """
    now = now or datetime.now(UTC)
    until = until or now.date()
    if until < since:
        raise ConfigError(f"the window ends ({until}) before it starts ({since})", hint="give since <= until")
    filters = EventFilters(
        country=region.country, admin1=region.admin1, since=since, until=until, limit=MAX_EVENTS + 1
    )
    docs = [json.loads(e.document) for e in store.query_events(filters)]
    truncated = len(docs) > MAX_EVENTS
    docs = docs[:MAX_EVENTS]
    country_name = (gazetteer.country_name(region.country) if gazetteer else None) or region.country
    levels = read_levels(store, region)
    advisories = read_advisories(store, region)
    facts = facts_of(docs, levels, advisories)
    last = store.last_report_snapshot(region.key.casefold())
    return Report(
        region=region.key,
        region_name=country_name if region.admin1 is None else f"{region.admin1}, {country_name}",
        country=region.country,
        admin1=region.admin1,
        since=since.isoformat(),
        until=until.isoformat(),
        generated_at=now.isoformat(timespec="seconds"),
        events=len(docs),
        fatalities=sum(_toll(d) for d in docs),
        truncated=truncated,
        by_type=_by_type(docs),
        daily=_daily(docs),
        points=tuple(
            EventPoint(d["latitude"], d["longitude"], d.get("event_type") or "", _toll(d), d.get("location"))
            for d in docs
            if d.get("latitude") is not None and d.get("longitude") is not None
        ),
        key_events=tuple(_key_event(d) for d in sorted(docs, key=_rank)[:KEY_EVENTS]),
        levels=levels,
        advisories=advisories,
        previous=last[0] if last else None,
        changes=changes_since(last[1], facts, since) if last else (),
        facts=json.dumps(facts, sort_keys=True, ensure_ascii=False),
    )


def save_snapshot(store: Store, report: Report) -> str:
    """Keep the report's key facts, for the next report of its region to compare with; the id."""
    return store.add_report_snapshot(report.region.casefold(), report.generated_at, json.loads(report.facts))


def _toll(d: dict[str, Any]) -> int:
    return int(d.get("fatalities") or 0)


def _rank(d: dict[str, Any]) -> tuple[int, int, int, str, str]:
    """Deadliest first, then the most severe type, the most sources, the newest."""
    return (
        -_toll(d),
        -SEVERITY.get(d.get("event_type") or "", 0),
        -int(d.get("n_sources") or 1),
        _neg_date(d.get("date")),
        d["event_id"],
    )


def _neg_date(day: str | None) -> str:
    """A key that sorts newer ISO dates first (undated last)."""
    if not day:
        return "~"
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in day)


def _by_type(docs: list[dict[str, Any]]) -> tuple[TypeCount, ...]:
    events: Counter[tuple[str, str]] = Counter()
    deaths: Counter[tuple[str, str]] = Counter()
    for d in docs:
        key = (d.get("admin1") or "", d.get("event_type") or "")
        events[key] += 1
        deaths[key] += _toll(d)
    return tuple(
        TypeCount(a, t, n, deaths[(a, t)])
        for (a, t), n in sorted(events.items(), key=lambda kv: (kv[0], -kv[1]))
    )


def _daily(docs: list[dict[str, Any]]) -> tuple[DayCount, ...]:
    days: Counter[tuple[str, str]] = Counter(
        (d["date"], d.get("event_type") or "") for d in docs if d.get("date")
    )
    return tuple(DayCount(day, t, n) for (day, t), n in sorted(days.items()))


def _key_event(d: dict[str, Any]) -> KeyEvent:
    sources = [
        ReportSource(s.get("outlet"), s.get("url"), s.get("title"), s.get("published"), s.get("doc_id") or "")
        for s in d.get("sources") or []
        if s.get("copy_of") is None
    ]
    names = {s.doc_id: s.label for s in sources}
    by_doc: dict[str, list[str]] = {}
    for ev in d.get("evidence") or []:
        text = " ".join(str(ev.get("text") or "").split())
        seen = text in (t for texts in by_doc.values() for t in texts)
        if text and not seen:
            by_doc.setdefault(ev.get("doc_id") or "", []).append(text)
    # each source's first sentence before any source's second: the quotes show who said what
    quotes = [
        Quote(texts[i], names.get(doc, ""))
        for i in range(max((len(t) for t in by_doc.values()), default=0))
        for doc, texts in by_doc.items()
        if i < len(texts)
    ]
    review = d.get("review") or {}
    return KeyEvent(
        event_id=d["event_id"],
        date=d.get("date"),
        event_type=d.get("event_type") or "",
        sub_event_type=d.get("sub_event_type") or "",
        location=d.get("location"),
        admin1=d.get("admin1"),
        country=d.get("country"),
        fatalities=d.get("fatalities"),
        actor1=d.get("actor1"),
        actor2=d.get("actor2"),
        quotes=tuple(quotes[:QUOTES_PER_EVENT]),
        sources=tuple(sources[:SOURCES_PER_EVENT]),
        reviewed=review.get("status"),
    )
