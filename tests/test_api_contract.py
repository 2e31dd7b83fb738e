"""The API contract: every field in every format, one status for bad input, paging with a total and
links both ways, names in any case, LIKE input taken literally, capped values, no unknown parameter.

Runs on a real SQLite store holding ``conftest.make_events`` (invented events), deduped.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import article_and_event, make_events
from sitrep.api import create_app

NAMES = {"ML": "Mali", "NE": "Niger", "BF": "Burkina Faso", "NG": "Nigeria"}


@dataclass(frozen=True)
class _Place:
    country: str


class Countries:
    """What the gazetteer answers about countries, for four of them."""

    def country_name(self, iso2: str) -> str | None:
        return NAMES.get(iso2.upper())

    def country_by_name(self, name: str) -> _Place | None:
        code = next((c for c, n in NAMES.items() if n.casefold() == name.casefold()), None)
        return _Place(code) if code else None


@pytest.fixture(scope="module")
def client(tmp_path_factory: Any) -> Any:
    from sitrep.runners.reduce import rebuild_all
    from sitrep.runners.save import save_batch
    from sitrep.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("contract") / "api.db"))
    for n, ev in enumerate(make_events()):
        art, (e,) = article_and_event(ev, date(2013, 1, 20), ev["evidence"][0]["text"], n)
        e = replace(
            e,
            inter1=1 if e.actor1 else None,
            inter2=2 if e.actor2 else None,
            plover_type="FIGHT" if e.event_type == "Battles" else "ASSAULT",
            fatalities_low=e.fatalities,
            fatalities_high=None if e.fatalities is None else e.fatalities + 3,
            confidence=0.4 + 0.05 * n,
            background=n == 8,
        )
        save_batch(store, [(art, [e])])
    rebuild_all(store)
    yield TestClient(create_app(store, countries=Countries()))
    store.close()


def events(client: Any, query: str = "") -> dict[str, Any]:
    resp = client.get(f"/api/events?{query}")
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


def bad(client: Any, url: str) -> dict[str, Any]:
    resp = client.get(url)
    assert resp.status_code == 400, (url, resp.status_code, resp.text[:300])
    body: dict[str, Any] = resp.json()
    assert set(body) == {"ok", "error", "errors", "status"} and body["status"] == 400
    return body


FIELDS = ("inter1", "inter2", "plover_type", "fatalities_low", "fatalities_high")


def test_every_field_appears_in_json_geojson_csv_and_parquet(client: Any) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    (clash,) = events(client, "text=several hours")["events"]
    assert {k: clash[k] for k in FIELDS} == {
        "inter1": 1, "inter2": 2, "plover_type": "FIGHT", "fatalities_low": 11, "fatalities_high": 14,
    }  # fmt: skip
    feature = client.get("/api/events?format=geojson&text=several hours").json()["features"][0]
    assert {k: feature["properties"][k] for k in FIELDS} == {k: clash[k] for k in FIELDS}
    csv = client.get("/api/events?format=csv&text=several hours").text.splitlines()
    row = dict(zip(csv[0].split(","), csv[1].split(","), strict=False))
    assert (row["inter1"], row["plover_type"], row["fatalities_high"], row["country"]) == (
        "1",
        "FIGHT",
        "14",
        "Mali",
    )
    table = pq.read_table(io.BytesIO(client.get("/api/events?format=parquet").content))
    assert table.num_rows == events(client)["total"] and set(FIELDS) <= set(table.column_names)
    assert str(table.schema.field("fatalities").type) == "int32"
    assert str(table.schema.field("hedged").type) == "bool"


def test_like_wildcards_are_taken_literally(client: Any) -> None:
    assert events(client)["total"] > 0
    for query in ("text=%", "actor=%", "actor=_", "text=%25%25", "text=\\", "text=a_b"):
        assert events(client, query)["total"] == 0, query
    (underscored,) = events(client, "text=_")["events"]  # the one event whose text has "_" in it
    assert "__xss" in underscored["evidence"][0]["text"]
    assert events(client, "text=soldiers and")["total"] == 1


def test_huge_values_are_400_and_name_no_internals(client: Any) -> None:
    for url in (
        "/api/events?text=" + "x" * 60_000,
        "/api/events?actor=" + "y" * 60_000,
        f"/api/events?offset={2**63}",
        "/api/stats?text=" + "x" * 60_000,
        "/api/events?cursor=" + "c" * 5_000,
    ):
        body = bad(client, url)
        assert ".db" not in body["error"] and "sqlite" not in body["error"].lower()


def test_stats_takes_every_filter_of_events(client: Any) -> None:
    for query in (
        "near=14.25,-5.99,100",
        "min_confidence=0.6",
        "hedged=false",
        "background=true",
        "type=battles",
    ):
        stats = client.get(f"/api/stats?{query}").json()
        page = events(client, query)
        assert stats["events"] == page["total"], query
        assert stats["fatalities"] == sum(e["fatalities"] or 0 for e in page["events"]), query
    assert events(client, "near=14.25,-5.99,100")["total"] < events(client)["total"]


def test_names_match_in_any_case(client: Any) -> None:
    battles = events(client, "type=Battles")["total"]
    assert battles > 0
    assert events(client, "type=battles")["total"] == events(client, "type=BATTLES")["total"] == battles
    assert (
        events(client, "sub_type=armed CLASH")["total"] == events(client, "sub_type=Armed clash")["total"] > 0
    )
    assert events(client, "admin1=SÉGOU")["total"] == events(client, "admin1=Ségou")["total"] > 0
    assert events(client, "country=ml")["total"] == events(client, "country=ML")["total"] > 0


def test_unknown_names_and_parameters_name_the_closest_known_one(client: Any) -> None:
    assert "did you mean 'Battles'" in bad(client, "/api/events?type=Battle")["error"]
    assert "did you mean 'Armed clash'" in bad(client, "/api/events?sub_type=armed clashes")["error"]
    body = bad(client, "/api/events?contry=ML")
    assert body["errors"] == ["unknown parameter 'contry' (did you mean 'country'?)"]
    assert "'country'" in bad(client, "/api/stats?contry=ML")["error"]


def test_countries_by_code_or_name_and_unknown_ones_refused(client: Any) -> None:
    assert events(client, "country=Mali")["events"] == events(client, "country=ML")["events"]
    assert events(client, "country=niger")["total"] == events(client, "country=NE")["total"]
    assert "unknown country code 'ZZ'" in bad(client, "/api/events?country=ZZ")["error"]
    assert "not a country: 'Atlantis'" in bad(client, "/api/events?country=Atlantis")["error"]


@pytest.mark.parametrize(
    "query",
    [
        "since=nope",
        "since=2013-02-01&until=2013-01-01",
        "bbox=1,2",
        "bbox=nan,1,2,3",
        "near=14,-5,0",
        "min_confidence=2",
        "hedged=maybe",
        "background=sometimes",
        "cursor=not-a-cursor",
        "limit=0",
        "limit=ten",
        "offset=-1",
        "format=xml",
    ],
)
def test_every_bad_value_is_400_in_one_shape(client: Any, query: str) -> None:
    bad(client, f"/api/events?{query}")


def test_new_filters(client: Any) -> None:
    everything = events(client)["events"]
    sure = events(client, "min_confidence=0.6")["events"]
    assert sure and all(e["confidence"] >= 0.6 for e in sure) and len(sure) < len(everything)
    hedged, plain = events(client, "hedged=true")["events"], events(client, "hedged=false")["events"]
    assert all(e["hedged"] for e in hedged) and not any(e["hedged"] for e in plain)
    assert len(hedged) + len(plain) == len(everything)
    background = events(client, "background=true")["events"]
    assert len(background) == 1 and background[0]["background"]
    assert events(client, "background=false")["total"] == len(everything) - 1


@pytest.mark.parametrize("fmt", ["json", "geojson", "csv", "parquet"])
def test_total_next_and_prev_in_every_format(client: Any, fmt: str) -> None:
    resp = client.get(f"/api/events?limit=2&format={fmt}&text=a")
    assert resp.status_code == 200
    total = events(client, "text=a")["total"]
    assert total > 4
    if fmt in ("json", "geojson"):
        body = resp.json()
        assert body["total"] == total and body["next"] and body["prev"] is None
    else:
        assert resp.headers["x-total-count"] == str(total)
        assert 'rel="next"' in resp.headers["link"] and 'rel="prev"' not in resp.headers["link"]


def test_walking_the_cursor_both_ways_gives_every_event_once(client: Any) -> None:
    everything = [e["event_id"] for e in events(client, "limit=1000")["events"]]
    pages, url = [], "/api/events?limit=2"
    while url:
        body = client.get(url).json()
        pages.append([e["event_id"] for e in body["events"]])
        url = body["next"]
    assert [i for p in pages for i in p] == everything and len(pages) == (len(everything) + 1) // 2
    back, url = [], body["prev"]
    while url:
        body = client.get(url).json()
        back.insert(0, [e["event_id"] for e in body["events"]])
        url = body["prev"]
    assert back == pages[:-1]
    # A cursor page is the page the offset gives.
    second = client.get(client.get("/api/events?limit=3").json()["next"]).json()
    assert second["events"] == events(client, "limit=3&offset=3")["events"]


def test_docs_and_redoc_load_only_bundled_assets(client: Any) -> None:
    from sitrep.web import STATIC_DIR

    for path, asset in (
        ("/docs", "swagger-ui/swagger-ui-bundle.js"),
        ("/redoc", "redoc/redoc.standalone.js"),
    ):
        page = client.get(path)
        assert page.status_code == 200
        assert f"/static/vendor/{asset}" in page.text
        assert "https://" not in page.text and "http://" not in page.text  # no CDN, no web fonts
        if (STATIC_DIR / "vendor" / asset).is_file():
            assert client.get(f"/static/vendor/{asset}").status_code == 200
    assert json.loads(client.get("/openapi.json").text)["paths"]


def test_the_dashboard_page_takes_its_filters_in_its_own_url(client: Any) -> None:
    assert client.get("/?type=Riots&since=2013-01-01&event=x").status_code in (200, 404)  # 404: no page built
    bad(client, "/api/stats?type=Riots&event=x")


def test_the_schema_documents_400_in_the_error_shape_and_no_422(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    for path, ops in schema["paths"].items():
        for op in ops.values():
            assert "422" not in op["responses"], path
            assert op["responses"]["400"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }
    assert schema["components"]["schemas"]["Error"]["required"] == ["ok", "error", "errors", "status"]
    assert "HTTPValidationError" not in schema["components"]["schemas"]


def _collection(events: list[dict[str, Any]], paging: dict[str, Any] | None = None) -> dict[str, Any]:
    """The FeatureCollection the event dicts give (what the route builds from the stored text)."""
    features = []
    for ev in events:
        lat, lon = ev.get("latitude"), ev.get("longitude")
        if lat is None or lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": ev.get("event_id"),
                "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                "properties": ev,
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "count": len(features),
        "skipped": len(events) - len(features),
        **(paging or {}),
    }


def test_geojson_built_around_the_stored_text_is_the_document_the_dicts_give(client: Any) -> None:
    body = client.get("/api/events?format=geojson&limit=5").json()
    page = events(client, "limit=5")
    paging = {k: body[k] for k in ("total", "limit", "next", "prev")}
    assert body == _collection(page["events"], paging)
    assert body["count"] + body["skipped"] == 5 and body["count"] == len(body["features"]) > 0
    unlocated = client.get("/api/events?format=geojson&text=somewhere in the north").json()
    assert (unlocated["count"], unlocated["skipped"], unlocated["features"]) == (0, 1, [])
