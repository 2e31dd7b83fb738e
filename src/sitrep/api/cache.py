"""Kept answers for the public event reads, good until the events change.

A crisis desk's dashboards ask the same few questions again and again (this country's events,
the stats, the map's box), and an answer over a million events costs tens of milliseconds of
CPU to count, fetch, serialise and compress. ``CachedReads`` keeps the finished (compressed)
answer of ``GET /api/events``, ``GET /api/events/{id}`` and ``GET /api/stats`` under the store's
data generation (``store.generation``), which moves in the same transaction as any change to the
canonical events, whichever process wrote it. So a kept answer is never stale: every request
reads the generation first (one indexed row) and only an answer kept under the current one is
sent again (or, for ``stale_seconds`` after a change, the one before: see ``CachedReads``).

What it adds to those routes:
- ``ETag: W/"<generation>-<key hash>"`` and ``Cache-Control: no-cache``; a request whose
  ``If-None-Match`` names the current tag gets ``304 Not Modified`` without any query.
- ``X-Cache: hit``, ``miss`` or ``stale``.
- Concurrent misses of one question wait for the first to finish instead of all computing it.
- Right after the events change, an answer known current a few seconds ago (``stale_seconds``)
  is sent once more to anonymous readers while it is computed again in the background; a
  token, ``Cache-Control: no-cache`` or a reload always gets the current answer.

Only routes whose answer does not depend on who asks are kept (a test checks none of them reads
the ``Authorization`` header); everything private passes through untouched. The cache is per
process, bounded in bytes (least recently used answers go first); ``--cache-mb 0`` turns it off.

Why hand-written: the HTTP caches (Varnish, nginx) sit outside the process and cannot see the
store's generation; starlette and FastAPI have no response cache; an ASGI middleware this size
is simpler than adding either.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

CACHED_PATHS = re.compile(r"/api/(?:events|stats)|/api/events/[^/]+")
# Kept under the events generation: they read the canonical events and versions alone. The rest
# (``/api/stats`` counts articles and rejects too) under the data generation.
EVENT_READS = re.compile(r"/api/events(?:/[^/]+)?")
MAX_ENTRY_SHARE = 8  # one answer may fill at most 1/8 of the cache
REFRESHES = 1  # background refreshes at once, per process (the rest of a core stays with requests)


@dataclass(frozen=True, slots=True)
class Kept:
    """One finished answer: its status, headers and (possibly compressed) body."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


@dataclass(slots=True)
class Entry:
    """A kept answer, the generation it was computed at, and when it was last known current
    (``time.monotonic``): computed, or served again while its generation held."""

    kept: Kept
    generation: int
    checked: float


Question = tuple[object, ...]  # (method, path, query string, gzip or not)


