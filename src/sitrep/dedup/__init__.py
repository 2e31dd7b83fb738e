"""Stage 5: extracted events from many articles → canonical events that keep every source.

``dedup_events(mentions)`` is the entry function (``canonical``): it clusters mentions into
happenings (``cluster``, by the rules of ``match``) and merges each cluster into a
``CanonicalEvent`` with its versions and the reason each source was joined. Deterministic, no
I/O, independent of input order. ``articles`` decides which articles are near-duplicate copies
of one another (the runner asks it before saving).
"""

from __future__ import annotations

from .canonical import PRODUCER, canonicalize, dedup_events
from .cluster import cluster
from .match import compatible, explain

__all__ = ["PRODUCER", "canonicalize", "cluster", "compatible", "dedup_events", "explain"]
