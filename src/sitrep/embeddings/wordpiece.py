"""BERT's WordPiece tokenizer as a ``tokenizer.json`` describes it, in pure Python.

It reproduces the Rust ``tokenizers`` pipeline that model2vec uses (checked against its token ids
by ``tests/test_embeddings.py``): a ``BertNormalizer`` (clean text, pad CJK ideographs, strip
accents, lower-case character by character), the ``BertPreTokenizer`` (split on whitespace,
isolate punctuation) and greedy longest-match-first ``WordPiece``, with the tokenizer's added
tokens matched in the raw text first. Only that pipeline is accepted; anything else in
``tokenizer.json`` raises ``ValueError``. Unicode decomposition (NFD) and lower-casing come from
Python, whose tables may differ from Rust's for characters added in recent Unicode versions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any, Final

from .charclasses import CJK, NONSPACING_MARKS, PUNCTUATION, REMOVED, WHITESPACE

__all__ = ["BertWordPiece"]

_WORD_CACHE_LIMIT: Final = 200_000
# ASCII punctuation: what Rust's char::is_ascii_punctuation accepts.
_ASCII_PUNCT: Final = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_ASCII_WORD_RE: Final = re.compile(
    r"[^\t\n\x0b\x0c\r " + re.escape(_ASCII_PUNCT) + r"]+|[" + re.escape(_ASCII_PUNCT) + r"]"
)
# ASCII control characters other than tab, newline and carriage return are dropped; those three
# become spaces.
_ASCII_CLEAN: Final = {i: None for i in (*range(0, 9), 11, 12, *range(14, 32), 127)} | {
    9: " ",
    10: " ",
    13: " ",
}


class BertWordPiece:
    """The BertNormalizer + BertPreTokenizer + WordPiece pipeline of a ``tokenizer.json``."""

    def __init__(self, spec: dict[str, Any]) -> None:
        normalizer = spec.get("normalizer") or {}
        pre_tokenizer = spec.get("pre_tokenizer") or {}
        model = spec.get("model") or {}
        if normalizer.get("type") != "BertNormalizer":
            raise ValueError(f"unsupported normalizer: {normalizer.get('type')}")
        if pre_tokenizer.get("type") != "BertPreTokenizer":
            raise ValueError(f"unsupported pre-tokenizer: {pre_tokenizer.get('type')}")
        if model.get("type") != "WordPiece":
            raise ValueError(f"unsupported tokenizer model: {model.get('type')}")
        self.clean_text: bool = bool(normalizer.get("clean_text", True))
        self.handle_chinese_chars: bool = bool(normalizer.get("handle_chinese_chars", True))
        self.lowercase: bool = bool(normalizer.get("lowercase", True))
        strip = normalizer.get("strip_accents")
        self.strip_accents: bool = self.lowercase if strip is None else bool(strip)
        self.vocab: dict[str, int] = {str(k): int(v) for k, v in model["vocab"].items()}
        self.prefix: str = str(model.get("continuing_subword_prefix", "##"))
        self.max_chars: int = int(model.get("max_input_chars_per_word", 100))
        self.unk_token: str = str(model.get("unk_token", "[UNK]"))
        self.unk_id: int | None = self.vocab.get(self.unk_token)
        self.longest: int = max(len(token) for token in self.vocab)
        added_tokens: list[dict[str, Any]] = spec.get("added_tokens") or []
        for token in added_tokens:
            if any(token.get(key) for key in ("normalized", "single_word", "lstrip", "rstrip")):
                raise ValueError(f"unsupported added token options: {token}")
        self.added: dict[str, int] = {str(t["content"]): int(t["id"]) for t in added_tokens}
        # Leftmost-longest matching, as the Rust library's Aho-Corasick matcher does.
        longest_first = sorted(self.added, key=len, reverse=True)
        self.added_re: re.Pattern[str] | None = (
            re.compile("|".join(map(re.escape, longest_first))) if longest_first else None
        )
        self._cache: dict[str, tuple[int, ...]] = {}

    # -- normalisation -------------------------------------------------------------------

    def normalize(self, text: str) -> str:
        """Apply the BertNormalizer, as the Rust implementation does."""
        if text.isascii():
            if self.clean_text:
                text = text.translate(_ASCII_CLEAN)
            return text.lower() if self.lowercase else text
        if self.clean_text:
            text = "".join(" " if ch in WHITESPACE else ch for ch in text if ch not in REMOVED)
        if self.handle_chinese_chars:
            text = "".join(f" {ch} " if ch in CJK else ch for ch in text)
        if self.strip_accents:
            text = "".join(ch for ch in unicodedata.normalize("NFD", text) if ch not in NONSPACING_MARKS)
        if self.lowercase:
            # Rust lowercases char by char: no final-sigma rule, which str.lower() would apply.
            text = "".join(ch.lower() for ch in text) if "\u03a3" in text else text.lower()
        return text

    @staticmethod
    def pre_tokenize(text: str) -> list[str]:
        """Split on whitespace (dropped) and punctuation (kept, one character per piece)."""
        if text.isascii():
            return _ASCII_WORD_RE.findall(text)
        words: list[str] = []
        current: list[str] = []
        for ch in text:
            if ch in WHITESPACE:
                if current:
                    words.append("".join(current))
                    current = []
            elif ch in PUNCTUATION:
                if current:
                    words.append("".join(current))
                    current = []
                words.append(ch)
            else:
                current.append(ch)
        if current:
            words.append("".join(current))
        return words

    def word_ids(self, word: str) -> tuple[int, ...]:
        """Greedy longest-match-first WordPiece ids of one pre-token (the [UNK] id if it fails)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        ids: list[int] = []
        if len(word) > self.max_chars:
            ids = [self.unk_id] if self.unk_id is not None else []
        else:
            start = 0
            while start < len(word):
                end = min(len(word), start + self.longest)
                found: int | None = None
                while start < end:
                    piece = word[start:end] if start == 0 else self.prefix + word[start:end]
                    found = self.vocab.get(piece)
                    if found is not None:
                        break
                    end -= 1
                if found is None:
                    ids = [self.unk_id] if self.unk_id is not None else []
                    break
                ids.append(found)
                start = end
        result = tuple(ids)
        if len(self._cache) >= _WORD_CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = result
        return result

    def _segment_ids(self, segment: str) -> Iterable[int]:
        for word in self.pre_tokenize(self.normalize(segment)):
            yield from self.word_ids(word)

    def encode(self, text: str) -> list[int]:
        """Token ids of ``text`` with no special tokens (unknown words give the [UNK] id)."""
        if self.added_re is None:
            return list(self._segment_ids(text))
        ids: list[int] = []
        pos = 0
        for match in self.added_re.finditer(text):
            ids.extend(self._segment_ids(text[pos : match.start()]))
            ids.append(self.added[match.group()])
            pos = match.end()
        ids.extend(self._segment_ids(text[pos:]))
        return ids
