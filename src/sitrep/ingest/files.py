"""Local files, folders, JSONL and stdin → ``RawDocument`` (or ``Rejected`` for what cannot be read).

- ``.txt`` (also ``.text``, ``.md``): one text document; ``.html``/``.htm``/``.xhtml``: one HTML document.
- ``.jsonl``/``.ndjson``: one document per line (``jsonl.py``).
- ``.warc.gz``/``.warc``: one document per HTML or text page the archive holds (``warc.py``).
- a folder: recursed in sorted order; hidden files and folders are skipped; files of known
  binary types (images, PDF, archives, office files, ...) are rejected unread; other files are
  sniffed as HTML or text.
- ``-``: stdin, sniffed as HTML or text.

Content already in hand goes through ``content.document_from_bytes`` and ``jsonl.parse_jsonl_bytes``.

Nothing here raises on bad input unless ``settings.strict`` is set: a missing or unreadable path,
an oversized file, a malformed JSONL line each become ``Rejected(stage="ingest")`` with a reason
that says what is wrong, where, and what to do. Size limits are checked before reading
(``stat`` for files, a bounded read for stdin and JSONL lines), so a huge input never lands in memory.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from ..errors import ParseError, SourceError
from ..records import MediaType, RawDocument, Rejected
from ..settings import Settings
from .content import document_from_bytes, sniff_media_type
from .ids import DocIds
from .jsonl import JSONL_SUFFIXES, jsonl_records
from .rejects import reject, too_big
from .warc import is_warc, read_warc

log = logging.getLogger(__name__)

__all__ = ["STDIN_ORIGIN", "read_sources"]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
# Never documents: rejected without being read.
BINARY_SUFFIXES = frozenset(
    ".png .jpg .jpeg .gif .webp .bmp .tif .tiff .ico .svgz .heic .pdf .doc .docx .xls .xlsx .ppt .pptx .odt "
    ".ods .zip .gz .tgz .bz2 .xz .7z .rar .tar .mp3 .mp4 .m4a .wav .ogg .avi .mov .mkv .webm .exe .dll "
    ".so .bin .pyc .sqlite .db .parquet .woff .woff2 .ttf .otf".split()
)
STDIN_ORIGIN = "<stdin>"
_SUPPORTED = ".txt, .html, .htm, .jsonl and .warc(.gz) files, folders of them, or - for stdin"


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
    ids = DocIds()
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
            yield reject(
                settings,
                SourceError,
                ids.claim(path.stem or arg),
                arg,
                f"cannot access {arg}: {exc.strerror or exc}",
                "check the path",
            )
            continue
        if not exists:
            yield reject(
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


def listed(name: str) -> bool:
    """Whether a folder's file ``name`` is read: not hidden, not a backup, not the folder's own docs."""
    hidden = name.startswith(".") or name.endswith("~")
    return not hidden and name.split(".", 1)[0].upper() not in FOLDER_DOC_NAMES


def _read_folder(root: Path, settings: Settings, ids: DocIds) -> Iterator[RawDocument | Rejected]:
    """Every visible file under ``root``, sorted; doc ids are relative paths without extension."""
    found = False
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append, followlinks=False):
        while errors:
            yield _unreadable_folder(errors.pop(0), root, settings, ids)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not listed(name):
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


def _unreadable_folder(exc: OSError, root: Path, settings: Settings, ids: DocIds) -> Rejected:
    """A Rejected (or SourceError) for a folder that cannot be listed."""
    where = exc.filename or str(root)
    rel = Path(where).relative_to(root).as_posix() if Path(where).is_relative_to(root) else where
    return reject(
        settings,
        SourceError,
        ids.claim(rel if rel != "." else root.name or str(root)),
        str(where),
        f"cannot list folder {where}: {exc.strerror or exc}",
        "check the folder's permissions",
    )


def _read_file(
    path: Path, base_id: str, settings: Settings, ids: DocIds, alt_id: str | None = None
) -> Iterator[RawDocument | Rejected]:
    """One file: a single document, or one per line for JSONL."""
    origin = str(path)
    suffix = path.suffix.lower()
    alt_id = alt_id or path.name
    if is_warc(path):
        yield from read_warc(path, base_id.removesuffix(".warc"), settings, ids)
        return
    if suffix in BINARY_SUFFIXES:
        yield reject(
            settings,
            ParseError,
            ids.claim(base_id, alt_id),
            origin,
            f"{suffix} files are not read",
            f"sitrep reads {_SUPPORTED}; convert it to text first",
        )
        return
    try:
        size = path.stat().st_size
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from jsonl_records(fh, origin, base_id, settings, ids)
            return
        if size > settings.max_document_bytes:
            yield too_big(settings, ids.claim(base_id, alt_id), origin, f"file is {size:,} bytes")
            return
        with path.open("rb") as fh:
            data = fh.read(settings.max_document_bytes + 1)  # bounded: the file may have grown
    except OSError as exc:
        yield reject(
            settings,
            SourceError,
            ids.claim(base_id, alt_id),
            origin,
            f"cannot read {origin}: {exc.strerror or exc}",
            "check that the file exists and is readable",
        )
        return
    if len(data) > settings.max_document_bytes:
        yield too_big(settings, ids.claim(base_id, alt_id), origin, "file grew while being read")
        return
    media: MediaType
    if suffix in HTML_SUFFIXES:
        media = "html"
    elif suffix in TEXT_SUFFIXES:
        media = "text"
    else:
        media = sniff_media_type(data)
    yield RawDocument(doc_id=ids.claim(base_id, alt_id), origin=origin, media_type=media, content=data)


def _read_stdin(stream: BinaryIO, settings: Settings, ids: DocIds) -> RawDocument | Rejected:
    """Stdin as one document, reading at most ``max_document_bytes + 1`` bytes."""
    try:
        data = stream.read(settings.max_document_bytes + 1)
    except OSError as exc:
        return reject(
            settings,
            SourceError,
            ids.claim("stdin"),
            STDIN_ORIGIN,
            f"cannot read stdin: {exc}",
            "pipe a text or HTML document into sitrep, or pass file paths instead of -",
        )
    if len(data) > settings.max_document_bytes:
        what = f"stdin is too large (stopped reading at {len(data):,} bytes)"
        return too_big(settings, ids.claim("stdin"), STDIN_ORIGIN, what)
    return document_from_bytes(data, STDIN_ORIGIN, doc_id=ids.claim("stdin"))
