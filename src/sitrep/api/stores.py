"""The API's database connections: a small pool for reads, one connection for writes.

Request handlers run in a thread pool. Reads take a connection of their own from ``StorePool``
(opened on first need, at most ``size`` of them, each with a statement time limit), so
concurrent requests read in parallel: SQLite in WAL mode and PostgreSQL both serve many readers
at once. Writes (a review, a rebuild) go one at a time through the store the app was given. A
store that cannot be opened again (a test double, ``:memory:``) serves reads through that one
connection, one at a time, as before.

Why hand-written: the store is our own protocol over two drivers; a generic pool (psycopg_pool)
would cover one of them.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..store.base import Store

log = logging.getLogger(__name__)

POOL_SIZE = 4
STATEMENT_MS = 10_000  # a read that runs longer is stopped (QueryTimeout: 503)


class StorePool:
    """Read connections handed out per request, and the one write connection."""

    def __init__(self, store: Store, opener: Callable[[], Store] | None, size: int = POOL_SIZE) -> None:
        self.main = store
        self.opener = opener
        self.size = max(1, size) if opener is not None else 1
        self.write_lock = threading.Lock()
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._opened: list[Store] = []
        self._open_lock = threading.Lock()
        self._watch: Store | None = None  # reads the data generation only (``generation``)
        self._watch_lock = threading.Lock()

    @contextmanager
    def read(self) -> Iterator[Store]:
        """A connection for one request's reads (waits when all ``size`` are busy)."""
        if self.opener is None:
            with self.write_lock:
                yield self.main
            return
        store = self._take()
        try:
            yield store
        finally:
            self._idle.put(store)

    @contextmanager
    def write(self) -> Iterator[Store]:
        """The write connection, one writer at a time."""
        with self.write_lock:
            yield self.main

    def generation(self) -> tuple[int, int] | None:
        """The store's (data generation, events generation) (None: it keeps none), read on a
        connection of its own, so a kept answer (``cache``) never waits for a read connection a
        slow query holds."""
        if self.opener is None:
            with self.write_lock:
                return _generation_of(self.main)
        with self._watch_lock:
            if self._watch is None:
                self._watch = self.opener()
            return _generation_of(self._watch)

    def _take(self) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._open_lock:
            if len(self._opened) < self.size:
                assert self.opener is not None
                store = self.opener()
                self._opened.append(store)
                return store
        return self._idle.get(timeout=60)

    def close(self) -> None:
        """Close the read connections this pool opened (not the store it was given)."""
        with self._open_lock, self._watch_lock:
            watch, self._watch = self._watch, None
            for store in [*self._opened, *([watch] if watch is not None else [])]:
                try:
                    store.close()
                except Exception as exc:  # noqa: BLE001 - closing at shutdown: log and go on
                    log.debug("closing a read connection: %r", exc)
            self._opened.clear()


def _generation_of(store: Store) -> tuple[int, int] | None:
    """(data generation, events generation); None for a store that keeps none (a test double)."""
    read = getattr(store, "generations", None)
    if read is None:
        return None
    data, events = read()
    return int(data), int(events)


def reopener(store: Store) -> Callable[[], Store] | None:
    """How to open another connection to ``store``'s database (None: it cannot be reopened)."""
    from ..store.sql import SQLStore

    url = getattr(store, "url", "")
    if not isinstance(store, SQLStore) or not url or url == ":memory:":
        return None

    def open_reader() -> Store:
        from ..store.open import open_store

        reader = open_store(url, settings_hash=store.settings_hash)
        reader.limit_statements(STATEMENT_MS)  # type: ignore[attr-defined]
        return reader

    return open_reader
