"""Benchmark: dedup of N synthetic mentions, incremental (batch by batch) and as one rebuild.

Not a test (it takes minutes). Invents happenings in 12 countries over two years, each reported
by one to six outlets with the noise real reports have (a place a few km off, a date a day off,
a rising toll, one report in six only at country level), until there are N mentions. Articles
are short template sentences (no real text), so the near-copy check does not run.

Two stores get the same articles, in publication order:

- **incremental**: saved in daily batches, each followed by the reduce step (what ``sitrep
  ingest`` does for a stream); the time of the reduce steps is summed;
- **rebuild**: saved without dedup, then one ``rebuild_all`` (what ``sitrep dedup`` does).

Both are timed in the same process; the ratio is what to compare across machines. It checks
that both stores end with the same canonical events (ids and members).

    .venv/bin/python scripts/bench_dedup.py -n 100000 --out BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from itertools import groupby
from pathlib import Path

from sitrep.bench import append_report, machine
from sitrep.records import Article, Event, Evidence, Source, content_hash
from sitrep.runners import rebuild_all, reduce_articles, save_batch
from sitrep.store import open_store
from sitrep.store.base import Store

SUBS = [
    ("Armed clash", "Battles"),
    ("Air/drone strike", "Explosions/Remote violence"),
    ("Attack", "Violence against civilians"),
    ("Peaceful protest", "Protests"),
    ("Arrests", "Strategic developments"),
]
COUNTRIES = {  # a box inside each country (south, north, west, east), and its country-level point
    "ML": ((11.0, 20.0, -11.0, 3.0), (17.0, -4.0)),
    "BF": ((10.0, 14.5, -5.0, 1.5), (12.3, -1.5)),
    "NE": ((12.0, 20.0, 1.0, 14.0), (17.0, 8.0)),
    "NG": ((5.0, 13.0, 3.5, 13.5), (9.0, 8.0)),
    "SD": ((10.0, 20.0, 23.0, 36.0), (15.0, 30.0)),
    "SO": ((-1.0, 10.0, 42.0, 49.0), (5.0, 46.0)),
    "CD": ((-10.0, 4.0, 17.0, 30.0), (-3.0, 23.0)),
    "UA": ((45.0, 51.0, 24.0, 39.0), (49.0, 32.0)),
    "MM": ((16.0, 26.0, 93.0, 99.0), (21.0, 96.0)),
    "YE": ((13.0, 17.5, 43.0, 51.0), (15.5, 47.5)),
    "SY": ((32.5, 37.0, 36.0, 41.0), (35.0, 38.5)),
    "AF": ((30.0, 37.0, 62.0, 70.0), (34.0, 66.0)),
}
START = date(2024, 1, 1)
DAYS = 730
Item = tuple[Article, list[Event]]


def synthetic(n: int, seed: int) -> list[Item]:
    """Articles with one event each, about N mentions, in publication order."""
    rng = random.Random(seed)
    items: list[Item] = []
    h = 0
    while len(items) < n:
        h += 1
        cc = rng.choice(sorted(COUNTRIES))
        (s, nth, w, e), country_point = COUNTRIES[cc]
        lat, lon = rng.uniform(s, nth), rng.uniform(w, e)
        sub, etype = rng.choice(SUBS)
        day = START + timedelta(days=rng.randrange(DAYS))
        toll = rng.choice([None, None, rng.randrange(1, 30)])
        for k in range(rng.randint(1, 6)):
            i = len(items)
            published = day + timedelta(days=rng.choice([0, 0, 1, 2]))
            vague = rng.random() < 1 / 6
            plat, plon = country_point if vague else (lat + rng.gauss(0, 0.02), lon + rng.gauss(0, 0.02))
            text = f"Report {i} on happening {h}: a {sub.lower()} in {cc} on {day}."
            doc = f"bench-{i}"
            a = Article(doc, doc, text, content_hash(text), published, "given", f"https://o{k}.example/{i}")
            ev = Event(
                doc_id=doc,
                event_type=etype,
                sub_event_type=sub,
                evidence=(Evidence(text, 0, len(text)),),
                source=Source(doc, a.url, None, published),
                date=day + timedelta(days=rng.choice([0, 0, 0, -1])),
                time_precision=1,
                location=cc if vague else f"place-{h}",
                admin1=None if vague else f"area-{h % 50}",
                country=cc,
                latitude=plat,
                longitude=plon,
                geo_precision=3 if vague else 1,
                actor1=rng.choice(["Military Forces", "Unidentified Armed Group", "Protesters"]) + f" ({cc})",
                fatalities=None if toll is None else toll + k,
                place_name=f"place-{h}",
            )
            items.append((a, [ev]))
    items.sort(key=lambda it: (it[0].published or START, it[0].doc_id))
    return items[:n]


def canon(store: Store) -> dict[str, list[str]]:
    """Live canonical event id → sorted member mention ids."""
    db = store
    out: dict[str, list[str]] = defaultdict(list)
    rows = db.rows(  # type: ignore[attr-defined]
        "SELECT m.event_id, m.mention_id FROM canonical_members m JOIN canonical_events c"
        " ON c.event_id = m.event_id WHERE c.superseded_by IS NULL ORDER BY m.mention_id"
    )
    for r in rows:
        out[r["event_id"]].append(r["mention_id"])
    return dict(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=100_000, help="synthetic mentions")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", help="folder for the two SQLite files (default: a temporary one)")
    ap.add_argument("--out", help="append the figures to this Markdown file")
    args = ap.parse_args()
    items = synthetic(args.n, args.seed)
    tmp = Path(args.db or tempfile.mkdtemp(prefix="bench-dedup-"))
    inc, full = open_store(str(tmp / "incremental.db")), open_store(str(tmp / "rebuild.db"))

    save_t = reduce_t = 0.0
    per_batch: list[float] = []
    batches = 0
    for _, group in groupby(items, key=lambda it: it[0].published):
        batch = list(group)
        t0 = time.perf_counter()
        counts = save_batch(inc, batch)
        t1 = time.perf_counter()
        reduce_articles(inc, counts.touched)
        t2 = time.perf_counter()
        save_t += t1 - t0
        reduce_t += t2 - t1
        per_batch.append(t2 - t1)
        batches += 1
    t0 = time.perf_counter()
    for k in range(0, len(items), 5000):
        save_batch(full, items[k : k + 5000])
    t1 = time.perf_counter()
    rebuild_all(full)
    rebuild_t = time.perf_counter() - t1
    full_save_t = t1 - t0
    a, b = canon(inc), canon(full)
    same = a == b
    inc.close()
    full.close()
    per_batch.sort()
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = (
        f"\n## Dedup, {args.n:,} mentions: incremental and rebuild — {stamp}\n\n"
        f"- machine: {machine()}\n"
        f"- command: `.venv/bin/python scripts/bench_dedup.py -n {args.n} --out BENCHMARKS.md`\n"
        f"- data: synthetic happenings in 12 countries over {DAYS} days, 1–6 reports each (place jitter, "
        f"dates a day off, rising tolls, 1 in 6 country-level), one mention per article\n\n"
        f"| run | dedup seconds | note |\n|---|---|---|\n"
        f"| rebuild (`sitrep dedup`): one `rebuild_all` | {rebuild_t:.1f} | "
        f"saving took {full_save_t:.1f} s |\n"
        f"| incremental: {batches} daily batches, reduce after each | {reduce_t:.1f} | "
        f"per batch p50 {statistics.median(per_batch) * 1000:.0f} ms, "
        f"p95 {per_batch[int(0.95 * (len(per_batch) - 1))] * 1000:.0f} ms; saving took {save_t:.1f} s |\n\n"
        f"**Ratio: the incremental reduce steps together take {reduce_t / rebuild_t:.2f}× one rebuild**; "
        f"{len(b):,} canonical events; incremental and rebuild give the same events: "
        f"{'yes' if same else 'NO'}.\n"
    )
    append_report(text, args.out)


if __name__ == "__main__":
    main()
