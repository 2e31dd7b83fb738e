"""Benchmarks (not tests): extraction throughput as a ratio to bare spaCy on the same texts.

Speed is reported as a ratio against a baseline run in the same process, because the machines
are noisy. Texts: the LGL dev half from ../shared when present (internal use: read, never
shipped), else the bundled samples repeated.
"""

from __future__ import annotations

import json
import platform
import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from .pipeline import load_resources, process_batch
from .records import RawDocument
from .settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SHARED_LGL = ROOT.parent / "shared" / "data" / "geoparsing" / "lgl-dev.jsonl"
SAMPLES = ROOT / "samples"


def _texts(count: int) -> tuple[list[str], str]:
    if SHARED_LGL.exists():
        rows = [
            json.loads(line) for line in SHARED_LGL.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
        return [
            r["text"] for r in rows[:count]
        ], f"first {min(count, len(rows))} LGL dev articles (../shared)"
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    if not texts:
        raise FileNotFoundError("no benchmark texts: neither ../shared nor samples/*.txt found")
    reps = (count + len(texts) - 1) // len(texts)
    return (texts * reps)[:count], f"bundled samples repeated to {count} documents"


def _score(scorer: Path, gold: Path, tail: str) -> dict[str, object]:
    cli = f"{shlex.quote(sys.executable)} -m sitrep"
    out = subprocess.run(
        [sys.executable, str(scorer), str(gold), "--run", f"{cli} {tail}"],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    return json.loads(out.stdout) if out.returncode == 0 else {"error": out.stderr[-300:]}


def _quality(log: Callable[[str], None]) -> str:
    """Seed and CASE 2021 figures from the shared scorers (internal data; skipped when absent)."""
    shared = ROOT.parent / "shared"
    seed_gold, case_gold = (
        shared / "eval" / "seed-gold.jsonl",
        shared / "data" / "events" / "case2021-task2-acled" / "dev.jsonl",
    )
    if not seed_gold.exists():
        return "\nQuality figures skipped: ../shared (internal evaluation data) is absent.\n"
    log("scoring the reference article ...")
    seed = _score(
        shared / "eval" / "score_events.py",
        seed_gold,
        "extract {file} --published {published} --format jsonl",
    )
    log("scoring CASE 2021 Task 2 dev ...")
    case = _score(shared / "eval" / "score_case.py", case_gold, "extract {file} --format jsonl")
    keys_seed = [
        "precision",
        "recall",
        "f1",
        "sub_event_type_accuracy",
        "actor1_accuracy",
        "fatalities_accuracy",
    ]
    keys_case = ["n", "accuracy", "weighted_f1", "macro_f1", "no_event"]
    return (
        "\n### Extraction quality (same run)\n\n"
        "| set | figures |\n|---|---|\n"
        f"| reference article (`score_events.py`) | {', '.join(f'{k} {seed.get(k)}' for k in keys_seed)} |\n"
        f"| CASE 2021 Task 2 dev, 25 ACLED types (`score_case.py`) | "
        f"{', '.join(f'{k} {case.get(k)}' for k in keys_case)} |\n"
    )


def _machine() -> str:
    try:
        cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        cpu = "?"
    return f"{platform.machine()}, {cpu} cores, Python {platform.python_version()}, {platform.system()}"


def run_benchmarks(
    settings: Settings, out: Path, *, count: int = 120, log: Callable[[str], None] = lambda m: None
) -> str:
    """Time bare ``nlp.pipe`` and the full pipeline on the same texts (best of 2 runs each, interleaved)."""
    res = load_resources(settings)
    texts, what = _texts(count)
    words = sum(len(t.split()) for t in texts)
    raws = [
        RawDocument(f"bench-{i}", f"bench-{i}", "text", t.encode("utf-8"), settings.published)
        for i, t in enumerate(texts)
    ]
    for _ in res.nlp.pipe(texts[:8]):  # warm up
        pass
    base_t, full_t, events = [], [], 0
    for rnd in range(2):
        log(f"round {rnd + 1}: bare spaCy ...")
        t0 = time.perf_counter()
        for _ in res.nlp.pipe(texts, batch_size=settings.batch_size):
            pass
        base_t.append(time.perf_counter() - t0)
        log(f"round {rnd + 1}: sitrep extract pipeline ...")
        t0 = time.perf_counter()
        events = sum(len(r.events) for r in process_batch(raws, settings, res))
        full_t.append(time.perf_counter() - t0)
    base, full = min(base_t), min(full_t)
    n = len(texts)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = (
        f"\n## Extraction throughput — {stamp}\n\n"
        f"- machine: {_machine()}\n- command: `make bench` (`sitrep bench -n {count}`)\n"
        f"- texts: {what}; {n} documents, {words:,} words\n"
        f"- model: {settings.spacy_model}, batch size {settings.batch_size}, one process\n\n"
        f"| run | seconds (best of 2) | docs/s | words/s |\n|---|---|---|---|\n"
        f"| bare spaCy `nlp.pipe` (baseline) | {base:.2f} | {n / base:.1f} | {words / base:,.0f} |\n"
        f"| sitrep extract pipeline (clean, parse, geo, events) | {full:.2f} | {n / full:.1f} | "
        f"{words / full:,.0f} |\n\n"
        f"**Ratio: sitrep runs at {base / full:.2f}× the speed of bare spaCy** on the same texts "
        f"({events} events found).\n"
    )
    text += _quality(log)
    if not out.exists():
        out.write_text(
            "# sitrep benchmarks\n\nFigures appended by `make bench`; newest last.\n", encoding="utf-8"
        )
    with out.open("a", encoding="utf-8") as f:
        f.write(text)
    return text
