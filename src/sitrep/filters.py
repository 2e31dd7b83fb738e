"""The event filters and paging that ``/api/events``, ``/api/stats`` and ``sitrep events`` share.

One declaration (``FILTERS``) names every filter, says what it takes and documents it; one
function (``build_filters``) turns the raw strings into ``store.base.EventFilters`` and reports
every bad value at once (``FilterErrors``), with the same words wherever they come from:

- names are matched in any case: ``type=battles`` is ``Battles``, and an unknown type or
  sub-type names the closest known one;
- ``country`` takes an ISO 3166-1 alpha-2 code or a country name; with a gazetteer (the app's
  or the CLI's) an unknown code or name is an error, not an empty answer;
- every value is capped in length (``MAX_VALUE``) and paging is bounded (``MAX_OFFSET``), so no
  input reaches the database as a runaway string or an overflowing integer;
- the paging cursor (``encode_cursor``/``decode_cursor``) is the sort key of the row at the
  page's edge, so a deep page costs what the first does.

Why hand-written: the vocabulary (ACLED's names, our cursor) is ours; the HTTP layer only maps
these errors to status 400.
"""

from __future__ import annotations

import base64
import binascii
import difflib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from . import taxonomy as T
from .errors import ConfigError
from .settings import parse_date_option
from .store.base import EventFilters

__all__ = [
    "FILTERS",
    "MAX_LIMIT",
    "MAX_OFFSET",
    "MAX_VALUE",
    "Countries",
    "Filter",
    "FilterErrors",
    "build_filters",
    "decode_cursor",
    "encode_cursor",
    "parse_bbox",
    "parse_near",
]

MAX_LIMIT = 10_000
MAX_OFFSET = 1_000_000_000
MAX_VALUE = 200  # characters in any one filter value

T_ = TypeVar("T_")


@dataclass(frozen=True, slots=True)
class Filter:
    """One filter: its query name, what it takes (shown in the API docs and ``--help``)."""

    name: str
    help: str


FILTERS: tuple[Filter, ...] = (
    Filter("country", "ISO 3166-1 alpha-2 code or country name, any case, e.g. ML or Mali"),
    Filter("admin1", "first-level admin area name, any case, e.g. Ségou"),
    Filter("since", "first event date, YYYY-MM-DD"),
    Filter("until", "last event date, YYYY-MM-DD"),
    Filter("type", "event type or sub-event type, any case, e.g. Battles"),
    Filter("sub_type", "sub-event type, any case, e.g. Armed clash"),
    Filter("actor", "part of actor1 or actor2, any case"),
    Filter("text", "part of the place, actors or evidence, any case"),
    Filter("bbox", "west,south,east,north in degrees, e.g. -12,10,5,25"),
    Filter("near", "latitude,longitude,km: within a radius, e.g. 14.25,-5.99,50"),
    Filter("min_confidence", "lowest confidence, 0 to 1"),
    Filter("hedged", "true: only hedged reports (alleged, unconfirmed); false: none of them"),
    Filter("background", "true: only background (earlier events recalled); false: news only"),
    Filter(
        "review",
        "analysts' verdict: unreviewed, reviewed, confirmed, corrected, rejected, or all"
        " (default: every event but the rejected ones)",
    ),
)
REVIEW_FILTERS = ("unreviewed", "reviewed", "confirmed", "corrected", "rejected", "all")
NAMES = tuple(f.name for f in FILTERS)


