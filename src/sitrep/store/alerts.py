"""The store side of alerts and welfare checks (migrations ``021_alerts`` and ``022_welfare``).

Private data, like the watchlist: no public read touches these tables and none of them moves
the data generation (``generation.TABLES``). ``alerts`` holds one row per (watch item, subject),
so a second source can only change a row, never add one. ``alert_deliveries`` holds one row per
alert version and channel, with its tries; its ``body`` (the rendered message, which may carry
one-time welfare links) is kept only until the delivery is sent or given up, then cleared.
Welfare links are kept as SHA-256 hashes of their random tokens (``welfare_links``).
"""

from __future__ import annotations

import json
from typing import Any

from ..records import Alert, Delivery, WelfareCheck
from .backend import Backend
from .ddl import ddl as _ddl

ALERT_COLUMNS = (
    "alert_id",
    "item_id",
    "subject_kind",
    "subject_id",
    "status",
    "severity",
    "version",
    "distance_km",
    "created_at",
    "updated_at",
    "stored_at",
    "reason",
    "detail",
    "sent_at",
)
DELIVERY_COLUMNS = (
    "delivery_id",
    "alert_id",
    "version",
    "channel",
    "status",
    "attempts",
    "created_at",
    "next_try",
    "last_error",
    "sent_at",
    "latency_s",
)
CHECK_COLUMNS = ("check_id", "alert_id", "item_id", "created_at", "expires_at", "answer", "answered_at")


def m021_alerts(store: Backend) -> None:
    """Alerts (one per watch item and subject) and their deliveries (private; no generation trigger)."""
    _ddl(
        store,
        """
        CREATE TABLE alerts (
            alert_id TEXT PRIMARY KEY,
            item_id TEXT NOT NULL,
            subject_kind TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            status TEXT NOT NULL,
            severity TEXT NOT NULL,
            version INTEGER NOT NULL,
            distance_km {REAL},
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            stored_at {REAL} NOT NULL,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL,
            sent_at TEXT,
            UNIQUE (item_id, subject_kind, subject_id)
        );
        CREATE INDEX alerts_updated ON alerts(updated_at);
        CREATE INDEX alerts_open ON alerts(status, subject_kind);
        CREATE TABLE alert_deliveries (
            delivery_id TEXT PRIMARY KEY,
            alert_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            channel TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            next_try {REAL} NOT NULL,
            last_error TEXT,
            sent_at TEXT,
            latency_s {REAL},
            body TEXT,
            UNIQUE (alert_id, version, channel)
        );
        CREATE INDEX alert_deliveries_pending ON alert_deliveries(status, next_try)
        """,
    )


def m022_welfare(store: Backend) -> None:
    """Welfare checks and their one-time links, kept hashed (private; no generation trigger)."""
    _ddl(
        store,
        """
        CREATE TABLE welfare_checks (
            check_id TEXT PRIMARY KEY,
            alert_id TEXT NOT NULL UNIQUE,
            item_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            answer TEXT,
            answered_at TEXT
        );
        CREATE TABLE welfare_links (
            token_hash TEXT PRIMARY KEY,
            check_id TEXT NOT NULL,
            answer TEXT NOT NULL
        )
        """,
    )


def _alert(row: dict[str, Any]) -> Alert:
    return Alert(**{**row, "detail": json.loads(row["detail"])})


def _delivery(row: dict[str, Any]) -> Delivery:
    return Delivery(**{k: row[k] for k in DELIVERY_COLUMNS})


def _check(row: dict[str, Any]) -> WelfareCheck:
    return WelfareCheck(**{k: row[k] for k in CHECK_COLUMNS})


