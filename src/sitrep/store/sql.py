"""The SQL both backends share: schema, articles and their sources, extracted events, rejects.

``SQLStore`` holds every query (reads in ``reads``, dedup input and output in ``mentions``);
``sqlite.py`` and ``postgres.py`` only supply a connection, transactions, the placeholder style
and the spatial clauses (``backend.Backend``). SQL is written with ``?`` placeholders (rewritten
to ``%s`` for PostgreSQL) and portable syntax (``ON CONFLICT``, ``NULLS LAST``). Writes are
idempotent upserts keyed on content hashes and event ids.

The store decides nothing about near-duplicates: the runner (``runners.save``) asks it for the
articles that share a MinHash band, decides with ``dedup.articles``, and tells it to store an
article as new (``add_article``) or as a copy of a stored one (``add_copy``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Literal

from ..geodesy import distance_km
from ..records import Article, Event, Rejected, outlet_of
from .advisories import SQLAdvisories
from .alerts import SQLAlerts
from .backend import chunks, marks
from .feeds import SQLFeeds
from .generation import SQLGeneration
from .mentions import SQLMentions
from .migrations import PENDING_BANDS, migrate, source_key
from .reads import SQLReads
from .report_snapshots import SQLReportSnapshots
from .reviews import SQLReviews
from .risk import SQLRisk
from .tokens import SQLTokens
from .watchlist import SQLWatchlist


class SQLStore(
    SQLMentions,
    SQLReads,
    SQLFeeds,
    SQLReviews,
    SQLTokens,
    SQLAlerts,  # before SQLWatchlist: it overrides the watchlist's forget_alerts_of
    SQLWatchlist,
    SQLAdvisories,
    SQLReportSnapshots,
    SQLRisk,
    SQLGeneration,
):
    """Every query of the store; subclasses provide the connection (``backend.Backend``)."""

    # ------------------------------------------------------------ schema

    def migrate(self, upto: str | None = None) -> list[str]:
        """Apply the migrations not yet recorded (those named up to ``upto`` only, when given);
        return the names applied now."""
        return migrate(self, upto)

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in order."""
        return [r["name"] for r in self.rows("SELECT name FROM migrations ORDER BY name")]

    # ------------------------------------------------------------ articles, events, rejects

    def has_article(self, content_hash: str) -> bool:
        """Whether an article with this exact text fingerprint is stored."""
        return bool(self.rows("SELECT 1 AS x FROM articles WHERE content_hash = ?", (content_hash,)))

    def near_candidates(self, band_keys: Sequence[int]) -> list[tuple[str, str]]:
        """(content hash, text) of the stored articles sharing a MinHash band key, by content hash."""
        if not band_keys:
            return []
        conds = " OR ".join("(band = ? AND key = ?)" for _ in band_keys)
        args = [x for pair in enumerate(band_keys) for x in pair]
        rows = self.rows(
            "SELECT content_hash, text FROM articles WHERE content_hash IN"
            f" (SELECT content_hash FROM article_bands WHERE {conds}) ORDER BY content_hash",
            args,
        )
        return [(r["content_hash"], r["text"]) for r in rows]

    def pending_bands(self) -> list[tuple[str, str]]:
        """(content hash, text) of the articles whose band keys are still to compute (migrated ones)."""
        rows = self.rows(
            "SELECT a.content_hash, a.text FROM article_bands b JOIN articles a"
            " ON a.content_hash = b.content_hash WHERE b.band = ? ORDER BY a.content_hash",
            (PENDING_BANDS,),
        )
        return [(r["content_hash"], r["text"]) for r in rows]

    def set_bands(self, content_hash: str, band_keys: Sequence[int]) -> None:
        """Store the band keys of an article whose keys were pending."""
        self.execute(
            "DELETE FROM article_bands WHERE band = ? AND content_hash = ?", (PENDING_BANDS, content_hash)
        )
        self._insert_bands(content_hash, band_keys)

    def _insert_bands(self, content_hash: str, band_keys: Sequence[int]) -> None:
        self.executemany(
            "INSERT INTO article_bands (band, key, content_hash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(band, key, content_hash) for band, key in enumerate(band_keys)],
        )

    def add_article(
        self,
        a: Article,
        events: Sequence[Event],
        band_keys: Sequence[int],
        near: tuple[str, int] | None = None,
    ) -> int:
        """Store a new article, its band keys and its events; return how many events were new.

        Args:
            near: (content hash, distance) of the stored article this one revises, when it is a
                near copy whose text differs (an updated wire story): kept for provenance.
        """
        self.execute(
            "INSERT INTO articles (doc_id, content_hash, origin, url, title, published, published_basis,"
            " text, warnings, near_of, near_distance, story) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT DO NOTHING",
            (
                a.doc_id,
                a.content_hash,
                a.origin,
                a.url,
                a.title,
                a.published.isoformat() if a.published else None,
                a.published_basis,
                a.text,
                json.dumps(list(a.warnings)),
                near[0] if near else None,
                near[1] if near else None,
                self._story(near[0]) if near else a.content_hash,
            ),
        )
        self._insert_bands(a.content_hash, band_keys)
        self._add_source(a, a.content_hash, "self", 0)
        return self._add_events(a, events)

    def add_copy(self, a: Article, of: str, relation: Literal["exact", "near"], distance: int) -> bool:
        """Record ``a`` as another source of the article stored under ``of``; False if already known.

        Args:
            a: the article that carried the stored text (its events are the stored article's).
            of: the content hash of the stored article.
            relation: "exact" (the same fingerprint) or "near" (``dedup.articles`` found it a copy).
            distance: how different the two texts are (``dedup.articles.distance``; 0 when exact).
        """
        if relation == "exact":
            own = self.rows("SELECT doc_id, url FROM articles WHERE content_hash = ?", (of,))
            if own and own[0]["doc_id"] == a.doc_id and own[0]["url"] == a.url:
                return False
        return self._add_source(a, of, relation, distance)

    def _add_source(self, a: Article, target: str, relation: str, distance: int) -> bool:
        """Record that ``a`` (doc id, URL) carried the article stored under ``target``."""
        return (
            self.execute(
                "INSERT INTO article_sources (key, content_hash, doc_id, url, origin, outlet, title,"
                " published, text_hash, relation, distance) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT DO NOTHING",
                (
                    source_key(target, a.doc_id, a.url, a.content_hash),
                    target,
                    a.doc_id,
                    a.url,
                    a.origin,
                    outlet_of(a.url),
                    a.title,
                    a.published.isoformat() if a.published else None,
                    a.content_hash,
                    relation,
                    distance,
                ),
            )
            > 0
        )

    def _story(self, content_hash: str) -> str:
        """The first text of the chain of revisions an article belongs to."""
        rows = self.rows("SELECT story FROM articles WHERE content_hash = ?", (content_hash,))
        return str(rows[0]["story"]) if rows and rows[0]["story"] else content_hash

    def queue_dedup(self, content_hashes: Sequence[str]) -> None:
        """Note articles whose canonical events dedup still owes (saved with them, cleared by it)."""
        self.executemany(
            "INSERT INTO dedup_pending (content_hash) VALUES (?) ON CONFLICT DO NOTHING",
            [(h,) for h in sorted(set(content_hashes))],
        )

    def pending_dedup(self) -> list[str]:
        """The articles queued for dedup and not yet placed (left by a run that was stopped)."""
        return [r["content_hash"] for r in self.rows("SELECT content_hash FROM dedup_pending ORDER BY 1")]

    def clear_pending(self, content_hashes: Sequence[str]) -> None:
        """Forget queued articles once their canonical events are written."""
        for part in chunks(sorted(set(content_hashes))):
            self.execute(f"DELETE FROM dedup_pending WHERE content_hash IN ({marks(len(part))})", part)

    def _add_events(self, article: Article, events: Sequence[Event]) -> int:
        """Insert an article's extracted events (the dedup mentions); return how many were new."""
        n = 0
        for ev in events:
            d = ev.to_dict()
            n += self.execute(
                "INSERT INTO events (event_id, doc_id, content_hash, event_type, sub_event_type, date,"
                " time_precision, location, admin1, country, latitude, longitude, geo_precision, actor1,"
                " actor2, fatalities, confidence, producer, settings_hash, data)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                (
                    d["event_id"],
                    ev.doc_id,
                    article.content_hash,
                    ev.event_type,
                    ev.sub_event_type,
                    d["date"],
                    ev.time_precision,
                    ev.location,
                    ev.admin1,
                    ev.country,
                    ev.latitude,
                    ev.longitude,
                    ev.geo_precision,
                    ev.actor1,
                    ev.actor2,
                    ev.fatalities,
                    ev.confidence,
                    ev.producer,
                    self.settings_hash,
                    json.dumps(d, ensure_ascii=False),
                ),
            )
        return n

    def record_rejects(self, rejects: Iterable[Rejected]) -> int:
        """Record rejected documents once each; return how many were new."""
        n = 0
        for rej in rejects:
            key = hashlib.sha1(f"{rej.origin}|{rej.stage}|{rej.reason}".encode()).hexdigest()
            n += self.execute(
                "INSERT INTO rejects (key, doc_id, origin, stage, reason) VALUES (?,?,?,?,?)"
                " ON CONFLICT DO NOTHING",
                (key, rej.doc_id, rej.origin, rej.stage, rej.reason),
            )
        return n


def haversine_km(lat1: float | None, lon1: float | None, lat2: float, lon2: float) -> float | None:
    """``geodesy.distance_km`` as a SQL function: None for an unlocated row."""
    if lat1 is None or lon1 is None:
        return None
    return distance_km(lat1, lon1, lat2, lon2)
