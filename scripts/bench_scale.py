"""Benchmark: a 10,000-document ingest (does its cost grow linearly?) and 100 more into that store.

Not a test (several minutes). Builds N distinct documents from the real news texts in ../shared
(IndiaPoliceEvents, MUC-4, the geoparsing corpora; internal data, never copied into the
repository); long texts are cut at sentence ends into parts of about 100 words so that there
are enough distinct documents. Then, with ``--workers`` processes:

1. ingests the N documents into an empty SQLite store in quarters, timing each quarter (a cost
   that grows linearly shows as flat seconds per document from quarter to quarter);
2. ingests 100 further documents into that full store, and the same 100 into an empty store:
   the ratio of the two is the cost the full store adds to an incremental batch.

    .venv/bin/python scripts/bench_scale.py -n 10000 --workers 2 --out BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bench_runners import documents, write_jsonl

from sitrep.bench import append_report, machine
from sitrep.runners import ingest_paths
from sitrep.settings import load_settings
from sitrep.store import open_store

PART_WORDS = 100


def parts(text: str) -> list[str]:
    """A text cut at sentence ends into parts of about ``PART_WORDS`` words (paragraphs kept apart)."""
    out: list[str] = []
    current: list[str] = []
    for sentence in (x.strip() for x in re.split(r"(?<=[.!?])\s+|\n\s*\n", text)):
        if sentence:
            current.append(sentence)
        if sum(len(x.split()) for x in current) >= PART_WORDS:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return [x for x in out if len(x.split()) >= 40]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out")
    args = ap.parse_args()
    texts = documents(args.n + 100, parts)
    main_texts, extra = texts[: args.n], texts[args.n :]
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    settings = replace(load_settings(), workers=args.workers)
    store = open_store(str(tmp / "full.db"))
    quarter = len(main_texts) // 4
    rows = []
    for q in range(4):
        chunk = main_texts[q * quarter : (q + 1) * quarter if q < 3 else len(main_texts)]
        path = write_jsonl(tmp / f"q{q}.jsonl", chunk, q * quarter)
        t0 = time.perf_counter()
        report = ingest_paths([str(path)], settings, store)
        rows.append((len(chunk), time.perf_counter() - t0, report.events, len(report.rejected)))
    stats = store.stats()
    extra_path = write_jsonl(tmp / "extra.jsonl", extra, 10**7)
    t0 = time.perf_counter()
    ingest_paths([str(extra_path)], settings, store)
    into_full = time.perf_counter() - t0
    store.close()
    empty = open_store(str(tmp / "empty.db"))
    t0 = time.perf_counter()
    ingest_paths([str(extra_path)], settings, empty)
    alone = time.perf_counter() - t0
    empty.close()
    total = sum(r[1] for r in rows)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = "".join(
        f"| {q + 1} | {n:,} | {s:.1f} | {1000 * s / n:.1f} | {ev:,} | {rej} |\n"
        for q, (n, s, ev, rej) in enumerate(rows)
    )
    text = (
        f"\n## Ingest of {len(main_texts):,} real documents, then 100 more — {stamp}\n\n"
        f"- machine: {machine()}\n"
        "SQLite\n"
        f"- command: `.venv/bin/python scripts/bench_scale.py -n {args.n} --workers {args.workers} "
        "--out BENCHMARKS.md`\n"
        f"- documents: real news texts (../shared, internal) cut at sentence ends into parts of about "
        f"{PART_WORDS} words; ingest with `--workers {args.workers}`, save and dedup included\n\n"
        "| quarter | documents | seconds | ms per document | events | rejected |\n"
        "|---|---|---|---|---|---|\n"
        f"{lines}\n"
        f"Total {total:.0f} s for {len(main_texts):,} documents ({len(main_texts) / total:.1f} docs/s); "
        "the store "
        f"holds {stats.articles:,} articles, {stats.mentions:,} mentions, "
        f"{stats.events:,} canonical events.\n\n"
        f"**Incremental: 100 more documents took {into_full:.1f} s into the full store and {alone:.1f} s "
        "into an "
        f"empty one ({into_full / alone:.2f}×).**\n"
    )
    append_report(text, args.out)


if __name__ == "__main__":
    main()
