"""What a SQL backend supplies: statements, rows, transactions and its spatial clauses.

``sqlite.py`` and ``postgres.py`` implement these hooks; the migrations, the writes
(``sql``, ``mentions``) and the reads (``reads``) are written once over them, in portable SQL
with ``?`` placeholders.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, ClassVar

CHUNK = 500  # ids per IN (...) list: SQL parameter lists stay short
NAMES_LISTED = 500  # actor names an ``actor`` filter lists as values (more: a subquery)


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    """``items`` in slices of ``size`` (SQL parameter lists stay short)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def marks(n: int) -> str:
    """``n`` comma-separated placeholders."""
    return ",".join("?" * n)


def like_pattern(probe: str) -> str:
    """``%probe%`` with LIKE's own characters escaped (``ESCAPE '\\'``): a literal substring."""
    escaped = probe.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class Backend:
    """A database connection as the store's SQL sees it (subclasses provide the connection)."""

    dialect: ClassVar[str] = ""
    row_key: ClassVar[str] = "event_id"  # the cheapest unique key of an event row (SQLite: rowid)
    has_postgis: bool = False
    url: str = ""
    settings_hash: str = ""

    def execute(self, sql: str, args: Sequence[Any] = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for many parameter rows."""
        for r in rows:
            self.execute(sql, r)

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a query; return its rows as dicts."""
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[None]:
        """A write transaction (nested calls join the outer one)."""
        raise NotImplementedError

    def migration_lock(self) -> AbstractContextManager[None]:
        """Held while migrations run, so two processes never migrate one database at once (none
        here: SQLite's write transactions serialise the migrations themselves)."""
        return nullcontext()

    def limit_statements(self, ms: int) -> None:
        """Stop any statement of this connection that runs longer than ``ms`` milliseconds
        (``QueryTimeout``); the API's read connections have this."""
        raise NotImplementedError

    def lock_dedup(self) -> None:
        """Inside a transaction: wait until no other process is re-clustering, and hold that
        until the transaction ends (none here: SQLite's ``BEGIN IMMEDIATE`` already holds the
        one write lock for the whole reduce)."""

    def snapshot(self) -> AbstractContextManager[None]:
        """One consistent read of many statements (a backup), while writers go on."""
        return self.transaction()

    def can_apply(self, name: str) -> bool:
        """Whether an optional migration can run now (PostGIS)."""
        return True

    def bbox_clause(self, bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
        """SQL condition for a west,south,east,north box."""
        west, south, east, north = bbox
        return "latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?", [south, north, west, east]

    def live_clause(self, lookup: bool) -> str:
        """The condition that keeps live (not superseded) events. ``lookup``: a text or actor
        index drives the query (SQLite then keeps this condition off its indexes)."""
        return "superseded_by IS NULL"

    def substring_clause(self, column: str, probe: str) -> tuple[str, list[Any]]:
        """SQL condition: ``probe`` occurs literally in ``column`` (text stored casefolded)."""
        return f"{column} LIKE ? ESCAPE '\\'", [like_pattern(probe)]

    def text_clause(self, text: str) -> tuple[str, list[Any]]:
        """SQL condition: ``text`` (casefolded) occurs in the event's search text."""
        return self.substring_clause("search", text)

    def actor_clause(self, actor: str, lookup: bool = False) -> tuple[str, list[Any]]:
        """SQL condition: ``actor`` (casefolded) occurs in actor1 or actor2 (never across both).

        The names that hold it come from the small table of names (``actor_names``), the events
        by those names (indexes on actor1 and actor2, migration 014). ``lookup``: the names drive
        the query (SQLite then reads the events through the name indexes, ``sqlite.py``).
        """
        names, args = self.actor_names(actor)
        if names is None:
            return "1 = 1", []  # nothing left to look for: every string holds ""
        return f"(actor1 IN ({names}) OR actor2 IN ({names}))", [*args, *args]

    def actor_names(self, actor: str) -> tuple[str | None, list[Any]]:
        """The actor names whose casefolded form holds ``actor`` (casefolded), for ``IN (...)``.

        Up to ``NAMES_LISTED`` names are listed as values, so the planner sees them (PostgreSQL
        estimates each name's events from its statistics); more stay a subquery. None: the
        probe is empty once its unprintable characters (such as the old separator) are dropped.
        """
        probe = "".join(c for c in actor if c.isprintable())
        if not probe:
            return None, []
        names = "SELECT name FROM canonical_actor_names WHERE folded LIKE ? ESCAPE '\\'"
        args = [like_pattern(probe)]
        found = [r["name"] for r in self.rows(f"{names} LIMIT {NAMES_LISTED + 1}", args)]
        if len(found) > NAMES_LISTED:
            return names, args
        return (marks(len(found)) if found else "NULL"), found

    def actor_matches(self, actor: str, columns: str = "") -> tuple[str, list[Any]] | None:
        """The live events naming ``actor`` (casefolded) as a derived table read from the covering
        name indexes alone, and its arguments: of (k, date, event_id), ``k`` being ``row_key``, or
        of ``columns`` when given (an event naming the actor twice is there once). None: the
        probe is empty (every event matches)."""
        names, args = self.actor_names(actor.casefold())
        if names is None:
            return None
        columns = columns or f"{self.row_key} AS k, date, event_id"
        one = f"SELECT {columns} FROM canonical_events WHERE superseded_by IS NULL AND {{}} IN ({names})"
        return f"({one.format('actor1')} UNION {one.format('actor2')}) m", [*args, *args]

    def event_pages(self, columns: str, size: int = 20000) -> Iterator[list[dict[str, Any]]]:
        """Every canonical event's ``columns`` (``event_id`` among them), ``size`` rows at a time."""
        last = ""
        while rows := self.rows(
            f"SELECT {columns} FROM canonical_events WHERE event_id > ? ORDER BY event_id LIMIT {int(size)}",
            (last,),
        ):
            yield rows
            last = rows[-1]["event_id"]

    def near_clause(self, near: tuple[float, float, float]) -> tuple[str, list[Any]]:
        """SQL condition for a radius (km) around a point."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the connection."""
        raise NotImplementedError