class FilterErrors(ConfigError):
    """Every bad filter or paging value of one request, reported together."""

    def __init__(self, errors: list[ConfigError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


class Countries(Protocol):
    """What ``country`` is checked against (``geo.Gazetteer`` has both)."""

    def country_name(self, iso2: str) -> str | None: ...

    def country_by_name(self, name: str) -> object | None: ...


def closest(value: str, known: list[str]) -> str | None:
    """The known name nearest to ``value`` (any case), if any is near."""
    folded = {k.casefold(): k for k in known}
    hit = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[hit[0]] if hit else None


def _vocabulary(value: str, known: list[str], what: str) -> str:
    for name in known:
        if name.casefold() == value.casefold():
            return name
    near = closest(value, known)
    hint = f"did you mean {near!r}?" if near else f"one of: {', '.join(known)}"
    raise ConfigError(f"unknown {what} {value!r}", hint=hint)


def parse_type(value: str) -> str:
    """An event type or sub-event type, in ACLED's spelling, from any case."""
    return _vocabulary(value, sorted(set(T.EVENT_TYPES.values())) + sorted(T.EVENT_TYPES), "type")


def parse_sub_type(value: str) -> str:
    """A sub-event type, in ACLED's spelling, from any case."""
    return _vocabulary(value, sorted(T.EVENT_TYPES), "sub-event type")


def parse_country(value: str, countries: Countries | None) -> str:
    """An ISO alpha-2 code from a code or a name (names need ``countries``)."""
    v = value.strip()
    if len(v) == 2 and v.isalpha():
        code = v.upper()
        if countries is not None and countries.country_name(code) is None:
            raise ConfigError(
                f"unknown country code {value!r}", hint="use an ISO 3166-1 alpha-2 code, e.g. ML"
            )
        return code
    place = countries.country_by_name(v) if countries is not None else None
    named = getattr(place, "country", None)
    if not isinstance(named, str) or not named:
        raise ConfigError(
            f"not a country: {value!r}", hint="use an ISO 3166-1 alpha-2 code or a name, e.g. ML"
        )
    return named


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``west,south,east,north`` in degrees."""
    hint = "use bbox=west,south,east,north in degrees, e.g. bbox=-12,10,5,25"
    west, south, east, north = _numbers(value, 4, "bbox", hint)
    lon_ok = -180.0 <= west <= 180.0 and -180.0 <= east <= 180.0
    if not (lon_ok and -90.0 <= south <= 90.0 and -90.0 <= north <= 90.0):
        raise ConfigError(f"bbox out of range: {value!r}", hint="longitudes -180..180, latitudes -90..90")
    if south > north or west > east:
        raise ConfigError(f"bbox has south > north or west > east: {value!r}", hint=hint)
    return west, south, east, north


def parse_near(value: str) -> tuple[float, float, float]:
    """``latitude,longitude,km`` (a radius of at most 5,000 km)."""
    hint = "use near=latitude,longitude,km, e.g. near=14.25,-5.99,50"
    lat, lon, km = _numbers(value, 3, "near", hint)
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0 and 0.0 < km <= 5000.0):
        raise ConfigError(
            f"near out of range: {value!r}", hint="latitude -90..90, longitude -180..180, 0 < km <= 5000"
        )
    return lat, lon, km


def _numbers(value: str, n: int, what: str, hint: str) -> list[float]:
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != n:
        raise ConfigError(f"{what} needs {n} comma-separated numbers, got {len(parts)}: {value!r}", hint=hint)
    try:
        out = [float(p) for p in parts]
    except ValueError:
        raise ConfigError(f"{what} is not numeric: {value!r}", hint=hint) from None
    if any(x != x or x in (float("inf"), float("-inf")) for x in out):
        raise ConfigError(f"{what} is not a finite number: {value!r}", hint=hint)
    return out


def parse_confidence(value: str) -> float:
    """A confidence between 0 and 1."""
    try:
        x = float(value)
    except ValueError:
        raise ConfigError(f"not a number: {value!r}", hint="a confidence from 0 to 1, e.g. 0.5") from None
    if not 0.0 <= x <= 1.0:
        raise ConfigError(f"out of range: {value!r}", hint="a confidence from 0 to 1, e.g. 0.5")
    return x


def parse_review(value: str) -> str:
    """A review filter value (``REVIEW_FILTERS``), from any case."""
    return _vocabulary(value, list(REVIEW_FILTERS), "review filter")


def parse_bool(value: str) -> bool:
    """``true``/``false`` (also 1/0, yes/no), any case."""
    v = value.strip().casefold()
    if v in ("true", "1", "yes"):
        return True
    if v in ("false", "0", "no"):
        return False
    raise ConfigError(f"not true or false: {value!r}", hint="use true or false")


def encode_cursor(direction: str, day: date | str | None, event_id: str) -> str:
    """An opaque cursor: the sort key of a page's edge row, and which way to read from it."""
    raw = json.dumps([direction, str(day) if day else None, event_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(value: str) -> tuple[str, str | None, str]:
    """(direction ``after``/``before``, date, event id) from ``encode_cursor``'s output."""
    hint = "use the next or prev link of a page as it is"
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        direction, day, event_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError):
        raise ConfigError(f"not a cursor: {value!r}", hint=hint) from None
    if direction not in ("after", "before") or not isinstance(event_id, str):
        raise ConfigError(f"not a cursor: {value!r}", hint=hint)
    if day is not None and (not isinstance(day, str) or _date_or_none(day) is None):
        raise ConfigError(f"not a cursor: {value!r}", hint=hint)
    return direction, day, event_id


def _date_or_none(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def build_filters(
    values: Mapping[str, str | None],
    *,
    countries: Countries | None = None,
    limit: int | None = None,
    offset: int = 0,
    cursor: str | None = None,
) -> EventFilters:
    """``EventFilters`` from raw values keyed by ``FILTERS`` names (empty or missing: no filter).

    Raises:
        FilterErrors: every bad value, each as a ``ConfigError`` naming its parameter.
    """
    errors: list[ConfigError] = []

    def get(name: str, fn: Callable[[str], T_]) -> T_ | None:
        raw = values.get(name)
        if raw is None or not raw.strip():
            return None
        if len(raw) > MAX_VALUE:
            errors.append(ConfigError(f"{name}: longer than {MAX_VALUE} characters", hint="shorten it"))
            return None
        try:
            return fn(raw.strip())
        except ConfigError as exc:
            errors.append(ConfigError(f"{name}: {exc.message}", hint=exc.hint))
            return None

    since, until = get("since", parse_date_option), get("until", parse_date_option)
    if since and until and since > until:
        errors.append(ConfigError(f"since ({since}) is after until ({until})"))
    if limit is not None and not 1 <= limit <= MAX_LIMIT:
        errors.append(ConfigError(f"limit: {limit} is not between 1 and {MAX_LIMIT}"))
    if not 0 <= offset <= MAX_OFFSET:
        errors.append(ConfigError(f"offset: {offset} is not between 0 and {MAX_OFFSET}"))
    page = None
    if cursor:
        page = get_cursor(cursor, errors)
    filters = EventFilters(
        country=get("country", lambda v: parse_country(v, countries)),
        since=since,
        until=until,
        event_type=get("type", parse_type),
        bbox=get("bbox", parse_bbox),
        limit=limit,
        offset=offset,
        admin1=get("admin1", str),
        sub_event_type=get("sub_type", parse_sub_type),
        actor=get("actor", str),
        text=get("text", str),
        near=get("near", parse_near),
        min_confidence=get("min_confidence", parse_confidence),
        hedged=get("hedged", parse_bool),
        background=get("background", parse_bool),
        cursor=page,
        review=get("review", parse_review),
    )
    if errors:
        raise FilterErrors(errors)
    return filters


def get_cursor(value: str, errors: list[ConfigError]) -> tuple[str, str | None, str] | None:
    """The decoded cursor, or None with its error appended."""
    if len(value) > 4 * MAX_VALUE:
        errors.append(ConfigError("cursor: too long", hint="use the next or prev link of a page as it is"))
        return None
    try:
        return decode_cursor(value)
    except ConfigError as exc:
        errors.append(ConfigError(f"cursor: {exc.message}", hint=exc.hint))
        return None
