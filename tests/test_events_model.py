"""The sentence classifier (events.model): loads, knows clear cases, is deterministic, and retrains.

The sentences here are ours, invented for these tests; none is in the training corpus.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT
from sitrep import registry
from sitrep import taxonomy as T
from sitrep.errors import ResourceError
from sitrep.events.model import DEFAULT_WEIGHTS, NOT_EVENT, PRODUCER, SentenceModel, bag_of_words

AIR_STRIKE = "Fighter jets bombed a fuel depot on the edge of Kafr Nabl on Sunday, killing three guards."
MARCH = (
    "Several thousand nurses marched peacefully through the centre of Lyon on Thursday to demand better pay."
)
FOOTBALL = (
    "The visitors scored twice in the second half to win the football match 3-1 in front of a full stadium."
)


@pytest.fixture(scope="module")
def model() -> SentenceModel:
    return SentenceModel.load()


def test_the_packaged_weights_cover_the_taxonomy(model: SentenceModel) -> None:
    assert set(model.labels) == set(T.BY_NAME) | {NOT_EVENT}
    assert model.embedder.dim == model.w_embed.shape[0] == 160
    assert model.metadata["embedding_sha256"] and model.metadata["corpus_sha256"]
    assert DEFAULT_WEIGHTS.stat().st_size < 3_000_000


def test_clear_sentences_get_their_label(model: SentenceModel) -> None:
    strike, march, football = model.predict([AIR_STRIKE, MARCH, FOOTBALL])
    assert strike.sub_event_type == T.AIR_STRIKE and strike.p_event > 0.5
    assert march.sub_event_type == T.PEACEFUL_PROTEST and march.p_event > 0.5
    assert football.p_event < 0.5


def test_probabilities_are_a_distribution(model: SentenceModel) -> None:
    (pred,) = model.predict([AIR_STRIKE])
    assert sum(pred.probabilities.values()) == pytest.approx(1.0, abs=1e-5)
    assert pred.p_event == pytest.approx(1.0 - pred.probabilities[NOT_EVENT], abs=1e-6)
    assert pred.probabilities[pred.sub_event_type] == max(
        p for label, p in pred.probabilities.items() if label != NOT_EVENT
    )
    assert 0.0 < pred.sub_event_p <= 1.0


def test_predictions_are_deterministic_and_independent_of_the_batch(model: SentenceModel) -> None:
    batch = model.predict_proba([AIR_STRIKE, MARCH, FOOTBALL])
    again = model.predict_proba([FOOTBALL, AIR_STRIKE])
    np.testing.assert_array_equal(batch, model.predict_proba([AIR_STRIKE, MARCH, FOOTBALL]))
    np.testing.assert_allclose(again[[1, 0]], batch[[0, 2]], rtol=0, atol=1e-6)
    assert model.predict([]) == []
    with pytest.raises(TypeError):
        model.predict(AIR_STRIKE)  # type: ignore[arg-type]


def test_bag_of_words_is_stable_and_reads_digits_as_zero() -> None:
    ids = bag_of_words("Rebels took 12 villages", 1024)
    assert ids.tolist() == sorted(set(ids.tolist())) and ids.max() < 1024
    assert np.array_equal(ids, bag_of_words("rebels TOOK 47 villages", 1024))
    assert bag_of_words("", 1024).size == 0


def test_registered_under_its_versioned_name() -> None:
    assert PRODUCER == "events.sentence_model.v1"
    assert isinstance(registry.resolve(PRODUCER)(), SentenceModel)


def test_save_and_load_round_trip(model: SentenceModel, tmp_path: Path) -> None:
    model.save(tmp_path / "weights.npz")
    again = SentenceModel.load(tmp_path / "weights.npz")
    np.testing.assert_array_equal(again.predict_proba([MARCH]), model.predict_proba([MARCH]))


def test_weights_for_other_embeddings_are_refused(model: SentenceModel, tmp_path: Path) -> None:
    model.metadata["embedding_sha256"] = "0" * 64
    try:
        model.save(tmp_path / "weights.npz")
    finally:
        model.metadata["embedding_sha256"] = SentenceModel.load().metadata["embedding_sha256"]
    with pytest.raises(ResourceError, match="other embeddings"):
        SentenceModel.load(tmp_path / "weights.npz")
    with pytest.raises(ResourceError):
        SentenceModel.load(tmp_path / "missing.npz")


def test_run_time_needs_no_training_library() -> None:
    code = (
        "import sys; from sitrep.events.model import SentenceModel; SentenceModel.load().predict(['x']);"
        "heavy = {'sklearn', 'scipy', 'torch', 'model2vec', 'tokenizers', 'huggingface_hub', 'joblib'};"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_training_script_retrains_reproducibly_on_a_slice(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "data" / "events-corpus", corpus)
    command = [sys.executable, str(ROOT / "scripts" / "train_sentence_model.py"), "--corpus", str(corpus)]
    command += ["--grid", "tiny", "--folds", "2", "--per-label", "6", "--jobs", "1"]
    for run in ("a", "b"):
        subprocess.run([*command, "--out", str(tmp_path / run)], check=True, capture_output=True, text=True)
    first, second = (tmp_path / run / "weights.npz" for run in ("a", "b"))
    assert first.read_bytes() == second.read_bytes()
    provenance = (tmp_path / "a" / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "scikit-learn" in provenance and "embedding" in provenance and "--per-label 6" in provenance
    trained = SentenceModel.load(first)
    assert trained.metadata["sentences"] == 26 * 6
    assert len(trained.predict([AIR_STRIKE, FOOTBALL])) == 2
