"""English numbers in news: digits, number words, vague quantities and their qualifiers.

Hand-written because number parsers (dateparser, word2number, quantulum) do not read ACLED's
conventions for vague and bounded figures: "dozens" is 12 with no upper bound, "at least 5" is 5,
"up to 30" is 30 with a floor of 1, "between 10 and 20" is 10 with the range 10–20. ``NUMBER``
matches a number phrase and ``values`` reads it as (best, low, high).
"""

from __future__ import annotations

import re

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUE = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_VAGUE = {
    "tens of thousands": (10000, None),
    "hundreds of thousands": (100000, None),
    "dozens": (12, None),
    "scores": (20, None),
    "hundreds": (100, None),
    "thousands": (1000, None),
    "tens": (10, None),
    "several": (3, None),
    "a few": (3, None),
    "a number": (3, None),
    "many": (3, None),
    "multiple": (3, None),
    "numerous": (3, None),
    "a dozen": (12, 12),
    "half a dozen": (6, 6),
    "a score": (20, 20),
    "a couple": (2, 2),
    "both": (2, 2),
    "two dozen": (24, 24),
    "three dozen": (36, 36),
    "a handful": (3, None),
}
_FLOOR_Q = (
    "at least",
    "no fewer than",
    "no less than",
    "a minimum of",
    "more than",
    "over",
    "upwards of",
    "in excess of",
    "just over",
    "at least another",
)
_CEILING_Q = ("up to", "as many as", "at most", "no more than")

_U = "|".join(sorted(_UNITS, key=len, reverse=True))
_T = "|".join(_TENS)
_ONE9 = "one|two|three|four|five|six|seven|eight|nine"
_TENS_NUM = rf"(?:{_T})(?:[-\s]+(?:{_ONE9}))?"
_WORD_NUM = (
    rf"(?:(?:a|{_U})\s+hundred(?:\s+(?:and\s+)?(?:{_TENS_NUM}|{_U}))?|(?:a|{_TENS_NUM}|{_U})\s+"
    rf"thousand|{_TENS_NUM}|{_U})"
)
N = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORD_NUM})\b(?![,.]\d|-year|-month)"
_VAGUE_RE = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(_VAGUE, key=len, reverse=True))
_QUAL = "|".join(
    re.escape(q).replace(r"\ ", r"\s+")
    for q in sorted(
        (
            *_FLOOR_Q,
            *_CEILING_Q,
            "about",
            "around",
            "some",
            "approximately",
            "roughly",
            "an estimated",
            "estimated",
            "nearly",
            "almost",
            "close to",
            "just under",
            "a total of",
            "another",
            "a further",
            "an additional",
        ),
        key=len,
        reverse=True,
    )
)
NUMBER = re.compile(
    rf"\b(?:(?P<q>{_QUAL})\s+)?(?:between\s+(?P<a>{N})\s+and\s+(?P<b>{N})|(?P<a2>{N})\s+(?:to|or)\s+(?P<b2>{N})|"
    rf"(?P<a3>\d{{1,5}})\s*[-–]\s*(?P<b3>\d{{1,5}})\b(?!-)|(?P<n>{N})|(?P<v>(?:{_VAGUE_RE})\b(?:\s+of\b)?))",
    re.I,
)


def _word_number(text: str) -> int:
    """Value of a number written in words ("twenty-one", "a hundred and five", "two thousand")."""
    total = current = 0
    for tok in re.split(r"[\s-]+", text.lower()):
        if tok in _WORD_VALUE:
            current += _WORD_VALUE[tok]
        elif tok == "a":
            current += 1
        elif tok == "hundred":
            current = max(current, 1) * 100
        elif tok == "thousand":
            total, current = total + max(current, 1) * 1000, 0
    return total + current


def parse_number(text: str) -> int | None:
    """Value of a numeral or number words; None if it is neither."""
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
        return int(text.replace(",", ""))
    if re.fullmatch(_WORD_NUM, text, re.I):
        return _word_number(text)
    return None


Values = tuple[int, int, int | None]


def values(m: re.Match[str]) -> Values | None:
    """(best, low, high) of a number phrase, after its qualifier."""
    if m["v"]:
        key = re.sub(r"\s+", " ", m["v"].lower()).removesuffix(" of")
        best, high = _VAGUE[key]
        return best, best, high
    first, second = m["a"] or m["a2"] or m["a3"] or m["n"], m["b"] or m["b2"] or m["b3"]
    a = parse_number(first or "")
    if a is None:
        return None
    if second:
        b = parse_number(second)
        if b is None:
            return None
        lo, hi = min(a, b), max(a, b)
        return lo, lo, hi
    q = re.sub(r"\s+", " ", (m["q"] or "").lower())
    if q in _FLOOR_Q:
        return a, a, None
    if q in _CEILING_Q:
        return a, min(1, a), a
    return a, a, a
