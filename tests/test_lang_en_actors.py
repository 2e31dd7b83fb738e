"""The English list of armed actors (lang/en/actor_names.jsonl): every line holds together."""

from __future__ import annotations

import json
from pathlib import Path

from sitrep import lang

DATA = Path(lang.__file__).parent / "en" / "actor_names.jsonl"
KINDS = {"state": 1, "police": 1, "rebel": 2, "islamist": 2, "political_militia": 3, "identity_militia": 4}


def rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_line_is_an_actor_with_a_consistent_code() -> None:
    names = set()
    for row in rows():
        assert set(row) == {"name", "inter", "kind", "countries", "aliases", "ambiguous", "parent", "note"}, (
            row
        )
        assert (
            row["kind"] == "external" and row["inter"] == 8 or KINDS.get(str(row["kind"])) == row["inter"]
        ), row
        assert isinstance(row["countries"], list) and all(len(str(c)) == 2 for c in row["countries"]), row
        assert set(row["ambiguous"]) <= set(row["aliases"]), row  # type: ignore[arg-type]
        if row["kind"] in {"state", "police"}:
            assert str(row["name"]).startswith(("Military Forces of ", "Police Forces of ")), row
        assert row["name"] not in names, row["name"]
        names.add(row["name"])
    assert len(names) > 300
    assert all(r["parent"] is None or r["parent"] in names for r in rows())


def test_an_alias_two_actors_share_is_ambiguous_for_both() -> None:
    for alias, actors in lang.load("en").actors.NAMED_ACTORS.items():
        if len(actors) > 1:
            assert all(alias in a.ambiguous for a in actors), (alias, [a.name for a in actors])