class SQLAlerts(Backend):
    """Alerts, deliveries and welfare checks in and out (mixed into ``SQLStore``);
    ``sitrep.alerts`` decides."""

    def save_alert(self, alert: Alert) -> None:
        """Insert or replace the alert of ``alert.alert_id``."""
        cols = ", ".join(ALERT_COLUMNS)
        values = [getattr(alert, c) for c in ALERT_COLUMNS]
        values[ALERT_COLUMNS.index("detail")] = json.dumps(alert.detail, ensure_ascii=False, sort_keys=True)
        sets = ", ".join(f"{c} = excluded.{c}" for c in ALERT_COLUMNS[1:])
        self.execute(
            f"INSERT INTO alerts ({cols}) VALUES ({','.join('?' * len(values))})"
            f" ON CONFLICT (alert_id) DO UPDATE SET {sets}",
            values,
        )

    def alert(self, alert_id: str) -> Alert | None:
        """The alert with this id, if any."""
        rows = self.rows(f"SELECT {', '.join(ALERT_COLUMNS)} FROM alerts WHERE alert_id = ?", (alert_id,))
        return _alert(rows[0]) if rows else None

    def alerts(
        self,
        *,
        since: str | None = None,
        item_id: str | None = None,
        subject_kind: str | None = None,
        open_only: bool = False,
        limit: int | None = None,
    ) -> list[Alert]:
        """Alerts changed at or after ``since`` (ISO 8601 UTC), newest change first."""
        where, args = ["1 = 1"], []
        if since is not None:
            where.append("updated_at >= ?")
            args.append(since)
        if item_id is not None:
            where.append("item_id = ?")
            args.append(item_id)
        if subject_kind is not None:
            where.append("subject_kind = ?")
            args.append(subject_kind)
        if open_only:
            where.append("status <> 'Cancel'")
        sql = f"SELECT {', '.join(ALERT_COLUMNS)} FROM alerts WHERE {' AND '.join(where)}"
        sql += " ORDER BY updated_at DESC, alert_id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_alert(r) for r in self.rows(sql, args)]

    def add_delivery(self, delivery: Delivery, body: str) -> bool:
        """Queue one delivery with its rendered body; False when that version and channel is queued."""
        cols = [*DELIVERY_COLUMNS, "body"]
        values = [*(getattr(delivery, c) for c in DELIVERY_COLUMNS), body]
        sql = f"INSERT INTO alert_deliveries ({', '.join(cols)}) VALUES ({','.join('?' * len(cols))})"
        return self.execute(sql + " ON CONFLICT DO NOTHING", values) > 0

    def pending_deliveries(self, now: float, limit: int = 100) -> list[tuple[Delivery, str]]:
        """Deliveries due at ``now`` (epoch seconds) with their bodies, oldest first."""
        rows = self.rows(
            f"SELECT {', '.join(DELIVERY_COLUMNS)}, body FROM alert_deliveries"
            " WHERE status = 'pending' AND next_try <= ? ORDER BY created_at, delivery_id"
            f" LIMIT {int(limit)}",
            (now,),
        )
        return [(_delivery(r), r["body"] or "") for r in rows]

    def deliveries(self, alert_id: str | None = None) -> list[Delivery]:
        """Every delivery (of one alert), oldest first."""
        sql = f"SELECT {', '.join(DELIVERY_COLUMNS)} FROM alert_deliveries"
        args: tuple[str, ...] = ()
        if alert_id is not None:
            sql, args = sql + " WHERE alert_id = ?", (alert_id,)
        return [_delivery(r) for r in self.rows(sql + " ORDER BY created_at, delivery_id", args)]

    def update_delivery(self, delivery: Delivery) -> None:
        """Record a try; the body is cleared once the delivery is sent or given up."""
        keep = delivery.status == "pending"
        self.execute(
            "UPDATE alert_deliveries SET status = ?, attempts = ?, next_try = ?, last_error = ?,"
            f" sent_at = ?, latency_s = ?{'' if keep else ', body = NULL'} WHERE delivery_id = ?",
            (
                delivery.status,
                delivery.attempts,
                delivery.next_try,
                delivery.last_error,
                delivery.sent_at,
                delivery.latency_s,
                delivery.delivery_id,
            ),
        )
        if delivery.sent_at is not None:
            self.execute(
                "UPDATE alerts SET sent_at = ? WHERE alert_id = ? AND sent_at IS NULL",
                (delivery.sent_at, delivery.alert_id),
            )

    def add_welfare_check(self, check: WelfareCheck, links: dict[str, str]) -> bool:
        """Keep a check and its links (token hash -> answer); False when the alert has one."""
        values = [getattr(check, c) for c in CHECK_COLUMNS]
        sql = (
            f"INSERT INTO welfare_checks ({', '.join(CHECK_COLUMNS)}) VALUES ({','.join('?' * len(values))})"
        )
        if self.execute(sql + " ON CONFLICT DO NOTHING", values) == 0:
            return False
        self.executemany(
            "INSERT INTO welfare_links (token_hash, check_id, answer) VALUES (?, ?, ?)",
            [(h, check.check_id, a) for h, a in sorted(links.items())],
        )
        return True

    def welfare_link(self, token_hash: str) -> tuple[WelfareCheck, str] | None:
        """The check a link belongs to, and the answer the link gives."""
        rows = self.rows(
            f"SELECT {', '.join('c.' + c for c in CHECK_COLUMNS)}, l.answer AS link_answer"
            " FROM welfare_links l JOIN welfare_checks c ON c.check_id = l.check_id WHERE l.token_hash = ?",
            (token_hash,),
        )
        return (_check(rows[0]), rows[0]["link_answer"]) if rows else None

    def answer_welfare(self, check_id: str, answer: str, when: str) -> bool:
        """Record the answer if the check has none (its links are then spent); False otherwise."""
        done = self.execute(
            "UPDATE welfare_checks SET answer = ?, answered_at = ? WHERE check_id = ? AND answer IS NULL",
            (answer, when, check_id),
        )
        if done:
            self.execute("DELETE FROM welfare_links WHERE check_id = ?", (check_id,))
        return done > 0

    def welfare_checks(self, alert_id: str | None = None) -> list[WelfareCheck]:
        """Every check (of one alert), oldest first."""
        sql = f"SELECT {', '.join(CHECK_COLUMNS)} FROM welfare_checks"
        args: tuple[str, ...] = ()
        if alert_id is not None:
            sql, args = sql + " WHERE alert_id = ?", (alert_id,)
        return [_check(r) for r in self.rows(sql + " ORDER BY created_at, check_id", args)]

    def forget_alerts_of(self, item_id: str) -> None:
        """Delete every alert, delivery and welfare check of a removed watch item."""
        ids = "SELECT alert_id FROM alerts WHERE item_id = ?"
        checks = "SELECT check_id FROM welfare_checks WHERE item_id = ?"
        self.execute(f"DELETE FROM welfare_links WHERE check_id IN ({checks})", (item_id,))
        self.execute("DELETE FROM welfare_checks WHERE item_id = ?", (item_id,))
        self.execute(f"DELETE FROM alert_deliveries WHERE alert_id IN ({ids})", (item_id,))
        self.execute("DELETE FROM alerts WHERE item_id = ?", (item_id,))
