"""The default, embedded store: one SQLite file (all queries live in ``sql.SQLStore``)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

from ..errors import QueryTimeout, StoreError
from ..geodesy import box_around
from ..registry import register
from .sql import SQLStore, haversine_km

TRIGRAM_TABLES = {"search": "canonical_text"}  # column → FTS5 table
RARE_BELOW = 50_000  # a trigram held by fewer rows than this is worth reading alone
RARE_PICK = 3  # how many of the rarest trigrams the index is asked for
MAX_TRIGRAMS = 64  # of a long probe, the trigrams counted (in order)
MAX_COUNTS_KEPT = 50_000
# (database, table, trigram) → rows holding it, up to RARE_BELOW; shared by the process's
# connections, never stale enough to change an answer (see ``rare_trigrams``).
_TRIGRAM_COUNTS: dict[tuple[str, str, str], int] = {}


def _wal(db: sqlite3.Connection, seconds: float = 60.0) -> None:
    """Put the file in WAL mode. SQLite answers "database is locked" at once, without waiting,
    when another process holds the file while it switches a new one to WAL: try again, for at
    most ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class SQLiteStore(SQLStore):
    """Articles, mentions, canonical events and rejects in a SQLite file; writes are idempotent upserts."""

    dialect: ClassVar[str] = "sqlite"
    row_key: ClassVar[str] = "rowid"

    def __init__(self, path: str | Path, *, settings_hash: str = "", upto: str | None = None) -> None:
        self.path = self.url = str(path)
        self.settings_hash = settings_hash
        self._depth = 0
        self._limit = float("inf")  # seconds a statement may run (limit_statements)
        self._deadline = float("inf")
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            # A writer waits up to a minute for another's transaction, from the first statement
            # on: switching a new file to WAL waits too while another process migrates it.
            self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=60)
            _wal(self.db)
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA mmap_size=2000000000")  # read pages without a syscall each
            self.db.execute("PRAGMA cache_size=-65536")  # 64 MB page cache
            self.db.create_function("dist_km", 4, haversine_km, deterministic=True)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self.db.row_factory = sqlite3.Row
        try:
            self.migrate(upto)
        except BaseException:
            self.db.close()  # a failed migration must not leave the file open
            raise

    def execute(self, sql: str, args: Sequence[Any] = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        self._deadline = time.monotonic() + self._limit
        try:
            return self.db.execute(sql, tuple(args)).rowcount
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def limit_statements(self, ms: int) -> None:
        """SQLite has no statement timeout: a progress handler, called every few thousand
        virtual-machine steps, interrupts a statement past its deadline."""
        self._limit = ms / 1000.0
        self.db.set_progress_handler(lambda: int(time.monotonic() > self._deadline), 4000)

    def _error(self, exc: sqlite3.Error) -> StoreError:
        if isinstance(exc, sqlite3.OperationalError) and "interrupted" in str(exc):
            return QueryTimeout(f"{self.path}: the query ran past its time limit ({self._limit:g} s)")
        return StoreError(f"{self.path}: {exc}")

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for many parameter rows."""
        self._deadline = time.monotonic() + self._limit
        try:
            self.db.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a query; return its rows as dicts."""
        self._deadline = time.monotonic() + self._limit
        try:
            return [dict(r) for r in self.db.execute(sql, tuple(args))]
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error); nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self.db.execute("ROLLBACK")
            raise
        self._depth = 0
        self.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read transaction: in WAL mode it sees one state while writers commit beside it."""
        self.execute("BEGIN DEFERRED")
        try:
            self.rows("SELECT count(*) AS n FROM migrations")  # the snapshot starts at the first read
            yield
        finally:
            self.db.execute("ROLLBACK")

    def live_clause(self, lookup: bool) -> str:
        """``+superseded_by IS NULL`` when a trigram lookup drives: the unary plus keeps SQLite
        from walking the newest-first index (superseded_by, date, ...) row by row and testing each
        against the lookup's list; it reads the matches by rowid instead (1M events: 220 → 12 ms)."""
        return "+superseded_by IS NULL" if lookup else "superseded_by IS NULL"

    def substring_clause(self, column: str, probe: str) -> tuple[str, list[Any]]:
        """A lookup in the column's trigram index (``TRIGRAM_TABLES``, migration 009).

        FTS5 answers a GLOB by intersecting the lists of every trigram in it, and most of those
        are common: "near place 4854 on" reads ten lists that hold every event to find 200
        (1M events: 40 ms). So when some of the probe's trigrams are rare (``rare_trigrams``),
        the index is asked for those alone, and the candidates are checked against the whole
        probe by a GLOB on the column itself (the same 200: 6 ms). A row that holds the probe
        holds each of its trigrams, so the answer is the same either way.

        GLOB, not LIKE: FTS5 answers a GLOB from its trigram index but scans for a LIKE with an
        ESCAPE clause. The column is casefolded, so a case-sensitive GLOB is exact; its own
        metacharacters are bracketed to stay literal.
        """
        literal = "".join(f"[{c}]" if c in "*?[" else c for c in probe)
        table = TRIGRAM_TABLES[column]
        rare = self.rare_trigrams(table, probe)
        if rare:
            match = " AND ".join('"' + g.replace('"', '""') + '"' for g in rare)
            clause = f"rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH ?) AND {column} GLOB ?"
            return clause, [match, f"*{literal}*"]
        return f"rowid IN (SELECT rowid FROM {table} WHERE {column} GLOB ?)", [f"*{literal}*"]

    def rare_trigrams(self, table: str, probe: str) -> list[str]:
        """Up to ``RARE_PICK`` of the probe's trigrams that the fewest rows hold, of those held by
        fewer than ``RARE_BELOW`` (none such: every trigram is common, and the whole probe is
        asked; a common one is never read alone, its list being long). Each trigram's count is
        read once per process, stopping at ``RARE_BELOW`` (``_TRIGRAM_COUNTS``): the counts only
        choose the lists to read, so a stale one costs time, never a wrong answer."""
        grams = sorted({probe[i : i + 3] for i in range(len(probe) - 2)} - {"   "})
        if len(grams) <= RARE_PICK:
            return []  # nothing to leave out
        counts = {}
        for g in grams[:MAX_TRIGRAMS]:
            key = (self.url, table, g)
            n = _TRIGRAM_COUNTS.get(key)
            if n is None:
                quoted = '"' + g.replace('"', '""') + '"'
                sql = f"SELECT count(*) AS n FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT ?)"
                n = int(self.rows(sql, (quoted, RARE_BELOW))[0]["n"])
                if len(_TRIGRAM_COUNTS) >= MAX_COUNTS_KEPT:
                    _TRIGRAM_COUNTS.clear()
                _TRIGRAM_COUNTS[key] = n
            counts[g] = n
        rare = [g for g in sorted(counts, key=lambda g: (counts[g], g)) if counts[g] < RARE_BELOW]
        return rare[:RARE_PICK]

    def actor_clause(self, actor: str, lookup: bool = False) -> tuple[str, list[Any]]:
        """With ``lookup``, the events of the matching names as a list of rowids read from the
        name indexes (migration 014). SQLite keeps no statistics per value: where most events
        name "Civilians" as actor2, it judges every actor2 lookup long and scans the table for a
        plain ``actor1 IN (...) OR actor2 IN (...)`` (1M events: 1,000 ms to count 2,500 matches
        that the rowid list counts in 5 ms)."""
        if not lookup:
            return super().actor_clause(actor)
        names, args = self.actor_names(actor)
        if names is None:
            return "1 = 1", []
        ids = "SELECT rowid FROM canonical_events WHERE superseded_by IS NULL AND {} IN ({})"
        both = f"{ids.format('actor1', names)} UNION ALL {ids.format('actor2', names)}"
        return f"rowid IN ({both})", [*args, *args]

    def near_clause(self, near: tuple[float, float, float]) -> tuple[str, list[Any]]:
        """Bounding-box prefilter (indexed) plus the exact great-circle distance."""
        lat, lon, km = near
        box_sql, box_args = self.bbox_clause(box_around(lat, lon, km))
        return f"{box_sql} AND dist_km(latitude, longitude, ?, ?) <= ?", [*box_args, lat, lon, km]

    def close(self) -> None:
        """Close the connection."""
        self.db.close()


@register("store.sqlite.v1")
def open_sqlite(url: str, settings_hash: str = "") -> SQLiteStore:
    """Open (and migrate) a SQLite store at a file path or ``sqlite:///path``."""
    return SQLiteStore(url.removeprefix("sqlite:///"), settings_hash=settings_hash)
