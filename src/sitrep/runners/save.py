"""Save a batch: each article stored once, its exact and near-duplicate copies as extra sources.

The store keeps the articles and the MinHash band index; whether a new article is a copy of a
stored one is decided here, with ``dedup.articles``: an article whose fingerprint is stored is
an exact copy; otherwise the stored articles that share one of its band keys are candidates,
and the closest one that ``is_copy`` accepts is the article it copies. Only new articles bring
their events; a copy adds a source to the article it copies.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..dedup.articles import closest_copy, lsh_keys
from ..records import Article, Event, Rejected
from ..store.base import IngestCounts, Store


def save_batch(
    store: Store, articles: Iterable[tuple[Article, Sequence[Event]]], rejects: Iterable[Rejected] = ()
) -> IngestCounts:
    """Store articles (copies as extra sources), their events and the rejects, in one transaction.

    Args:
        store: where to save.
        articles: each cleaned article with the events extracted from it.
        rejects: the documents a stage refused.

    Returns:
        What changed; ``touched`` lists the articles whose events or sources changed (dedup input).
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
            if copy is not None:
                near += 1
                target, distance = copy
                if store.add_copy(article, target, "near", distance):
                    touched.add(target)
                continue
            added += 1
            ev_added += store.add_article(article, events, keys)
            touched.add(article.content_hash)
        rej_added = store.record_rejects(rejects)
    return IngestCounts(added, seen, ev_added, rej_added, near, tuple(sorted(touched)))
