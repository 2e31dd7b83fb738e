"""Hostile input, fuzzed: every input adapter takes generated garbage without an uncaught error.

Hypothesis generates documents the way the wild delivers them: random bytes, text with stray
NULs, UTF-16/32 without a BOM, invalid UTF-8, pages nested 100,000 deep, a 2 MB single line,
10 MB titles, dates in year 0 and 9999, JSONL with wrong types, feeds with broken XML and
impossible dates, WARC archives cut short, with bad headers or with a gzip bomb. Each adapter
must answer every case with records (documents or ``Rejected`` with a reason), never an
exception, within 10 s a case (Hypothesis' deadline). About 10,000 cases in all; marked
``hardening`` (``make test-slow``, which ``.ci/run`` runs after ``make test``).
"""

from __future__ import annotations

import gzip
import io
import json
import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.clean import clean_document
from sitrep.feeds.parse import parse_feed
from sitrep.ingest import document_from_bytes, parse_jsonl_bytes, warc_records
from sitrep.ingest.ids import DocIds
from sitrep.lang import load
from sitrep.records import Article, RawDocument, Rejected
from sitrep.settings import Settings

pytestmark = pytest.mark.hardening

EN = load("en")
SETTINGS = Settings()
SCALE = float(os.environ.get("SITREP_FUZZ_SCALE", "1"))  # e.g. 0.05 for a quick local look


def cases(n: int) -> settings:
    """``n`` cases (times ``SCALE``), each within 10 s."""
    return settings(
        max_examples=max(1, int(n * SCALE)),
        deadline=10_000,
        suppress_health_check=list(HealthCheck),
        database=None,
    )


STORY = (
    "Gunmen attacked a bus station in Gao on Sunday, killing two guards, the regional governor said. "
    "The army closed the road to Ansongo until Monday."
)
WORDS = st.sampled_from(
    ["Gao", "killed", "army", "<div>", "</p>", "&amp;", "\u202e", "é", "日本", "\0", "\r\n", "  "]
)

# --- documents ------------------------------------------------------------------------------

text_like = st.lists(WORDS | st.text(max_size=40), max_size=200).map("".join)
encoded = st.tuples(
    text_like,
    st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp1252", "latin-1"]),
).map(lambda t: t[0].encode(t[1], errors="replace"))
with_nuls = st.tuples(st.integers(0, 400), st.integers(0, len(STORY))).map(
    lambda t: STORY.encode()[: t[1]] + b"\0" * t[0] + STORY.encode()[t[1] :]
)
deep_html = st.tuples(st.integers(1, 100_000), st.sampled_from(["div", "span", "table", "b", "p"])).map(
    lambda t: (f"<html><body>{f'<{t[1]}>' * t[0]}<p>{STORY}</p>{f'</{t[1]}>' * t[0]}</body></html>").encode()
)
huge_line = st.integers(10_000, 400_000).map(lambda n: ("word " * n).encode())
dated = st.sampled_from(
    ["0000-01-01", "9999-12-31", "0001-01-01T00:00:00", "2024-02-30", "-0001-05-05", "99999-01-01"]
).map(
    lambda d: (
        f'<html><head><meta property="article:published_time" content="{d}"><title>t</title></head>'
        f"<body><article><p>{STORY}</p></article></body></html>"
    ).encode()
)
broken_markup = st.lists(
    st.sampled_from(["<", ">", "<!--", "-->", "<![CDATA[", "<script>", "</", "<?xml ", "&#x", STORY]),
    max_size=60,
).map(lambda parts: "".join(parts).encode())
documents = st.one_of(
    st.binary(max_size=4000), encoded, with_nuls, deep_html, huge_line, dated, broken_markup
)


def _clean(raw: RawDocument) -> None:
    out = clean_document(raw, SETTINGS, EN)
    assert isinstance(out, Article | Rejected)
    if isinstance(out, Rejected):
        assert out.reason and out.stage == "clean"
    else:
        assert out.text and "\0" not in out.text


