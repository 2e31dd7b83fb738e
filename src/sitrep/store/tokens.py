"""The store side of access: API tokens, kept hashed (migration ``016_tokens``).

A token's secret is never stored: only its SHA-256 (the secret is 32 random bytes, so a fast
hash is as safe as a slow one). ``token_id`` is the public part of a token, used to find its
row; names are unique; a revoked token keeps its row (and its name) with the revocation time.
"""

from __future__ import annotations

from typing import Any

from .backend import Backend
from .ddl import ddl as _ddl

TOKEN_COLUMNS = "token_id, name, scopes, secret_hash, created, revoked, last_used"


def m016_tokens(store: Backend) -> None:
    """The API tokens: named, scoped, hashed, revocable."""
    _ddl(
        store,
        """
        CREATE TABLE tokens (
            token_id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            scopes TEXT NOT NULL,
            secret_hash TEXT NOT NULL,
            created TEXT NOT NULL,
            revoked TEXT,
            last_used TEXT
        )
        """,
    )


class SQLTokens(Backend):
    """Token rows in and out (mixed into ``SQLStore``); ``access`` decides what they allow."""

    def add_token(self, row: dict[str, Any]) -> bool:
        """Keep a new token row; False when its name or id is taken."""
        return (
            self.execute(
                f"INSERT INTO tokens ({TOKEN_COLUMNS}) VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                [row.get(c.strip()) for c in TOKEN_COLUMNS.split(",")],
            )
            > 0
        )

    def tokens(self) -> list[dict[str, Any]]:
        """Every token row, by name (hashes included: for ``access`` only)."""
        return self.rows(f"SELECT {TOKEN_COLUMNS} FROM tokens ORDER BY name")

    def token(self, token_id: str) -> dict[str, Any] | None:
        """The row of one token id, if any."""
        rows = self.rows(f"SELECT {TOKEN_COLUMNS} FROM tokens WHERE token_id = ?", (token_id,))
        return rows[0] if rows else None

    def revoke_token(self, name: str, when: str) -> bool:
        """Mark the named token revoked; False when no live token has that name."""
        return (
            self.execute("UPDATE tokens SET revoked = ? WHERE name = ? AND revoked IS NULL", (when, name)) > 0
        )

    def token_used(self, token_id: str, when: str) -> None:
        """Note when a token was last used (at most once a minute per token, by the caller)."""
        self.execute("UPDATE tokens SET last_used = ? WHERE token_id = ?", (when, token_id))
