"""One contract for every store backend: SQLite always, PostgreSQL when a server is reachable.

PostgreSQL: ``SITREP_TEST_PG`` (e.g. from ``scripts/pg_test_server.sh``), else the throwaway
server that script starts on 127.0.0.1:55432; the PostgreSQL half skips when neither answers.
Each test gets its own schema, dropped afterwards. Records are built by hand (no NLP).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import article, event, filler, public_article, public_event, public_events, two_reports
from sitrep.dedup import dedup_events
from sitrep.records import Mention, Rejected
from sitrep.runners.reduce import rebuild_all, reduce_articles
from sitrep.runners.save import save_batch
from sitrep.store import open_store
from sitrep.store.base import EventFilters, Store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()


# ------------------------------------------------------------------ schema


def test_migrations_are_ordered_and_recorded_once(store_url: str) -> None:
    s = open_store(store_url)
    names = s.migrations()
    assert names[:3] == ["001_initial", "002_article_sources", "003_canonical"]
    assert s.migrate() == []
    s.close()
    again = open_store(store_url)
    assert again.migrate() == [] and again.migrations() == names
    again.close()


def test_articles_stored_before_the_band_index_are_found_as_copies(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article stored under 001 only gets its band keys from the next save, and is then found."""
    from sitrep.store import migrations

    (a, _), _ = two_reports()
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        old = open_store(store_url)
        old.execute(  # type: ignore[attr-defined]
            "INSERT INTO articles (doc_id, content_hash, origin, url, title, published, text)"
            " VALUES (?,?,?,?,?,?,?)",
            (a.doc_id, a.content_hash, a.origin, a.url, a.title, "2024-03-03", a.text),
        )
        old.close()
    s = open_store(store_url)
    assert len(s.pending_bands()) == 1
    wire = article("d-9", "NIONO, Mali (Daily Wire) — " + a.text, date(2024, 3, 3))
    counts = save_batch(s, [(wire, [event(wire)])])
    assert (counts.articles_added, counts.articles_near, counts.touched) == (1, 1, (wire.content_hash,))
    assert s.pending_bands() == []
    got = public_article(s, "d-9")
    assert got is not None and got["near_of"]["doc_id"] == a.doc_id
    s.close()


# ------------------------------------------------------------------ articles


def test_save_is_idempotent(store: Store) -> None:
    (a, ea), (b, eb) = two_reports()
    rej = Rejected("bad", "<bad>", "clean", "empty: nothing")
    first = save_batch(store, [(a, ea), (b, eb)], [rej])
    assert (first.articles_added, first.events_added, first.rejects_added) == (2, 3, 1)
    assert set(first.touched) == {a.content_hash, b.content_hash}
    again = save_batch(store, [(a, ea), (b, eb)], [rej])
    assert (again.articles_added, again.articles_seen, again.events_added, again.rejects_added) == (
        0,
        2,
        0,
        0,
    )
    assert again.touched == ()


def test_exact_duplicate_is_stored_once_with_every_url(store: Store) -> None:
    (a, ea), _ = two_reports()
    copy = article("wire-7", a.text, date(2024, 3, 3), "https://c.example/wire/7")
    save_batch(store, [(a, ea)])
    counts = save_batch(store, [(copy, [event(copy)])])
    assert (counts.articles_added, counts.articles_seen, counts.events_added) == (0, 1, 0)
    assert counts.touched == (a.content_hash,)
    got = public_article(store, "wire-7")
    assert got is not None and got["doc_id"] == "a-1" and got["requested_id"] == "wire-7"
    urls = {(s["doc_id"], s["url"], s["relation"]) for s in got["sources"]}
    assert urls == {("a-1", "https://a.example/1", "self"), ("wire-7", "https://c.example/wire/7", "exact")}
    assert store.stats().articles == 1 and store.stats().documents == 2


def test_near_copy_whose_text_differs_is_stored_and_extracted_as_a_revision(store: Store) -> None:
    (a, ea), _ = two_reports()
    wire = article(
        "d-9", "NIONO, Mali (Daily Wire) — " + a.text + "\n\nReporting by a stringer.", date(2024, 3, 3)
    )
    save_batch(store, [(a, ea)])
    counts = save_batch(store, [(wire, [event(wire, fatalities=4)])])
    assert (counts.articles_added, counts.articles_near, counts.events_added) == (1, 1, 1)
    got = public_article(store, "d-9")
    assert got is not None and got["content_hash"] == wire.content_hash and got["doc_id"] == "d-9"
    assert got["near_of"]["doc_id"] == a.doc_id and 0 < got["near_of"]["distance"] <= 20
    assert [m["fatalities"] for m in got["mentions"]] == [4]
    # Its changed toll becomes a version of the one canonical event, caused by it.
    reduce_articles(store, counts.touched)
    (clash,) = public_events(store, EventFilters(event_type="Armed clash"))
    detail = public_event(store, clash["event_id"])
    assert detail is not None and detail["fatalities"] == 4
    assert [(v["reported_by"], v["fields"]["fatalities"]) for v in detail["versions"]] == [
        (["a-1"], 3),
        (["d-9"], 4),
    ]


