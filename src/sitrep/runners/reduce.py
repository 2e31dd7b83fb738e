"""The reduce step after ingest: re-cluster the neighbourhood of new articles into canonical events.

Dedup itself (``sitrep.dedup``) is pure; this module reads its input from the store and writes
its output back. For the articles that changed, it reads their mentions, then every mention in
the same blocks (country, type family) within two day-windows, then the other members of the
canonical events those mentions belong to, re-clusters them all and writes the result.
Re-running on the same data writes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from ..dedup import dedup_events
from ..dedup.cluster import block, neighbourhood
from ..store.base import DedupCounts, Store

log = logging.getLogger(__name__)


def reduce_articles(store: Store, content_hashes: Sequence[str]) -> DedupCounts:
    """Rebuild the canonical events around the articles stored under ``content_hashes``.

    Args:
        store: the store the articles were saved to.
        content_hashes: articles that are new or gained a source (``IngestCounts.touched``).

    Returns:
        How many canonical events were created, updated, left unchanged or superseded.
    """
    if not content_hashes:
        return DedupCounts()
    seed = store.load_mentions(content_hashes=content_hashes)
    if not seed:
        return DedupCounts()
    blocks, since, until = neighbourhood(seed)
    countries = sorted({c or None for c, _ in blocks}, key=lambda c: c or "")
    near = store.load_mentions(
        content_hashes=content_hashes, countries=countries or [None], since=since, until=until
    )
    pool = {m.event_id: m for m in near if block(m) in blocks}
    pool.update({m.event_id: m for m in seed})
    # Whole clusters only: bring in the other members of every canonical event we touch.
    current = store.canonical_ids(sorted(pool))
    if current:
        members = [m for m in store.members(sorted(set(current.values()))) if m not in pool]
        pool.update({m.event_id: m for m in store.load_mentions(event_ids=members)})
    canon = dedup_events(pool.values())
    counts = store.write_canonical(canon, scope=sorted(pool))
    log.info("dedup: %d mentions -> %d canonical events (%s)", len(pool), len(canon), counts)
    return counts


def rebuild_all(store: Store) -> DedupCounts:
    """Re-cluster every stored mention (``sitrep dedup``)."""
    mentions = store.load_mentions()
    canon = dedup_events(mentions)
    return store.write_canonical(canon, scope=[m.event_id for m in mentions])
