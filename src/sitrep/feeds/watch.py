"""``sitrep watch``: poll RSS/Atom feeds, fetch each new article, code it, store its events.

The feeds and what became of every item live in the store (``store.feeds``), so a restart
resumes: polls are conditional (ETag, Last-Modified) and an item recorded once is never fetched
again. Each new item's page is fetched with the careful ``Fetcher`` (safe addresses, robots.txt,
politeness, size and time caps), cleaned and coded by the same pipeline as ``ingest`` (HTML
through trafilatura, the per-document time budget), then saved and deduped at once. The item
keeps the seconds from first seen to its events stored.

feedparser parses the feeds (``parse``); everything here is the loop around it.
"""

from __future__ import annotations

import logging
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..pipeline import Resources, process_batch
from ..records import RawDocument
from ..runners.local import alerts_hook, store_results
from ..settings import Settings
from ..store.base import Store
from .fetch import Fetcher, FetchError
from .parse import FeedItem, parse_feed

log = logging.getLogger(__name__)

MAX_ITEMS_PER_POLL = 50  # a feed that suddenly lists hundreds of items is read over several polls


@dataclass
class PollReport:
    """What one round over the feeds did."""

    feeds: int = 0
    new_items: int = 0
    stored: int = 0
    rejected: int = 0
    failed: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)


def read_opml(path: str | Path) -> list[str]:
    """The feed URLs (``xmlUrl``) of an OPML file, in document order."""
    tree = ET.parse(path)  # noqa: S314 (a local file the user names)
    return [o.attrib["xmlUrl"] for o in tree.iter("outline") if o.attrib.get("xmlUrl")]


def poll_once(
    store: Store,
    fetcher: Fetcher,
    settings: Settings,
    resources: Resources,
    *,
    now: Callable[[], float] = time.time,
) -> PollReport:
    """Poll every stored feed once; fetch, code and store each new item."""
    report = PollReport()
    for feed in store.feeds():
        report.feeds += 1
        url = feed["url"]
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
        try:
            answer = fetcher.get(url, etag=feed["etag"], modified=feed["last_modified"])
        except FetchError as exc:
            store.feed_polled(url, status="error", error=str(exc), polled_at=stamp)
            report.errors.append(str(exc))
            continue
        if answer.status == 304:
            store.feed_polled(url, status="not modified", polled_at=stamp)
            continue
        if answer.status != 200:
            error = f"{url}: HTTP {answer.status}"
            store.feed_polled(url, status=f"HTTP {answer.status}", error=error, polled_at=stamp)
            report.errors.append(error)
            continue
        parsed = parse_feed(answer.body)
        seen = store.seen_items(url, [i.key for i in parsed.items])
        backlog = [i for i in parsed.items if i.key not in seen]
        new = backlog[:MAX_ITEMS_PER_POLL]
        status = parsed.problem or "ok"
        store.feed_polled(url, status=status, title=parsed.title, polled_at=stamp)
        report.new_items += len(new)
        for item in new:
            _item(store, fetcher, settings, resources, url, item, now, report)
        if len(backlog) <= MAX_ITEMS_PER_POLL:
            # Every listed item is now recorded: from here on the feed may answer "not modified".
            # Kept earlier, a watch stopped halfway (or a backlog over the cap) would get a 304
            # for the items it had not reached, and lose them.
            etag, modified = answer.headers.get("etag"), answer.headers.get("last-modified")
            store.feed_polled(url, status=status, etag=etag, last_modified=modified, polled_at=stamp)
    return report


def _item(
    store: Store,
    fetcher: Fetcher,
    settings: Settings,
    resources: Resources,
    feed_url: str,
    item: FeedItem,
    now: Callable[[], float],
    report: PollReport,
) -> None:
    """Fetch one new item's page, code it, store its events, and record what happened."""
    key, link, seen_at = item.key, item.link, now()
    try:
        page = fetcher.get(link)
        if page.status != 200:
            raise FetchError(f"{link}: HTTP {page.status}")
    except FetchError as exc:
        why = str(exc)
        store.record_item(feed_url, key, link, seen_at=seen_at, stored_at=None, status="failed", reason=why)
        report.failed += 1
        return
    raw = RawDocument(link, link, "html", page.body, item.day, page.url, item.title)
    results = list(process_batch([raw], settings, resources))
    stored = store_results(results, store, chunk=1, after_dedup=alerts_hook(settings))
    rejected = stored.rejected[0].reason if stored.rejected else None
    store.record_item(
        feed_url,
        key,
        link,
        seen_at=seen_at,
        stored_at=now(),
        status="rejected" if rejected else "stored",
        reason=rejected,
    )
    report.rejected += rejected is not None
    report.stored += rejected is None
    report.events += stored.events


def watch(
    store: Store,
    feeds: Sequence[str],
    settings: Settings,
    resources: Resources,
    fetcher: Fetcher,
    *,
    interval: float = 300.0,
    rounds: int | None = None,
    on_round: Callable[[PollReport], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Add ``feeds`` to the store's list, then poll them all every ``interval`` seconds.

    Runs ``rounds`` rounds (None: until interrupted); each round's report goes to ``on_round``.
    """
    if feeds:
        store.add_feeds(list(feeds))
    done = 0
    while rounds is None or done < rounds:
        started = time.monotonic()
        report = poll_once(store, fetcher, settings, resources)
        done += 1
        if on_round is not None:
            on_round(report)
        if rounds is None or done < rounds:
            sleep(max(0.0, interval - (time.monotonic() - started)))
