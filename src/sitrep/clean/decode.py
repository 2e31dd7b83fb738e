"""Bytes → text: UTF-8 first, a declared HTML charset next, cp1252 as the last resort; binary is refused."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a media file"),
    (b"SQLite format 3", "a SQLite database"),
)
# Control bytes that never occur in text: everything below 0x20 except \t \n \v \f \r, and DEL.
_CONTROL = bytes([*range(0, 9), *range(14, 32), 127])
_KEEP_NONE = bytes(range(256))
_SNIFF = 65_536
_MAX_CONTROL_SHARE = 0.05
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)|<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""",
    re.IGNORECASE,
)
# Labels that browsers decode as windows-1252 (WHATWG Encoding Standard).
_AS_CP1252 = frozenset(
    {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252"}
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, or the reason the bytes are not text."""

    text: str = ""
    warnings: tuple[str, ...] = ()
    binary: str | None = None  # why the content was judged binary; None if it is text


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks like binary content rather than text, or None if it looks like text."""
    head = data[:_SNIFF]
    kind = next((name for magic, name in _MAGIC if head.startswith(magic)), None)
    nuls = head.count(b"\0")
    controls = len(head) - len(head.translate(_KEEP_NONE, _CONTROL))
    if nuls or (head and controls / len(head) > _MAX_CONTROL_SHARE) or (kind and controls):
        what = f" (looks like {kind})" if kind else ""
        detail = f"{nuls:,} NUL bytes" if nuls else f"{controls:,} control bytes"
        return f"binary content, not text{what}: {detail} in the first {len(head):,} bytes"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in ``<meta charset>`` (or an XML declaration), normalised."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii").strip().lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, html: bool = False) -> Decoded:
    """Decode document bytes: BOM, then UTF-8, then the declared charset (HTML), then cp1252/latin-1."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            bad = "\ufffd" in text and "\ufffd" not in data[len(bom) :].decode(encoding, errors="ignore")
            warns = (f"some bytes were not valid {encoding}; replaced with U+FFFD",) if bad else ()
            return Decoded(text=text, warnings=warns)
    reason = binary_reason(data)
    if reason:
        return Decoded(binary=reason)
    try:
        return Decoded(text=data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    declared = declared_charset(data) if html else None
    if declared and declared != "utf-8":
        if declared == "cp1252":
            return Decoded(text=_cp1252(data)[0])  # what the page says it is: no warning
        try:
            return Decoded(text=data.decode(declared))
        except UnicodeDecodeError:
            text = data.decode(declared, errors="replace")
            return Decoded(
                text=text,
                warnings=(f"not valid {declared} (the declared charset); bad bytes replaced with U+FFFD",),
            )
    text, encoding = _cp1252(data)
    return Decoded(text=text, warnings=(f"not valid UTF-8 at byte {bad_at:,}; decoded as {encoding}",))


def _cp1252(data: bytes) -> tuple[str, str]:
    """Decode as cp1252, or latin-1 if a byte is undefined in cp1252; returns (text, encoding)."""
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
