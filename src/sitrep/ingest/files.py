"""Local files, folders, JSONL and stdin → ``RawDocument`` (or ``Rejected`` for what cannot be read).

- ``.txt`` (also ``.text``, ``.md``): one text document; ``.html``/``.htm``/``.xhtml``: one HTML document.
- ``.jsonl``/``.ndjson``: one document per line: ``{"id", "text" | "html", "published", "url", "title"}``.
- a folder: recursed in sorted order; hidden files and folders are skipped; files of known
  binary types (images, PDF, archives, office files, ...) are rejected unread; other files are
  sniffed as HTML or text.
- ``-``: stdin, sniffed as HTML or text.

Content already in hand goes through ``document_from_bytes`` and ``parse_jsonl_bytes``.

Nothing here raises on bad input unless ``settings.strict`` is set: a missing or unreadable path,
an oversized file, a malformed JSONL line each become ``Rejected(stage="ingest")`` with a reason
that says what is wrong, where, and what to do. Size limits are checked before reading
(``stat`` for files, a bounded read for stdin and JSONL lines), so a huge input never lands in memory.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import sys
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import ParseError, SourceError
from ..records import MediaType, RawDocument, Rejected
from ..settings import Settings

log = logging.getLogger(__name__)

__all__ = ["document_from_bytes", "parse_jsonl_bytes", "read_sources", "sniff_media_type"]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# Never documents: rejected without being read.
BINARY_SUFFIXES = frozenset(
    ".png .jpg .jpeg .gif .webp .bmp .tif .tiff .ico .svgz .heic .pdf .doc .docx .xls .xlsx .ppt .pptx .odt "
    ".ods .zip .gz .tgz .bz2 .xz .7z .rar .tar .warc .mp3 .mp4 .m4a .wav .ogg .avi .mov .mkv .webm .exe .dll "
    ".so .bin .pyc .sqlite .db .parquet .woff .woff2 .ttf .otf".split()
)
STDIN_ORIGIN = "<stdin>"
_SUPPORTED = ".txt, .html, .htm and .jsonl files, folders of them, or - for stdin"
_HTML_START = re.compile(
    rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<title|<article|<div|<p[\s>]|<!--|<\?xml)",
    re.IGNORECASE,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body)[\s>]|</(?:p|div|a)>", re.IGNORECASE)
_SNIFF_BYTES = 4096
_LINE_CHUNK = 1 << 20


class _DocIds:
    """Hands out doc ids that are unique within one batch, deterministically."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def claim(self, base: str, alternative: str | None = None) -> str:
        """``base`` if free, else ``alternative`` (e.g. the name with its extension), else ``base~N``."""
        for candidate in (base, alternative):
            if candidate and candidate not in self._seen:
                self._seen.add(candidate)
                if candidate != base:
                    log.info("doc id %r is taken in this batch; using %r", base, candidate)
                return candidate
        n = 2
        while f"{base}~{n}" in self._seen:
            n += 1
        log.info("doc id %r is taken in this batch; using %r", base, f"{base}~{n}")
        self._seen.add(f"{base}~{n}")
        return f"{base}~{n}"


def read_sources(
    paths: Sequence[str], settings: Settings, *, stdin: BinaryIO | None = None
) -> Iterator[RawDocument | Rejected]:
    """Read files, folders, JSONL files and stdin as raw documents.

    Args:
        paths: file or folder paths; ``"-"`` reads stdin.
        settings: uses ``max_document_bytes`` and ``strict``.
        stdin: the stream ``"-"`` reads (defaults to ``sys.stdin.buffer``).

    Yields:
        A ``RawDocument`` per document, in a deterministic order, with a doc id unique in the
        batch; a ``Rejected(stage="ingest")`` for every input that cannot be read.

    Raises:
        SourceError: a path is missing or unreadable, in strict mode only.
        ParseError: a file or JSONL line is malformed or too large, in strict mode only.
    """
    ids = _DocIds()
    for arg in paths:
        if arg == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield _read_stdin(stream, settings, ids)
            continue
        path = Path(arg)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:  # e.g. a name too long for the file system
            yield _reject(
                settings,
                SourceError,
                ids.claim(path.stem or arg),
                arg,
                f"cannot access {arg}: {exc.strerror or exc}",
                "check the path",
            )
            continue
        if not exists:
            yield _reject(
                settings,
                SourceError,
                ids.claim(path.stem or arg),
                arg,
                f"no such file or folder: {arg}",
                "check the path (relative paths start at the current folder)",
            )
        elif is_dir:
            yield from _read_folder(path, settings, ids)
        else:
            yield from _read_file(path, path.stem or path.name, settings, ids)


