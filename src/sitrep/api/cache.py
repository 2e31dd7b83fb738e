"""Kept answers for the public event reads, good until the events change.

A crisis desk's dashboards ask the same few questions again and again (this country's events,
the stats, the map's box), and an answer over a million events costs tens of milliseconds of
CPU to count, fetch, serialise and compress. ``CachedReads`` keeps the finished (compressed)
answer of ``GET /api/events``, ``GET /api/events/{id}`` and ``GET /api/stats`` under the store's
data generation (``store.generation``), which moves in the same transaction as any change to the
canonical events, whichever process wrote it. So a kept answer is never stale: every request
reads the generation first (one indexed row) and only an answer kept under the current one is
sent again.

What it adds to those routes:
- ``ETag: W/"<generation>-<key hash>"`` and ``Cache-Control: no-cache``; a request whose
  ``If-None-Match`` names the current tag gets ``304 Not Modified`` without any query.
- ``X-Cache: hit`` or ``miss``.
- Concurrent misses of one question wait for the first to finish instead of all computing it.

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
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

CACHED_PATHS = re.compile(r"/api/(?:events|stats)|/api/events/[^/]+")
MAX_ENTRY_SHARE = 8  # one answer may fill at most 1/8 of the cache


@dataclass(frozen=True, slots=True)
class Kept:
    """One finished answer: its status, headers and (possibly compressed) body."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


class ResponseCache:
    """Answers by key, least recently used dropped first, at most ``max_bytes`` of bodies.

    Used from the event loop only (one thread), so it needs no lock.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max(0, max_bytes)
        self.max_entry = self.max_bytes // MAX_ENTRY_SHARE
        self.size = 0
        self.hits = 0
        self.misses = 0
        self._kept: OrderedDict[tuple[object, ...], Kept] = OrderedDict()

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: tuple[object, ...]) -> Kept | None:
        kept = self._kept.get(key)
        if kept is not None:
            self._kept.move_to_end(key)
        return kept

    def put(self, key: tuple[object, ...], kept: Kept) -> bool:
        """Keep ``kept`` (False when it is larger than one entry may be)."""
        if len(kept.body) > self.max_entry:
            return False
        old = self._kept.pop(key, None)
        if old is not None:
            self.size -= len(old.body)
        self._kept[key] = kept
        self.size += len(kept.body)
        while self.size > self.max_bytes and self._kept:
            _, dropped = self._kept.popitem(last=False)
            self.size -= len(dropped.body)
        return True

    def drop_older(self, generation: int) -> None:
        """Forget answers kept under any other generation (they can never be sent again)."""
        for key in [k for k in self._kept if k[0] != generation]:
            self.size -= len(self._kept.pop(key).body)


class CachedReads:
    """ASGI middleware: serves the cached routes from ``cache`` while the generation holds.

    ``generation`` reads the store's data generation (blocking; run in a worker thread), or
    returns None when the store keeps none: then nothing is cached.
    """

    def __init__(self, app: ASGIApp, cache: ResponseCache, generation: Callable[[], int | None]) -> None:
        self.app = app
        self.cache = cache
        self.generation = generation
        self._inflight: dict[tuple[object, ...], asyncio.Event] = {}
        self._seen = -1

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
            generation = await anyio.to_thread.run_sync(self.generation)
        except Exception as exc:  # noqa: BLE001 - no generation, no cache: the route answers (or fails) itself
            log.debug("no data generation: %r", exc)
            generation = None
        if generation is None:
            await self.app(scope, receive, send)
            return
        if generation != self._seen:
            self.cache.drop_older(generation)
            self._seen = generation
        headers = dict(scope.get("headers", []))
        gzip = b"gzip" in headers.get(b"accept-encoding", b"")
        key = (generation, scope["method"], scope["path"], scope.get("query_string", b""), gzip)
        etag = _etag(key)
        if etag in _tags(headers.get(b"if-none-match", b"")):
            self.cache.hits += 1
            await _send(send, Kept(304, ((b"etag", etag), (b"cache-control", b"no-cache")), b""), b"hit")
            return
        kept = self.cache.get(key)
        if kept is None and key in self._inflight:
            await self._inflight[key].wait()  # the same question is being answered: wait for it
            kept = self.cache.get(key)
        if kept is not None:
            self.cache.hits += 1
            await _send(send, kept, b"hit")
            return
        self.cache.misses += 1
        done = self._inflight.setdefault(key, asyncio.Event())
        try:
            await self._answer(scope, receive, send, key, etag)
        finally:
            if self._inflight.get(key) is done:
                del self._inflight[key]
            done.set()

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
                    self.cache.put(key, Kept(200, stored, b"".join(parts)))
            await send(message)

        await self.app(scope, receive, capture)


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
