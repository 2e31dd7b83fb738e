"""The server store: PostgreSQL through psycopg 3 (extra ``sitrep[postgres]``), PostGIS when installed.

All queries live in ``sql.SQLStore``; this module supplies the connection, transactions,
``%s`` placeholders and the spatial clauses: with PostGIS a generated ``geom`` column with a
GiST index answers bbox (``&&``) and radius (``ST_DWithin`` on geography) queries; without it,
plain latitude/longitude ranges and a haversine expression do.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, ClassVar

from ..errors import QueryTimeout, StoreError
from ..geodesy import EARTH_RADIUS_KM, box_around
from ..registry import register
from .backend import like_pattern
from .sql import SQLStore

HAVERSINE = (
    f"2 * {EARTH_RADIUS_KM} * asin(least(1, sqrt(power(sin(radians(latitude - ?) / 2), 2)"
    " + cos(radians(?)) * cos(radians(latitude)) * power(sin(radians(longitude - ?) / 2), 2))))"
)


GEOM_COLUMN = (  # whether this store has 004's PostGIS point column
    "SELECT 1 AS x FROM information_schema.columns WHERE table_schema = current_schema()"
    " AND table_name = 'canonical_events' AND column_name = 'geom'"
)
SAMPLE_ROWS = 2000  # search texts sampled to judge which of a probe's trigrams are rare
SAMPLE_SECONDS = 600.0  # a sample is taken again after this long (a tenth of it, if short)
RARE_SHARE = 0.05  # a trigram in fewer than this share of the sampled events is worth reading alone
RARE_PICK = 3  # how many of the rarest trigrams the index is asked for
MAX_TRIGRAMS = 64  # of a long probe, the trigrams judged (in order)
# database URL → (when taken, texts sampled, trigram → bit set of the texts holding it, piece counts)
_SAMPLES: dict[str, tuple[float, int, dict[str, int], dict[str, int]]] = {}
_WORD = re.compile(r"[^\W_]+")  # pg_trgm's words: letters and digits
BUFFERS_ADVISED_FROM = 512 * 1024**2  # events and indexes smaller than this: no advice on memory


def word_trigrams(probe: str) -> list[str]:
    """Pieces of the probe that ask pg_trgm's index for few trigrams each: three ASCII letters or
    digits in a row (``LIKE '%abc%'``: that one trigram), and each word the probe holds whole,
    with the characters around it (``LIKE '% 80 %'``: the word's own padded trigrams, "  8",
    " 80", "80 ", which a short number or a common word's digits alone do not give)."""
    grams = {probe[i : i + 3] for i in range(len(probe) - 2)}
    pieces = {g for g in grams if g.isascii() and g.isalnum()}
    for word in re.finditer(r"[A-Za-z0-9]+", probe):
        start, end = word.span()
        if start > 0 and end < len(probe) and word.group().isascii():
            pieces.add(probe[start - 1 : end + 1])  # bounded on both sides by non-word characters
    return sorted(pieces)[:MAX_TRIGRAMS]


def pg_trigrams(text: str) -> set[str]:
    """The trigrams pg_trgm keeps of a text: each word lowercased, padded with two spaces before
    and one after ("80" → "  8", " 80", "80 ")."""
    grams: set[str] = set()
    for word in _WORD.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def piece_trigrams(piece: str) -> set[str]:
    """The trigrams the index reads for one of ``word_trigrams``' pieces: a bare trigram itself,
    a word with its neighbours the word's padded trigrams."""
    if len(piece) == 3 and piece.isalnum():
        return {piece.lower()}
    return pg_trigrams(piece[1:-1])


def advise_buffers(buffers: int, events: int) -> str | None:
    """A note for whoever runs the server when PostgreSQL's own page cache (``buffers`` bytes of
    ``shared_buffers``) cannot hold the events table and its indexes (``events`` bytes), else None.

    Reads that miss it go to the operating system's file cache, which a machine may reclaim while
    it is idle (this VM's DAMON does), and then to the disk: on 1M events at 200 requests/s the
    p99 went from 70 ms to seconds (BENCHMARKS.md, "Load with the store in memory").
    """
    if events < BUFFERS_ADVISED_FROM or buffers >= events:
        return None
    return (
        f"PostgreSQL's shared_buffers ({buffers / 1024**2:,.0f} MB) cannot hold the events and their"
        f" indexes ({events / 1024**2:,.0f} MB): reads that miss it wait for the OS file cache or the"
        " disk. Set shared_buffers above that size in postgresql.conf (a quarter of the RAM is the"
        " usual ceiling) and restart the server; pg_prewarm loads the tables after a restart."
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
        self.has_postgis = bool(self.rows(GEOM_COLUMN))

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
        """``004_postgis``, ``009_text_search`` and ``025_pg_bbox_dates`` run only when their
        extension (PostGIS, pg_trgm, btree_gist) exists or can be created; 025 also needs 004's
        point column."""
        needs = {"004_postgis": "postgis", "009_text_search": "pg_trgm", "025_pg_bbox_dates": "btree_gist"}
        extension = needs.get(name)
        if extension is None:
            return True
        if name == "025_pg_bbox_dates" and not self.rows(GEOM_COLUMN):
            return False
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

    def text_clause(self, text: str) -> tuple[str, list[Any]]:
        """The pg_trgm GIN index asked for the probe's rarest trigrams only, the candidates
        checked against the whole probe (``strpos``, which the index cannot take over).

        A plain ``LIKE '%near place 4854 on%'`` makes GIN intersect the lists of all nineteen of
        its trigrams, most of which every event holds (1M events: 45 ms for 200 matches); the
        lists of "485" and "854" alone give 420 candidates (1 ms). A row that holds the probe
        holds each of its trigrams, so the answer is the same (``rare_trigrams`` only chooses).
        """
        rare = self.rare_trigrams(text)
        if not rare:
            return super().text_clause(text)
        likes = " AND ".join("search LIKE ? ESCAPE '\\'" for _ in rare)
        return f"{likes} AND strpos(search, ?) > 0", [*(like_pattern(g) for g in rare), text]

    def rare_trigrams(self, probe: str) -> list[str]:
        """Up to ``RARE_PICK`` of the probe's pieces (``word_trigrams``) whose trigrams the fewest
        sampled events hold all of, of those in under ``RARE_SHARE`` of them (none such: the whole
        probe is asked).

        What the index reads for a piece is every row holding all of the piece's trigrams, not
        only the rows holding the piece: " 202 " is rare, but its trigrams "  2", " 20", "02 " come
        with every date. So each sampled text's trigrams are listed as pg_trgm makes them
        (``pg_trigrams``) and a piece is judged by the sampled texts holding all of its own.
        PostgreSQL keeps no count per trigram: the sample (``SAMPLE_ROWS``, ``TABLESAMPLE``; every
        row of a small table) is taken once per process and again after ``SAMPLE_SECONDS``. It
        only chooses the lists to read: a stale or unlucky sample costs time, never a wrong answer.
        """
        pieces = word_trigrams(probe)
        if not pieces or len(probe) <= RARE_PICK + 2:
            return []  # no piece to ask for alone, or no more than would be asked anyway
        size, index, counts = self._sample()
        if not size:
            return []
        for piece in pieces:
            if piece not in counts:
                held = -1  # every sampled text, until a trigram narrows it
                for gram in piece_trigrams(piece):
                    held &= index.get(gram, 0)
                counts[piece] = held.bit_count() if held >= 0 else size
        ranked = sorted(pieces, key=lambda g: (counts[g], g))
        return [g for g in ranked if counts[g] < RARE_SHARE * size][:RARE_PICK]

    def _sample(self) -> tuple[int, dict[str, int], dict[str, int]]:
        """(texts sampled, trigram → the sampled texts holding it as a bit set, piece counts)."""
        now = time.monotonic()
        kept = _SAMPLES.get(self.url)
        if kept is not None:
            # A short sample is of a small table, which may be filling: it is taken again sooner.
            ttl = SAMPLE_SECONDS if kept[1] >= SAMPLE_ROWS else SAMPLE_SECONDS / 10
            if now - kept[0] < ttl:
                return kept[1], kept[2], kept[3]
        size = self.rows("SELECT reltuples AS n FROM pg_class WHERE oid = 'canonical_events'::regclass")
        rows = float(size[0]["n"] or 0) if size else 0.0
        if rows > 4 * SAMPLE_ROWS:  # a share of the pages, with room for superseded rows
            share = min(100.0, 300.0 * SAMPLE_ROWS / rows)
            source = f"canonical_events TABLESAMPLE SYSTEM ({share:.4f})"
        else:  # small, or never analysed: read the rows themselves
            source = "canonical_events"
        sql = f"SELECT search FROM {source} WHERE superseded_by IS NULL LIMIT {SAMPLE_ROWS}"
        index: dict[str, int] = {}
        texts = [r["search"] for r in self.rows(sql)]
        for n, text in enumerate(texts):
            bit = 1 << n
            for gram in pg_trigrams(text):
                index[gram] = index.get(gram, 0) | bit
        _SAMPLES[self.url] = (now, len(texts), index, {})
        return len(texts), index, _SAMPLES[self.url][3]

    def buffer_advice(self) -> str | None:
        """``advise_buffers`` for this server and store (None: the events fit in its buffers, or
        the sizes cannot be read: advice never stops a server from starting)."""
        try:
            row = self.rows(
                "SELECT pg_size_bytes(current_setting('shared_buffers')) AS buffers,"
                " pg_total_relation_size('canonical_events') AS events"
            )[0]
        except StoreError:
            return None
        return advise_buffers(int(row["buffers"]), int(row["events"]))

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
