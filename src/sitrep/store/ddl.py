"""DDL written once for both backends: ``{REAL}``/``{BIGINT}``/``{NOW}`` slots each dialect fills in."""

from __future__ import annotations

from collections.abc import Iterable

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
    """The ``actors`` column of migration 011 (both actors, casefolded; dropped by 014)."""
    return f"{(actor1 or '').casefold()}{ACTOR_SEPARATOR}{(actor2 or '').casefold()}"


def remember_actor_names(store: Backend, names: Iterable[str | None]) -> None:
    """Add actor names to ``canonical_actor_names`` (migration 014) with their casefolded form,
    which the ``actor`` filter searches (``Backend.actor_names``); a known name is left alone."""
    rows = sorted({(n, n.casefold()) for n in names if n})
    store.executemany(
        "INSERT INTO canonical_actor_names (name, folded) VALUES (?, ?) ON CONFLICT DO NOTHING", rows
    )
