"""Which language a cleaned text is in, and whether sitrep should read it.

Why py3langid (0.4.0, BSD-3-Clause): it is langid.py's naive Bayes model over byte n-grams, 97
languages, shipped inside a 4.6 MB pure-Python wheel that needs only numpy (already a dependency),
so it runs offline with nothing downloaded at run time, and it is deterministic. Measured on short
news sentences written for the purpose (6 each in en/fr/es/de/pt/ar/ru): 42/42 right, 0.14 ms a
sentence, under 1 ms a full article; on the 527 English news-dev and CASE dev texts it never said
another language with p >= 0.9. The others: langid 1.1.6 (same model, 42/42, but 6 ms a text and
an sdist only, so not installable with ``--only-binary``), langdetect 1.0.9 (sdist only, random
unless seeded, called "Four killed in border attack" Danish), lingua-language-detector 2.1.1
(42/42 but a 96 MB wheel and 10 ms a text).

The verdict is conservative: a text is refused only when it is long enough to judge
(``MIN_CHARS``) and another language wins with ``p >= MIN_PROBABILITY``; short, mixed or
uncertain texts are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = ["MIN_CHARS", "MIN_PROBABILITY", "LanguageVerdict", "detect_language"]

MIN_CHARS = 100  # shorter texts (a headline, a 5-word snippet) are never refused
MIN_PROBABILITY = 0.9  # how sure the detector must be that the text is in another language
_SAMPLE_CHARS = 5_000  # the start of a long text decides (speed; a story's language does not change)


@dataclass(frozen=True, slots=True)
class LanguageVerdict:
    """What the detector said about a text, and whether sitrep reads it."""

    detected: str  # ISO 639-1 code of the best language
    probability: float
    expected: str  # the language sitrep reads (``settings.language``)
    judged: bool  # the text was long enough to judge

    @property
    def refused(self) -> bool:
        """True when the text is confidently in another language."""
        return self.judged and self.detected != self.expected and self.probability >= MIN_PROBABILITY

    def note(self) -> str:
        """The verdict as an article warning, e.g. ``language: 'en' (p=1.00)``."""
        if not self.judged:
            return f"language: not checked, text under {MIN_CHARS} characters"
        sure = "" if self.probability >= MIN_PROBABILITY else ", unsure; kept"
        return f"language: {self.detected!r} (p={self.probability:.2f}{sure})"


@cache
def _identifier() -> Any:
    """The packaged py3langid model, loaded once per process, with normalised probabilities."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, expected: str) -> LanguageVerdict:
    """The language of ``text`` and whether it is confidently not ``expected``.

    Args:
        text: the cleaned article text.
        expected: the ISO 639-1 code sitrep reads (``settings.language``).

    Returns:
        The verdict; texts under ``MIN_CHARS`` characters are not judged (and never refused).
    """
    if len(text.strip()) < MIN_CHARS:
        return LanguageVerdict(detected="", probability=0.0, expected=expected, judged=False)
    code, probability = _identifier().classify(text[:_SAMPLE_CHARS])
    return LanguageVerdict(detected=str(code), probability=float(probability), expected=expected, judged=True)
