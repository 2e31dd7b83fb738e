"""The numpy loader of the packaged static model reproduces model2vec's token ids and vectors.

``tests/data/embeddings/reference_encodings.json`` was written by model2vec 0.10.0 itself
(``scripts/distill_embeddings.py --reference``) for the committed model, so these tests need
neither model2vec nor ``tokenizers``. The texts in it are ours: plain news-like sentences and edge
cases (empty, whitespace, special tokens, accents, other scripts, emoji, control characters,
a 700-word input).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sitrep.embeddings import DEFAULT_MODEL_DIR, StaticEmbedder, read_safetensors

REFERENCE = Path(__file__).resolve().parent / "data" / "embeddings" / "reference_encodings.json"


@pytest.fixture(scope="module")
def model() -> StaticEmbedder:
    return StaticEmbedder.load(DEFAULT_MODEL_DIR)


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(REFERENCE.read_text(encoding="utf-8"))
    return data


def test_reference_is_for_the_packaged_model(reference: dict[str, Any]) -> None:
    digest = hashlib.sha256((DEFAULT_MODEL_DIR / "model.safetensors").read_bytes()).hexdigest()
    assert reference["model_sha256"] == digest
    assert len(reference["cases"]) >= 15


def test_token_ids_match_model2vec(model: StaticEmbedder, reference: dict[str, Any]) -> None:
    for case in reference["cases"]:
        assert model.tokenize(str(case["text"])) == case["token_ids"], case["text"]


def test_vectors_match_model2vec(model: StaticEmbedder, reference: dict[str, Any]) -> None:
    cases = reference["cases"]
    got = model.encode([str(c["text"]) for c in cases])
    want = np.array([c["vector"] for c in cases], dtype=np.float32)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-5)


def test_shapes_and_norms(model: StaticEmbedder) -> None:
    out = model.encode(["Rebels seized the town.", "", "Police arrested three men."])
    assert out.shape == (3, model.dim) == (3, 160)
    norms = np.linalg.norm(out, axis=1)
    assert norms[1] == 0.0  # no known token: a zero vector, as in model2vec
    np.testing.assert_allclose(norms[[0, 2]], 1.0, atol=1e-3)
    assert model.encode([]).shape == (0, model.dim)
    with pytest.raises(TypeError):
        model.encode("a string, not a list")  # type: ignore[arg-type]


def test_paraphrase_is_closer_than_an_unrelated_sentence(model: StaticEmbedder) -> None:
    a, b, c = model.encode(
        [
            "An air strike hit a market, killing at least twelve civilians.",
            "At least 12 civilians died when warplanes bombed a marketplace.",
            "The central bank raised interest rates by half a point.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.1


def test_read_safetensors_layout() -> None:
    tensors = read_safetensors(DEFAULT_MODEL_DIR / "model.safetensors")
    assert tensors["embeddings"].shape == (28117, 160)
    assert tensors["embeddings"].dtype == np.int8


def test_loader_refuses_a_tokenizer_it_does_not_reproduce(tmp_path: Path) -> None:
    spec = json.loads((DEFAULT_MODEL_DIR / "tokenizer.json").read_text(encoding="utf-8"))
    spec["pre_tokenizer"] = {"type": "Metaspace"}
    with pytest.raises(ValueError, match="pre-tokenizer"):
        StaticEmbedder(read_safetensors(DEFAULT_MODEL_DIR / "model.safetensors")["embeddings"], spec)
