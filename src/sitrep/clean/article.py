"""The cleaned ``Article`` of a ``RawDocument`` (or ``Rejected``): the clean stage's entry function.

``clean_document`` decodes the bytes (``decode``), extracts the story
from HTML (``html``) or takes plain text as it is, removes page chrome line by line
(``boilerplate``), separates a headline, checks the language (``language``), and picks the
publication date (``published``).
Deterministic and offline: no I/O, no network, no global state.

The cleaned text has one paragraph per block, blocks separated by a blank line; every
character offset later stages produce points into it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..errors import ParseError
from ..lang import Language
from ..records import Article, RawDocument, Rejected, content_hash
from ..registry import register
from ..settings import Settings
from .boilerplate import filter_blocks, join_blocks, normalise_line, split_blocks
from .decode import decode_bytes
from .html import extract_html
from .language import detect_language
from .published import choose_published, dateline_date, starts_with_date

log = logging.getLogger(__name__)

__all__ = ["clean_document"]

_TITLE_MAX_CHARS = 200
_TITLE_MAX_WORDS = 25


def clean_document(raw: RawDocument, settings: Settings, lang: Language) -> Article | Rejected:
    """Turn one raw document into a cleaned ``Article``, or say why it cannot be used.

    Args:
        raw: what ingest read (bytes plus what the source said about them).
        settings: uses ``min_text_chars``, ``max_document_bytes``, ``published``, ``language``,
            ``language_check`` and ``strict``.
        lang: the document's language (its boilerplate cues and dateline words).

    Returns:
        An ``Article`` whose ``text`` is the story (paragraphs separated by blank lines), or
        ``Rejected(stage="clean")`` for empty, binary or oversized content, or a text confidently
        in another language than ``settings.language``.

    Raises:
        ParseError: instead of returning ``Rejected`` when ``settings.strict`` is set.
    """
    size = len(raw.content)
    if size > settings.max_document_bytes:
        return _reject(
            raw,
            settings,
            f"document is {size:,} bytes, over the {settings.max_document_bytes:,}-byte limit"
            " (max_document_bytes)",
            "split it or raise SITREP_MAX_DOCUMENT_BYTES",
        )
    if not raw.content.strip():
        what = f"the document is only whitespace ({size:,} bytes)" if size else "the document has no content"
        return _reject(raw, settings, f"empty: {what}", "check the source; there is nothing to extract")
    is_html = raw.media_type == "html"
    decoded = decode_bytes(raw.content, html=is_html)
    if decoded.binary:
        hint = "sitrep reads plain text and HTML; convert the document first"
        return _reject(raw, settings, decoded.binary, hint)
    warnings = list(decoded.warnings)

    meta_title = meta_date = None
    if is_html:
        extracted = extract_html(decoded.text, raw.url)
        blocks = [[line] for line in map(normalise_line, extracted.text.split("\n")) if line]
        meta_title, meta_date = extracted.title, extracted.published
        warnings.extend(extracted.warnings)
    else:
        blocks = split_blocks(decoded.text)
    blocks = filter_blocks(blocks, lang.boilerplate)
    title, blocks = _split_title(blocks, lang, raw.title, meta_title)
    text = join_blocks(blocks)

    if len(text) < settings.min_text_chars:
        where = "the page's main content" if is_html else "the text"
        return _reject(
            raw,
            settings,
            f"empty: {len(text):,} characters of {where} left after removing boilerplate, "
            f"under min_text_chars={settings.min_text_chars}",
            "nothing to extract events from; check that the document holds a story"
            " (lower SITREP_MIN_TEXT_CHARS for very short items)",
        )
    language = _check_language(raw, text, settings)
    if isinstance(language, Rejected):
        return language
    published, basis = choose_published(
        settings.published, raw.published, meta_date, dateline_date(text, lang), raw.crawled
    )
    for warning in warnings:
        log.info("%s: %s", raw.origin, warning)
    if language:
        warnings.append(language)  # the verdict is kept with the article, not logged
    return Article(
        doc_id=raw.doc_id,
        origin=raw.origin,
        text=text,
        content_hash=content_hash(text),
        published=published,
        published_basis=basis,
        url=raw.url,
        title=title,
        warnings=tuple(warnings),
    )


def _check_language(raw: RawDocument, text: str, settings: Settings) -> Rejected | str | None:
    """A ``Rejected`` for a text confidently in another language, else the verdict's note (None: no check)."""
    if not settings.language_check:
        return None
    verdict = detect_language(text, settings.language)
    if verdict.refused:
        return _reject(
            raw,
            settings,
            f"language: detected {verdict.detected!r} (p={verdict.probability:.2f}); sitrep reads "
            f"{settings.language!r} (setting language)",
            "set SITREP_LANGUAGE if its word lists exist, or SITREP_LANGUAGE_CHECK=false to read it anyway",
        )
    return verdict.note()


def _norm(text: str) -> str:
    """Whitespace-folded, case-folded text (to compare a paragraph with a known title)."""
    return " ".join(text.split()).casefold()


def _split_title(
    blocks: list[list[str]], lang: Language, *known_titles: str | None
) -> tuple[str | None, list[list[str]]]:
    """Headline and body: a first paragraph equal to a known title, or one shaped like a headline.

    The first known title (the source's, then the page metadata's) is the article's title.
    """
    known = next((t for t in known_titles if t), None)
    if not blocks:
        return known, blocks
    first = blocks[0]
    first_text = " ".join(first)
    if known:
        f = _norm(first_text)
        for k in (_norm(t) for t in known_titles if t):
            if f and (f == k or (k.startswith(f) and len(f) >= 0.5 * len(k))):
                return known, blocks[1:]
        return known, blocks
    words = first_text.split()
    looks_like_headline = (
        len(blocks) >= 2
        and len(first) == 1
        and len(first_text) <= _TITLE_MAX_CHARS
        and 2 <= len(words) <= _TITLE_MAX_WORDS
        and not lang.boilerplate.NOT_A_TITLE.search(first_text)
        and not starts_with_date(first_text, lang)
    )
    if looks_like_headline:
        return first_text, blocks[1:]
    return None, blocks


def _reject(raw: RawDocument, settings: Settings, what: str, hint: str) -> Rejected:
    """A ``Rejected`` for this document, or a ``ParseError`` in strict mode."""
    if settings.strict:
        raise ParseError(f"{raw.origin}: {what}", hint=hint)
    log.info("rejected %s: %s", raw.origin, what)
    return Rejected(doc_id=raw.doc_id, origin=raw.origin, stage="clean", reason=f"{what}; {hint}")


@register("clean.default.v1", requires=("raw.content",), assigns=("article.text", "article.published"))
def default_cleaner() -> Callable[[RawDocument, Settings, Language], Article | Rejected]:
    """The default text cleaner: ``clean_document``."""
    return clean_document
