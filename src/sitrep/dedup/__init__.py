"""Stage 5: extracted events from many articles → canonical events that keep every source.

``dedup_events(mentions)`` is the entry function: it clusters mentions into happenings
(``events.cluster``) and merges each cluster into a ``CanonicalEvent`` with its versions
(``canonical.canonicalize``). Deterministic, no I/O, independent of input order.
``articles`` holds the SimHash used to store near-duplicate articles once.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..registry import register
from ..taxonomy import family
from .canonical import CanonicalEvent, Version, canonicalize
from .events import Mention, SourceRef, cluster, compatible, outlet_of

PRODUCER = "dedup.greedy.v1"


@register(PRODUCER)
def dedup_events(mentions: Iterable[Mention]) -> list[CanonicalEvent]:
    """Canonical events for ``mentions``, ordered by first report; the same for any input order.

    Args:
        mentions: extracted events with their reporting article (``Mention.from_dict``).

    Returns:
        One ``CanonicalEvent`` per happening, each listing every mention and its versions.
    """
    return [canonicalize(members) for members in cluster(mentions)]


__all__ = [
    "PRODUCER",
    "CanonicalEvent",
    "Mention",
    "SourceRef",
    "Version",
    "canonicalize",
    "cluster",
    "compatible",
    "dedup_events",
    "family",
    "outlet_of",
]
