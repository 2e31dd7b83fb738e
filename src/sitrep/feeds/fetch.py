"""A careful HTTP fetcher for feeds and article pages: safe addresses, robots.txt, politeness.

``Fetcher.get(url)`` returns a ``Fetched`` (status, final URL, headers, body) or raises
``FetchError`` with a reason a person can act on. It:

- refuses hosts that resolve to private, loopback, link-local, multicast or reserved addresses
  (unless ``allow_private``, for tests and intranets), and checks every redirect hop the same
  way, following at most ``MAX_REDIRECTS`` by hand;
- caps each response at ``max_bytes`` (read as a stream, never whole) and ``timeout`` seconds;
- obeys robots.txt (RFC 9309: a 4xx robots.txt allows all, a 5xx or unreachable one disallows
  for now), cached per host;
- waits ``min_interval`` seconds between two requests to one host, and backs off a host that
  fails (doubling, up to ``MAX_BACKOFF``);
- sends conditional requests when given an ETag or Last-Modified (a 304 is a normal answer).

The address check runs before each request; a host whose DNS answer changes between the check
and the connection (DNS rebinding) is not caught.

Why hand-written around httpx: httpx fetches; the address policy, robots and politeness are
ours to decide.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

USER_AGENT = "sitrep/0.1 (+https://github.com/sitrep; news event coding)"
MAX_REDIRECTS = 5
MAX_BACKOFF = 3600.0
_DISALLOW_ALL = ["User-agent: *", "Disallow: /"]


class FetchError(Exception):
    """A URL that could not or must not be fetched (the message says why)."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """One HTTP answer."""

    url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class _Host:
    last: float = 0.0
    failures: int = 0
    blocked_until: float = 0.0
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_until: float = 0.0


def _refused(host: str) -> str | None:
    """Why a host must not be fetched (it resolves to a non-public address), or None."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError as exc:
        return f"cannot resolve {host}: {exc}"
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if not addr.is_global or addr.is_multicast:
            return f"{host} resolves to {addr}, a private, loopback, link-local or reserved address"
    return None


@dataclass
class Fetcher:
    """Fetches with the policy above; one instance per run (it keeps the per-host state)."""

    allow_private: bool = False
    max_bytes: int = 5_000_000
    timeout: float = 20.0
    min_interval: float = 1.0
    robots_ttl: float = 3600.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _hosts: dict[str, _Host] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                follow_redirects=False, timeout=self.timeout, headers={"User-Agent": USER_AGENT}
            )
        return self._client

    def close(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def get(self, url: str, *, etag: str | None = None, modified: str | None = None) -> Fetched:
        """Fetch ``url`` (following redirects safely) if robots.txt allows it.

        Raises:
            FetchError: refused address, robots.txt disallows, too big, too slow, or HTTP failure.
        """
        self._check(url)  # before robots.txt, so a refused address is not reported as a robots rule
        if not self.allowed(url):
            raise FetchError(f"robots.txt of {urlsplit(url).netloc} disallows {url}")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return self._get(url, headers, checked=url)

    def _check(self, url: str) -> None:
        """Raise ``FetchError`` unless ``url`` is http(s) on a host this fetcher may reach."""
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise FetchError(f"{url}: only http and https URLs are fetched")
        why = None if self.allow_private else _refused(parts.hostname)
        if why:
            raise FetchError(f"{url}: refused, {why} (allow with --allow-private)")

    def _get(self, url: str, headers: dict[str, str], checked: str | None = None) -> Fetched:
        for _ in range(MAX_REDIRECTS + 1):
            if url != checked:  # every redirect hop is checked again
                self._check(url)
            host = self._hosts.setdefault(urlsplit(url).netloc, _Host())
            self._wait(host, url)
            try:
                answer = self._once(url, headers)
            except FetchError:
                self._failed(host)
                raise
            if answer.status in {301, 302, 303, 307, 308} and "location" in answer.headers:
                url = urljoin(url, answer.headers["location"])
                continue
            if answer.status >= 500 or answer.status == 429:
                self._failed(host)
            else:
                host.failures = 0
            return answer
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        deadline = self.clock() + self.timeout
        body = bytearray()
        try:
            with self.client().stream("GET", url, headers=headers) as r:
                for chunk in r.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FetchError(f"{url}: response over {self.max_bytes:,} bytes, not read further")
                    if self.clock() > deadline:
                        raise FetchError(f"{url}: response took over {self.timeout:g} s, not read further")
                heads = {k.lower(): v for k, v in r.headers.items()}
                return Fetched(str(r.url), r.status_code, heads, bytes(body))
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc

    def _wait(self, host: _Host, url: str) -> None:
        now = self.clock()
        if host.blocked_until > now:
            wait = host.blocked_until - now
            raise FetchError(f"{url}: host backing off after {host.failures} failure(s), for {wait:.0f} s")
        gap = host.last + self.min_interval - now
        if gap > 0:
            self.sleep(gap)
        host.last = self.clock()

    def _failed(self, host: _Host) -> None:
        host.failures += 1
        host.blocked_until = self.clock() + min(MAX_BACKOFF, self.min_interval * 2**host.failures)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets this fetcher read ``url`` (robots.txt is fetched and cached)."""
        parts = urlsplit(url)
        host = self._hosts.setdefault(parts.netloc, _Host())
        if host.robots is None or host.robots_until < self.clock():
            robots = urllib.robotparser.RobotFileParser()
            try:
                answer = self._get(f"{parts.scheme}://{parts.netloc}/robots.txt", {})
                if answer.status >= 500:
                    robots.parse(_DISALLOW_ALL)
                elif answer.status >= 400:
                    robots.parse([])  # no robots.txt: everything is allowed
                else:
                    robots.parse(answer.body.decode("utf-8", errors="replace").splitlines())
            except FetchError:
                robots.parse(_DISALLOW_ALL)
            host.robots, host.robots_until = robots, self.clock() + self.robots_ttl
        return host.robots.can_fetch(USER_AGENT, url)
