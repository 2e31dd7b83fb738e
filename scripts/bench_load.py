"""Benchmark: a bounded open-loop load on ``sitrep serve`` at a fixed rate of mixed queries.

Not a test. Over a store already loaded by ``scripts/bench_api.py`` (1,000,000 synthetic events),
starts ``sitrep serve`` on 127.0.0.1 and sends the documented query kinds of ``bench_api``
(bbox + time, country, text, actor, stats filtered and not, a deep cursor page, GeoJSON of
1,000 rows) mixed at random, at ``--rate`` requests per second for ``--seconds``, from a pool of
client threads. Each request is timed from the moment it was due (so a server that falls behind
shows it: no coordinated omission), and every non-200 answer or transport error is counted.
Reports p50/p95/p99 and the achieved rate, and appends a section to BENCHMARKS.md with ``--out``.

Two mixes (``--mix``), because the server keeps answers until the events change (``api.cache``):
- ``menu``: 40 questions of each kind, asked in turn again and again (320 questions, each about
  37 times a minute at 200/s): many dashboards on the same views. After the first round the
  cache answers nearly all.
- ``fresh``: every request drawn anew from the kinds' distributions (random boxes, spans, words,
  actors, page depths), so only the questions that are few by nature repeat: per country, the
  country list, its stats and its GeoJSON, and the unfiltered stats.

    .venv/bin/python scripts/bench_load.py --db /tmp/b1m.db --rate 200 --seconds 60 --out BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import http.client
import random
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from bench_api import KINDS, free_port, request_for, start_server, wait_up  # noqa: E402

from sitrep.bench import append_report, machine  # noqa: E402


def prewarm(db: str) -> str:
    """Read the store into memory before the clock starts, and say how: PostgreSQL's tables and
    indexes into its shared buffers (``pg_prewarm``), a SQLite file into the OS file cache. The
    machines these figures come from reclaim idle file cache (DAMON), so without this a run's
    first minute measures the disk. Returns a line for the report."""
    from sitrep.store import open_store

    if not db.startswith("postgres"):
        with open(db, "rb") as f:
            while f.read(1 << 24):
                pass
        return "the SQLite file read once into the OS file cache"
    store = open_store(db)
    try:
        store.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")  # type: ignore[attr-defined]
        row = store.rows(  # type: ignore[attr-defined]
            "SELECT sum(pg_prewarm(c.oid)) * current_setting('block_size')::bigint AS loaded,"
            " current_setting('shared_buffers') AS buffers FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname IN (current_schema(), 'pg_toast') AND c.relkind IN ('r', 'i', 't')"
            " AND pg_relation_size(c.oid) > 0"
        )[0]
    finally:
        store.close()
    loaded = int(row["loaded"]) / 1e9
    return f"PostgreSQL shared_buffers {row['buffers']}, {loaded:.1f} GB prewarmed (pg_prewarm)"


def writer(db: str, every: float, stop: threading.Event, kind: str = "reject") -> threading.Thread:
    """A thread that commits one small write every ``every`` seconds, as an ingest would:
    ``reject``, a document refused (as most of a live feed: it changes no event, so only the
    answers kept under the data generation, the stats, are void from then on); ``event``, one
    canonical event rewritten (a correction: every kept answer is void)."""
    from sitrep.records import Rejected
    from sitrep.store import open_store

    def loop() -> None:
        store = open_store(db)
        while not stop.wait(every):
            with store.transaction():
                if kind == "event":
                    store.execute(  # type: ignore[attr-defined]
                        "UPDATE canonical_events SET confidence = confidence"
                        " WHERE event_id = (SELECT min(event_id) FROM canonical_events)"
                    )
                    continue
                store.record_rejects(
                    [
                        Rejected(
                            f"bench-load-{time.time_ns()}", "bench", "clean", f"a test write {time.time_ns()}"
                        )
                    ]
                )
        store.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    return thread


def print_timeline(timeline: list[tuple[float, float, str]], step: float = 5.0) -> None:
    """Per ``step`` seconds of due time: requests, p50, p99 and max, and the cache's marks."""
    windows: dict[int, list[tuple[float, str]]] = {}
    for at, ms, mark in timeline:
        windows.setdefault(int(at // step), []).append((ms, mark))
    for w, rows in sorted(windows.items()):
        ms = sorted(r[0] for r in rows)
        counts: dict[str, int] = {}
        for _, mark in rows:
            counts[mark] = counts.get(mark, 0) + 1
        tail = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
        print(
            f"  {w * step:5.0f}s {len(ms):5d} req p50 {ms[len(ms) // 2]:7.0f} p99 {tail:7.0f}"
            f" max {ms[-1]:7.0f} ms " + " ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        )


def run(
    base: str,
    rate: float,
    seconds: float,
    seed: int,
    threads: int,
    mix: str = "menu",
    warmup: float = 0.0,
    show_timeline: bool = False,
) -> dict[str, float]:
    rng = random.Random(seed)
    warm = int(rate * warmup)  # sent at the same rate first, not timed
    total = int(rate * seconds) + warm
    with httpx.Client(base_url=base, timeout=30) as setup:
        if mix == "menu":
            menu = [(kind, *request_for(kind, rng, setup)) for kind in KINDS for _ in range(40)]
            rng.shuffle(menu)
        else:  # drawn before the clock starts (the deep page's cursor is looked up per request)
            menu = [(kind, *request_for(kind, rng, setup)) for kind in rng.choices(KINDS, k=total)]
    targets = [(kind, f"{path}?{urlencode(params)}" if params else path) for kind, path, params in menu]
    distinct = len({t for _, t in targets})
    print(f"  {total - warm} timed requests after {warm} untimed, {distinct} distinct questions")
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    by_kind: dict[str, list[float]] = {k: [] for k in KINDS}
    errors: list[str] = []
    timeline: list[tuple[float, float, str]] = []  # (seconds after the start when due, ms, X-Cache)
    marks: dict[str, int] = {}  # X-Cache of the timed answers: hit, miss, stale (none: not cached)
    lock = threading.Lock()
    local = threading.local()

    def connection() -> http.client.HTTPConnection:
        """This thread's keep-alive connection (the standard library's: a light client, so the
        machine's two cores go to the server; bodies are read as sent, gzip, and not decoded)."""
        if not hasattr(local, "c"):
            local.c = http.client.HTTPConnection(host, int(port), timeout=30)
        conn: http.client.HTTPConnection = local.c
        return conn

    start = time.monotonic() + 1.0

    def one(i: int) -> None:
        due = start + i / rate
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        kind, target = targets[i % len(targets)]
        try:
            conn = connection()
            conn.request("GET", target, headers={"Accept-Encoding": "gzip"})
            answer = conn.getresponse()
            answer.read()
            bad = None if answer.status == 200 else f"HTTP {answer.status}"
            mark = answer.getheader("x-cache") or "none"
        except (OSError, http.client.HTTPException) as exc:
            bad, mark = type(exc).__name__, "error"
            local.c.close()
            del local.c
        done = time.monotonic()
        if i < warm:
            return
        with lock:
            latencies.append((done - due) * 1000)
            by_kind[kind].append((done - due) * 1000)
            marks[mark] = marks.get(mark, 0) + 1
            timeline.append((due - start - warm / rate, (done - due) * 1000, mark))
            if bad:
                errors.append(bad)

    cpu = time.process_time()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, range(total)))
    took = time.monotonic() - start - warm / rate
    print("  answers by X-Cache: " + ", ".join(f"{k} {v}" for k, v in sorted(marks.items())))
    print(f"  the client's own CPU: {(time.process_time() - cpu) / total * 1000:.2f} ms per request")
    total -= warm
    if show_timeline:
        print_timeline(timeline)
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
        "distinct": distinct,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="a store loaded by scripts/bench_api.py")
    ap.add_argument("--rate", type=float, default=200.0, help="requests per second")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--threads", type=int, default=64, help="client threads")
    ap.add_argument("--workers", type=int, default=1, help="server processes (sitrep serve --workers)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--mix", choices=("menu", "fresh"), default="menu", help="see above")
    ap.add_argument(
        "--warmup", type=float, default=0.0, help="seconds of the same load sent first and not timed"
    )
    ap.add_argument(
        "--write-every",
        type=float,
        default=0.0,
        help="commit a small write every N seconds meanwhile (0: none)",
    )
    ap.add_argument(
        "--write-kind",
        choices=("reject", "event"),
        default="reject",
        help="what each write changes (see writer)",
    )
    ap.add_argument("--cache-stale", type=float, default=10.0, help="the server's --cache-stale")
    ap.add_argument("--cache-mb", type=float, default=64.0, help="the server's --cache-mb (0: no cache)")
    ap.add_argument("--prewarm", action="store_true", help="read the store into memory first (see prewarm)")
    ap.add_argument("--timeline", action="store_true", help="print latency and cache marks per 5 s")
    ap.add_argument("--out", help="append the figures to this Markdown file")
    args = ap.parse_args()
    warmed = prewarm(args.db) if args.prewarm else "not prewarmed"
    print(f"  {warmed}")
    port = free_port()
    server = start_server(
        args.db,
        port,
        "--log-level",
        "warning",
        "--workers",
        str(args.workers),
        "--cache-mb",
        str(args.cache_mb),
        "--cache-stale",
        str(args.cache_stale),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as probe:
            wait_up(probe, server)
        stop = threading.Event()
        if args.write_every > 0:
            writer(args.db, args.write_every, stop, args.write_kind)
        r = run(base, args.rate, args.seconds, args.seed, args.threads, args.mix, args.warmup, args.timeline)
        stop.set()
    finally:
        server.terminate()
        server.wait(timeout=30)
    backend = "PostgreSQL" if args.db.startswith("postgres") else "SQLite"
    line = (
        f"| {backend} | {args.mix} | {args.warmup:g} s |"
        f" {f'{args.write_every:g} ({args.write_kind})' if args.write_every else '-'} | {args.cache_mb:g} |"
        f" {args.cache_stale:g} |"
        f" {args.workers} |"
        f" {args.rate:.0f} |"
        f" {r['achieved']:.0f} | {r['requests']} | {r['distinct']} |"
        f" {r['errors']} | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} | {r['max']:.0f} |"
    )
    print(line)
    if args.out:
        text = (
            f"\n## Load at a fixed rate, {backend} — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n\n"
            f"- machine: {machine()}\n"
            f"- command: `.venv/bin/python scripts/bench_load.py --db … --rate {args.rate:g} --seconds"
            f" {args.seconds:g} --workers {args.workers} --mix {args.mix} --cache-mb {args.cache_mb:g}"
            f" --cache-stale {args.cache_stale:g} --warmup {args.warmup:g}"
            f" --write-every {args.write_every:g} --write-kind {args.write_kind}"
            f"{' --prewarm' if args.prewarm else ''}`;"
            " `sitrep serve` on 127.0.0.1, the client on the"
            " same machine; the kinds of `bench_api.py` mixed at random; each request timed from when it"
            f" was due; {warmed}\n\n"
            "| backend | mix | untimed warm-up | a write every (s) | cache MB | stale s | server processes |"
            " rate asked | rate got | requests | distinct |"
            " errors | p50 ms | p95 ms | p99 ms | max ms |\n" + "|---" * 16 + "|\n" + line + "\n"
        )
        append_report(text, args.out)


if __name__ == "__main__":
    main()
