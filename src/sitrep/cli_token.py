"""``sitrep token create|list|revoke``: the API's named, scoped tokens (``access``)."""

from __future__ import annotations

import json
from typing import Any

import click

from .access import SCOPES
from .cli_common import DB_HELP
from .cli_common import errors as _errors
from .cli_common import settings_for as _settings


@click.group()
def token() -> None:
    """API tokens: named, scoped (read-private, review, write, admin), hashed, revocable."""


@token.command("create")
@click.argument("name")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    type=click.Choice(SCOPES),
    help="What it may do (repeat).",
)
@click.option("--db", help=DB_HELP)
@click.pass_obj
def create(obj: dict[str, Any], name: str, scopes: tuple[str, ...], db: str | None) -> None:
    """Create a token called NAME and print it, once (only its hash is kept)."""
    from .access import create_token
    from .store import open_store

    with _errors():
        store = open_store(_settings(obj, db=db).db)
        try:
            made, secret = create_token(store, name, scopes)
        finally:
            store.close()
    click.echo(secret)
    click.echo(f"sitrep: token {made.name!r} ({', '.join(made.scopes)}): shown once, keep it safe", err=True)


@token.command("list")
@click.option("--db", help=DB_HELP)
@click.pass_obj
def list_(obj: dict[str, Any], db: str | None) -> None:
    """List the tokens (JSON lines: name, scopes, created, last used, revoked; never a secret)."""
    from .access import list_tokens
    from .store import open_store

    with _errors():
        store = open_store(_settings(obj, db=db).db)
        try:
            for t in list_tokens(store):
                row = {"name": t.name, "scopes": list(t.scopes), "created": t.created}
                click.echo(json.dumps({**row, "last_used": t.last_used, "revoked": t.revoked}))
        finally:
            store.close()


@token.command("revoke")
@click.argument("name")
@click.option("--db", help=DB_HELP)
@click.pass_obj
def revoke(obj: dict[str, Any], name: str, db: str | None) -> None:
    """Revoke the token called NAME, at once."""
    from .access import revoke_token
    from .store import open_store

    with _errors():
        store = open_store(_settings(obj, db=db).db)
        try:
            revoke_token(store, name)
        finally:
            store.close()
    click.echo(f"sitrep: token {name!r} revoked", err=True)
