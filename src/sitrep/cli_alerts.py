"""``sitrep alerts list|show|send-pending`` and ``sitrep welfare status``: the watchlist's alerts
and the duty-of-care view (``sitrep.alerts``; private: they name watch items)."""

from __future__ import annotations

import json
from typing import Any

import click

from .cli_common import DB_HELP
from .cli_common import errors as _errors
from .cli_common import settings_for as _settings


def _run(obj: dict[str, Any], db: str | None, call: Any) -> Any:
    """Open the store, run ``call(store, settings)``, close it."""
    from .store import open_store

    with _errors():
        settings = _settings(obj, db=db)
        store = open_store(settings.db)
        try:
            return call(store, settings)
        finally:
            store.close()


@click.group()
def alerts() -> None:
    """Proximity alerts for the watchlist: list, show, send what is queued (private)."""


@alerts.command("list")
@click.option("--since", help="Only alerts changed at or after this ISO 8601 UTC time.")
@click.option("--open", "open_only", is_flag=True, help="Only alerts not cancelled.")
@click.option("--db", help=DB_HELP)
@click.pass_obj
def list_cmd(obj: dict[str, Any], since: str | None, open_only: bool, db: str | None) -> None:
    """Alerts as JSON lines, newest change first."""
    from .alerts import list_alerts

    found = _run(obj, db, lambda store, _: list_alerts(store, since=since, open_only=open_only))
    for a in found:
        click.echo(json.dumps(a.to_dict(), ensure_ascii=False))


@alerts.command()
@click.argument("alert_id")
@click.option("--db", help=DB_HELP)
@click.pass_obj
def show(obj: dict[str, Any], alert_id: str, db: str | None) -> None:
    """One alert with its deliveries and welfare check, as JSON."""
    from .alerts import get_alert

    click.echo(json.dumps(_run(obj, db, lambda store, _: get_alert(store, alert_id)), indent=2))


@alerts.command("send-pending")
@click.option("--db", help=DB_HELP)
@click.option("--budget", type=click.FloatRange(min=0.1), help="Seconds for the whole pass.")
@click.pass_obj
def send_pending_cmd(obj: dict[str, Any], db: str | None, budget: float | None) -> None:
    """Bring the alerts in line with the store, then send every due delivery (within the budget)."""
    from .alerts import reconcile_events, send_pending

    def call(store: Any, settings: Any) -> Any:
        made = reconcile_events(store, settings)
        return made, send_pending(store, settings, budget=budget)

    made, sent = _run(obj, db, call)
    click.echo(
        f"sitrep: {len(made)} alert versions made; {sent.sent} sent, {sent.retried} to retry, "
        f"{sent.failed} failed, {sent.left} left for the next pass",
        err=True,
    )


@click.group()
def welfare() -> None:
    """Welfare checks sent with alerts to people (private)."""


@welfare.command()
@click.option("--db", help=DB_HELP)
@click.pass_obj
def status(obj: dict[str, Any], db: str | None) -> None:
    """Who is accounted for, per alert: safe, help, waiting or escalated (JSON lines)."""
    from .alerts import welfare_status

    for row in _run(obj, db, welfare_status):
        click.echo(json.dumps(row, ensure_ascii=False))
