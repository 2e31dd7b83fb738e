"""A learned sentence classifier: is a sentence a reportable event, and of which ACLED sub-type?

For each sentence it gives the probability of "not an event" (``NOT_EVENT``) and of each of the 25
sub-types. The rules keep the structure (actors, dates, tolls, places); this model is meant to veto
sentences that only look like events and to propose a sub-type.

Features: the sentence's static embedding (``sitrep.embeddings``, 160-d) and, when the weights
have one, a hashed bag of lower-cased words and word pairs (digits read as 0). The model on top is
a multinomial logistic regression, whose weights ship as float arrays in an ``.npz``
(``src/sitrep/data/sentence_model/``) and are applied with numpy alone: no scikit-learn or torch at
run time. ``scripts/train_sentence_model.py`` retrains it from ``data/events-corpus/`` (fixed
seeds) and writes the weights and their ``PROVENANCE.md``; its cross-validation chose the
regularisation and the feature set. It is registered as ``events.sentence_model.v1``.

>>> model = SentenceModel.load()  # doctest: +SKIP
>>> model.predict(["Warplanes bombed a market in the town on Sunday."])[0].sub_event_type  # doctest: +SKIP
'Air/drone strike'
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from .. import taxonomy
from ..embeddings import DEFAULT_MODEL_DIR, StaticEmbedder
from ..errors import ResourceError
from ..registry import register

__all__ = [
    "DEFAULT_WEIGHTS",
    "NOT_EVENT",
    "PRODUCER",
    "Prediction",
    "SentenceModel",
    "bag_of_words",
    "load_sentence_model",
]

PRODUCER: Final = "events.sentence_model.v1"
NOT_EVENT: Final = "None"  # the corpus's label for a sentence that reports no codable event
DEFAULT_WEIGHTS: Final = Path(__file__).resolve().parents[1] / "data" / "sentence_model" / "weights.npz"
_WORD: Final = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_DIGITS: Final = str.maketrans("0123456789", "0000000000")


def bag_of_words(text: str, buckets: int) -> NDArray[np.int64]:
    """Sorted hashed bucket ids of a sentence's lower-cased words and word pairs (digits read as 0)."""
    words = _WORD.findall(text.lower().translate(_DIGITS))
    grams = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    ids = {zlib.crc32(gram.encode("utf-8")) % buckets for gram in grams}
    return np.array(sorted(ids), dtype=np.int64)


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the model says about one sentence.

    Attributes:
        p_event: probability that the sentence reports a codable event (1 - P(``NOT_EVENT``)).
        sub_event_type: the most probable of the 25 sub-types, whatever ``p_event`` is.
        sub_event_p: the probability of that sub-type given that the sentence is an event.
        probabilities: every label's probability, ``NOT_EVENT`` included; they sum to 1.
    """

    p_event: float
    sub_event_type: str
    sub_event_p: float
    probabilities: dict[str, float]


class SentenceModel:
    """Static sentence embedding (+ optional hashed words) → multinomial logistic regression."""

    def __init__(
        self,
        embedder: StaticEmbedder,
        labels: Sequence[str],
        w_embed: NDArray[np.float32],
        bias: NDArray[np.float32],
        *,
        w_bow: NDArray[np.float32] | None = None,
        bow_scale: float = 1.0,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        """Build a model from its arrays; ``load`` is the usual way in.

        Raises:
            ResourceError: the arrays do not fit each other, the embedder or the taxonomy.
        """
        self.labels: tuple[str, ...] = tuple(labels)
        unknown = set(self.labels) - set(taxonomy.BY_NAME) - {NOT_EVENT}
        if unknown or NOT_EVENT not in self.labels or len(set(self.labels)) != len(self.labels):
            raise ResourceError(f"sentence model labels are not the taxonomy's: {sorted(unknown)}")
        n = len(self.labels)
        if w_embed.shape != (embedder.dim, n) or bias.shape != (n,):
            raise ResourceError(f"sentence model weights {w_embed.shape} do not fit {embedder.dim}-d x {n}")
        if w_bow is not None and (w_bow.ndim != 2 or w_bow.shape[1] != n):
            raise ResourceError(f"sentence model word weights have shape {w_bow.shape}")
        self.embedder = embedder
        self.w_embed = np.ascontiguousarray(w_embed, dtype=np.float32)
        self.bias = np.ascontiguousarray(bias, dtype=np.float32)
        self.w_bow = None if w_bow is None else np.ascontiguousarray(w_bow, dtype=np.float32)
        self.bow_scale = float(bow_scale)
        self.metadata: dict[str, Any] = dict(metadata or {})
        self._none = self.labels.index(NOT_EVENT)
        self._sub = np.array([i for i in range(n) if i != self._none], dtype=np.int64)

    @classmethod
    def load(cls, weights: Path | None = None, embeddings: Path | None = None) -> SentenceModel:
        """Load the weights (default: the packaged ones) and the embedding model they were trained on.

        Args:
            weights: an ``.npz`` written by ``scripts/train_sentence_model.py``.
            embeddings: a static embedding model folder (default: the packaged one).

        Returns:
            The model, ready to ``predict``.

        Raises:
            ResourceError: a file is missing, or the weights were trained on other embeddings.
        """
        weights = weights or DEFAULT_WEIGHTS
        embeddings = embeddings or DEFAULT_MODEL_DIR
        try:
            with np.load(weights, allow_pickle=False) as npz:
                arrays = {name: npz[name] for name in npz.files}
            embedder = StaticEmbedder.load(embeddings)
            vectors = (embeddings / "model.safetensors").read_bytes()
        except OSError as exc:
            raise ResourceError(f"cannot load the sentence model: {exc}") from None
        metadata: dict[str, Any] = json.loads(str(arrays["metadata"]))
        if metadata.get("embedding_sha256") != hashlib.sha256(vectors).hexdigest():
            raise ResourceError(
                f"{weights} was trained on other embeddings than {embeddings}",
                hint="retrain with scripts/train_sentence_model.py",
            )
        w_bow = arrays.get("w_bow")
        return cls(
            embedder,
            [str(label) for label in arrays["labels"]],
            arrays["w_embed"],
            arrays["bias"],
            w_bow=None if w_bow is None or w_bow.size == 0 else w_bow,
            bow_scale=float(arrays["bow_scale"]),
            metadata=metadata,
        )

    def save(self, path: Path) -> None:
        """Write the weights as an ``.npz`` of plain arrays (no pickle) that ``load`` reads."""
        empty = np.zeros((0, len(self.labels)), dtype=np.float32)
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            w_embed=self.w_embed,
            bias=self.bias,
            w_bow=empty if self.w_bow is None else self.w_bow,
            bow_scale=np.array(self.bow_scale, dtype=np.float32),
            metadata=np.array(json.dumps(self.metadata, sort_keys=True)),
        )

    @property
    def buckets(self) -> int:
        """Number of hashed word buckets (0: the model reads only the embedding)."""
        return 0 if self.w_bow is None else int(self.w_bow.shape[0])

    def logits(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Unnormalised scores, one row per text and one column per label."""
        if isinstance(texts, str):
            raise TypeError("logits takes a sequence of sentences, not one string")
        out: NDArray[np.float32] = self.embedder.encode(texts) @ self.w_embed + self.bias
        if self.w_bow is not None and len(texts):
            out += self._word_scores(self.w_bow, [bag_of_words(text, self.buckets) for text in texts])
        return out

    def _word_scores(self, w_bow: NDArray[np.float32], bags: list[NDArray[np.int64]]) -> NDArray[np.float32]:
        """Each bag's summed word weights, scaled as in training (bow_scale / sqrt(size)), in one pass."""
        sizes = np.array([bag.size for bag in bags], dtype=np.int64)
        out = np.zeros((len(bags), w_bow.shape[1]), dtype=np.float32)
        rows = np.flatnonzero(sizes)
        if rows.size:
            starts = np.concatenate(([0], np.cumsum(sizes[rows])[:-1]))
            summed = np.add.reduceat(w_bow[np.concatenate([bags[i] for i in rows])], starts, axis=0)
            out[rows] = summed * (self.bow_scale / np.sqrt(sizes[rows]))[:, None].astype(np.float32)
        return out

    def predict_proba(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Probabilities, one row per text (summing to 1) and one column per label of ``labels``."""
        z = self.logits(texts)
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)
        return z

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """One ``Prediction`` per text, in order."""
        proba = self.predict_proba(texts)
        out = []
        for row in proba:
            sub = row[self._sub]
            best = int(sub.argmax())
            p_event = float(1.0 - row[self._none])
            out.append(
                Prediction(
                    p_event=p_event,
                    sub_event_type=self.labels[int(self._sub[best])],
                    sub_event_p=float(sub[best] / max(float(sub.sum()), 1e-12)),
                    probabilities={label: float(p) for label, p in zip(self.labels, row, strict=True)},
                )
            )
        return out


@register(PRODUCER, requires=("sentence.text",), assigns=("sentence.p_event", "sentence.sub_event_type"))
def load_sentence_model(weights: Path | None = None) -> SentenceModel:
    """The packaged sentence classifier (or one trained into ``weights``): ``events.sentence_model.v1``."""
    return SentenceModel.load(weights)
