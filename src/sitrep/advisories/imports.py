"""Official travel advisories from their machine-readable forms, as ``Advisory`` records.

- ``ca``: Canada's travel advisory JSON (``data.international.gc.ca/travel-voyage``): a ``data``
  object keyed by ISO2, each entry with ``country-iso``, ``advisory-state`` (0 normal security
  precautions .. 3 avoid all travel), ``has-regional-advisory``, ``date-published`` and an ``eng``
  object (``name``, ``url-slug``, ``advisory-text``).
- ``gb``: the GOV.UK content API JSON of a foreign travel advice page
  (``/api/content/foreign-travel-advice/<country>``: ``details.country``, ``details.alert_status``,
  ``public_updated_at``), or of the index page, whose ``links.children`` are such pages.
- ``us``: the State Department's travel advisories RSS: items titled "Country - Level N: Wording",
  with a ``Threat-Level`` category. Indicator letters are read from the description's risk words.

Levels go on the common ladder (1 normal precautions .. 4 do not travel): Canada's state plus one;
the UK's whole-country statuses (all travel 4, all but essential 3) and any status for parts
only as 2 (its parts are named in prose the feed does not structure); the US level as given.
Pure parsing: the bytes are in hand, nothing is fetched. Country names (UK, US) are resolved with
the gazetteer when one is given, else only ISO2 codes in the data are used.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..errors import ParseError
from ..geo import Gazetteer
from ..records import Advisory, AdvisoryEvidence
from ..records.advisory import LEVEL_LABELS, advisory_id
from . import words as W

log = logging.getLogger(__name__)

SOURCES = ("ca", "gb", "us")
ISSUERS = {"ca": "CA", "gb": "GB", "us": "US"}
CA_URL = "https://travel.gc.ca/destinations/{slug}"
GB_STATUS = {
    "avoid_all_travel_to_whole_country": (4, "Advise against all travel to the whole country"),
    "avoid_all_but_essential_travel_to_whole_country": (
        3,
        "Advise against all but essential travel to the whole country",
    ),
    "avoid_all_travel_to_parts": (2, "Advise against all travel to parts of the country"),
    "avoid_all_but_essential_travel_to_parts": (
        2,
        "Advise against all but essential travel to parts of the country",
    ),
}
_US_LEVEL = re.compile(r"level\s*([1-4])\s*:?\s*(.*)", re.IGNORECASE)
_RSS_DAY = re.compile(r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})")
_TAGS = re.compile(r"<[^>]+>")
_WORDS = re.compile(r"[a-z][a-z-]*")


def import_advisories(source: str, content: bytes, *, gazetteer: Gazetteer | None = None) -> list[Advisory]:
    """The advisories in one official feed document.

    Args:
        source: "ca", "gb" or "us".
        content: the document's bytes.
        gazetteer: resolves country names (UK, US feeds); optional.

    Raises:
        ParseError: the bytes are not that source's format (the message says what is wrong).
    """
    parsers: dict[str, Callable[[bytes, Gazetteer | None], list[Advisory]]] = {
        "ca": _canada,
        "gb": _britain,
        "us": _united_states,
    }
    if source not in parsers:
        raise ParseError(f"unknown advisory source {source!r}", hint=f"use one of {', '.join(SOURCES)}")
    return parsers[source](content, gazetteer)


def _json(content: bytes, what: str) -> Any:
    try:
        return json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"not {what} JSON: {exc}") from exc


def _record(
    source: str,
    country: str,
    level: int | None,
    label: str | None,
    day: str | None,
    url: str | None,
    title: str | None,
    threats: tuple[str, ...] = (),
    text: str | None = None,
) -> Advisory:
    """One imported advisory; its id is the source and the country, so a new import updates it."""
    body = text or label or ""
    evidence = (AdvisoryEvidence(body, 0, len(body), None, url),) if body else ()
    return Advisory(
        advisory_id=advisory_id(f"import:{source}", country),
        kind="advisory",
        issuer=ISSUERS[source],
        country=country,
        admin1=(),
        region=None,
        level=level,
        level_label=label,
        threats=threats,
        date=day,
        source=f"import:{source}",
        evidence=evidence,
        url=url,
        title=title,
    )


def _canada(content: bytes, gaz: Gazetteer | None) -> list[Advisory]:
    doc = _json(content, "Canada travel advisory")
    data = doc.get("data") if isinstance(doc, dict) else None
    if not isinstance(data, dict):
        raise ParseError('Canada travel advisory JSON has no "data" object keyed by country code')
    out = []
    for code, entry in sorted(data.items()):
        if not isinstance(entry, dict):
            raise ParseError(f"Canada travel advisory entry {code!r} is not an object")
        iso = str(entry.get("country-iso") or code).upper()
        state = entry.get("advisory-state")
        if not isinstance(state, int) or not 0 <= state <= 3 or len(iso) != 2:
            raise ParseError(f"Canada travel advisory entry {code!r}: advisory-state {state!r} is not 0..3")
        eng = _obj(entry.get("eng"))
        published = entry.get("date-published")
        day = _iso_day(published.get("date") if isinstance(published, dict) else published)
        slug = eng.get("url-slug")
        label = eng.get("advisory-text") or None
        out.append(
            _record(
                "ca",
                iso,
                state + 1,
                label,
                day,
                CA_URL.format(slug=slug) if slug else None,
                eng.get("name") or entry.get("country-eng"),
            )
        )
    return out


def _britain(content: bytes, gaz: Gazetteer | None) -> list[Advisory]:
    doc = _json(content, "GOV.UK content API")
    if not isinstance(doc, dict):
        raise ParseError("GOV.UK content API JSON is not an object")
    pages = [doc] if isinstance(doc.get("details"), dict) and "country" in doc["details"] else []
    children = _obj(doc.get("links")).get("children")
    if isinstance(children, list):
        pages += [c for c in children if isinstance(c, dict)]
    if not pages:
        raise ParseError(
            "GOV.UK content API JSON is neither a foreign travel advice page (details.country) nor"
            " its index (links.children)"
        )
    out = []
    for page in pages:
        details = _obj(page.get("details"))
        country = _obj(details.get("country"))
        name = country.get("name")
        iso = _country_code(name, gaz)
        if iso is None:
            log.warning("GOV.UK travel advice: country %r not found in the gazetteer; skipped", name)
            continue
        statuses = [s for s in details.get("alert_status") or [] if isinstance(s, str)]
        graded = sorted((GB_STATUS[s] for s in statuses if s in GB_STATUS), reverse=True)
        level, label = graded[0] if graded else (1, "No advice against travel")
        path = page.get("base_path")
        out.append(
            _record(
                "gb",
                iso,
                level,
                label,
                _iso_day(page.get("public_updated_at")),
                f"https://www.gov.uk{path}" if isinstance(path, str) else None,
                page.get("title"),
                text=(details.get("change_description") or page.get("description") or label),
            )
        )
    return out


def _united_states(content: bytes, gaz: Gazetteer | None) -> list[Advisory]:
    import feedparser

    feed = feedparser.parse(content)
    if feed.bozo and not feed.entries:
        raise ParseError(f"not an RSS feed: {feed.get('bozo_exception')}")
    out = []
    for entry in feed.entries:
        title = str(entry.get("title") or "")
        tags = {str(t.get("scheme") or ""): str(t.get("term") or "") for t in entry.get("tags") or []}
        graded = _US_LEVEL.search(tags.get("Threat-Level") or title)
        if graded is None:
            raise ParseError(f"US advisory item {title!r} has no level (Threat-Level category or title)")
        name = title.split(" - ")[0].removesuffix(" Travel Advisory").strip()
        iso = _country_code(name, gaz)
        if iso is None:
            log.warning("US travel advisory: country %r not found in the gazetteer; skipped", name)
            continue
        text = _TAGS.sub(" ", str(entry.get("summary") or "")).strip()
        text = " ".join(text.split())
        found = {W.HAZARDS[w] for w in _WORDS.findall(text.lower()) if w in W.HAZARDS}
        day = _rss_day(entry)
        level = int(graded.group(1))
        wording = graded.group(2).strip() or LEVEL_LABELS[level]
        out.append(
            _record(
                "us",
                iso,
                level,
                wording,
                day,
                entry.get("link"),
                title,
                tuple(sorted(found, key=W.HAZARDS_ORDER.index)),
                text or None,
            )
        )
    return out


def _rss_day(entry: Any) -> str | None:
    """The ISO day of an RSS item's pubDate ("Tue, 05 Mar 2024", with or without a time)."""
    parsed = entry.get("published_parsed")
    if parsed:
        return f"{parsed[0]:04d}-{parsed[1]:02d}-{parsed[2]:02d}"
    m = _RSS_DAY.search(str(entry.get("published") or ""))
    if m is None:
        return None
    try:
        return datetime.strptime(" ".join(m.groups()), "%d %b %Y").date().isoformat()
    except ValueError:
        return None


def _obj(value: Any) -> dict[str, Any]:
    """A JSON object, or an empty one for anything else."""
    return value if isinstance(value, dict) else {}


def _country_code(name: Any, gaz: Gazetteer | None) -> str | None:
    """ISO2 of a country name, by the gazetteer (a two-letter code passes as it is)."""
    if not isinstance(name, str) or not name.strip():
        return None
    if gaz is not None:
        place = gaz.country_by_name(name)
        if place is not None and place.country:
            return place.country
    return name.upper() if len(name) == 2 and name.isalpha() else None


def _iso_day(value: Any) -> str | None:
    """The ISO day of a date or timestamp string ("2024-05-01 10:00:00", "2024-05-01T10:00Z")."""
    if not isinstance(value, str) or not value:
        return None
    m = re.match(r"\d{4}-\d{2}-\d{2}", value.strip())
    if m:
        return m.group(0)
    try:
        return datetime.strptime(value.strip(), "%B %d, %Y").replace(tzinfo=UTC).date().isoformat()
    except ValueError:
        return None
