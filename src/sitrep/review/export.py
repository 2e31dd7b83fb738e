"""``sitrep review export``: analysts' verdicts as labelled sentences for the event model's corpus.

Every reviewed canonical event gives one row per evidence sentence, in the shape of
``data/events-corpus/part-*.jsonl`` (the rows ``scripts/train_sentence_model.py`` reads and
``scripts/check_corpus.py`` checks): the sentence, its label (the reviewed sub-event type, or
``"None"`` for an event rejected as not an event), place, actors and toll as reviewed, and
``family`` ``"review"``. A ``review`` key says who decided what, when and why, and from which
document the sentence came. Confirmed, corrected, merged and split events are positives;
rejected ones are negatives. Rows are sorted by id, so an export of the same reviews is the same.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from ..store.base import EventFilters, Store

NOT_EVENT = "None"  # the corpus's label for a sentence that reports no codable event
PAGE = 1000


def reviewed_events(store: Store) -> Iterator[dict[str, Any]]:
    """Every reviewed event (rejected ones too), as its public JSON, newest first."""
    for verdict in ("reviewed", "rejected"):
        cursor = None
        while True:
            page = store.query_events(EventFilters(review=verdict, limit=PAGE, cursor=cursor))
            for e in page:
                yield json.loads(e.document)
            if len(page) < PAGE:
                break
            last = json.loads(page[-1].document)
            cursor = ("after", last.get("date"), last["event_id"])


def labelled_examples(store: Store) -> list[dict[str, Any]]:
    """The corpus rows of every reviewed event's evidence (see the module docstring)."""
    rows: dict[str, dict[str, Any]] = {}
    for e in reviewed_events(store):
        review = e.get("review") or {}
        rejected = review.get("status") == "rejected"
        for ev in e.get("evidence", []):
            text = " ".join(str(ev.get("text", "")).split())
            if not text:
                continue
            key = hashlib.sha1(f"{e['event_id']}|{text}".encode()).hexdigest()[:12]
            rows[key] = {
                "id": f"review-{key}",
                "text": text,
                "label": NOT_EVENT if rejected else e["sub_event_type"],
                "family": "review",
                "country": e.get("country"),
                "style": "review",
                "location": None if rejected else e.get("location"),
                "actor1": None if rejected else e.get("actor1"),
                "actor2": None if rejected else e.get("actor2"),
                "fatalities": None if rejected else e.get("fatalities"),
                "review": {
                    "event_id": e["event_id"],
                    "doc_id": ev.get("doc_id"),
                    "status": review.get("status"),
                    "reviewer": review.get("reviewer"),
                    "at": review.get("at"),
                    "reason": review.get("reason"),
                },
            }
    return [rows[k] for k in sorted(rows)]
