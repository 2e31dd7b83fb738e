"""Advisories without the NLP model: official imports (fixtures we wrote in the Canada JSON, GOV.UK
content API and US RSS formats), the store on both backends (upserts, level changes, the data
generation, backup), the API routes and the CLI, and bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from conftest import DATA, article, build_mini_gazetteer, event
from sitrep.advisories import (
    advisory_changes,
    import_advisories,
    list_advisories,
    store_advisories,
)
from sitrep.api import create_app
from sitrep.cli import cli
from sitrep.errors import ParseError
from sitrep.geo import Gazetteer
from sitrep.records import Advisory, AdvisoryEvidence, Result
from sitrep.runners import store_results
from sitrep.store import open_store
from sitrep.store.backup import backup_store, restore_store
from sitrep.store.base import Store

FIX = DATA / "advisories"


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    path = tmp_path_factory.mktemp("gaz") / "mini.sqlite"
    build_mini_gazetteer(path)
    g = Gazetteer.open(path)
    yield g
    g.close()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()


def threat(
    doc: str = "d1", country: str = "ML", admin1: tuple[str, ...] = ("ML.08",), day: str = "2024-03-02"
) -> Advisory:
    """A threat record as the extraction would make it (built by hand)."""
    ev = AdvisoryEvidence(
        "There is a threat of kidnapping in the north, the ministry said.", 10, 74, doc, None
    )
    return Advisory(
        f"adv_{doc}_{country}",
        "threat",
        "CA",
        country,
        admin1,
        "the north",
        None,
        None,
        ("K",),
        day,
        "article",
        (ev,),
        18.0,
        -2.0,
        ("Tombouctou",),
    )


# ------------------------------------------------------------------ imports


def test_canada_json_gives_one_advisory_per_country_on_the_common_ladder() -> None:
    found = {a.country: a for a in import_advisories("ca", (FIX / "ca-index.json").read_bytes())}
    assert set(found) == {"ML", "FR", "CI"}
    ml = found["ML"]
    assert (ml.issuer, ml.level, ml.level_label, ml.date) == ("CA", 4, "Avoid all travel", "2024-03-01")
    assert (ml.kind, ml.source, ml.url) == ("advisory", "import:ca", "https://travel.gc.ca/destinations/mali")
    assert found["FR"].level == 2 and found["CI"].level == 1
    again = import_advisories("ca", (FIX / "ca-index.json").read_bytes())
    assert {a.advisory_id for a in again} == {a.advisory_id for a in found.values()}  # stable ids


def test_uk_content_api_page_and_index(gaz: Gazetteer) -> None:
    [ml] = import_advisories("gb", (FIX / "gb-mali.json").read_bytes(), gazetteer=gaz)
    assert (ml.issuer, ml.country, ml.level, ml.date) == ("GB", "ML", 4, "2024-02-20")
    assert ml.url == "https://www.gov.uk/foreign-travel-advice/mali"
    index = {
        a.country: a for a in import_advisories("gb", (FIX / "gb-index.json").read_bytes(), gazetteer=gaz)
    }
    assert set(index) == {"FR", "CI"}  # a country the gazetteer does not know is skipped, not guessed
    assert index["FR"].level == 1
    assert index["CI"].level == 2  # advice against travel to parts only: never the whole country's 3 or 4


def test_us_rss_levels_and_indicator_letters(gaz: Gazetteer) -> None:
    found = {
        a.country: a for a in import_advisories("us", (FIX / "us-advisories.xml").read_bytes(), gazetteer=gaz)
    }
    assert found["ML"].level == 4 and found["ML"].level_label == "Do Not Travel"
    assert found["ML"].threats == ("K", "T", "C")
    assert found["ML"].date == "2024-03-05"
    assert found["FR"].level == 2 and found["FR"].threats == ("T", "U")


@pytest.mark.parametrize(
    ("source", "name", "says"),
    [
        ("ca", "ca-not-json.json", "not Canada travel advisory JSON"),
        ("ca", "ca-bad-state.json", "advisory-state 'high' is not 0..3"),
        ("gb", "ca-index.json", "neither a foreign travel advice page"),
        ("us", "us-no-level.xml", "has no level"),
        ("us", "ca-not-json.json", "not an RSS feed"),
    ],
)
def test_bad_input_is_a_clear_parse_error(source: str, name: str, says: str) -> None:
    with pytest.raises(ParseError, match=says):
        import_advisories(source, (FIX / name).read_bytes())


def test_unknown_source() -> None:
    with pytest.raises(ParseError, match="unknown advisory source"):
        import_advisories("xx", b"{}")


# ------------------------------------------------------------------ store (both backends)


def test_import_then_a_level_change_is_recorded_once(store: Store) -> None:
    first = import_advisories("ca", (FIX / "ca-index.json").read_bytes())
    assert store_advisories(store, first, now="2024-03-01T10:00:00Z") == []  # first sight: no change
    assert store_advisories(store, first, now="2024-03-02T10:00:00Z") == []  # the same again: nothing
    later = import_advisories("ca", (FIX / "ca-index-later.json").read_bytes())
    [change] = store_advisories(store, later, now="2024-03-09T12:00:00Z")
    assert (change.issuer, change.country, change.old_level, change.new_level) == ("CA", "FR", 2, 3)
    assert advisory_changes(store) == [change]
    assert advisory_changes(store, since="2024-03-10") == []
    fr = list_advisories(store, country="fr")
    assert [(a.level, a.level_label) for a in fr] == [(3, "Avoid non-essential travel")]
    assert len(list_advisories(store)) == 3


def test_filters_by_country_day_and_kind(store: Store) -> None:
    store_advisories(store, [threat("d1", day="2024-03-02"), threat("d2", "FR", (), "2024-01-01")])
    store_advisories(store, import_advisories("ca", (FIX / "ca-index.json").read_bytes()))
    assert [a.advisory_id for a in list_advisories(store, country="ML", kind="threat")] == ["adv_d1_ML"]
    assert {a.country for a in list_advisories(store, since=date(2024, 2, 10))} == {"ML", "FR"}
    got = list_advisories(store, kind="threat", country="ML")[0]
    assert got == threat("d1")  # every field round-trips


def test_ingest_stores_article_advisories_with_its_events(store: Store) -> None:
    a = article("d1", "Soldiers clashed near Niono on Saturday, a mayor said. " * 2, date(2024, 3, 3))
    gen = store.data_generation()
    store_results([Result("d1", a, (event(a),), advisories=(threat("d1"),))], store)
    assert [x.advisory_id for x in list_advisories(store)] == ["adv_d1_ML"]
    assert store.data_generation() > gen
    gen = store.data_generation()
    store_results([Result("d1", a, (event(a),), advisories=(threat("d1"),))], store)  # again: nothing new
    assert len(list_advisories(store)) == 1
    assert store.data_generation() == gen


def test_advisories_move_the_data_generation(store: Store) -> None:
    gen = store.data_generation()
    store_advisories(store, [threat()])
    assert store.data_generation() > gen


def test_backup_and_restore_keep_advisories_and_changes(tmp_path: Path) -> None:
    s = open_store(str(tmp_path / "a.db"))
    store_advisories(
        s, import_advisories("ca", (FIX / "ca-index.json").read_bytes()), now="2024-03-01T00:00:00Z"
    )
    store_advisories(
        s, import_advisories("ca", (FIX / "ca-index-later.json").read_bytes()), now="2024-03-09T00:00:00Z"
    )
    report = backup_store(s, tmp_path / "b.tar.gz")
    s.close()
    assert report.tables["advisories"] == 3 and report.tables["advisory_changes"] == 1
    restore_store(str(tmp_path / "r.db"), tmp_path / "b.tar.gz")
    r = open_store(str(tmp_path / "r.db"))
    try:
        assert len(list_advisories(r)) == 3 and len(advisory_changes(r)) == 1
    finally:
        r.close()


def test_bears_on() -> None:
    t = threat()
    assert t.bears_on("ML", "ML.08") and t.bears_on("ml", "Tombouctou")
    assert not t.bears_on("ML", "ML.05") and not t.bears_on("ML") and not t.bears_on("FR", "ML.08")
    assert threat(admin1=()).bears_on("ML")


# ------------------------------------------------------------------ API and CLI


def test_api_lists_advisories_and_changes(tmp_path: Path) -> None:
    s = open_store(str(tmp_path / "a.db"))
    store_advisories(s, [threat()])
    store_advisories(
        s, import_advisories("ca", (FIX / "ca-index.json").read_bytes()), now="2024-03-01T00:00:00Z"
    )
    store_advisories(
        s, import_advisories("ca", (FIX / "ca-index-later.json").read_bytes()), now="2024-03-09T00:00:00Z"
    )
    client = TestClient(create_app(s))
    body = client.get("/api/advisories", params={"country": "ML"}).json()
    assert body["count"] == 2 and {a["kind"] for a in body["advisories"]} == {"advisory", "threat"}
    threat_json = next(a for a in body["advisories"] if a["kind"] == "threat")
    assert threat_json["evidence"][0]["char_start"] == 10 and threat_json["threats"] == ["K"]
    assert client.get("/api/advisories", params={"kind": "threat"}).json()["count"] == 1
    assert client.get("/api/advisories", params={"since": "2024-03-05"}).json()["count"] == 1
    bad = client.get("/api/advisories", params={"kind": "rumour"})
    assert bad.status_code == 400 and bad.json()["ok"] is False
    assert client.get("/api/advisories", params={"since": "yesterday"}).status_code == 400
    changes = client.get("/api/advisories/changes").json()
    assert changes["count"] == 1 and changes["changes"][0]["new_level"] == 3
    s.close()


def test_cli_import_and_list(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    env = {"SITREP_DB": db}
    run = CliRunner().invoke
    out = run(cli, ["advisories", "import", "--source", "ca", str(FIX / "ca-index.json")], env=env)
    assert out.exit_code == 0, out.output
    assert "3 advisories" in out.output and "0 level changes" in out.output
    out = run(cli, ["advisories", "import", "--source", "ca", str(FIX / "ca-index-later.json")], env=env)
    assert "1 level changes" in out.output and "CA on FR: level 2 -> 3" in out.output
    out = run(cli, ["advisories", "list", "--country", "ML"], env=env)
    assert out.exit_code == 0 and "Avoid all travel" in out.output and "FR" not in out.output
    out = run(cli, ["advisories", "list", "--json"], env=env)
    assert {json.loads(line)["country"] for line in out.output.splitlines()} == {"ML", "FR", "CI"}


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("ca-not-json.json", "ca-not-json.json: not Canada travel advisory JSON"),
        ("missing.json", "cannot read"),
    ],
)
def test_cli_bad_input_names_the_file(tmp_path: Path, name: str, says: str) -> None:
    out = CliRunner().invoke(
        cli,
        ["advisories", "import", "--source", "ca", str(FIX / name)],
        env={"SITREP_DB": str(tmp_path / "c.db")},
    )
    assert out.exit_code == 2 and says in out.output and "Traceback" not in out.output
