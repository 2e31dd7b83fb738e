"""Quality gate: the shared scorers on the shared evaluation data must stay above pinned floors.

Runs only where ../shared is present (internal evaluation data is never copied into the repo);
says so when it is absent. Floors live in baseline.json with a hash of the gold they were
measured on; `scripts/update_baseline.py` raises them and refuses to lower one silently.
"""

from __future__ import annotations

import hashlib
import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"
BASELINE = json.loads((HERE / "baseline.json").read_text(encoding="utf-8"))
CLI = f"{shlex.quote(sys.executable)} -m sitrep"

pytestmark = [pytest.mark.eval, pytest.mark.model]


def _gate(name: str) -> dict[str, object]:
    spec = BASELINE[name]
    gold = SHARED / spec["gold"]
    if not gold.exists():
        pytest.skip(f"{gold} is absent: the quality gate needs ../shared (internal evaluation data)")
    digest = hashlib.sha256(gold.read_bytes()).hexdigest()[:16]
    assert digest == spec["gold_sha256_16"], (
        f"{gold} changed: re-measure and re-pin with scripts/update_baseline.py"
    )
    return spec


def _run(scorer: str, gold: Path, command: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(SHARED / scorer), str(gold), "--run", command],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def _check(result: dict[str, float], floors: dict[str, float]) -> None:
    low = {k: (result.get(k), v) for k, v in floors.items() if (result.get(k) or 0.0) < v}
    assert not low, f"below the pinned floors (got, floor): {low}"


def test_seed_article(resources: object) -> None:
    spec = _gate("seed")
    result = _run(
        "eval/score_events.py",
        SHARED / spec["gold"],
        f"{CLI} extract {{file}} --published {{published}} --format jsonl",
    )
    assert result["command_failures"] == 0
    _check(result, spec["floors"])


def test_news_dev(resources: object) -> None:
    """Real full-length articles with boilerplate, scored in one process (``{jsonl}`` mode)."""
    spec = _gate("news_dev")
    result = _run("eval/score_events.py", SHARED / spec["gold"], f"{CLI} extract {{jsonl}} --format jsonl")
    assert result["command_failures"] == 0
    _check(result, spec["floors"])


def test_clusters_dev_dedup() -> None:
    """Real multi-outlet reports: ingested into a fresh store, served, read back through the API."""
    spec = _gate("clusters_dev_dedup")
    cli = Path(sys.executable).parent / "sitrep"
    if not cli.exists():
        pytest.skip(f"{cli} is absent: the dedup scorer runs the installed `sitrep` command")
    out = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score_dedup.py"),
            str(SHARED / spec["gold"]),
            "--sitrep",
            str(cli),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout[out.stdout.index("{") :])
    _check(result, spec["floors"])
    low, high = spec["over_count"]
    assert low <= result["over_count"] <= high, f"over-count {result['over_count']} outside [{low}, {high}]"


def test_case2021_dev(resources: object) -> None:
    spec = _gate("case2021_dev")
    result = _run("eval/score_case.py", SHARED / spec["gold"], f"{CLI} extract {{file}} --format jsonl")
    _check(result, spec["floors"])


def test_seed_evidence_slices_the_cleaned_text(settings: object, resources: object) -> None:
    """Every evidence span of the reference article is exactly text[start:end] of its cleaned text."""
    from datetime import date

    from sitrep.pipeline import process_document
    from sitrep.records import RawDocument

    spec = _gate("seed")
    doc = json.loads((SHARED / spec["gold"]).read_text(encoding="utf-8").splitlines()[0])
    raw_bytes = (SHARED / "eval" / doc["file"]).read_bytes()
    raw = RawDocument(doc["id"], doc["file"], "text", raw_bytes, date.fromisoformat(doc["published"]))
    result = process_document(raw, settings, resources)  # type: ignore[arg-type]
    assert result.article is not None and result.events
    for event in result.events:
        assert event.evidence
        for ev in event.evidence:
            assert result.article.text[ev.start : ev.end] == ev.text
