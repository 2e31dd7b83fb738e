"""Ordered, named schema migrations for both backends, recorded in the ``migrations`` table.

A migration is applied once, inside a transaction; adding one means appending to ``MIGRATIONS``
(never editing an applied one). The DDL is written once with ``{REAL}``/``{BIGINT}``/``{NOW}``
slots that each dialect fills in. ``004_postgis`` is PostgreSQL-only and is left unrecorded
(and retried on the next start) while PostGIS is not installed.

The store holds no dedup logic: the articles stored before ``002_article_sources`` get a
``PENDING_BANDS`` marker row instead of their MinHash band keys, and the runner that saves the
next batch computes their keys (``runners.save``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime

from ..errors import MigrationError
from ..records import outlet_of
from .advisories import m019_advisories
from .alerts import m021_alerts, m022_welfare
from .backend import Backend
from .ddl import ddl as _ddl
from .generation import m017_data_generation, m026_events_generation
from .read_indexes import (
    m008_event_filters,
    m009_text_search,
    m010_stats_counts,
    m011_actor_search,
    m012_paging_place,
    m014_actor_names,
    m015_pg_page_order,
    m024_covering_reads,
    m025_pg_bbox_dates,
)
from .report_snapshots import m023_report_snapshots
from .reviews import m013_reviews
from .risk import m020_risk_levels
from .tokens import m016_tokens
from .watchlist import m018_watchlist

PENDING_BANDS = -1  # article_bands.band of the marker row of an article whose keys are not computed yet


def _m001_initial(store: Backend) -> None:
    _ddl(
        store,
        """
        CREATE TABLE articles (
            doc_id TEXT NOT NULL,
            content_hash TEXT PRIMARY KEY,
            origin TEXT,
            url TEXT,
            title TEXT,
            published TEXT,
            published_basis TEXT,
            text TEXT NOT NULL,
            warnings TEXT,
            ingested_at TEXT NOT NULL DEFAULT {NOW}
        );
        CREATE INDEX articles_doc_id ON articles(doc_id);
        CREATE TABLE events (
            event_id TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL,
            content_hash TEXT NOT NULL REFERENCES articles(content_hash),
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            date TEXT,
            time_precision INTEGER,
            location TEXT,
            admin1 TEXT,
            country TEXT,
            latitude {REAL},
            longitude {REAL},
            geo_precision INTEGER,
            actor1 TEXT,
            actor2 TEXT,
            fatalities INTEGER,
            confidence {REAL},
            producer TEXT,
            settings_hash TEXT,
            data TEXT NOT NULL
        );
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_country ON events(country, date);
        CREATE INDEX events_type ON events(event_type, sub_event_type);
        CREATE INDEX events_latlon ON events(latitude, longitude);
        CREATE TABLE rejects (
            key TEXT PRIMARY KEY,
            doc_id TEXT,
            origin TEXT,
            stage TEXT NOT NULL,
            reason TEXT NOT NULL,
            seen_at TEXT NOT NULL DEFAULT {NOW}
        )
        """,
    )


def _m002_article_sources(store: Backend) -> None:
    """MinHash LSH band keys of articles; every (doc id, URL) that carried an article."""
    _ddl(
        store,
        """
        CREATE INDEX events_content_hash ON events(content_hash);
        CREATE TABLE article_bands (
            band INTEGER NOT NULL,
            key {BIGINT} NOT NULL,
            content_hash TEXT NOT NULL REFERENCES articles(content_hash),
            PRIMARY KEY (band, key, content_hash)
        );
        CREATE TABLE article_sources (
            key TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL REFERENCES articles(content_hash),
            doc_id TEXT NOT NULL,
            url TEXT,
            origin TEXT,
            outlet TEXT,
            title TEXT,
            published TEXT,
            text_hash TEXT NOT NULL,
            relation TEXT NOT NULL,
            distance INTEGER NOT NULL DEFAULT 0,
            seen_at TEXT NOT NULL DEFAULT {NOW}
        );
        CREATE INDEX article_sources_hash ON article_sources(content_hash);
        CREATE INDEX article_sources_doc ON article_sources(doc_id)
        """,
    )
    rows = store.rows("SELECT content_hash, doc_id, url, origin, title, published, text FROM articles")
    for r in rows:
        store.execute(
            "INSERT INTO article_bands (band, key, content_hash) VALUES (?, 0, ?) ON CONFLICT DO NOTHING",
            (PENDING_BANDS, r["content_hash"]),
        )
        store.execute(
            "INSERT INTO article_sources (key, content_hash, doc_id, url, origin, outlet, title, published,"
            " text_hash, relation) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                source_key(r["content_hash"], r["doc_id"], r["url"], r["content_hash"]),
                r["content_hash"],
                r["doc_id"],
                r["url"],
                r["origin"],
                outlet_of(r["url"]),
                r["title"],
                r["published"],
                r["content_hash"],
                "self",
            ),
        )


def _m003_canonical(store: Backend) -> None:
    """Canonical events (one per happening), their versions and their member mentions."""
    _ddl(
        store,
        """
        CREATE TABLE canonical_events (
            event_id TEXT PRIMARY KEY,
            event_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL,
            family TEXT NOT NULL,
            date TEXT,
            time_precision INTEGER,
            location TEXT,
            admin1 TEXT,
            country TEXT,
            latitude {REAL},
            longitude {REAL},
            geo_precision INTEGER,
            actor1 TEXT,
            actor2 TEXT,
            fatalities INTEGER,
            n_sources INTEGER NOT NULL,
            version INTEGER NOT NULL,
            first_reported TEXT,
            last_reported TEXT,
            search TEXT NOT NULL,
            digest TEXT NOT NULL,
            superseded_by TEXT,
            producer TEXT NOT NULL,
            updated_at TEXT NOT NULL DEFAULT {NOW},
            data TEXT NOT NULL
        );
        CREATE INDEX canonical_date_place ON canonical_events(date, latitude, longitude);
        CREATE INDEX canonical_country ON canonical_events(country, date);
        CREATE INDEX canonical_admin1 ON canonical_events(admin1, date);
        CREATE INDEX canonical_type ON canonical_events(event_type, date);
        CREATE INDEX canonical_subtype ON canonical_events(sub_event_type, date);
        CREATE INDEX canonical_place ON canonical_events(latitude, longitude);
        CREATE TABLE canonical_versions (
            event_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            as_of TEXT,
            data TEXT NOT NULL,
            PRIMARY KEY (event_id, version)
        );
        CREATE TABLE canonical_members (
            mention_id TEXT PRIMARY KEY,
            event_id TEXT NOT NULL,
            doc_id TEXT NOT NULL
        );
        CREATE INDEX canonical_members_event ON canonical_members(event_id);
        CREATE INDEX canonical_members_doc ON canonical_members(doc_id)
        """,
    )


def _m004_postgis(store: Backend) -> None:
    """PostGIS point column and GiST index on canonical events (PostgreSQL with PostGIS only)."""
    _ddl(
        store,
        """
        ALTER TABLE canonical_events ADD COLUMN geom geometry(Point, 4326)
            GENERATED ALWAYS AS (
                CASE WHEN latitude IS NULL OR longitude IS NULL THEN NULL
                ELSE ST_SetSRID(ST_MakePoint(longitude, latitude), 4326) END
            ) STORED;
        CREATE INDEX canonical_geom ON canonical_events USING GIST (geom)
        """,
    )


def _m005_live_indexes(store: Backend) -> None:
    """Indexes for the dashboard: newest-first listing and counts of live (not superseded) events."""
    # Newest first, with the point: a bbox + time query filters inside the index and needs no sort.
    order = "date DESC NULLS LAST" if store.dialect == "postgres" else "date DESC"
    recent = f"{order}, event_id, latitude, longitude"
    _ddl(
        store,
        f"""
        CREATE INDEX canonical_recent ON canonical_events({recent});
        CREATE INDEX canonical_live_day ON canonical_events(superseded_by, date, latitude, longitude);
        CREATE INDEX canonical_live_type ON canonical_events(superseded_by, event_type);
        CREATE INDEX canonical_live_country ON canonical_events(superseded_by, country, date)
        """,
    )


def _m006_revisions_and_pending(store: Backend) -> None:
    """Near copies kept as revisions (``near_of``; ``story``: the first text of the chain), and the
    queue of articles dedup still owes.

    A store written before this migration may hold events that no canonical event has (an
    ingest killed between its save and its dedup): their articles are queued now, so the next
    ingest or ``sitrep dedup --pending`` places them.
    """
    _ddl(
        store,
        """
        ALTER TABLE articles ADD COLUMN near_of TEXT;
        ALTER TABLE articles ADD COLUMN near_distance INTEGER;
        ALTER TABLE articles ADD COLUMN story TEXT;
        CREATE INDEX articles_story ON articles(story);
        CREATE TABLE dedup_pending (
            content_hash TEXT PRIMARY KEY REFERENCES articles(content_hash),
            queued_at TEXT NOT NULL DEFAULT {NOW}
        )
        """,
    )
    store.execute(
        "INSERT INTO dedup_pending (content_hash) SELECT DISTINCT e.content_hash FROM events e"
        " WHERE NOT EXISTS (SELECT 1 FROM canonical_members m WHERE m.mention_id = e.event_id)"
    )


def _m007_feeds(store: Backend) -> None:
    """Watched feeds with their polling state, and every item seen (with its latency to storage)."""
    _ddl(
        store,
        """
        CREATE TABLE feeds (
            url TEXT PRIMARY KEY,
            title TEXT,
            etag TEXT,
            last_modified TEXT,
            last_polled TEXT,
            last_status TEXT,
            last_error TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            items_seen INTEGER NOT NULL DEFAULT 0,
            added_at TEXT NOT NULL DEFAULT {NOW}
        );
        CREATE TABLE feed_items (
            feed_url TEXT NOT NULL REFERENCES feeds(url),
            item_key TEXT NOT NULL,
            url TEXT,
            seen_at {REAL} NOT NULL,
            stored_at {REAL},
            status TEXT NOT NULL,
            reason TEXT,
            PRIMARY KEY (feed_url, item_key)
        )
        """,
    )


Migration = tuple[str, Callable[[Backend], None], tuple[str, ...]]

#: (name, function, dialects it applies to), in order.
MIGRATIONS: list[Migration] = [
    ("001_initial", _m001_initial, ("sqlite", "postgres")),
    ("002_article_sources", _m002_article_sources, ("sqlite", "postgres")),
    ("003_canonical", _m003_canonical, ("sqlite", "postgres")),
    ("004_postgis", _m004_postgis, ("postgres",)),
    ("005_live_indexes", _m005_live_indexes, ("sqlite", "postgres")),
    ("006_revisions_and_pending", _m006_revisions_and_pending, ("sqlite", "postgres")),
    ("007_feeds", _m007_feeds, ("sqlite", "postgres")),
    ("008_event_filters", m008_event_filters, ("sqlite", "postgres")),
    ("009_text_search", m009_text_search, ("sqlite", "postgres")),
    ("010_stats_counts", m010_stats_counts, ("sqlite", "postgres")),
    ("011_actor_search", m011_actor_search, ("sqlite", "postgres")),
    ("012_paging_place", m012_paging_place, ("sqlite", "postgres")),
    ("013_reviews", m013_reviews, ("sqlite", "postgres")),
    ("014_actor_names", m014_actor_names, ("sqlite", "postgres")),
    ("015_pg_page_order", m015_pg_page_order, ("postgres",)),
    ("016_tokens", m016_tokens, ("sqlite", "postgres")),
    ("017_data_generation", m017_data_generation, ("sqlite", "postgres")),
    ("018_watchlist", m018_watchlist, ("sqlite", "postgres")),
    ("019_advisories", m019_advisories, ("sqlite", "postgres")),
    ("020_risk_levels", m020_risk_levels, ("sqlite", "postgres")),
    ("021_alerts", m021_alerts, ("sqlite", "postgres")),
    ("022_welfare", m022_welfare, ("sqlite", "postgres")),
    ("023_report_snapshots", m023_report_snapshots, ("sqlite", "postgres")),
    ("024_covering_reads", m024_covering_reads, ("sqlite", "postgres")),
    ("025_pg_bbox_dates", m025_pg_bbox_dates, ("postgres",)),
    ("026_events_generation", m026_events_generation, ("sqlite", "postgres")),
]


def source_key(content_hash: str, doc_id: str, url: str | None, text_hash: str) -> str:
    """Key of one (article, doc id, URL, text) sighting: re-ingesting it adds nothing."""
    return hashlib.sha1(f"{content_hash}|{doc_id}|{url or ''}|{text_hash}".encode()).hexdigest()


def migrate(db: Backend, upto: str | None = None) -> list[str]:
    """Apply the migrations not yet recorded in ``db`` (up to the one named ``upto``, when
    given); return the names applied now.

    Safe when several processes open one fresh database at once: the whole run holds the
    backend's migration lock (a PostgreSQL advisory lock), and each migration checks, inside
    its own write transaction (SQLite's ``BEGIN IMMEDIATE`` serialises writers), that no other
    process recorded it first.

    Raises:
        MigrationError: a migration failed (it is rolled back and not recorded).
    """
    with db.migration_lock():
        db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {r["name"] for r in db.rows("SELECT name FROM migrations")}
        applied = []
        for name, fn, dialects in MIGRATIONS:
            if upto is not None and name > upto:
                break
            if name in done or db.dialect not in dialects or not db.can_apply(name):
                continue
            try:
                with db.transaction():
                    if db.rows("SELECT name FROM migrations WHERE name = ?", (name,)):
                        continue  # another process applied it since we looked
                    fn(db)
                    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
                    db.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now))
            except Exception as exc:
                raise MigrationError(f"migration {name} failed on {db.dialect}: {exc}") from exc
            applied.append(name)
    return applied


def describe() -> str:
    """The migration names, one per line (for ``sitrep db migrate --list``)."""
    return "\n".join(json.dumps({"name": n, "dialects": list(d)}) for n, _, d in MIGRATIONS)
