"""Issue 15's done-when on the reference article (read from ../shared, never copied): ingested
through the whole pipeline with two watch items registered, it gives the Canadian leave-now
advisory and the northern threat as records, the Bamako embassy exactly one alert (the advisory
that bears on an evacuation, with its evidence), and a site 500 km away outside Mali none."""

from __future__ import annotations

import dataclasses
import math
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED
from sitrep.advisories import list_advisories
from sitrep.alerts import gazetteer_area, run_after_store
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geodesy import distance_km
from sitrep.pipeline import process_document
from sitrep.records import RawDocument
from sitrep.runners import store_results
from sitrep.store import open_store
from sitrep.watchlist import add_watch_item

pytestmark = [pytest.mark.model, pytest.mark.eval]

REFERENCE = SHARED / "eval" / "articles" / "mali-diabaly-2013.txt"
EMBASSY = (12.64, -8.0)  # Bamako


def _point_at(lat: float, lon: float, km: float, bearing_deg: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) along a bearing (a sphere is close enough here)."""
    d, b = km / 6371.0, math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), math.degrees(l2)


def test_the_embassy_gets_one_alert_and_a_site_500_km_away_none(
    settings: Any, resources: Any, tmp_path: Path
) -> None:
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is absent")
    # The story is from January 2013: alerts look back far enough to reach it.
    settings = dataclasses.replace(settings, alerts_max_age_days=100_000, alerts_webhook_secret="")
    store = open_store(str(tmp_path / "ref.db"))
    far_point = _point_at(*EMBASSY, 500.0, 190.0)  # south, into Guinea or Côte d'Ivoire
    embassy = add_watch_item(store, "Embassy", "site", latitude=EMBASSY[0], longitude=EMBASSY[1])
    far = add_watch_item(store, "Far office", "site", latitude=far_point[0], longitude=far_point[1])
    assert 499 < distance_km(*EMBASSY, *far_point) < 501
    gazetteer = Gazetteer.open(settings.gazetteer_path())
    try:
        assert gazetteer_area(gazetteer)(far)[0] not in (None, "ML")  # outside Mali, in a known country
    finally:
        gazetteer.close()

    raw = RawDocument("ref", str(REFERENCE), "text", REFERENCE.read_bytes(), date(2013, 1, 20))
    result = process_document(raw, settings, resources)
    store_results([result], store, after_dedup=lambda s, at: run_after_store(s, settings, at))

    records = {(a.kind, a.issuer, a.country, a.level) for a in list_advisories(store)}
    assert ("advisory", "CA", "ML", 4) in records and len(records) == 2
    assert any(a.kind == "threat" and a.admin1 for a in list_advisories(store))  # the north only
    got = store.alerts(item_id=embassy.item_id)
    assert [(a.subject_kind, a.status) for a in got] == [("advisory", "Possible")], got
    advice = next(a for a in list_advisories(store) if a.kind == "advisory")
    assert got[0].subject_id == advice.advisory_id
    assert any("get out now" in quote for quote in got[0].detail["evidence"])
    assert store.alerts(item_id=far.item_id) == []
    store.close()
