#!/usr/bin/env python3
"""Check the event-sentence corpus (data/events-corpus/): schema, duplicates, overlap with evaluation data.

    .venv/bin/python scripts/check_corpus.py [--shared ../shared]

1. Schema: every row has the writers' keys, a known label (one of sitrep.taxonomy's 25 sub-types or
   "None"), 6 to 60 words, a unique id and a unique text.
2. Near-duplicates, the writers' rule: a word with a digit becomes <N>, a capitalised word <C>, any
   other word is lower-cased; 6-grams with at least three real words shared by two sentences are
   listed (as notes: after the writers' rewrites they are common phrases such as "who asked not to
   be named", not reused skeletons), as are locations not spelled as in their text.
3. Overlap with evaluation data: no sentence may share a 7-gram of lower-cased words with any text
   file under ../shared (the CASE snippets, the news articles, MUC-4, IndiaPoliceEvents, the
   geoparsing sets). When ../shared is absent the check says so and is skipped.

Prints counts by label and family, every note and every problem; exits 1 on a schema problem or an
overlap.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from sitrep import taxonomy  # noqa: E402

CORPUS = ROOT / "data" / "events-corpus"
NOT_EVENT = "None"
KEYS = ("id", "text", "label", "family", "country", "style", "location", "actor1", "actor2", "fatalities")
WORD = re.compile(r"\w+(?:['’-]\w+)*")
LOWER_WORD = re.compile(r"[a-z0-9]+")
TEXT_SUFFIXES = {".jsonl", ".json", ".txt", ".muc4", ""}


def read_corpus(folder: Path = CORPUS) -> list[dict[str, object]]:
    """Every row of the corpus's part-*.jsonl files, in file order."""
    rows: list[dict[str, object]] = []
    for path in sorted(folder.glob("part-*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def schema_problems(rows: list[dict[str, object]]) -> list[str]:
    """Rows that break the writers' brief: keys, label, length, unique id and text."""
    labels = set(taxonomy.BY_NAME) | {NOT_EVENT}
    problems = []
    for key in ("id", "text"):
        counts = collections.Counter(str(r[key]) for r in rows)
        problems += [f"duplicate {key}: {value}" for value, n in counts.items() if n > 1]
    for r in rows:
        text = str(r["text"])
        if tuple(r) != KEYS:
            problems.append(f"{r.get('id')}: keys {tuple(r)}")
        if r["label"] not in labels:
            problems.append(f"{r['id']}: unknown label {r['label']!r}")
        if not 6 <= len(text.split()) <= 60:
            problems.append(f"{r['id']}: {len(text.split())} words")
    return problems


def notes(rows: list[dict[str, object]]) -> list[str]:
    """What is reported but not a failure: locations not spelled as in the text, shared 6-grams."""
    found = [
        f"{r['id']}: location {r['location']!r} not in the text"
        for r in rows
        if r["location"] and str(r["location"]).lower() not in str(r["text"]).lower()
    ]
    dups = shared_skeletons(rows)
    return found + [f"shared 6-gram {' '.join(g)!r}: {', '.join(ids)}" for g, ids in sorted(dups.items())]


def skeleton(text: str) -> list[str]:
    """The writers' near-duplicate form: <N> for words with a digit, <C> for capitalised ones."""
    out = []
    for word in WORD.findall(text):
        if any(ch.isdigit() for ch in word):
            out.append("<N>")
        elif word[0].isupper():
            out.append("<C>")
        else:
            out.append(word.lower())
    return out


def shared_skeletons(
    rows: list[dict[str, object]], n: int = 6, real: int = 3
) -> dict[tuple[str, ...], list[str]]:
    """Skeleton n-grams with at least ``real`` real words that two or more sentences share."""
    owners: dict[tuple[str, ...], set[str]] = collections.defaultdict(set)
    for r in rows:
        words = skeleton(str(r["text"]))
        for i in range(len(words) - n + 1):
            gram = tuple(words[i : i + n])
            if sum(not w.startswith("<") for w in gram) >= real:
                owners[gram].add(str(r["id"]))
    return {g: sorted(ids) for g, ids in owners.items() if len(ids) > 1}


def grams(text: str, n: int = 7) -> Iterator[tuple[str, ...]]:
    """The n-grams of lower-cased letter-and-digit words."""
    words = LOWER_WORD.findall(text.lower())
    return (tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def text_files(shared: Path) -> Iterable[Path]:
    """Every data file under ../shared (code, docs and hooks left out)."""
    for path in sorted(shared.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES and "hooks" not in path.parts:
            yield path


def overlaps(rows: list[dict[str, object]], shared: Path, n: int = 7) -> list[str]:
    """Sentences sharing an n-gram with a file under ``shared``: "id: file: gram"."""
    owners: dict[tuple[str, ...], set[str]] = collections.defaultdict(set)
    for r in rows:
        for gram in grams(str(r["text"]), n):
            owners[gram].add(str(r["id"]))
    found = set()
    for path in text_files(shared):
        for gram in grams(path.read_text(encoding="utf-8", errors="replace"), n):
            for owner in owners.get(gram, ()):
                found.add(f"{owner}: {path.relative_to(shared)}: {' '.join(gram)}")
    return sorted(found)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="evaluation data folder")
    args = ap.parse_args()
    rows = read_corpus()
    print(f"{len(rows)} sentences in {CORPUS.relative_to(ROOT)}")
    for label, n in sorted(collections.Counter(str(r["label"]) for r in rows).items()):
        print(f"  {n:5d}  {label}")
    families = collections.Counter(str(r["family"]) for r in rows if r["label"] == NOT_EVENT)
    print("not-an-event families: " + ", ".join(f"{f} {n}" for f, n in sorted(families.items())))
    problems = schema_problems(rows)
    print(f"schema: {len(problems)} problem(s)")
    for note in (found := notes(rows)):
        print(f"  note {note}")
    print(f"notes (not failures: metadata spelling, 6-grams shared by two sentences): {len(found)}")
    if args.shared.is_dir():
        hits = overlaps(rows, args.shared)
        print(f"7-grams shared with {args.shared} ({len(list(text_files(args.shared)))} files): {len(hits)}")
        problems += [f"overlap {h}" for h in hits]
    else:
        print(f"{args.shared} is absent: the overlap with evaluation data was not checked")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
