"""The migrations that make reading fast and complete at scale (008-010; ``migrations`` runs them).

- ``008``: confidence, hedged and background as filter columns, and the newest-first paging index;
- ``009``: a substring index for ``text`` (FTS5 trigram on SQLite, pg_trgm on PostgreSQL);
- ``010``: the maintained counts behind ``/api/stats`` (``aggregates``).
"""

from __future__ import annotations

from . import aggregates
from .backend import Backend
from .ddl import TYPES
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
            "CREATE INDEX canonical_search_trgm ON canonical_events USING GIN (search gin_trgm_ops)"
        )
        return
    # One statement at a time: the trigger bodies hold semicolons (``_ddl`` splits on them).
    for stmt in (
        "CREATE VIRTUAL TABLE canonical_text USING fts5("
        " search, content='canonical_events', content_rowid='rowid', tokenize='trigram')",
        "CREATE TRIGGER canonical_text_insert AFTER INSERT ON canonical_events BEGIN"
        " INSERT INTO canonical_text(rowid, search) VALUES (new.rowid, new.search); END",
        "CREATE TRIGGER canonical_text_delete AFTER DELETE ON canonical_events BEGIN"
        " INSERT INTO canonical_text(canonical_text, rowid, search)"
        " VALUES ('delete', old.rowid, old.search); END",
        "CREATE TRIGGER canonical_text_update AFTER UPDATE OF search ON canonical_events BEGIN"
        " INSERT INTO canonical_text(canonical_text, rowid, search) VALUES ('delete', old.rowid, old.search);"
        " INSERT INTO canonical_text(rowid, search) VALUES (new.rowid, new.search); END",
        "INSERT INTO canonical_text(canonical_text) VALUES ('rebuild')",
    ):
        store.execute(stmt)


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
