"""``WatchItem``: a person or a site a duty-of-care desk watches (private: see ``sitrep.watchlist``).

The record checks itself when made: a bad kind, coordinate, radius or contact raises
``ConfigError`` with a one-line message naming the field, never the value (a watch item is
personal data: no message may echo a name, a place or a contact).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from ..errors import ConfigError

WatchKind = Literal["person", "site"]
KINDS: tuple[str, ...] = ("person", "site")
SEVERITIES: tuple[str, ...] = ("Extreme", "Severe", "Moderate", "Minor")  # CAP 1.2, most severe first
DEFAULT_RADIUS_KM: dict[str, float] = {"Extreme": 100.0, "Severe": 50.0, "Moderate": 25.0, "Minor": 10.0}
MAX_RADIUS_KM = 20_000.0  # half the Earth's circumference: anything further is everywhere
MAX_NAME = 200
MAX_URL = 2000
MAX_EMAIL = 254
_EMAIL = re.compile(r"[^@\s<>()\[\],;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+")


def _fail(message: str, hint: str) -> ConfigError:
    return ConfigError(message, hint=hint)


def check_name(name: Any) -> str:
    """The name with its spaces collapsed (1 to ``MAX_NAME`` characters)."""
    text = " ".join(name.split()) if isinstance(name, str) else ""
    if not text or len(text) > MAX_NAME:
        raise _fail("name: missing or too long", f"1 to {MAX_NAME} characters")
    return text


def check_kind(kind: Any) -> WatchKind:
    """``person`` or ``site`` (any case)."""
    value = kind.strip().lower() if isinstance(kind, str) else ""
    if value == "person":
        return "person"
    if value == "site":
        return "site"
    raise _fail("kind: not a kind of watch item", f"one of: {', '.join(KINDS)}")


def check_degrees(value: Any, axis: str) -> float:
    """A latitude (``axis`` "latitude", -90..90) or longitude (-180..180), rounded to 6 places."""
    limit = 90.0 if axis == "latitude" else 180.0
    try:
        x = float(value) if not isinstance(value, bool) else math.nan
    except (TypeError, ValueError):
        x = math.nan
    if not math.isfinite(x) or not -limit <= x <= limit:
        raise _fail(f"{axis}: not a number in range", f"degrees from -{limit:g} to {limit:g}")
    return round(x, 6)


def check_radius(
    radius: Mapping[str, Any] | None, base: Mapping[str, float] = DEFAULT_RADIUS_KM
) -> dict[str, float]:
    """Kilometres by CAP severity: the given ones (any case) over ``base`` (the defaults)."""
    out = {s: float(base.get(s, DEFAULT_RADIUS_KM[s])) for s in SEVERITIES}
    if radius is None:
        return out
    if not isinstance(radius, Mapping):
        raise _fail("radius_km: not a mapping", 'severity → km, e.g. {"Severe": 50}')
    by_key = {s.lower(): s for s in SEVERITIES}
    for key, km in radius.items():
        severity = by_key.get(str(key).strip().lower())
        if severity is None:
            raise _fail("radius_km: unknown severity", f"one of: {', '.join(SEVERITIES)}")
        try:
            value = float(km) if not isinstance(km, bool) else math.nan
        except (TypeError, ValueError):
            value = math.nan
        if not math.isfinite(value) or not 0 < value <= MAX_RADIUS_KM:
            raise _fail(f"radius_km: {severity} is not a distance", f"km above 0, at most {MAX_RADIUS_KM:g}")
        out[severity] = value
    return {s: out[s] for s in SEVERITIES}


def check_contact(contact: Mapping[str, Any] | None) -> dict[str, str] | None:
    """None, ``{"webhook": "https://…"}`` (or http) or ``{"email": "a@b.example"}``."""
    if contact is None or (isinstance(contact, Mapping) and not contact):
        return None
    if not isinstance(contact, Mapping) or len(contact) != 1:
        raise _fail(
            "contact: not one webhook or email", 'e.g. {"webhook": "https://..."} or {"email": "a@b"}'
        )
    ((key, value),) = contact.items()
    text = value.strip() if isinstance(value, str) else ""
    if key == "webhook":
        try:
            parts = urlsplit(text)
            ok = parts.scheme in ("https", "http") and bool(parts.hostname)
        except ValueError:  # a malformed host, e.g. an unclosed IPv6 bracket
            ok = False
        if not ok or len(text) > MAX_URL or any(c.isspace() for c in text):
            raise _fail(
                "contact: the webhook is not an http(s) URL", "https://host/path, at most 2000 characters"
            )
        return {"webhook": text}
    if key == "email":
        if len(text) > MAX_EMAIL or not _EMAIL.fullmatch(text):
            raise _fail("contact: not a plausible email address", "name@domain.example")
        return {"email": text}
    raise _fail("contact: unknown kind of contact", "webhook or email")


@dataclass(frozen=True, slots=True)
class WatchItem:
    """A watched person or site: where it is, how near an event must be at each severity, whom to tell.

    Personal data: it never leaves through a public route, an export or a log line (only
    ``item_id`` may be logged). Checked and normalised when made (``ConfigError``).
    """

    item_id: str
    name: str
    kind: WatchKind
    latitude: float
    longitude: float
    place: str | None = None  # the place name it was given or resolved from
    radius_km: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_RADIUS_KM))
    contact: Mapping[str, str] | None = None  # {"webhook": url} or {"email": address}
    created: str = ""
    updated: str = ""
    active: bool = True

    def __post_init__(self) -> None:
        place = " ".join(self.place.split()) if isinstance(self.place, str) else None
        if place is not None and len(place) > MAX_NAME:
            raise _fail("place: too long", f"at most {MAX_NAME} characters")
        checked = {
            "name": check_name(self.name),
            "kind": check_kind(self.kind),
            "latitude": check_degrees(self.latitude, "latitude"),
            "longitude": check_degrees(self.longitude, "longitude"),
            "place": place or None,
            "radius_km": check_radius(self.radius_km),
            "contact": check_contact(self.contact),
            "active": bool(self.active),
        }
        for name, value in checked.items():
            object.__setattr__(self, name, value)

    def to_dict(self) -> dict[str, Any]:
        """The item as JSON (for its owners only: the guarded API and the CLI)."""
        return {
            "item_id": self.item_id,
            "name": self.name,
            "kind": self.kind,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "place": self.place,
            "radius_km": dict(self.radius_km),
            "contact": dict(self.contact) if self.contact else None,
            "created": self.created,
            "updated": self.updated,
            "active": self.active,
        }
