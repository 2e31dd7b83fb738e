"""Benchmark: every documented ``/api`` query over N synthetic canonical events, per query kind.

Not a test (it takes minutes and gigabytes). Loads N synthetic single-source canonical events
(spread over 10 years, 12 countries and the band 35°S–60°N, 20°W–100°E) into a store through the
normal ``write_canonical`` path, starts ``sitrep serve`` on 127.0.0.1, and runs a bounded load
loop of sequential requests, the kinds in turn (``KINDS``): bbox + time, country, text, actor,
stats filtered and not, the 1,000th page through the cursor, and GeoJSON of 1,000 rows. Reports
p50/p95 per kind as seen by the client, and appends a section to BENCHMARKS.md with ``--out``.

    .venv/bin/python scripts/bench_api.py --db /tmp/bench.db -n 1000000 --out BENCHMARKS.md
    .venv/bin/python scripts/bench_api.py --db postgresql://postgres@127.0.0.1:55432/sitrep_bench
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

from sitrep.bench import append_report, machine
from sitrep.dedup import canonicalize
from sitrep.records import Event, Evidence, Mention, Source
from sitrep.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SUBS = [
    ("Armed clash", "Battles"),
    ("Air/drone strike", "Explosions/Remote violence"),
    ("Shelling/artillery/missile attack", "Explosions/Remote violence"),
    ("Attack", "Violence against civilians"),
    ("Peaceful protest", "Protests"),
    ("Violent demonstration", "Riots"),
    ("Arrests", "Strategic developments"),
]
COUNTRIES = ["ML", "BF", "NE", "NG", "SD", "SO", "CD", "UA", "MM", "YE", "SY", "AF"]
START = date(2015, 1, 1)
DAYS = 3650


def synthetic(i: int, rng: random.Random) -> Mention:
    """One invented event (no real text: a template sentence)."""
    sub, etype = SUBS[i % len(SUBS)]
    lat, lon = rng.uniform(-35, 60), rng.uniform(-20, 100)
    day = START + timedelta(days=rng.randrange(DAYS))
    sentence = f"Synthetic report {i}: a {sub.lower()} was reported near place {i % 5000} on {day}."
    event = Event(
        doc_id=f"syn-doc-{i}",
        source=Source(f"syn-doc-{i}", f"https://synthetic.example/{i}", None, day),
        event_type=etype,
        sub_event_type=sub,
        date=day,
        time_precision=1,
        location=f"Place {i % 5000}",
        admin1=f"Region {i % 300}",
        country=COUNTRIES[i % len(COUNTRIES)],
        latitude=round(lat, 5),
        longitude=round(lon, 5),
        geo_precision=1,
        actor1=f"Armed Group {i % 400}",
        actor2="Civilians",
        fatalities=rng.randrange(0, 20),
        confidence=0.7,
        evidence=(Evidence(sentence, 0, len(sentence)),),
    )
    return Mention(event)


def load(url: str, n: int, chunk: int = 20_000) -> float:
    """Fill the store with n synthetic canonical events (skips when it already has n)."""
    store = open_store(url)
    have = store.count_events()
    if have >= n:
        print(f"store already holds {have:,} events; not reloading", file=sys.stderr)
        store.close()
        return 0.0
    rng = random.Random(20130120 + have)
    t0 = time.perf_counter()
    for start in range(have, n, chunk):
        batch = [canonicalize([synthetic(i, rng)]) for i in range(start, min(n, start + chunk))]
        store.write_canonical(batch, assume_new=True)
        print(f"  loaded {min(n, start + chunk):,}/{n:,} ({time.perf_counter() - t0:.0f}s)", file=sys.stderr)
    pg = store.dialect == "postgres"  # type: ignore[attr-defined]
    # Every table (the actor names too): without their statistics PostgreSQL counted an actor's
    # 27,500 events in 9 s instead of 0.4 s.
    store.execute("VACUUM ANALYZE" if pg else "ANALYZE")  # type: ignore[attr-defined]
    store.close()
    return time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


KINDS = ("bbox_time", "country", "text", "actor", "stats_country", "stats_all", "page_1000", "geojson_1000")
PAGE = 100  # rows per page for the 1,000th-page query


_CURSORS: dict[str, str] = {}  # server → the cursor of the 1,000th page


def request_for(kind: str, rng: random.Random, client: httpx.Client) -> tuple[str, dict[str, str]]:
    """One request of ``kind`` (a cursor for the 1,000th page is looked up first, untimed)."""
    country = rng.choice(COUNTRIES)
    if kind == "bbox_time":
        side = rng.uniform(2, 20)
        west, south = rng.uniform(-20, 100 - side), rng.uniform(-35, 60 - side)
        span = rng.randint(7, 180)
        since = START + timedelta(days=rng.randrange(DAYS - span))
        return "/api/events", {
            "bbox": f"{west:.3f},{south:.3f},{west + side:.3f},{south + side:.3f}",
            "since": since.isoformat(),
            "until": (since + timedelta(days=span)).isoformat(),
        }
    if kind == "country":
        return "/api/events", {"country": country, "limit": "100"}
    if kind == "text":
        return "/api/events", {"text": f"near place {rng.randrange(5000)} on", "limit": "100"}
    if kind == "actor":
        return "/api/events", {"actor": f"group {rng.randrange(400)}", "limit": "100"}
    if kind == "stats_country":
        return "/api/stats", {"country": country}
    if kind == "stats_all":
        return "/api/stats", {}
    if kind == "page_1000":
        where = str(client.base_url)
        if where not in _CURSORS:  # looked up once per server: the events do not change meanwhile
            edge = client.get("/api/events", params={"limit": "1", "offset": str(999 * PAGE - 1)}).json()
            _CURSORS[where] = edge["next"].split("cursor=")[1] if edge["next"] else ""
        return "/api/events", {"limit": str(PAGE), "cursor": _CURSORS[where]}
    return "/api/events", {"country": country, "format": "geojson", "limit": "1000"}


def start_server(url: str, port: int, *options: str) -> subprocess.Popen[bytes]:
    """``sitrep serve`` over ``url`` on 127.0.0.1:``port`` (more ``options`` of serve, if any)."""
    exe = Path(sys.executable).with_name("sitrep")
    return subprocess.Popen(
        [str(exe), "serve", "--host", "127.0.0.1", "--port", str(port), *options],
        env={**os.environ, "SITREP_DB": url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_up(client: httpx.Client, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    """Wait until the server answers an events page (exit when it dies or takes too long)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if client.get("/api/events?limit=1").status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            raise SystemExit(f"server did not start: {server.stderr.read() if server.stderr else ''}")
        time.sleep(0.2)