def test_an_update_that_moves_the_date_and_place_is_a_version_not_another_event(store: Store) -> None:
    """The same wire story, updated: the date and the town corrected, the toll raised."""
    (a, ea), _ = two_reports()
    update = article("d-10", a.text + " Update: officials corrected the day and the town.", date(2024, 3, 5))
    markala = ("Markala", "Ségou", "ML", 13.6843, -6.0735, 1)
    moved = event(update, day=date(2024, 2, 28), place=markala, fatalities=7)
    save_batch(store, [(a, ea)])
    counts = save_batch(store, [(update, [moved])])
    reduce_articles(store, counts.touched)
    (clash,) = public_events(store, EventFilters(event_type="Armed clash"))
    detail = public_event(store, clash["event_id"])
    assert detail is not None
    assert (detail["date"], detail["fatalities"], detail["n_sources"]) == ("2024-02-28", 7, 2)
    (joined,) = [s["joined"] for s in detail["sources"] if s["joined"]]
    assert joined["rule"] == "revision" and joined["days"] == 3
    assert detail["versions"][-1]["reported_by"] == ["d-10"]
    assert {"date", "fatalities"} <= set(detail["versions"][-1]["changes"])
    # an unrelated report of that other day and town is not pulled in by the story
    other = article("z-1", filler("z-1"), date(2024, 3, 5))
    save_batch(store, [(other, [event(other, day=date(2024, 2, 20), place=markala)])])
    reduce_articles(store)
    assert len(public_events(store, EventFilters(event_type="Armed clash"))) == 2


def test_forty_updates_of_a_wire_story_are_one_event_with_the_final_toll(store: Store) -> None:
    (a, _), _ = two_reports()
    tolls = list(range(27, 67))  # forty rising counts, 27 to 66
    for k, toll in enumerate(tolls):
        wire = article(
            f"wire/{k:02d}", a.text + f" The toll has risen to {toll}, officials said.", date(2024, 3, 3)
        )
        counts = save_batch(store, [(wire, [event(wire, fatalities=toll)])])
        reduce_articles(store, counts.touched)
    (clash,) = public_events(store, EventFilters(event_type="Armed clash"))
    detail = public_event(store, clash["event_id"])
    assert detail is not None and detail["n_sources"] == 40
    assert (detail["fatalities"], detail["fatalities_low"], detail["fatalities_high"]) == (66, 27, 66)
    assert [v["fields"]["fatalities"] for v in detail["versions"]] == tolls
    assert [v["reported_by"] for v in detail["versions"]][-1] == ["wire/39"]
    assert store.stats().articles == 40


def test_unrelated_article_is_not_a_near_duplicate(store: Store) -> None:
    (a, ea), _ = two_reports()
    other = article(
        "e-1",
        "Farmers in the delta said the rains came late this year and the rice harvest will be small. "
        "Traders in the weekly market expect prices to rise before the dry season, and the cooperative "
        "asked the ministry for seed and fertiliser loans so that families can plant again in June.",
        date(2024, 3, 3),
    )
    save_batch(store, [(a, ea)])
    assert save_batch(store, [(other, [])]).articles_added == 1


# ------------------------------------------------------------------ mentions and canonical events


def test_reduce_merges_reports_and_versions_the_toll(store: Store) -> None:
    (a, ea), (b, eb) = two_reports()
    counts = save_batch(store, [(a, ea), (b, eb)])
    dedup = reduce_articles(store, counts.touched)
    assert (dedup.created, dedup.updated, dedup.superseded) == (2, 0, 0)
    clash = public_events(store, EventFilters(event_type="Armed clash"))
    assert len(clash) == 1
    ev = public_event(store, clash[0]["event_id"])
    assert ev is not None
    assert [s["doc_id"] for s in ev["sources"]] == ["a-1", "b-1"]
    assert [s["outlet"] for s in ev["sources"]] == ["a.example", "b.example"]
    assert all(s["evidence"] for s in ev["sources"])
    assert ev["fatalities"] == 5 and ev["n_sources"] == 2 and ev["version"] == 2
    assert [(v["version"], v["fields"]["fatalities"], v["as_of"]) for v in ev["versions"]] == [
        (1, 3, "2024-03-03"),
        (2, 5, "2024-03-04"),
    ]
    assert ev["versions"][1]["changes"] == ["fatalities", "fatalities_high"]
    # Re-running the reduce step changes nothing.
    assert reduce_articles(store, counts.touched).unchanged == 2
    assert rebuild_all(store).unchanged == 2


def test_reduce_in_either_order_gives_the_same_events(store_url: str, tmp_path: Path) -> None:
    (a, ea), (b, eb) = two_reports()
    s1 = open_store(store_url)
    reduce_articles(s1, save_batch(s1, [(b, eb)]).touched)
    reduce_articles(s1, save_batch(s1, [(a, ea)]).touched)
    one = public_events(s1)
    s1.close()
    s2 = open_store(str(tmp_path / "other.db"))
    reduce_articles(s2, save_batch(s2, [(a, ea), (b, eb)]).touched)
    assert public_events(s2) == one
    s2.close()


