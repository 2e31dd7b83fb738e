"""Proximity alerts: who gets one (radius by severity; advisories by country and admin1), one per
event and item, cancels on merge, bounded sending to dead or slow receivers, the private routes."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from alerts_helpers import SECRET, assert_valid_cap, cap_schema, report, webhook_receiver
from conftest import build_mini_gazetteer
from sitrep.access import create_token
from sitrep.alerts import (
    advisory_alerts,
    bears_on,
    cancel_advisory,
    event_severity,
    gazetteer_area,
    reconcile_events,
    run_after_store,
    told_by_advisories,
)
from sitrep.api import create_app
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geodesy import distance_km
from sitrep.review.desk import review_event
from sitrep.runners import store_results
from sitrep.settings import load_settings
from sitrep.store import open_store
from sitrep.store.base import EventFilters
from sitrep.watchlist import add_watch_item, remove_watch_item

BAMAKO_EVENT = ("Bamako", "Bamako", "ML", 12.66, -7.98, 1)
FAR = (8.0, -6.0)  # in Ivory Coast, about 560 km from Bamako
TEXT = "Gunmen attacked a checkpoint on the road out of Bamako at dawn, officials said. " * 2


@dataclass(frozen=True)
class Evidence:  # a stand-in for sitrep.records.advisory.AdvisoryEvidence
    text: str
    char_start: int
    char_end: int
    doc_id: str | None
    url: str | None


@dataclass(frozen=True)
class Advisory:  # a stand-in for sitrep.records.advisory.Advisory (helper A's record)
    advisory_id: str
    kind: str
    issuer: str
    country: str
    admin1: tuple[str, ...]
    region: str | None
    level: int | None
    level_label: str | None
    threats: tuple[str, ...]
    date: str | None
    source: str
    evidence: tuple[Evidence, ...]
    latitude: float | None = None
    longitude: float | None = None


LEAVE = Advisory("adv-ca-ml", "advisory", "CA", "ML", (), None, 4, "Avoid all travel; leave now", (),
                 "2026-11-30", "article", (Evidence("Canada urged its citizens still in Mali to leave now.",
                                                    0, 54, "d-ca", "https://news.example/ca"),))  # fmt: skip
THREAT = Advisory("adv-threat-north", "threat", "CA", "ML", ("Tombouctou", "Gao", "Kidal"),
                  "northern Mali", 4, None, ("K", "T"), "2026-11-30", "article",
                  (Evidence("Kidnapping and terror threats remain high in northern Mali.", 0, 58, "d-ca",
                            "https://news.example/ca"),))  # fmt: skip


def _settings(**kw: Any) -> Any:
    return load_settings(env={}).replace(alerts_webhook_secret=SECRET, **kw)


@pytest.fixture
def store(tmp_path: Path) -> Any:
    s = open_store(str(tmp_path / "t.db"))
    yield s
    s.close()


def test_severity_mapping() -> None:
    assert event_severity({"sub_event_type": "Peaceful protest", "fatalities": None}) == "Minor"
    assert event_severity({"sub_event_type": "Violent demonstration"}) == "Moderate"
    assert event_severity({"sub_event_type": "Armed clash", "fatalities": 0}) == "Severe"
    assert event_severity({"sub_event_type": "Arrests", "fatalities": 1}) == "Severe"
    assert event_severity({"sub_event_type": "Attack", "fatalities": 12}) == "Extreme"
    assert event_severity({"sub_event_type": "Suicide bomb", "fatalities": 0}) == "Extreme"


def test_bamako_embassy_and_an_item_500_km_away(store: Any, tmp_path: Path) -> None:
    """The embassy gets one alert for the event and one for the leave-now advisory; the far item none."""
    gaz_path = tmp_path / "mini.sqlite"
    build_mini_gazetteer(gaz_path)
    settings = _settings()
    embassy = add_watch_item(store, "Embassy", "site", latitude=12.64, longitude=-8.0)
    far = add_watch_item(store, "Far office", "site", latitude=FAR[0], longitude=FAR[1],
                         radius_km={"Extreme": 600, "Severe": 400})  # fmt: skip
    assert 500 < distance_km(12.64, -8.0, *FAR) < 600
    today = datetime.now(UTC).date()
    store_results([report("e-1", "a.example", TEXT, BAMAKO_EVENT, today, sub="Attack",
                          etype="Violence against civilians", actors=("Gunmen", None))], store)  # fmt: skip
    made = reconcile_events(store, settings)
    assert [(a.item_id, a.status) for a in made] == [(embassy.item_id, "Possible")]
    # the far item's own Severe radius (400 km) does not reach Bamako
    gazetteer = Gazetteer.open(gaz_path)
    try:
        area_of = gazetteer_area(gazetteer)
        assert area_of(embassy)[0] == "ML" and area_of(far) == (None, None)
        made = advisory_alerts(store, settings, [LEAVE, THREAT], area_of)
    finally:
        gazetteer.close()
    assert [(a.item_id, a.subject_id, a.severity) for a in made] == [
        (embassy.item_id, "adv-ca-ml", "Extreme")
    ]
    assert made[0].detail["evidence"] == ["Canada urged its citizens still in Mali to leave now."]
    assert not store.alerts(item_id=far.item_id)

    # again: nothing new (one alert per item and subject)
    def in_mali(i: Any) -> tuple[str | None, str | None]:
        return ("ML", "Bamako") if i.item_id == embassy.item_id else ("CI", None)

    assert advisory_alerts(store, settings, [LEAVE, THREAT], in_mali) == []
    assert reconcile_events(store, settings) == []
    # an import of the same advisory corroborates it; a withdrawal cancels it
    imported = Advisory(**{**LEAVE.__dict__, "source": "import:ca"})
    up = advisory_alerts(store, settings, [imported], in_mali)
    assert [(a.status, a.version) for a in up] == [("Observed", 2)]
    # a level change is a new version (an Update); a level under the floor cancels
    lowered = Advisory(**{**imported.__dict__, "level": 3})
    (revised,) = advisory_alerts(store, settings, [lowered], in_mali)
    assert (revised.status, revised.severity, revised.version) == ("Observed", "Severe", 3)
    assert [a.status for a in advisory_alerts(store, settings, [THREAT], in_mali)] == []
    low = Advisory(**{**imported.__dict__, "level": 2})
    assert [(a.status, a.reason) for a in advisory_alerts(store, settings, [low], in_mali)] == [
        ("Cancel", "level lowered to 2")
    ]
    assert cancel_advisory(store, settings, "adv-ca-ml") == []  # already cancelled


def test_advisory_areas() -> None:
    assert bears_on(LEAVE, ("ML", None)) and bears_on(LEAVE, ("ml", "Bamako"))
    assert not bears_on(LEAVE, ("CI", None)) and not bears_on(LEAVE, (None, None))
    assert bears_on(THREAT, ("ML", "Gao")) and bears_on(THREAT, ("ML", "ML.Kidal"))
    assert not bears_on(THREAT, ("ML", "Bamako")) and not bears_on(THREAT, ("ML", None))


def test_a_dedup_merge_cancels_the_alert_of_the_event_that_disappears(store: Any) -> None:
    settings = _settings()
    add_watch_item(store, "Embassy", "site", latitude=12.64, longitude=-8.0)
    today = datetime.now(UTC).date()
    other = ("Kati", "Koulikoro", "ML", 12.74, -8.07, 1)
    raid = "Another account of a raid on a post near Kati. " * 2
    first_report = report("m-1", "a.example", TEXT, BAMAKO_EVENT, today, sub="Attack",
                          etype="Violence against civilians", actors=("Gunmen", None))  # fmt: skip
    second_report = report("m-2", "b.example", raid, other, today, actors=("JNIM", "Police Forces of Mali"))
    store_results([first_report, second_report], store)
    made = reconcile_events(store, settings)
    assert len(made) == 2 and len({a.subject_id for a in made}) == 2
    first, second = sorted(a.subject_id for a in made)
    review_event(store, first, "merge", reviewer="desk", reason="the same raid", other=second)
    changed = reconcile_events(store, settings)
    cancelled = [a for a in changed if a.status == "Cancel"]
    assert len(cancelled) == 1 and cancelled[0].reason.startswith("merged into event")
    assert len(store.alerts()) == 2  # the survivor keeps its alert: no duplicate


def test_a_dead_or_slow_receiver_never_holds_the_ingest_for_long(store: Any) -> None:
    settings = _settings(alerts_send_timeout=0.5, alerts_send_budget=1.5, alerts_retry_seconds=60.0)
    with webhook_receiver() as (url, hooks):
        hooks.delay = 3.0  # slower than the timeout
        for n in range(4):
            add_watch_item(
                store, f"Slow {n}", "site", latitude=12.64, longitude=-8.0, contact={"webhook": url}
            )
        add_watch_item(store, "Dead", "site", latitude=12.64, longitude=-8.0,
                       contact={"webhook": "http://127.0.0.1:9/nobody"})  # fmt: skip
        today = datetime.now(UTC).date()
        started = time.monotonic()
        store_results([report("s-1", "a.example", TEXT, BAMAKO_EVENT, today)], store,
                      after_dedup=lambda s, at: run_after_store(s, settings, at))  # fmt: skip
        assert time.monotonic() - started < 4.0
    tried = [d for d in store.deliveries() if d.attempts]
    assert len(store.deliveries()) == 5 and 1 <= len(tried) <= 4
    assert all(d.status == "pending" and d.last_error for d in tried)
    assert {d.last_error for d in tried} <= {"ReadTimeout", "ConnectError", "WriteTimeout"}
    assert all(d.next_try > time.time() + 30 for d in tried)  # retried later, not now


def test_no_secret_no_webhook_and_the_last_try_is_recorded_as_failed(store: Any) -> None:
    settings = load_settings(env={}).replace(alerts_max_attempts=1)
    with webhook_receiver() as (url, hooks):
        add_watch_item(store, "Site", "site", latitude=12.64, longitude=-8.0, contact={"webhook": url})
        store_results([report("n-1", "a.example", TEXT, BAMAKO_EVENT, datetime.now(UTC).date())], store)
        run_after_store(store, settings)
        assert hooks.calls == []
    (d,) = store.deliveries()
    assert (d.status, d.attempts, d.last_error) == ("failed", 1, "no webhook secret")


def test_removing_a_watch_item_removes_its_alerts(store: Any) -> None:
    item = add_watch_item(store, "Person", "person", latitude=12.64, longitude=-8.0,
                          contact={"email": "x@desk.example"})  # fmt: skip
    store_results([report("r-1", "a.example", TEXT, BAMAKO_EVENT, datetime.now(UTC).date())], store)
    reconcile_events(store, _settings())
    assert store.alerts() and store.welfare_checks() and store.deliveries()
    remove_watch_item(store, item.item_id)
    assert not store.alerts() and not store.welfare_checks() and not store.deliveries()


def test_alert_routes_are_private_and_the_feed_holds_valid_cap(store: Any) -> None:
    add_watch_item(store, "Embassy", "site", latitude=12.64, longitude=-8.0)
    store_results([report("f-1", "a.example", TEXT, BAMAKO_EVENT, datetime.now(UTC).date())], store)
    (alert,) = reconcile_events(store, _settings())
    client = TestClient(create_app(store))
    reader = create_token(store, "desk", ["read-private"])[1]
    writer = create_token(store, "writer", ["write"])[1]
    for path in ("/api/alerts", "/api/alerts/feed.atom", f"/api/alerts/{alert.alert_id}", "/api/welfare"):
        assert client.get(path).status_code == 401
        assert client.get(path, headers={"Authorization": f"Bearer {writer}"}).status_code == 403
        answer = client.get(path, headers={"Authorization": f"Bearer {reader}"})
        assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store", path
    auth = {"Authorization": f"Bearer {reader}"}
    listed = client.get("/api/alerts", headers=auth).json()
    assert listed["count"] == 1 and listed["alerts"][0]["status"] == "Possible"
    one = client.get(f"/api/alerts/{alert.alert_id}", headers=auth).json()
    assert one["subject_id"] == alert.subject_id and one["deliveries"] == []
    assert client.get("/api/alerts/nope", headers=auth).status_code == 404
    feed = client.get("/api/alerts/feed.atom", headers=auth)
    assert feed.headers["content-type"].startswith("application/atom+xml")
    root = etree.fromstring(feed.content)
    atom = "{http://www.w3.org/2005/Atom}"
    (entry,) = root.findall(f"{atom}entry")
    (cap,) = entry.find(f"{atom}content")  # type: ignore[union-attr]
    assert_valid_cap(etree.tostring(cap), cap_schema())
    assert json.loads(json.dumps(listed))  # plain JSON


def test_welfare_escalates_those_who_have_not_answered(store: Any) -> None:
    from sitrep.alerts import welfare_status

    add_watch_item(
        store, "Person", "person", latitude=12.64, longitude=-8.0, contact={"email": "x@desk.example"}
    )
    store_results([report("w-1", "a.example", TEXT, BAMAKO_EVENT, datetime.now(UTC).date())], store)
    reconcile_events(store, _settings())
    assert [r["state"] for r in welfare_status(store, _settings())] == ["waiting"]
    assert [r["state"] for r in welfare_status(store, _settings(welfare_escalate_minutes=0.0))] == [
        "escalated"
    ]
    (check,) = store.welfare_checks()
    assert store.answer_welfare(check.check_id, "help", "2026-12-01T00:00:00Z")
    assert not store.answer_welfare(check.check_id, "safe", "2026-12-01T00:00:01Z")  # once only
    assert [r["state"] for r in welfare_status(store, _settings(welfare_escalate_minutes=0.0))] == ["help"]


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_alert_store_on_both_backends(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    url = str(tmp_path / "b.db") if backend == "sqlite" else request.getfixturevalue("pg_schema_url")
    s: Any = open_store(url)
    try:
        item = add_watch_item(s, "Person", "person", latitude=12.64, longitude=-8.0,
                              contact={"email": "x@desk.example"})  # fmt: skip
        store_results([report("p-1", "a.example", TEXT, BAMAKO_EVENT, datetime.now(UTC).date())], s)
        (alert,) = reconcile_events(s, _settings())
        assert s.alert(alert.alert_id) == alert and s.alerts(open_only=True) == [alert]
        (delivery,) = s.deliveries()
        assert s.pending_deliveries(time.time())[0][0] == delivery
        assert reconcile_events(s, _settings()) == []
        (check,) = s.welfare_checks()
        assert s.answer_welfare(check.check_id, "safe", "2026-12-01T00:00:00Z")
        remove_watch_item(s, item.item_id)
        assert not s.alerts() and not s.deliveries() and not s.welfare_checks()
    finally:
        s.close()


def test_an_alert_failure_never_fails_the_ingest(
    store: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import sitrep.alerts as alerts

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("Embassy at 12.64,-8.0 exploded")  # a message that must not be logged

    monkeypatch.setattr(alerts, "reconcile_events", broken)
    add_watch_item(store, "Embassy", "site", latitude=12.64, longitude=-8.0)
    report_ = store_results([report("x-1", "a.example", TEXT, BAMAKO_EVENT, datetime.now(UTC).date())], store,
                            after_dedup=lambda s, at: alerts.run_after_store(s, _settings(), at))  # fmt: skip
    assert report_.stored is not None and report_.stored.articles_added == 1
    assert "RuntimeError" in caplog.text and "Embassy" not in caplog.text


def test_an_event_told_by_an_advisory_is_alerted_once_as_the_advisory(store: Any) -> None:
    """ "The embassy's staff were flown out and citizens told to leave" is an event at the capital
    and the advisory's evidence: an item the advisory covers gets the advisory's alert only; an
    item in the event's radius that the advisory does not cover still gets the event's."""
    settings = _settings()
    covered = add_watch_item(store, "Embassy", "site", latitude=12.64, longitude=-8.0)
    beside = add_watch_item(store, "Border post", "site", latitude=12.70, longitude=-8.05)
    today = datetime.now(UTC).date()
    text = "Canada flew its embassy staff out of Bamako and told its citizens to leave Mali now."
    evac = report("e-evac", "b.example", text, BAMAKO_EVENT, today, sub="Other",
                  etype="Strategic developments", actors=("Government of Canada", None))  # fmt: skip
    store_results([evac], store)
    [stored] = store.query_events(EventFilters(limit=5))
    ev = json.loads(stored.document)["evidence"][0]
    said = Evidence(ev["text"], ev["start"], ev["end"], ev["doc_id"], None)
    advice = Advisory(**{**LEAVE.__dict__, "advisory_id": "adv-evac", "evidence": (said,)})
    elsewhere = Advisory(**{**LEAVE.__dict__, "advisory_id": "adv-other", "country": "NE"})

    def area_of(i: Any) -> tuple[str | None, str | None]:  # the post stands across a border
        return ("ML", None) if i.item_id == covered.item_id else ("GN", None)

    told = told_by_advisories([advice, elsewhere], area_of)
    assert told(covered, json.loads(stored.document)) and not told(beside, json.loads(stored.document))
    made = reconcile_events(store, settings, told=told)
    assert [(a.item_id, a.subject_kind) for a in made] == [(beside.item_id, "event")]
    made = advisory_alerts(store, settings, [advice, elsewhere], area_of)
    assert [(a.item_id, a.subject_id) for a in made] == [(covered.item_id, "adv-evac")]
    assert [a.subject_kind for a in store.alerts(item_id=covered.item_id)] == ["advisory"]
    # the same sentence in another article (no shared span) is still the same telling
    moved = Evidence(said.text, 0, len(said.text), "another-doc", None)
    assert told_by_advisories([Advisory(**{**advice.__dict__, "evidence": (moved,)})], area_of)(
        covered, json.loads(stored.document)
    )
