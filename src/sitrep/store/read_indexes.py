"""The migrations that make reading fast and complete at scale (008-010; ``migrations`` runs them).

- ``008``: confidence, hedged and background as filter columns, and the newest-first paging index;
- ``009``: a substring index for ``text`` (FTS5 trigram on SQLite, pg_trgm on PostgreSQL);
- ``010``: the maintained counts behind ``/api/stats`` (``aggregates``);
- ``011``: both actors in one casefolded column, indexed like ``search`` (the ``actor`` filter);
- ``012``: the newest-first index also holds the point, so a bbox + time page filters inside it;
- ``014``: the ``actor`` filter through the names: each actor name once (``canonical_actor_names``),
  and the live events by actor1 and by actor2; 011's column and trigram index go;
- ``015``: PostgreSQL only: the live newest-first indexes in the page's own order (nulls last);
- ``024``: the live events by actor hold their date and id too (an actor's matches are counted
  and sorted from the indexes alone), and the planner's statistics are brought up to date;
- ``025``: PostgreSQL with PostGIS only: one GiST index over point and date (a bbox + time filter).
"""

from __future__ import annotations

from . import aggregates
from .backend import Backend
from .ddl import TYPES, actors_text, remember_actor_names
from .ddl import ddl as _ddl


def m008_event_filters(store: Backend) -> None:
    """Confidence, hedged and background as columns (filters), the newest-first paging index, and
    every article queued for dedup, so its canonical events gain ``inter1``/``inter2``/``plover_type``.
    """
    _ddl(
        store,
        """
        ALTER TABLE canonical_events ADD COLUMN confidence {REAL};
        ALTER TABLE canonical_events ADD COLUMN hedged INTEGER;
        ALTER TABLE canonical_events ADD COLUMN background INTEGER;
        CREATE INDEX canonical_live_order ON canonical_events(superseded_by, date DESC, event_id)
        """,
    )
    if store.dialect == "sqlite":
        pick = "json_extract(data, '$.{}')"
    else:
        pick = "(data::json->>'{}')"
    flag = "(CASE WHEN CAST({} AS TEXT) IN ('true', '1') THEN 1 ELSE 0 END)"
    real = TYPES[store.dialect]["REAL"]
    hedged, background = flag.format(pick.format("hedged")), flag.format(pick.format("background"))
    store.execute(
        f"UPDATE canonical_events SET confidence = CAST({pick.format('confidence')} AS {real}),"
        f" hedged = {hedged}, background = {background}"
    )
    store.execute(
        "INSERT INTO dedup_pending (content_hash) SELECT DISTINCT e.content_hash FROM events e"
        " WHERE NOT EXISTS (SELECT 1 FROM dedup_pending p WHERE p.content_hash = e.content_hash)"
    )


def m009_text_search(store: Backend) -> None:
    """An index for ``text`` searches (a substring of place, actors, evidence or outlets).

    SQLite: an FTS5 table with the trigram tokenizer over ``canonical_events.search`` (external
    content, kept in step by triggers). PostgreSQL: a pg_trgm GIN index on ``search``, which
    answers ``LIKE '%...%'`` as it is (the migration waits, unrecorded, until pg_trgm exists).
    """
    if store.dialect == "postgres":
        store.execute(
            f"CREATE INDEX canonical_search_trgm ON canonical_events USING GIN (search {_trgm_ops(store)})"
        )
        return
    _trigram_table(store, "canonical_text", "search")


def m010_stats_counts(store: Backend) -> None:
    """The maintained counts behind ``/api/stats`` (``aggregates``), counted from the live events."""
    _ddl(
        store,
        """
        CREATE TABLE canonical_stats (
            country TEXT NOT NULL,
            grp TEXT NOT NULL,
            k TEXT NOT NULL,
            n INTEGER NOT NULL,
            fatalities {BIGINT} NOT NULL,
            PRIMARY KEY (country, grp, k)
        )
        """,
    )
    aggregates.rebuild(store)


def m011_actor_search(store: Backend) -> None:
    """``canonical_events.actors`` (``ddl.actors_text``), filled from actor1/actor2, and its index:
    an FTS5 trigram table on SQLite, a pg_trgm GIN index on PostgreSQL where pg_trgm is installed."""
    store.execute("ALTER TABLE canonical_events ADD COLUMN actors TEXT")
    for rows in store.event_pages("event_id, actor1, actor2"):  # casefolded in Python: lower() leaves "É"
        store.executemany(
            "UPDATE canonical_events SET actors = ? WHERE event_id = ?",
            [(actors_text(r["actor1"], r["actor2"]), r["event_id"]) for r in rows],
        )
    if store.dialect == "postgres":
        if store.rows("SELECT 1 AS x FROM pg_extension WHERE extname = 'pg_trgm'"):
            ops = _trgm_ops(store)
            store.execute(f"CREATE INDEX canonical_actors_trgm ON canonical_events USING GIN (actors {ops})")
        return
    _trigram_table(store, "canonical_actors", "actors")


def _trigram_table(store: Backend, table: str, column: str) -> None:
    """An FTS5 trigram table over ``canonical_events.<column>`` (external content), kept in step by
    triggers, and filled. One statement at a time: the trigger bodies hold semicolons."""
    delete = f"INSERT INTO {table}({table}, rowid, {column}) VALUES ('delete', old.rowid, old.{column})"
    insert = f"INSERT INTO {table}(rowid, {column}) VALUES (new.rowid, new.{column})"
    for stmt in (
        f"CREATE VIRTUAL TABLE {table} USING fts5("
        f" {column}, content='canonical_events', content_rowid='rowid', tokenize='trigram')",
        f"CREATE TRIGGER {table}_insert AFTER INSERT ON canonical_events BEGIN {insert}; END",
        f"CREATE TRIGGER {table}_delete AFTER DELETE ON canonical_events BEGIN {delete}; END",
        f"CREATE TRIGGER {table}_update AFTER UPDATE OF {column} ON canonical_events"
        f" BEGIN {delete}; {insert}; END",
        f"INSERT INTO {table}({table}) VALUES ('rebuild')",
    ):
        store.execute(stmt)


