"""No document of any ../shared evaluation set takes the coder more than 10 seconds.

One article in a few hundred once made the coder loop forever; this runs every document of every
set (news, clusters, the reference article, CASE, MUC-4, IndiaPoliceEvents, the geoparsing sets)
through the whole per-document pipeline, one at a time, and names the slowest. Internal data: it
runs only where ../shared is present.
"""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
LIMIT_SECONDS = 10.0
BATCH = 4  # documents parsed together: small, so a batch's parse stays a small share of the limit
SETS = {
    "news-dev": "eval/news-dev.jsonl",
    "clusters-dev": "eval/clusters-dev.jsonl",
    "case2021-dev": "data/events/case2021-task2-acled/dev.jsonl",
    "muc4": "data/events/muc4/muc4_docs.jsonl",
    "indiapoliceevents": "data/events/indiapoliceevents/docs.jsonl",
    "geowebnews-dev": "data/geoparsing/geowebnews-dev.jsonl",
    "lgl-dev": "data/geoparsing/lgl-dev.jsonl",
    "trnews-dev": "data/geoparsing/trnews-dev.jsonl",
    "geovirus-dev": "data/geoparsing/geovirus-dev.jsonl",
}

pytestmark = [pytest.mark.eval, pytest.mark.model, pytest.mark.slow]


def _texts(path: Path) -> list[tuple[str, str, date | None]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        row = json.loads(line)
        text = row.get("text") or row.get("html") or row.get("doc_text") or ""
        published = row.get("published")
        day = (
            date.fromisoformat(published[:10])
            if isinstance(published, str) and len(published) >= 10
            else None
        )
        out.append((str(row.get("id", row.get("doc_id", n))), str(text), day))
    return out


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_document_is_coded_within_the_limit(name: str, settings: Any, resources: Any) -> None:
    """Documents go through the pipeline in small batches; each result's time counts from the one before,
    so a document's time includes its whole batch's parse when it is the first (an overestimate)."""
    from sitrep.pipeline import process_batch
    from sitrep.records import RawDocument

    path = SHARED / SETS[name]
    if not path.exists():
        pytest.skip(f"{path} is absent: the time check needs ../shared (internal evaluation data)")
    raws = [
        RawDocument(doc_id, f"{name}:{doc_id}", "text", text.encode("utf-8"), day)
        for doc_id, text, day in _texts(path)
    ]
    slowest: tuple[float, str] = (0.0, "")
    start = time.perf_counter()
    for result in process_batch(raws, settings.replace(batch_size=BATCH), resources):
        now = time.perf_counter()
        slowest = max(slowest, (now - start, result.doc_id))
        start = now
    assert slowest[0] < LIMIT_SECONDS, f"{name}: document {slowest[1]} took {slowest[0]:.1f} s"


def test_the_reference_article_too(settings: Any, resources: Any) -> None:
    from sitrep.pipeline import process_document
    from sitrep.records import RawDocument

    gold = SHARED / "eval" / "seed-gold.jsonl"
    if not gold.exists():
        pytest.skip(f"{gold} is absent: the time check needs ../shared (internal evaluation data)")
    doc = json.loads(gold.read_text(encoding="utf-8").splitlines()[0])
    raw = RawDocument(doc["id"], doc["file"], "text", (SHARED / "eval" / doc["file"]).read_bytes(), None)
    start = time.perf_counter()
    process_document(raw, settings, resources)
    assert time.perf_counter() - start < LIMIT_SECONDS
