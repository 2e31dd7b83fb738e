"""Done-when loopback test of issue 15 (alerts): a webhook receiver and an SMTP sink on 127.0.0.1.

Hand-built reports (no NLP model) are stored through the ingest's save-and-dedup step with the
alerts hook, as `sitrep ingest` stores them. The receivers check the Standard Webhooks
signatures, the CAP messages against the OASIS CAP 1.2 schema, that a second source upgrades
the one alert (Possible to Observed) instead of adding one, that a review rejection cancels it,
and that a welfare answer is recorded. The p95 latency from storage to sending is printed.
"""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from standardwebhooks import Webhook

from alerts_helpers import (
    SECRET,
    assert_valid_cap,
    cap_of_mail,
    cap_schema,
    report,
    smtp_sink,
    text_of_mail,
    webhook_receiver,
)
from sitrep.alerts import latency_summary, run_after_store, welfare_status
from sitrep.api import create_app
from sitrep.review.desk import review_event
from sitrep.runners import store_results
from sitrep.runners.local import alerts_hook
from sitrep.settings import load_settings
from sitrep.store import open_store
from sitrep.watchlist import add_watch_item

CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
BAMAKO_PLACE = ("Bamako", "Bamako", "ML", 12.65, -7.99, 1)
TEXT_A = "Gunmen and soldiers fought near the market in Bamako on Monday, a resident said. " * 2
TEXT_B = "A second outlet says the army clashed with JNIM fighters in the capital this week. " * 2


def _settings(smtp_port: int) -> Any:
    return load_settings(env={}).replace(
        alerts_webhook_secret=SECRET,
        smtp_host="127.0.0.1",
        smtp_port=smtp_port,
        alerts_public_url="http://testserver",
        alerts_send_timeout=2.0,
    )


def test_loopback_alerts_webhook_email_cap_welfare(tmp_path: Path) -> None:
    schema = cap_schema()
    today = datetime.now(UTC).date()
    with webhook_receiver() as (url, hooks), smtp_sink() as (port, mails):
        settings = _settings(port)
        store: Any = open_store(str(tmp_path / "a.db"))
        site = add_watch_item(store, "Loopback embassy", "site", latitude=12.64, longitude=-8.0,
                              contact={"webhook": url})  # fmt: skip
        person = add_watch_item(store, "Loopback officer", "person", latitude=12.6, longitude=-8.05,
                                contact={"email": "officer@desk.example"})  # fmt: skip
        hook = alerts_hook(settings)

        # one source: one Possible alert per watch item, sent at once on both channels
        store_results([report("a-1", "a.example", TEXT_A, BAMAKO_PLACE, today)], store, after_dedup=hook)
        alerts = {a.item_id: a for a in store.alerts()}
        assert set(alerts) == {site.item_id, person.item_id}
        assert {a.status for a in alerts.values()} == {"Possible"}
        assert len(hooks.calls) == 1 and len(mails.messages) == 1

        # the webhook is signed (Standard Webhooks) and carries a valid CAP Alert with the evidence
        headers, body, _ = hooks.calls[0]
        assert re.fullmatch(r"v1,[A-Za-z0-9+/=]+", headers["webhook-signature"])
        assert Webhook(SECRET).verify(body, headers)["type"] == "alert.created"
        tampered = dict(headers, **{"webhook-signature": headers["webhook-signature"][:-4] + "AAA="})
        try:
            Webhook(SECRET).verify(body, tampered)
            raise AssertionError("a tampered signature verified")
        except Exception as exc:  # noqa: BLE001
            assert "signature" in str(exc).lower()
        data = json.loads(body)["data"]
        root = assert_valid_cap(data["cap"], schema)
        assert root.findtext(f"{CAP}msgType") == "Alert" and root.findtext(f"{CAP}status") == "Actual"
        info = root.find(f"{CAP}info")
        assert info is not None and info.findtext(f"{CAP}certainty") == "Likely"
        assert info.findtext(f"{CAP}category") == "Security" and info.findtext(f"{CAP}severity") == "Severe"
        assert info.findtext(f"{CAP}area/{CAP}circle") == "12.65000,-7.99000 50.0"
        assert "Gunmen and soldiers fought" in (info.findtext(f"{CAP}description") or "")
        assert info.findtext(f"{CAP}web") == "https://a.example/a-1"
        assert data["detail"]["evidence"] and data["detail"]["sources"][0]["url"] == "https://a.example/a-1"
        assert "Loopback" not in data["cap"]  # no watch item name in a CAP message

        # the email: to the person, CAP attached and valid, with the two one-time welfare links
        rcpt, msg = mails.messages[0]
        assert rcpt == ["officer@desk.example"]
        assert_valid_cap(cap_of_mail(msg), schema)
        links = re.findall(r"http://testserver(/api/welfare/[A-Za-z0-9_-]+)", text_of_mail(msg))
        assert len(links) == 2

        # a second, independent source: no new alert, each one upgraded to Observed (a CAP Update)
        store_results([report("b-1", "b.example", TEXT_B, BAMAKO_PLACE, today)], store, after_dedup=hook)
        assert len(store.alerts()) == 2, "a second source made a duplicate alert"
        assert {a.status for a in store.alerts()} == {"Observed"}
        assert len(hooks.calls) == 2 and len(mails.messages) == 2
        headers, body, _ = hooks.calls[1]
        update = json.loads(Webhook(SECRET).verify(body, headers) and body)
        root = assert_valid_cap(update["data"]["cap"], schema)
        assert root.findtext(f"{CAP}msgType") == "Update"
        assert root.findtext(f"{CAP}info/{CAP}certainty") == "Observed"
        assert f"sitrep-{alerts[site.item_id].alert_id}-v1" in (root.findtext(f"{CAP}references") or "")
        assert_valid_cap(cap_of_mail(mails.messages[1][1]), schema)

        # the same report again changes nothing and sends nothing
        store_results([report("b-1", "b.example", TEXT_B, BAMAKO_PLACE, today)], store, after_dedup=hook)
        assert len(hooks.calls) == 2 and len(store.alerts()) == 2

        # a review rejection cancels both alerts (CAP Cancel, referencing both earlier versions)
        event_id = store.alerts()[0].subject_id
        review_event(store, event_id, "reject", reviewer="desk", reason="not in Bamako")
        run_after_store(store, settings)  # as the review route and `sitrep review` do after a review
        assert {a.status for a in store.alerts()} == {"Cancel"}
        headers, body, _ = hooks.calls[2]
        root = assert_valid_cap(
            json.loads(Webhook(SECRET).verify(body, headers) and body)["data"]["cap"], schema
        )
        assert root.findtext(f"{CAP}msgType") == "Cancel"
        assert len((root.findtext(f"{CAP}references") or "").split()) == 2
        assert len(mails.messages) == 3

        # welfare: GET only shows a confirm page; the POST records the answer, once
        client = TestClient(create_app(store))
        page = client.get(links[0])
        assert (
            page.status_code == 200 and "<form" in page.text and "no-store" in page.headers["cache-control"]
        )
        assert "form-action 'self'" in page.headers["content-security-policy"]  # the button may post
        assert welfare_status(store, settings)[0]["state"] == "waiting"
        answered = client.post(links[0])
        assert answered.status_code == 200, answered.text
        assert client.post(links[0]).status_code == 404 and client.post(links[1]).status_code == 404
        status = welfare_status(store, settings)
        assert len(status) == 1 and status[0]["state"] in ("safe", "help")
        assert status[0]["item_id"] == person.item_id and status[0]["answered_at"]

        # every delivery was sent on its first try, with its latency recorded
        deliveries = store.deliveries()
        assert len(deliveries) == 6 and {d.status for d in deliveries} == {"sent"}
        assert all(d.attempts == 1 and d.latency_s is not None for d in deliveries)
        store.close()


