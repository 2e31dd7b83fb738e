"""The watchlist's personal data never leaks: not through a public route, an export, a header, a
log line at any level, nor to a token without the scope (issue 14, item 5).

Items carry distinctive names, places, contacts and coordinates; every documented GET route is
then called without a token and with tokens that lack ``read-private``, every export of
``/api/events`` and ``sitrep events`` is read, and every log record of an add, change and removal
(through a live uvicorn at DEBUG and through the CLI at -vv) is searched for them.
"""

from __future__ import annotations

import io
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from conftest import article, build_mini_gazetteer, event
from sitrep.access import create_token
from sitrep.api import create_app
from sitrep.api.app import server_config
from sitrep.cli import cli
from sitrep.records import Result
from sitrep.runners import store_results
from sitrep.runners.local import alerts_hook
from sitrep.settings import load_settings
from sitrep.store import open_store
from sitrep.watchlist import add_watch_item

PERSON = {"name": "Zebediah Quartermaine", "kind": "person", "latitude": 12.34567, "longitude": -7.65432,
          "place": "Quillonbury Compound", "contact": {"email": "zq.duty@wardrobe-mail.example"}}  # fmt: skip
SITE = {"name": "Oxenbridge Annexe", "kind": "site", "latitude": 33.21987, "longitude": 44.87654,
        "contact": {"webhook": "https://hooks.tumblewick.example/zq-7731"}}  # fmt: skip
SECRETS = ("Zebediah", "Quartermaine", "Quillonbury", "wardrobe-mail", "Oxenbridge", "tumblewick",
           "zq-7731", "12.34567", "12.3457", "7.65432", "7.6543", "33.21987", "33.2199", "44.87654",
           "44.8765")  # fmt: skip
LOGGERS = ("", "sitrep", "uvicorn", "uvicorn.error", "uvicorn.access", "fastapi", "httpx", "psycopg")


def _leaks(text: str, extra: tuple[str, ...] = ()) -> list[str]:
    return [s for s in (*SECRETS, *extra) if s.casefold() in text.casefold()]


@pytest.fixture
def world(store_url: str, tmp_path: Path) -> Iterator[Any]:
    s: Any = open_store(store_url)
    a = article("d1", "Soldiers and JNIM fighters clashed near Niono on Saturday, a mayor said. " * 2,
                date(2024, 3, 3), "https://a.example/1")  # fmt: skip
    store_results([Result("d1", a, (event(a),))], s)
    items = [add_watch_item(s, **PERSON), add_watch_item(s, **SITE)]
    # an attack 25 km from the person (its place is public; the person is not): an alert, an
    # email queued with the welfare links (no SMTP server: it waits), a welfare check
    b = article("d2", "Gunmen attacked a convoy on the road south of the capital at dusk, police said. " * 2,
                datetime.now(UTC).date(), "https://b.example/2")  # fmt: skip
    near = ("Ouelessebougou", "Koulikoro", "ML", 12.5, -7.5, 1)
    attack = event(
        b, "Attack", "Violence against civilians", datetime.now(UTC).date(), near, ("Gunmen", None)
    )
    store_results([Result("d2", b, (attack,))], s, after_dedup=alerts_hook(load_settings(env={})))
    assert len(s.alerts()) == 1 and len(s.welfare_checks()) == 1
    tokens = {scope: create_token(s, f"{scope} desk", [scope])[1] for scope in ("write", "read-private")}
    gaz = tmp_path / "mini.sqlite"
    build_mini_gazetteer(gaz)
    yield s, items, tokens, gaz
    s.close()


def _text(resp: Any) -> str:
    body = resp.content.decode("utf-8", "replace")
    if resp.headers.get("content-type", "").startswith("application/vnd.apache.parquet"):
        import pyarrow.parquet as pq

        body += json.dumps(pq.read_table(io.BytesIO(resp.content)).to_pylist(), default=str)
    return body + json.dumps(dict(resp.headers))


