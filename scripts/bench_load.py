"""Benchmark: a bounded open-loop load on ``sitrep serve`` at a fixed rate of mixed queries.

Not a test. Over a store already loaded by ``scripts/bench_api.py`` (1,000,000 synthetic events),
starts ``sitrep serve`` on 127.0.0.1 and sends the documented query kinds of ``bench_api``
(bbox + time, country, text, actor, stats filtered and not, a deep cursor page, GeoJSON of
1,000 rows) mixed at random, at ``--rate`` requests per second for ``--seconds``, from a pool of
client threads. Each request is timed from the moment it was due (so a server that falls behind
shows it: no coordinated omission), and every non-200 answer or transport error is counted.
Reports p50/p95/p99 and the achieved rate, and appends a section to BENCHMARKS.md with ``--out``.

    .venv/bin/python scripts/bench_load.py --db /tmp/b1m.db --rate 200 --seconds 60 --out BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from bench_api import KINDS, free_port, request_for, start_server, wait_up  # noqa: E402

from sitrep.bench import append_report, machine  # noqa: E402


def run(base: str, rate: float, seconds: float, seed: int, threads: int) -> dict[str, float]:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as setup:
        menu = [(kind, *request_for(kind, rng, setup)) for kind in KINDS for _ in range(40)]
    rng.shuffle(menu)
    total = int(rate * seconds)
    latencies: list[float] = []
    by_kind: dict[str, list[float]] = {k: [] for k in KINDS}
    errors: list[str] = []
    lock = threading.Lock()
    local = threading.local()

    def client() -> httpx.Client:
        if not hasattr(local, "c"):
            local.c = httpx.Client(base_url=base, timeout=30)
        return local.c

    start = time.monotonic() + 1.0

    def one(i: int) -> None:
        due = start + i / rate
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        kind, path, params = menu[i % len(menu)]
        try:
            status = client().get(path, params=params).status_code
            bad = None if status == 200 else f"HTTP {status}"
        except httpx.HTTPError as exc:
            bad = type(exc).__name__
        done = time.monotonic()
        with lock:
            latencies.append((done - due) * 1000)
            by_kind[kind].append((done - due) * 1000)
            if bad:
                errors.append(bad)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, range(total)))
    took = time.monotonic() - start
    latencies.sort()
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    for kind, ts in by_kind.items():
        if len(ts) > 1:
            p95 = statistics.quantiles(ts, n=20)[18]
            print(f"  {kind}: p50 {statistics.median(ts):.0f} ms, p95 {p95:.0f} ms")
    return {
        "requests": total,
        "errors": len(errors),
        "achieved": total / took,
        "p50": statistics.median(latencies),
        "p95": q[94],
        "p99": q[98],
        "max": latencies[-1],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="a store loaded by scripts/bench_api.py")
    ap.add_argument("--rate", type=float, default=200.0, help="requests per second")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--threads", type=int, default=64, help="client threads")
    ap.add_argument("--workers", type=int, default=1, help="server processes (sitrep serve --workers)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", help="append the figures to this Markdown file")
    args = ap.parse_args()
    port = free_port()
    server = start_server(args.db, port, "--log-level", "warning", "--workers", str(args.workers))
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as probe:
            wait_up(probe, server)
        r = run(base, args.rate, args.seconds, args.seed, args.threads)
    finally:
        server.terminate()
        server.wait(timeout=30)
    backend = "PostgreSQL" if args.db.startswith("postgres") else "SQLite"
    line = (
        f"| {backend} | {args.workers} | {args.rate:.0f} | {r['achieved']:.0f} | {r['requests']} |"
        f" {r['errors']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} | {r['max']:.0f} |"
    )
    print(line)
    if args.out:
        text = (
            f"\n## Load at a fixed rate, {backend} — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n\n"
            f"- machine: {machine()}\n"
            f"- command: `.venv/bin/python scripts/bench_load.py --db … --rate {args.rate:g} --seconds"
            f" {args.seconds:g} --workers {args.workers}`; `sitrep serve` on 127.0.0.1, the client on the"
            " same machine; the kinds of `bench_api.py` mixed at random; each request timed from when it"
            " was due\n\n"
            "| backend | server processes | rate asked | rate got | requests | errors | p50 ms | p95 ms |"
            " p99 ms | max ms |\n|---|---|---|---|---|---|---|---|---|---|\n" + line + "\n"
        )
        append_report(text, args.out)


if __name__ == "__main__":
    main()
