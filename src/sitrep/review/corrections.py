"""What an analyst may correct on a canonical event, checked and normalised before it is stored.

``parse_corrections`` takes raw values (JSON values from the API, strings from ``sitrep review
correct --set name=value``) keyed by canonical field names and returns the normalised fields,
or raises ``FilterErrors`` naming every bad one at once (the API's 400, the CLI's message):

- ``sub_event_type`` (any case) also sets ``event_type`` and ``plover_type`` from the taxonomy;
  an ``event_type`` alone must be the type of the event's sub-type or of the given one;
- ``date`` (YYYY-MM-DD) and ``time_precision`` (1 day, 2 week, 3 month);
- the place: ``location``, ``admin1``, ``country`` (code or name), ``latitude`` and
  ``longitude`` together, ``geo_precision`` (1 town, 2 district, 3 region), ``geonameid``; a
  place picked from the gazetteer comes whole from ``place_fields``;
- ``actor1``/``actor2`` (empty: none) and ``inter1``/``inter2`` (ACLED's 0-8); a corrected actor
  without its code clears the stale one;
- ``fatalities`` and its range ``fatalities_low`` <= ``fatalities`` <= ``fatalities_high``
  (a toll given alone is its own range).

Why hand-written: the field vocabulary and its consistency rules are ACLED's and ours.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from .. import taxonomy as T
from ..dedup.canonical import VERSIONED
from ..errors import ConfigError
from ..filters import MAX_VALUE, Countries, FilterErrors, parse_country, parse_sub_type
from ..records import Place

TEXT_FIELDS = ("location", "admin1", "actor1", "actor2")
CORRECTABLE: tuple[str, ...] = (*VERSIONED, "inter1", "inter2")  # every field a report can revise
MAX_TOLL = 1_000_000


def _int(lo: int, hi: int) -> Callable[[Any], int]:
    def parse(v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int | str):
            raise ConfigError(f"not a whole number: {v!r}", hint=f"a whole number from {lo} to {hi}")
        try:
            n = int(v)
        except ValueError:
            raise ConfigError(
                f"not a whole number: {v!r}", hint=f"a whole number from {lo} to {hi}"
            ) from None
        if not lo <= n <= hi:
            raise ConfigError(f"out of range: {n}", hint=f"a whole number from {lo} to {hi}")
        return n

    return parse


def _degrees(limit: float) -> Callable[[Any], float]:
    def parse(v: Any) -> float:
        try:
            x = float(v)
        except (TypeError, ValueError):
            raise ConfigError(f"not a number: {v!r}", hint=f"degrees from -{limit:g} to {limit:g}") from None
        if not -limit <= x <= limit:
            raise ConfigError(f"out of range: {v!r}", hint=f"degrees from -{limit:g} to {limit:g}")
        return round(x, 6)

    return parse


def _text(v: Any) -> str | None:
    if not isinstance(v, str):
        raise ConfigError(f"not text: {v!r}", hint="a name, or empty for none")
    t = " ".join(v.split())
    return t or None


def _date(v: Any) -> str:
    try:
        return date.fromisoformat(str(v).strip()).isoformat()
    except ValueError:
        raise ConfigError(f"not a date: {v!r}", hint="use YYYY-MM-DD, e.g. 2013-01-20") from None


def parse_corrections(
    values: Mapping[str, Any], current: Mapping[str, Any], countries: Countries | None = None
) -> dict[str, Any]:
    """Normalised corrections from raw ``values``, checked against the event's ``current`` fields.

    Raises:
        FilterErrors: every unknown field and bad value, each naming its field.
    """
    errors: list[ConfigError] = []
    out: dict[str, Any] = {}
    nullable = set(TEXT_FIELDS) | {
        "geonameid",
        "inter1",
        "inter2",
        "fatalities",
        "fatalities_low",
        "fatalities_high",
    }
    parsers: dict[str, Callable[[Any], Any]] = {
        "sub_event_type": lambda v: parse_sub_type(str(v)),
        "event_type": lambda v: str(v).strip(),
        "date": _date,
        "time_precision": _int(1, 3),
        "country": lambda v: parse_country(str(v), countries),
        "latitude": _degrees(90),
        "longitude": _degrees(180),
        "geo_precision": _int(1, 3),
        "geonameid": _int(0, 2**31 - 1),
        "inter1": _int(0, 8),
        "inter2": _int(0, 8),
        "fatalities": _int(0, MAX_TOLL),
        "fatalities_low": _int(0, MAX_TOLL),
        "fatalities_high": _int(0, MAX_TOLL),
        **{k: _text for k in TEXT_FIELDS},
    }
    for name, raw in values.items():
        if name not in parsers:
            from ..filters import closest

            near = closest(name, list(CORRECTABLE))
            hint = f"did you mean {near!r}?" if near else f"one of: {', '.join(CORRECTABLE)}"
            errors.append(ConfigError(f"{name}: not a field that can be corrected", hint=hint))
            continue
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if name in nullable:
                out[name] = None
            else:
                errors.append(ConfigError(f"{name}: a value is required"))
            continue
        if isinstance(raw, str) and len(raw) > MAX_VALUE:
            errors.append(ConfigError(f"{name}: longer than {MAX_VALUE} characters", hint="shorten it"))
            continue
        try:
            out[name] = parsers[name](raw)
        except ConfigError as exc:
            errors.append(ConfigError(f"{name}: {exc.message}", hint=exc.hint))
    if not errors:
        errors += _consistent(out, current)
    if errors:
        raise FilterErrors(errors)
    return out


def _consistent(out: dict[str, Any], current: Mapping[str, Any]) -> list[ConfigError]:
    """Fill what follows from the corrections; report what contradicts."""
    errors: list[ConfigError] = []
    sub = str(out.get("sub_event_type", current.get("sub_event_type")) or "")
    if "sub_event_type" in out:
        out["plover_type"] = T.PLOVER.get(sub)
    if sub in T.EVENT_TYPES:
        given = out.get("event_type")
        if given is not None and given.casefold() != T.EVENT_TYPES[sub].casefold():
            errors.append(
                ConfigError(
                    f"event_type: {given!r} is not the type of sub-event type {sub!r}",
                    hint=f"correct sub_event_type; its type is {T.EVENT_TYPES[sub]!r}",
                )
            )
        elif "sub_event_type" in out or given is not None:
            out["event_type"] = T.EVENT_TYPES[sub]
    if ("latitude" in out) != ("longitude" in out):
        errors.append(ConfigError("latitude and longitude: give both, or neither"))
    for side in ("1", "2"):
        if f"actor{side}" in out and f"inter{side}" not in out:
            out[f"inter{side}"] = None
    if "fatalities" in out:
        toll = out["fatalities"]
        out.setdefault("fatalities_low", toll)
        out.setdefault("fatalities_high", toll)
    low, toll, high = (
        out.get(k, current.get(k)) for k in ("fatalities_low", "fatalities", "fatalities_high")
    )
    known = [x for x in (low, toll, high) if x is not None]
    if known != sorted(known):
        errors.append(
            ConfigError(
                f"fatalities: the range is out of order (low {low}, best {toll}, high {high})",
                hint="fatalities_low <= fatalities <= fatalities_high",
            )
        )
    return errors


def place_fields(place: Place, precision: int = 1) -> dict[str, Any]:
    """The place fields of a gazetteer entry picked by the analyst."""
    return {
        "location": place.name,
        "admin1": place.admin1,
        "country": place.country,
        "latitude": round(place.latitude, 6),
        "longitude": round(place.longitude, 6),
        "geonameid": place.geonameid,
        "geo_precision": precision,
    }
