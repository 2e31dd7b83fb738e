"""Send queued alert deliveries: signed webhooks and email, each try bounded, every try recorded.

Webhooks carry the Standard Webhooks headers: ``webhook-id`` (the delivery's id, the same on
every retry, so a receiver can drop repeats), ``webhook-timestamp`` (epoch seconds) and
``webhook-signature`` (``v1,`` + base64 HMAC-SHA256 of ``id.timestamp.body`` under the secret
``alerts_webhook_secret``), made by the ``standardwebhooks`` package. Without a secret nothing
is sent unsigned: the try fails as ``no webhook secret``. Email goes through ``smtplib`` to
``smtp_host``.

Each try has ``alerts_send_timeout`` seconds and the whole call ``alerts_send_budget``: a dead
receiver holds an ingest for a few seconds at most, and what is left stays queued for the next
run or ``sitrep alerts send-pending``. A failed try is retried after ``alerts_retry_seconds``,
doubled each time, up to ``alerts_max_attempts`` tries, then recorded as failed. The latency of
a sent delivery runs from the store write the alert follows to the receiver's acceptance. Errors
are recorded by kind only (``HTTP 503``, ``ConnectError``), never with an address.
"""

from __future__ import annotations

import dataclasses
import http.client
import logging
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from standardwebhooks import Webhook

from ..records import Delivery, WatchItem
from ..settings import Settings
from ..store.base import Store

log = logging.getLogger(__name__)


@dataclass
class SendReport:
    """What one sending pass did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    left: int = 0  # due but not tried: the time budget ran out
    latencies: list[float] = field(default_factory=list)


class DeliveryFailed(Exception):
    """A try that did not go through; the message is the kind of failure only."""


def sign_headers(secret: str, msg_id: str, body: str, when: datetime) -> dict[str, str]:
    """The Standard Webhooks headers of a body."""
    signature = Webhook(secret).sign(msg_id, when, body)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(when.timestamp())),
        "webhook-signature": signature,
        "content-type": "application/json",
    }


def post_webhook(url: str, body: str, headers: dict[str, str], timeout: float) -> None:
    """POST the body; any 2xx answer is delivery, a redirect is not followed.

    ``http.client`` rather than httpx: httpx logs every request's URL at INFO, and a webhook URL
    is a watch item's contact, which no log line may carry.
    """
    parts = urlsplit(url)
    conn_type = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    conn = conn_type(parts.hostname or "", parts.port, timeout=timeout)
    try:
        conn.request("POST", path, body=body.encode("utf-8"), headers=headers)
        status = conn.getresponse().status
    except TimeoutError:
        raise DeliveryFailed("ReadTimeout") from None
    except (OSError, http.client.HTTPException) as exc:
        kind = "ConnectError" if isinstance(exc, ConnectionError) else type(exc).__name__
        raise DeliveryFailed(kind) from None
    finally:
        conn.close()
    if not 200 <= status < 300:
        raise DeliveryFailed(f"HTTP {status}")


def send_email(settings: Settings, to: str, body: str, timeout: float) -> None:
    """Send the rendered message through ``smtp_host``."""
    if not settings.smtp_host:
        raise DeliveryFailed("no smtp_host")
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout) as smtp:
            if settings.smtp_starttls:
                smtp.starttls()
            smtp.sendmail(settings.smtp_from, [to], body.encode("utf-8"))
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryFailed(type(exc).__name__) from None


def _try(settings: Settings, delivery: Delivery, item: WatchItem | None, body: str, timeout: float) -> None:
    """One try of one delivery."""
    contact = dict(item.contact) if item is not None and item.contact else {}
    if delivery.channel == "webhook":
        if "webhook" not in contact:
            raise DeliveryFailed("contact changed")
        if not settings.alerts_webhook_secret:
            raise DeliveryFailed("no webhook secret")
        try:
            headers = sign_headers(
                settings.alerts_webhook_secret, delivery.delivery_id, body, datetime.now(UTC)
            )
        except Exception:  # noqa: BLE001 (standardwebhooks raises binascii or its own errors)
            raise DeliveryFailed("bad webhook secret") from None
        post_webhook(contact["webhook"], body, headers, timeout)
    else:
        if "email" not in contact:
            raise DeliveryFailed("contact changed")
        send_email(settings, contact["email"], body, timeout)


def send_pending(
    store: Store,
    settings: Settings,
    *,
    budget: float | None = None,
    clock: Callable[[], float] = time.time,
) -> SendReport:
    """Try every due delivery once, oldest first, within the time budget; record each try.

    Args:
        store: where the deliveries are queued.
        settings: the channels' settings, timeouts and retry policy.
        budget: seconds for the whole pass (default ``alerts_send_budget``).
        clock: epoch seconds (tests).
    """
    report = SendReport()
    start = clock()
    limit = settings.alerts_send_budget if budget is None else budget
    due = store.pending_deliveries(start)
    for n, (delivery, body) in enumerate(due):
        left = limit - (clock() - start)
        if left <= 0.05:
            report.left = len(due) - n
            break
        alert = store.alert(delivery.alert_id)
        item = store.watch_item(alert.item_id) if alert is not None else None
        attempts = delivery.attempts + 1
        try:
            if alert is None:
                raise DeliveryFailed("alert gone")
            _try(settings, delivery, item, body, min(settings.alerts_send_timeout, left))
        except DeliveryFailed as exc:
            final = attempts >= settings.alerts_max_attempts or str(exc) in ("alert gone", "contact changed")
            wait = settings.alerts_retry_seconds * 2 ** (attempts - 1)
            done = dataclasses.replace(
                delivery,
                status="failed" if final else "pending",
                attempts=attempts,
                next_try=clock() + wait,
                last_error=str(exc),
            )
            report.failed += final
            report.retried += not final
            log.warning("delivery %s of alert %s: try %d failed (%s)", delivery.delivery_id,
                        delivery.alert_id, attempts, exc)  # fmt: skip
        else:
            sent = clock()
            assert alert is not None
            latency = max(0.0, sent - alert.stored_at)
            done = dataclasses.replace(
                delivery,
                status="sent",
                attempts=attempts,
                sent_at=datetime.fromtimestamp(sent, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                latency_s=round(latency, 6),
                last_error=None,
            )
            report.sent += 1
            report.latencies.append(latency)
            log.info(
                "delivery %s of alert %s sent in %.3f s", delivery.delivery_id, delivery.alert_id, latency
            )
        with store.transaction():
            store.update_delivery(done)
    return report