def test_superseded_events_point_to_their_successor(store: Store) -> None:
    (a, ea), (b, eb) = two_reports()
    reduce_articles(store, save_batch(store, [(b, eb)]).touched)
    (only,) = public_events(store)
    # An earlier report arrives: the cluster's first report (and so its id) changes.
    counts = reduce_articles(store, save_batch(store, [(a, ea)]).touched)
    assert counts.superseded == 1
    ev = public_event(store, only["event_id"])
    assert ev is not None and ev["requested_id"] == only["event_id"] and ev["event_id"] != only["event_id"]
    assert len(public_events(store, EventFilters(event_type="Battles"))) == 1


def test_load_mentions_selectors(store: Store) -> None:
    (a, ea), (b, eb) = two_reports()
    save_batch(store, [(a, ea), (b, eb)])
    by_hash = store.load_mentions(content_hashes=[a.content_hash])
    assert {m.event_id for m in by_hash} == {e.event_id for e in ea}
    by_place = store.load_mentions(countries=["ML"], since=date(2024, 3, 1), until=date(2024, 3, 5))
    assert len(by_place) == 3
    assert store.load_mentions(countries=["ML"], since=date(2025, 1, 1), until=date(2025, 2, 1)) == []
    assert len(store.load_mentions()) == 3
    assert {m.source.outlet for m in by_place} == {"a.example", "b.example"}


# ------------------------------------------------------------------ queries


def _canonical(store: Store) -> list[dict[str, Any]]:
    """Five single-source events spread over places, days and types, deduped and written."""
    src = [
        (
            "k-1",
            "Armed clash",
            "Battles",
            date(2024, 1, 5),
            ("Niono", "Ségou", "ML", 14.25, -5.99, 1),
            ("Military Forces of Mali", "JNIM"),
        ),
        (
            "k-2",
            "Air/drone strike",
            "Explosions/Remote violence",
            date(2024, 1, 9),
            ("Gao", "Gao", "ML", 16.27, -0.04, 1),
            ("Military Forces of France", None),
        ),
        (
            "k-3",
            "Peaceful protest",
            "Protests",
            date(2024, 2, 1),
            ("Bamako", "Bamako", "ML", 12.65, -8.0, 1),
            ("Protesters", None),
        ),
        (
            "k-4",
            "Violent demonstration",
            "Riots",
            date(2024, 2, 3),
            ("Niamey", "Niamey", "NE", 13.51, 2.11, 1),
            ("Rioters", "Police Forces of Niger"),
        ),
        (
            "k-5",
            "Attack",
            "Violence against civilians",
            None,
            None,
            ("Unidentified Armed Group (Mali)", "Civilians (Mali)"),
        ),
    ]
    for doc, sub, etype, day, place, actors in src:
        a = article(doc, filler(doc), date(2024, 2, 10), f"https://{doc}.example/x")
        reduce_articles(store, save_batch(store, [(a, [event(a, sub, etype, day, place, actors)])]).touched)
    return public_events(store)


def test_query_filters(store: Store) -> None:
    rows = _canonical(store)
    assert len(rows) == 5
    assert [r["date"] for r in rows] == ["2024-02-03", "2024-02-01", "2024-01-09", "2024-01-05", None]

    def ids(**kw: Any) -> list[str]:
        return sorted(r["doc_id"] for r in public_events(store, EventFilters(**kw)))

    assert ids(country="ne") == ["k-4"]
    assert ids(admin1="gao") == ["k-2"]
    assert ids(event_type="Battles") == ["k-1"]
    assert ids(event_type="Air/drone strike") == ["k-2"]
    assert ids(sub_event_type="Peaceful protest") == ["k-3"]
    assert ids(actor="france") == ["k-2"]
    assert ids(actor="police forces") == ["k-4"]
    assert ids(text="bamako") == ["k-3"]
    assert ids(since=date(2024, 1, 6), until=date(2024, 2, 2)) == ["k-2", "k-3"]
    assert ids(bbox=(-7.0, 13.0, 3.0, 15.0)) == ["k-1", "k-4"]
    assert ids(bbox=(-7.0, 13.0, 3.0, 15.0), since=date(2024, 2, 1)) == ["k-4"]
    assert ids(near=(14.0, -6.0, 40.0)) == ["k-1"]
    assert ids(near=(14.0, -6.0, 300.0)) == ["k-1", "k-3"]
    assert ids(doc_id="k-5") == ["k-5"]
    for extra in ({}, {"country": "ML"}, {"text": "a"}):  # offset pages skip through ids, then read the page
        everything = [r["doc_id"] for r in public_events(store, EventFilters(**extra))]  # type: ignore[arg-type]
        for offset in range(len(everything) + 1):
            page = public_events(store, EventFilters(limit=2, offset=offset, **extra))  # type: ignore[arg-type]
            assert [r["doc_id"] for r in page] == everything[offset : offset + 2], (extra, offset)
    assert store.count_events(EventFilters(country="ML", limit=1)) == 3  # paging does not count
    assert ids(text="%") == ids(text="_") == ids(actor="%") == []  # LIKE wildcards are literal
    assert ids(hedged=False) == ids() and ids(hedged=True) == []
    assert ids(background=False) == ids() and ids(background=True) == []
    assert ids(min_confidence=0.0) == ids() and ids(min_confidence=1.0) == []


