"""Clean HTML: the story out of realistic page chrome, metadata, charsets, broken markup, offline."""

from __future__ import annotations

import socket
from datetime import date
from pathlib import Path

import pytest

import sitrep.clean.html as clean_html
from conftest import problems
from sitrep.clean import clean_document
from sitrep.errors import ParseError
from sitrep.lang import load
from sitrep.records import Article, RawDocument, Rejected
from sitrep.settings import Settings

EN = load("en")

ARTICLES = Path(__file__).parent / "data" / "articles"
STORY = "Gunmen attacked a village near Gao on Sunday, killing three people, residents said."


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the clean stage must not touch the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def clean(
    content: bytes | str, media_type: str = "html", settings: Settings | None = None, **kw: object
) -> Article | Rejected:
    data = content.encode("utf-8") if isinstance(content, str) else content
    doc = RawDocument(doc_id="p1", origin="page.html", media_type=media_type, content=data, **kw)  # type: ignore[arg-type]
    return clean_document(doc, settings or Settings(), EN)


def clean_ok(content: bytes | str, media_type: str = "html", **kw: object) -> Article:
    out = clean(content, media_type, **kw)
    assert isinstance(out, Article), out
    return out


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


# --- the same story as a page and as plain text --------------------------------------------


def normalised(text: str) -> str:
    return " ".join(text.split())


def test_html_page_and_plain_text_clean_to_the_same_story() -> None:
    html = clean_ok((ARTICLES / "ansongo-convoy.html").read_bytes())
    text = clean_ok((ARTICLES / "ansongo-convoy.txt").read_bytes(), media_type="text")
    assert normalised(html.text) == normalised(text.text)
    assert html.text == text.text  # same paragraph breaks too
    assert html.content_hash == text.content_hash
    assert html.title == text.title == "Gunmen ambush army convoy near Ansongo, killing four soldiers"
    paragraphs = html.text.split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("ANSONGO, Mali — Armed men on motorcycles")
    assert paragraphs[-1].endswith("flying low over the area where the ambush took place.")
    assert (html.published, html.published_basis) == (date(2024, 3, 12), "html-metadata")
    assert (text.published, text.published_basis) == (None, None)
    assert problems(html) == () and problems(text) == ()


@pytest.mark.parametrize(
    "chrome",
    [
        "Skip to main content",
        "cookies",
        "Accept all",
        "Home",
        "Politics",
        "Subscribe",
        "Advertisement",
        "Share on Facebook",
        "Copy link",
        "Share this article",
        "Read more",
        "Related stories",
        "Gao market reopens",
        "Sign up for our daily newsletter",
        "Comments",
        "moderated",
        "My cousin drives on that road",
        "Third attack on this stretch",
        "Condolences to the families",
        "Moussa K.",
        "About us",
        "Privacy policy",
        "All rights reserved",
        "Awa Traoré",
        "Search",
    ],
)
def test_page_chrome_is_gone(chrome: str) -> None:
    article = clean_ok((ARTICLES / "ansongo-convoy.html").read_bytes())
    assert chrome not in article.text


def test_url_is_passed_through_as_metadata_only() -> None:
    article = clean_ok(page(f"<p>{STORY}</p>"), url="https://news.example/2013/01/20/gao.html")
    assert article.url == "https://news.example/2013/01/20/gao.html"


# --- charsets ------------------------------------------------------------------------------


def test_meta_charset_is_honoured_without_a_warning() -> None:
    markup = page(f"<p>“{STORY}” — officials’ count</p>", head='<meta charset="windows-1252">')
    article = clean_ok(markup.encode("cp1252"))
    assert article.text == f"“{STORY}” — officials’ count" and problems(article) == ()


def test_http_equiv_charset_for_a_non_latin_page() -> None:
    body = "<p>Боевики напали на деревню возле Гао в воскресенье, убив трёх человек.</p>"
    head = '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
    article = clean_ok(page(body, head).encode("koi8-r"))
    assert article.text.startswith("Боевики напали") and problems(article) == ()


def test_undeclared_cp1252_page_is_decoded_with_a_warning() -> None:
    article = clean_ok(page(f"<p>“{STORY}”</p>").encode("cp1252"))
    assert article.text == f"“{STORY}”"
    assert article.warnings and article.warnings[0].startswith("not valid UTF-8 at byte ")
    assert article.warnings[0].endswith("; decoded as cp1252")


def test_valid_utf8_wins_over_a_wrong_declaration() -> None:
    article = clean_ok(page(f"<p>Ménaka: {STORY}</p>", head='<meta charset="iso-8859-1">').encode("utf-8"))
    assert article.text == f"Ménaka: {STORY}"


def test_xhtml_with_xml_declaration() -> None:
    markup = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        f"<head><title>Gao attack</title></head><body><p>{STORY}</p></body></html>"
    )
    article = clean_ok(markup)
    assert article.text == STORY and article.title == "Gao attack"


