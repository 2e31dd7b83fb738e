#!/usr/bin/env python3
"""Train sitrep's sentence classifier (sitrep.events.model) from data/events-corpus/, reproducibly.

    .venv/bin/python scripts/train_sentence_model.py             # cross-validate, choose, fit, write
    .venv/bin/python scripts/train_sentence_model.py --cv-only   # only the cross-validation table

Dev-time only (scikit-learn comes from requirements/dev.txt; sitrep never imports it). Steps:

1. Read every part-*.jsonl of the corpus (text and label only) and hash the files.
2. Features, computed by sitrep's own code so that training and run time agree: the static
   sentence embedding (sitrep.embeddings, standardised) and, for some feature sets, the hashed
   bag of words and word pairs of sitrep.events.model.bag_of_words, each row L2-normalised and
   multiplied by a scale (the larger the scale, the weaker the words' regularisation).
3. 5-fold cross-validation (seeded) of a multinomial logistic regression for every feature set
   and regularisation C of the grid; the choice is the best macro F1 over the 26 labels (ties:
   fewer buckets, then smaller C). The folds are stratified by label and grouped by country: no
   country has sentences on both sides of a split, so a feature set that learns place and group
   names ("Mekelle", "ISWAP") instead of what happened is not rewarded for it. (Sentences with no
   country are spread one by one.) The corpus is the only data read: evaluation data is never
   training data.
4. Refit the choice on the whole corpus, fold the standardisation into the weights, and write
   ``weights.npz`` (float32 arrays, no pickle) and ``PROVENANCE.md`` (embedding model, versions,
   command, corpus hash, the cross-validation table) to --out.

Seeds and thread counts are fixed, so a rerun on the same versions writes the same weights.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import hashlib  # noqa: E402
import importlib.metadata  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import shlex  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402
from numpy.typing import NDArray  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from sitrep.embeddings import DEFAULT_MODEL_DIR, StaticEmbedder  # noqa: E402
from sitrep.events.model import NOT_EVENT, SentenceModel, bag_of_words  # noqa: E402

SEED = 20261201
CORPUS = ROOT / "data" / "events-corpus"
OUT = ROOT / "src" / "sitrep" / "data" / "sentence_model"


@dataclass(frozen=True)
class FeatureSet:
    """The embedding, plus ``buckets`` hashed word features scaled by ``scale`` (0 buckets: none)."""

    buckets: int
    scale: float

    @property
    def name(self) -> str:
        return "embedding" if not self.buckets else f"embedding + words {self.buckets} x{self.scale:g}"


GRIDS: dict[str, tuple[tuple[float, ...], tuple[FeatureSet, ...]]] = {
    "full": (
        (0.03, 0.1, 0.3, 1.0, 3.0, 10.0),
        (
            FeatureSet(0, 0.0),
            FeatureSet(4096, 25.0),
            FeatureSet(16384, 15.0),
            FeatureSet(16384, 25.0),
            FeatureSet(16384, 40.0),
        ),
    ),
    "tiny": ((1.0,), (FeatureSet(0, 0.0), FeatureSet(1024, 25.0))),  # for tests on a slice
}


def read_corpus(folder: Path, per_label: int | None) -> tuple[list[str], list[str], list[str], str]:
    """Texts, labels, CV groups (country, else the id) and the sha256 of the part files (name order).

    With ``per_label``, only the first N sentences of each label.
    """
    texts: list[str] = []
    labels: list[str] = []
    groups: list[str] = []
    digest = hashlib.sha256()
    seen: Counter[str] = Counter()
    for path in sorted(folder.glob("part-*.jsonl")):
        data = path.read_bytes()
        digest.update(data)
        for line in data.decode("utf-8").splitlines():
            row = json.loads(line)
            if per_label is None or seen[row["label"]] < per_label:
                seen[row["label"]] += 1
                texts.append(str(row["text"]))
                labels.append(str(row["label"]))
                groups.append(str(row["country"] or row["id"]))
    return texts, labels, groups, digest.hexdigest()


def word_matrix(texts: list[str], fs: FeatureSet) -> Any:
    """The hashed words of every text as a sparse matrix, rows L2-normalised and scaled."""
    from scipy import sparse

    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    for text in texts:
        ids = bag_of_words(text, fs.buckets)
        indices += ids.tolist()
        values += [fs.scale / float(np.sqrt(ids.size))] * ids.size
        indptr.append(len(indices))
    return sparse.csr_matrix((values, indices, indptr), shape=(len(texts), fs.buckets), dtype=np.float64)


def design(embedded: NDArray[np.float64], words: Any) -> Any:
    """The feature matrix: standardised embedding, then the words (if any)."""
    from scipy import sparse

    return embedded if words is None else sparse.hstack([sparse.csr_matrix(embedded), words]).tocsr()


def classifier(c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, solver="lbfgs", max_iter=5000, tol=1e-5, random_state=SEED)


def scores(y: NDArray[np.str_], proba: NDArray[np.float64], classes: NDArray[np.str_]) -> dict[str, float]:
    """Macro F1 and accuracy over the 26 labels, event-vs-not F1 at 0.5, sub-type accuracy on events."""
    from sklearn.metrics import f1_score

    pred = classes[proba.argmax(axis=1)]
    events = y != NOT_EVENT
    sub = np.array([i for i, c in enumerate(classes) if c != NOT_EVENT])
    sub_pred = classes[sub[proba[:, sub].argmax(axis=1)]]
    p_event = 1.0 - proba[:, list(classes).index(NOT_EVENT)]
    return {
        "macro_f1": float(f1_score(y, pred, average="macro")),
        "accuracy": float((pred == y).mean()),
        "event_f1": float(f1_score(events, p_event >= 0.5)),
        "subtype_accuracy": float((sub_pred[events] == y[events]).mean()),
    }


def cross_validate(
    x: Any, y: NDArray[np.str_], groups: list[str], c: float, folds: int, jobs: int
) -> dict[str, float]:
    """Out-of-fold scores of one configuration (folds by label and country, seeded; ``jobs`` at a time)."""
    from joblib import Parallel, delayed
    from sklearn.model_selection import StratifiedGroupKFold

    def fold(train: NDArray[np.int64], test: NDArray[np.int64]) -> tuple[Any, Any, Any]:
        model = classifier(c).fit(x[train], y[train])
        return test, model.predict_proba(x[test]), model.classes_

    split = StratifiedGroupKFold(folds, shuffle=True, random_state=SEED).split(np.zeros(len(y)), y, groups)
    proba = np.zeros((len(y), len(set(y.tolist()))))
    done = Parallel(n_jobs=jobs)(delayed(fold)(tr, te) for tr, te in split)
    for test, p, _ in done:
        proba[test] = p
    return scores(y, proba, done[0][2])


def search(
    embedded: NDArray[np.float64],
    texts: list[str],
    y: NDArray[np.str_],
    groups: list[str],
    grid: str,
    folds: int,
    jobs: int,
) -> list[tuple[FeatureSet, float, dict[str, float]]]:
    """Cross-validate every (feature set, C) of the grid; print each result as it comes."""
    cs, feature_sets = GRIDS[grid]
    results = []
    for fs in feature_sets:
        x = design(embedded, word_matrix(texts, fs) if fs.buckets else None)
        for c in cs:
            started = time.perf_counter()
            result = cross_validate(x, y, groups, c, folds, jobs)
            took = time.perf_counter() - started
            print(f"  {fs.name:34} C={c:<5g} " + "  ".join(f"{k} {v:.3f}" for k, v in result.items()), end="")
            print(f"  ({took:.0f} s)", flush=True)
            results.append((fs, c, result))
    return results


def choose(results: list[tuple[FeatureSet, float, dict[str, float]]]) -> tuple[FeatureSet, float]:
    """Best macro F1, rounded to 3 places; ties go to fewer buckets, then to a smaller C."""
    fs, c, _ = max(results, key=lambda r: (round(r[2]["macro_f1"], 3), -r[0].buckets, -r[1]))
    return fs, c


def fit(
    embedder: StaticEmbedder,
    emb: NDArray[np.float64],
    texts: list[str],
    y: NDArray[np.str_],
    fs: FeatureSet,
    c: float,
) -> SentenceModel:
    """Refit on everything and fold the standardisation into float32 weights."""
    mean, std = emb.mean(axis=0), emb.std(axis=0)
    x = design((emb - mean) / std, word_matrix(texts, fs) if fs.buckets else None)
    lr = classifier(c).fit(x, y)
    coef = lr.coef_.T  # features x labels
    w_embed = coef[: emb.shape[1]] / std[:, None]
    bias = lr.intercept_ - (mean / std) @ coef[: emb.shape[1]]
    w_bow = coef[emb.shape[1] :] if fs.buckets else None
    return SentenceModel(
        embedder,
        [str(label) for label in lr.classes_],
        w_embed.astype(np.float32),
        bias.astype(np.float32),
        w_bow=None if w_bow is None else w_bow.astype(np.float32),
        bow_scale=fs.scale,
    )


def versions() -> dict[str, str]:
    out = {"python": platform.python_version(), "platform": platform.platform()}
    for package in ("numpy", "scipy", "scikit-learn", "joblib"):
        out[package] = importlib.metadata.version(package)
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def provenance(meta: dict[str, Any], results: list[tuple[FeatureSet, float, dict[str, float]]]) -> str:
    """PROVENANCE.md: what the weights are, what made them and the cross-validation behind the choice."""
    rows = "".join(
        f"| {fs.name} | {c:g} | " + " | ".join(f"{v:.3f}" for v in r.values()) + " |\n"
        for fs, c, r in results
    )
    tools = "".join(f"- {k}: {v}\n" for k, v in meta["versions"].items())
    counts = ", ".join(f"{label} {n}" for label, n in sorted(meta["label_counts"].items()))
    return f"""# Provenance of the sentence classifier's weights

