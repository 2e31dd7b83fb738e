"""A flat text dump of HTML for pages the tree parsers cut short (deep nesting).

libxml2, under both trafilatura and lxml, stops reading elements nested deeper than 256 levels,
so a story inside 100,000 nested ``<div>``s is lost and only the chrome above it is kept.
``too_deep`` says when that happened (the parsed tree reaches the limit); ``flat_text`` then reads
the page with the standard library's streaming tokenizer, which has no depth limit and runs in
one pass: the text of every element except script, style and other invisible ones, one block
element per line. Navigation and other chrome lines are left to the boilerplate filter.

Why hand-written: no library reads past libxml2's depth limit without its unsafe ``huge`` mode.
"""

from __future__ import annotations

import html.parser
import re

import lxml.etree
import lxml.html

PARSER_DEPTH = 255  # libxml2 reads no deeper than this (XML_PARSE_HUGE lifts the limit, unsafely)
_INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "title", "iframe", "object"}
)
_BLOCKS = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol blockquote pre table tr figure "
    "figcaption dd dt td th br hr header footer nav aside".split()
)
_TAG = re.compile(r"<[^>]*>")
_WS = re.compile(r"\s+")


def looks_cut(markup: str, text: str) -> bool:
    """Whether the extracted ``text`` may be a small part of what the page shows (a cheap first
    test: the markup without its tags, scripts counted in, is half as long again)."""
    visible = len(_WS.sub(" ", _TAG.sub(" ", markup)))
    return visible > 1.5 * len(text) + 50


def too_deep(markup: str) -> bool:
    """Whether the parsed page reaches libxml2's depth limit (deeper elements were dropped)."""
    try:
        tree = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", markup))
    except (lxml.etree.ParserError, ValueError):
        return False
    stack = [(tree, 1)]
    while stack:  # each element is visited once: the walk ends with the tree
        el, depth = stack.pop()
        if depth >= PARSER_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in el)
    return False


class _Flat(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # open invisible elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLE:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def flat_text(markup: str) -> str:
    """The page's visible text, one block element per line, read in one streaming pass."""
    reader = _Flat()
    reader.feed(markup)
    reader.close()
    lines = (_WS.sub(" ", line).strip() for line in "".join(reader.parts).split("\n"))
    return "\n".join(line for line in lines if line)
