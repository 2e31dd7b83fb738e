"""The English list of armed actors (lang/en/actor_names.jsonl): every line holds together."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sitrep import lang
from sitrep.events.named import pick

DATA = Path(lang.__file__).parent / "en" / "actor_names.jsonl"
KINDS = {"state": 1, "police": 1, "rebel": 2, "islamist": 2, "political_militia": 3, "identity_militia": 4}


def rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_line_is_an_actor_with_a_consistent_code() -> None:
    names = set()
    for row in rows():
        keys = {"name", "inter", "kind", "countries", "aliases", "ambiguous", "parent", "note"}
        assert keys <= set(row) <= keys | {"since", "until"}, row
        since, until = (dt.date.fromisoformat(str(row[k])) if k in row else None for k in ("since", "until"))
        assert since is None or until is None or since <= until, row
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


def test_a_name_stands_for_the_actor_of_its_day() -> None:
    actors = lang.load("en").actors.NAMED_ACTORS["janjaweed"]
    then = pick("janjaweed", actors, "SD", dt.date(2006, 11, 13))
    now = pick("janjaweed", actors, "SD", dt.date(2023, 6, 1))
    assert then is not None and now is not None and then.name != now.name
    assert then.until is not None and then.until < dt.date(2013, 12, 31) and now.active(dt.date(2023, 6, 1))
