"""The store side of risk levels (migration ``020_risk_levels``): one row per area per day.

``risk_levels`` is the time series ``sitrep.risk`` computes (its formula is there); each row keeps
its contributions (event id, weight, why) as JSON text, ``anomaly`` as 0 or 1 on both backends.
``risk_params`` holds, in one row, the formula's settings the series was last rebuilt with
(``sitrep risk recompute``), so the levels recomputed as events arrive use the same ones, and
the day every series has been carried to (``through``: a reduce carries the quiet areas forward
only when the newest event's day moves past it).

Risk levels are public: a change moves the data generation, as the event tables do
(``generation.add_triggers``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..records import RiskContribution, RiskLevel
from .backend import Backend
from .ddl import ddl as _ddl
from .generation import add_triggers

RISK_COLUMNS = (
    "area",
    "day",
    "country",
    "admin1",
    "name",
    "level",
    "label",
    "score",
    "baseline",
    "recent",
    "spread",
    "anomaly",
    "raw_level",
    "below_days",
    "contributions",
)
_COLS = ", ".join(RISK_COLUMNS)
EVENT_COLUMNS = "event_id, event_type, sub_event_type, date, location, admin1, country, fatalities, hedged"
_LIVE = "superseded_by IS NULL AND background = 0 AND date IS NOT NULL AND country IS NOT NULL"


def m020_risk_levels(store: Backend) -> None:
    """Risk levels per area per day, and the settings they were computed with (public data)."""
    _ddl(
        store,
        """
        CREATE TABLE risk_levels (
            area TEXT NOT NULL,
            day TEXT NOT NULL,
            country TEXT NOT NULL,
            admin1 TEXT,
            name TEXT NOT NULL,
            level INTEGER NOT NULL,
            label TEXT NOT NULL,
            score {REAL} NOT NULL,
            baseline {REAL} NOT NULL,
            recent {REAL} NOT NULL,
            spread {REAL} NOT NULL,
            anomaly INTEGER NOT NULL,
            raw_level INTEGER NOT NULL,
            below_days INTEGER NOT NULL,
            contributions TEXT NOT NULL,
            PRIMARY KEY (area, day)
        );
        CREATE INDEX risk_levels_country ON risk_levels(country, area, day);
        CREATE TABLE risk_params (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            params TEXT NOT NULL,
            through TEXT
        )
        """,
    )
    add_triggers(store, ("risk_levels",))


def _row(r: RiskLevel) -> list[Any]:
    return [
        r.area,
        r.as_of,
        r.country,
        r.admin1,
        r.name,
        r.level,
        r.label,
        r.score,
        r.baseline,
        r.recent,
        r.spread,
        1 if r.anomaly else 0,
        r.raw_level,
        r.below_days,
        json.dumps([[c.event_id, c.weight, c.why] for c in r.contributions], ensure_ascii=False),
    ]


def _level(row: dict[str, Any]) -> RiskLevel:
    return RiskLevel(
        area=row["area"],
        country=row["country"],
        admin1=row["admin1"],
        name=row["name"],
        level=int(row["level"]),
        label=row["label"],
        score=float(row["score"]),
        baseline=float(row["baseline"]),
        as_of=row["day"],
        contributions=tuple(
            RiskContribution(i, float(w), why) for i, w, why in json.loads(row["contributions"])
        ),
        spread=float(row["spread"]),
        recent=float(row["recent"]),
        anomaly=bool(row["anomaly"]),
        raw_level=int(row["raw_level"]),
        below_days=int(row["below_days"]),
    )


class SQLRisk(Backend):
    """Risk levels in and out, and the events they are computed from (mixed into ``SQLStore``)."""

    def risk_events(
        self, country: str, admin1: str | None, since: str | None, until: str | None
    ) -> list[dict[str, Any]]:
        """The live, dated, non-background events of a country (or one of its admin1 regions)
        dated ``since`` to ``until`` (ISO days, inclusive, None: open), ``EVENT_COLUMNS``."""
        where, args = [_LIVE, "country = ?"], [country]
        for sql, value in (("admin1 = ?", admin1), ("date >= ?", since), ("date <= ?", until)):
            if value is not None:
                where.append(sql)
                args.append(value)
        return self.rows(f"SELECT {EVENT_COLUMNS} FROM canonical_events WHERE {' AND '.join(where)}", args)

    def risk_areas(self) -> list[tuple[str, str | None]]:
        """Every (country, admin1 or None) pair the live, dated events fall in."""
        rows = self.rows(f"SELECT DISTINCT country, admin1 FROM canonical_events WHERE {_LIVE}")
        return sorted(((r["country"], r["admin1"]) for r in rows), key=lambda t: (t[0], t[1] or ""))

    def latest_event_day(self) -> str | None:
        """The date of the newest live event (None: there is none); read from the index of live
        events by day, so each reduce can ask."""
        rows = self.rows("SELECT max(date) AS d FROM canonical_events WHERE superseded_by IS NULL")
        return rows[0]["d"] if rows else None

    def write_risk_levels(self, area: str, since: str | None, levels: Sequence[RiskLevel]) -> None:
        """Replace the area's series from ``since`` on (None: all of it) with ``levels``."""
        with self.transaction():
            if since is None:
                self.execute("DELETE FROM risk_levels WHERE area = ?", (area,))
            else:
                self.execute("DELETE FROM risk_levels WHERE area = ? AND day >= ?", (area, since))
            marks = ",".join("?" * len(RISK_COLUMNS))
            self.executemany(f"INSERT INTO risk_levels ({_COLS}) VALUES ({marks})", [_row(r) for r in levels])

    def clear_risk_levels(self) -> None:
        """Forget every stored level (a full recompute follows)."""
        self.execute("DELETE FROM risk_levels")

    def risk_level_before(self, area: str, day: str | None) -> RiskLevel | None:
        """The area's last stored level before ``day`` (None: its last of all)."""
        sql, args = f"SELECT {_COLS} FROM risk_levels WHERE area = ?", [area]
        if day is not None:
            sql += " AND day < ?"
            args.append(day)
        rows = self.rows(sql + " ORDER BY day DESC LIMIT 1", args)
        return _level(rows[0]) if rows else None

    def current_risk_levels(self, country: str | None = None) -> list[RiskLevel]:
        """Each area's latest stored level (of one country's areas), by area."""
        where, args = "", []
        if country:
            where, args = " WHERE country = ?", [country.upper()]
        rows = self.rows(
            f"SELECT {', '.join('r.' + c for c in RISK_COLUMNS)} FROM risk_levels r JOIN"
            f" (SELECT area, max(day) AS last FROM risk_levels{where} GROUP BY area) m"
            " ON r.area = m.area AND r.day = m.last ORDER BY r.area",
            args,
        )
        return [_level(r) for r in rows]

    def risk_series(self, area: str, since: str | None = None, until: str | None = None) -> list[RiskLevel]:
        """The area's stored levels from ``since`` to ``until`` (ISO days, inclusive), oldest first."""
        sql, args = f"SELECT {_COLS} FROM risk_levels WHERE area = ?", [area]
        if since is not None:
            sql += " AND day >= ?"
            args.append(since)
        if until is not None:
            sql += " AND day <= ?"
            args.append(until)
        return [_level(r) for r in self.rows(sql + " ORDER BY day", args)]

    def risk_area_named(self, area: str) -> str | None:
        """The stored area key that ``area`` names (case-insensitive), if any."""
        rows = self.rows(
            "SELECT DISTINCT area FROM risk_levels WHERE area = ? OR lower(area) = lower(?) ORDER BY area",
            (area, area),
        )
        return rows[0]["area"] if rows else None

    def risk_params(self) -> dict[str, Any] | None:
        """The formula's settings the levels were last rebuilt with (None: never; the defaults)."""
        rows = self.rows("SELECT params FROM risk_params WHERE id = 1")
        return (json.loads(rows[0]["params"]) or None) if rows else None

    def set_risk_params(self, params: dict[str, Any]) -> None:
        """Keep the formula's settings of a full recompute."""
        self.execute(
            "INSERT INTO risk_params (id, params) VALUES (1, ?)"
            " ON CONFLICT (id) DO UPDATE SET params = excluded.params",
            (json.dumps(params, sort_keys=True),),
        )

    def risk_through(self) -> str | None:
        """The last day every area's series was carried to (None: not yet)."""
        rows = self.rows("SELECT through FROM risk_params WHERE id = 1")
        return rows[0]["through"] if rows else None

    def set_risk_through(self, day: str) -> None:
        """Remember that every area's series reaches ``day`` (the params row must exist or is
        made with the defaults' marker, an empty object)."""
        self.execute(
            "INSERT INTO risk_params (id, params, through) VALUES (1, '{}', ?)"
            " ON CONFLICT (id) DO UPDATE SET through = excluded.through",
            (day,),
        )
