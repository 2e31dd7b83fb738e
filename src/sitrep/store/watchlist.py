"""The store side of the watchlist: people and sites a desk watches (migration ``018_watchlist``).

Private data: no public read touches this table, and it is not one of the tables that move the
data generation (``generation.TABLES``): a change to it changes no public answer. Removing an
item deletes its row, its alerts and its welfare checks, so a person can be taken out
completely. ``radius_km`` and ``contact`` are kept as JSON text; ``active`` as 0 or 1 on both
backends.
"""

from __future__ import annotations

import json
from typing import Any

from ..records import WatchItem
from .backend import Backend
from .ddl import ddl as _ddl

WATCH_COLUMNS = (
    "item_id",
    "name",
    "kind",
    "latitude",
    "longitude",
    "place",
    "radius_km",
    "contact",
    "created",
    "updated",
    "active",
)
_COLS = ", ".join(WATCH_COLUMNS)


def m018_watchlist(store: Backend) -> None:
    """The watched people and sites (private; no data-generation trigger)."""
    _ddl(
        store,
        """
        CREATE TABLE watchlist (
            item_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            latitude {REAL} NOT NULL,
            longitude {REAL} NOT NULL,
            place TEXT,
            radius_km TEXT NOT NULL,
            contact TEXT,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1
        )
        """,
    )


def _row(item: WatchItem) -> list[Any]:
    return [
        item.item_id,
        item.name,
        item.kind,
        item.latitude,
        item.longitude,
        item.place,
        json.dumps(dict(item.radius_km)),
        json.dumps(dict(item.contact)) if item.contact else None,
        item.created,
        item.updated,
        1 if item.active else 0,
    ]


def _item(row: dict[str, Any]) -> WatchItem:
    return WatchItem(
        item_id=row["item_id"],
        name=row["name"],
        kind=row["kind"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        place=row["place"],
        radius_km=json.loads(row["radius_km"]),
        contact=json.loads(row["contact"]) if row["contact"] else None,
        created=row["created"],
        updated=row["updated"],
        active=bool(row["active"]),
    )


class SQLWatchlist(Backend):
    """Watch items in and out (mixed into ``SQLStore``); ``sitrep.watchlist`` checks and decides."""

    def forget_alerts_of(self, item_id: str) -> None:
        """Delete the item's alerts and welfare checks (``alerts.SQLAlerts``, earlier in the MRO)."""
        raise NotImplementedError

    def add_watch_item(self, item: WatchItem) -> bool:
        """Keep a new item; False when its id is taken."""
        marks = ",".join("?" * len(WATCH_COLUMNS))
        sql = f"INSERT INTO watchlist ({_COLS}) VALUES ({marks}) ON CONFLICT DO NOTHING"
        return self.execute(sql, _row(item)) > 0

    def watch_item(self, item_id: str) -> WatchItem | None:
        """The item with this id, if any."""
        rows = self.rows(f"SELECT {_COLS} FROM watchlist WHERE item_id = ?", (item_id,))
        return _item(rows[0]) if rows else None

    def watch_items(self) -> list[WatchItem]:
        """Every item, by id."""
        return [_item(r) for r in self.rows(f"SELECT {_COLS} FROM watchlist ORDER BY item_id")]

    def update_watch_item(self, item: WatchItem) -> bool:
        """Replace the stored item of ``item.item_id`` (all but its creation time); False when absent."""
        values = _row(item)
        sets = ", ".join(f"{c} = ?" for c in WATCH_COLUMNS[1:] if c != "created")
        args = [v for c, v in zip(WATCH_COLUMNS, values, strict=True) if c not in ("item_id", "created")]
        return self.execute(f"UPDATE watchlist SET {sets} WHERE item_id = ?", [*args, item.item_id]) > 0

    def remove_watch_item(self, item_id: str) -> bool:
        """Delete the item's row for good; False when absent. SQLite overwrites the freed space
        with zeros (``secure_delete``, which not every build turns on), so the name does not
        linger in the file; PostgreSQL drops the dead row at its next vacuum."""
        if self.dialect != "sqlite":
            self.forget_alerts_of(item_id)
            return self.execute("DELETE FROM watchlist WHERE item_id = ?", (item_id,)) > 0
        was = self.rows("PRAGMA secure_delete")[0]["secure_delete"]
        self.execute("PRAGMA secure_delete = 1")
        try:
            self.forget_alerts_of(item_id)
            return self.execute("DELETE FROM watchlist WHERE item_id = ?", (item_id,)) > 0
        finally:
            self.execute(f"PRAGMA secure_delete = {int(was)}")
