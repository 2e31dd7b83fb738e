"""One RSS/Atom document → the items worth fetching (feedparser does the parsing).

``parse_feed`` never raises on what a feed holds: feedparser reads broken XML leniently
(``bozo``), and everything taken from an entry is checked here: a link must be an http(s) URL
of sane length, a title is cut to ``MAX_TITLE`` characters, and a date outside the calendar
(year 0, month 13) is no date rather than an exception.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

import feedparser

MAX_TITLE = 1000
MAX_LINK = 2000


@dataclass(frozen=True, slots=True)
class FeedItem:
    """An entry with a link to fetch."""

    key: str  # the entry's stable identity (its id, else its link), hashed
    link: str
    title: str | None = None
    day: date | None = None  # its published (else updated) date


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its title, its items, and why it is unreadable when it has none."""

    title: str | None
    items: tuple[FeedItem, ...]
    problem: str | None = None


def parse_feed(body: bytes) -> Feed:
    """The feed's title and its entries that link to a page (see the module docstring)."""
    parsed = feedparser.parse(body)
    items = tuple(item for entry in parsed.entries if (item := _item(entry)) is not None)
    problem = None
    if not items and parsed.bozo:
        problem = f"unreadable feed: {str(parsed.bozo_exception)[:300]}"
    return Feed(_text(parsed.feed.get("title")), items, problem)


def _item(entry: Any) -> FeedItem | None:
    link = entry.get("link")
    if not isinstance(link, str) or len(link) > MAX_LINK or not link.startswith(("http://", "https://")):
        return None
    ident = entry.get("id") or link
    key = hashlib.sha1(str(ident).encode("utf-8", "replace")).hexdigest()
    return FeedItem(key, link, _text(entry.get("title")), _day(entry))


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())[:MAX_TITLE]
    return text or None


def _day(entry: Any) -> date | None:
    for name in ("published_parsed", "updated_parsed"):
        parsed = dict.get(entry, name)  # the plain lookup: no feedparser key fallbacks
        if parsed:
            try:
                return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except (ValueError, TypeError, AttributeError):
                continue
    return None