@cases(2500)
@given(data=documents, media=st.sampled_from(["text", "html", None]))
def test_clean_survives_any_document(data: bytes, media: str | None) -> None:
    _clean(document_from_bytes(data, "fuzz.txt", media))  # type: ignore[arg-type]


@cases(300)
@given(
    size=st.sampled_from([1, 10_000, 1_000_000, 10_000_000]),
    published=st.sampled_from([None, date(1, 1, 1), date(9999, 12, 31)]),
)
def test_huge_titles_and_extreme_dates(size: int, published: date | None) -> None:
    raw = RawDocument("d", "fuzz.txt", "text", STORY.encode(), published=published, title="T" * size)
    _clean(raw)


# --- JSONL -----------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
jsonl_row = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "text": st.just(STORY) | json_values,
        "html": st.just(f"<p>{STORY}</p>") | json_values,
        "published": st.sampled_from(["0000-00-00", "9999-12-31", "2013-01-19", "yesterday", "-5", 0, 1e300])
        | json_values,
        "url": st.just("https://example.org/a") | json_values,
        "title": st.text(max_size=300) | json_values,
    },
)
jsonl_lines = st.lists(
    jsonl_row.map(lambda d: json.dumps(d).encode()) | st.binary(max_size=200) | st.just(b"{" * 5000),
    max_size=20,
).map(b"\n".join)


@cases(2500)
@given(data=jsonl_lines)
def test_jsonl_survives_any_lines(data: bytes) -> None:
    for rec in parse_jsonl_bytes(data, "fuzz.jsonl", SETTINGS):
        assert isinstance(rec, RawDocument | Rejected)
        if isinstance(rec, RawDocument):
            _clean(rec)


# --- RSS / Atom ------------------------------------------------------------------------------

feed_dates = st.sampled_from(
    [
        "Sun, 00 Jan 0000 00:00:00 GMT",
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "0000-00-00T00:00:00Z",
        "9999-99-99",
        "yesterday",
        "",
    ]
)
feed_links = st.sampled_from(
    ["https://example.org/a", "javascript:alert(1)", "", "https://" + "x" * 5000, "ftp://x"]
) | st.text(max_size=30)
rss_item = st.tuples(st.text(max_size=80), feed_links, feed_dates).map(
    lambda t: f"<item><title>{t[0]}</title><link>{t[1]}</link><pubDate>{t[2]}</pubDate></item>"
)
atom_entry = st.tuples(st.text(max_size=80), feed_links, feed_dates).map(
    lambda t: (
        f'<entry><title>{t[0]}</title><link href="{t[1]}"/><updated>{t[2]}</updated><id>{t[0]}</id></entry>'
    )
)
feeds = (
    st.one_of(
        st.lists(rss_item, max_size=20).map(
            lambda items: (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>w</title>'
                f"{''.join(items)}</channel></rss>"
            )
        ),
        st.lists(atom_entry, max_size=20).map(
            lambda es: f'<feed xmlns="http://www.w3.org/2005/Atom"><title>a</title>{"".join(es)}</feed>'
        ),
        st.text(max_size=2000),
    ).map(lambda s: s.encode("utf-8", errors="replace"))
    | st.binary(max_size=3000)
    | st.just(b"<rss>" * 20000)
)


@cases(2500)
@given(body=feeds)
def test_feed_parsing_survives_any_feed(body: bytes) -> None:
    feed = parse_feed(body)
    for item in feed.items:
        assert item.link.startswith(("http://", "https://")) and len(item.link) <= 2000
        assert item.day is None or 1 <= item.day.year <= 9999


# --- WARC ------------------------------------------------------------------------------------


def _record(
    payload: bytes, *, length: int | None = None, http: bytes | None = None, kind: str = "response"
) -> bytes:
    body = (http if http is not None else b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n") + payload
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        f"WARC-Target-URI: https://example.org/a\r\nWARC-Date: 2013-01-20T10:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(body) if length is None else length}\r\n\r\n"
    ).encode()
    return head + body + b"\r\n\r\n"


