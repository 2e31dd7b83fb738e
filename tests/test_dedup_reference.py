"""Acceptance (issue 6): the reference article and a second outlet's rewrite, a day later.

The reference article is internal evaluation data in ../shared (read at test time, never copied
here); the rewrite in ``tests/data/dedup/`` is our own text. Ingesting both yields one canonical
event per happening, each reported by both, the toll revision as a second version; ingesting
both again changes nothing. A third outlet runs the reference as wire copy under its own
header: its text differs, so it is stored and extracted as a revision of the reference, and
each of its events joins the reference's. Runs on SQLite and (when
reachable) PostgreSQL.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import public_article, public_event, public_events
from sitrep.runners import ingest_paths
from sitrep.settings import Settings
from sitrep.store import open_store

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "articles" / "mali-diabaly-2013.txt"
REWRITE = Path(__file__).parent / "data" / "dedup" / "diabaly-second-outlet.txt"

pytestmark = [pytest.mark.model, pytest.mark.eval]  # the reference article lives in ../shared


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    if not REFERENCE.is_file():
        pytest.skip(f"reference article not present at {REFERENCE} (internal evaluation data)")
    path = tmp_path / "two-outlets.jsonl"
    rows = [
        {
            "id": "outlet-a/mali-diabaly",
            "text": REFERENCE.read_text(encoding="utf-8"),
            "published": "2013-01-20",
            "url": "https://outlet-a.example/world/mali-diabaly",
            "title": "Reference report",
        },
        {
            "id": "outlet-b/diabaly-hold",
            "text": REWRITE.read_text(encoding="utf-8"),
            "published": "2013-01-21",
            "url": "https://www.outlet-b.example/africa/diabaly",
            "title": "Second outlet",
        },
        {
            "id": "outlet-c/wire-copy",
            "text": "By Wire Staff | Africa desk\n\n"
            + REFERENCE.read_text(encoding="utf-8")
            + "\n\nDistributed by "
            "the wire service to subscribers.",
            "published": "2013-01-20",
            "url": "https://outlet-c.example/wire/mali",
            "title": "Wire copy",
        },
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _by_sub(events: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        out.setdefault(e["sub_event_type"], []).append(e)
    return out


def test_two_outlets_one_event_per_happening(
    batch: Path,
    store_url: str,
    settings: Settings,
    resources: Any,
) -> None:
    store = open_store(store_url)
    report = ingest_paths([str(batch)], settings, store, resources=resources)
    assert report.documents == 3 and report.dedup is not None
    assert report.stored is not None and report.stored.articles_near == 1
    events = public_events(store)
    stats = store.stats()
    assert stats.articles == 3 and stats.documents == 3
    # The wire copy's text differs (its own header and footer): it is stored and extracted as a
    # revision of the reference, which it names.
    copy = public_article(store, "outlet-c/wire-copy")
    assert copy is not None and copy["doc_id"] == "outlet-c/wire-copy"
    assert copy["near_of"]["doc_id"] == "outlet-a/mali-diabaly" and 0 < copy["near_of"]["distance"] <= 20
    # Every mention is in exactly one canonical event; no canonical event repeats a document.
    members = [s["event_id"] for e in events for s in e["sources"] if s["copy_of"] is None]
    assert len(members) == len(set(members)) == stats.mentions
    for e in events:
        docs = [s["doc_id"] for s in e["sources"]]
        assert len(docs) == len(set(docs))
        # Every event the reference reported is reported by the wire copy too, at the same place and day.
        if "outlet-a/mali-diabaly" in docs:
            (wire,) = [s for s in e["sources"] if s["doc_id"] == "outlet-c/wire-copy"]
            assert wire["joined"]["km"] == 0 and wire["joined"]["days"] == 0, e["sub_event_type"]

    both = {"outlet-a/mali-diabaly", "outlet-b/diabaly-hold"}
    by_sub = _by_sub(events)
    # The happenings the rewrite retells: each is one canonical event with both sources.
    for sub in (
        "Air/drone strike",
        "Government regains territory",
        "Attack",
    ):
        assert len(by_sub[sub]) == 1, (sub, by_sub[sub])
        (ev,) = by_sub[sub]
        assert {s["doc_id"] for s in ev["sources"]} == both | {"outlet-c/wire-copy"}, sub
        assert {s["outlet"] for s in ev["sources"]} == {
            "outlet-a.example",
            "outlet-b.example",
            "outlet-c.example",
        }
        assert all(s["evidence"] for s in ev["sources"])
    takeovers = by_sub["Non-state actor overtakes territory"]
    # Diabaly (this week) and the north (2012) in both outlets; the rewrite names the three towns of
    # 2012 in two regions, one event per place: the reference's "north" joins one, two stand alone.
    assert sorted(e["n_sources"] for e in takeovers) == [1, 1, 3, 3]
    assert len({e["date"][:4] for e in takeovers if e["n_sources"] == 1} | {"2012"}) == 1

    # The toll revision (one dead, then two) is a second version; the rest have one.
    (attack,) = by_sub["Attack"]
    detail = public_event(store, attack["event_id"])
    assert detail is not None and detail["fatalities"] == 2
    assert [(v["version"], v["as_of"], v["fields"]["fatalities"]) for v in detail["versions"]] == [
        (1, "2013-01-20", 1),
        (2, "2013-01-21", 2),
    ]
    assert detail["versions"][1]["reported_by"] == ["outlet-b/diabaly-hold"]
    others = [e for e in events if e["event_id"] != attack["event_id"]]
    assert all(e["version"] == 1 for e in others)

    # Ingesting both again changes nothing.
    again = ingest_paths([str(batch)], settings, store, resources=resources)
    assert again.stored is not None and again.stored.articles_added == again.stored.events_added == 0
    assert again.stored.touched == ()
    assert public_events(store) == events
    assert public_event(store, attack["event_id"]) == detail
    store.close()
