"""Quality gate for `sitrep geoparse` on the four geoparsing dev halves in ../shared.

Runs the CLI on each `<corpus>-dev.jsonl` and the shared scorer (`score_geoparse.py`, GWN with
`--only-geonameid` as in the GeoWebNews paper) and fails below the floors pinned here (measured
values rounded down, with the gold file's hash). Skips, saying why, when ../shared is absent:
the evaluation data is never copied into the repository. Takes about a minute (parsing ~570 docs).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "geoparsing"

# corpus: (gold sha256[:16], recognition overlap F1 floor, acc@161 km on matched toponyms floor)
FLOORS: dict[str, tuple[str, float, float]] = {
    "geowebnews": ("609542cea53d9f59", 0.87, 0.89),
    "lgl": ("cba2143e958733d4", 0.82, 0.81),
    "trnews": ("b661ddcd8572780e", 0.89, 0.85),
    "geovirus": ("591a0fcc292d5f0d", 0.87, 0.85),
}

pytestmark = [pytest.mark.eval, pytest.mark.model]


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_geoparse_dev_floors(corpus: str, tmp_path: Path) -> None:
    gold = DATA / f"{corpus}-dev.jsonl"
    scorer = DATA / "score_geoparse.py"
    if not gold.exists() or not scorer.exists():
        pytest.skip(f"{gold} is absent: the geoparsing gate needs ../shared (internal evaluation data)")
    digest, f1_floor, acc_floor = FLOORS[corpus]
    assert hashlib.sha256(gold.read_bytes()).hexdigest()[:16] == digest, (
        f"{gold} changed: re-measure and re-pin the floors in {Path(__file__).name}"
    )
    pred = tmp_path / f"{corpus}.pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        run = subprocess.run(
            [sys.executable, "-m", "sitrep", "geoparse", str(gold), "--format", "jsonl"],
            stdout=fh,
            stderr=subprocess.PIPE,
            text=True,
            timeout=600,
            cwd=ROOT,
        )
    assert run.returncode == 0, run.stderr[-2000:]
    extra = ["--only-geonameid"] if corpus == "geowebnews" else []
    out = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred), *extra],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout)
    f1 = result["recognition_overlap"]["f1"]
    acc = result["geocoding_matched"]["acc_at_161km"]
    assert f1 >= f1_floor, f"{corpus}: recognition F1 {f1} < floor {f1_floor}"
    assert acc >= acc_floor, f"{corpus}: acc@161km {acc} < floor {acc_floor}"
