"""The report's region and time window, from what a user types: ``ML``, ``Mali``, ``ML.Ségou``;
``7d``, ``48h``, ``2024-03-01``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from ..errors import ConfigError
from ..filters import parse_country

_SPAN = re.compile(r"^\s*(\d{1,5})\s*([dhw])\s*$", re.IGNORECASE)
_UNIT_HOURS = {"h": 1, "d": 24, "w": 24 * 7}


class Countries(Protocol):
    """The gazetteer reads a report uses (``geo.gazetteer.Gazetteer`` has them)."""

    def country_name(self, iso2: str) -> str | None: ...

    def country_by_name(self, name: str) -> object | None: ...


@dataclass(frozen=True)
class Region:
    """A country, or one admin1 area of it (by name, as the events carry it)."""

    country: str
    admin1: str | None = None

    @property
    def key(self) -> str:
        """``ML`` or ``ML.Ségou``: how reports and their snapshots name the region."""
        return self.country if self.admin1 is None else f"{self.country}.{self.admin1}"


def parse_region(value: str, countries: Countries | None = None) -> Region:
    """``ML`` / ``Mali`` (a country) or ``ML.Ségou`` (an admin1 area of it, by name).

    A bare admin1 name (``Ségou``) works when ``countries`` can look admin1 areas up
    (``Gazetteer.admin1``) and exactly one country has an area of that name.

    Raises:
        ConfigError: not a country, or an admin1 name that cannot be placed in one country.
    """
    v = value.strip()
    if not v:
        raise ConfigError("empty region", hint="give an ISO2 country code (ML) or an admin1 area (ML.Ségou)")
    if "." in v:
        cc, _, area = v.partition(".")
        area = area.strip()
        if not area:
            raise ConfigError(f"no admin1 area in {value!r}", hint="write it as ML.Ségou")
        return Region(parse_country(cc, countries), area)
    try:
        return Region(parse_country(v, countries))
    except ConfigError:
        if len(v) == 2 and v.isalpha():
            raise
        lookup: Any = getattr(countries, "admin1", None)
        found = {getattr(p, "country", None) for p in lookup(v)} if callable(lookup) else set()
        found.discard(None)
        if len(found) == 1:
            return Region(str(found.pop()), v)
        raise ConfigError(
            f"not a country or a known admin1 area: {value!r}",
            hint="give an ISO2 country code (ML) or country.admin1 (ML.Ségou)",
        ) from None


def parse_since(value: str, now: datetime | None = None) -> date:
    """The first day of the window: ``7d`` (days), ``48h`` (hours), ``2w`` (weeks) back from
    ``now`` (UTC), or an ISO date.

    Raises:
        ConfigError: anything else.
    """
    now = now or datetime.now(UTC)
    m = _SPAN.match(value)
    if m:
        hours = int(m.group(1)) * _UNIT_HOURS[m.group(2).lower()]
        return (now - timedelta(hours=hours)).date()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(
            f"not a time span or a date: {value!r}", hint="use e.g. 7d, 48h, 2w or 2024-03-01"
        ) from None
