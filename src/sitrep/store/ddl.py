"""DDL written once for both backends: ``{REAL}``/``{BIGINT}``/``{NOW}`` slots each dialect fills in."""

from __future__ import annotations

from .backend import Backend

TYPES = {
    "sqlite": {"REAL": "REAL", "BIGINT": "INTEGER", "NOW": "(datetime('now'))"},
    "postgres": {"REAL": "DOUBLE PRECISION", "BIGINT": "BIGINT", "NOW": "(now()::text)"},
}


def ddl(store: Backend, script: str) -> None:
    """Run ``script`` (statements separated by semicolons) with the store's types filled in."""
    for stmt in script.format(**TYPES[store.dialect]).split(";"):
        if stmt.strip():
            store.execute(stmt)


ACTOR_SEPARATOR = "\x1f"  # between actor1 and actor2 in ``canonical_events.actors`` (no name holds it)


def actors_text(actor1: str | None, actor2: str | None) -> str:
    """The ``actors`` column: both actors, casefolded, that an ``actor`` filter searches."""
    return f"{(actor1 or '').casefold()}{ACTOR_SEPARATOR}{(actor2 or '').casefold()}"
