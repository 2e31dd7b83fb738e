"""The public JSON shapes of the records, and the formats the CLI and the API write them in.

Every shape a user sees is made here (an ``Event``'s own, the ``jsonl`` line of ``sitrep extract``,
is ``Event.to_dict`` beside its inverse in ``records``): a source, a version, a canonical event
(stored as written, and so returned by the store and the API). ``render`` writes events as
jsonl, json, csv (ACLED-like columns) or geojson. Hand-written because the shapes are ours.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import date
from typing import Any

from .records import (
    CanonicalEvent,
    Event,
    Link,
    Review,
    Source,
    StoredArticle,
    StoredEvent,
    StoreStats,
    Version,
)
from .tables import csv_text

FORMATS = ("jsonl", "json", "csv", "geojson")


def to_feature(e: dict[str, Any]) -> dict[str, Any]:
    """One event as a GeoJSON Feature (geometry null when it has no coordinates)."""
    geom = None
    if e.get("latitude") is not None and e.get("longitude") is not None:
        geom = {"type": "Point", "coordinates": [e["longitude"], e["latitude"]]}
    return {"type": "Feature", "id": e.get("event_id"), "geometry": geom, "properties": e}


def event_dict(e: Event | StoredEvent) -> dict[str, Any]:
    """The public JSON shape of an extracted event (``Event.to_dict``) or of a stored canonical one."""
    return e.to_dict() if isinstance(e, Event) else dict(json.loads(e.document))


def render(
    records: Iterable[Event | StoredEvent], fmt: str, country_name: Callable[[str], str | None] | None = None
) -> Iterable[str]:
    """Serialise events as text chunks in one of FORMATS (jsonl streams; the others are whole).

    ``country_name`` gives the CSV's ``country`` column names instead of codes.
    """
    events = (event_dict(e) for e in records)
    if fmt == "jsonl":
        for e in events:
            yield json.dumps(e, ensure_ascii=False) + "\n"
    elif fmt == "json":
        yield json.dumps(list(events), ensure_ascii=False, indent=1) + "\n"
    elif fmt == "geojson":
        fc = {"type": "FeatureCollection", "features": [to_feature(e) for e in events]}
        yield json.dumps(fc, ensure_ascii=False) + "\n"
    elif fmt == "csv":
        yield csv_text(events, country_name)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def _json(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v


def source_dict(s: Source) -> dict[str, Any]:
    """JSON shape of a source (with its outlet)."""
    return {
        "doc_id": s.doc_id,
        "url": s.url,
        "outlet": s.outlet,
        "title": s.title,
        "published": _json(s.published),
    }


def version_dict(v: Version) -> dict[str, Any]:
    """JSON shape of a version."""
    return {
        "version": v.version,
        "as_of": _json(v.as_of),
        "reported_by": list(v.reported_by),
        "changes": list(v.changes),
        "refined_by": list(v.refined_by),
        "fields": {k: _json(x) for k, x in v.fields},
        "review": review_summary(v.review) if v.review else None,
    }


def review_summary(r: Review) -> dict[str, Any]:
    """What a version shows of the review that made it: who, when, why, what."""
    d = {k: v for k, v in r.to_dict().items() if k not in ("anchor", "event_id")}
    if r.action not in ("merge", "split"):
        d.pop("mentions")
    if r.action != "correct":
        d.pop("fields")
    return d


def link_dict(link: Link) -> dict[str, Any]:
    """JSON shape of why a source was joined (``dedup.match.explain``)."""
    return {
        "to_event_id": link.joined_to,
        "to_doc_id": link.joined_doc,
        "km": link.km,
        "days": link.days,
        "family": link.family,
        "sub_event_types": list(link.sub_event_types),
        "shared_actors": list(link.shared_actors),
        "swapped_actors": link.swapped_actors,
        "rule": link.rule,
    }


def _why(j: dict[str, Any]) -> str:
    """One source's join reason as a line of text."""
    km = "no distance (a place is missing)" if j["km"] is None else f"{j['km']:g} km"
    days = "no day gap (a date is missing)" if j["days"] is None else f"{j['days']} day(s) apart"
    subs = j["sub_event_types"]
    kind = f"same sub-type ({subs[0]})" if subs[0] == subs[1] else f"sub-types {subs[0]} / {subs[1]}"
    actors = ", ".join(j["shared_actors"]) or "none named by both"
    rule = {
        "nearby": "placed reports within the radius and day window",
        "only-fit": "a country/region-level report joined to the only placed event it fits",
        "vague": "country/region-level reports",
        "revision": "an update of the same story (a near copy of its text)",
    }.get(j["rule"], j["rule"])
    swapped = " (sides named in the other order)" if j["swapped_actors"] else ""
    return (
        f"joined to {j['to_doc_id']}: {km}, {days}, family {j['family']}, {kind}, "
        f"shared actors: {actors}{swapped}; rule: {rule}"
    )


