"""Welfare checks: an alert to a person carries one-time links, "I am safe" and "I need help".

Each link is a random token (32 bytes, URL-safe) kept only as its SHA-256 hash; the plain
links exist in the message sent, and in the delivery's queued body until it is sent or given up.
Opening a link (``GET /api/welfare/{token}``) only shows a page with a button, so a mail
scanner that follows links answers nothing; the button's ``POST`` records the answer. A check
is answered once: the first answer spends both links. Links expire after
``welfare_expire_hours``; a person who has not answered after ``welfare_escalate_minutes`` is
escalated in the duty-of-care view (``welfare_status``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ..errors import NotFoundError
from ..records import Alert, WelfareCheck
from ..settings import Settings
from ..store.base import Store

log = logging.getLogger(__name__)

ANSWERS = {"safe": "I am safe", "help": "I need help"}


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def token_hash(token: str) -> str:
    """The hash a link's token is kept as."""
    return hashlib.sha256(token.encode()).hexdigest()


def open_check(store: Store, alert: Alert, settings: Settings, now: datetime | None = None) -> dict[str, str]:
    """Start the welfare check of an alert to a person; its links by answer (``safe``, ``help``),
    or nothing when the alert already has one."""
    when = now or datetime.now(UTC)
    tokens = {answer: secrets.token_urlsafe(32) for answer in ANSWERS}
    check = WelfareCheck(
        check_id=secrets.token_hex(8),
        alert_id=alert.alert_id,
        item_id=alert.item_id,
        created_at=_iso(when),
        expires_at=_iso(when + timedelta(hours=settings.welfare_expire_hours)),
    )
    if not store.add_welfare_check(check, {token_hash(t): a for a, t in tokens.items()}):
        return {}
    base = settings.alerts_public_url.rstrip("/")
    log.info("welfare check %s opened for alert %s", check.check_id, alert.alert_id)
    return {answer: f"{base}/api/welfare/{token}" for answer, token in tokens.items()}


@dataclass(frozen=True, slots=True)
class WelfareLink:
    """What a link would answer, and whether it still can."""

    check_id: str
    answer: str
    usable: bool


def _link(store: Store, token: str, now: datetime) -> tuple[WelfareCheck, str]:
    found = store.welfare_link(token_hash(token)) if 10 <= len(token) <= 100 else None
    if found is None:
        raise NotFoundError("no such welfare link, or it was used", hint="each link answers once")
    check, answer = found
    if check.answer is not None or _iso(now) >= check.expires_at:
        raise NotFoundError("no such welfare link, or it was used", hint="each link answers once")
    return check, answer


def peek_link(store: Store, token: str, now: datetime | None = None) -> WelfareLink:
    """The answer a link gives, without giving it (the confirm page).

    Raises:
        NotFoundError: an unknown, used or expired link.
    """
    check, answer = _link(store, token, now or datetime.now(UTC))
    return WelfareLink(check.check_id, answer, True)


def answer_link(store: Store, token: str, now: datetime | None = None) -> WelfareCheck:
    """Record the answer a link gives; the check as answered.

    Raises:
        NotFoundError: an unknown, used or expired link.
    """
    when = now or datetime.now(UTC)
    with store.transaction():
        check, answer = _link(store, token, when)
        if not store.answer_welfare(check.check_id, answer, _iso(when)):
            raise NotFoundError("no such welfare link, or it was used", hint="each link answers once")
    log.info("welfare check %s answered", check.check_id)
    return dataclasses.replace(check, answer=answer, answered_at=_iso(when))  # type: ignore[arg-type]


def welfare_status(store: Store, settings: Settings, now: datetime | None = None) -> list[dict[str, Any]]:
    """The duty-of-care view: per alert to a person, who is accounted for and who is escalated.

    Each row: ``alert_id``, ``item_id``, ``name``, ``status`` (the alert's), ``headline``,
    ``state`` (``safe``, ``help``, ``waiting`` or ``escalated``), ``sent``, ``answered_at``.
    Newest alert first. Private: only the CLI and the read-private API call it.
    """
    when = now or datetime.now(UTC)
    wait = timedelta(minutes=settings.welfare_escalate_minutes)
    names = {i.item_id: i.name for i in store.watch_items()}
    rows = []
    for check in store.welfare_checks():
        alert = store.alert(check.alert_id)
        if alert is None:
            continue
        created = datetime.fromisoformat(check.created_at.replace("Z", "+00:00"))
        rows.append(
            {
                "alert_id": alert.alert_id,
                "item_id": check.item_id,
                "name": names.get(check.item_id),
                "status": alert.status,
                "severity": alert.severity,
                "headline": alert.detail.get("headline"),
                "state": check.state(_iso(when), _iso(created + wait)),
                "sent": check.created_at,
                "answered_at": check.answered_at,
            }
        )
    rows.sort(key=lambda r: (r["sent"], r["alert_id"]), reverse=True)
    return rows
