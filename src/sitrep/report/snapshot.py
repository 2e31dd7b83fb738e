"""A report's key facts (kept by ``save_snapshot``) and what changed between two reports.

Facts: each event's type, place, date and toll; each risk area's level; each advisory's level.
Changes: new events, changed tolls, events no longer listed (rejected or merged: only those dated
inside the new window, so an event that merely aged out of it is not called dropped), changed
risk levels, new and changed advisories.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..records import AdvisoryRow, Change, LevelRow


def facts_of(
    docs: list[dict[str, Any]],
    levels: tuple[LevelRow, ...] | None,
    advisories: tuple[AdvisoryRow, ...] | None,
) -> dict[str, Any]:
    """The facts the next report compares against (JSON-ready)."""
    return {
        "events": {
            d["event_id"]: {
                "what": d.get("sub_event_type") or d.get("event_type") or "",
                "where": d.get("location") or d.get("admin1") or d.get("country") or "",
                "date": d.get("date"),
                "fatalities": d.get("fatalities"),
            }
            for d in docs
        },
        "levels": {r.area: {"name": r.name, "level": r.level, "label": r.label} for r in levels or ()},
        "advisories": {
            a.advisory_id: {"issuer": a.issuer, "area": a.area, "level": a.level, "label": a.level_label}
            for a in advisories or ()
        },
    }


def changes_since(before: dict[str, Any], after: dict[str, Any], since: date) -> tuple[Change, ...]:
    """What differs in ``after`` from ``before`` (both ``facts_of``), events first."""
    out: list[Change] = []
    old_events: dict[str, Any] = before.get("events", {})
    new_events: dict[str, Any] = after.get("events", {})
    for eid, ev in sorted(new_events.items(), key=lambda kv: (kv[1].get("date") or "", kv[0])):
        was = old_events.get(eid)
        if was is None:
            out.append(Change("new event", _event_subject(ev), None, _toll(ev), eid))
        elif was.get("fatalities") != ev.get("fatalities"):
            out.append(Change("toll changed", _event_subject(ev), _toll(was), _toll(ev), eid))
    for eid, was in sorted(old_events.items()):
        if eid not in new_events and (was.get("date") or "") >= since.isoformat():
            out.append(Change("event dropped", _event_subject(was), _toll(was), None, eid))
    old_levels: dict[str, Any] = before.get("levels", {})
    for area, lv in sorted(after.get("levels", {}).items()):
        was = old_levels.get(area)
        if was is None or was.get("level") != lv.get("level"):
            old = f"{was['level']} ({was.get('label')})" if was else None
            out.append(
                Change(
                    "level changed", lv.get("name") or area, old, f"{lv['level']} ({lv.get('label')})", area
                )
            )
    old_adv: dict[str, Any] = before.get("advisories", {})
    for aid, adv in sorted(after.get("advisories", {}).items()):
        was = old_adv.get(aid)
        subject = f"{adv.get('issuer')} on {adv.get('area')}"
        if was is None:
            out.append(Change("new advisory", subject, None, _level(adv), aid))
        elif was.get("level") != adv.get("level"):
            out.append(Change("advisory changed", subject, _level(was), _level(adv), aid))
    return tuple(out)


def _event_subject(ev: dict[str, Any]) -> str:
    where = f" in {ev['where']}" if ev.get("where") else ""
    when = f", {ev['date']}" if ev.get("date") else ""
    return f"{ev.get('what') or 'Event'}{where}{when}"


def _toll(ev: dict[str, Any]) -> str:
    n = ev.get("fatalities")
    return "toll unknown" if n is None else f"{n} killed"


def _level(adv: dict[str, Any]) -> str:
    if adv.get("level") is None:
        return adv.get("label") or "no level"
    return f"level {adv['level']}" + (f" ({adv['label']})" if adv.get("label") else "")
