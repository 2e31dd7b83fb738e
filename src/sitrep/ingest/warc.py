"""WARC archives (``.warc.gz``, ``.warc``, as in CC-NEWS) → one ``RawDocument`` per HTML or text page.

Read with fastwarc. Only ``response`` records are documents; the others (``request``, ``warcinfo``,
``metadata``, ...) are skipped and counted in a debug line. A response becomes a document when its
HTTP status is 200 and its content type is HTML or text; its payload is the content, its target
URI the url, and its ``WARC-Date`` the ``crawled`` date (a date of last resort: the page's own
metadata and dateline win, see ``clean.published``).

Nothing here crashes the batch or drops data silently: a non-200 response, a payload over
``max_document_bytes`` (checked from the record's length, before reading it), a record cut short
and an archive whose end cannot be read each become ``Rejected(stage="ingest")`` saying what,
where (file and byte offset) and what to do. ``warc_records`` reads an archive already in hand.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from fastwarc.warc import ArchiveIterator, WarcRecordType

from ..errors import ParseError
from ..records import MediaType, RawDocument, Rejected
from ..settings import Settings
from .ids import DocIds
from .rejects import reject, too_big

log = logging.getLogger(__name__)

__all__ = ["WARC_SUFFIXES", "is_warc", "read_warc", "warc_records"]

WARC_SUFFIXES = (".warc.gz", ".warc")
_TEXT_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_TAIL_CHUNK = 1 << 16
_TRUNCATED_HINT = "the archive is truncated or damaged; download it again (records before this one were read)"


def is_warc(path: Path) -> bool:
    """True for a ``.warc.gz`` or ``.warc`` file name."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: Path, base_id: str, settings: Settings, ids: DocIds) -> Iterator[RawDocument | Rejected]:
    """The documents of one WARC file (``warc_records`` over the open file)."""
    try:
        with path.open("rb") as fh:
            yield from warc_records(fh, str(path), base_id, settings, ids)
    except OSError as exc:
        yield reject(
            settings,
            ParseError,
            ids.claim(base_id),
            str(path),
            f"cannot read WARC {path}: {exc.strerror or exc}",
            "check that the file exists, is readable and is a WARC archive",
        )


def warc_records(
    stream: IO[bytes], origin: str, base_id: str, settings: Settings, ids: DocIds
) -> Iterator[RawDocument | Rejected]:
    """The documents of a WARC archive read from ``stream`` (a file or ``io.BytesIO``).

    Args:
        stream: the archive, gzipped per record or not (detected from its first bytes).
        origin: the archive's name for messages; each document's origin is ``origin#<record id>``.
        base_id: the doc id of records without a target URI.
        settings: uses ``max_document_bytes`` and ``strict``.
        ids: hands out doc ids unique in the batch.

    Yields:
        A ``RawDocument`` per HTML or text page with HTTP 200; a ``Rejected(stage="ingest")``
        for every other response, every record cut short, and an unreadable end of the archive.

    Raises:
        ParseError: for the first bad record, in strict mode only.
    """
    skipped: Counter[str] = Counter()
    last_pos, cut_short = -1, False
    try:
        records = ArchiveIterator(stream, record_types=WarcRecordType.any_type, parse_http=False)
        for record in records:
            last_pos = int(record.stream_pos)
            if record.record_type != WarcRecordType.response:
                skipped[str(record.record_type).rsplit(".", 1)[-1]] += 1
                continue
            result = _response(record, origin, base_id, settings, ids)
            cut_short = isinstance(result, Rejected) and result.reason.endswith(_TRUNCATED_HINT)
            yield result
    except OSError as exc:
        at = f"after the record at offset {last_pos}" if last_pos >= 0 else "at its start"
        what = f"cannot read WARC {origin} {at}: {exc}"
        yield reject(
            settings, ParseError, ids.claim(f"{base_id}@{last_pos + 1}"), origin, what, _TRUNCATED_HINT
        )
        return
    if skipped:
        log.debug(
            "%s: skipped %s", origin, ", ".join(f"{n} {k} record(s)" for k, n in sorted(skipped.items()))
        )
    tail = 0 if cut_short else _unread_tail(stream, last_pos)
    if tail:
        where = f"from the record at offset {last_pos} on" if last_pos >= 0 else "from its start"
        what = f"{tail:,} bytes of WARC {origin} {where} hold no complete record"
        yield reject(
            settings, ParseError, ids.claim(f"{base_id}@{last_pos + 1}"), origin, what, _TRUNCATED_HINT
        )