@pytest.mark.parametrize("size", [1, 2, 3])
def test_keyset_pages_walk_both_ways_through_dated_and_undated_events(store: Store, size: int) -> None:
    order = [r["event_id"] for r in _canonical(store)]  # newest first, the undated one last

    def page(cursor: tuple[str, str | None, str] | None) -> list[dict[str, Any]]:
        return public_events(store, EventFilters(limit=size, cursor=cursor))

    seen, rows = [], page(None)
    while rows:
        seen += [r["event_id"] for r in rows]
        rows = page(("after", rows[-1]["date"], rows[-1]["event_id"]))
    assert seen == order
    last = public_events(store, EventFilters(limit=1, offset=len(order) - 1))[0]
    back, rows = [last["event_id"]], page(("before", last["date"], last["event_id"]))
    while rows:
        back = [r["event_id"] for r in rows] + back
        rows = page(("before", rows[0]["date"], rows[0]["event_id"]))
    assert back == order


def test_stats_counts_by_day_type_country(store: Store) -> None:
    _canonical(store)
    st = store.stats()
    assert (st.articles, st.mentions, st.events, st.rejects) == (5, 5, 5, 0)
    assert st.groups["country"] == {"ML": 3, "NE": 1, "?": 1}
    assert st.groups["type"]["Battles"] == 1 and sum(st.groups["type"].values()) == 5
    assert sum(st.groups["sub_type"].values()) == sum(st.groups["admin1"].values()) == 5
    assert list(st.groups["day"])[:2] == ["2024-01-05", "2024-01-09"]
    assert st.fatalities == sum(e["fatalities"] or 0 for e in public_events(store))
    assert store.stats(EventFilters(country="ML")).events == 3


def test_get_article_and_missing_ids(store: Store) -> None:
    _canonical(store)
    art = public_article(store, "k-3")
    assert art is not None and art["text"].startswith("Soldiers") and len(art["events"]) == 1
    assert art["mentions"][0]["sub_event_type"] == "Peaceful protest"
    assert public_article(store, "nope") is None
    assert public_event(store, "nope") is None


def test_dedup_matches_pure_function(store: Store) -> None:
    """What the store returns is exactly what ``dedup_events`` computes from the mentions."""
    (a, ea), (b, eb) = two_reports()
    reduce_articles(store, save_batch(store, [(a, ea), (b, eb)]).touched)
    ms = [Mention(e) for _, es in ((a, ea), (b, eb)) for e in es]
    expected = sorted(c.event_id for c in dedup_events(ms))
    assert sorted(r["event_id"] for r in public_events(store)) == expected


def test_incremental_ingest_equals_one_batch(store_url: str, tmp_path: Path) -> None:
    """Articles arriving one by one, in any order, give the same canonical events as one batch."""
    import itertools

    (a, ea), (b, eb) = two_reports()
    c = article("c-1", filler("c-1"), date(2024, 3, 5), "https://c.example/3")
    ec = [event(c, fatalities=6, actors=(None, "JNIM"))]
    d = article("d-1", filler("d-1"), date(2024, 3, 4), "https://d.example/4")
    ed = [event(d, "Peaceful protest", "Protests", actors=("Protesters", None), day=date(2024, 3, 3), tp=2)]
    reports = [(a, ea), (b, eb), (c, ec), (d, ed)]
    ref = open_store(str(tmp_path / "batch.db"))
    reduce_articles(ref, save_batch(ref, reports).touched)
    expected = public_events(ref)
    ref.close()
    assert sorted(e["n_sources"] for e in expected) == [2, 3]
    for n, order in enumerate(itertools.islice(itertools.permutations(reports), 0, 24, 7)):
        url = store_url if n == 0 else str(tmp_path / f"inc{n}.db")
        s = open_store(url)
        for item in order:
            reduce_articles(s, save_batch(s, [item]).touched)
        assert public_events(s) == expected, [x[0].doc_id for x in order]
        s.close()


