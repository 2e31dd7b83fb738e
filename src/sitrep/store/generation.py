"""The data generation: a number that moves whenever what the public reads show changes
(migration ``017_data_generation``): the canonical events and their versions, and the stored
articles, sightings, mentions and rejects that ``/api/stats`` counts.

Readers that keep answers (the API's response cache, ``api.cache``) key them on it: an answer
kept under generation ``n`` is good for as long as the store still says ``n``. The number lives
in a one-row table and moves in the writing transaction itself, so it becomes visible together
with the data it stands for, whichever process or tool wrote: ``ingest``, ``watch``, a review, a
rebuild, a restore.

- SQLite: a row trigger on each table in ``TABLES`` adds one. SQLite has one writer at a time,
  so the counter's row orders nothing new.
- PostgreSQL: writers run at once, and a counter row updated at each write would be held from
  then to the commit, and could deadlock two ingests that insert the same articles in other
  orders. So a statement trigger only marks the transaction (one row in
  ``data_generation_marks``, keyed by its transaction id, once), and a deferred constraint
  trigger on that mark adds one at commit, when the transaction needs no other lock.

A second counter, the events generation (migration ``026_events_generation``), moves only with
the canonical events and their versions: all that ``/api/events`` and ``/api/events/{id}``
read. Those answers are kept under it, so a commit that stores an article with no event, or a
reject (most of a live feed), no longer voids them; ``/api/stats``, which counts articles and
rejects, stays under the first. On PostgreSQL its mark trigger is named after the first one's,
so at commit every transaction moves the first counter before the second: no two wait on each
other in opposite orders.
"""

from __future__ import annotations

from .backend import Backend

TABLES = ("articles", "article_sources", "events", "rejects", "canonical_events", "canonical_versions")
# Later public tables get their triggers from their own migration (``add_triggers``): 019
# advisories, 020 risk levels.
BUMP = "UPDATE data_generation SET n = n + 1 WHERE id = 1"


def m017_data_generation(store: Backend) -> None:
    """The generation row and the triggers that move it."""
    store.execute("CREATE TABLE data_generation (id INTEGER PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL)")
    store.execute("INSERT INTO data_generation (id, n) VALUES (1, 0)")
    if store.dialect == "postgres":
        store.execute("CREATE TABLE data_generation_marks (xid BIGINT PRIMARY KEY)")
        store.execute(
            "CREATE FUNCTION mark_data_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            " IF current_setting('sitrep.data_changed', true) IS DISTINCT FROM 'on' THEN"
            " INSERT INTO data_generation_marks (xid) VALUES (txid_current()) ON CONFLICT DO NOTHING;"
            " PERFORM set_config('sitrep.data_changed', 'on', true);"
            " END IF; RETURN NULL; END $$"
        )
        store.execute(
            "CREATE FUNCTION bump_data_generation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            f" {BUMP}; DELETE FROM data_generation_marks WHERE xid = NEW.xid; RETURN NULL; END $$"
        )
        store.execute(
            "CREATE CONSTRAINT TRIGGER data_generation_at_commit AFTER INSERT ON data_generation_marks"
            " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_generation()"
        )
    add_triggers(store, TABLES)


def add_triggers(store: Backend, tables: tuple[str, ...]) -> None:
    """The triggers that move the generation on every write to ``tables`` (public data added by a
    later migration calls this for its own tables)."""
    for table in tables:
        if store.dialect != "postgres":
            for op in ("INSERT", "UPDATE", "DELETE"):
                store.execute(
                    f"CREATE TRIGGER {table}_generation_{op.lower()} AFTER {op} ON {table} BEGIN {BUMP}; END"
                )
            continue
        store.execute(
            f"CREATE TRIGGER {table}_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
            f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION mark_data_change()"
        )


EVENT_TABLES = ("canonical_events", "canonical_versions")
EVENTS_COUNTER = "data_generation_events"  # ``data_generation*``: not data, never backed up


def m026_events_generation(store: Backend) -> None:
    """The events generation: a counter that only writes to ``EVENT_TABLES`` move."""
    counter = EVENTS_COUNTER
    bump = f"UPDATE {counter} SET n = n + 1 WHERE id = 1"
    store.execute(f"CREATE TABLE {counter} (id INTEGER PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL)")
    store.execute(f"INSERT INTO {counter} (id, n) VALUES (1, 0)")
    if store.dialect != "postgres":
        for table in EVENT_TABLES:
            for op in ("INSERT", "UPDATE", "DELETE"):
                store.execute(
                    f"CREATE TRIGGER {table}_{counter}_{op.lower()} AFTER {op} ON {table} BEGIN {bump}; END"
                )
        return
    store.execute(f"CREATE TABLE {counter}_marks (xid BIGINT PRIMARY KEY)")
    store.execute(
        f"CREATE FUNCTION mark_{counter}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        " IF current_setting('sitrep.events_changed', true) IS DISTINCT FROM 'on' THEN"
        f" INSERT INTO {counter}_marks (xid) VALUES (txid_current()) ON CONFLICT DO NOTHING;"
        " PERFORM set_config('sitrep.events_changed', 'on', true);"
        " END IF; RETURN NULL; END $$"
    )
    store.execute(
        f"CREATE FUNCTION bump_{counter}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        f" {bump}; DELETE FROM {counter}_marks WHERE xid = NEW.xid; RETURN NULL; END $$"
    )
    store.execute(
        f"CREATE CONSTRAINT TRIGGER {counter}_at_commit AFTER INSERT ON {counter}_marks"
        f" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_{counter}()"
    )
    for table in EVENT_TABLES:  # "<table>_generation_…" fires after "<table>_generation" (names sort)
        store.execute(
            f"CREATE TRIGGER {table}_generation_{counter} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
            f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION mark_{counter}()"
        )


class SQLGeneration(Backend):
    """The generation, read (mixed into ``SQLStore``)."""

    def data_generation(self) -> int:
        """The data generation now: it differs from any earlier reading once anything in
        ``TABLES`` changed since."""
        rows = self.rows("SELECT n FROM data_generation WHERE id = 1")
        return int(rows[0]["n"]) if rows else 0

    def generations(self) -> tuple[int, int]:
        """(data generation, events generation), read in one statement: the second differs from
        any earlier reading once a canonical event or version changed since (``EVENT_TABLES``)."""
        row = self.rows(
            "SELECT (SELECT n FROM data_generation WHERE id = 1) AS data,"
            f" (SELECT n FROM {EVENTS_COUNTER} WHERE id = 1) AS events"
        )[0]
        return int(row["data"] or 0), int(row["events"] or 0)