def m012_paging_place(store: Backend) -> None:
    """The newest-first paging index with the point in it: a bbox + time page reads its window of
    the index in order and fetches only the events inside the box (1M events: p50 89 → 7 ms)."""
    store.execute("DROP INDEX canonical_live_order")
    columns = "superseded_by, date DESC, event_id, latitude, longitude"
    store.execute(f"CREATE INDEX canonical_live_order ON canonical_events({columns})")


def m014_actor_names(store: Backend) -> None:
    """Every actor name once with its casefolded form, and the live events by actor1 and by
    actor2: an ``actor`` filter finds the names that hold the probe among a few thousand, then
    their events through these indexes (1M events, 2,500 matches: count and page 75 → 5 ms).

    The trigram index over both actors (011) matched every event's "group" and "civilians" before
    it could find the rare part of a probe; it goes, with its column.
    """
    _ddl(
        store,
        """
        CREATE TABLE canonical_actor_names (name TEXT PRIMARY KEY, folded TEXT NOT NULL);
        CREATE INDEX canonical_actor1 ON canonical_events(actor1, superseded_by);
        CREATE INDEX canonical_actor2 ON canonical_events(actor2, superseded_by)
        """,
    )
    for column in ("actor1", "actor2"):  # the live events' names, read from the new index
        names = store.rows(
            f"SELECT DISTINCT {column} AS name FROM canonical_events WHERE {column} IS NOT NULL"
            " AND superseded_by IS NULL"
        )
        remember_actor_names(store, [r["name"] for r in names])
    if store.dialect == "sqlite":
        for stmt in [f"DROP TRIGGER canonical_actors_{t}" for t in ("insert", "delete", "update")]:
            store.execute(stmt)
        store.execute("DROP TABLE canonical_actors")
    else:
        store.execute("DROP INDEX IF EXISTS canonical_actors_trgm")  # absent without pg_trgm
    store.execute("ALTER TABLE canonical_events DROP COLUMN actors")


def m015_pg_page_order(store: Backend) -> None:
    """PostgreSQL: the newest-first index of live events (all, and by country) in the page order,
    ``date DESC NULLS LAST, event_id``, over the live events only.

    PostgreSQL sorts NULLs first in a DESC index unless told (SQLite puts them last), so 012's
    ``(superseded_by, date DESC, ...)`` could not hand out a page in order, and a country page
    walked every event newest first, dropping other countries' (1M events, 1,001 rows of one
    country: 12 → 0.6 ms).
    """
    live = "WHERE superseded_by IS NULL"
    for name, columns in (
        ("canonical_live_order", "date DESC NULLS LAST, event_id, latitude, longitude"),
        ("canonical_live_country", "country, date DESC NULLS LAST, event_id"),
    ):
        store.execute(f"DROP INDEX {name}")
        store.execute(f"CREATE INDEX {name} ON canonical_events({columns}) {live}")


def m024_covering_reads(store: Backend) -> None:
    """The events by actor1 and by actor2, each with its date and id (``(actor, superseded_by,
    date, event_id)``), instead of 014's ``(actor, superseded_by)``. Not partial: SQLite, with no
    statistics, prefers an index that matches both equalities (``actor = ? AND superseded_by IS
    NULL``) to one whose condition implies the second.

    An ``actor`` filter's matches are then counted and put in page order from the two indexes
    alone, and only the page's events are read: PostgreSQL read the row of every match to count
    them (1M events, 2,500 matches: count 20 → 3 ms). ``ANALYZE`` runs last, so the planner
    knows the new indexes at once (on SQLite, those two only: the other plans stand as tested).
    """
    for column in ("actor1", "actor2"):
        columns = f"{column}, superseded_by, date, event_id"
        store.execute(f"CREATE INDEX canonical_{column}_live ON canonical_events({columns})")
        store.execute(f"DROP INDEX canonical_{column}")
    if store.dialect == "sqlite":
        store.execute("ANALYZE canonical_actor1_live")
        store.execute("ANALYZE canonical_actor2_live")
    else:
        store.execute("ANALYZE canonical_events")


def m025_pg_bbox_dates(store: Backend) -> None:
    """PostgreSQL with PostGIS (``btree_gist``): one GiST index over the live events' point and
    date. A bbox + time filter then reads the events inside both at once, where the planner
    used to AND a bitmap of the box with one of the dates (1M events, a 6-degree box over four
    months, 124 matches: 9 → 2.4 ms; every bbox + time probe of the benchmark: 19 → 10 ms).
    It waits, unrecorded, until PostGIS and ``btree_gist`` are there (``can_apply``)."""
    store.execute(
        "CREATE INDEX canonical_geom_date ON canonical_events USING GIST (geom, date)"
        " WHERE superseded_by IS NULL"
    )
    store.execute("ANALYZE canonical_events")


def _trgm_ops(store: Backend) -> str:
    """pg_trgm's GIN operator class, named with the schema the extension lives in (which need not
    be on this store's search path)."""
    schema = store.rows(
        "SELECT n.nspname AS s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
        " WHERE e.extname = 'pg_trgm'"
    )[0]["s"]
    return f'"{schema}".gin_trgm_ops'
