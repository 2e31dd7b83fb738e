"""CAP 1.2 messages of alerts, and an Atom feed of them (``GET /api/alerts/feed.atom``).

Each alert version is one CAP message: ``identifier`` ``sitrep-<alert id>-v<version>``,
``msgType`` ``Alert`` for the first version, ``Update`` for an upgrade and ``Cancel`` for a
cancellation, the later ones with ``references`` to every earlier version. ``scope`` is
``Restricted``: alerts are meant for the desk that watches the item. ``info`` carries category
``Security``, the event type as ``event``, urgency (``Immediate``; ``Past`` once cancelled),
the severity of ``severity.event_severity``, certainty (``Observed`` once corroborated,
``Likely`` on one source, ``Possible`` when that source hedged), the evidence sentences quoted
in ``description``, the first source in ``web`` and the area as a circle around the event
(the watch item's radius for that severity). No watch item name or position is written into a
CAP message. Built with ``xml.etree.ElementTree`` (the standard library writes XML well enough;
the tests validate the result against the OASIS CAP 1.2 schema).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import datetime

from ..records import Alert

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
ATOM_NS = "http://www.w3.org/2005/Atom"
CAP_MEDIA_TYPE = "application/cap+xml"


def cap_time(iso: str) -> str:
    """An ISO 8601 UTC stamp (``...Z``) as CAP writes times: ``2024-03-02T10:00:00+00:00``."""
    when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return when.strftime("%Y-%m-%dT%H:%M:%S") + "+00:00"


def identifier(alert_id: str, version: int) -> str:
    """The CAP identifier of one version of an alert."""
    return f"sitrep-{alert_id}-v{version}"


def msg_type(alert: Alert) -> str:
    """``Alert`` (first version), ``Update`` or ``Cancel``."""
    if alert.status == "Cancel":
        return "Cancel"
    return "Alert" if alert.version == 1 else "Update"


def certainty(alert: Alert) -> str:
    """CAP certainty: ``Observed`` once corroborated, else ``Likely`` (``Possible`` if hedged)."""
    last = alert.detail.get("certainty_status", alert.status)
    if last == "Observed":
        return "Observed"
    return "Possible" if alert.detail.get("hedged") else "Likely"


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, f"{{{CAP_NS}}}{tag}")
    if text is not None:
        el.text = text
    return el


def cap_element(alert: Alert, sender: str) -> ET.Element:
    """The CAP ``alert`` element of the alert's current version."""
    d = alert.detail
    root = ET.Element(f"{{{CAP_NS}}}alert")
    _sub(root, "identifier", identifier(alert.alert_id, alert.version))
    _sub(root, "sender", sender)
    _sub(root, "sent", cap_time(alert.updated_at))
    _sub(root, "status", "Actual")
    _sub(root, "msgType", msg_type(alert))
    _sub(root, "source", "sitrep")
    _sub(root, "scope", "Restricted")
    _sub(root, "restriction", "duty-of-care desk of the watch item only")
    if alert.status == "Cancel":
        _sub(root, "note", f"cancelled: {alert.reason}")
    earlier = [h for h in d.get("history", []) if h["version"] < alert.version]
    if earlier:
        refs = " ".join(
            f"{sender},{identifier(alert.alert_id, h['version'])},{cap_time(h['at'])}" for h in earlier
        )
        _sub(root, "references", refs)
    info = _sub(root, "info")
    _sub(info, "language", "en")
    _sub(info, "category", "Security")
    _sub(info, "event", d.get("event") or "Security event")
    _sub(info, "urgency", "Past" if alert.status == "Cancel" else "Immediate")
    _sub(info, "severity", alert.severity)
    _sub(info, "certainty", certainty(alert))
    _sub(info, "senderName", "sitrep")
    _sub(info, "headline", (d.get("headline") or "")[:160])
    _sub(info, "description", description(alert))
    sources = [s["url"] for s in d.get("sources", []) if s.get("url")]
    if sources:
        _sub(info, "web", sources[0])
    for name in ("subject_kind", "subject_id"):
        param = _sub(info, "parameter")
        _sub(param, "valueName", name)
        _sub(param, "value", str(getattr(alert, name)))
    area = _sub(info, "area")
    _sub(area, "areaDesc", d.get("area") or "unnamed area")
    lat, lon, km = d.get("latitude"), d.get("longitude"), d.get("radius_km")
    if lat is not None and lon is not None:
        _sub(area, "circle", f"{lat:.5f},{lon:.5f} {float(km or 0):.1f}")
    if d.get("country"):
        code = _sub(area, "geocode")
        _sub(code, "valueName", "ISO3166-1")
        _sub(code, "value", d["country"])
    return root


def description(alert: Alert) -> str:
    """What happened, the quoted evidence sentences and the sources, as plain text."""
    d = alert.detail
    lines = [d.get("summary") or d.get("headline") or ""]
    lines += [f'"{q}"' for q in d.get("evidence", [])]
    lines += [
        f"Source: {s.get('outlet') or ''} {s.get('url') or s.get('doc_id') or ''}".strip()
        for s in d.get("sources", [])
    ]
    if alert.status == "Cancel":
        lines.append(f"Cancelled: {alert.reason}.")
    return "\n".join(x for x in lines if x)


def cap_xml(alert: Alert, sender: str) -> str:
    """The CAP 1.2 XML document of the alert's current version."""
    ET.register_namespace("", CAP_NS)
    body = ET.tostring(cap_element(alert, sender), encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def atom_feed(alerts: Sequence[Alert], sender: str, feed_url: str, now: str) -> bytes:
    """An Atom feed with one entry per alert (its current version), the CAP message as content."""
    ET.register_namespace("", ATOM_NS)
    ET.register_namespace("cap", CAP_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    sub(feed, "id", f"urn:sitrep:alerts:{sender}")
    sub(feed, "title", "sitrep alerts")
    sub(feed, "updated", max((a.updated_at for a in alerts), default=now))
    sub(feed, "link", rel="self", href=feed_url)
    author = sub(feed, "author")
    sub(author, "name", "sitrep")
    for a in alerts:
        entry = sub(feed, "entry")
        sub(entry, "id", f"urn:sitrep:alert:{identifier(a.alert_id, a.version)}")
        sub(entry, "title", f"{a.status}: {a.detail.get('headline') or a.subject_id}")
        sub(entry, "updated", a.updated_at)
        sub(entry, "category", term=a.severity)
        content = sub(entry, "content", type=CAP_MEDIA_TYPE)
        content.append(cap_element(a, sender))
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body
