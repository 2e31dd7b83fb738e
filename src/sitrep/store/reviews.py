"""The store side of review: analysts' actions kept for good, found by the mentions they name.

``reviews`` holds each ``records.Review`` (append-only: a later action overrides an earlier
one when they are replayed, nothing is edited); ``review_mentions`` indexes every mention a
review names (its anchor, a merge partner, the mentions split off), so the reduce step finds the
reviews of the mentions it re-clusters (``reviews_for``) and walks the links a merge or split
adds (``review_links``). Migration ``013_reviews`` creates both and the canonical ``review``
column (the verdict, a filter).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..records import Review
from .backend import Backend, chunks, marks
from .ddl import ddl as _ddl


def m013_reviews(store: Backend) -> None:
    """The reviews, the mentions they name, and each canonical event's verdict."""
    _ddl(
        store,
        """
        CREATE TABLE reviews (
            review_id TEXT PRIMARY KEY,
            action TEXT NOT NULL,
            anchor TEXT NOT NULL,
            event_id TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            at TEXT NOT NULL,
            reason TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX reviews_at ON reviews(at, review_id);
        CREATE TABLE review_mentions (
            mention_id TEXT NOT NULL,
            review_id TEXT NOT NULL REFERENCES reviews(review_id),
            PRIMARY KEY (mention_id, review_id)
        );
        ALTER TABLE canonical_events ADD COLUMN review TEXT
        """,
    )


class SQLReviews(Backend):
    """Reviews in and out (mixed into ``SQLStore``)."""

    def add_review(self, review: Review) -> bool:
        """Keep a review; False when one with its id is kept already."""
        with self.transaction():
            added = self.execute(
                "INSERT INTO reviews (review_id, action, anchor, event_id, reviewer, at, reason, data)"
                " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                (
                    review.review_id,
                    review.action,
                    review.anchor,
                    review.event_id,
                    review.reviewer,
                    review.at,
                    review.reason,
                    json.dumps(review.to_dict(), ensure_ascii=False, sort_keys=True),
                ),
            )
            self.executemany(
                "INSERT INTO review_mentions (mention_id, review_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(m, review.review_id) for m in sorted({review.anchor, *review.mentions})],
            )
        return added > 0

    def reviews_for(self, mention_ids: Sequence[str]) -> list[Review]:
        """Every review naming one of the mentions, oldest first."""
        ids: set[str] = set()
        for part in chunks(sorted(set(mention_ids))):
            ids.update(
                r["review_id"]
                for r in self.rows(
                    f"SELECT review_id FROM review_mentions WHERE mention_id IN ({marks(len(part))})", part
                )
            )
        out: list[Review] = []
        for part in chunks(sorted(ids)):
            out += [
                Review.from_dict(json.loads(r["data"]))
                for r in self.rows(f"SELECT data FROM reviews WHERE review_id IN ({marks(len(part))})", part)
            ]
        return sorted(out, key=lambda r: (r.at, r.review_id))

    def review_links(self, mention_ids: Sequence[str]) -> list[str]:
        """The other mentions that reviews of these mentions name (what a merge or split ties)."""
        reviews = self.reviews_for(mention_ids)
        named = {m for r in reviews for m in (r.anchor, *r.mentions)}
        return sorted(named - set(mention_ids))

    def latest_review_at(self) -> str | None:
        """The time of the latest kept review (None: no review yet)."""
        rows = self.rows("SELECT max(at) AS at FROM reviews")
        return str(rows[0]["at"]) if rows and rows[0]["at"] else None

    def reviews(self, since: str | None = None) -> list[Review]:
        """Every review (at or after ``since``, an ISO time), oldest first."""
        sql, args = "SELECT data FROM reviews", []
        if since:
            sql += " WHERE at >= ?"
            args.append(since)
        rows = self.rows(sql + " ORDER BY at, review_id", args)
        return [Review.from_dict(json.loads(r["data"])) for r in rows]
