"""Save a batch: each text stored once, exact copies as extra sources, near copies as revisions.

The store keeps the articles and the MinHash band index; whether a new article copies a stored
one is decided here, with ``dedup.articles``. An article whose fingerprint is stored is an
exact copy: it adds a source (its URL) to the stored article and brings no events. Otherwise
the stored articles sharing one of its band keys are candidates, and the closest one that
``is_copy`` accepts is the article it copies. Its text differs (an updated wire story, another
header), so it is stored with its own events like any new article, and remembers the article
it revises (``near_of``): what it changes (the toll, the date, the place) becomes a new version
of the canonical event once dedup merges its events with the earlier ones.

Every article whose events or sources changed is queued for dedup in the same transaction, so
a run stopped before its dedup leaves the queue for the next one (``runners.reduce``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..dedup.articles import closest_copy, lsh_keys
from ..records import Advisory, Article, Event, Rejected
from ..store.base import IngestCounts, Store


def save_batch(
    store: Store,
    articles: Iterable[tuple[Article, Sequence[Event]]],
    rejects: Iterable[Rejected] = (),
    advisories: Iterable[Advisory] = (),
) -> IngestCounts:
    """Store articles (copies as extra sources), their events, the rejects and the advisories the
    articles state, in one transaction.

    Args:
        store: where to save.
        articles: each cleaned article with the events extracted from it.
        rejects: the documents a stage refused.
        advisories: the advisories, drawdowns and threats read from the articles (``Result.advisories``).

    Returns:
        What changed; ``touched`` lists the articles whose events or sources changed (queued for dedup).
    """
    added = seen = near = ev_added = 0
    touched: set[str] = set()
    with store.transaction():
        for content_hash, text in store.pending_bands():
            store.set_bands(content_hash, lsh_keys(text))
        for article, events in articles:
            if store.has_article(article.content_hash):
                seen += 1
                if store.add_copy(article, article.content_hash, "exact", 0):
                    touched.add(article.content_hash)
                continue
            keys = lsh_keys(article.text)
            copy = closest_copy(article.text, store.near_candidates(keys))
            near += copy is not None
            added += 1
            ev_added += store.add_article(article, events, keys, copy)
            touched.add(article.content_hash)
        rej_added = store.record_rejects(rejects)
        store.upsert_advisories(advisories)
        store.queue_dedup(sorted(touched))
    return IngestCounts(added, seen, ev_added, rej_added, near, tuple(sorted(touched)))
