"""A model2vec static sentence-embedding model, read and run with numpy alone.

A static model maps each WordPiece token to a vector; a sentence vector is the mean of its
tokens' vectors, L2-normalised. ``StaticEmbedder.load`` reads the files model2vec writes
(``model.safetensors``, ``tokenizer.json``, ``config.json``) and ``encode`` reproduces
``model2vec.StaticModel.encode`` (model2vec 0.10.0).

Why this is hand-written rather than ``pip install model2vec``: model2vec needs ``tokenizers`` and
``safetensors``, and ``tokenizers`` alone requires ``huggingface_hub``, which brings a Hub client
and an HTTP stack (httpx2, httpcore2, hf-xet, about 47 MB and 13 packages). An offline tool must
not carry them; and ``StaticModel.from_pretrained`` falls back to a Hub download when a local path
is wrong. This module has no network path and needs only numpy. It is checked against reference
encodings that model2vec itself wrote (``tests/data/embeddings/reference_encodings.json``, made by
``scripts/distill_embeddings.py --reference``): the same token ids, and vectors within 1e-5
(bit-identical when it was written).

What is reproduced, operation for operation: the tokenizer (``sitrep.embeddings.wordpiece``);
model2vec's truncation (the text is cut to ``max_length`` times the median token length in
characters, then to ``max_length`` tokens, then unknown tokens are dropped); and the pooling
arithmetic in model2vec's batches of 1,024 (float16 models average in float16 and normalise through
float32), so vectors agree to float rounding. They are returned as float32.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from .wordpiece import BertWordPiece

__all__ = ["StaticEmbedder", "read_safetensors"]

_SAFETENSORS_DTYPES: Final[dict[str, str]] = {
    "F64": "<f8",
    "F32": "<f4",
    "F16": "<f2",
    "I64": "<i8",
    "I32": "<i4",
    "I16": "<i2",
    "I8": "i1",
    "U8": "u1",
    "U16": "<u2",
    "U32": "<u4",
    "U64": "<u8",
    "BOOL": "?",
}
_DEFAULT_MAX_LENGTH: Final = 512
_BATCH_SIZE: Final = 1024  # model2vec's default encode batch


def read_safetensors(path: Path) -> dict[str, NDArray[Any]]:
    """Read every tensor of a ``.safetensors`` file into a numpy array (little-endian layout)."""
    data = path.read_bytes()
    if len(data) < 8:
        raise ValueError(f"{path}: not a safetensors file")
    header_len = int.from_bytes(data[:8], "little")
    header: dict[str, Any] = json.loads(data[8 : 8 + header_len])
    base = 8 + header_len
    tensors: dict[str, NDArray[Any]] = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        dtype = _SAFETENSORS_DTYPES.get(spec["dtype"])
        if dtype is None:
            raise ValueError(f"{path}: unsupported dtype {spec['dtype']} for {name}")
        begin, end = spec["data_offsets"]
        array = np.frombuffer(
            data, dtype=np.dtype(dtype), count=(end - begin) // np.dtype(dtype).itemsize, offset=base + begin
        )
        tensors[name] = array.reshape(spec["shape"])
    return tensors


class StaticEmbedder:
    """A model2vec static embedding model, run with numpy.

    >>> model = StaticEmbedder.load(Path("static-embeddings"))  # doctest: +SKIP
    >>> model.encode(["Rebels seized the town."]).shape  # doctest: +SKIP
    (1, 128)
    """

    def __init__(
        self,
        embedding: NDArray[Any],
        tokenizer_spec: dict[str, Any],
        *,
        normalize: bool = True,
        max_length: int | None = _DEFAULT_MAX_LENGTH,
        weights: NDArray[Any] | None = None,
        token_mapping: NDArray[Any] | None = None,
    ) -> None:
        """Build a model from its vector table and a parsed ``tokenizer.json``.

        ``weights`` and ``token_mapping`` are model2vec's per-token weights and token-to-row map
        of vocabulary-quantised models; ``max_length`` truncates in tokens (None: never).
        """
        self._tok = BertWordPiece(tokenizer_spec)
        if embedding.ndim != 2:
            raise ValueError("the embedding table must be 2-D")
        n_tokens = max(self._tok.vocab.values()) + 1
        if token_mapping is None and embedding.shape[0] != n_tokens:
            raise ValueError(f"{embedding.shape[0]} vectors for {n_tokens} tokens")
        self.embedding: NDArray[Any] = embedding
        self.weights: NDArray[Any] | None = weights
        self.token_mapping: NDArray[Any] | None = token_mapping
        self.normalize: bool = normalize
        self.max_length: int | None = max_length
        # model2vec's character cut-off uses the median length of all tokens, added ones included.
        by_id = {**{i: t for t, i in self._tok.vocab.items()}, **{i: t for t, i in self._tok.added.items()}}
        self.median_token_length: int = int(np.median([len(token) for token in by_id.values()]))

    @classmethod
    def load(cls, folder: Path) -> StaticEmbedder:
        """Load a model folder written by model2vec's ``save_pretrained``."""
        tensors = read_safetensors(folder / "model.safetensors")
        spec: dict[str, Any] = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
        config: dict[str, Any] = {}
        if (folder / "config.json").exists():
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        max_length = config.get("max_length", _DEFAULT_MAX_LENGTH)
        return cls(
            tensors["embeddings"],
            spec,
            normalize=bool(config.get("normalize", False)),
            max_length=None if max_length is None else int(max_length),
            weights=tensors.get("weights"),
            token_mapping=tensors.get("mapping"),
        )

    @property
    def dim(self) -> int:
        """Number of dimensions of a sentence vector."""
        return int(self.embedding.shape[1])

    def tokenize(self, sentence: str) -> list[int]:
        """Token ids that ``encode`` averages for ``sentence``: truncated, unknown tokens dropped."""
        if self.max_length is not None:
            sentence = sentence[: self.max_length * self.median_token_length]
        ids = self._tok.encode(sentence)
        if self.max_length is not None:
            ids = ids[: self.max_length]
        unk = self._tok.unk_id
        return [i for i in ids if i != unk] if unk is not None else ids

    def encode(self, sentences: Sequence[str]) -> NDArray[np.float32]:
        """Embed sentences: one row per sentence, float32, unit length (zero if no known token)."""
        if isinstance(sentences, str):
            raise TypeError("encode takes a sequence of sentences, not one string")
        batches = [
            self._encode_batch(sentences[i : i + _BATCH_SIZE]) for i in range(0, len(sentences), _BATCH_SIZE)
        ]
        if not batches:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.concatenate(batches, axis=0)

    def _encode_batch(self, sentences: Sequence[str]) -> NDArray[np.float32]:
        # Batches of model2vec's size, and its arithmetic, so that the float rounding matches.
        ids = [self.tokenize(sentence) for sentence in sentences]
        dtype = np.dtype(np.float32) if self.embedding.dtype == np.int8 else self.embedding.dtype
        out = np.zeros((len(ids), self.dim), dtype=dtype)
        if self.token_mapping is None and self.weights is None:
            buckets: dict[int, list[int]] = defaultdict(list)
            for row, id_list in enumerate(ids):
                if id_list:
                    buckets[len(id_list)].append(row)
            for rows in buckets.values():
                id_matrix = np.array([ids[row] for row in rows], dtype=np.int64)
                out[rows] = self.embedding[id_matrix].mean(axis=1)
        else:
            for row, id_list in enumerate(ids):
                if not id_list:
                    continue
                rows_of = self.token_mapping[id_list] if self.token_mapping is not None else id_list
                emb = self.embedding[rows_of]
                if self.weights is not None:
                    emb = emb * self.weights[id_list][:, None]
                out[row] = emb.mean(axis=0)
        if self.normalize:
            out32 = out.astype(np.float32)
            norm = np.linalg.norm(out32, axis=1, keepdims=True) + 1e-32
            out = (out32 / norm).astype(out.dtype)
        return out.astype(np.float32, copy=False)
