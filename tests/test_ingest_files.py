"""Ingest from files, folders, JSONL, stdin and bytes in hand: every good and bad input."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from conftest import problems
from sitrep.errors import ParseError, SourceError
from sitrep.ingest import document_from_bytes, parse_jsonl_bytes, read_sources, sniff_media_type
from sitrep.lang import load
from sitrep.records import RawDocument, Rejected
from sitrep.settings import Settings

EN = load("en")

ARTICLES = Path(__file__).parent / "data" / "articles"
STORY = "Gunmen attacked a village near Gao on Sunday, killing three people, residents said.\n"


@pytest.fixture
def settings() -> Settings:
    return Settings()


def docs(items: list[RawDocument | Rejected]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def rejects(items: list[RawDocument | Rejected]) -> list[Rejected]:
    return [i for i in items if isinstance(i, Rejected)]


# --- single files --------------------------------------------------------------------------


def test_txt_and_html_files(settings: Settings) -> None:
    out = list(
        read_sources([str(ARTICLES / "ansongo-convoy.txt"), str(ARTICLES / "ansongo-convoy.html")], settings)
    )
    assert [type(o) for o in out] == [RawDocument, RawDocument]
    txt, html = out
    assert txt.media_type == "text" and html.media_type == "html"
    assert txt.content == (ARTICLES / "ansongo-convoy.txt").read_bytes()
    assert txt.origin == str(ARTICLES / "ansongo-convoy.txt")
    # same stem in one batch: ids stay unique and stable (the second keeps its extension)
    assert txt.doc_id == "ansongo-convoy"
    assert html.doc_id == "ansongo-convoy.html"
    assert txt.published is None  # ingest never invents a date, even if settings.published is set


def test_settings_published_does_not_leak_into_raw_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    [doc] = read_sources([str(tmp_path / "a.txt")], Settings(published=date(2013, 1, 20)))
    assert isinstance(doc, RawDocument) and doc.published is None


def test_missing_path_is_rejected_with_a_hint(tmp_path: Path, settings: Settings) -> None:
    missing = tmp_path / "nope" / "story.txt"
    (tmp_path / "ok.txt").write_text(STORY)
    out = list(read_sources([str(missing), str(tmp_path / "ok.txt")], settings))
    rej, doc = out
    assert isinstance(rej, Rejected) and isinstance(doc, RawDocument)
    assert rej.stage == "ingest" and rej.origin == str(missing) and rej.doc_id == "story"
    assert str(missing) in rej.reason and "check the path" in rej.reason


def test_missing_path_raises_in_strict_mode(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        list(read_sources([str(tmp_path / "nope.txt")], Settings(strict=True)))


def test_unreadable_file_is_rejected(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(STORY)
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", deny)
    [rej] = read_sources([str(path)], settings)
    assert isinstance(rej, Rejected)
    assert "Permission denied" in rej.reason and "readable" in rej.reason
    with pytest.raises(SourceError, match="Permission denied"):
        list(read_sources([str(path)], Settings(strict=True)))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file_by_permissions(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(STORY)
    path.chmod(0)
    try:
        [rej] = read_sources([str(path)], settings)
        assert isinstance(rej, Rejected) and "cannot read" in rej.reason
    finally:
        path.chmod(0o644)


def test_empty_file_is_read_and_left_to_clean(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    [doc] = read_sources([str(tmp_path / "empty.txt")], settings)
    assert isinstance(doc, RawDocument) and doc.content == b""


def test_50mb_file_is_rejected_without_reading(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: takes no disk space
    real_open = Path.open

    def guarded(self: Path, *args: object, **kwargs: object) -> object:
        assert self != big, "the oversized file must not be opened"
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", guarded)
    [rej] = read_sources([str(big)], settings)
    assert isinstance(rej, Rejected) and rej.stage == "ingest"
    assert rej.reason == (
        "file is 52,428,800 bytes, over the 10,000,000-byte limit (max_document_bytes); "
        "split it or raise SITREP_MAX_DOCUMENT_BYTES"
    )
    with pytest.raises(ParseError, match="52,428,800 bytes"):
        list(read_sources([str(big)], Settings(strict=True)))


def test_binary_extension_is_rejected_unread(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64))
    [rej] = read_sources([str(tmp_path / "photo.png")], settings)
    assert isinstance(rej, Rejected) and ".png files are not read" in rej.reason and ".txt" in rej.reason


def test_unknown_extension_is_sniffed(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "page.php").write_text("<!DOCTYPE html><html><body><p>" + STORY + "</p></body></html>")
    (tmp_path / "README").write_text(STORY)
    out = docs(list(read_sources([str(tmp_path / "page.php"), str(tmp_path / "README")], settings)))
    assert [(d.doc_id, d.media_type) for d in out] == [("page", "html"), ("README", "text")]


# --- folders -------------------------------------------------------------------------------


def test_folder_is_recursed_sorted_with_unique_ids(tmp_path: Path, settings: Settings) -> None:
    root = tmp_path / "batch"
    for rel in (
        "b.txt",
        "a.html",
        "mali/report.txt",
        "niger/report.txt",
        "niger/report.html",
        ".hidden.txt",
        ".git/config.txt",
        "notes.txt~",
        "img/map.png",
    ):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\x89PNG\r\n" if rel.endswith(".png") else STORY.encode())
    (root / "feed.jsonl").write_text(json.dumps({"text": STORY}) + "\n")
    out = list(read_sources([str(root)], settings))
    ids = [o.doc_id for o in out]
    # sorted: niger/report.html comes first and gets the plain id; the .txt keeps its extension
    assert ids == ["a", "b", "feed:1", "img/map", "mali/report", "niger/report", "niger/report.txt"]
    assert len(set(ids)) == len(ids)
    assert isinstance(out[3], Rejected) and ".png" in out[3].reason
    # the same folder read twice gives the same ids (stable)
    assert [o.doc_id for o in read_sources([str(root)], settings)] == ids


def test_empty_folder_yields_nothing(tmp_path: Path, settings: Settings) -> None:
    assert list(read_sources([str(tmp_path)], settings)) == []


# --- JSONL ---------------------------------------------------------------------------------


def jsonl(*rows: object) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows).encode()


def test_jsonl_fields(settings: Settings) -> None:
    data = jsonl(
        {
            "id": "a1",
            "text": STORY,
            "published": "2013-01-20",
            "url": "https://x.example/a1",
            "title": "Gao attack",
        },
        {"id": 7, "html": "<p>" + STORY + "</p>", "published": "2013-01-21T08:30:00Z"},
        {"text": STORY},
    )
    out = list(parse_jsonl_bytes(data, "feed.jsonl", settings))
    assert all(isinstance(o, RawDocument) for o in out)
    a, b, c = docs(out)
    assert (a.doc_id, a.media_type, a.published, a.url, a.title) == (
        "a1",
        "text",
        date(2013, 1, 20),
        "https://x.example/a1",
        "Gao attack",
    )
    assert a.content == STORY.encode() and a.origin == "feed.jsonl:1"
    assert (b.doc_id, b.media_type, b.published) == ("7", "html", date(2013, 1, 21))
    assert (c.doc_id, c.origin, c.published) == ("feed:3", "feed.jsonl:3", None)


def test_malformed_jsonl_line_rejects_only_that_line(settings: Settings) -> None:
    data = jsonl(
        {"id": "a", "text": STORY}, '{"id": "b", "text": "unterminated', "", {"id": "c", "text": STORY}
    )
    out = list(parse_jsonl_bytes(data, "feed.jsonl", settings))
    assert [type(o).__name__ for o in out] == ["RawDocument", "Rejected", "RawDocument"]
    rej = out[1]
    assert isinstance(rej, Rejected) and rej.origin == "feed.jsonl:2" and rej.stage == "ingest"
    assert "malformed JSON on line 2 of feed.jsonl, column" in rej.reason
    assert "fix or remove this line" in rej.reason
    with pytest.raises(ParseError, match="line 2"):
        list(parse_jsonl_bytes(data, "feed.jsonl", Settings(strict=True)))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "x", "title": "no body"}, "no 'text' or 'html' string (fields: id, title)"),
        ({"id": "x", "text": 42}, "no 'text' or 'html' string"),
        (["a", "list"], "is a JSON list, not an object"),
        (
            {"id": "x", "text": STORY, "published": "last Tuesday"},
            "'published' is not a date: 'last Tuesday'",
        ),
        ({"id": ["x"], "text": STORY}, "'id' must be a string or a number"),
    ],
)
def test_bad_jsonl_rows_are_rejected(row: object, message: str, settings: Settings) -> None:
    [rej] = parse_jsonl_bytes(jsonl(row), "f.jsonl", settings)
    assert isinstance(rej, Rejected) and message in rej.reason and rej.origin == "f.jsonl:1"


def test_jsonl_not_utf8_line(settings: Settings) -> None:
    data = b'{"text": "caf\xe9 attack"}\n' + jsonl({"text": STORY})
    rej, doc = parse_jsonl_bytes(data, "f.jsonl", settings)
    assert isinstance(rej, Rejected) and "not valid UTF-8 at byte 13" in rej.reason
    assert isinstance(doc, RawDocument)


def test_jsonl_bom_and_crlf(settings: Settings) -> None:
    data = b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": STORY}).encode() + b"\r\n"
    [doc] = parse_jsonl_bytes(data, "f.jsonl", settings)
    assert isinstance(doc, RawDocument) and doc.doc_id == "a"


def test_jsonl_duplicate_ids_stay_unique(settings: Settings) -> None:
    out = docs(
        list(parse_jsonl_bytes(jsonl({"id": "a", "text": STORY}, {"id": "a", "text": STORY}), "f", settings))
    )
    assert [d.doc_id for d in out] == ["a", "a~2"]


def test_jsonl_line_over_the_limit_is_rejected_and_skipped(tmp_path: Path) -> None:
    settings = Settings(max_document_bytes=200)
    path = tmp_path / "feed.jsonl"
    path.write_bytes(jsonl({"id": "big", "text": "x" * 5000}, {"id": "ok", "text": STORY}))
    rej, doc = read_sources([str(path)], settings)
    assert isinstance(rej, Rejected) and rej.origin == f"{path}:1"
    assert "line is 5," in rej.reason and "200-byte limit" in rej.reason
    assert isinstance(doc, RawDocument) and doc.doc_id == "ok" and doc.origin == f"{path}:2"


def test_jsonl_file_larger_than_the_limit_is_fine_line_by_line(tmp_path: Path) -> None:
    settings = Settings(max_document_bytes=300)
    path = tmp_path / "feed.jsonl"
    path.write_bytes(jsonl(*({"text": STORY} for _ in range(10))))
    assert path.stat().st_size > 300
    assert len(docs(list(read_sources([str(path)], settings)))) == 10


# --- stdin and bytes in hand ---------------------------------------------------------------


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def test_stdin_text_and_html(settings: Settings) -> None:
    [doc] = read_sources(["-"], settings, stdin=io.BytesIO(STORY.encode()))
    assert isinstance(doc, RawDocument)
    assert (doc.doc_id, doc.origin, doc.media_type) == ("stdin", "<stdin>", "text")
    [page] = read_sources(
        ["-"], settings, stdin=io.BytesIO(b"<html><body><p>" + STORY.encode() + b"</p></body></html>")
    )
    assert isinstance(page, RawDocument) and page.media_type == "html"


def test_stdin_reads_at_most_limit_plus_one(settings: Settings) -> None:
    stream = CountingStream(b"x" * 10_000)
    [rej] = read_sources(["-"], Settings(max_document_bytes=1000), stdin=stream)
    assert isinstance(rej, Rejected) and rej.origin == "<stdin>"
    assert stream.bytes_read == 1001
    assert "stdin is too large" in rej.reason and "1,000-byte limit" in rej.reason


def test_document_from_bytes() -> None:
    doc = document_from_bytes(b"<p>hi</p>", "https://x.example/story-1.html", published=date(2013, 1, 20))
    assert (doc.doc_id, doc.media_type, doc.published) == ("story-1", "html", date(2013, 1, 20))
    assert document_from_bytes(b"plain", "notes", media_type="text", doc_id="n1").doc_id == "n1"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"\xef\xbb\xbf  <html lang='en'>", "html"),
        (b"Some text <b>bold</b> then <html> later", "html"),
        (b"<p>A fragment</p>", "html"),
        (b"Plain text with a < sign and 3 > 2.", "text"),
        (b"", "text"),
    ],
)
def test_sniff_media_type(data: bytes, expected: str) -> None:
    assert sniff_media_type(data) == expected


# --- the committed fixture folders, through ingest and clean -------------------------------


def test_fixture_folders_read_and_clean(settings: Settings) -> None:
    from sitrep.clean import clean_document
    from sitrep.records import Article

    bad = ARTICLES.parent / "bad"
    results = {}
    for item in read_sources([str(ARTICLES), str(bad)], settings):
        results[item.doc_id] = clean_document(item, settings, EN) if isinstance(item, RawDocument) else item
    assert {k for k, v in results.items() if isinstance(v, Article)} == {
        "ansongo-convoy",
        "ansongo-convoy.txt",
        "kisumu-protest-boilerplate",
        "broken",
        "cp1252",
        "djibo-1",
        "djibo-4",
    }
    outcome = {k: (v.stage, v.reason.split(",")[0]) for k, v in results.items() if isinstance(v, Rejected)}
    assert outcome == {
        "empty": (
            "clean",
            "empty: the document has no content; check the source; there is nothing to extract",
        ),
        "mixed:2": ("ingest", f"malformed JSON on line 2 of {bad / 'mixed.jsonl'}"),
        "djibo-3": ("ingest", "line 3 has no 'text' or 'html' string (fields: id"),
    }
    cp = results["cp1252"]
    assert isinstance(cp, Article) and problems(cp) == ("not valid UTF-8 at byte 0; decoded as cp1252",)
    assert cp.text.startswith("“Gunmen attacked a checkpoint outside Djibo")
    broken = results["broken"]
    assert isinstance(broken, Article) and broken.title == "Clash near Djibo"
    assert broken.text.endswith("The attackers fled north before reinforcements arrived, he said.")
    d4 = results["djibo-4"]
    assert isinstance(d4, Article) and (d4.published, d4.published_basis) == (date(2024, 5, 11), "document")


def test_unlistable_subfolder_is_rejected(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ok.txt").write_text(STORY)
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if str(path) == str(tmp_path / "locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    out = list(read_sources([str(tmp_path)], settings))
    assert [type(o).__name__ for o in out] == ["RawDocument", "Rejected"]
    rej = out[1]
    assert isinstance(rej, Rejected) and rej.doc_id == "locked"
    assert "cannot list folder" in rej.reason and "Permission denied" in rej.reason


def test_title_from_source_and_headline_from_page_metadata(settings: Settings) -> None:
    from sitrep.clean import clean_document
    from sitrep.records import Article

    page = (
        "<html><head><meta property='og:title' content='Gunmen attack village near Gao'></head><body>"
        f"<article><h1>Gunmen attack village near Gao</h1><p>{STORY}</p></article></body></html>"
    )
    [doc] = parse_jsonl_bytes(jsonl({"id": "g", "html": page, "title": "Feed title"}), "f.jsonl", settings)
    assert isinstance(doc, RawDocument)
    article = clean_document(doc, settings, EN)
    assert isinstance(article, Article)
    assert article.title == "Feed title" and article.text == STORY.strip()


def test_folder_skips_its_readme_but_reads_it_when_named(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "README.md").write_text("# About these files\n\nA table of stories.\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text(
        "Gunmen attacked a village on Monday, officials said.", encoding="utf-8"
    )
    from sitrep.ingest import read_sources

    ids = [d.doc_id for d in read_sources([str(tmp_path)], settings)]
    assert ids == ["story"]
    named = list(read_sources([str(tmp_path / "README.md")], settings))
    assert [d.doc_id for d in named] == ["README"]
