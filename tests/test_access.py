"""Access: every API route tried without a token, with a wrong one, a revoked one and each scope.

Public reads answer anyone; each guarded route answers 401 without a valid token, 403 to a token
without its scope, and works with it. A new route must be listed here as public or guarded, or
the census test fails. Tokens are kept hashed: the secret is nowhere in the database file.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from conftest import article, event
from sitrep.access import SCOPES, create_token, list_tokens, revoke_token
from sitrep.api import create_app
from sitrep.cli import cli
from sitrep.errors import ConfigError, NotFoundError
from sitrep.records import Result
from sitrep.runners import store_results
from sitrep.store import open_store
from sitrep.watchlist import add_watch_item

GUARDED = {
    ("POST", "/api/dedup"): "write",
    ("POST", "/api/events/{event_id}/review"): "review",
    ("GET", "/api/reviews"): ("read-private", "review"),
    ("GET", "/api/watchlist"): "read-private",
    ("POST", "/api/watchlist"): "write",
    ("GET", "/api/watchlist/{item_id}"): "read-private",
    ("PUT", "/api/watchlist/{item_id}"): "write",
    ("DELETE", "/api/watchlist/{item_id}"): "write",
}
BODIES = {
    "/api/events/{event_id}/review": {"action": "confirm", "reason": "checked", "reviewer": "x"},
    "/api/watchlist": {"name": "Census site", "kind": "site", "latitude": 1.5, "longitude": 2.5},
    "/api/watchlist/{item_id}": {"active": False},
}


@pytest.fixture
def world(tmp_path: Path) -> Any:
    s = open_store(str(tmp_path / "a.db"))
    a = article("d1", "Soldiers and JNIM fighters clashed near Niono on Saturday, a mayor said. " * 2,
                date(2024, 3, 3), "https://a.example/1")  # fmt: skip
    store_results([Result("d1", a, (event(a),))], s)
    tokens = {scope: create_token(s, f"{scope} desk", [scope])[1] for scope in SCOPES}
    tokens["revoked"] = create_token(s, "old desk", ["admin"])[1]
    revoke_token(s, "old desk")
    add_watch_item(s, "Census person", "person", latitude=3.5, longitude=4.5)
    yield s, tokens
    s.close()


def _routes(app: Any, store: Any) -> list[tuple[str, str, str]]:
    """(method, template, concrete path) of every API route."""
    event_id = json.loads(store.query_events()[0].document)["event_id"]
    item_id = store.watch_items()[0].item_id
    out = []
    for template, ops in app.openapi()["paths"].items():  # every route the API documents
        path = (
            template.replace("{event_id}", event_id).replace("{doc_id}", "d1").replace("{item_id}", item_id)
        )
        out += [(m.upper(), template, path) for m in sorted(ops)]
    assert len(out) >= 11
    return out


def _call(client: TestClient, method: str, template: str, path: str, token: str | None) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    query = (
        "?bbox=-10,10,0,20" if template == "/api/places" else "?q=Nio" if template.endswith("search") else ""
    )
    return client.request(method, path + query, headers=headers, json=BODIES.get(template)).status_code


def test_every_route_with_every_kind_of_token(world: Any) -> None:
    store, tokens = world
    app = create_app(store)
    client = TestClient(app)
    routes = _routes(app, store)
    assert {(m, t) for m, t, _ in routes if (m, t) in GUARDED} == set(GUARDED), "a guarded route is missing"
    for method, template, path in routes:
        scope = GUARDED.get((method, template))
        anonymous = _call(client, method, template, path, None)
        if scope is None:
            assert anonymous not in (401, 403), (method, template, anonymous)
            continue
        assert anonymous == 401, (method, template)
        assert _call(client, method, template, path, "sitrep_nope_nope") == 401
        assert _call(client, method, template, path, tokens["revoked"]) == 401
        assert (
            _call(
                client,
                method,
                template,
                path,
                tokens[scope if isinstance(scope, str) else scope[0]][:-2] + "xx",
            )
            == 401
        )  # a tampered secret
        for held, token in tokens.items():
            if held == "revoked":
                continue
            allowed = held == "admin" or held in ((scope,) if isinstance(scope, str) else scope)
            status = _call(client, method, template, path, token)
            assert (status not in (401, 403)) == allowed, (method, template, held, status)


def test_guarded_routes_are_off_without_any_token(tmp_path: Path) -> None:
    s = open_store(str(tmp_path / "b.db"))
    client = TestClient(create_app(s))
    assert client.post("/api/dedup").status_code == 403
    assert client.get("/api/reviews").status_code == 403
    assert client.get("/api/watchlist").status_code == 403
    s.close()


def test_a_named_token_reviews_under_its_own_name(world: Any) -> None:
    store, tokens = world
    client = TestClient(create_app(store, token="run-token"))
    event_id = json.loads(store.query_events()[0].document)["event_id"]
    body = {"action": "confirm", "reason": "seen it", "reviewer": "someone else"}
    ok = client.post(
        f"/api/events/{event_id}/review", json=body, headers={"Authorization": f"Bearer {tokens['review']}"}
    )
    assert ok.status_code == 200 and ok.json()["review"]["reviewer"] == "review desk"
    # the run's own token is an admin without a name: the body names the reviewer
    run = client.post(
        f"/api/events/{event_id}/review", json=body, headers={"Authorization": "Bearer run-token"}
    )
    assert run.json()["review"]["reviewer"] == "someone else"
    nameless = client.post(f"/api/events/{event_id}/review", json={**body, "reviewer": None},
                           headers={"Authorization": "Bearer run-token"})  # fmt: skip
    assert nameless.status_code == 400 and "reviewer" in nameless.json()["error"]


def test_tokens_are_kept_hashed_named_and_revocable(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    run = CliRunner()
    made = run.invoke(cli, ["token", "create", "field desk", "--scope", "review", "--db", str(db)])
    assert made.exit_code == 0
    secret = made.stdout.strip()
    assert secret.startswith("sitrep_")
    for f in tmp_path.iterdir():
        assert secret.split("_", 2)[2].encode() not in f.read_bytes(), f"the secret is stored in {f.name}"
    listed = [json.loads(x) for x in run.invoke(cli, ["token", "list", "--db", str(db)]).stdout.splitlines()]
    assert listed == [{"name": "field desk", "scopes": ["review"], "created": listed[0]["created"],
                       "last_used": None, "revoked": None}]  # fmt: skip
    assert secret not in run.invoke(cli, ["token", "list", "--db", str(db)]).stdout
    taken = run.invoke(cli, ["token", "create", "field desk", "--scope", "write", "--db", str(db)])
    assert taken.exit_code == 2 and "exists" in taken.stderr
    assert run.invoke(cli, ["token", "create", "x", "--scope", "root", "--db", str(db)]).exit_code == 2
    assert run.invoke(cli, ["token", "revoke", "field desk", "--db", str(db)]).exit_code == 0
    again = run.invoke(cli, ["token", "revoke", "field desk", "--db", str(db)])
    assert again.exit_code == 2 and "no live token" in again.stderr
    s = open_store(str(db))
    assert list_tokens(s)[0].revoked is not None
    with pytest.raises(ConfigError):
        create_token(s, "", ["review"])
    with pytest.raises(NotFoundError):
        revoke_token(s, "nobody")
    s.close()
