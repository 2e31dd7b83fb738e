"""Who may do what through the API: named, scoped, revocable tokens, kept hashed.

A token reads ``sitrep_<id>_<secret>``: the id finds its row, the secret (32 random bytes) is
checked against the SHA-256 kept in the store (``store.tokens``) in constant time. Scopes:

- ``read-private``: private reads (the watchlist of people and sites, the review log);
- ``review``: confirm, correct, merge, split and reject events, and read the review log (not the
  watchlist: a reviewer need not know where staff are);
- ``write``: change the store (``POST /api/dedup``);
- ``admin``: everything.

``sitrep token create NAME --scope review`` prints a token once; ``list`` shows names, scopes,
creation, last use and revocation, never a secret; ``revoke`` ends one at once. The token that
``sitrep serve --token`` (or ``SITREP_API_TOKEN``) gives is an admin token named ``serve`` for
that run only, compared in memory. Public reads need no token. A token's name is who acted: a
review made with a named token is recorded under that name.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .errors import ConfigError, NotFoundError, SitrepError
from .store.base import Store

SCOPES = ("read-private", "review", "write", "admin")
PREFIX = "sitrep_"
SERVE_TOKEN = "serve"


class AccessError(SitrepError):
    """A request without the right token: ``status`` 401 (no valid token) or 403 (not allowed)."""

    def __init__(self, message: str, status: int, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.status = status


@dataclass(frozen=True, slots=True)
class Token:
    """A token as listed (never its secret)."""

    name: str
    scopes: tuple[str, ...]
    created: str
    revoked: str | None = None
    last_used: str | None = None
    token_id: str = ""

    def allows(self, *scopes: str) -> bool:
        """Whether this token may act in any of ``scopes`` (``admin`` may all)."""
        granted = set(self.scopes)
        return self.revoked is None and ("admin" in granted or bool(granted & set(scopes)))


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _token(row: dict[str, Any]) -> Token:
    return Token(
        row["name"],
        tuple(row["scopes"].split(",")),
        row["created"],
        row["revoked"],
        row["last_used"],
        row["token_id"],
    )


def check_scopes(scopes: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The scopes, checked (at least one, each known), in ``SCOPES`` order."""
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise ConfigError(
            f"unknown or no scopes: {unknown or '(none)'}", hint=f"one or more of: {', '.join(SCOPES)}"
        )
    return tuple(s for s in SCOPES if s in scopes)


def create_token(store: Store, name: str, scopes: tuple[str, ...] | list[str]) -> tuple[Token, str]:
    """A new token: its listing and the token string (shown once, kept only hashed).

    Raises:
        ConfigError: a bad name or scope, or a name already taken.
    """
    name = " ".join(name.split())
    if not name or len(name) > 100 or name == SERVE_TOKEN:
        raise ConfigError(f"bad token name {name!r}", hint=f"1 to 100 characters, not {SERVE_TOKEN!r}")
    ordered = check_scopes(scopes)
    token_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    row = {
        "token_id": token_id,
        "name": name,
        "scopes": ",".join(ordered),
        "secret_hash": _hash(secret),
        "created": _now(),
    }
    if not store.add_token(row):
        raise ConfigError(f"a token named {name!r} exists", hint="pick another name, or revoke it first")
    return _token({**row, "revoked": None, "last_used": None}), f"{PREFIX}{token_id}_{secret}"


def list_tokens(store: Store) -> list[Token]:
    """Every token, by name (no secrets)."""
    return [_token(r) for r in store.tokens()]


def revoke_token(store: Store, name: str) -> None:
    """Revoke the named token at once.

    Raises:
        NotFoundError: no live token has that name.
    """
    if not store.revoke_token(name, _now()):
        raise NotFoundError(f"no live token named {name!r}", hint="see `sitrep token list`")


@dataclass
class Gate:
    """What the API checks a presented token against: the store's tokens and the run's own."""

    serve_token: str | None = None
    _used: dict[str, float] = field(default_factory=dict)  # token id → when its use was last noted

    def configured(self, store: Store) -> bool:
        """Whether any token could pass (else every guarded route is off: 403)."""
        return bool(self.serve_token) or any(r["revoked"] is None for r in store.tokens())

    def admit(self, store: Store, authorization: str | None, *scopes: str) -> Token:
        """The token presented in an ``Authorization: Bearer`` header, if it allows any of ``scopes``.

        Raises:
            AccessError: 401 without a valid token, 403 when it lacks the scope or none exist.
        """
        if not self.configured(store):
            raise AccessError(
                "this route is off: the server was started without a token and has none",
                403,
                hint="sitrep token create NAME --scope ...",
            )
        scheme, _, given = (authorization or "").partition(" ")
        given = given.strip()
        if scheme.lower() != "bearer" or not given:
            raise AccessError("a valid bearer token is required", 401)
        token = self._find(store, given)
        if token is None:
            raise AccessError("a valid bearer token is required", 401)
        if not token.allows(*scopes):
            wanted = " or ".join(repr(s) for s in scopes)
            raise AccessError(
                f"token {token.name!r} may not {scopes[0]}", 403, hint=f"needs the {wanted} scope"
            )
        return token

    def _find(self, store: Store, given: str) -> Token | None:
        if self.serve_token and hmac.compare_digest(given.encode(), self.serve_token.encode()):
            return Token(SERVE_TOKEN, ("admin",), "")
        if not given.startswith(PREFIX):
            return None
        token_id, _, secret = given[len(PREFIX) :].partition("_")
        row = store.token(token_id) if token_id and secret else None
        if row is None or row["revoked"] is not None:
            return None
        if not hmac.compare_digest(row["secret_hash"], _hash(secret)):
            return None
        self._note_use(store, token_id)
        return _token(row)

    def _note_use(self, store: Store, token_id: str) -> None:
        if time.monotonic() - self._used.get(token_id, -1e9) >= 60:
            self._used[token_id] = time.monotonic()
            store.token_used(token_id, _now())