def test_loopback_latency_p95(tmp_path: Path) -> None:
    """Storage-to-sending latency over 30 events, each stored in its own ingest run (for BENCHMARKS)."""
    today = datetime.now(UTC).date()
    with webhook_receiver() as (url, hooks), smtp_sink() as (port, mails):
        settings = _settings(port).replace(alerts_max_age_days=70)
        store: Any = open_store(str(tmp_path / "l.db"))
        add_watch_item(
            store, "Latency site", "site", latitude=12.64, longitude=-8.0, contact={"webhook": url}
        )
        add_watch_item(store, "Latency person", "person", latitude=12.64, longitude=-8.0,
                       contact={"email": "p@desk.example"})  # fmt: skip
        hook = alerts_hook(settings)
        for n in range(30):
            place = (f"Town {n}", "Koulikoro", "ML", 12.64 + 0.05 * (n % 6), -8.0 + 0.05 * (n // 6), 1)
            text = f"Report {n}: armed men attacked a village at the edge of the district, elders said. " * 2
            day = date.fromordinal(today.toordinal() - 2 * n)  # days apart: 30 events, none merged
            started = time.time()
            one = report(f"l-{n}", f"o{n}.example", text, place, day, sub="Attack",
                         etype="Violence against civilians", actors=("Gunmen", None))  # fmt: skip
            store_results([one], store, after_dedup=hook)
            assert time.time() - started < 10
        summary = latency_summary(store)
        assert summary["sent"] == 60 and len(hooks.calls) == 30 and len(mails.messages) == 30
        ms = {k: round(summary[k] * 1000, 1) for k in ("p50", "p95", "max")}
        print(f"\nalerts loopback latency, storage to sending (n={summary['sent']}): {ms} ms")
        assert summary["p95"] < 2.0
        store.close()
