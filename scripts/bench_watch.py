"""Benchmark: latency of ``sitrep watch``, from an item appearing in a feed to its events stored.

Not a test (minutes). Serves an RSS feed and its article pages (short made-up stories) from a
loopback HTTP server; items appear at random moments over ``--span`` seconds while the watcher
polls every ``--interval`` seconds. For every item it takes the time from the moment the server
first listed it to the moment its events were stored (``feed_items.stored_at``) and reports the
median, p95 and max. Appends a section to BENCHMARKS.md with ``--out``.

    .venv/bin/python scripts/bench_watch.py --items 12 --span 150 --interval 30 --out BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sitrep.bench import append_report, machine
from sitrep.feeds import Fetcher, watch
from sitrep.pipeline import load_resources
from sitrep.settings import load_settings
from sitrep.store import open_store

TOWNS = ["Niono", "Mopti", "Gao", "Kidal", "Timbuktu", "Ségou", "Sévaré", "Ménaka", "Ansongo", "Diabaly"]
STORY = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>Soldiers and militants clashed near {town} on Sunday, and {n} fighters were killed, the army "
    "said on Monday.</p><p>Residents of {town} said the shooting went on for several hours.</p>"
    "</article></body></html>"
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=12)
    ap.add_argument("--span", type=float, default=150.0, help="seconds over which items appear")
    ap.add_argument("--interval", type=float, default=30.0)
    ap.add_argument("--out")
    args = ap.parse_args()
    rng = random.Random(7)
    start = time.time()
    schedule = sorted((start + rng.uniform(0, args.span), i) for i in range(args.items))
    appeared: dict[str, float] = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a: Any) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            now = time.time()
            port = self.server.server_address[1]
            if self.path == "/feed.xml":
                live = [i for t, i in schedule if t <= now]
                items = ""
                for i in live:
                    link = f"http://127.0.0.1:{port}/news/{i}.html"
                    appeared.setdefault(link, next(t for t, j in schedule if j == i))
                    items += f"<item><title>Clash {i}</title><link>{link}</link><guid>{link}</guid></item>"
                channel = f"<channel><title>Bench</title>{items}</channel>"
                body = f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'
            elif self.path.startswith("/news/"):
                i = int(self.path.split("/")[-1].split(".")[0])
                body = STORY.format(title=f"Clash {i}", town=TOWNS[i % len(TOWNS)], n=3 + i % 5)
            else:
                body = ""
            data = body.encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = load_settings()
    store = open_store(str(Path(tempfile.mkdtemp()) / "watch.db"))
    fetcher = Fetcher(allow_private=True, min_interval=0.2)
    rounds = math.ceil((args.span + 2 * args.interval) / args.interval) + 1
    url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    watch(store, [url], settings, load_resources(settings), fetcher, interval=args.interval, rounds=rounds)
    server.shutdown()
    rows = store.rows("SELECT url, stored_at, status FROM feed_items")  # type: ignore[attr-defined]
    lat = sorted(r["stored_at"] - appeared[r["url"]] for r in rows if r["stored_at"] is not None)
    p95 = lat[min(len(lat) - 1, math.ceil(0.95 * len(lat)) - 1)]
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = (
        f"\n## `sitrep watch` latency — {stamp}\n\n"
        f"- machine: {machine()}\n"
        f"- command: `.venv/bin/python scripts/bench_watch.py --items {args.items} --span {args.span:g} "
        f"--interval {args.interval:g} --out BENCHMARKS.md`\n"
        f"- a loopback RSS feed where {args.items} made-up stories appear at random over {args.span:g} s; "
        f"polled every {args.interval:g} s; latency = item first listed → its events stored\n\n"
        f"| items stored | median | p95 | max |\n|---|---|---|---|\n"
        f"| {len(lat)} of {args.items} | {statistics.median(lat):.1f} s | {p95:.1f} s | {lat[-1]:.1f} s |\n\n"
        f"**p95 {p95:.1f} s: {'within' if p95 <= 60 else 'OVER'} the 60 s target "
        f"at a {args.interval:g} s poll.**\n"
    )
    append_report(text, args.out)


if __name__ == "__main__":
    main()
