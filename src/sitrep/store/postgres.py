"""The server store: PostgreSQL through psycopg 3 (extra ``sitrep[postgres]``), PostGIS when installed.

All queries live in ``sql.SQLStore``; this module supplies the connection, transactions,
``%s`` placeholders and the spatial clauses: with PostGIS a generated ``geom`` column with a
GiST index answers bbox (``&&``) and radius (``ST_DWithin`` on geography) queries; without it,
plain latitude/longitude ranges and a haversine expression do.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar

from ..errors import QueryTimeout, StoreError
from ..geodesy import EARTH_RADIUS_KM, box_around
from ..registry import register
from .sql import SQLStore

HAVERSINE = (
    f"2 * {EARTH_RADIUS_KM} * asin(least(1, sqrt(power(sin(radians(latitude - ?) / 2), 2)"
    " + cos(radians(?)) * cos(radians(latitude)) * power(sin(radians(longitude - ?) / 2), 2))))"
)


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise StoreError(
            "PostgreSQL support is not installed", hint="pip install 'sitrep[postgres]'"
        ) from exc
    return psycopg


class PostgresStore(SQLStore):
    """The same schema and queries as SQLite, on a PostgreSQL server."""

    dialect: ClassVar[str] = "postgres"

    def __init__(
        self, url: str, *, settings_hash: str = "", connect_timeout: int = 5, upto: str | None = None
    ) -> None:
        psycopg = _psycopg()
        from psycopg.rows import dict_row

        self.url = url
        self.settings_hash = settings_hash
        self._errors: tuple[type[BaseException], ...] = (psycopg.Error,)
        try:
            self.db = psycopg.connect(
                url, autocommit=True, row_factory=dict_row, connect_timeout=connect_timeout
            )
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {exc}".strip()) from exc
        try:
            # Plan every statement for its own values. psycopg prepares a statement run five
            # times, and PostgreSQL may then keep a generic plan guessed from averages; the store's
            # values are skewed (most events name "Civilians" as actor2), and the generic plan of
            # an actor count scanned the table (1M events: 8 -> 270 ms from the 11th request on).
            self.execute("SET plan_cache_mode = force_custom_plan")
            self.migrate(upto)
        except BaseException:
            self.db.close()  # a failed migration must not leave the connection open
            raise
        self.has_postgis = bool(
            self.rows(
                "SELECT 1 AS x FROM information_schema.columns WHERE table_schema = current_schema()"
                " AND table_name = 'canonical_events' AND column_name = 'geom'"
            )
        )

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, args: Sequence[Any] = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        try:
            cur = self.db.execute(self._sql(sql), tuple(args))
            return int(cur.rowcount)
        except self._errors as exc:
            raise _error(exc) from exc

    def limit_statements(self, ms: int) -> None:
        """PostgreSQL's own ``statement_timeout`` for this connection."""
        self.execute(f"SET statement_timeout = {int(ms)}")

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for many parameter rows (pipelined by psycopg)."""
        if not rows:
            return
        try:
            with self.db.cursor() as cur:
                cur.executemany(self._sql(sql), rows)
        except self._errors as exc:
            raise _error(exc) from exc

    def rows(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a query; return its rows as dicts."""
        try:
            return list(self.db.execute(self._sql(sql), tuple(args)).fetchall())
        except self._errors as exc:
            raise _error(exc) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A transaction (a savepoint when nested)."""
        with self.db.transaction():
            yield

    def lock_dedup(self) -> None:
        """A transaction advisory lock per schema: one reduce (read, cluster, write) at a time."""
        self.rows("SELECT pg_advisory_xact_lock(hashtext('sitrep.dedup.' || current_schema())) AS x")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """A repeatable-read, read-only transaction: one state for every statement in it."""
        with self.db.transaction():
            self.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield

    @contextmanager
    def migration_lock(self) -> Iterator[None]:
        """A session advisory lock per schema, held while migrations run (other processes that
        open the same database wait for it, then find the migrations applied)."""
        key = "SELECT hashtext('sitrep.migrate.' || current_schema()) AS k"
        self.rows(f"SELECT pg_advisory_lock(({key}))")
        try:
            yield
        finally:
            self.rows(f"SELECT pg_advisory_unlock(({key}))")

    def can_apply(self, name: str) -> bool:
        """``004_postgis`` and ``009_text_search`` run only when their extension (PostGIS,
        pg_trgm) exists or can be created."""
        extension = {"004_postgis": "postgis", "009_text_search": "pg_trgm"}.get(name)
        if extension is None:
            return True
        if not self.rows("SELECT 1 AS x FROM pg_available_extensions WHERE name = ?", (extension,)):
            return False
        # In public, not the first schema on the search path: a store's own schema may be
        # dropped (CASCADE would take the extension, and every index built on it, along).
        where = (
            " WITH SCHEMA public"
            if self.rows("SELECT 1 AS x FROM pg_namespace WHERE nspname = 'public'")
            else ""
        )
        try:
            self.execute(f"CREATE EXTENSION IF NOT EXISTS {extension}{where}")
        except StoreError:
            return False
        return True

    def bbox_clause(self, bbox: tuple[float, float, float, float]) -> tuple[str, list[Any]]:
        """``geom && envelope`` (GiST) with PostGIS, else latitude/longitude ranges."""
        if not self.has_postgis:
            return super().bbox_clause(bbox)
        return "geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)", list(bbox)

    def near_clause(self, near: tuple[float, float, float]) -> tuple[str, list[Any]]:
        """``ST_DWithin`` on geography with PostGIS, else a box prefilter plus haversine."""
        lat, lon, km = near
        if self.has_postgis:
            return (
                "ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)",
                [lon, lat, km * 1000.0],
            )
        box_sql, box_args = self.bbox_clause(box_around(lat, lon, km))
        return f"{box_sql} AND {HAVERSINE} <= ?", [*box_args, lat, lat, lon, km]

    def close(self) -> None:
        """Close the connection."""
        self.db.close()


def _error(exc: BaseException) -> StoreError:
    """A driver error as the store's: a cancelled statement is a ``QueryTimeout``."""
    if type(exc).__name__ == "QueryCanceled":
        return QueryTimeout(f"postgres: the query ran past its time limit: {exc}".strip())
    return StoreError(f"postgres: {exc}")


@register("store.postgres.v1")
def open_postgres(url: str, settings_hash: str = "") -> PostgresStore:
    """Open (and migrate) a PostgreSQL store at a ``postgresql://`` URL."""
    return PostgresStore(url, settings_hash=settings_hash)
