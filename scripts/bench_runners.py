"""Benchmark: the runners on N real news documents, in one run (bare spaCy, one process, a pool, Dask).

Not a test (minutes). Reads real news texts from ../shared (internal evaluation data, never copied
into the repository): IndiaPoliceEvents, MUC-4 and the geoparsing corpora, up to N documents.
Times, on the same documents and in this order:

1. bare spaCy ``nlp.pipe`` (the baseline: parsing alone);
2. ``sitrep extract`` in this process (``run_batch``, workers 1);
3. a local process pool (``--workers 2``), start-up included;
4. a Dask LocalCluster with 2 worker processes (``--dask local:2``), start-up included;

and samples the resident memory of every worker process while 3 and 4 run. Appends a section to
BENCHMARKS.md with ``--out``.

    .venv/bin/python scripts/bench_runners.py -n 2000 --out BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import psutil

from sitrep.bench import append_report, machine
from sitrep.pipeline import load_resources
from sitrep.runners import run_batch
from sitrep.settings import load_settings

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SOURCES = [
    ("events/indiapoliceevents/docs.jsonl", "doc_text"),
    ("events/muc4/muc4_docs.jsonl", "text"),
    ("geoparsing/lgl-dev.jsonl", "text"),
    ("geoparsing/geowebnews-dev.jsonl", "text"),
    ("geoparsing/geovirus-dev.jsonl", "text"),
    ("geoparsing/trnews-dev.jsonl", "text"),
]


def documents(n: int, split: Callable[[str], list[str]] | None = None) -> list[str]:
    """Up to ``n`` real news texts (non-empty), taken from each source in turn.

    ``split`` cuts each text into several documents (``bench_scale`` wants more, shorter ones).
    """
    cut = split or (lambda text: [text] if text.strip() else [])
    pools = []
    for path, field in SOURCES:
        rows = [json.loads(line) for line in (SHARED / path).read_text(encoding="utf-8").splitlines()]
        pools.append([part for r in rows for part in cut(str(r.get(field) or ""))])
    out: list[str] = []
    while len(out) < n and any(pools):
        for p in pools:
            if p and len(out) < n:
                out.append(p.pop(0))
    return out


def write_jsonl(path: Path, texts: list[str], start: int = 0) -> Path:
    """The texts as a JSONL corpus (ids ``doc-N`` from ``start``, one publication date)."""
    with path.open("w", encoding="utf-8") as f:
        for i, t in enumerate(texts, start):
            f.write(json.dumps({"id": f"doc-{i}", "text": t, "published": "2024-03-03"}) + "\n")
    return path


class Peak:
    """Samples the resident memory of this process's descendants (the workers) every 0.2 s."""

    def __init__(self) -> None:
        self.per_child = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.2):
            for child in me.children(recursive=True):
                try:
                    self.per_child = max(self.per_child, child.memory_info().rss)
                except psutil.Error:
                    continue

    def __enter__(self) -> Peak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def timed(fn: Callable[[], int]) -> tuple[float, int]:
    t0 = time.perf_counter()
    n = fn()
    return time.perf_counter() - t0, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("--out")
    args = ap.parse_args()
    texts = documents(args.n)
    words = sum(len(t.split()) for t in texts)
    tmp = Path(tempfile.mkdtemp(prefix="bench-runners-"))
    corpus = write_jsonl(tmp / "docs.jsonl", texts)
    settings = load_settings()
    res = load_resources(settings)
    rss_one = psutil.Process().memory_info().rss
    bare, _ = timed(lambda: sum(1 for _ in res.nlp.pipe(texts, batch_size=settings.batch_size)))
    one, ev1 = timed(lambda: sum(len(r.events) for r in run_batch([str(corpus)], settings, resources=res)))
    rss_one = max(rss_one, psutil.Process().memory_info().rss)
    with Peak() as p2:
        pool, ev2 = timed(
            lambda: sum(len(r.events) for r in run_batch([str(corpus)], replace(settings, workers=2)))
        )
    with Peak() as pd:
        dask, ev3 = timed(
            lambda: sum(len(r.events) for r in run_batch([str(corpus)], replace(settings, dask="local:2")))
        )
    n = len(texts)
    mib = 1024 * 1024
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = (
        f"\n## Runners on {n:,} real news documents — {stamp}\n\n"
        f"- machine: {machine()}\n"
        f"- command: `.venv/bin/python scripts/bench_runners.py -n {args.n} --out BENCHMARKS.md`\n"
        f"- documents: IndiaPoliceEvents, MUC-4 and the geoparsing dev corpora (../shared, internal), "
        f"{n:,} documents, {words:,} words; model {settings.spacy_model}, coder {settings.coder}\n\n"
        "| run | seconds | docs/s | vs one process | events | peak RSS per process |\n"
        "|---|---|---|---|---|---|\n"
        f"| bare spaCy `nlp.pipe` (baseline) | {bare:.1f} | {n / bare:.1f} | – | – | – |\n"
        f"| sitrep, one process | {one:.1f} | {n / one:.1f} | 1.00× ({bare / one:.2f}× bare spaCy) | "
        f"{ev1:,} | "
        f"{rss_one / mib:.0f} MiB |\n"
        f"| `--workers 2` (start-up included) | {pool:.1f} | {n / pool:.1f} | {one / pool:.2f}× | {ev2:,} | "
        f"{p2.per_child / mib:.0f} MiB |\n"
        f"| `--dask local:2` (LocalCluster, start-up included) | {dask:.1f} | {n / dask:.1f} | "
        f"{one / dask:.2f}× | "
        f"{ev3:,} | {pd.per_child / mib:.0f} MiB |\n\n"
        f"**Ratio: sitrep runs at {bare / one:.2f}× bare spaCy on one process; two workers give "
        f"{one / pool:.2f}× (pool) and {one / dask:.2f}× (Dask).** Same events on every runner: "
        f"{'yes' if ev1 == ev2 == ev3 else 'NO'}.\n"
    )
    append_report(text, args.out)


if __name__ == "__main__":
    main()
