"""Content already in hand (bytes, not a path) → ``RawDocument``, its media type sniffed when not given."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..records import MediaType, RawDocument

__all__ = ["document_from_bytes", "sniff_media_type"]

_HTML_START = re.compile(
    rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<title|<article|<div|<p[\s>]|<!--|<\?xml)",
    re.IGNORECASE,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body)[\s>]|</(?:p|div|a)>", re.IGNORECASE)
_SNIFF_BYTES = 4096


def sniff_media_type(data: bytes) -> MediaType:
    """``"html"`` if the bytes look like an HTML page, else ``"text"``."""
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    return "html" if _HTML_START.match(head) or _HTML_ANYWHERE.search(head) else "text"


def document_from_bytes(
    data: bytes,
    origin: str,
    media_type: MediaType | None = None,
    *,
    doc_id: str | None = None,
    published: date | None = None,
    url: str | None = None,
    title: str | None = None,
) -> RawDocument:
    """A ``RawDocument`` from content already in hand (no file needed).

    Args:
        data: the document's bytes (text or HTML; decoding is the clean stage's job).
        origin: where it came from, for messages (a path, a URL, ``"<stdin>"``).
        media_type: ``"text"`` or ``"html"``; sniffed from the content when None.
        doc_id: defaults to the stem of ``origin``.
        published: the publication date the source gives, if any.
        url: the document's URL, if known.
        title: the document's title, if known.

    Returns:
        The raw document. Size and content are checked later (``clean_document``).
    """
    if doc_id is None:
        doc_id = Path(origin).stem or origin.strip("<>") or "document"
    return RawDocument(
        doc_id=doc_id,
        origin=origin,
        media_type=media_type or sniff_media_type(data),
        content=data,
        published=published,
        url=url,
        title=title,
    )
