"""Near-duplicate articles: a 64-bit SimHash over word shingles, looked up through bands.

Syndicated wire copy reaches us with a different header, byline or footer around the same body.
The exact fingerprint (``records.content_hash``) misses it; the SimHash of the body's 3-word
shingles moves by a few bits only. ``BANDS`` 16-bit slices of the hash are stored and indexed,
so every article within ``MAX_DISTANCE`` bits shares at least one band with the new one
(pigeonhole: 4 bands, at most 3 differing bits).
"""

from __future__ import annotations

import hashlib
import re

BITS = 64
BANDS = 4
BAND_BITS = BITS // BANDS
MAX_DISTANCE = 3  # bits; with 4 bands every hash this close shares a band
SHINGLE = 3
MIN_SHINGLES = 20  # shorter texts are too small for a meaningful near-duplicate test

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> list[str]:
    """Overlapping ``size``-word shingles of the case-folded words of ``text``."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


def simhash(text: str) -> int:
    """64-bit SimHash of the text's shingles, as a signed int (fits SQLite INTEGER / PG BIGINT)."""
    weights = [0] * BITS
    for sh in set(shingles(text)):
        h = int.from_bytes(hashlib.blake2b(sh.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(BITS):
            weights[bit] += 1 if (h >> bit) & 1 else -1
    value = sum(1 << bit for bit in range(BITS) if weights[bit] > 0)
    return value - (1 << BITS) if value >= 1 << (BITS - 1) else value


def bands(value: int) -> tuple[int, ...]:
    """The ``BANDS`` slices of a (signed) SimHash, each a non-negative int."""
    u = value & ((1 << BITS) - 1)
    mask = (1 << BAND_BITS) - 1
    return tuple((u >> (i * BAND_BITS)) & mask for i in range(BANDS))


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two SimHashes."""
    return ((a ^ b) & ((1 << BITS) - 1)).bit_count()


def comparable(text: str) -> bool:
    """True when the text is long enough for the near-duplicate test."""
    return len(shingles(text)) >= MIN_SHINGLES


def near_duplicate(a: int, b: int, max_distance: int = MAX_DISTANCE) -> bool:
    """Two SimHashes close enough to call the texts copies of each other."""
    return hamming(a, b) <= max_distance
