"""Risk levels: the formula recomputed by hand, decay, civilians weighted, spread, the baseline
trigger, hysteresis; the store's series on both backends, kept current as events arrive; the
API routes and the CLI. Events are built by hand (no NLP)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from conftest import article, event, filler
from sitrep import taxonomy as tx
from sitrep.api.app import create_app
from sitrep.cli import cli
from sitrep.errors import ConfigError, NotFoundError
from sitrep.records import RiskLevel
from sitrep.risk import (
    RiskEvent,
    RiskParams,
    assess,
    beside_advisories,
    current_level,
    current_levels,
    level_series,
    recompute_all,
    series,
)
from sitrep.runners.reduce import reduce_articles
from sitrep.runners.save import save_batch
from sitrep.store import open_store
from sitrep.store.base import Store

DAY = date(2024, 3, 10)
VAC = tx.VIOLENCE_AGAINST_CIVILIANS


def ev(
    i: str,
    age: int,
    etype: str = tx.BATTLES,
    deaths: int | None = 0,
    place: str = "Niono",
    admin1: str = "Ségou",
    hedged: bool = False,
    sub: str = "",
) -> RiskEvent:
    return RiskEvent(i, DAY - timedelta(days=age), etype, sub, deaths, "ML", admin1, place, hedged)


# ---------------------------------------------------------------- the formula, by hand

TYPE_W = {tx.BATTLES: 1.5, tx.EXPLOSIONS: 1.5, VAC: 2.0, tx.RIOTS: 1.0, tx.PROTESTS: 0.25}


def by_hand(e: RiskEvent, as_of: date) -> float:
    """docs/risk.md, written out again: type x (1 + ln(1 + deaths)) x half if hedged x 0.5^(age/7)."""
    age = (as_of - e.date).days
    w = TYPE_W[e.event_type] * (1 + math.log(1 + (e.fatalities or 0)))
    if e.hedged:
        w /= 2
    return w * 0.5 ** (age / 7)


def test_a_level_is_recomputed_by_hand_from_its_listed_contributions() -> None:
    events = [
        ev("vac", 4, VAC, 3, "Niono", sub="Attack"),
        ev("battle", 0, tx.BATTLES, 10, "Markala"),
        ev("protest", 10, tx.PROTESTS, 0, "Ségou"),
        ev("ied", 2, tx.EXPLOSIONS, 1, "Niono", hedged=True),
        ev("old", 45, tx.BATTLES, 50, "Niono"),  # before the window: baseline only
    ]
    lv = assess("ML.Ségou", events, DAY)
    by_id = {e.event_id: e for e in events}
    assert {c.event_id for c in lv.contributions} == {"vac", "battle", "protest", "ied"}
    for c in lv.contributions:
        assert c.weight == pytest.approx(by_hand(by_id[c.event_id], DAY), abs=1e-4)
    places = {by_id[c.event_id].location for c in lv.contributions}
    assert places == {"Niono", "Markala", "Ségou"}
    score = (1 + math.log(3)) * sum(by_hand(by_id[c.event_id], DAY) for c in lv.contributions)
    assert lv.score == pytest.approx(score, abs=1e-3)
    assert lv.score == pytest.approx(lv.spread * sum(c.weight for c in lv.contributions), abs=1e-3)
    expected = 1 + sum(score >= t for t in (3.0, 12.0, 40.0))
    recent = sum(by_hand(by_id[c.event_id], by_id[c.event_id].date) for c in lv.contributions)
    baseline = 1.5 * (1 + math.log(51)) * 30 / 180
    assert lv.baseline == pytest.approx(baseline, abs=1e-3)
    assert lv.recent == pytest.approx(recent, abs=1e-3)
    assert lv.anomaly == (recent >= 5 and recent >= 2 * baseline)
    assert lv.level == min(4, expected + lv.anomaly) and lv.label
    assert lv.contributions[0].event_id == "battle"  # heaviest first
    vac = next(c for c in lv.contributions if c.event_id == "vac")
    assert vac.why == "3 deaths, violence against civilians (attack), Niono, 4 days ago"
    assert "unconfirmed" in next(c for c in lv.contributions if c.event_id == "ied").why


def test_decay_halves_an_event_each_half_life_and_drops_it_after_the_window() -> None:
    w = {age: assess("ML.Ségou", [ev("e", age, deaths=2)], DAY).score for age in (0, 7, 14, 29, 30)}
    assert w[7] == pytest.approx(w[0] / 2, rel=1e-3)
    assert w[14] == pytest.approx(w[0] / 4, rel=1e-3)
    assert w[29] > 0 and w[30] == 0
    slow = RiskParams(half_life_days=14)
    late = assess("ML.Ségou", [ev("e", 14, deaths=2)], DAY, params=slow)
    assert late.score == pytest.approx(w[7], rel=1e-3)


def test_violence_against_civilians_weighs_more_than_a_battle_with_the_same_toll() -> None:
    civ = assess("ML.Ségou", [ev("c", 1, VAC, 4)], DAY).score
    battle = assess("ML.Ségou", [ev("b", 1, tx.BATTLES, 4)], DAY).score
    assert civ == pytest.approx(battle * 2.0 / 1.5, rel=1e-3)
    heavier = RiskParams(civilian_weight=3.0)
    civ3 = assess("ML.Ségou", [ev("c", 1, VAC, 4)], DAY, params=heavier)
    assert civ3.score == pytest.approx(2 * battle, rel=1e-3)


def test_deadliness_is_log_scaled() -> None:
    one = assess("ML.Ségou", [ev("a", 0, deaths=0)], DAY).score
    hundred = assess("ML.Ségou", [ev("a", 0, deaths=100)], DAY).score
    assert hundred == pytest.approx(one * (1 + math.log(101)), abs=1e-3)
    assert hundred < 10 * one


def test_spread_counts_places_in_a_region_and_regions_in_a_country() -> None:
    same = [ev("a", 1, place="Niono"), ev("b", 1, place="Niono")]
    apart = [ev("a", 1, place="Niono"), ev("b", 1, place="Markala")]
    assert assess("ML.Ségou", apart, DAY).score > assess("ML.Ségou", same, DAY).score
    # a country counts admin1 regions: two places in one region are no spread at country level
    assert assess("ML", apart, DAY).spread == 1.0
    regions = [ev("a", 1, admin1="Ségou"), ev("b", 1, admin1="Mopti", place="Sévaré")]
    lv = assess("ML", regions, DAY)
    assert lv.spread == pytest.approx(1 + math.log(2), abs=1e-4) and lv.admin1 is None and lv.area == "ML"


def test_the_baseline_trigger_lifts_a_level_where_the_area_is_usually_calm() -> None:
    now = [ev(f"n{i}", i, tx.BATTLES, 1) for i in range(3)]  # recent = 3 x 1.5 x (1 + ln 2) = 8.1
    calm = assess("ML.Ségou", now, DAY)
    usual = [ev(f"p{i}", 31 + 5 * i, tx.BATTLES, 1) for i in range(36)]  # the same every month before
    busy = assess("ML.Ségou", now + usual, DAY)
    assert calm.score == pytest.approx(busy.score)  # the window is the same
    assert calm.anomaly and not busy.anomaly
    assert busy.baseline > calm.baseline == 0
    assert calm.level == busy.level + 1 == calm.raw_level


def test_a_level_goes_up_at_once_and_comes_down_one_step_at_a_time() -> None:
    p = RiskParams()
    massacre = [ev(f"m{i}", 0, VAC, 20, place=f"village {i}") for i in range(4)]
    days = series("ML.Ségou", massacre, DAY, DAY + timedelta(days=90), params=p)
    assert days[0].as_of == DAY.isoformat() and days[0].level == 4  # up at once, the same day
    levels = [d.level for d in days]
    changes = [i for i in range(1, len(levels)) if levels[i] != levels[i - 1]]
    assert [levels[i] for i in changes] == [3, 2, 1]  # down one step at a time
    for i in changes:
        lower = p.down_ratio * p.thresholds[levels[i - 1] - 2]
        stretch = days[i - p.down_days + 1 : i + 1]
        assert all(d.score < lower for d in stretch), "came down before the score stayed low long enough"
        assert days[i].raw_level < levels[i - 1]
    assert any(d.raw_level < d.level for d in days), "the hysteresis never held a level"
    assert days[-1].level == 1 and not days[-1].contributions  # the first quiet day ends the series
    # a new massacre lifts the level straight back up, whatever the countdown
    again = series("ML.Ségou", massacre, DAY + timedelta(days=3), DAY + timedelta(days=3), days[2])
    assert again[0].level == 4


def test_a_score_in_the_band_under_a_threshold_keeps_the_level() -> None:
    p = RiskParams(anomaly_min=1000)  # no anomaly here: the score alone
    held = RiskLevel("ML", "ML", None, "ML", 3, "Reconsider travel", 13.0, 0.0, "2024-03-09", ())
    band = [ev("a", 0, VAC, 10)]  # 2 x (1 + ln 11) = 6.8: level 2, under 0.8 x 12
    lv = assess("ML", band, DAY, held, p)
    assert lv.raw_level == 2 and lv.level == 3 and lv.below_days == 1
    near = [ev("a", 0, VAC, 10), ev("b", 0, tx.BATTLES, 3, place="Markala")]  # 10.4: in the band
    lv = assess("ML", near, DAY, held, p)
    assert lv.raw_level == 2 and lv.level == 3 and lv.below_days == 0


def test_bad_risk_settings_are_refused() -> None:
    with pytest.raises(ConfigError):
        RiskParams(thresholds=(10.0, 5.0, 40.0))
    with pytest.raises(ConfigError):
        RiskParams(half_life_days=0)


def test_levels_sit_beside_the_advisories_of_their_area() -> None:
    seg = assess("ML.Ségou", [ev("a", 0)], DAY)
    mopti = assess("ML.Mopti", [ev("b", 0, admin1="Mopti")], DAY)
    country = SimpleNamespace(issuer="CA", country="ML", admin1=(), level=4, advisory_id="a1")
    north = SimpleNamespace(
        issuer="US", country="ML", admin1=("ML.07",), admin1_names=("Mopti",), level=3, advisory_id="a2"
    )
    other = SimpleNamespace(issuer="GB", country="BF", admin1=(), level=4, advisory_id="a3")
    pairs = beside_advisories([seg, mopti], [north, other, country])
    assert [a.advisory_id for a in pairs[0].advisories] == ["a1"]
    assert [a.advisory_id for a in pairs[1].advisories] == ["a1", "a2"]
    assert pairs[1].to_dict()["advisories"][1]["issuer"] == "US"


# ---------------------------------------------------------------- the store, both backends


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()


MOPTI = ("Sévaré", "Mopti", "ML", 14.53, -4.09, 1)
MARKALA = ("Markala", "Ségou", "ML", 13.67, -6.07, 1)


def ingest(s: Store, doc: str, day: date, etype: str, sub: str, deaths: int, place: Any) -> None:
    a = article(doc, filler(doc), day + timedelta(days=1), f"https://{doc}.example/1")
    e = event(a, sub, etype, day, place, ("JNIM", "Civilians (Mali)"), deaths)
    counts = save_batch(s, [(a, [e])])
    reduce_articles(s, counts.touched)


def test_levels_are_kept_per_area_and_recomputed_as_events_arrive(store: Store) -> None:
    ingest(store, "r1", date(2024, 3, 1), VAC, "Attack", 12, MARKALA)
    names = {lv.area: lv for lv in current_levels(store)}
    assert set(names) == {"ML", "ML.Ségou"}
    seg = names["ML.Ségou"]
    assert seg.as_of == "2024-03-01" and seg.level >= 2 and len(seg.contributions) == 1
    first_rows = level_series(store, "ML.Ségou")
    generation = store.data_generation()

    ingest(store, "r2", date(2024, 3, 20), tx.BATTLES, "Armed clash", 2, MOPTI)
    assert store.data_generation() > generation  # the levels are public: the kept answers see it
    levels = {lv.area: lv for lv in current_levels(store, country="ML")}
    assert set(levels) == {"ML", "ML.Ségou", "ML.Mopti"}
    assert all(lv.as_of == "2024-03-20" for lv in levels.values())  # Ségou carried forward
    assert levels["ML.Mopti"].contributions[0].weight > 0
    assert levels["ML.Ségou"].score < seg.score  # decayed
    assert [c.event_id for c in levels["ML"].contributions] != []
    again = level_series(store, "ML.Ségou", until=date(2024, 3, 1))
    assert again[0] == first_rows[0]
    assert current_levels(store, country="BF") == []

    incremental = current_levels(store)
    series_before = level_series(store, "ML")
    assert recompute_all(store) > 0
    assert current_levels(store) == incremental
    assert level_series(store, "ML") == series_before
    window = level_series(store, "ml.ségou", since=date(2024, 3, 5), until=date(2024, 3, 7))
    assert [lv.as_of for lv in window] == ["2024-03-05", "2024-03-06", "2024-03-07"]
    with pytest.raises(NotFoundError):
        current_level(store, "ML.Nowhere")


def test_a_rebuild_with_other_settings_is_kept_for_the_next_arrivals(store: Store) -> None:
    ingest(store, "s1", date(2024, 3, 1), VAC, "Attack", 3, MARKALA)
    low = current_level(store, "ML.Ségou").level
    strict = RiskParams(thresholds=(0.5, 1.0, 2.0))
    recompute_all(store, strict)
    assert current_level(store, "ML.Ségou").level == 4 > low
    ingest(store, "s2", date(2024, 3, 2), tx.BATTLES, "Armed clash", 0, MOPTI)
    assert current_level(store, "ML.Mopti").level == 3  # 1.5: the kept thresholds (by default: 1)


def test_the_backup_carries_the_levels(store: Store, tmp_path: Path) -> None:
    from sitrep.store.backup import backup_store

    ingest(store, "b1", date(2024, 3, 1), VAC, "Attack", 3, MARKALA)
    report = backup_store(store, tmp_path / "b.tar.gz")  # type: ignore[arg-type]
    stored = len(level_series(store, "ML")) + len(level_series(store, "ML.Ségou"))
    assert report.tables["risk_levels"] == stored > 0


# ---------------------------------------------------------------- API and CLI


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Store, str]]:
    path = str(tmp_path / "r.db")
    s = open_store(path)
    ingest(s, "a1", date(2024, 3, 1), VAC, "Attack", 7, MARKALA)
    ingest(s, "a2", date(2024, 3, 2), tx.BATTLES, "Armed clash", 1, MOPTI)
    yield s, path
    s.close()


def test_the_api_serves_levels_one_area_and_its_series(served: tuple[Store, str]) -> None:
    client = TestClient(create_app(served[0]))
    body = client.get("/api/risk", params={"country": "ML"}).json()
    assert body["count"] == 3 and {lv["area"] for lv in body["levels"]} == {"ML", "ML.Mopti", "ML.Ségou"}
    assert client.get("/api/risk", params={"country": "BF"}).json()["count"] == 0
    one = client.get("/api/risk/ML.Ségou").json()
    assert one["level"] in (1, 2, 3, 4) and one["contributions"][0]["why"].startswith("7 deaths")
    assert one["advisories"] == []  # none stored yet
    from sitrep.records import Advisory

    def advisory(i: str, admin1: tuple[str, ...], names: tuple[str, ...], level: int) -> Advisory:
        fields = ("advisory", "CA", "ML", admin1, None, level, None, (), "2024-03-01", "import:ca", ())
        return Advisory(i, *fields, admin1_names=names)

    country, north = advisory("ca-ml", (), (), 4), advisory("us-mopti", ("ML.07",), ("Mopti",), 3)
    served[0].upsert_advisories([country, north])
    beside = client.get("/api/risk/ML.Ségou").json()["advisories"]
    assert [a["advisory_id"] for a in beside] == ["ca-ml"]
    beside = client.get("/api/risk/ML.Mopti").json()["advisories"]
    assert [a["advisory_id"] for a in beside] == ["ca-ml", "us-mopti"]
    assert client.get("/api/risk/ml.ségou").json()["area"] == "ML.Ségou"
    rows = client.get("/api/risk/ML/series", params={"since": "2024-03-02"}).json()
    assert rows["area"] == "ML" and [r["as_of"] for r in rows["levels"]][0] == "2024-03-02"
    missing = client.get("/api/risk/XX")
    assert missing.status_code == 404 and "error" in json.dumps(missing.json())
    assert client.get("/api/risk/ML/series", params={"since": "soon"}).status_code == 400
    assert client.get("/api/risk", params={"contry": "ML"}).status_code == 400


def test_the_cli_lists_shows_and_recomputes(served: tuple[Store, str]) -> None:
    _, path = served
    run = CliRunner()
    listed = run.invoke(cli, ["risk", "--country", "ML", "--db", path])
    assert listed.exit_code == 0 and "ML.Mopti\t" in listed.output
    shown = run.invoke(cli, ["risk", "show", "ML.Ségou", "--db", path])
    assert shown.exit_code == 0 and json.loads(shown.output)["contributions"]
    rows = run.invoke(cli, ["risk", "show", "ML", "--series", "--until", "2024-03-01", "--db", path])
    assert [json.loads(line)["as_of"] for line in rows.output.splitlines()] == ["2024-03-01"]
    again = run.invoke(cli, ["risk", "--db", path, "recompute"])
    assert again.exit_code == 0 and "recomputed" in again.output
    absent = run.invoke(cli, ["risk", "show", "XX", "--db", path])
    assert absent.exit_code == 2 and "no risk level" in absent.output


def test_a_review_that_rejects_or_corrects_an_event_recomputes_its_areas(tmp_path: Path) -> None:
    from sitrep.review import review_event

    s = open_store(str(tmp_path / "v.db"))
    ingest(s, "v1", date(2024, 3, 1), VAC, "Attack", 9, MARKALA)
    ingest(s, "v2", date(2024, 3, 1), tx.BATTLES, "Armed clash", 0, MOPTI)
    seg = current_level(s, "ML.Ségou")
    eid = seg.contributions[0].event_id
    review_event(s, eid, "correct", reviewer="an", reason="toll", fields={"fatalities": 0})
    after = current_level(s, "ML.Ségou")
    assert after.score < seg.score and after.contributions[0].why.startswith("no deaths")
    review_event(s, after.contributions[0].event_id, "reject", reviewer="an", reason="not an attack")
    with pytest.raises(NotFoundError):  # its only event is gone: so is every level made of it
        level_series(s, "ML.Ségou")
    assert {c.event_id for c in current_level(s, "ML").contributions} == {
        c.event_id for c in current_level(s, "ML.Mopti").contributions
    }
    s.close()