def _response(
    record: Any, origin: str, base_id: str, settings: Settings, ids: DocIds
) -> RawDocument | Rejected:
    """One response record: a ``RawDocument``, or a ``Rejected`` saying why not."""
    pos = int(record.stream_pos)
    record_id = record.record_id or f"offset {pos}"
    url = record.headers.get("WARC-Target-URI") or None
    where = f"{origin}#{record_id}"
    doc_id = ids.claim(_id_from_url(url) or f"{base_id}@{pos}", f"{base_id}@{pos}")
    declared = int(record.headers.get("Content-Length") or -1)
    if declared < 0:
        what = f"record at offset {pos} of {origin} has no Content-Length: it is cut short"
        return reject(settings, ParseError, doc_id, where, what, _TRUNCATED_HINT)
    if declared > settings.max_document_bytes:
        return too_big(settings, doc_id, where, f"record {record_id} ({url}) is {declared:,} bytes")
    record.parse_http()
    http = record.http_headers
    expected = int(record.content_length)
    if http is None:
        what = f"record {record_id} ({url}) at offset {pos} of {origin} has no readable HTTP header"
        return reject(settings, ParseError, doc_id, where, what, _TRUNCATED_HINT)
    payload = record.reader.read(settings.max_document_bytes + 1)
    if len(payload) < expected:
        got = f"{len(payload):,} of {expected:,} bytes"
        what = f"record {record_id} ({url}) at offset {pos} of {origin} is cut short: {got}"
        return reject(settings, ParseError, doc_id, where, what, _TRUNCATED_HINT)
    status = int(http.status_code or 0)
    if status != 200:
        what = f"record {record_id} ({url}) is an HTTP {status} response, not a page"
        return reject(
            settings, ParseError, doc_id, where, what, "nothing to read; the crawler got no page here"
        )
    content_type = (record.http_content_type or "").lower()
    media: MediaType | None = _TEXT_TYPES.get(content_type)  # type: ignore[assignment]
    if media is None:
        what = f"record {record_id} ({url}) is {content_type or 'of no content type'}, not HTML or text"
        return reject(settings, ParseError, doc_id, where, what, "sitrep reads only HTML and text pages")
    crawled = record.record_date.date() if record.record_date else None
    return RawDocument(
        doc_id=doc_id, origin=where, media_type=media, content=payload, url=url, crawled=crawled
    )


def _id_from_url(url: str | None) -> str | None:
    """A readable doc id from a URL: host and path, without scheme, query or trailing slash."""
    if not url:
        return None
    parts = urlsplit(url)
    ident = (parts.hostname or "") + parts.path.rstrip("/")
    return ident.removeprefix("www.") or None


def _unread_tail(stream: IO[bytes], last_pos: int) -> int:
    """Bytes after the last complete record that fastwarc could not read (0 when the archive ends cleanly).

    Gzipped: from the last record's offset, gzip members are inflated (in bounded chunks) up to
    the end of the stream; leftover bytes are a cut-off member. Plain: the bytes after the end its
    header's Content-Length gives the last record, or all of that record when the stream ends
    before it does. No record at all: the whole stream.
    """
    try:
        size = stream.seek(0, io.SEEK_END)
        stream.seek(max(last_pos, 0))
        head = stream.read(_TAIL_CHUNK)
        if head[:2] == b"\x1f\x8b":
            stream.seek(max(last_pos, 0))
            return _gzip_leftover(stream)
        if last_pos < 0:
            return size
        header_end = head.find(b"\r\n\r\n")
        length = re.search(rb"\r\nContent-Length:\s*(\d+)", head[:header_end], re.IGNORECASE)
        if header_end < 0 or not length:
            return size - last_pos  # the last record's header is cut short
        end = last_pos + header_end + 4 + int(length[1]) + 4
        return size - last_pos if size < end else size - end
    except (OSError, io.UnsupportedOperation):
        return 0


def _gzip_leftover(stream: IO[bytes]) -> int:
    """Bytes at the end of ``stream`` that do not form a complete gzip member."""
    leftover = 0
    inflater = zlib.decompressobj(31)
    while chunk := stream.read(_TAIL_CHUNK):
        data = chunk
        while data:
            try:
                inflater.decompress(data, _TAIL_CHUNK)
            except zlib.error:
                return len(data) + len(stream.read())
            if inflater.eof:
                data = inflater.unused_data
                inflater = zlib.decompressobj(31)
                leftover = 0
            else:
                leftover += len(data) - len(inflater.unconsumed_tail)
                data = inflater.unconsumed_tail
    return leftover if not inflater.eof and leftover else 0
