"""Near-duplicate articles: MinHash over word shingles, found through LSH bands, then verified.

Syndicated wire copy reaches us with a different header, byline or footer around the same body.
The exact fingerprint (``records.content_hash``) misses it. Each article gets ``PERMUTATIONS``
MinHash values over its 3-word shingles, cut into ``BANDS`` bands of ``ROWS``; the store indexes
one key per band, so any earlier article sharing a band is a candidate (a pair with Jaccard 0.8
shares one with probability > 0.999). A candidate is a copy when the shingle sets really overlap
(``is_copy``): the shorter text's shingles are almost all in the longer one, and the sets are
similar overall, so a short brief quoted inside a long feature is not merged.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

SHINGLE = 3
PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
MIN_SHINGLES = 20  # shorter texts are too small for a meaningful near-duplicate test
MIN_CONTAINMENT = 0.85  # share of the smaller shingle set found in the larger one
MIN_JACCARD = 0.5
_PRIME = (1 << 61) - 1
_MASK64 = (1 << 64) - 1
_WORD = re.compile(r"\w+", re.UNICODE)


def _seeds() -> list[tuple[int, int]]:
    out = []
    for i in range(PERMUTATIONS):
        d = hashlib.blake2b(f"sitrep-minhash-{i}".encode(), digest_size=16).digest()
        out.append((int.from_bytes(d[:8], "big") % (_PRIME - 1) + 1, int.from_bytes(d[8:], "big") % _PRIME))
    return out


_SEEDS = _seeds()


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    """Hashes of the overlapping ``size``-word shingles of the case-folded words of ``text``."""
    words = _WORD.findall(text.casefold())
    grams = (
        [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]
        if len(words) >= size
        else [" ".join(words)]
    )
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams if g}


def minhash(sh: Iterable[int]) -> list[int]:
    """``PERMUTATIONS`` MinHash values of a shingle set (universal hashing mod a Mersenne prime)."""
    values = list(sh)
    if not values:
        return [0] * PERMUTATIONS
    return [min((a * v + b) % _PRIME for v in values) for a, b in _SEEDS]


def band_keys(signature: list[int]) -> list[int]:
    """One signed 64-bit key per band (fits SQLite INTEGER and PostgreSQL BIGINT)."""
    keys = []
    for band in range(BANDS):
        chunk = ",".join(str(v) for v in signature[band * ROWS : (band + 1) * ROWS])
        k = int.from_bytes(hashlib.blake2b(f"{band}|{chunk}".encode(), digest_size=8).digest(), "big")
        keys.append(k - (1 << 64) if k >= 1 << 63 else k)
    return keys


def lsh_keys(text: str) -> list[int]:
    """The band keys of a text, or none when it is too short to compare."""
    sh = shingles(text)
    return band_keys(minhash(sh)) if len(sh) >= MIN_SHINGLES else []


def overlap(a: str, b: str) -> tuple[float, float]:
    """(containment of the smaller shingle set in the larger, Jaccard similarity)."""
    x, y = shingles(a), shingles(b)
    if not x or not y:
        return 0.0, 0.0
    common = len(x & y)
    return common / min(len(x), len(y)), common / len(x | y)


def is_copy(a: str, b: str) -> bool:
    """True when one text is the other with a different header, byline or footer."""
    containment, jaccard = overlap(a, b)
    return containment >= MIN_CONTAINMENT and jaccard >= MIN_JACCARD


def distance(a: str, b: str) -> int:
    """How different two copies are, in percent of shingles not shared (0 = same shingles)."""
    return round(100 * (1 - overlap(a, b)[1]))


def closest_copy(text: str, candidates: Iterable[tuple[str, str]]) -> tuple[str, int] | None:
    """The candidate ``text`` is a copy of, as (its key, ``distance``): the closest, ties by key.

    Args:
        text: the article to place.
        candidates: (key, text) of stored articles that share a band key with it.

    Returns:
        The closest copy's key and distance, or None when no candidate is a copy.
    """
    copies = sorted((distance(text, other), key) for key, other in candidates if is_copy(text, other))
    return (copies[0][1], copies[0][0]) if copies else None
