"""Kept answers (``api.cache``): the same question is answered from the cache only while the
store's data generation holds; any change to the events, from any connection, is seen at once."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import article, event
from sitrep.api import create_app
from sitrep.api.cache import CACHED_PATHS, CachedReads, Entry, Kept, ResponseCache
from sitrep.records import Rejected, Result
from sitrep.runners import store_results
from sitrep.store import open_store

TEXT = "Soldiers and JNIM fighters clashed near Niono on Saturday, a mayor said. "


def _add(store: Any, doc: str, day: date) -> None:
    a = article(doc, f"{TEXT}{doc} " * 3, day, f"https://{doc}.example/1")
    store_results([Result(doc, a, (event(a, day=day),))], store)


def test_the_generation_moves_with_every_change_to_the_events_and_only_then(store_url: str) -> None:
    s: Any = open_store(store_url)
    start = s.data_generation()
    _add(s, "d1", date(2024, 3, 2))
    after_one = s.data_generation()
    assert after_one > start
    assert s.data_generation() == after_one  # reading does not move it
    s.add_token(
        {"token_id": "t1", "name": "desk", "scopes": "read-private", "secret_hash": "x", "created": "now"}
    )
    assert s.data_generation() == after_one  # tokens are not events
    other: Any = open_store(store_url)  # a second connection (another process, in production)
    _add(other, "d2", date(2024, 3, 9))
    assert s.data_generation() > after_one
    other.close()
    s.close()


def test_the_events_generation_moves_with_the_canonical_events_alone(store_url: str) -> None:
    """A reject or an article that changes no canonical event moves the data generation (the
    stats count them) but not the events generation (all the event reads are kept under)."""
    s: Any = open_store(store_url)
    data, events = s.generations()
    with s.transaction():
        s.record_rejects([Rejected("r1", "test", "clean", "too short")])
    assert s.generations()[0] > data and s.generations()[1] == events
    data, events = s.generations()
    _add(s, "d1", date(2024, 3, 2))  # an article with an event: both move
    assert s.generations()[0] > data and s.generations()[1] > events
    data, events = s.generations()
    other: Any = open_store(store_url)  # another connection changes an event alone
    with other.transaction():
        other.execute("UPDATE canonical_events SET confidence = 0.5")
    other.close()
    assert s.generations()[0] > data and s.generations()[1] > events
    assert s.generations()[0] == s.data_generation()
    s.close()


def test_a_rolled_back_write_leaves_the_generation_where_it_was(store_url: str) -> None:
    s: Any = open_store(store_url)
    _add(s, "d1", date(2024, 3, 2))
    before = s.data_generation()
    with pytest.raises(RuntimeError), s.transaction():
        s.execute("UPDATE canonical_events SET confidence = 0.5")
        raise RuntimeError("stop")
    assert s.data_generation() == before
    s.close()


def test_a_repeated_question_is_a_hit_until_the_events_change(store_url: str) -> None:
    s: Any = open_store(store_url)
    _add(s, "d1", date(2024, 3, 2))
    client = TestClient(create_app(s, cache_stale_s=0))
    first = client.get("/api/events", params={"country": "ML"})
    again = client.get("/api/events", params={"country": "ML"})
    assert (first.headers["x-cache"], again.headers["x-cache"]) == ("miss", "hit")
    assert again.json() == first.json() and again.headers["etag"] == first.headers["etag"]
    assert again.headers["content-security-policy"]  # security headers on kept answers too
    writer: Any = open_store(store_url)  # written by another connection, as `sitrep ingest` would
    _add(writer, "d2", date(2024, 3, 9))
    writer.close()
    fresh = client.get("/api/events", params={"country": "ML"})
    assert fresh.headers["x-cache"] == "miss"
    assert (first.json()["total"], fresh.json()["total"]) == (1, 2)
    assert fresh.headers["etag"] != first.headers["etag"]
    stats = [client.get("/api/stats") for _ in range(2)]
    assert [r.headers["x-cache"] for r in stats] == ["miss", "hit"]
    assert stats[1].json()["events"] == 2 and stats[1].json()["rejects"] == 0
    store_results([Result("bad", None, (), Rejected("bad", "bad.txt", "clean", "empty"))], s)
    after = client.get("/api/stats")  # a reject moves no event, but the stats count it
    assert after.headers["x-cache"] == "miss" and after.json()["rejects"] == 1
    kept = client.get("/api/events", params={"country": "ML"})  # ... and the events answers stay
    assert kept.headers["x-cache"] == "hit" and kept.json() == fresh.json()
    s.close()


def test_a_review_through_the_api_is_seen_by_the_next_read(store_url: str) -> None:
    s: Any = open_store(store_url)
    _add(s, "d1", date(2024, 3, 2))
    client = TestClient(create_app(s, token="sesame", cache_stale_s=0))
    [ev] = client.get("/api/events").json()["events"]
    assert client.get(f"/api/events/{ev['event_id']}").headers["x-cache"] == "miss"
    assert client.get(f"/api/events/{ev['event_id']}").headers["x-cache"] == "hit"
    posted = client.post(
        f"/api/events/{ev['event_id']}/review",
        json={"action": "reject", "reason": "a rumour", "reviewer": "Awa"},
        headers={"Authorization": "Bearer sesame"},
    )
    assert posted.status_code == 200, posted.text
    assert "x-cache" not in posted.headers
    assert client.get("/api/events").json()["total"] == 0
    detail = client.get(f"/api/events/{ev['event_id']}")
    assert detail.headers["x-cache"] == "miss" and detail.json()["review"]["status"] == "rejected"
    s.close()


def test_if_none_match_with_the_current_tag_is_304_and_a_stale_tag_is_not(tmp_path: Any) -> None:
    s: Any = open_store(str(tmp_path / "s.db"))
    _add(s, "d1", date(2024, 3, 2))
    client = TestClient(create_app(s, cache_stale_s=0))
    tag = client.get("/api/stats").headers["etag"]
    same = client.get("/api/stats", headers={"If-None-Match": tag})
    assert same.status_code == 304 and same.content == b"" and same.headers["etag"] == tag
    assert (
        client.get("/api/stats", params={"country": "ML"}, headers={"If-None-Match": tag}).status_code == 200
    )
    _add(s, "d2", date(2024, 3, 9))
    changed = client.get("/api/stats", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.json()["events"] == 2
    s.close()


def test_errors_and_private_routes_are_never_kept(tmp_path: Any) -> None:
    s: Any = open_store(str(tmp_path / "s.db"))
    _add(s, "d1", date(2024, 3, 2))
    app = create_app(s, token="sesame")
    client = TestClient(app)
    for _ in range(2):
        assert client.get("/api/events", params={"limit": "nope"}).status_code == 400
        assert client.get("/api/events/no-such-event").status_code == 404
        reviews = client.get("/api/reviews", headers={"Authorization": "Bearer sesame"})
        assert reviews.status_code == 200 and "x-cache" not in reviews.headers
        assert reviews.headers["cache-control"] == "no-store"  # reviewers' names: no cache keeps them
        assert "x-cache" not in client.get("/api/feeds").headers
    assert len(app.state.response_cache) == 0
    s.close()


def test_no_kept_route_reads_who_is_asking(tmp_path: Any) -> None:
    """The cache keys ignore the Authorization header, so no cached route may depend on it."""
    s: Any = open_store(str(tmp_path / "s.db"))
    schema = TestClient(create_app(s)).get("/openapi.json").json()
    cached = [p for p in schema["paths"] if CACHED_PATHS.fullmatch(p.replace("{event_id}", "x"))]
    assert sorted(cached) == ["/api/events", "/api/events/{event_id}", "/api/stats"]
    for path in cached:
        get = schema["paths"][path]["get"]
        names = {p["name"].lower() for p in get.get("parameters", [])}
        assert "authorization" not in names, path
    s.close()


def test_cache_zero_keeps_nothing_and_answers_the_same(tmp_path: Any) -> None:
    s: Any = open_store(str(tmp_path / "s.db"))
    _add(s, "d1", date(2024, 3, 2))
    client = TestClient(create_app(s, cache_mb=0))
    answers = [client.get("/api/events") for _ in range(2)]
    assert all("x-cache" not in a.headers for a in answers)
    assert answers[0].json() == answers[1].json()
    s.close()


def test_the_cache_stays_within_its_bytes_dropping_the_least_recently_used() -> None:
    cache = ResponseCache(800)
    assert cache.max_entry == 100

    def entry(n: int, generation: int = 1) -> Entry:
        return Entry(Kept(200, (), b"x" * n), generation, 0.0)

    assert not cache.put(("big",), entry(101))
    for i in range(10):
        cache.put((i,), entry(90))
        assert cache.size <= 800
    cache.get((3,))  # used again: it outlives older ones
    cache.put(("new",), entry(90))
    assert cache.get((3,)) is not None and cache.get((2,)) is None
    assert cache.put((3,), entry(80, generation=5))
    assert not cache.put((3,), entry(70, generation=4))  # a slow, older answer is not put back
    kept = cache.get((3,))
    assert kept is not None and kept.generation == 5


def _changed(store_url: str) -> None:
    writer: Any = open_store(store_url)
    n = writer.count_events()
    _add(writer, f"d{n + 2}", date(2024, 3, 9) + timedelta(days=10 * n))  # days apart: no merge
    writer.close()


def test_right_after_a_change_anonymous_readers_may_get_the_answer_before_it_once(tmp_path: Any) -> None:
    url = str(tmp_path / "s.db")
    s: Any = open_store(url)
    _add(s, "d1", date(2024, 3, 2))
    with TestClient(create_app(s, cache_stale_s=30)) as client:
        assert client.get("/api/stats").json()["events"] == 1
        _changed(url)
        stale = client.get("/api/stats")
        assert stale.headers["x-cache"] == "stale" and stale.json()["events"] == 1
        for _ in range(100):  # the background refresh lands
            now = client.get("/api/stats")
            if now.headers["x-cache"] == "hit":
                break
            time.sleep(0.02)
        assert now.headers["x-cache"] == "hit" and now.json()["events"] == 2
        _changed(url)
        for ask in (
            {"Authorization": "Bearer anything"},  # a token: the current answer
            {"Cache-Control": "no-cache"},
            {"Cache-Control": "max-age=0"},  # a browser's reload
        ):
            fresh = client.get("/api/stats", headers=ask)
            assert fresh.headers["x-cache"] in ("miss", "hit") and fresh.json()["events"] == 3, ask
    s.close()


def test_no_stale_answer_when_it_was_last_known_current_too_long_ago_or_stale_is_off(tmp_path: Any) -> None:
    url = str(tmp_path / "s.db")
    s: Any = open_store(url)
    _add(s, "d1", date(2024, 3, 2))
    app = create_app(s, cache_stale_s=30)
    with TestClient(app) as client:
        client.get("/api/stats")
        for entry in app.state.response_cache._kept.values():
            entry.checked -= 31  # known current 31 s ago, and not since
        _changed(url)
        late = client.get("/api/stats")
        assert late.headers["x-cache"] == "miss" and late.json()["events"] == 2
    off = create_app(s, cache_stale_s=0)
    with TestClient(off) as client:
        client.get("/api/stats")
        _changed(url)
        assert client.get("/api/stats").headers["x-cache"] == "miss"
    s.close()


def test_concurrent_misses_of_one_question_compute_it_once() -> None:
    calls = 0

    async def route(scope: Any, receive: Any, send: Any) -> None:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.05)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"answer"})

    mw = CachedReads(route, ResponseCache(10_000), lambda: (7, 7))
    scope = {"type": "http", "method": "GET", "path": "/api/stats", "query_string": b"", "headers": []}

    async def ask() -> bytes:
        got: list[Any] = []

        async def send(message: Any) -> None:
            got.append(message)

        await mw(scope, None, send)
        return b"".join(m.get("body", b"") for m in got if m["type"] == "http.response.body")

    async def main() -> list[bytes]:
        return await asyncio.gather(*(ask() for _ in range(8)))

    assert asyncio.run(main()) == [b"answer"] * 8
    assert calls == 1


def test_writers_at_once_do_not_queue_on_the_generation(store_url: str) -> None:
    """PostgreSQL writers run at once: a writer that is not done yet holds no lock that another
    writer's commit needs (the counter moves at commit), and each commit moves it."""
    if not store_url.startswith("postgres"):
        pytest.skip("SQLite has one writer at a time")
    first: Any = open_store(store_url)
    second: Any = open_store(store_url)
    before = first.data_generation()
    done = threading.Event()
    with first.transaction():
        first.record_rejects([Rejected("a", "a.txt", "clean", "empty")])

        def other() -> None:
            with second.transaction():
                second.record_rejects([Rejected("b", "b.txt", "clean", "empty")])
            done.set()

        worker = threading.Thread(target=other)
        worker.start()
        assert done.wait(10), "the second writer waited for the first"
        assert first.data_generation() == before + 1  # the second committed; the first has not yet
    worker.join()
    assert second.data_generation() == before + 2
    first.close()
    second.close()


