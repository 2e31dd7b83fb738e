"""Advisories and threats as records: read from articles (``extract``), imported from the official
feeds (``imports``), stored with their level changes, and read back.

``list_advisories`` and ``advisory_changes`` are what the API, the reports and the alerts read.
"""

from __future__ import annotations

from datetime import date

from ..errors import ConfigError
from ..records import Advisory, AdvisoryChange
from ..records.advisory import KINDS
from ..store.base import Store
from .extract import extract_advisories
from .imports import SOURCES, import_advisories

__all__ = [
    "SOURCES",
    "advisory_changes",
    "extract_advisories",
    "import_advisories",
    "list_advisories",
    "store_advisories",
]


def _day(since: date | str | None) -> str | None:
    """A day (or an ISO timestamp) to compare stored ISO strings with.

    Raises:
        ConfigError: not an ISO date.
    """
    if since is None or isinstance(since, date):
        return since.isoformat() if since else None
    try:
        day = date.fromisoformat(since[:10]).isoformat()
    except ValueError as exc:
        raise ConfigError(f"since: {since!r} is not a date", hint="use YYYY-MM-DD") from exc
    return since if len(since) > 10 else day


def list_advisories(
    store: Store, *, country: str | None = None, since: date | str | None = None, kind: str | None = None
) -> list[Advisory]:
    """The stored advisories, newest first.

    Args:
        store: the store.
        country: only those bearing on this country (ISO2).
        since: only those dated on or after this day (undated ones are left out then).
        kind: only "advisory", "drawdown" or "threat".

    Raises:
        ConfigError: ``since`` is not a date, or ``kind`` is unknown.
    """
    if kind is not None and kind not in KINDS:
        raise ConfigError(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
    return store.advisories(country=country.upper() if country else None, since=_day(since), kind=kind)


def advisory_changes(store: Store, since: date | str | None = None) -> list[AdvisoryChange]:
    """The recorded level changes of imported advisories, newest first (``since``: on or after)."""
    return store.advisory_changes(since=_day(since))


def store_advisories(
    store: Store, advisories: list[Advisory], *, now: str | None = None
) -> list[AdvisoryChange]:
    """Upsert advisories; record (and return) a change for each whose stored level differs.

    A first sight is no change. Runs in one transaction.
    """
    with store.transaction():
        return store.upsert_advisories(advisories, now=now)
