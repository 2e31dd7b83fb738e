"""The messages of an alert version, queued for delivery on the watch item's contact channel.

- **webhook** (``{"webhook": url}``): a JSON body ``{"type", "timestamp", "data"}``; ``data``
  holds the alert (status, severity, evidence sentences, sources), the watch item's id, name
  and kind, the CAP 1.2 XML, and for a person the welfare links. It is signed when sent
  (``send``: Standard Webhooks headers).
- **email** (``{"email": address}``): a plain-text message with the same content and the CAP
  XML attached (``application/cap+xml``).

The body is rendered now, so the welfare links (which are kept only hashed) can go in it; it is
kept with the queued delivery and cleared once the delivery is sent or given up.
"""

from __future__ import annotations

import email.policy
import json
import secrets
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any, Literal

from ..records import Alert, Delivery, WatchItem
from ..settings import Settings
from ..store.base import Store
from .cap import CAP_MEDIA_TYPE, cap_xml, description
from .welfare import ANSWERS, open_check


def _msg_kind(alert: Alert) -> str:
    if alert.status == "Cancel":
        return "alert.cancelled"
    return "alert.created" if alert.version == 1 else "alert.updated"


def webhook_body(alert: Alert, item: WatchItem, cap: str, links: dict[str, str], now: datetime) -> str:
    """The JSON body of a webhook delivery."""
    data: dict[str, Any] = {
        **alert.to_dict(),
        "item": {"item_id": item.item_id, "name": item.name, "kind": item.kind},
        "cap": cap,
        "welfare": links or None,
    }
    stamp = now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return json.dumps({"type": _msg_kind(alert), "timestamp": stamp, "data": data}, ensure_ascii=False)


def email_message(
    alert: Alert, item: WatchItem, cap: str, links: dict[str, str], settings: Settings, now: datetime
) -> EmailMessage:
    """The email of an alert version (the CAP XML attached)."""
    assert item.contact is not None and "email" in item.contact
    msg = EmailMessage()
    msg["Subject"] = f"[sitrep] {alert.status} ({alert.severity}): {alert.detail.get('headline', '')}"[:200]
    msg["From"] = settings.smtp_from
    msg["To"] = item.contact["email"]
    msg["Date"] = format_datetime(now.astimezone(UTC))
    msg["Message-ID"] = make_msgid(domain="sitrep.invalid")
    lines = [f"To {item.name} ({item.kind}):", "", description(alert), ""]
    if links:
        lines += ["Please tell us how you are (each link works once):"]
        lines += [f"  {ANSWERS[a]}: {url}" for a, url in sorted(links.items(), reverse=True)]
        lines += [""]
    lines += [f"Alert {alert.alert_id}, version {alert.version}; the CAP 1.2 message is attached."]
    msg.set_content("\n".join(lines))
    main, sub = CAP_MEDIA_TYPE.split("/")
    msg.add_attachment(cap.encode("utf-8"), maintype=main, subtype=sub, filename=f"{alert.alert_id}.cap.xml")
    return msg


def queue_deliveries(
    store: Store, settings: Settings, alert: Alert, item: WatchItem | None, now: datetime | None = None
) -> int:
    """Queue the alert's current version on the item's channel (opening a person's welfare check
    with the first open version); how many deliveries were queued (0: no contact)."""
    when = now or datetime.now(UTC)
    if item is None or not item.contact:
        return 0
    links: dict[str, str] = {}
    if item.kind == "person" and alert.status != "Cancel":
        links = open_check(store, alert, settings, when)
    cap = cap_xml(alert, settings.alerts_sender)
    channel: Literal["webhook", "email"] = "webhook" if "webhook" in item.contact else "email"
    if channel == "webhook":
        body = webhook_body(alert, item, cap, links, when)
    else:
        message = email_message(alert, item, cap, links, settings, when)
        body = message.as_bytes(policy=email.policy.SMTP).decode("utf-8")  # CRLF, lines kept short
    delivery = Delivery(
        delivery_id=f"msg_{secrets.token_hex(12)}",
        alert_id=alert.alert_id,
        version=alert.version,
        channel=channel,
        status="pending",
        attempts=0,
        created_at=when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        next_try=0.0,
    )
    return int(store.add_delivery(delivery, body))
