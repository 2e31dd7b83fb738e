"""The reduce step after ingest: re-cluster what new articles touch into canonical events.

Dedup itself (``sitrep.dedup``) is pure; this module reads its input from the store and writes
its output back. Clustering decides every mention from the mentions compatible with it, so the
clusters of a *connected* set of mentions (linked by ``dedup.match.compatible``) do not depend
on anything outside it. The reduce step therefore re-clusters exactly the connected sets that
hold the new mentions (``connected``: a breadth-first walk through the store, one ring of
nearby mentions at a time) and writes them back: the result equals a full rebuild
(``rebuild_all``, ``sitrep dedup``) for any split or order of the input.

The articles to place come from the save (``touched``) and from the store's queue
(``pending_dedup``): the save queues them in its own transaction, and the reduce clears them in
the transaction that reads, clusters and writes their canonical events (under the store's
dedup lock, so processes ingesting into one store at once reduce one after the other), so a
run killed in between leaves them queued and the next run places them. Re-running on the same
data writes nothing.

The risk levels of the areas whose events changed are recomputed in the same transaction
(``update_risk``, ``sitrep.risk``), so the levels never lag the events they are made of.

Analysts' reviews (``sitrep.review``) are replayed on every re-clustering
(``review.apply_reviews``), and the walk follows the mentions a merge or split ties together,
so a reduce over part of the store still equals a full rebuild with the reviews applied.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from ..dedup import dedup_events
from ..dedup.cluster import spans, sub_types, touching
from ..records import CanonicalEvent, Mention
from ..review.apply import apply_reviews
from ..risk import areas_of, recompute_all, recompute_areas, stored_params
from ..store.base import DedupCounts, Store

log = logging.getLogger(__name__)


def _around(store: Store, frontier: Sequence[Mention]) -> list[Mention]:
    """Stubs of the stored mentions the frontier can reach: countries, days, families; its stories."""
    subs = sub_types(frontier)
    stories = sorted({m.story for m in frontier if m.story})
    out: list[Mention] = []
    for country, precisions, since, until in spans(frontier):
        out += store.mention_stubs([country], since, until, subs, stories, precisions)
        stories = []  # once is enough: a story's mentions are in any date range
    return out


def connected(store: Store, seeds: Sequence[Mention]) -> list[Mention]:
    """The seeds and every stored mention connected to them, with whole canonical events.

    Walks out ring by ring: the mentions that joined last, with the other members of the
    canonical events they belong to (a store clustered under older rules may hold those apart)
    and the mentions their reviews tie them to (a merge or split), and the ties of those in
    turn until none is new (``_tie_in``), form a ring; the next ring
    is the stored mentions compatible with it. Ends when a ring adds nothing: the pool only
    grows and the store is finite. The walk compares column stubs; the
    full mentions (evidence, copies) are read once at the end.
    """
    pool: dict[str, Mention] = {}
    ring = {m.event_id: m for m in seeds}
    while ring:
        pool.update(ring)
        _tie_in(store, ring, pool)
        near = touching(_around(store, list(ring.values())), list(ring.values()))
        ring = {m.event_id: m for m in near if m.event_id not in pool}
    full = {m.event_id: m for m in seeds}
    rest = sorted(i for i in pool if i not in full)
    full.update({m.event_id: m for m in store.load_mentions(event_ids=rest)} if rest else {})
    return list(full.values())


def _tie_in(store: Store, ring: dict[str, Mention], pool: dict[str, Mention]) -> None:
    """Add to ``ring`` and ``pool`` the mentions tied to the ring, and the ones tied to those.

    A mention tied in (a fellow member of a canonical event, or one a review links) has ties
    of its own: the event it is stored in and the reviews that name it. They are followed
    until none is new, so no re-clustered event loses a member or a reviewed partner the walk
    did not see. Ends: the pool only grows and the store is finite.
    """
    new = sorted(ring)
    while new:
        held = store.canonical_ids(new)
        tied = set(store.members(sorted(set(held.values())))) | set(store.review_links(new))
        others = sorted(i for i in tied if i not in pool)
        added = store.load_mentions(event_ids=others) if others else []
        for m in added:
            pool[m.event_id] = ring[m.event_id] = m
        new = sorted(m.event_id for m in added)


def reduce_articles(store: Store, content_hashes: Sequence[str] = ()) -> DedupCounts:
    """Rebuild the canonical events around the given articles and any still queued.

    Args:
        store: the store the articles were saved to.
        content_hashes: articles that are new or gained a source (``IngestCounts.touched``).

    Returns:
        How many canonical events were created, updated, left unchanged or superseded.
    """
    with store.transaction():  # read, cluster and write in one: processes reduce one at a time
        store.lock_dedup()
        hashes = sorted(set(content_hashes) | set(store.pending_dedup()))
        if not hashes:
            return DedupCounts()
        pool = connected(store, store.load_mentions(content_hashes=hashes))
        canon = canonical_events(store, pool)
        counts = store.write_canonical(canon, scope=sorted(m.event_id for m in pool))
        update_risk(store, pool, canon, counts)
        store.clear_pending(hashes)
    log.info("dedup: %d mentions -> %d canonical events (%s)", len(pool), len(canon), counts)
    return counts


def reduce_mentions(store: Store, mention_ids: Sequence[str]) -> DedupCounts:
    """Rebuild the canonical events around the given mentions (after a review names them)."""
    with store.transaction():
        store.lock_dedup()
        seeds = store.load_mentions(event_ids=sorted(set(mention_ids))) if mention_ids else []
        if not seeds:
            return DedupCounts()
        pool = connected(store, seeds)
        canon = canonical_events(store, pool)
        counts = store.write_canonical(canon, scope=sorted(m.event_id for m in pool))
        update_risk(store, pool, canon, counts)
        return counts


def canonical_events(store: Store, pool: Sequence[Mention]) -> list[CanonicalEvent]:
    """The pool clustered (``dedup_events``), with the stored reviews of its mentions replayed."""
    return apply_reviews(dedup_events(pool), store.reviews_for([m.event_id for m in pool]))


def rebuild_all(store: Store) -> DedupCounts:
    """Re-cluster every stored mention (``sitrep dedup``)."""
    with store.transaction():
        store.lock_dedup()
        mentions = store.load_mentions()
        canon = apply_reviews(dedup_events(mentions), store.reviews())
        counts = store.write_canonical(canon, scope=[m.event_id for m in mentions])
        recompute_all(store, stored_params(store))
        store.clear_pending(store.pending_dedup())
    return counts


def update_risk(
    store: Store, pool: Sequence[Mention], canon: Sequence[CanonicalEvent], counts: DedupCounts
) -> None:
    """Recompute the risk levels of the areas the re-clustered events are in (``sitrep.risk``),
    in the reduce's transaction: the areas of every mention of the pool (so of every canonical
    event they were in before) and of every canonical event now, from the earliest date each
    gives. Nothing when no canonical event changed."""
    if not (counts.created or counts.updated or counts.superseded):
        return
    places = [(m.event.country, m.event.admin1, m.event.date) for m in pool]
    places += [(c.get("country"), c.get("admin1"), c.get("date")) for c in canon]
    recompute_areas(store, areas_of(places))
