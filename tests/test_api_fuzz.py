"""The API under random and hostile input, driven by its own OpenAPI schema: never a 500.

Every GET route and every parameter the schema lists gets values from Hypothesis: random text,
the parameter's own enum and bounds, and hostile values (huge strings, NUL bytes, LIKE and SQL
metacharacters, integers past 64 bits, NaN, dates in year 0 and 9999, malformed cursors, bboxes
and radii). Some requests also carry an unknown parameter. At least 2,000 requests run; each
must answer below 500, and every 4xx must have the one error shape.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import article_and_event, make_events
from sitrep.api import create_app

REQUESTS = 2000

HOSTILE = [
    "",
    " ",
    "%",
    "_",
    "\\",
    "'",
    "' OR 1=1 --",
    "\x00",
    "a\x00b",
    "NaN",
    "nan,nan,nan,nan",
    "inf",
    "-inf",
    "1e309",
    str(2**63),
    str(-(2**63) - 1),
    str(2**64),
    "-1",
    "0",
    "0000-01-01",
    "9999-12-31",
    "2013-02-30",
    "-180,-90,180,90",
    "181,0,0,0",
    "1,2,3",
    "14.25,-5.99,50",
    "14.25,-5.99,-1",
    "90,180,5000",
    "true",
    "FALSE",
    "yes",
    "ML",
    "zz",
    "Mali",
    "battles",
    "ARMED CLASH",
    "<script>alert(1)</script>",
    "ÿ" * 300,
    "x" * 60_000,
    "WyJhZnRlciIsbnVsbCwiIl0",  # a cursor with an empty id
    "WyJzaWRld2F5cyIsbnVsbCwieCJd",  # a cursor with an unknown direction
    "bnVsbA",  # the JSON null, base64
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: Any) -> Any:
    from sitrep.runners.reduce import rebuild_all
    from sitrep.runners.save import save_batch
    from sitrep.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("fuzz") / "api.db"))
    for n, ev in enumerate(make_events()):
        save_batch(store, [article_and_event(ev, date(2013, 1, 20), ev["evidence"][0]["text"], n)])
    rebuild_all(store)
    yield TestClient(create_app(store), raise_server_exceptions=False)
    store.close()


def _routes(schema: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]]]]:
    return [
        (path, ops["get"].get("parameters", []))
        for path, ops in sorted(schema["paths"].items())
        if "get" in ops
    ]


def _values(param: dict[str, Any]) -> st.SearchStrategy[str]:
    schema = param.get("schema", {})
    options = [s for s in schema.get("anyOf", [schema]) if isinstance(s, dict)]
    own: list[str] = []
    for s in options:
        own += [str(v) for v in s.get("enum", [])]
        for bound in ("minimum", "maximum", "maxLength"):
            if bound in s:
                own += [str(s[bound]), str(s[bound] + 1), str(s[bound] - 1)]
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.sampled_from(own or ["1"]),
        st.text(max_size=40),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
    )


def test_no_request_gets_a_500(client: Any) -> None:
    routes = _routes(client.get("/openapi.json").json())
    assert {p for p, _ in routes} >= {"/api/events", "/api/stats", "/api/events/{event_id}"}
    statuses: list[int] = []

    @settings(
        max_examples=REQUESTS,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def one_request(data: st.DataObject) -> None:
        path, params = data.draw(st.sampled_from(routes))
        for p in params:
            if p["in"] == "path":
                path = path.replace("{" + p["name"] + "}", quote(data.draw(_values(p)), safe="") or "x")
        query = [
            (p["name"], data.draw(_values(p)))
            for p in params
            if p["in"] == "query" and data.draw(st.booleans())
        ]
        if data.draw(st.integers(0, 9)) == 0:
            query.append((data.draw(st.sampled_from(["contry", "limt", "q", "x" * 300])), "1"))
        while len(query) > 1 and sum(len(k) + len(quote(v)) + 2 for k, v in query) > 60_000:
            query.pop()  # one huge value per request: the HTTP client refuses longer URLs
        resp = client.get(path, params=query)
        statuses.append(resp.status_code)
        assert resp.status_code < 500, (path, query, resp.text[:300])
        page = resp.headers.get("content-type", "").startswith("text/html")
        if resp.status_code >= 400 and page:
            # only a welfare link's page, opened by a person on a phone, answers in HTML
            assert path.startswith("/api/welfare/"), (path, resp.text[:300])
        elif resp.status_code >= 400:
            body = resp.json()
            assert set(body) == {"ok", "error", "errors", "status"} and body["status"] == resp.status_code

    one_request()
    assert len(statuses) >= REQUESTS
    assert {200, 400} <= set(statuses)  # the generator reaches both sides of the contract