`weights.npz`: a multinomial logistic regression over {len(meta["label_counts"])} labels (`None` and
ACLED's 25 sub-types) for `sitrep.events.model.SentenceModel` (registered as
`events.sentence_model.v1`). Features: **{meta["features"]}**, regularisation **C = {meta["C"]:g}**.
float32 arrays, no pickle; sha256 `{meta["weights_sha256"]}`.

- embedding model: `src/sitrep/data/embeddings/model/` (all-MiniLM-L6-v2 distilled by model2vec,
  160-d int8; its own PROVENANCE.md), `model.safetensors` sha256 `{meta["embedding_sha256"]}`
- corpus: `data/events-corpus/` part-*.jsonl, sha256 of the files in name order
  `{meta["corpus_sha256"]}`; {meta["sentences"]} sentences: {counts}
- seed {SEED}, {meta["folds"]}-fold cross-validation stratified by label and grouped by country,
  one BLAS thread per fit
- made {meta["made"]} UTC by

```
{meta["command"]}
```

## Tools

{tools}
## Cross-validation (out-of-fold, on the corpus only)

Folds are stratified by label and grouped by country (no country on both sides of a split).
Chosen: the best macro F1 over the 26 labels (ties: fewer buckets, then smaller C). `event_f1`
is "event vs not" at p_event >= 0.5; `subtype_accuracy` is the top sub-type on event sentences.

