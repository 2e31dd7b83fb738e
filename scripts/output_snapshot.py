"""Save every output sitrep gives on the shared dev sets, and compare two such snapshots.

A refactor that promises "no change in output" is checked with this: take a snapshot before,
another after, and compare. Nothing here is committed output: snapshots go to a folder you name
(outside the repository), because the dev sets are third-party text for internal use only.

    python scripts/output_snapshot.py save /tmp/before           # runs .venv/bin/sitrep
    python scripts/output_snapshot.py save /tmp/after
    python scripts/output_snapshot.py compare /tmp/before /tmp/after [--show 5]

What is saved (each through the command line or the HTTP API, the interfaces a user has):
  - ``sitrep extract`` JSONL on the reference article, news-dev, CASE dev and clusters-dev;
  - ``sitrep geoparse`` JSONL on the four geoparsing dev files and news-dev;
  - the API's JSON (events, geojson, csv, stats, every event and every article) after
    ``sitrep ingest`` of the bundled ``samples/`` and of clusters-dev, through ``sitrep serve``.
Temporary paths and the checkout's own path are blanked before comparing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
GEO = SHARED / "data" / "geoparsing"
CASE = SHARED / "data" / "events" / "case2021-task2-acled" / "dev.jsonl"
VOLATILE = re.compile(r"/tmp/[^\"/]+/")  # the temporary folder the inputs were written to
CHECKOUT = re.compile(r"/[^\"]*?/samples/")  # where the checkout stands (a worktree, a clean clone)


def _run(cmd: list[str], out: Path, env: dict[str, str] | None = None) -> None:
    """Run a sitrep command, stdout into ``out``; stderr is kept beside it."""
    t0 = time.monotonic()
    with out.open("wb") as fo, out.with_suffix(out.suffix + ".err").open("wb") as fe:
        rc = subprocess.run(cmd, stdout=fo, stderr=fe, cwd=ROOT, env=env, check=False).returncode
    print(f"  {out.name}: rc={rc} {time.monotonic() - t0:.1f}s", file=sys.stderr)


def _jsonl(rows: list[dict[str, Any]], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(base: str, path: str) -> bytes:
    with urllib.request.urlopen(base + path, timeout=60) as r:
        return bytes(r.read())


def _api_dump(sitrep: str, inputs: list[str], out: Path, tmp: Path, published: str | None = None) -> None:
    """Ingest ``inputs`` into a fresh SQLite file, serve it, and save what the API returns."""
    db = tmp / f"{out.name}.db"
    cmd = [sitrep, "ingest", *inputs, "--db", str(db)] + (["--published", published] if published else [])
    subprocess.run(cmd, cwd=ROOT, check=False, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [sitrep, "serve", "--db", str(db), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                _get(base, "/api/stats")
                break
            except OSError:
                time.sleep(0.1)
        out.mkdir(parents=True, exist_ok=True)
        listing = json.loads(_get(base, "/api/events?limit=10000"))
        (out / "events.json").write_bytes(_get(base, "/api/events?limit=10000"))
        (out / "events.geojson").write_bytes(_get(base, "/api/events?limit=10000&format=geojson"))
        (out / "events.csv").write_bytes(_get(base, "/api/events?limit=10000&format=csv"))
        (out / "stats.json").write_bytes(_get(base, "/api/stats"))
        one = [
            json.loads(_get(base, "/api/events/" + urllib.parse.quote(e["event_id"])))
            for e in listing["events"]
        ]
        _jsonl(one, out / "event_each.jsonl")
        docs = sorted({s["doc_id"] for e in one for s in e.get("sources", [])})
        arts = [json.loads(_get(base, "/api/articles/" + urllib.parse.quote(d, safe=""))) for d in docs]
        _jsonl(arts, out / "article_each.jsonl")
        print(f"  {out.name}: {len(one)} events, {len(arts)} articles", file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=30)


def save(dest: Path, sitrep: str) -> None:
    """Write every output into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        seed = json.loads((EVAL / "seed-gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
        _run(
            [sitrep, "extract", str(EVAL / seed["file"]), "--published", seed["published"]],
            dest / "seed.jsonl",
        )
        _run([sitrep, "extract", str(EVAL / "news-dev.jsonl")], dest / "news-dev.jsonl")
        case = [json.loads(x) for x in CASE.read_text(encoding="utf-8").splitlines() if x.strip()]
        case_in = _jsonl([{"id": str(r["id"]), "text": r["text"]} for r in case], tmp / "case.jsonl")
        _run([sitrep, "extract", str(case_in)], dest / "case-dev.jsonl")
        clusters = [
            json.loads(x) for x in (EVAL / "clusters-dev.jsonl").read_text(encoding="utf-8").splitlines()
        ]
        cl_in = _jsonl(
            [
                {"id": r["doc_id"], "text": r["text"], "published": r["published"], "url": r["url"]}
                for r in clusters
            ],
            tmp / "clusters.jsonl",
        )
        _run([sitrep, "extract", str(cl_in)], dest / "clusters-dev.jsonl")
        for name in ("geowebnews", "lgl", "trnews", "geovirus"):
            _run([sitrep, "geoparse", str(GEO / f"{name}-dev.jsonl")], dest / f"geoparse-{name}.jsonl")
        _run([sitrep, "geoparse", str(EVAL / "news-dev.jsonl")], dest / "geoparse-news-dev.jsonl")
        _api_dump(sitrep, [str(ROOT / "samples")], dest / "api-samples", tmp)
        _api_dump(sitrep, [str(cl_in)], dest / "api-clusters", tmp)


def _norm(line: str) -> str:
    line = CHECKOUT.sub("/ROOT/samples/", VOLATILE.sub("/TMP/", line))
    try:
        return json.dumps(json.loads(line), sort_keys=True, ensure_ascii=False)
    except ValueError:
        return line


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix in {".json", ".geojson"}:
        return [_norm(text)]
    return [_norm(x) for x in text.splitlines() if x.strip()]


def compare(a: Path, b: Path, show: int) -> int:
    """Print the differing files and a few differing lines; return how many files differ."""
    names = sorted({p.relative_to(a) for p in a.rglob("*") if p.is_file() and not p.name.endswith(".err")})
    names += sorted(
        {p.relative_to(b) for p in b.rglob("*") if p.is_file() and not p.name.endswith(".err")} - set(names)
    )
    differ = 0
    for rel in names:
        pa, pb = a / rel, b / rel
        if not pa.exists() or not pb.exists():
            print(f"{rel}: only in {'after' if pb.exists() else 'before'}")
            differ += 1
            continue
        la, lb = _lines(pa), _lines(pb)
        if la == lb:
            print(f"{rel}: same ({len(la)} lines)")
            continue
        differ += 1
        sa, sb = set(la), set(lb)
        gone, new = [x for x in la if x not in sb], [x for x in lb if x not in sa]
        print(f"{rel}: DIFFERS ({len(la)} -> {len(lb)} lines; {len(gone)} gone, {len(new)} new)")
        for x in gone[:show]:
            print(f"  - {x[:400]}")
        for x in new[:show]:
            print(f"  + {x[:400]}")
    print(f"{differ} of {len(names)} outputs differ")
    return differ


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("save", help="write every output into DEST")
    s.add_argument("dest", type=Path)
    s.add_argument("--sitrep", default=str(ROOT / ".venv" / "bin" / "sitrep"))
    c = sub.add_parser("compare", help="compare two snapshots; exit 1 when any output differs")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--show", type=int, default=3, help="differing lines to print per file")
    args = ap.parse_args()
    if args.cmd == "save":
        if not EVAL.is_dir():
            sys.exit(f"no evaluation data at {EVAL}")
        os.environ.setdefault("PYTHONHASHSEED", "0")
        save(args.dest, args.sitrep)
    else:
        sys.exit(1 if compare(args.before, args.after, args.show) else 0)


if __name__ == "__main__":
    main()
