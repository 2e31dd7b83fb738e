"""Bytes → text: a BOM, UTF-16/32 without one, UTF-8, a declared HTML charset, then cp1252.

Binary content (a known file signature, or control bytes that no text has) is refused. Text
with a few stray NUL bytes (a broken export, a bad copy) is text: the NULs are removed with a
warning. UTF-16 and UTF-32 without a byte-order mark (half or three quarters of the bytes are
NUL) are recognised by charset-normalizer, limited to those four encodings.
"""

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
_MAX_NUL_SHARE = 0.25  # stray NULs in text; more is binary (or UTF-16/32, detected first)
_WIDE_NUL_SHARE = 0.25  # UTF-16 text is about half NULs, UTF-32 three quarters
_WIDE = ["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]
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
    """Why ``data`` looks like binary content rather than text, or None if it looks like text.

    NUL bytes alone make it binary only beyond ``_MAX_NUL_SHARE``; the other control bytes
    beyond ``_MAX_CONTROL_SHARE``, or any with a known file signature.
    """
    head = data[:_SNIFF]
    kind = next((name for magic, name in _MAGIC if head.startswith(magic)), None)
    nuls = head.count(b"\0")
    controls = len(head) - len(head.translate(_KEEP_NONE, _CONTROL)) - nuls
    share = (lambda n: n / len(head)) if head else (lambda n: 0.0)
    if share(nuls) > _MAX_NUL_SHARE or share(controls) > _MAX_CONTROL_SHARE or (kind and (controls or nuls)):
        what = f" (looks like {kind})" if kind else ""
        detail = f"{nuls:,} NUL and {controls:,} other control bytes"
        return f"binary content, not text{what}: {detail} in the first {len(head):,} bytes"
    return None


def wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 (with byte order) of text without a BOM, or None (charset-normalizer)."""
    head = data[:_SNIFF]
    if len(head) < 8 or head.count(b"\0") / len(head) < _WIDE_NUL_SHARE:
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(head[: len(head) - len(head) % 4], cp_isolation=_WIDE).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name
    text = data.decode(name, errors="replace")
    return name if binary_reason(text[:_SNIFF].encode("utf-8")) is None else None


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
    wide = wide_encoding(data)
    if wide:
        text = data.decode(wide, errors="replace")
        return Decoded(text=text, warnings=(f"no byte-order mark; decoded as {wide} (detected)",))
    reason = binary_reason(data)
    if reason:
        return Decoded(binary=reason)
    found = _strip_nuls(data)
    if found is not None:
        data, note = found
        inner = decode_bytes(data, html=html)
        return Decoded(text=inner.text, warnings=(note, *inner.warnings), binary=inner.binary)
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


def _strip_nuls(data: bytes) -> tuple[bytes, str] | None:
    """``data`` without its NUL bytes and a warning saying so, or None when it has none."""
    nuls = data.count(b"\0")
    if not nuls:
        return None
    return data.replace(b"\0", b""), f"removed {nuls:,} stray NUL byte(s)"


def _cp1252(data: bytes) -> tuple[str, str]:
    """Decode as cp1252, or latin-1 if a byte is undefined in cp1252; returns (text, encoding)."""
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