warc_record = st.tuples(
    documents,
    st.one_of(st.none(), st.integers(-5, 10**12)),
    st.one_of(st.none(), st.binary(max_size=80), st.just(b"HTTP/1.1 999 Weird\r\n\r\n")),
    st.sampled_from(["response", "request", "warcinfo", "\0bad"]),
).map(lambda t: _record(t[0], length=t[1], http=t[2], kind=t[3]))
bomb = st.integers(1, 64).map(lambda mb: gzip.compress(_record(b"\0" * (mb * 1_000_000)), compresslevel=9))
archives = st.one_of(
    st.lists(warc_record, max_size=4).map(b"".join),
    st.lists(warc_record, max_size=4).map(lambda rs: b"".join(gzip.compress(r) for r in rs)),
    st.tuples(st.lists(warc_record, min_size=1, max_size=3).map(b"".join), st.floats(0, 1)).map(
        lambda t: t[0][: int(len(t[0]) * t[1])]
    ),
    bomb,
    st.binary(max_size=3000),
)


@cases(2200)
@given(data=archives)
def test_warc_survives_any_archive(data: bytes) -> None:
    for rec in warc_records(io.BytesIO(data), "fuzz.warc.gz", "fuzz", SETTINGS, DocIds()):
        assert isinstance(rec, RawDocument | Rejected)
        if isinstance(rec, RawDocument):
            assert len(rec.content) <= SETTINGS.max_document_bytes
            _clean(rec)


# --- the whole pipeline, on generated news-like text -----------------------------------------

CLAUSES = st.sampled_from(
    [
        "Gunmen killed {n} villagers in {p} on {d}",
        "the army said it had repelled an attack by {a} near {p}",
        "{a} and soldiers clashed for {n} hours outside {p}, {s} said",
        "protesters marched in {p} against {a}",
        "an air strike hit {p}, killing {n}, according to {s}",
        "{n} people, including {n} children, were abducted from {p}",
        "residents of {p}, {p} and {p} fled",
        "the toll rose to {n} after {a}, who had attacked {p}, withdrew",
        "it was not clear who fired first",
    ]
)
FILL = {
    "n": st.sampled_from(["two", "12", "dozens of", "at least 300", "1,000,000", "-4", "0", "several"]),
    "p": st.sampled_from(
        ["Gao", "Niono", "Mopti", "Bamako", "Kidal", "Timbuktu", "Diabaly", "Sévaré", "X" * 60]
    ),
    "d": st.sampled_from(["Sunday", "January 19", "0000-01-01", "31/12/9999", "last week", "the 45th"]),
    "a": st.sampled_from(["JNIM fighters", "Islamic State militants", "unidentified gunmen", "the rebels"]),
    "s": st.sampled_from(["a local official", "the ministry", "residents", "AFP"]),
}


@st.composite
def news_text(draw: st.DrawFn) -> str:
    sentences = []
    for _ in range(draw(st.integers(1, 40))):
        parts = [draw(CLAUSES) for _ in range(draw(st.integers(1, 6)))]
        filled = [p.format(**{k: draw(v) for k, v in FILL.items()}) for p in parts]
        joiner = draw(st.sampled_from([", ", " and ", "; ", " -- ", ", while "]))
        sentences.append(
            joiner.join(filled).capitalize() + draw(st.sampled_from([".", "", "...", " (AFP)."]))
        )
    return " ".join(sentences)


@pytest.mark.model
@cases(300)
@given(text=news_text())
def test_the_pipeline_codes_any_news_like_text_within_its_budget(text: str, resources: object) -> None:
    from time import monotonic

    from sitrep.pipeline import process_document

    start = monotonic()
    result = process_document(document_from_bytes(text.encode(), "fuzz.txt", "text"), SETTINGS, resources)  # type: ignore[arg-type]
    assert monotonic() - start < 10.0
    assert (result.article is None) != (result.rejected is None)
