"""Review: analysts confirm, correct, merge, split or reject canonical events.

``review_event`` (``desk``) checks and keeps one action and rebuilds the events it bears on;
``apply_reviews`` (``apply``, pure) replays every kept review on each re-clustering, so reviews
survive new reports and re-dedup; ``parse_corrections`` (``corrections``) says what may be
corrected and how; ``labelled_examples`` (``export``) turns verdicts into training sentences.
"""

from __future__ import annotations

from .apply import apply_reviews
from .corrections import CORRECTABLE, parse_corrections, place_fields
from .desk import ReviewOutcome, anchor_of, review_event
from .export import labelled_examples

__all__ = [
    "CORRECTABLE",
    "ReviewOutcome",
    "anchor_of",
    "apply_reviews",
    "labelled_examples",
    "parse_corrections",
    "place_fields",
    "review_event",
]
