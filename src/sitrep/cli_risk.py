"""``sitrep risk [--country ML]``, ``sitrep risk show AREA``, ``sitrep risk recompute``: the risk
levels per country and admin1 region (``sitrep.risk``; the formula is in docs/risk.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from .cli_common import DB_HELP
from .cli_common import errors as _errors
from .cli_common import require_db as _require_db
from .cli_common import settings_for as _settings
from .records import RiskLevel
from .settings import parse_date_option


def _run(obj: dict[str, Any], db: str | None, call: Callable[[Any, Any], Any]) -> Any:
    """Open the store, run ``call(store, settings)``, close it."""
    from .store import open_store

    with _errors():
        settings = _settings(obj, db=db or (obj or {}).get("risk_db"))
        _require_db(settings.db)
        store = open_store(settings.db)
        try:
            return call(store, settings)
        finally:
            store.close()


def _line(lv: RiskLevel) -> str:
    flag = " anomaly" if lv.anomaly else ""
    return (
        f"{lv.area}\t{lv.level} {lv.label}\tscore {lv.score:.2f} (baseline {lv.baseline:.2f}{flag})"
        f"\t{len(lv.contributions)} events\tas of {lv.as_of}"
    )


@click.group(invoke_without_command=True)
@click.option("--country", metavar="ISO2", help="Only this country's areas (e.g. ML).")
@click.option("--json", "as_json", is_flag=True, help="JSON lines, with contributions (else a table).")
@click.option("--db", help=DB_HELP)
@click.pass_context
def risk(ctx: click.Context, country: str | None, as_json: bool, db: str | None) -> None:
    """Risk levels per country and admin1 region: each area's current level (1 normal
    precautions .. 4 do not travel), its score and the events behind it."""
    if ctx.invoked_subcommand is not None:
        if db:  # `sitrep risk --db X show AREA` as well as `sitrep risk show AREA --db X`
            ctx.obj = {**(ctx.obj or {}), "risk_db": db}
        return
    from .risk import current_levels

    levels = _run(ctx.obj, db, lambda store, _: current_levels(store, country=country))
    for lv in levels:
        click.echo(json.dumps(lv.to_dict(), ensure_ascii=False) if as_json else _line(lv))
    if not levels:
        click.echo("sitrep: no risk levels (no dated events yet, or run `sitrep risk recompute`)", err=True)


@risk.command("show")
@click.argument("area")
@click.option(
    "--series", is_flag=True, help="Every stored day of the area (JSON lines), not only the latest."
)
@click.option("--since", metavar="YYYY-MM-DD", help="With --series: from this day.")
@click.option("--until", metavar="YYYY-MM-DD", help="With --series: up to this day.")
@click.option("--db", help=DB_HELP)
@click.pass_obj
def show(
    obj: dict[str, Any], area: str, series: bool, since: str | None, until: str | None, db: str | None
) -> None:
    """Print the level of AREA (ML, or ML.Ségou) as JSON with its contributions, or its series."""
    from .risk import current_level, level_series

    if series:
        lo = parse_date_option(since) if since else None
        hi = parse_date_option(until) if until else None
        rows = _run(obj, db, lambda store, _: level_series(store, area, since=lo, until=hi))
        for lv in rows:
            click.echo(json.dumps(lv.to_dict(), ensure_ascii=False))
        return
    lv = _run(obj, db, lambda store, _: current_level(store, area))
    click.echo(json.dumps(lv.to_dict(), ensure_ascii=False, indent=1))


@risk.command("recompute")
@click.option("--db", help=DB_HELP)
@click.pass_obj
def recompute(obj: dict[str, Any], db: str | None) -> None:
    """Rebuild every area's series from the stored events with the current risk_* settings (which
    the levels recomputed as events arrive then keep using)."""
    from .risk import RiskParams, recompute_all

    def call(store: Any, settings: Any) -> int:
        return recompute_all(store, RiskParams.from_settings(settings))

    n = _run(obj, db, call)
    click.echo(f"sitrep: risk levels recomputed: {n} area-days", err=True)