def explain_text(event: dict[str, Any]) -> str:
    """Why each source of a canonical event (its public JSON, with versions) was joined, as text."""
    toll = event.get("fatalities")
    span = (event.get("fatalities_low"), event.get("fatalities_high"))
    lines = [
        f"canonical event {event['event_id']}: {event['sub_event_type']}, {event.get('location')} "
        f"({event.get('country')}), {event.get('date')}, fatalities {toll}"
        + (f" (sources say {span[0]}-{span[1]})" if None not in span and span[0] != span[1] else "")
        + f", {event['n_sources']} source(s), version {event['version']}"
        + (", country/region-level only" if event.get("vague_place") else ""),
        "sources:",
    ]
    for src in event["sources"]:
        if src.get("copy_of"):
            why = f"a copy of {src['copy_of']} (same text)"
        elif src.get("joined"):
            why = _why(src["joined"])
        else:
            why = "first report"
        lines.append(f"  {src['doc_id']} ({src.get('published')}): {why}")
    if event.get("versions"):
        lines.append("versions:")
        for v in event["versions"]:
            changed = ", ".join(f"{k} {v['fields'].get(k)}" for k in v["changes"][:6])
            refined = f"; refined by {', '.join(v['refined_by'])}" if v["refined_by"] else ""
            lines.append(
                f"  v{v['version']} {v['as_of']} by {', '.join(v['reported_by'])}: {changed}{refined}"
            )
    return "\n".join(lines)


def canonical_sources(c: CanonicalEvent) -> list[dict[str, Any]]:
    """Every reporting document (and its copies) with its evidence spans and why it was joined.

    ``joined`` is null for the first report and for copies (they carry their article's text).
    """
    why = {link.mention_id: link_dict(link) for link in c.links}
    out: list[dict[str, Any]] = []
    for m in c.mentions:
        ev = [asdict(e) for e in m.event.evidence]
        own = {"event_id": m.event_id, "evidence": ev}
        out.append({**source_dict(m.source), **own, "copy_of": None, "joined": why.get(m.event_id)})
        for cp in m.copies:
            out.append({**source_dict(cp), **own, "copy_of": m.doc_id, "joined": None})
    return out


def canonical_dict(c: CanonicalEvent) -> dict[str, Any]:
    """The public JSON shape: ``Event.to_dict()`` fields plus sources, versions and counts."""
    first = c.mentions[0]
    sources = canonical_sources(c)
    evidence = [{**asdict(e), "doc_id": m.doc_id} for m in c.mentions for e in m.event.evidence]
    pubs = [m.source.published for m in c.mentions if m.source.published]
    return {
        "event_id": c.event_id,
        "doc_id": first.doc_id,
        **{k: _json(v) for k, v in c.fields},
        "evidence": evidence,
        "confidence": round(c.confidence, 3),
        "hedged": c.hedged,
        "background": c.background,
        "source": {k: v for k, v in source_dict(first.source).items() if k != "outlet"},
        "sources": sources,
        "n_sources": len({s["doc_id"] for s in sources}),
        "version": len(c.versions),
        "vague_place": c.vague_place,
        "first_reported": min(pubs).isoformat() if pubs else None,
        "last_reported": max(pubs).isoformat() if pubs else None,
        "review": _last_review(c),
    }


