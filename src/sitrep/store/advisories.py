"""The store side of advisories (migration ``019_advisories``): the records and their level changes.

Public data: both tables move the data generation (``generation.add_triggers``), so a kept API
answer is refreshed when an advisory arrives or changes. An advisory is one row keyed by its id
(``Advisory.advisory_id``), its whole record kept as JSON in ``data`` beside the columns the reads
filter on. Re-storing the same record changes nothing; an imported advisory whose level differs
from the stored one is updated and its change recorded in ``advisory_changes``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from ..records import Advisory, AdvisoryChange
from .backend import Backend
from .ddl import ddl as _ddl
from .generation import add_triggers

TABLES = ("advisories", "advisory_changes")


def m019_advisories(store: Backend) -> None:
    """Advisories and advisory level changes (public: they move the data generation)."""
    _ddl(
        store,
        """
        CREATE TABLE advisories (
            advisory_id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            issuer TEXT NOT NULL,
            country TEXT NOT NULL,
            level INTEGER,
            date TEXT,
            source TEXT NOT NULL,
            doc_id TEXT,
            data TEXT NOT NULL,
            stored_at TEXT NOT NULL
        );
        CREATE INDEX advisories_country ON advisories(country, date);
        CREATE INDEX advisories_date ON advisories(date);
        CREATE TABLE advisory_changes (
            advisory_id TEXT NOT NULL,
            issuer TEXT NOT NULL,
            country TEXT NOT NULL,
            old_level INTEGER,
            new_level INTEGER,
            changed_at TEXT NOT NULL,
            PRIMARY KEY (advisory_id, changed_at)
        );
        CREATE INDEX advisory_changes_at ON advisory_changes(changed_at)
        """,
    )
    add_triggers(store, TABLES)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _data(a: Advisory) -> str:
    return json.dumps(a.to_dict(), ensure_ascii=False, sort_keys=True)


class SQLAdvisories(Backend):
    """Advisories in and out (mixed into ``SQLStore``); ``sitrep.advisories`` decides what to store."""

    def upsert_advisories(
        self, advisories: Iterable[Advisory], *, now: str | None = None
    ) -> list[AdvisoryChange]:
        """Store new advisories, update changed ones; the level changes seen, in input order.

        A first sight is no change; the same record again writes nothing.
        """
        when = now or _now()
        changes: list[AdvisoryChange] = []
        for a in advisories:
            data = _data(a)
            doc_id = a.evidence[0].doc_id if a.evidence else None
            old = self.rows("SELECT level, data FROM advisories WHERE advisory_id = ?", (a.advisory_id,))
            if not old:
                self.execute(
                    "INSERT INTO advisories (advisory_id, kind, issuer, country, level, date, source, doc_id,"
                    " data, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        a.advisory_id,
                        a.kind,
                        a.issuer,
                        a.country,
                        a.level,
                        a.date,
                        a.source,
                        doc_id,
                        data,
                        when,
                    ),
                )
                continue
            if old[0]["data"] == data:
                continue
            self.execute(
                "UPDATE advisories SET kind = ?, issuer = ?, country = ?, level = ?, date = ?, source = ?,"
                " doc_id = ?, data = ?, stored_at = ? WHERE advisory_id = ?",
                (a.kind, a.issuer, a.country, a.level, a.date, a.source, doc_id, data, when, a.advisory_id),
            )
            if old[0]["level"] != a.level:
                change = AdvisoryChange(a.advisory_id, a.issuer, a.country, old[0]["level"], a.level, when)
                self.execute(
                    "INSERT INTO advisory_changes (advisory_id, issuer, country, old_level, new_level,"
                    " changed_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (a.advisory_id, a.issuer, a.country, change.old_level, a.level, when),
                )
                changes.append(change)
        return changes

    def advisories(
        self, *, country: str | None = None, since: str | None = None, kind: str | None = None
    ) -> list[Advisory]:
        """Stored advisories, newest first (then by id), filtered by country, day and kind."""
        where: list[str] = []
        args: list[Any] = []
        for column, value in (("country", country), ("kind", kind)):
            if value:
                where.append(f"{column} = ?")
                args.append(value)
        if since:
            where.append("date >= ?")
            args.append(since)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self.rows(
            f"SELECT data FROM advisories{clause} ORDER BY date DESC NULLS LAST, advisory_id", args
        )
        return [Advisory.from_dict(json.loads(r["data"])) for r in rows]

    def advisory_changes(self, *, since: str | None = None) -> list[AdvisoryChange]:
        """Recorded level changes, newest first (``since``: changed on or after)."""
        clause, args = (" WHERE changed_at >= ?", [since]) if since else ("", [])
        rows = self.rows(
            "SELECT advisory_id, issuer, country, old_level, new_level, changed_at FROM advisory_changes"
            f"{clause} ORDER BY changed_at DESC, advisory_id",
            args,
        )
        return [
            AdvisoryChange(
                r["advisory_id"], r["issuer"], r["country"], r["old_level"], r["new_level"], r["changed_at"]
            )
            for r in rows
        ]