def test_text_search_is_a_literal_substring_match_through_the_index(store: Store) -> None:
    rows = _canonical(store)
    texts = {r["event_id"]: " ".join(e["text"] for e in r["evidence"]).casefold() for r in rows}
    probes = ["soldier", "ers ", "mali", "%", "_", "*", "?", "[", "x]", "a", "zz", "militar", "o"]
    probes += [t[i : i + n] for t in texts.values() for i, n in ((0, 5), (7, 3), (11, 9))]
    for probe in probes:
        got = {r["event_id"] for r in public_events(store, EventFilters(text=probe))}
        # Every event whose evidence holds the probe is found (the search text also holds places and actors).
        assert {i for i, t in texts.items() if probe.casefold() in t} <= got, probe
        for r in rows:
            if r["event_id"] in got:
                keys = ("location", "admin1", "country", "actor1", "actor2", "event_type", "sub_event_type")
                fields = [*(r[k] for k in keys), texts[r["event_id"]], *(s["outlet"] for s in r["sources"])]
                assert any(f and probe.casefold() in f.casefold() for f in fields), (probe, r["event_id"])
    if store.dialect == "sqlite":  # the lookup goes through the trigram index, not a scan of the events
        sql, args = store.text_clause("soldier")  # type: ignore[attr-defined]
        plan = store.rows(f"EXPLAIN QUERY PLAN SELECT event_id FROM canonical_events WHERE {sql}", args)  # type: ignore[attr-defined]
        assert any("canonical_text" in str(dict(r)) for r in plan)


