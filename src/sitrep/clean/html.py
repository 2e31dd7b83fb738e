"""HTML → story text, title and publication date, offline.

trafilatura does the main-content extraction (no comments, no images, no links; ``favor_recall``
because the line filter in ``boilerplate`` runs afterwards anyway, and a missing paragraph
loses events while a stray line costs nothing). The date comes from the page's markup only
(htmldate without its "extensive" search through body text). If trafilatura finds nothing or
fails on broken markup, a plain lxml text dump of the page (without script, navigation, header,
footer, aside and form elements) is used instead, with a warning. A page nested deeper than the
parsers read (``flat``) is read flat, with a warning.

Nothing here touches the network: trafilatura and htmldate are handed the markup, never a URL
to fetch (a ``url`` is only passed as metadata).
"""

from __future__ import annotations

import html as htmllib
import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import lxml.etree
import lxml.html
import trafilatura

from .flat import PARSER_DEPTH, flat_text, looks_cut, too_deep

log = logging.getLogger(__name__)

_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "embed",
    "canvas",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "head",
)
_BLOCK_TAGS = (
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "figure",
    "figcaption",
    "dd",
    "dt",
    "td",
    "th",
)
# class/id/role values that mark page chrome (as readability's "unlikely candidates" do)
_CHROME_HINT = re.compile(
    r"comment|share|social|related|promo|advert|(?:^|[\s_-])ads?(?:$|[\s_-])|newsletter|cookie|consent|"
    r"subscri|sidebar|byline|breadcrumb|popup|modal|banner|footer|masthead|\bnav|menu|skip|dialog",
    re.IGNORECASE,
)
_NEVER_DROP = frozenset({"html", "body", "main", "article"})
_TAG = re.compile(r"<[^>]*>")
_WS = re.compile(r"\s+")
_FULL_PAGE = re.compile(r"<(?:html|body)\b", re.IGNORECASE)  # else a fragment: trafilatura wants a page


@dataclass(frozen=True, slots=True)
class HtmlText:
    """What the HTML gave: the story text (one paragraph per line), title, date and warnings."""

    text: str
    title: str | None = None
    published: date | None = None
    warnings: tuple[str, ...] = ()


def extract_html(markup: str, url: str | None = None) -> HtmlText:
    """Story text (one paragraph per line), title and metadata date of an HTML page.

    Args:
        markup: the decoded page.
        url: where the page came from, used only as metadata (a date in the URL path).

    Returns:
        The extracted text; empty if nothing usable was found.
    """
    title: str | None = None
    published: date | None = None
    text = ""
    page = markup if _FULL_PAGE.search(markup, 0, 4096) else f"<html><body><div>{markup}</div></body></html>"
    try:
        doc = trafilatura.bare_extraction(
            page,
            url=url,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # noqa: BLE001 - any failure inside the extractor means: fall back
        log.debug("trafilatura failed: %r", exc)
        doc = None
    if doc is not None:
        text = (getattr(doc, "text", None) or "").strip()
        title = _clean_title(getattr(doc, "title", None))
        published = _iso_date(getattr(doc, "date", None))
    if text and not (looks_cut(markup, text) and too_deep(markup)):
        return HtmlText(text=text, title=title, published=published)
    if too_deep(markup):
        warning = (
            f"the page nests elements deeper than the HTML parser reads ({PARSER_DEPTH} levels);"
            " used a flat text extraction"
        )
        return HtmlText(text=flat_text(markup), title=title, published=published, warnings=(warning,))
    fallback = _lxml_text(markup)
    warning = "main-content extraction found nothing; used the page's plain text (navigation removed)"
    title = title or _lxml_title(markup)
    return HtmlText(text=fallback, title=title, published=published, warnings=(warning,))


def _clean_title(title: str | None) -> str | None:
    """A title with normalised spaces, or None if empty."""
    if not title:
        return None
    title = " ".join(title.split())
    return title or None


def _iso_date(value: str | None) -> date | None:
    """A YYYY-MM-DD string as a date, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _parse(markup: str) -> lxml.html.HtmlElement | None:
    """A lenient lxml parse of the page, or None if lxml cannot make a tree of it."""
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)  # lxml refuses str input with an encoding declaration
    if not markup.strip():
        return None
    try:
        return lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError) as exc:
        log.debug("lxml could not parse the page: %r", exc)
        return None


def _lxml_title(markup: str) -> str | None:
    """The page's ``<title>``, if lxml can find one."""
    tree = _parse(markup)
    if tree is None:
        return None
    for meta in tree.iter("meta"):
        if meta.get("property") == "og:title" or meta.get("name") in {"og:title", "twitter:title"}:
            if title := _clean_title(meta.get("content")):
                return title
    found = tree.find(".//title")
    return _clean_title(found.text_content()) if found is not None else None


def _lxml_text(markup: str) -> str:
    """Visible text of the page without chrome elements, one block element per line."""
    tree = _parse(markup)
    if tree is None:
        return htmllib.unescape(_TAG.sub("\n", markup))
    for el in list(tree.iter(*_DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in list(tree.iter()):
        hint = (
            f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
            if isinstance(el.tag, str)
            else ""
        )
        if el.tag not in _NEVER_DROP and _CHROME_HINT.search(hint) and el.getparent() is not None:
            el.drop_tree()
    for el in list(tree.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        if el.getparent() is not None:
            el.drop_tree()
    for el in tree.iter():
        if el.text:
            el.text = _WS.sub(" ", el.text)
        if el.tail:
            el.tail = _WS.sub(" ", el.tail)
    for el in tree.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
        if el.text:
            el.text = "\n" + el.text
    for el in tree.iter("br"):
        el.tail = "\n" + (el.tail or "")
    return str(tree.text_content())
