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
