"""How many documents the sources hold, counted quickly and within a time limit, for a progress ETA.

``count_documents`` walks the paths the way ``files.read_sources`` does, without reading any
document: a text or HTML file counts one; a JSONL file counts its non-blank lines (a bounded
byte scan); a WARC archive counts its response records (fastwarc, without parsing HTTP); a path
that cannot be read counts one (it becomes one reject). Stdin cannot be counted. The count is
an estimate for the progress bar, never a limit: it gives up (``None``) when it would take longer
than ``seconds``, so a huge archive starts at once and shows a rate without an ETA.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

from .files import listed
from .jsonl import JSONL_SUFFIXES
from .warc import is_warc

__all__ = ["count_documents"]

_SCAN = 1 << 20


class _OutOfTime(Exception):
    pass


def count_documents(paths: Sequence[str], *, seconds: float = 2.0) -> int | None:
    """The number of Results ``read_sources(paths)`` will give, or ``None`` if not known in ``seconds``."""
    deadline = time.monotonic() + seconds
    total = 0
    try:
        for arg in paths:
            if arg == "-":
                return None
            path = Path(arg)
            if not path.is_dir():
                total += _count_file(path, deadline)
                continue
            for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                total += sum(_count_file(Path(dirpath, n), deadline) for n in filenames if listed(n))
                _check(deadline)
    except (_OutOfTime, OSError):
        return None
    return total


def _check(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise _OutOfTime


def _count_file(path: Path, deadline: float) -> int:
    _check(deadline)
    try:
        if is_warc(path):
            return _warc_records(path, deadline)
        if path.suffix.lower() in JSONL_SUFFIXES:
            return _jsonl_lines(path, deadline)
    except (OSError, ValueError):
        pass  # unreadable: read_sources rejects it, once
    return 1


def _jsonl_lines(path: Path, deadline: float) -> int:
    lines, blank, last = 0, 0, b"\n"
    with path.open("rb") as fh:
        while chunk := fh.read(_SCAN):
            _check(deadline)
            lines += chunk.count(b"\n")
            blank += chunk.count(b"\n\n") + chunk.count(b"\n\r\n")
            last = chunk[-1:]
    return max(0, lines - blank + (last != b"\n"))


def _warc_records(path: Path, deadline: float) -> int:
    n = 0
    with path.open("rb") as fh:
        for n, _ in enumerate(
            ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=False), start=1
        ):
            if n % 256 == 0:
                _check(deadline)
    return max(n, 1)
