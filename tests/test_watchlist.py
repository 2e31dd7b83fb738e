"""The watchlist: people and sites added, listed, changed and removed through the library, the CLI
and the API on both backends; bad values refused with the field named; places found in the
tiny synthetic gazetteer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from conftest import build_mini_gazetteer
from sitrep.access import create_token
from sitrep.api import create_app
from sitrep.cli import cli
from sitrep.errors import ConfigError, NotFoundError, StoreError
from sitrep.geo.gazetteer import Gazetteer
from sitrep.records import WatchItem
from sitrep.store import open_store
from sitrep.watchlist import (
    add_watch_item,
    get_watch_item,
    list_watch_items,
    remove_watch_item,
    resolve_place,
    update_watch_item,
)


@pytest.fixture(scope="module")
def gaz_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gaz") / "mini.sqlite"
    build_mini_gazetteer(path)
    return path


@pytest.fixture
def gaz(gaz_path: Path) -> Any:
    g = Gazetteer.open(gaz_path)
    yield g
    g.close()


def test_library_round_trip(store_url: str, gaz: Any) -> None:
    s: Any = open_store(store_url)
    try:
        hook = {"webhook": "https://desk.example/hook"}
        post = add_watch_item(
            s,
            "  Field  office ",
            "site",
            place="Niono",
            gazetteer=gaz,
            radius_km={"severe": 40},
            contact=hook,
        )
        ana = add_watch_item(
            s, "Ana", "person", latitude=12.5, longitude=-8.25, contact={"email": "a@b.example"}
        )
        assert post.name == "Field office" and (post.latitude, post.longitude) == (14.25, -5.99)
        assert post.place == "Niono" and post.radius_km == {
            "Extreme": 100,
            "Severe": 40,
            "Moderate": 25,
            "Minor": 10,
        }
        assert [i.item_id for i in list_watch_items(s)] == [ana.item_id, post.item_id]  # by name
        assert get_watch_item(s, ana.item_id) == ana
        changes = {"place": "Ségou", "radius_km": {"Minor": 5}, "contact": None, "active": False}
        moved = update_watch_item(s, ana.item_id, changes, gazetteer=gaz)
        assert (moved.latitude, moved.longitude, moved.place) == (13.43, -6.26, "Ségou")
        assert moved.radius_km["Minor"] == 5 and moved.radius_km["Severe"] == 50 and moved.contact is None
        assert get_watch_item(s, ana.item_id) == moved and not moved.active and moved.created == ana.created
        remove_watch_item(s, ana.item_id)
        assert s.rows("SELECT count(*) AS n FROM watchlist WHERE item_id = ?", (ana.item_id,))[0]["n"] == 0
        with pytest.raises(NotFoundError):
            remove_watch_item(s, ana.item_id)
        with pytest.raises(NotFoundError):
            update_watch_item(s, ana.item_id, {"active": True})
        assert [i.item_id for i in list_watch_items(s)] == [post.item_id]
    finally:
        s.close()


def test_the_watchlist_does_not_move_the_data_generation(store_url: str) -> None:
    s: Any = open_store(store_url)
    try:
        before = s.data_generation()
        item = add_watch_item(s, "Ana", "person", latitude=1, longitude=2)
        update_watch_item(s, item.item_id, {"name": "Ana B"})
        remove_watch_item(s, item.item_id)
        assert s.data_generation() == before
    finally:
        s.close()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "vehicle"}, "kind"),
        ({"latitude": 91}, "latitude"),
        ({"longitude": -181}, "longitude"),
        ({"latitude": float("nan")}, "latitude"),
        ({"latitude": None}, "latitude and longitude go together"),
        ({"radius_km": {"Catastrophic": 5}}, "unknown severity"),
        ({"radius_km": {"Severe": 0}}, "radius_km"),
        ({"radius_km": {"Severe": "far"}}, "radius_km"),
        ({"contact": {"webhook": "ftp://desk.example/x"}}, "webhook"),
        ({"contact": {"webhook": "https://"}}, "webhook"),
        ({"contact": {"webhook": "https://[::1"}}, "webhook"),
        ({"contact": {"email": "not-an-address"}}, "email"),
        ({"contact": {"email": "a@b.example", "webhook": "https://x.example"}}, "contact"),
        ({"contact": {"phone": "123"}}, "contact"),
        ({"name": " "}, "name"),
    ],
)
def test_bad_values_name_the_field_not_the_value(store: Any, kwargs: dict[str, Any], field: str) -> None:
    args: dict[str, Any] = {"name": "Zed", "kind": "person", "latitude": 1.0, "longitude": 2.0, **kwargs}
    with pytest.raises(ConfigError) as caught:
        add_watch_item(store, args.pop("name"), args.pop("kind"), **args)
    message = str(caught.value)
    assert field in message and "\n" not in message and caught.value.hint
    for value in ("Zed", "ftp://", "not-an-address", "123"):
        assert value not in message
    assert store.watch_items() == []


def test_places_are_found_or_refused_clearly(gaz: Any) -> None:
    assert resolve_place(gaz, "segou").name == "Ségou"  # the town, not the region named after it
    assert resolve_place(gaz, "Paris, FR").country == "FR"
    assert resolve_place(gaz, "Paris, United States").country == "US"
    assert resolve_place(gaz, "Springfield, Missouri").admin1 == "Missouri"
    assert resolve_place(gaz, "2").name == "Niono"
    with pytest.raises(ConfigError, match="2 gazetteer places") as ambiguous:
        resolve_place(gaz, "Springfield")
    assert "Illinois" in str(ambiguous.value) and "Missouri" in str(ambiguous.value)
    with pytest.raises(ConfigError, match="not in the gazetteer"):
        resolve_place(gaz, "Atlantis")
    with pytest.raises(ConfigError, match="not in the gazetteer"):
        resolve_place(gaz, "Paris, ML")
    with pytest.raises(ConfigError, match="no gazetteer"):
        resolve_place(None, "Niono")


def test_a_record_checks_itself() -> None:
    item = WatchItem("w1", " Site ", "SITE", 1, 2, radius_km={"Minor": 3})  # type: ignore[arg-type]
    assert (item.name, item.kind, item.radius_km["Minor"], item.radius_km["Extreme"]) == (
        "Site",
        "site",
        3,
        100,
    )
    with pytest.raises(ConfigError, match="kind"):
        WatchItem("w1", "Site", "car", 1, 2)  # type: ignore[arg-type]


def test_cli(store_url: str, gaz_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_GAZETTEER", str(gaz_path))
    run = CliRunner()
    db = ["--db", store_url]
    made = run.invoke(cli, ["watchlist", "add", "--name", "Ana", "--kind", "person", "--lat", "12.5", "--lon",
                            "-8", "--radius", "Severe=40", "--email", "ana@desk.example", *db])  # fmt: skip
    assert made.exit_code == 0, made.stderr
    ana = json.loads(made.stdout)
    assert ana["radius_km"]["Severe"] == 40 and ana["contact"] == {"email": "ana@desk.example"}
    site = run.invoke(
        cli, ["watchlist", "add", "--name", "Office", "--kind", "site", "--place", "Niono", *db]
    )
    assert site.exit_code == 0 and json.loads(site.stdout)["latitude"] == 14.25
    listed = [
        json.loads(x) for x in run.invoke(cli, ["watchlist", "list", "--json", *db]).stdout.splitlines()
    ]
    assert [i["name"] for i in listed] == ["Ana", "Office"]
    table = run.invoke(cli, ["watchlist", "list", *db]).stdout.splitlines()
    assert table[0].startswith(ana["item_id"]) and table[0].endswith("Ana")
    changed = run.invoke(cli, ["watchlist", "update", ana["item_id"], "--place", "Bamako", "--inactive",
                               "--no-contact", *db])  # fmt: skip
    assert changed.exit_code == 0, changed.stderr
    now = json.loads(run.invoke(cli, ["watchlist", "show", ana["item_id"], *db]).stdout)
    assert (now["latitude"], now["active"], now["contact"]) == (12.65, False, None)
    assert run.invoke(cli, ["watchlist", "remove", ana["item_id"], *db]).exit_code == 0
    gone = run.invoke(cli, ["watchlist", "show", ana["item_id"], *db])
    assert gone.exit_code == 2 and "no watch item" in gone.stderr
    for bad, says in [
        (["--kind", "person", "--lat", "95", "--lon", "0"], "latitude"),
        (["--kind", "person", "--place", "Springfield"], "2 gazetteer places"),
        (["--kind", "person", "--place", "Atlantis"], "not in the gazetteer"),
        (["--kind", "person", "--lat", "1", "--lon", "1", "--radius", "Severe"], "SEVERITY=KM"),
        (["--kind", "person", "--lat", "1", "--lon", "1", "--webhook", "mailto:x"], "webhook"),
        (["--kind", "person", "--lat", "1", "--lon", "1", "--email", "x@y.example", "--webhook", "https://a.b"],
         "one contact"),
        (["--kind", "person"], "no coordinates and no place"),
    ]:  # fmt: skip
        res = run.invoke(cli, ["watchlist", "add", "--name", "Bad", *bad, *db])
        assert res.exit_code == 2 and says in res.stderr, (bad, res.stderr)
    assert run.invoke(cli, ["watchlist", "add", "--name", "B", "--kind", "car", "--lat", "1", "--lon", "1",
                            *db]).exit_code == 2  # fmt: skip
    assert "Office" in run.invoke(cli, ["watchlist", "list", *db]).stdout
    assert "duty-of-care" in run.invoke(cli, ["watchlist", "--help"]).stdout


def test_api(store_url: str, gaz_path: Path) -> None:
    s: Any = open_store(store_url)
    write = {"Authorization": f"Bearer {create_token(s, 'desk', ['write', 'read-private'])[1]}"}
    client = TestClient(create_app(s, gazetteer=gaz_path))
    try:
        body = {"name": "Office", "kind": "site", "place": "Ségou", "radius_km": {"Extreme": 150}}
        made = client.post("/api/watchlist", headers=write, json=body)
        assert made.status_code == 201 and made.headers["cache-control"] == "no-store"
        item = made.json()
        assert (item["latitude"], item["radius_km"]["Extreme"]) == (13.43, 150)
        listed = client.get("/api/watchlist", headers=write)
        assert listed.json()["count"] == 1 and listed.headers["cache-control"] == "no-store"
        path = f"/api/watchlist/{item['item_id']}"
        put = client.put(
            path,
            headers=write,
            json={"latitude": 14.0, "longitude": -6.0, "contact": {"email": "a@b.example"}},
        )
        assert put.status_code == 200 and put.json()["latitude"] == 14.0 and put.json()["place"] == "Ségou"
        assert client.get(path, headers=write).json()["contact"] == {"email": "a@b.example"}
        for body in (
            {"name": "X", "kind": "car", "latitude": 1, "longitude": 1},
            {"name": "X", "kind": "site", "latitude": 100, "longitude": 1},
            {"name": "X", "kind": "site", "latitude": 1, "longitude": 1, "radius_km": {"Huge": 3}},
            {"name": "X", "kind": "site", "latitude": 1, "longitude": 1, "contact": {"webhook": "ftp://x"}},
            {"name": "X", "kind": "site", "place": "Atlantis"},
            {"name": "X", "kind": "site", "latitude": 1, "longitude": 1, "extra": 1},
        ):
            bad = client.post("/api/watchlist", headers=write, json=body)
            assert bad.status_code == 400, body
            assert (
                set(bad.json()) == {"ok", "error", "errors", "status"}
                and bad.headers["cache-control"] == "no-store"
            )
        assert client.put(path, headers=write, json={"latitude": -91}).status_code == 400
        deleted = client.delete(path, headers=write)
        assert deleted.status_code == 200 and deleted.json() == {"ok": True, "removed": item["item_id"]}
        missing = client.get(path, headers=write)
        assert missing.status_code == 404 and missing.headers["cache-control"] == "no-store"
        assert client.delete(path, headers=write).status_code == 404
        assert client.get("/api/watchlist", headers=write).json() == {"items": [], "count": 0}
    finally:
        s.close()


def test_a_database_error_names_the_item_id_only(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(item: Any) -> bool:
        raise StoreError(f"null value; DETAIL: Failing row contains ({item.item_id}, Zed Quill, a@b.example)")

    monkeypatch.setattr(store, "add_watch_item", refuse)
    with pytest.raises(StoreError) as caught:
        add_watch_item(
            store, "Zed Quill", "person", latitude=1, longitude=2, contact={"email": "a@b.example"}
        )
    assert (
        "watch item" in str(caught.value)
        and "Zed" not in str(caught.value)
        and "a@b" not in str(caught.value)
    )


def test_a_removed_person_leaves_no_trace_in_the_sqlite_files(tmp_path: Path) -> None:
    s: Any = open_store(str(tmp_path / "w.db"))
    keep = add_watch_item(s, "Keeper", "site", latitude=1, longitude=2)
    gone = add_watch_item(s, "Zebediah Quartermaine", "person", latitude=1, longitude=2)
    add_watch_item(s, "Keeper too", "site", latitude=1, longitude=2)
    s.execute("PRAGMA secure_delete = 0")  # as some builds leave it: the store turns it on to remove
    remove_watch_item(s, gone.item_id)
    assert s.rows("PRAGMA secure_delete")[0]["secure_delete"] == 0
    s.close()
    assert [f.name for f in tmp_path.iterdir() if b"Quartermaine" in f.read_bytes()] == []
    again: Any = open_store(str(tmp_path / "w.db"))
    assert get_watch_item(again, keep.item_id).name == "Keeper"
    again.close()
