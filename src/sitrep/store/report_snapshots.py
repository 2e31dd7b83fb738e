"""The store side of situation reports: each generated report's key facts (migration
``023_report_snapshots``), so the next report of the same region can say what changed since.

A snapshot holds public facts only (event ids, types, tolls, places; risk levels; advisory
levels), as JSON text. It is not one of the tables that move the data generation: no kept
public answer is built from it (``GET /api/report`` is not a kept answer).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from .backend import Backend
from .ddl import ddl as _ddl


def m023_report_snapshots(store: Backend) -> None:
    """One row per generated report: its region key, when it was made, its key facts as JSON."""
    _ddl(
        store,
        """
        CREATE TABLE report_snapshots (
            snapshot_id TEXT PRIMARY KEY,
            region TEXT NOT NULL,
            generated_at TEXT NOT NULL,
            facts TEXT NOT NULL
        );
        CREATE INDEX report_snapshots_region ON report_snapshots (region, generated_at)
        """,
    )


class SQLReportSnapshots(Backend):
    """Report snapshots in and out (mixed into ``SQLStore``); ``sitrep.report`` decides what to keep."""

    def add_report_snapshot(self, region: str, generated_at: str, facts: dict[str, Any]) -> str:
        """Keep one report's facts; the new snapshot's id (random: writers need no lock)."""
        new_id = uuid.uuid4().hex
        self.execute(
            "INSERT INTO report_snapshots (snapshot_id, region, generated_at, facts) VALUES (?, ?, ?, ?)",
            (new_id, region, generated_at, json.dumps(facts, sort_keys=True)),
        )
        return new_id

    def last_report_snapshot(self, region: str) -> tuple[str, dict[str, Any]] | None:
        """The latest snapshot of ``region``: (generated_at, facts), or None before the first."""
        rows = self.rows(
            "SELECT generated_at, facts FROM report_snapshots WHERE region = ?"
            " ORDER BY generated_at DESC, snapshot_id DESC LIMIT 1",
            (region,),
        )
        if not rows:
            return None
        facts: dict[str, Any] = json.loads(rows[0]["facts"])
        return str(rows[0]["generated_at"]), facts