def run_loop(url: str, requests: int, warmup: int, seed: int) -> dict[str, dict[str, float]]:
    """Start ``sitrep serve`` on 127.0.0.1 and time ``requests`` sequential queries of each kind."""
    port = free_port()
    server = start_server(url, port, "--cache-mb", "0")  # each query computed: what it costs
    base = f"http://127.0.0.1:{port}"
    times: dict[str, list[float]] = {k: [] for k in KINDS}
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            wait_up(client, server)
            rng = random.Random(seed)
            for k in range(warmup + requests):
                for kind in KINDS:
                    path, params = request_for(kind, rng, client)
                    t0 = time.perf_counter()
                    resp = client.get(path, params=params)
                    dt = time.perf_counter() - t0
                    resp.raise_for_status()
                    if k >= warmup:
                        times[kind].append(dt * 1000)
    finally:
        server.terminate()
        server.wait(timeout=20)
    out = {}
    for kind, ts in times.items():
        ts.sort()
        q = statistics.quantiles(ts, n=100) if len(ts) > 1 else ts * 99
        out[kind] = {"requests": len(ts), "p50": statistics.median(ts), "p95": q[94], "max": ts[-1]}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="SQLite path or postgresql:// URL (a scratch database)")
    ap.add_argument("-n", type=int, default=1_000_000, help="synthetic events to load")
    ap.add_argument("--requests", type=int, default=100, help="timed rounds of every kind (after --warmup)")
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", help="append the figures to this Markdown file")
    args = ap.parse_args()

    load_s = load(args.db, args.n)
    r = run_loop(args.db, args.requests, args.warmup, args.seed)
    backend = "PostgreSQL" if args.db.startswith("postgres") else "SQLite"
    extra = ""
    if backend == "PostgreSQL":
        store = open_store(args.db)
        version = store.rows("SHOW server_version")[0]["server_version"]  # type: ignore[attr-defined]
        extra = f" {version}, PostGIS {'on' if store.has_postgis else 'off'}"  # type: ignore[attr-defined]
        store.close()
    rows = "".join(
        f"| {kind} | {v['requests']} | {v['p50']:.1f} | {v['p95']:.1f} | {v['max']:.1f} |"
        f" {'yes' if v['p95'] < 100 else 'no'} |\n"
        for kind, v in r.items()
    )
    missed = [k for k, v in r.items() if v["p95"] >= 100]
    text = (
        f"\n## API queries at {args.n:,} events, {backend} — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n\n"
        f"- machine: {machine()}; {backend}{extra}\n"
        f"- data: {args.n:,} synthetic canonical events (10 years, 12 countries, 35°S–60°N × 20°W–100°E)"
        + (f", loaded in {load_s:.0f} s" if load_s else "")
        + "\n"
        f"- command: `.venv/bin/python scripts/bench_api.py --db … -n {args.n} --requests {args.requests}`;"
        " `sitrep serve --cache-mb 0` on 127.0.0.1 (every answer computed); the kinds in turn,"
        f" sequential, after {args.warmup} warm-up rounds;"
        " client-side wall time incl. JSON\n\n"
        "| query | requests | p50 ms | p95 ms | max ms | p95 < 100 ms |\n|---|---|---|---|---|---|\n"
        + rows
        + (
            "\n**Every kind meets p95 < 100 ms.**\n"
            if not missed
            else f"\n**Over 100 ms at p95: {', '.join(missed)}.**\n"
        )
    )
    append_report(text, args.out)


if __name__ == "__main__":
    main()