# Files that describe a folder rather than hold news; read only when named explicitly.
FOLDER_DOC_NAMES = frozenset({"README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "NOTICE", "AUTHORS"})


def _read_folder(root: Path, settings: Settings, ids: _DocIds) -> Iterator[RawDocument | Rejected]:
    """Every visible file under ``root``, sorted; doc ids are relative paths without extension."""
    found = False
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append, followlinks=False):
        while errors:
            yield _unreadable_folder(errors.pop(0), root, settings, ids)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith("~"):
                continue
            if name.split(".", 1)[0].upper() in FOLDER_DOC_NAMES:
                log.info("skipping %s: a folder's documentation file, not a news document", name)
                continue
            found = True
            path = Path(dirpath, name)
            rel = path.relative_to(root)
            yield from _read_file(path, rel.with_suffix("").as_posix(), settings, ids, rel.as_posix())
    for exc in errors:
        yield _unreadable_folder(exc, root, settings, ids)
    if not found:
        log.warning("folder %s holds no files to read", root)


def _unreadable_folder(exc: OSError, root: Path, settings: Settings, ids: _DocIds) -> Rejected:
    """A Rejected (or SourceError) for a folder that cannot be listed."""
    where = exc.filename or str(root)
    rel = Path(where).relative_to(root).as_posix() if Path(where).is_relative_to(root) else where
    return _reject(
        settings,
        SourceError,
        ids.claim(rel if rel != "." else root.name or str(root)),
        str(where),
        f"cannot list folder {where}: {exc.strerror or exc}",
        "check the folder's permissions",
    )


def _read_file(
    path: Path, base_id: str, settings: Settings, ids: _DocIds, alt_id: str | None = None
) -> Iterator[RawDocument | Rejected]:
    """One file: a single document, or one per line for JSONL."""
    origin = str(path)
    suffix = path.suffix.lower()
    alt_id = alt_id or path.name
    if suffix in BINARY_SUFFIXES:
        yield _reject(
            settings,
            ParseError,
            ids.claim(base_id, alt_id),
            origin,
            f"skipped {origin}: {suffix} files are not read",
            f"sitrep reads {_SUPPORTED}; convert it to text first",
        )
        return
    try:
        size = path.stat().st_size
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from _jsonl_records(fh, origin, base_id, settings, ids)
            return
        if size > settings.max_document_bytes:
            yield _too_big(settings, ids.claim(base_id, alt_id), origin, f"file is {size:,} bytes")
            return
        with path.open("rb") as fh:
            data = fh.read(settings.max_document_bytes + 1)  # bounded: the file may have grown
    except OSError as exc:
        yield _reject(
            settings,
            SourceError,
            ids.claim(base_id, alt_id),
            origin,
            f"cannot read {origin}: {exc.strerror or exc}",
            "check that the file exists and is readable",
        )
        return
    if len(data) > settings.max_document_bytes:
        yield _too_big(settings, ids.claim(base_id, alt_id), origin, "file grew while being read")
        return
    media: MediaType
    if suffix in HTML_SUFFIXES:
        media = "html"
    elif suffix in TEXT_SUFFIXES:
        media = "text"
    else:
        media = sniff_media_type(data)
    yield RawDocument(doc_id=ids.claim(base_id, alt_id), origin=origin, media_type=media, content=data)


def _read_stdin(stream: BinaryIO, settings: Settings, ids: _DocIds) -> RawDocument | Rejected:
    """Stdin as one document, reading at most ``max_document_bytes + 1`` bytes."""
    try:
        data = stream.read(settings.max_document_bytes + 1)
    except OSError as exc:
        return _reject(
            settings,
            SourceError,
            ids.claim("stdin"),
            STDIN_ORIGIN,
            f"cannot read stdin: {exc}",
            "pipe a text or HTML document into sitrep, or pass file paths instead of -",
        )
    if len(data) > settings.max_document_bytes:
        what = f"stdin is too large (stopped reading at {len(data):,} bytes)"
        return _too_big(settings, ids.claim("stdin"), STDIN_ORIGIN, what)
    return document_from_bytes(data, STDIN_ORIGIN, doc_id=ids.claim("stdin"))


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
    yield from _jsonl_records(io.BytesIO(data), origin, prefix, settings, _DocIds())


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


def _jsonl_records(
    stream: BinaryIO, origin: str, prefix: str, settings: Settings, ids: _DocIds
) -> Iterator[RawDocument | Rejected]:
    """Parse a JSONL stream line by line; a bad line is rejected and the others go on."""
    for lineno, line, size in _lines(stream, settings.max_document_bytes):
        where = f"{origin}:{lineno}"
        default_id = f"{prefix}:{lineno}"
        if line is None:
            yield _too_big(settings, ids.claim(default_id), where, f"line is {size:,} bytes")
            continue
        if lineno == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        try:
            obj = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield _reject(
                settings,
                ParseError,
                ids.claim(default_id),
                where,
                f"line {lineno} of {origin} is not valid UTF-8 at byte {exc.start:,}",
                "save the file as UTF-8",
            )
            continue
        except json.JSONDecodeError as exc:
            yield _reject(
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
    obj: Any, lineno: int, where: str, default_id: str, settings: Settings, ids: _DocIds
) -> RawDocument | Rejected:
    """One parsed JSONL line → a RawDocument, or a Rejected naming the bad field."""
    if not isinstance(obj, dict):
        return _reject(
            settings,
            ParseError,
            ids.claim(default_id),
            where,
            f"line {lineno} is a JSON {type(obj).__name__}, not an object",
            'write one object per line, e.g. {"id": "a1", "text": "..."}',
        )
    raw_id = obj.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
        return _reject(
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
        return _reject(
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
            return _reject(
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


def _too_big(settings: Settings, doc_id: str, origin: str, what: str) -> Rejected:
    return _reject(
        settings,
        ParseError,
        doc_id,
        origin,
        f"{what}, over the {settings.max_document_bytes:,}-byte limit (max_document_bytes)",
        "split it or raise SITREP_MAX_DOCUMENT_BYTES",
    )


def _reject(
    settings: Settings, error: type[SourceError], doc_id: str, origin: str, what: str, hint: str
) -> Rejected:
    """A ``Rejected(stage="ingest")``, or ``error`` raised in strict mode."""
    if settings.strict:
        raise error(what if origin in what else f"{origin}: {what}", hint=hint)
    log.info("rejected %s: %s", origin, what)
    return Rejected(doc_id=doc_id, origin=origin, stage="ingest", reason=f"{what}; {hint}")
