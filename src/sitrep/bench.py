"""Benchmarks (not tests): extraction throughput as a ratio to bare spaCy on the same texts.

Speed is reported as a ratio against a baseline run in the same process, because the machines
are noisy. Texts: the LGL dev half from ../shared when present (internal use: read, never
shipped), else the bundled samples repeated.
"""

from __future__ import annotations

import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
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


def _score(scorer: Path, gold: Path, tail: str, coder: str | None = None) -> dict[str, object]:
    cli = f"{shlex.quote(sys.executable)} -m sitrep"
    env = {**os.environ, **({"SITREP_CODER": coder} if coder else {})}
    out = subprocess.run(
        [sys.executable, str(scorer), str(gold), "--run", f"{cli} {tail}"],
        capture_output=True,
        text=True,
        timeout=1800,
        env=env,
    )
    return json.loads(out.stdout) if out.returncode == 0 else {"error": out.stderr[-300:]}


CODERS = ("rules", "model", "hybrid")
EVENT_KEYS = ("precision", "recall", "f1")


def _quality(log: Callable[[str], None]) -> str:
    """Each dev set under each coder (rules only, the model only, the combination), from the shared
    scorers (internal data; skipped when absent). clusters-dev is scored as events too: its gold
    was written for dedup, and it is a second look at real articles beside news-dev."""
    shared = ROOT.parent / "shared"
    seed_gold = shared / "eval" / "seed-gold.jsonl"
    if not seed_gold.exists():
        return "\nQuality figures skipped: ../shared (internal evaluation data) is absent.\n"
    events, case = shared / "eval" / "score_events.py", shared / "eval" / "score_case.py"
    with tempfile.TemporaryDirectory() as tmp:
        clusters = _as_news(shared / "eval" / "clusters-dev.jsonl", Path(tmp) / "clusters.jsonl")
        sets: list[tuple[str, Path, Path, str, tuple[str, ...]]] = [
            (
                "reference article",
                events,
                seed_gold,
                "extract {file} --published {published} --format jsonl",
                EVENT_KEYS,
            ),
            (
                "news-dev (24 real articles)",
                events,
                shared / "eval" / "news-dev.jsonl",
                "extract {jsonl} --format jsonl",
                EVENT_KEYS,
            ),
            (
                "clusters-dev as events (20 real articles; gold written for dedup)",
                events,
                clusters,
                "extract {jsonl} --format jsonl",
                EVENT_KEYS,
            ),
            (
                "CASE 2021 Task 2 dev, 25 ACLED types",
                case,
                shared / "data" / "events" / "case2021-task2-acled" / "dev.jsonl",
                "extract {file} --format jsonl",
                ("accuracy", "weighted_f1"),
            ),
        ]
        rows = []
        for name, scorer, gold, tail, keys in sets:
            if not gold.exists():
                continue
            cells = []
            for coder in CODERS:
                log(f"scoring {name} with coder={coder} ...")
                r = _score(scorer, gold, tail, coder)
                cells.append(" / ".join(f"{r.get(k)}" for k in keys))
            rows.append(f"| {name} ({' / '.join(keys)}) | " + " | ".join(cells) + " |")
    return (
        "\n### Extraction quality by coder (same run; `SITREP_CODER`)\n\n"
        "| set (figures) | rules only | model only | hybrid (default) |\n|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n"
    )


def _as_news(path: Path, out: Path) -> Path:
    """clusters-dev rows carry ``doc_id``; the events scorer wants ``id``."""
    if path.exists():
        with out.open("w", encoding="utf-8") as fh:
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    fh.write(json.dumps({**row, "id": row.get("id", row.get("doc_id"))}) + "\n")
    return out


def machine() -> str:
    """This machine in one line: architecture, cores, Python, OS (for every BENCHMARKS.md section)."""
    # Not nproc: it reports OMP_NUM_THREADS, which a Dask LocalCluster sets to 1 in this process.
    cpu = str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or "?")
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
        f"- machine: {machine()}\n- command: `make bench` (`sitrep bench -n {count}`)\n"
        f"- texts: {what}; {n} documents, {words:,} words\n"
        f"- model: {settings.spacy_model}, batch size {settings.batch_size}, one process; "
        f"coder {settings.coder} (sentence classifier {'on' if settings.coder != 'rules' else 'off'})\n\n"
        f"| run | seconds (best of 2) | docs/s | words/s |\n|---|---|---|---|\n"
        f"| bare spaCy `nlp.pipe` (baseline) | {base:.2f} | {n / base:.1f} | {words / base:,.0f} |\n"
        f"| sitrep extract pipeline (clean, parse, geo, events) | {full:.2f} | {n / full:.1f} | "
        f"{words / full:,.0f} |\n\n"
        f"**Ratio: sitrep runs at {base / full:.2f}× the speed of bare spaCy** on the same texts "
        f"({events} events found).\n"
    )
    text += _quality(log)
    append_report(text, out, echo=False)
    return text


def append_report(text: str, out: str | Path | None, *, echo: bool = True) -> None:
    """Print a benchmark section and append it to ``out`` (BENCHMARKS.md; its header first if new)."""
    if echo:
        sys.stdout.write(text + "\n")
    if out is None:
        return
    path = Path(out)
    if not path.exists():
        path.write_text(
            "# sitrep benchmarks\n\nFigures appended by `make bench`; newest last.\n", encoding="utf-8"
        )
    with path.open("a", encoding="utf-8") as f:
        f.write(text)