def test_asking_the_index_for_rare_trigrams_finds_what_the_whole_probe_finds(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both backends ask the trigram index for a probe's rarest trigrams only and check the
    candidates against the whole probe (``rare_trigrams``); the answer must equal asking for
    every trigram."""
    rows = _canonical(store)
    texts = [" ".join(e["text"] for e in r["evidence"]).casefold() for r in rows]
    probes = ["soldiers and", 'the "quoted', "a*b?c[d", "mali ", "ségou", "   x", "zzzzqq", "militant"]
    probes += ["50% of", "a_b", "back\\slash", "x'; drop"]
    probes += [t[i : i + n] for t in texts for i, n in ((0, 12), (5, 7), (20, 16))]
    s: Any = store

    def found() -> list[set[str]]:
        return [{r["event_id"] for r in public_events(store, EventFilters(text=p))} for p in probes]

    if store.dialect == "postgres":  # trigram counts from a sample of the search texts
        from sitrep.store import postgres as pg

        monkeypatch.setattr(pg, "RARE_SHARE", 1.01)  # every sampled trigram is rare: asked alone
        pg._SAMPLES.clear()
        assert s.rare_trigrams("soldiers and")
        by_rare = found()
        monkeypatch.setattr(pg, "RARE_SHARE", 0.0)  # none is: the whole probe
        assert s.rare_trigrams("soldiers and") == []
        assert found() == by_rare
        assert any(by_rare) and not all(by_rare)
        return
    from sitrep.store import sqlite as backend

    assert s.rare_trigrams("canonical_text", "soldiers and")  # a small store: every trigram is rare
    backend._TRIGRAM_COUNTS.clear()
    by_rare = found()
    monkeypatch.setattr(backend, "RARE_BELOW", 0)  # every trigram counts as common: the whole probe
    backend._TRIGRAM_COUNTS.clear()
    assert s.rare_trigrams("canonical_text", "soldiers and") == []
    assert found() == by_rare
    assert any(by_rare) and not all(by_rare)


def test_a_store_from_before_migrations_008_and_009_gains_filters_search_and_a_dedup_queue(
    store_url: str,
) -> None:
    """Upgrading a store with events: the new columns are filled from each event's JSON, text
    search finds the old events, and every article is queued so dedup adds the new fields."""
    s = open_store(store_url)
    rows = _canonical(s)
    before = {r["event_id"]: r for r in rows}
    s.clear_pending(s.pending_dedup())
    stats = s.stats()
    undo = [
        "DROP INDEX canonical_live_order",
        "DROP TABLE canonical_stats",
        "DROP TABLE canonical_actor_names",
    ]
    undo += ["DROP INDEX canonical_actor1_live", "DROP INDEX canonical_actor2_live"]
    if s.dialect == "sqlite":  # type: ignore[attr-defined]
        undo += [f"DROP TRIGGER canonical_text_{t}" for t in ("insert", "delete", "update")]
        undo += ["DROP TABLE canonical_text"]
    else:
        undo += ["DROP INDEX IF EXISTS canonical_search_trgm"]
    columns = ("confidence", "hedged", "background")
    undo += ["ALTER TABLE canonical_events DROP COLUMN " + c for c in columns]
    names = (
        "'008_event_filters', '009_text_search', '010_stats_counts', '011_actor_search', '014_actor_names',"
        " '024_covering_reads'"
    )
    for stmt in [*undo, f"DELETE FROM migrations WHERE name IN ({names})"]:
        s.execute(stmt)  # type: ignore[attr-defined]
    s.close()
    upgraded = open_store(store_url)
    trgm = upgraded.dialect == "sqlite" or upgraded.rows(  # type: ignore[attr-defined]
        "SELECT 1 AS x FROM pg_available_extensions WHERE name = 'pg_trgm'"
    )
    assert set(upgraded.migrations()) >= {"008_event_filters", "010_stats_counts", "014_actor_names"}
    assert not trgm or "009_text_search" in upgraded.migrations()  # 009 waits where pg_trgm is missing
    assert upgraded.stats() == stats  # the counts behind /api/stats, recounted from the events
    assert [r["doc_id"] for r in public_events(upgraded, EventFilters(actor="police forces"))] == ["k-4"]
    assert len(upgraded.pending_dedup()) == 5  # every article, so its events gain inter1/inter2/plover_type
    assert {r["event_id"] for r in public_events(upgraded, EventFilters(min_confidence=0.0))} == set(before)
    assert public_events(upgraded, EventFilters(hedged=True)) == []
    protest = [r for r in before.values() if r["sub_event_type"] == "Peaceful protest"]
    found = public_events(upgraded, EventFilters(text=protest[0]["evidence"][0]["text"][:12]))
    assert [r["event_id"] for r in found] == [protest[0]["event_id"]]
    upgraded.close()


PLACES = [
    ("Niono", "Ségou", "ML", 14.2505, -5.9868, 1),
    ("Gao", "Gao", "ML", 16.27, -0.04, 1),
    ("Niamey", "Niamey", "NE", 13.51, 2.11, 1),
    None,
]
KINDS = [
    ("Armed clash", "Battles"),
    ("Air/drone strike", "Explosions/Remote violence"),
    ("Attack", "Violence against civilians"),
]
ACTORS = [("Military Forces of Mali", "JNIM"), ("JNIM", "JNIM"), (None, "Civilians (Mali)"), (None, None)]


def _counts_agree(store: Store) -> None:
    """The maintained counts answer exactly what a count over the events gives."""
    for country in (None, "ML", "NE", "BF"):
        f = EventFilters(country=country)
        totals = {"articles": 0, "documents": 0, "mentions": 0, "rejects": 0}
        fast = store._stats_from_aggregates(country, totals)  # type: ignore[attr-defined]
        slow = store._stats_from_events(f, totals)  # type: ignore[attr-defined]
        assert fast == slow, country
        where = "superseded_by IS NULL" + (" AND country = ?" if country else "")
        counted = store.rows(
            f"SELECT count(*) AS n FROM canonical_events WHERE {where}", [country] if country else []
        )  # type: ignore[attr-defined]
        assert store.count_events(f) == counted[0]["n"]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3),
            st.integers(0, 2),
            st.integers(0, 3),
            st.integers(0, 4),
            st.integers(0, 12),
            st.integers(0, 5),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_the_maintained_stats_equal_a_count_of_the_events(store_url: str, reports: list[Any]) -> None:
    """Reports arrive one by one (some of the same happening: merged, superseded, revised tolls);
    after each, the counts behind /api/stats equal a count over the live events."""
    s = open_store(store_url)
    try:
        s.execute("DELETE FROM canonical_stats")  # type: ignore[attr-defined]
        for table in ("canonical_versions", "canonical_members", "canonical_events", "dedup_pending"):
            s.execute(f"DELETE FROM {table}")  # type: ignore[attr-defined]
        for n, (p, k, a, day, toll, late) in enumerate(reports):
            doc = f"agg-{n}-{p}{k}{a}{day}{toll}"
            # Published up to 5 days apart: a later report can come first, and its event gets a new id.
            art = article(doc, filler(doc), date(2024, 3, 10 + late), f"https://{doc}.example/x")
            ev = event(
                art, KINDS[k][0], KINDS[k][1], date(2024, 3, 1 + day), PLACES[p], ACTORS[a], toll or None
            )
            reduce_articles(s, save_batch(s, [(art, [ev])]).touched)
            _counts_agree(s)
        rebuild_all(s)
        _counts_agree(s)
    finally:
        s.close()


NIONO_PLACE = ("Niono", "Ségou", "ML", 14.25, -5.99, 1)


def test_actor_search_is_literal_and_folds_every_case(store: Store) -> None:
    _canonical(store)
    a = article("k-fr", filler("k-fr"), date(2024, 2, 10), "https://k-fr.example/x")
    ev = event(
        a, "Armed clash", "Battles", date(2024, 1, 7), NIONO_PLACE, ("Forces Armées Maliennes", "JNIM")
    )
    reduce_articles(store, save_batch(store, [(a, [ev])]).touched)

    def ids(actor: str) -> list[str]:
        return sorted(r["doc_id"] for r in public_events(store, EventFilters(actor=actor)))

    assert ids("ARMÉES MALI") == ids("armées") == ["k-fr"]  # SQL's lower() would miss the É
    assert ids("jnim") == ["k-1", "k-fr"]
    assert ids("mali\x1fjnim") == ids("maliennesjnim") == []  # never across actor1 and actor2
    assert ids("%") == ids("_") == ids("*") == []


@pytest.mark.parametrize("probe", [{"text": "s"}, {"text": "soldiers"}, {"actor": "mali"}, {"actor": "e"}])
def test_every_plan_of_an_indexed_lookup_gives_the_same_pages(
    store: Store, probe: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many matches: walk the newest-first index; few: read them through the lookup and sort, or
    (text) by the ids the count handed over. Same rows, cursor pages included."""
    import sitrep.store.reads as reads

    _canonical(store)
    newest = [r["event_id"] for r in public_events(store, EventFilters(limit=2))]
    pages = {}
    for plan, (sparse, carried) in {"walk": (0, 0), "fetch": (10**9, 0), "ids": (10**9, 1000)}.items():
        monkeypatch.setattr(reads, "SPARSE", sparse)
        monkeypatch.setattr(reads, "CARRIED", carried)
        pages[plan] = [
            [r["event_id"] for r in public_events(store, EventFilters(**probe, **paging))]  # type: ignore[arg-type]
            for paging in (
                {"limit": 1},
                {"limit": 2, "offset": 1},
                {"limit": 10},
                {"limit": 2, "cursor": ("after", "2024-01-09", newest[0])},
            )
        ]
        f = EventFilters(limit=3, **probe)  # type: ignore[arg-type]
        total = store.count_events(f)
        assert isinstance(total, reads.Counted) == (plan == "ids" and "text" in probe)
        assert [e.event_id for e in store.query_events(f, total=total)] == pages[plan][2][:3]
    assert pages["walk"] == pages["fetch"] == pages["ids"] and pages["walk"][2]


def test_a_lookup_fetches_a_few_matches_and_walks_the_index_for_many() -> None:
    """The plan of a text or actor page weighs fetching every match against walking the
    newest-first index, which passes more events the rarer the matches and the bigger the store."""
    from sitrep.store.reads import fetch_matches

    assert fetch_matches(2_500, 101, 1_000_000)  # a fixed 20 matches per page row would walk 40,000 events
    assert not fetch_matches(27_500, 101, 1_000_000)  # the walk passes about 3,700
    assert fetch_matches(27_500, 1_001, 1_000_000)  # a page ten times longer walks ten times further
    assert not fetch_matches(2_500, 101, 10_000)
    assert fetch_matches(10**6, None, 10**6)  # every match is read anyway


def test_actor_names_are_kept_once_and_listed_or_asked_for_alike(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every written actor name is in the names table once, with its casefolded form; a filter
    finds the same events whether its names are listed as values or left to a subquery."""
    import sitrep.store.backend as backend

    rows = _canonical(store)
    a = article("k-fr", filler("k-fr"), date(2024, 2, 10), "https://k-fr.example/x")
    ev = event(
        a, "Armed clash", "Battles", date(2024, 1, 7), NIONO_PLACE, ("Forces Armées Maliennes", "JNIM")
    )
    reduce_articles(store, save_batch(store, [(a, [ev])]).touched)
    rows = public_events(store)
    named = store.rows("SELECT name, folded FROM canonical_actor_names ORDER BY name")  # type: ignore[attr-defined]
    assert [r["name"] for r in named] == sorted({x for r in rows for x in (r["actor1"], r["actor2"]) if x})
    assert all(r["folded"] == r["name"].casefold() for r in named)

    def ids(actor: str) -> list[str]:
        return sorted(r["doc_id"] for r in public_events(store, EventFilters(actor=actor)))

    probes = ["mali", "e", "ARMÉES", "forces", "(", "%", "zzz", "mali)"]
    listed = {p: ids(p) for p in probes}
    assert [store.count_events(EventFilters(actor=p)) for p in probes] == [len(listed[p]) for p in probes]
    for p in probes:  # the oracle: a substring of actor1 or of actor2, in any case
        hold = [
            r["doc_id"]
            for r in rows
            if any(p.casefold() in (x or "").casefold() for x in (r["actor1"], r["actor2"]))
        ]
        assert listed[p] == sorted(hold), p
    monkeypatch.setattr(backend, "NAMES_LISTED", 1)
    assert {p: ids(p) for p in probes} == listed


def test_an_actor_lookup_reads_the_name_indexes_not_the_events(store: Store) -> None:
    """SQLite keeps no counts per value: most events name one actor2 ("Civilians"), and a plain
    ``actor2 IN (...)`` looked too long to it, so it scanned every event to count the matches."""
    if store.dialect != "sqlite":  # type: ignore[attr-defined]
        pytest.skip("PostgreSQL plans from its statistics of each name")
    _canonical(store)
    sql, args = store.actor_clause("mali", lookup=True)  # type: ignore[attr-defined]
    plan = store.rows(  # type: ignore[attr-defined]
        f"EXPLAIN QUERY PLAN SELECT count(*) FROM canonical_events WHERE +superseded_by IS NULL AND {sql}",
        args,
    )
    steps = [r["detail"] for r in plan]
    assert any("COVERING INDEX canonical_actor1" in s for s in steps), steps
    assert any("COVERING INDEX canonical_actor2" in s for s in steps), steps
    assert not any(s.startswith("SCAN canonical_events") for s in steps), steps
    # Counted alone, the filter reads the two indexes and no event at all.
    asked: list[tuple[str, Any]] = []
    rows = store.rows  # type: ignore[attr-defined]
    store.rows = lambda sql, args=(): asked.append((sql, args)) or rows(sql, args)  # type: ignore[attr-defined]
    assert store.count_events(EventFilters(actor="mali")) == len(
        public_events(store, EventFilters(actor="mali"))
    )
    sql, args = next((q, a) for q, a in asked if q.startswith("SELECT count(*)"))
    steps = [r["detail"] for r in rows(f"EXPLAIN QUERY PLAN {sql}", args)]
    assert all("COVERING INDEX" in s or "canonical_events" not in s for s in steps), steps


def test_an_actor_page_is_ordered_from_the_name_indexes_then_read(store: Store) -> None:
    """An actor filter alone: the matches' keys and dates come from the covering name indexes
    (migration 024) and are sorted there; only the page's events are read, by key. The pages
    equal those of the plain filter, forward and back."""
    _canonical(store)
    s: Any = store
    asked: list[tuple[str, Any]] = []
    rows = s.rows
    s.rows = lambda sql, args=(): asked.append((sql, args)) or rows(sql, args)
    page = store.query_events(
        EventFilters(actor="a", limit=2), total=store.count_events(EventFilters(actor="a"))
    )
    s.rows = rows
    lookup = [(q, a) for q, a in asked if " UNION " in q and "data" in q]
    assert lookup, asked
    sql, args = lookup[0]
    if s.dialect == "sqlite":
        steps = [r["detail"] for r in rows(f"EXPLAIN QUERY PLAN {sql}", args)]
        reads = [x for x in steps if "canonical_events" in x]
        # the matches from the two name indexes; the page's events by rowid, and nothing else
        assert sum("COVERING INDEX canonical_actor" in x for x in reads) == 2, steps
        assert all("COVERING INDEX canonical_actor" in x or "PRIMARY KEY" in x for x in reads), steps
    every = [e["event_id"] for e in public_events(store, EventFilters(actor="a"))]
    assert [e.event_id for e in page] == every[:2]
    assert len(every) > 2, "the fixture should hold more than a page of matches"
    # Keyset paging through the lookup gives the plain order, page after page.
    seen, cursor = [], None
    for _ in range(len(every)):
        f = EventFilters(actor="a", limit=2, cursor=cursor)
        got = store.query_events(f, total=store.count_events(f))
        if not got:
            break
        seen += [e.event_id for e in got]
        last = json.loads(got[-1].document)
        cursor = ("after", last.get("date"), got[-1].event_id)
    assert seen == every


def test_postgres_pages_come_in_order_from_an_index(store: Store) -> None:
    """PostgreSQL sorts NULLs first in a DESC index unless told: the newest-first indexes must say
    NULLS LAST, or every page (all events, or one country's) is sorted or filtered from the top."""
    if store.dialect != "postgres":  # type: ignore[attr-defined]
        pytest.skip("SQLite puts NULLs last in a DESC index")
    _canonical(store)
    for knob in ("enable_seqscan", "enable_sort", "enable_bitmapscan"):  # a tiny table: index order only
        store.execute(f"SET {knob} = off")  # type: ignore[attr-defined]
    for where, args in (("", []), ("AND country = ?", ["ML"])):
        plan = store.rows(  # type: ignore[attr-defined]
            "EXPLAIN SELECT event_id FROM canonical_events WHERE superseded_by IS NULL"
            f" {where} ORDER BY date DESC NULLS LAST, event_id LIMIT 3",
            args,
        )
        steps = " / ".join(r["QUERY PLAN"] for r in plan)
        assert "canonical_live_" in steps and "Sort" not in steps, steps


def test_postgres_plans_each_statement_for_its_values(store: Store) -> None:
    """A generic plan (psycopg prepares what runs five times) estimates from averages; the actor
    and text probes are skewed, and a generic actor count scanned the table."""
    if store.dialect != "postgres":  # type: ignore[attr-defined]
        pytest.skip("SQLite plans each statement when it is prepared")
    _canonical(store)
    f = EventFilters(actor="mali", limit=1)
    assert {store.count_events(f) for _ in range(12)} == {store.count_events(f)}
    assert store.rows("SHOW plan_cache_mode")[0]["plan_cache_mode"] == "force_custom_plan"  # type: ignore[attr-defined]


def test_postgres_text_pieces_are_judged_by_the_trigrams_the_index_reads() -> None:
    """A whole number in a probe ("place 80 on") is asked for with its neighbours, which gives
    its own padded trigrams; a piece is as rare as the rarest set of trigrams it makes the index
    read, so a rare word built of common trigrams ("202" beside every date) is not rare."""
    from sitrep.store.postgres import pg_trigrams, piece_trigrams, word_trigrams

    assert " 80 " in word_trigrams("near place 80 on") and "plac" not in word_trigrams("near place 80 on")
    assert pg_trigrams("Place 80, 2021-02-03") >= {"  8", " 80", "80 ", " pl", "ace", "  2", "02 "}
    assert piece_trigrams(" 80 ") == {"  8", " 80", "80 "} and piece_trigrams("lac") == {"lac"}
    dates = {g for d in ("2020-02-01", "2021-12-02", "2022-03-20") for g in pg_trigrams(d)}
    assert piece_trigrams(" 202 ") <= dates  # every trigram of the word comes with the dates