def _last_review(c: CanonicalEvent) -> dict[str, Any] | None:
    """The event's review status and its latest review (None: never reviewed)."""
    last = next((v.review for v in reversed(c.versions) if v.review), None)
    if c.review is None or last is None:
        return None
    return {"status": c.review, "reviewer": last.reviewer, "at": last.at, "reason": last.reason}


def event_detail(e: StoredEvent) -> dict[str, Any]:
    """One canonical event with every version (and the id asked for, when it was superseded)."""
    out = event_dict(e)
    out["versions"] = [json.loads(v) for v in e.versions]
    if e.requested_id is not None:
        out["requested_id"] = e.requested_id
    return out


def events_page(events: list[StoredEvent], paging: dict[str, Any]) -> bytes:
    """The ``/api/events`` JSON body: ``{"events", "count", ...paging}`` (total, limit, next, prev).

    Made from the stored JSON text of each event, with no decode/encode round trip.
    """
    tail = json.dumps(paging)
    body = '{"events": [' + ", ".join(e.document for e in events) + f'], "count": {len(events)}, ' + tail[1:]
    return body.encode("utf-8")


def feature_collection(events: list[StoredEvent], paging: dict[str, Any]) -> bytes:
    """A FeatureCollection of Point features (each event's stored JSON as its properties; unlocated
    events are skipped and counted), with the page's paging members, built around the stored text.

    Each event is decoded once for its coordinates and never encoded again: its text is the
    feature's properties as stored. The same document as ``feature_collection(...)``, faster.
    """
    features, skipped = [], 0
    for e in events:
        d = json.loads(e.document)
        lat, lon = d.get("latitude"), d.get("longitude")
        if lat is None or lon is None:
            skipped += 1
            continue
        point = json.dumps({"type": "Point", "coordinates": [float(lon), float(lat)]})
        ident = json.dumps(d.get("event_id"))
        feature = f'{{"type": "Feature", "id": {ident}, "geometry": {point}, "properties": {e.document}}}'
        features.append(feature)
    tail = json.dumps({"count": len(features), "skipped": skipped, **paging})
    return ('{"type": "FeatureCollection", "features": [' + ", ".join(features) + "], " + tail[1:]).encode(
        "utf-8"
    )


def article_dict(v: StoredArticle) -> dict[str, Any]:
    """A stored article: its text, every document that carried it, its mentions and events."""
    a = v.article
    out: dict[str, Any] = {
        "doc_id": a.doc_id,
        "content_hash": a.content_hash,
        "origin": a.origin,
        "url": a.url,
        "title": a.title,
        "published": _json(a.published),
        "published_basis": a.published_basis,
        "text": a.text,
        "warnings": list(a.warnings),
        "sources": [
            {**source_dict(s.source), "relation": s.relation, "distance": s.distance} for s in v.sources
        ],
        "mentions": [e.to_dict() for e in v.mentions],
        "events": list(v.events),
        "near_of": None
        if v.near_of is None
        else {**source_dict(v.near_of.source), "distance": v.near_of.distance},
    }
    if v.requested_id is not None:
        out["requested_id"] = v.requested_id
    return out


def stats_dict(s: StoreStats) -> dict[str, Any]:
    """Totals, the toll, and counts by type, sub-type, country, admin1, actor and day."""
    return {
        "articles": s.articles,
        "documents": s.documents,
        "mentions": s.mentions,
        "events": s.events,
        "rejects": s.rejects,
        "fatalities": s.fatalities,
        **{f"by_{name}": dict(counts) for name, counts in s.groups.items()},
    }