def test_a_kept_answer_does_not_wait_for_a_busy_read_connection(tmp_path: Any) -> None:
    """The generation is read on a connection of its own: with every read connection held by
    slow queries, a repeated question is still answered at once."""
    from contextlib import ExitStack

    s: Any = open_store(str(tmp_path / "s.db"))
    _add(s, "d1", date(2024, 3, 2))
    app = create_app(s)
    client = TestClient(app)
    assert client.get("/api/stats").headers["x-cache"] == "miss"
    pool = app.state.app_state.stores
    answers: list[Any] = []
    with ExitStack() as held:
        for _ in range(pool.size):
            held.enter_context(pool.read())  # every read connection busy
        asker = threading.Thread(target=lambda: answers.append(client.get("/api/stats")), daemon=True)
        asker.start()
        asker.join(10)
        assert answers, "the kept answer waited for a read connection"
    assert answers[0].headers["x-cache"] == "hit"
    s.close()


def test_a_request_that_needs_the_current_answer_does_not_wait_behind_queued_refreshes() -> None:
    """After a change, stale answers queue their refreshes (one at a time). A request that may
    not take a stale answer computes its own at once instead of waiting behind that queue, and
    the queued refresh then finds the answer kept and does not compute it again."""
    generation, calls = 1, []

    async def route(scope: Any, receive: Any, send: Any) -> None:
        query = scope["query_string"]
        calls.append((query, generation))
        await asyncio.sleep(0.5 if query == b"q=slow" else 0.01)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"%s@%d" % (query, generation)})

    mw = CachedReads(route, ResponseCache(10_000), lambda: (generation, generation), stale_seconds=30)

    async def ask(query: bytes, headers: list[tuple[bytes, bytes]] | None = None) -> tuple[bytes, bytes]:
        got: list[Any] = []

        async def send(message: Any) -> None:
            got.append(message)

        scope = {"type": "http", "method": "GET", "path": "/api/events", "query_string": query}
        await mw({**scope, "headers": headers or []}, None, send)
        mark = dict(got[0]["headers"])[b"x-cache"]
        return mark, b"".join(m.get("body", b"") for m in got if m["type"] == "http.response.body")

    async def main() -> float:
        nonlocal generation
        await ask(b"q=slow")
        await ask(b"q=b")
        generation = 2
        assert await ask(b"q=slow") == (b"stale", b"q=slow@1")  # its refresh starts (0.5 s)
        assert await ask(b"q=b") == (b"stale", b"q=b@1")  # its refresh waits for its turn
        started = time.monotonic()
        assert await ask(b"q=b", [(b"cache-control", b"no-cache")]) == (b"miss", b"q=b@2")
        took = time.monotonic() - started
        await asyncio.gather(*mw._tasks)
        return took

    took = asyncio.run(main())
    assert took < 0.3, f"the current answer waited {took:.2f} s behind the queued refreshes"
    assert calls.count((b"q=b", 2)) == 1 and calls.count((b"q=slow", 2)) == 1