# --- broken markup -------------------------------------------------------------------------


def test_unclosed_tags_still_clean() -> None:
    markup = (
        f"<html><body><div><p>{STORY}<p>The army said it sent <b>reinforcements <i>to the area "
        "on Monday, and that calm had returned by the evening."
    )
    article = clean_ok(markup)
    assert article.text == (
        f"{STORY}\n\nThe army said it sent reinforcements to the area on Monday, "
        "and that calm had returned by the evening."
    )


def test_fragment_without_html_or_body() -> None:
    assert clean_ok(f"<p>{STORY}</p></div></span>").text == STORY


def test_garbage_markup_is_cleaned_or_clearly_rejected() -> None:
    out = clean("<<<>>><html<<body>><p>>> </a></p><div <div <<<<" * 20)
    assert isinstance(out, Rejected) and out.reason.startswith("empty: ")
    out = clean(f"<<<>>><html<<body>><p>>>{STORY}</a></p><div <div")
    assert isinstance(out, Article) and "Gunmen attacked a village near Gao" in out.text


def test_page_with_only_chrome_is_rejected() -> None:
    markup = page(
        "<nav><a>Home</a> <a>World</a></nav><div class='ad'>Advertisement</div>"
        "<footer>© 2024 Example News. All rights reserved.</footer>"
    )
    out = clean(markup)
    assert isinstance(out, Rejected)
    assert out.reason.startswith("empty: ") and "min_text_chars=40" in out.reason
    with pytest.raises(ParseError, match="empty"):
        clean(markup, settings=Settings(strict=True))


def test_extractor_failure_falls_back_to_plain_page_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(clean_html.trafilatura, "bare_extraction", broken)
    article = clean_ok((ARTICLES / "ansongo-convoy.html").read_bytes())
    assert "used the page's plain text" in article.warnings[0]
    assert article.title == "Gunmen ambush army convoy near Ansongo, killing four soldiers"  # og:title
    # chrome containers (share, related, comments, ads, byline, cookie banner) go by class/id
    plain = clean_ok((ARTICLES / "ansongo-convoy.txt").read_bytes(), media_type="text")
    assert article.text == plain.text


def test_extractor_finding_nothing_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clean_html.trafilatura, "bare_extraction", lambda *a, **k: None)
    article = clean_ok(
        page(f"<nav>Home | World | Africa</nav><div><p>{STORY}</p></div><footer>About us</footer>")
    )
    assert article.text == STORY and problems(article)


# --- dates ---------------------------------------------------------------------------------


def test_no_date_guessed_from_deep_in_the_body() -> None:
    body = "".join(
        f"<p>{STORY} It was the worst attack since January 5, 2012, officials said.</p>" for _ in range(4)
    )
    assert clean_ok(page(body)).published is None


def test_time_element_and_meta_dates() -> None:
    head = '<meta property="article:published_time" content="2013-01-20T10:00:00Z">'
    article = clean_ok(page(f"<article><p>{STORY}</p></article>", head))
    assert (article.published, article.published_basis) == (date(2013, 1, 20), "html-metadata")


def test_dateline_used_when_the_page_has_no_metadata_date() -> None:
    article = clean_ok(page(f"<article><p>GAO, Mali (AP) — Jan. 20, 2013 — {STORY}</p></article>"))
    assert (article.published, article.published_basis) == (date(2013, 1, 20), "dateline")


def test_document_and_given_dates_take_precedence_over_metadata() -> None:
    head = '<meta property="article:published_time" content="2013-01-20T10:00:00Z">'
    markup = page(f"<article><p>{STORY}</p></article>", head)
    article = clean_ok(markup, published=date(2013, 1, 21))
    assert (article.published, article.published_basis) == (date(2013, 1, 21), "document")
    out = clean(markup, settings=Settings(published=date(2013, 1, 22)), published=date(2013, 1, 21))
    assert isinstance(out, Article) and (out.published, out.published_basis) == (date(2013, 1, 22), "given")


def test_a_story_nested_deeper_than_the_parser_reads_is_kept() -> None:
    story = (
        "<p>Fishermen on Lake Chad said gunmen seized two boats near Baga on Thursday and took "
        "eleven crew members, according to a union leader.</p><p>The navy said it was searching "
        "the islands.</p>"
    )
    depth = 50_000
    markup = page("<nav>Home | Region | Sport</nav>" + "<div>" * depth + story + "</div>" * depth)
    article = clean_ok(markup)
    assert "took eleven crew members" in article.text and "searching the islands" in article.text
    assert any("deeper than the HTML parser reads" in w for w in article.warnings)


def test_a_shallow_page_is_not_read_flat() -> None:
    markup = page(
        "<nav>Home | Region</nav><article><p>"
        + "Protesters marched in Bamako on Friday. " * 5
        + "</p></article>"
    )
    article = clean_ok(markup)
    assert not any("flat" in w for w in article.warnings)
