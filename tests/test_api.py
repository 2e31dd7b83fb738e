"""The REST API and the map page, in process (``TestClient``) over a fake store.

The events are built by ``conftest.make_events`` (also used by ``test_web_browser.py``).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import article_and_event, make_events, public_events
from sitrep.api import create_app
from sitrep.api.errors import error_body
from sitrep.api.params import MAX_LIMIT
from sitrep.errors import StoreError
from sitrep.records import Article, StoredArticle, StoredEvent, StoreStats, content_hash
from sitrep.store.base import EventFilters
from sitrep.web import STATIC_DIR

ERROR_KEYS = {"ok", "error", "errors", "status"}
ALL = EventFilters()


def _stored(ev: dict[str, Any], versions: tuple[dict[str, Any], ...] = ()) -> StoredEvent:
    """An event dict as the store returns it: its JSON text."""
    text = json.dumps(ev, ensure_ascii=False)
    return StoredEvent(ev["event_id"], text, tuple(json.dumps(v, ensure_ascii=False) for v in versions))


class FakeStore:
    """A minimal ``Store`` over a list of event dicts; remembers the filters it was asked for."""

    def __init__(self, events: list[dict[str, Any]] | None = None, fail: Exception | None = None) -> None:
        self.events = make_events() if events is None else events
        self.calls: list[EventFilters] = []
        self.fail = fail

    def query_events(self, filters: EventFilters = ALL, *, total: int | None = None) -> list[StoredEvent]:
        """Filter like a real store would (enough for the tests)."""
        self.calls.append(filters)
        if self.fail is not None:
            raise self.fail
        out = []
        for ev in self.events:
            d = date.fromisoformat(ev["date"]) if ev["date"] else None
            if filters.country and ev["country"] != filters.country:
                continue
            if filters.since and (d is None or d < filters.since):
                continue
            if filters.until and (d is None or d > filters.until):
                continue
            if filters.event_type and filters.event_type not in (ev["event_type"], ev["sub_event_type"]):
                continue
            if filters.bbox:
                w, s, e, n = filters.bbox
                if ev["latitude"] is None or not (s <= ev["latitude"] <= n and w <= ev["longitude"] <= e):
                    continue
            out.append(_stored(ev))
        end = None if filters.limit is None else filters.offset + filters.limit
        return out[filters.offset : end]

    def count_events(self, filters: EventFilters = ALL) -> int:
        """How many events the filters match (paging ignored; not recorded in ``calls``)."""
        n = len(self.query_events(replace(filters, limit=None, offset=0, cursor=None)))
        self.calls.pop()
        return n

    def stats(self, filters: EventFilters = ALL) -> StoreStats:
        """Counts (the API shows them as they are)."""
        self.calls.append(filters)
        groups = {"type": {"Battles": 3}, "country": {"ML": 7}, "day": {"2013-01-20": 1}}
        return StoreStats(9, 9, 9, len(self.events), 1, 12, groups)

    def get_event(self, event_id: str) -> StoredEvent | None:
        """One event with a single version, as a real store gives it."""
        for ev in self.events:
            if ev["event_id"] == event_id:
                src = {**ev["source"], "outlet": "news.example", "event_id": ev["event_id"], "copy_of": None}
                fields = {k: ev[k] for k in ("event_type", "sub_event_type", "date", "fatalities")}
                version = {"version": 1, "as_of": ev["source"]["published"], "reported_by": [ev["doc_id"]],
                           "changes": list(fields), "refined_by": [], "fields": fields}  # fmt: skip
                return _stored({**ev, "sources": [{**src, "evidence": ev["evidence"]}]}, (version,))
        return None

    def get_article(self, doc_id: str) -> StoredArticle | None:
        """The article behind an event: its evidence sentence."""
        for ev in self.events:
            if ev["doc_id"] == doc_id:
                sentence = ev["evidence"][0]["text"]
                a = Article(doc_id, "<fake>", sentence, content_hash(sentence), url=ev["source"]["url"])
                return StoredArticle(a, (), (), (ev["event_id"],))
        return None


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def client(store: FakeStore) -> TestClient:
    return TestClient(create_app(store))


def assert_error(resp: Any, status: int) -> dict[str, Any]:
    """The response carries the one pinned error shape."""
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == ERROR_KEYS
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list) and body["errors"]
    assert all(isinstance(e, str) for e in body["errors"])
    return body


# ------------------------------------------------------------------ /api/events


def test_events_json_default(client: TestClient, store: FakeStore) -> None:
    resp = client.get("/api/events")
    assert resp.status_code == 200
    body = resp.json()
    assert set(body) == {"events", "count", "total", "limit", "next", "prev"}
    assert body["count"] == body["total"] == len(store.events) == len(body["events"])
    assert body["events"] == store.events
    assert (body["limit"], body["next"], body["prev"]) == (1000, None, None)
    assert store.calls == [EventFilters(limit=1001, offset=0)]  # a row more: is there a next page?


def test_pagination_links_the_next_page(client: TestClient) -> None:
    body = client.get("/api/events?limit=4&country=ML").json()
    assert body["count"] == 4 and body["prev"] is None
    assert body["next"].startswith("/api/events?limit=4&country=ML&cursor=")
    assert body["total"] == len(client.get("/api/events?country=ML").json()["events"]) > 4


def test_filters_are_passed_through(client: TestClient, store: FakeStore) -> None:
    resp = client.get(
        "/api/events",
        params={
            "country": "ml",
            "since": "2013-01-13",
            "until": "2013-01-19",
            "type": "Armed clash",
            "bbox": "-10,10,5,20",
            "limit": "5",
            "offset": "1",
        },
    )
    assert resp.status_code == 200, resp.text
    assert store.calls == [
        EventFilters(
            country="ML",
            since=date(2013, 1, 13),
            until=date(2013, 1, 19),
            event_type="Armed clash",
            bbox=(-10.0, 10.0, 5.0, 20.0),
            limit=6,
            offset=1,
        )
    ]
    # Niono (14th) and Markala (15th) match; offset 1 leaves Markala.
    assert [e["location"] for e in resp.json()["events"]] == ["Markala"]


def test_empty_params_mean_no_filter(client: TestClient, store: FakeStore) -> None:
    assert client.get("/api/events?country=&type=&since=&bbox=").status_code == 200
    assert store.calls == [EventFilters(limit=1001)]


def test_limit_max_is_accepted(client: TestClient, store: FakeStore) -> None:
    assert client.get(f"/api/events?limit={MAX_LIMIT}").status_code == 200
    assert store.calls[-1].limit == MAX_LIMIT + 1


def test_geojson_shape(client: TestClient, store: FakeStore) -> None:
    resp = client.get("/api/events?format=geojson")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/geo+json")
    fc = resp.json()
    assert fc["type"] == "FeatureCollection"
    located = [e for e in store.events if e["latitude"] is not None]
    assert len(located) == len(store.events) - 1
    assert fc["count"] == len(fc["features"]) == len(located)
    assert fc["skipped"] == 1
    for feature, ev in zip(fc["features"], located, strict=True):
        assert feature["type"] == "Feature"
        assert feature["id"] == ev["event_id"]
        assert feature["geometry"] == {"type": "Point", "coordinates": [ev["longitude"], ev["latitude"]]}
        assert feature["properties"] == ev


def test_geojson_with_filters(client: TestClient, store: FakeStore) -> None:
    fc = client.get("/api/events?format=geojson&country=NE").json()
    assert [f["properties"]["location"] for f in fc["features"]] == ["Niamey"]
    assert store.calls[-1].country == "NE"


def test_non_ascii_is_kept(client: TestClient) -> None:
    resp = client.get("/api/events?limit=1")
    assert "Ségou".encode() in resp.content


# ------------------------------------------------------------------ errors


def test_bad_date_is_400(client: TestClient, store: FakeStore) -> None:
    body = assert_error(client.get("/api/events?since=2013-13-45"), 400)
    assert "since" in body["error"] and "2013-13-45" in body["error"]
    assert store.calls == []


@pytest.mark.parametrize(
    "bbox", ["1,2,3", "a,b,c,d", "-200,0,10,10", "0,20,10,10", "10,0,0,10", "0,-95,10,10"]
)
def test_bad_bbox_is_400(client: TestClient, bbox: str) -> None:
    body = assert_error(client.get("/api/events", params={"bbox": bbox}), 400)
    assert body["error"].startswith("bbox")


def test_several_bad_params_are_all_reported(client: TestClient) -> None:
    body = assert_error(client.get("/api/events?since=yesterday&until=nope&country=Mali"), 400)
    assert len(body["errors"]) == 3
    assert [e.split(":")[0] for e in body["errors"]] == ["since", "until", "country"]


def test_since_after_until_is_400(client: TestClient) -> None:
    assert_error(client.get("/api/events?since=2013-02-01&until=2013-01-01"), 400)


@pytest.mark.parametrize(
    "query", ["limit=0", f"limit={MAX_LIMIT + 1}", "limit=ten", "offset=-1", "format=xml"]
)
def test_invalid_params_are_400_like_every_bad_value(client: TestClient, query: str) -> None:
    body = assert_error(client.get(f"/api/events?{query}"), 400)
    assert body["errors"][0].split(":")[0] == query.split("=")[0]


def test_404_shape(client: TestClient) -> None:
    body = assert_error(client.get("/api/nothing-here"), 404)
    assert "/api/nothing-here" in body["error"]
    assert_error(client.get("/static/no-such-file.js"), 404)


def test_405_shape(client: TestClient) -> None:
    assert_error(client.post("/api/events", json={}), 405)


def test_store_error_is_500(store: FakeStore) -> None:
    store.fail = StoreError("database is locked")
    body = assert_error(TestClient(create_app(store)).get("/api/events"), 500)
    assert "database is locked" in body["error"]


def test_unexpected_error_is_500_without_details(store: FakeStore) -> None:
    store.fail = RuntimeError("secret internals")
    client = TestClient(create_app(store), raise_server_exceptions=False)
    body = assert_error(client.get("/api/events"), 500)
    assert "secret" not in body["error"]


def test_error_body_is_pinned() -> None:
    assert error_body(400, ["since: not a date"]) == {
        "ok": False,
        "error": "since: not a date",
        "errors": ["since: not a date"],
        "status": 400,
    }
    assert error_body(400, ["a", "b"])["error"] == "2 errors: a; b"


# ------------------------------------------------------------------ stats, page, docs


def test_stats(client: TestClient, store: FakeStore) -> None:
    resp = client.get("/api/stats")
    assert resp.status_code == 200
    assert resp.json() == {
        "articles": 9,
        "documents": 9,
        "mentions": 9,
        "events": 9,
        "rejects": 1,
        "fatalities": 12,
        "by_type": {"Battles": 3},
        "by_country": {"ML": 7},
        "by_day": {"2013-01-20": 1},
    }
    body = assert_error(client.get("/api/stats?country=ne&type=Riots&since=2013-01-01&limit=5"), 400)
    assert body["errors"] == ["unknown parameter 'limit' (it takes: " + ", ".join(sorted(
        ["country", "admin1", "since", "until", "type", "sub_type", "actor", "text", "bbox", "near",
         "min_confidence", "hedged", "background", "review"])) + ")"]  # fmt: skip
    client.get("/api/stats?country=ne&type=Riots&since=2013-01-01")
    assert store.calls[-1] == EventFilters(
        country="NE", event_type="Riots", since=date(2013, 1, 1), limit=None
    )
    assert_error(client.get("/api/stats?since=nope"), 400)


def test_page_is_served(client: TestClient) -> None:
    resp = client.get("/")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/html")
    html = resp.text
    for asset in (
        "static/app.js",
        "static/style.css",
        "static/vendor/leaflet/leaflet.js",
        "static/vendor/markercluster/leaflet.markercluster.js",
        "static/vendor/topojson-client/topojson-client.min.js",
    ):
        assert asset in html
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert client.get("/static/style.css").status_code == 200


def test_page_needs_no_network(client: TestClient) -> None:
    html = client.get("/").text
    js = client.get("/static/app.js").text
    modules = re.findall(r'from "\./(js/[\w.]+)"', js)  # the page's ES modules, each read too
    assert modules
    # ...and every module under js/, also those only other modules import
    modules += sorted({f"js/{p.name}" for p in (STATIC_DIR / "js").glob("*.js")} - set(modules))
    js += "".join(client.get(f"/static/{m}").text for m in modules)
    css = client.get("/static/style.css").text
    for text in (html, css):
        assert "http://" not in text and "https://" not in text and "url(//" not in text
    assert "fetch(" in js
    assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", js)
    assert "connect-src 'self'" in html


def test_openapi_lists_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/articles/{doc_id}",
        "/api/stats",
        "/api/dedup",
        "/api/events/{event_id}/review",
        "/api/reviews",
        "/api/places/search",
        "/api/taxonomy",
    } <= set(paths)
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert params == {
        "country", "admin1", "since", "until", "type", "sub_type", "actor", "text", "bbox", "near",
        "min_confidence", "hedged", "background", "review", "limit", "offset", "cursor", "format",
    }  # fmt: skip
    stats = {p["name"] for p in paths["/api/stats"]["get"]["parameters"]}
    assert stats == params - {"limit", "offset", "cursor", "format"}  # the same filters, nothing else


def test_taxonomy_lists_every_sub_type_under_its_type(client: TestClient) -> None:
    from sitrep import taxonomy as T

    rows = client.get("/api/taxonomy").json()["event_types"]
    assert [r["event_type"] for r in rows] == [
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
        "Strategic developments",
    ]  # fmt: skip
    pairs = [(sub, r["event_type"]) for r in rows for sub in r["sub_event_types"]]
    assert dict(pairs) == T.EVENT_TYPES and len(pairs) == len(T.SUB_TYPES)
    assert ("Air/drone strike", "Explosions/Remote violence") in pairs


def test_large_responses_are_gzipped(client: TestClient) -> None:
    resp = client.get("/api/events", headers={"Accept-Encoding": "gzip"})
    assert resp.headers.get("content-encoding") == "gzip"


# ------------------------------------------------------------------ new filters, formats, detail routes


def test_new_filters_are_passed_through(client: TestClient, store: FakeStore) -> None:
    resp = client.get(
        "/api/events",
        params={
            "admin1": " Ségou ",
            "sub_type": "Armed clash",
            "actor": "mali",
            "text": "bridge",
            "near": "14,-6,50",
        },
    )
    assert resp.status_code == 200, resp.text
    assert store.calls[-1] == EventFilters(
        admin1="Ségou",
        sub_event_type="Armed clash",
        actor="mali",
        text="bridge",
        near=(14.0, -6.0, 50.0),
        limit=1001,
    )


@pytest.mark.parametrize("near", ["1,2", "a,b,c", "95,0,10", "0,0,0", "0,0,9000"])
def test_bad_near_is_400(client: TestClient, near: str) -> None:
    body = assert_error(client.get("/api/events", params={"near": near}), 400)
    assert body["error"].startswith("near")


def test_csv_has_acled_columns(client: TestClient, store: FakeStore) -> None:
    resp = client.get("/api/events?format=csv&country=NE")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/csv")
    lines = resp.text.strip().splitlines()
    header = lines[0].split(",")
    # ACLED's columns, in ACLED's order, then ours.
    acled = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
             "actor1", "inter1", "actor2", "inter2", "country", "admin1", "location", "latitude",
             "longitude", "geo_precision", "source", "notes", "fatalities"]  # fmt: skip
    assert header[: len(acled)] == acled
    ours = {"fatalities_low", "fatalities_high", "iso2", "plover_type", "confidence", "hedged", "background"}
    assert ours <= set(header) and "source_url" in header
    assert len(lines) == 2 and "Niamey" in lines[1] and ",NE," in lines[1]
    assert resp.headers["x-total-count"] == "1"


def test_event_detail_and_404(client: TestClient, store: FakeStore) -> None:
    ev = store.events[0]
    body = client.get(f"/api/events/{ev['event_id']}").json()
    assert body["event_id"] == ev["event_id"]
    assert body["sources"][0]["url"] == ev["source"]["url"] and body["sources"][0]["evidence"]
    assert body["versions"][0]["version"] == 1
    assert "no event" in assert_error(client.get("/api/events/nope"), 404)["error"]


def test_article_detail_accepts_slashes_and_404(client: TestClient, store: FakeStore) -> None:
    store.events[0] = {**store.events[0], "doc_id": "outlet/a/1"}
    body = client.get("/api/articles/outlet/a/1").json()
    assert body["doc_id"] == "outlet/a/1" and body["text"]
    assert_error(client.get("/api/articles/missing"), 404)


# ------------------------------------------------------------------ writes need a token, on a real store


def _real_store(tmp_path: Any) -> Any:
    from sitrep.runners.save import save_batch
    from sitrep.store import open_store

    s = open_store(str(tmp_path / "api.db"))
    for n, ev in enumerate(make_events()[:3]):
        save_batch(s, [article_and_event(ev, date(2013, 1, 20), ev["evidence"][0]["text"], n)])
    return s


def test_writes_need_a_token(tmp_path: Any) -> None:
    real = _real_store(tmp_path)
    open_app = TestClient(create_app(real))
    assert_error(open_app.post("/api/dedup"), 403)
    guarded = TestClient(create_app(real, token="s3cret"))
    body = assert_error(guarded.post("/api/dedup"), 401)
    assert "token" in body["error"]
    assert_error(guarded.post("/api/dedup", headers={"Authorization": "Bearer wrong"}), 401)
    ok = guarded.post("/api/dedup", headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json() == {
        "ok": True,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "superseded": 0,
    }
    again = guarded.post("/api/dedup", headers={"Authorization": "Bearer s3cret"}).json()
    assert again["unchanged"] == 3 and again["created"] == 0
    # Reads need no token; the real store answers every route.
    events = guarded.get("/api/events").json()["events"]
    assert len(events) == 3 and all(e["n_sources"] == 1 for e in events)
    detail = guarded.get(f"/api/events/{events[0]['event_id']}").json()
    assert detail["versions"][0]["version"] == 1
    art = guarded.get(f"/api/articles/{detail['doc_id']}").json()
    assert art["events"] == [detail["event_id"]]
    assert guarded.get("/api/stats").json()["events"] == 3
    real.close()


def test_real_store_json_matches_the_query_layer(tmp_path: Any) -> None:
    """The raw-JSON fast path returns exactly what ``query_events`` returns, with pagination."""
    from sitrep.runners.reduce import rebuild_all

    real = _real_store(tmp_path)
    rebuild_all(real)
    client = TestClient(create_app(real))
    body = client.get("/api/events?limit=2").json()
    assert body["events"] == public_events(real, EventFilters(limit=2))
    assert (body["count"], body["total"], body["limit"], body["prev"]) == (2, 3, 2, None)
    rest = client.get(body["next"]).json()
    assert rest["events"] == public_events(real, EventFilters(limit=2, offset=2)) and rest["next"] is None
    back = client.get(rest["prev"]).json()  # the previous page, through its cursor
    assert back["events"] == body["events"] and back["prev"] is None
    assert client.get("/api/events?format=geojson").json()["count"] == 3
    real.close()


def test_event_detail_says_why_each_source_was_joined(tmp_path: Any) -> None:
    from conftest import two_reports
    from sitrep.runners import reduce_articles, save_batch
    from sitrep.store import open_store

    store = open_store(str(tmp_path / "why.db"))
    (a, ea), (b, eb) = two_reports()
    reduce_articles(store, save_batch(store, [(a, ea), (b, eb)]).touched)
    client = TestClient(create_app(store))
    clash = client.get("/api/events", params={"type": "Armed clash"}).json()["events"][0]
    detail = client.get(f"/api/events/{clash['event_id']}").json()
    first, second = detail["sources"]
    assert first["joined"] is None
    assert second["joined"]["to_doc_id"] == "a-1" and second["joined"]["km"] == 0
    assert second["joined"]["days"] == 0 and second["joined"]["family"] == "battle"
    assert second["joined"]["rule"] == "nearby"
    assert (detail["fatalities"], detail["fatalities_low"], detail["fatalities_high"]) == (5, 3, 5)
    store.close()