| features | C | macro F1 | accuracy | event F1 | sub-type accuracy |
|---|---:|---:|---:|---:|---:|
{rows}"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=OUT, help="folder for weights.npz and PROVENANCE.md")
    ap.add_argument("--grid", choices=sorted(GRIDS), default="full")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2, help="folds fitted at once (results do not depend on it)")
    ap.add_argument("--per-label", type=int, help="train on the first N sentences of each label (tests)")
    ap.add_argument("--cv-only", action="store_true", help="print the cross-validation and write nothing")
    args = ap.parse_args()
    info = versions()
    print("  ".join(f"{k} {v}" for k, v in info.items()))
    texts, labels, groups, corpus_sha = read_corpus(args.corpus, args.per_label)
    print(f"corpus {args.corpus}: {len(texts)} sentences, sha256 {corpus_sha}")
    embedder = StaticEmbedder.load(DEFAULT_MODEL_DIR)
    emb = embedder.encode(texts).astype(np.float64)
    y = np.array(labels)
    standardised = (emb - emb.mean(axis=0)) / emb.std(axis=0)
    results = search(standardised, texts, y, groups, args.grid, args.folds, args.jobs)
    fs, c = choose(results)
    print(f"chosen: {fs.name}, C={c:g}")
    if args.cv_only:
        return 0
    model = fit(embedder, emb, texts, y, fs, c)
    meta: dict[str, Any] = {
        "embedding_sha256": sha256(DEFAULT_MODEL_DIR / "model.safetensors"),
        "corpus_sha256": corpus_sha,
        "features": fs.name,
        "C": c,
        "seed": SEED,
        "folds": args.folds,
        "sentences": len(texts),
        "label_counts": dict(sorted(Counter(labels).items())),
        "cv": next(r for f, cc, r in results if f == fs and cc == c),
        "versions": {k: v for k, v in info.items() if k != "platform"},
    }
    model.metadata.update(meta)
    args.out.mkdir(parents=True, exist_ok=True)
    model.save(args.out / "weights.npz")
    meta["weights_sha256"] = sha256(args.out / "weights.npz")
    meta["versions"] = info
    meta["made"] = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M}"
    meta["command"] = shlex.join(["python", *[a for a in sys.argv]])
    (args.out / "PROVENANCE.md").write_text(provenance(meta, results), encoding="utf-8")
    print(f"wrote {args.out / 'weights.npz'} ({(args.out / 'weights.npz').stat().st_size:,} bytes)")
    print(f"weights sha256 {meta['weights_sha256']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