def test_no_public_route_or_export_carries_a_watch_item(world: Any) -> None:
    store, items, tokens, gaz = world
    client = TestClient(create_app(store, gazetteer=gaz))
    event_id = json.loads(store.query_events()[0].document)["event_id"]
    alert_id = store.alerts()[0].alert_id
    ids = (*(i.item_id for i in items), alert_id)
    queries = {
        "/api/places": "?bbox=-180,-90,180,90&limit=500",
        "/api/places/search": "?q=Qui",
        "/api/report": "?region=ML&since=2000-01-01&format=md",
    }
    paths = ["/", "/openapi.json", "/docs", "/redoc"]
    for template, ops in client.get("/openapi.json").json()["paths"].items():
        if "get" in ops:
            path = template.replace("{event_id}", event_id).replace("{doc_id}", "d1")
            path = path.replace("{alert_id}", alert_id).replace("{token}", "a-made-up-welfare-token")
            path = path.replace("{area}", "ML")  # the risk level of the country the items are in
            paths.append(path.replace("{item_id}", ids[0]) + queries.get(template, ""))
    paths += [f"/api/events?format={f}" for f in ("json", "geojson", "csv", "parquet")]
    paths += ["/api/stats", "/api/events?bbox=-180,-90,180,90&review=all", f"/api/events/{event_id}"]
    paths += ["/api/report?region=ML&since=2000-01-01&format=html"]
    assert any(p.startswith("/api/watchlist") for p in paths) and len(paths) > 15
    assert {"/api/alerts", "/api/alerts/feed.atom", f"/api/alerts/{alert_id}", "/api/welfare"} <= set(paths)
    for who in (None, tokens["write"], "sitrep_nope_nope"):
        headers = {"Authorization": f"Bearer {who}"} if who else {}
        for path in paths:
            resp = client.get(path, headers=headers)
            guarded = (
                path.startswith(("/api/watchlist", "/api/reviews", "/api/alerts")) or path == "/api/welfare"
            )
            link = path.startswith("/api/welfare/")  # a one-time link: unknown ones are 404
            want = (401 if who != tokens["write"] else 403) if guarded else 404 if link else 200
            assert resp.status_code == want, path
            assert not _leaks(_text(resp), ids), (path, who and who[:12], _leaks(_text(resp), ids))
    for fmt in ("json", "csv", "geojson"):
        out = CliRunner().invoke(cli, ["events", "--db", store.url, "--format", fmt])
        assert out.exit_code == 0 and out.stdout.strip() and not _leaks(out.stdout + out.stderr, ids), fmt
    report = ["report", "--db", store.url, "--region", "ML", "--since", "2000-01-01", "--no-save"]
    out = CliRunner().invoke(cli, report)
    assert out.exit_code == 0 and "Niono" in out.stdout and not _leaks(out.stdout + out.stderr, ids)
    for args in (["alerts", "list"], ["alerts", "show", alert_id], ["welfare", "status"]):
        out = CliRunner().invoke(cli, ["-vv", *args, "--db", store.url])
        assert out.exit_code == 0 and out.stdout.strip() and not _leaks(out.stderr), args  # logs: ids only
    out = CliRunner().invoke(cli, ["-vv", "alerts", "send-pending", "--db", store.url])
    assert out.exit_code == 0 and not _leaks(out.stderr)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.levelname} {self.format(record)}")


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> Iterator[_Records]:
    """Every log record of every logger at DEBUG (uvicorn's own loggers do not propagate)."""
    caplog.set_level(logging.DEBUG)
    handler = _Records()
    handler.setFormatter(logging.Formatter("%(message)s"))  # message, args and any traceback
    levels = {name: logging.getLogger(name).level for name in LOGGERS}
    for name in LOGGERS:
        logging.getLogger(name).setLevel(logging.DEBUG)
        logging.getLogger(name).addHandler(handler)
    yield handler
    for name, level in levels.items():
        logging.getLogger(name).removeHandler(handler)
        logging.getLogger(name).setLevel(level)
    handler.lines += [f"caplog {r.getMessage()}" for r in caplog.records]


