"""JSONL → ``RawDocument``, one per line: ``{"id", "text" | "html", "published", "url", "title"}``.

A bad line becomes ``Rejected(stage="ingest")`` naming the line and the field, and the others go
on; lines are read with a bound, so an oversized line never lands in memory whole. Hand-written
because ``json.loads`` per file or a data-frame reader fails (or loads everything) on the first bad line.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import ParseError
from ..records import MediaType, RawDocument, Rejected
from ..settings import Settings
from .ids import DocIds
from .rejects import reject, too_big

log = logging.getLogger(__name__)

__all__ = ["JSONL_SUFFIXES", "jsonl_records", "parse_jsonl_bytes", "parse_published"]

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_LINE_CHUNK = 1 << 20


def parse_jsonl_bytes(
    data: bytes, origin: str, settings: Settings, *, doc_id_prefix: str | None = None
) -> Iterator[RawDocument | Rejected]:
    """Documents from JSONL content in hand, one per line (see ``read_sources`` for the fields).

    Args:
        data: the JSONL bytes (UTF-8).
        origin: a name for messages; rejected lines are reported as ``origin:LINE``.
        settings: uses ``max_document_bytes`` (per line) and ``strict``.
        doc_id_prefix: id prefix for lines without an ``id`` (``PREFIX:LINE``); defaults to origin's stem.

    Yields:
        A ``RawDocument`` per good line, a ``Rejected`` per bad line; blank lines are skipped.

    Raises:
        ParseError: on the first bad line, in strict mode only.
    """
    prefix = doc_id_prefix or Path(origin).stem or origin
    yield from jsonl_records(io.BytesIO(data), origin, prefix, settings, DocIds())


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line or None if longer than ``limit``, length); never holds more than ``limit`` bytes."""
    lineno = 0
    while True:
        line = stream.readline(limit + 2)
        if not line:
            return
        lineno += 1
        if len(line.rstrip(b"\r\n")) > limit:
            total = len(line)
            while not line.endswith(b"\n"):
                line = stream.readline(_LINE_CHUNK)
                if not line:
                    break
                total += len(line)
            yield lineno, None, total
        else:
            yield lineno, line, len(line)


def jsonl_records(
    stream: BinaryIO, origin: str, prefix: str, settings: Settings, ids: DocIds
) -> Iterator[RawDocument | Rejected]:
    """Parse a JSONL stream line by line; a bad line is rejected and the others go on."""
    for lineno, line, size in _lines(stream, settings.max_document_bytes):
        where = f"{origin}:{lineno}"
        default_id = f"{prefix}:{lineno}"
        if line is None:
            yield too_big(settings, ids.claim(default_id), where, f"line is {size:,} bytes")
            continue
        if lineno == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        try:
            obj = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield reject(
                settings,
                ParseError,
                ids.claim(default_id),
                where,
                f"line {lineno} of {origin} is not valid UTF-8 at byte {exc.start:,}",
                "save the file as UTF-8",
            )
            continue
        except json.JSONDecodeError as exc:
            yield reject(
                settings,
                ParseError,
                ids.claim(default_id),
                where,
                f"malformed JSON on line {lineno} of {origin}, column {exc.colno}: {exc.msg}",
                "fix or remove this line; each line must be one JSON object",
            )
            continue
        yield _jsonl_document(obj, lineno, where, default_id, settings, ids)


def _jsonl_document(
    obj: Any, lineno: int, where: str, default_id: str, settings: Settings, ids: DocIds
) -> RawDocument | Rejected:
    """One parsed JSONL line → a RawDocument, or a Rejected naming the bad field."""
    if not isinstance(obj, dict):
        return reject(
            settings,
            ParseError,
            ids.claim(default_id),
            where,
            f"line {lineno} is a JSON {type(obj).__name__}, not an object",
            'write one object per line, e.g. {"id": "a1", "text": "..."}',
        )
    raw_id = obj.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
        return reject(
            settings,
            ParseError,
            ids.claim(default_id),
            where,
            f"line {lineno}: 'id' must be a string or a number, not {type(raw_id).__name__}",
            "fix the id or leave it out (then the line number is used)",
        )
    base_id = str(raw_id).strip() if raw_id is not None and str(raw_id).strip() else default_id
    content, media = _jsonl_content(obj)
    if content is None:
        keys = ", ".join(sorted(map(str, obj))) or "none"
        return reject(
            settings,
            ParseError,
            ids.claim(base_id),
            where,
            f"line {lineno} has no 'text' or 'html' string (fields: {keys})",
            "put the document in a 'text' (plain text) or 'html' (a page) field",
        )
    published = obj.get("published")
    parsed: date | None = None
    if published not in (None, ""):
        parsed = parse_published(published)
        if parsed is None:
            return reject(
                settings,
                ParseError,
                ids.claim(base_id),
                where,
                f"line {lineno}: 'published' is not a date: {published!r}",
                "use YYYY-MM-DD or an ISO datetime (2013-01-20T08:30:00Z), or leave it out",
            )
    return RawDocument(
        doc_id=ids.claim(base_id),
        origin=where,
        media_type=media,
        content=content.encode("utf-8", errors="replace"),
        published=parsed,
        url=_optional_str(obj, "url", where),
        title=_optional_str(obj, "title", where),
    )


def _jsonl_content(obj: dict[str, Any]) -> tuple[str | None, MediaType]:
    """The document in a JSONL object: ``text`` if it is a string, else ``html``."""
    text, markup = obj.get("text"), obj.get("html")
    if isinstance(text, str) and (text.strip() or not isinstance(markup, str)):
        return text, "text"
    if isinstance(markup, str):
        return markup, "html"
    return None, "text"


def _optional_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    """A string field, or None (a non-string value is ignored with a log message)."""
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    log.warning("%s: ignoring '%s' (a %s, not a string)", where, key, type(value).__name__)
    return None


def parse_published(value: Any) -> date | None:
    """A ``published`` field (YYYY-MM-DD or an ISO datetime) as a date, or None if it is not one."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None