class ResponseCache:
    """The latest answer to each question, least recently used dropped first, at most
    ``max_bytes`` of bodies.

    Used from the event loop only (one thread), so it needs no lock.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max(0, max_bytes)
        self.max_entry = self.max_bytes // MAX_ENTRY_SHARE
        self.size = 0
        self._kept: OrderedDict[Question, Entry] = OrderedDict()

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, question: Question) -> Entry | None:
        entry = self._kept.get(question)
        if entry is not None:
            self._kept.move_to_end(question)
        return entry

    def put(self, question: Question, entry: Entry) -> bool:
        """Keep ``entry`` (False when it is larger than one entry may be, or older than the one
        kept: a slow request must not put back an answer a newer one replaced)."""
        if len(entry.kept.body) > self.max_entry:
            return False
        old = self._kept.get(question)
        if old is not None:
            if old.generation > entry.generation:
                return False
            self.size -= len(old.kept.body)
            del self._kept[question]
        self._kept[question] = entry
        self.size += len(entry.kept.body)
        while self.size > self.max_bytes and self._kept:
            _, dropped = self._kept.popitem(last=False)
            self.size -= len(dropped.kept.body)
        return True


class CachedReads:
    """ASGI middleware: serves the cached routes from ``cache`` while the generation holds.

    ``generation`` reads the store's (data generation, events generation) (blocking; run in a
    worker thread), or returns None when the store keeps none: then nothing is cached. An answer
    of ``EVENT_READS`` is kept under the second, any other under the first.

    ``stale_seconds``: after the events change, an answer that was known current at most this
    long ago may be sent once more, marked ``X-Cache: stale``, while it is computed again in the
    background (RFC 5861's stale-while-revalidate). Without it every ingest that lands would make
    every dashboard wait for its questions at once. Requests that carry a token
    (``Authorization``), or ask for no cached answer (``Cache-Control: no-cache`` or
    ``max-age=0``, as a signed-in dashboard and a browser's reload do), always get the current
    answer. 0 sends no stale answers.
    """

    def __init__(
        self,
        app: ASGIApp,
        cache: ResponseCache,
        generation: Callable[[], tuple[int, int] | None],
        stale_seconds: float = 0.0,
    ) -> None:
        self.app = app
        self.cache = cache
        self.generation = generation
        self.stale_seconds = stale_seconds
        # Answers being computed now (concurrent misses of one question wait for them), and the
        # background refreshes waiting for their turn (``_refresh_soon``), which nobody waits for.
        self._inflight: dict[tuple[object, ...], asyncio.Event] = {}
        self._queued: set[tuple[object, ...]] = set()
        self._refreshing = asyncio.Semaphore(REFRESHES)
        self._tasks: set[asyncio.Task[None]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or self.cache.max_bytes <= 0
            or not CACHED_PATHS.fullmatch(scope["path"])
        ):
            await self.app(scope, receive, send)
            return
        try:
            both = await anyio.to_thread.run_sync(self.generation)
        except Exception as exc:  # noqa: BLE001 - no generation, no cache: the route answers (or fails) itself
            log.debug("no data generation: %r", exc)
            both = None
        generation = None if both is None else both[1] if EVENT_READS.fullmatch(scope["path"]) else both[0]
        if generation is None:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        gzip = b"gzip" in headers.get(b"accept-encoding", b"")
        question = (scope["method"], scope["path"], scope.get("query_string", b""), gzip)
        key = (generation, *question)
        etag = _etag(key)
        if etag in _tags(headers.get(b"if-none-match", b"")):
            await _send(send, Kept(304, ((b"etag", etag), (b"cache-control", b"no-cache")), b""), b"hit")
            return
        now = time.monotonic()
        entry = self.cache.get(question)
        if entry is not None and entry.generation == generation:
            entry.checked = now
            await _send(send, entry.kept, b"hit")
            return
        if entry is not None and self._stale_ok(headers, entry, now):
            self._refresh_soon(scope, key, etag)
            await _send(send, entry.kept, b"stale")
            return
        if key in self._inflight:
            await self._inflight[key].wait()
            entry = self.cache.get(question)
            if entry is not None and entry.generation == generation:
                await _send(send, entry.kept, b"hit")
                return
        await self._compute(scope, receive, send, key, etag)

    async def _compute(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[object, ...], etag: bytes
    ) -> None:
        """``_answer`` as the one computation of ``key`` in flight: concurrent misses wait for it."""
        done = self._inflight.setdefault(key, asyncio.Event())
        try:
            await self._answer(scope, receive, send, key, etag)
        finally:
            if self._inflight.get(key) is done:
                del self._inflight[key]
            done.set()

    def _stale_ok(self, headers: dict[bytes, bytes], entry: Entry, now: float) -> bool:
        """Whether ``entry``, from an older generation, may be sent to this request."""
        if self.stale_seconds <= 0 or now - entry.checked > self.stale_seconds:
            return False
        if b"authorization" in headers:
            return False
        control = headers.get(b"cache-control", b"").lower()
        return b"no-cache" not in control and b"max-age=0" not in control

    def _refresh_soon(self, scope: Scope, key: tuple[object, ...], etag: bytes) -> None:
        """Compute the answer of ``key`` in the background (once, however many ask meanwhile).

        The refresh waits for its turn (``REFRESHES`` at a time) without holding the question:
        a request that may not take a stale answer meanwhile computes it itself rather than wait
        behind the queue (after a write it can hold every repeated question of the process),
        and the refresh, when its turn comes, finds the answer kept and stops."""
        if key in self._inflight or key in self._queued:
            return
        self._queued.add(key)
        headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"if-none-match"]
        task = asyncio.get_running_loop().create_task(self._refresh(dict(scope, headers=headers), key, etag))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _refresh(self, scope: Scope, key: tuple[object, ...], etag: bytes) -> None:
        try:
            async with self._refreshing:  # a few at a time: requests waiting for an answer go first
                self._queued.discard(key)
                entry = self.cache.get(key[1:])
                generation = key[0]
                assert isinstance(generation, int)
                if key in self._inflight or (entry is not None and entry.generation >= generation):
                    return  # a request computed it, or is computing it, meanwhile
                await self._compute(scope, _no_body, _discard, key, etag)
        except Exception as exc:  # noqa: BLE001 - a failed refresh leaves the next request to compute it
            log.warning("refreshing a kept answer failed: %r", exc)
        finally:
            self._queued.discard(key)

    async def _answer(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[object, ...], etag: bytes
    ) -> None:
        """Run the route, passing its answer on as it comes, and keep a copy of a 200."""
        start: Message | None = None
        parts: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                if message["status"] == 200:
                    message["headers"] = [
                        *message.get("headers", []),
                        (b"etag", etag),
                        (b"cache-control", b"no-cache"),
                        (b"x-cache", b"miss"),
                    ]
                start = message
                keep = message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                body = message.get("body", b"")
                size += len(body)
                if size > self.cache.max_entry:
                    keep = False
                    parts.clear()
                else:
                    parts.append(body)
                if not message.get("more_body", False) and keep and start is not None:
                    stored = tuple((k, v) for k, v in start["headers"] if k.lower() != b"x-cache")
                    kept = Kept(200, stored, b"".join(parts))
                    generation = key[0]
                    assert isinstance(generation, int)
                    self.cache.put(key[1:], Entry(kept, generation, time.monotonic()))
            await send(message)

        await self.app(scope, receive, capture)


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


async def _discard(message: Message) -> None:
    """Where a background refresh's answer goes (it is kept, not sent)."""


def _etag(key: tuple[object, ...]) -> bytes:
    """The answer's tag: its generation and a hash of the question."""
    digest = hashlib.blake2b(repr(key[1:]).encode(), digest_size=8).hexdigest()
    return f'W/"{key[0]}-{digest}"'.encode()


def _tags(header: bytes) -> set[bytes]:
    """The tags an ``If-None-Match`` header names."""
    return {t.strip() for t in header.split(b",") if t.strip()}


async def _send(send: Send, kept: Kept, mark: bytes) -> None:
    await send(
        {"type": "http.response.start", "status": kept.status, "headers": [*kept.headers, (b"x-cache", mark)]}
    )
    await send({"type": "http.response.body", "body": kept.body})
