"""WARC archives as input: the fixture archive is written here with warcio, from pages we wrote."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.cli import cli
from sitrep.ingest import read_sources, warc_records
from sitrep.ingest.ids import DocIds
from sitrep.records import RawDocument, Rejected
from sitrep.settings import Settings

ENGLISH = (
    "<html><head><title>Rebels seize Menaka</title>"
    '<meta property="article:published_time" content="2024-03-04T08:00:00Z"></head><body>'
    "<article><h1>Rebels seize Menaka</h1>"
    "<p>GAO, Mali (Sitrep Wire) — Rebels seized the town of Menaka on Saturday after a two-hour fight "
    "with the army, residents said. The militants killed three soldiers and burned the mayor's office.</p>"
    "<p>The army said reinforcements were on their way from Gao.</p></article></body></html>"
)
FRENCH = (
    "<html><head><title>Marché de Bamako</title></head><body><article><h1>Le marché rouvre</h1>"
    "<p>Le grand marché de Bamako a rouvert ses portes lundi après trois semaines de travaux. Les "
    "commerçants se disent soulagés et espèrent que les clients reviendront avant la fête.</p>"
    "<p>La mairie promet de nouveaux travaux sur les routes voisines au cours de l'année.</p>"
    "</article></body></html>"
)
NOT_FOUND = "<html><body><h1>Page not found</h1></body></html>"


def build_warc(gzip: bool = True) -> bytes:
    """An archive with an English story, a French page, a 404 response and a request record."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)

    def response(url: str, status: str, body: str) -> None:
        http = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body.encode()),
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-03-06T10:00:00Z"},
        )
        writer.write_record(record)

    response("https://news.example/mali/menaka", "200 OK", ENGLISH)
    request = writer.create_warc_record(
        "https://news.example/mali/menaka",
        "request",
        payload=io.BytesIO(b"GET /mali/menaka HTTP/1.1\r\n\r\n"),
    )
    writer.write_record(request)
    response("https://news.example/fr/marche", "200 OK", FRENCH)
    response("https://news.example/gone", "404 Not Found", NOT_FOUND)
    return buf.getvalue()


def read(data: bytes, settings: Settings) -> list[RawDocument | Rejected]:
    return list(warc_records(io.BytesIO(data), "t.warc.gz", "t", settings, DocIds()))


def test_responses_become_documents_and_a_404_a_reject(settings: Settings) -> None:
    out = read(build_warc(), settings)
    docs = [r for r in out if isinstance(r, RawDocument)]
    rejects = [r for r in out if isinstance(r, Rejected)]
    assert [d.doc_id for d in docs] == ["news.example/mali/menaka", "news.example/fr/marche"]
    first = docs[0]
    assert first.url == "https://news.example/mali/menaka" and first.media_type == "html"
    assert first.content == ENGLISH.encode() and first.crawled == date(2024, 3, 6)
    assert first.published is None and first.origin.startswith("t.warc.gz#<urn:uuid:")
    assert len(rejects) == 1 and rejects[0].stage == "ingest"
    assert "HTTP 404" in rejects[0].reason and "news.example/gone" in rejects[0].reason


def test_plain_warc_reads_the_same(settings: Settings) -> None:
    assert len([r for r in read(build_warc(gzip=False), settings) if isinstance(r, RawDocument)]) == 2


def test_a_record_over_the_size_limit_is_rejected_unread(settings: Settings) -> None:
    out = read(build_warc(), settings.replace(max_document_bytes=200))
    assert all(isinstance(r, Rejected) for r in out)
    assert "max_document_bytes" in out[0].reason  # type: ignore[union-attr]


@pytest.mark.parametrize("gzip", [True, False])
def test_a_truncated_archive_keeps_what_was_read_and_rejects_the_rest(settings: Settings, gzip: bool) -> None:
    data = build_warc(gzip)
    whole = read(data, settings)
    cut = data[: len(data) - 40]  # inside the last record (the 404)
    out = read(cut, settings)
    docs = [r for r in out if isinstance(r, RawDocument)]
    assert docs == [r for r in whole if isinstance(r, RawDocument)]
    last = out[-1]
    assert isinstance(last, Rejected) and "truncated" in last.reason and "offset" in last.reason


@pytest.mark.parametrize("gzip", [True, False])
def test_every_cut_is_kept_or_reported(settings: Settings, gzip: bool) -> None:
    data = build_warc(gzip)
    whole = [r for r in read(data, settings) if isinstance(r, RawDocument)]
    for n in range(1, len(data), 7):
        out = read(data[:n], settings)
        assert [r for r in out if isinstance(r, RawDocument)] == whole[
            : len([r for r in out if isinstance(r, RawDocument)])
        ]


def test_garbage_is_rejected_not_raised(settings: Settings) -> None:
    out = read(b"this is not an archive\n" * 10, settings)
    assert len(out) == 1 and isinstance(out[0], Rejected) and "cannot read WARC" in out[0].reason


def test_folders_read_warcs(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "crawl").mkdir()
    (tmp_path / "crawl" / "a.warc.gz").write_bytes(build_warc())
    out = list(read_sources([str(tmp_path)], settings))
    assert len([r for r in out if isinstance(r, RawDocument)]) == 2


def run(args: list[str]) -> Any:
    return CliRunner().invoke(cli, args, catch_exceptions=False)


@pytest.mark.model
def test_ingest_and_extract_a_warc(tmp_path: Path, resources: Any) -> None:
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(build_warc())
    db = str(tmp_path / "w.db")
    res = run(["ingest", str(warc), "--db", db])
    assert res.exit_code == 0, res.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] >= 1
    url, published, basis, warnings = con.execute(
        "SELECT url, published, published_basis, warnings FROM articles"
    ).fetchone()
    assert url == "https://news.example/mali/menaka" and basis == "html-metadata"  # not the WARC-Date
    assert published == "2024-03-04" and "language: 'en'" in warnings
    rejects = dict(con.execute("SELECT stage, reason FROM rejects ORDER BY stage").fetchall())
    assert "language: detected 'fr'" in rejects["clean"] and "HTTP 404" in rejects["ingest"]
    assert con.execute("SELECT count(*) FROM rejects").fetchone()[0] == 2  # the request record is skipped

    res = run(["extract", str(warc), "--format", "jsonl"])
    assert res.exit_code == 0
    events = [json.loads(line) for line in res.stdout.splitlines()]
    assert events and {e["doc_id"] for e in events} == {"news.example/mali/menaka"}
