"""Near-duplicate articles: MinHash LSH candidates and the copy test."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conftest import words
from sitrep.dedup.articles import (
    _PRIME,
    _SEEDS,
    BANDS,
    band_keys,
    distance,
    is_copy,
    lsh_keys,
    minhash,
    shingles,
)

WORDS = (
    "the army said fighters attacked a convoy near the town on monday and residents fled toward the river "
    "while officials in the capital promised reinforcements and aid for families who lost their homes"
).split()


def text(seed: int, n: int = 300) -> str:
    return words(seed, n, WORDS)


def test_wire_copy_with_another_header_is_a_copy() -> None:
    body = text(1)
    header = "By Staff Writer | Regional Desk\n\nCAPITAL (Wire) — "
    copy = header + body + "\n\n© 2024 Wire Service. All rights reserved."
    assert is_copy(body, copy) and is_copy(copy, body)
    assert 0 < distance(body, copy) <= 10
    # Same band keys in most bands, so the store finds it.
    same = sum(x == y for x, y in zip(lsh_keys(body), lsh_keys(copy), strict=True))
    assert same >= BANDS // 2


def test_different_stories_are_not_copies() -> None:
    assert not is_copy(text(1), text(2))
    assert not set(lsh_keys(text(1))) & set(lsh_keys(text(2)))


def test_brief_quoted_in_a_long_feature_is_not_a_copy() -> None:
    brief = text(3, 60)
    feature = text(4, 600) + " " + brief + " " + text(5, 600)
    assert not is_copy(brief, feature)


def test_short_texts_have_no_keys_and_minhash_is_deterministic() -> None:
    assert lsh_keys("Too short to compare.") == []
    sig = minhash(shingles(text(7)))
    assert sig == minhash(shingles(text(7))) and len(band_keys(sig)) == BANDS


EDGES = st.sampled_from(
    [0, 1, _PRIME - 1, _PRIME, _PRIME + 1, 1 << 61, (1 << 63) - 1, 1 << 63, (1 << 64) - 1]
)


@given(st.sets(st.integers(0, (1 << 64) - 1) | EDGES, min_size=1, max_size=40))
def test_minhash_is_exactly_the_modular_arithmetic_on_python_ints(values: set[int]) -> None:
    # The stored band keys depend on these values: the fast path must not change one of them.
    assert minhash(values) == [min((a * v + b) % _PRIME for v in values) for a, b in _SEEDS]