def _serve(app: Any) -> tuple[Any, threading.Thread, str]:
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(server_config(app, port=port, log_level="debug"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    return server, thread, f"http://127.0.0.1:{port}"


def test_no_log_line_names_a_watch_item(world: Any, records: _Records) -> None:
    store, items, tokens, gaz = world
    server, thread, url = _serve(create_app(store, gazetteer=gaz))
    for name in LOGGERS:  # uvicorn configured its loggers at start: listen to them again
        logging.getLogger(name).setLevel(logging.DEBUG)
        if records not in logging.getLogger(name).handlers:
            logging.getLogger(name).addHandler(records)
    write = {"Authorization": f"Bearer {tokens['write']}"}
    try:
        with httpx.Client(base_url=url, headers=write, timeout=10) as http:
            made = http.post("/api/watchlist", json=PERSON)
            assert made.status_code == 201
            item_id = made.json()["item_id"]
            bad = http.post("/api/watchlist", json={**PERSON, "contact": {"email": "Zebediah@"}})
            assert bad.status_code == 400 and not _leaks(bad.text)
            assert http.put(f"/api/watchlist/{item_id}", json=SITE).status_code == 200
            assert http.put(f"/api/watchlist/{item_id}", json={"latitude": 912.34567}).status_code == 400
            assert http.delete(f"/api/watchlist/{item_id}").status_code == 200
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    run = CliRunner()
    db = ["--db", store.url]
    added = run.invoke(cli, ["-vv", "watchlist", "add", "--name", PERSON["name"], "--kind", "person",
                             "--lat", "12.34567", "--lon", "-7.65432", "--place", PERSON["place"],
                             "--email", "zq.duty@wardrobe-mail.example", *db])  # fmt: skip
    assert added.exit_code == 0 and not _leaks(added.stderr)
    cli_id = json.loads(added.stdout)["item_id"]
    changed = run.invoke(cli, ["-vv", "watchlist", "update", cli_id, "--name", SITE["name"],
                               "--webhook", "https://hooks.tumblewick.example/zq-7731", *db])  # fmt: skip
    assert changed.exit_code == 0 and not _leaks(changed.stderr)
    refused = run.invoke(cli, ["-vv", "watchlist", "update", cli_id, "--email", "Quartermaine@nowhere", *db])
    assert refused.exit_code == 2 and not _leaks(refused.stderr)
    assert run.invoke(cli, ["-vv", "watchlist", "remove", cli_id, *db]).exit_code == 0
    lines = "\n".join(records.lines)
    # the capture works: the server's access log and the library's own lines are in it
    assert f"DELETE /api/watchlist/{item_id}" in lines and f"watch item {cli_id} removed" in lines
    assert not _leaks(lines), _leaks(lines)


def test_guarded_routes_answer_only_the_right_scope(world: Any) -> None:
    store, items, tokens, gaz = world
    client = TestClient(create_app(store))
    read = {"Authorization": f"Bearer {tokens['read-private']}"}
    write = {"Authorization": f"Bearer {tokens['write']}"}
    path = f"/api/watchlist/{items[0].item_id}"
    for method, url, body in (("GET", "/api/watchlist", None), ("GET", path, None),
                              ("POST", "/api/watchlist", SITE), ("PUT", path, {"active": False}),
                              ("DELETE", path, None)):  # fmt: skip
        assert client.request(method, url, json=body).status_code == 401, (method, url)
        wrong, right = (write, read) if method == "GET" else (read, write)
        refused = client.request(method, url, json=body, headers=wrong)
        assert refused.status_code == 403 and refused.headers["cache-control"] == "no-store"
        assert not _leaks(refused.text)
        assert client.request(method, url, json=body, headers=right).status_code in (200, 201), (method, url)
    listed = client.get("/api/watchlist", headers=read).json()
    assert [i["name"] for i in listed["items"]] == ["Oxenbridge Annexe", "Oxenbridge Annexe"]
