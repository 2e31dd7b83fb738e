"""ACLED's taxonomy has one home: every table derives from the sub-type rows, and no code spells a type."""

from __future__ import annotations

import ast

from conftest import ROOT
from sitrep import lang
from sitrep import taxonomy as T

SIX = {T.BATTLES, T.EXPLOSIONS, T.VIOLENCE_AGAINST_CIVILIANS, T.PROTESTS, T.RIOTS, T.STRATEGIC}


def test_twenty_five_sub_types_under_six_event_types() -> None:
    assert len(T.SUB_TYPES) == 25 == len(T.BY_NAME)
    assert set(T.EVENT_TYPES.values()) == SIX


def test_derived_tables_name_only_known_sub_types() -> None:
    known = set(T.BY_NAME)
    assert set(T.TOLL_ORDER) <= known and len(set(T.TOLL_ORDER)) == len(T.TOLL_ORDER)
    for sub, absorbed in T.ABSORBS.items():
        assert sub in known and absorbed <= known and sub not in absorbed
    assert T.SYMMETRIC_SUBTYPES | T.WILDCARD_SUBTYPES | T.FOLDS_INTO_PROTEST <= known
    assert T.DEMONSTRATIONS == {s.name for s in T.SUB_TYPES if s.event_type in {T.PROTESTS, T.RIOTS}}
    assert set(T.PLOVER) == known == set(T.FAMILIES)


def test_the_hierarchy_absorbs_only_more_generic_types() -> None:
    # A type never absorbs one that absorbs it back (the hierarchy is a partial order).
    for sub, absorbed in T.ABSORBS.items():
        for other in absorbed:
            assert sub not in T.ABSORBS.get(other, frozenset()), (sub, other)


def test_family_falls_back_for_unknown_types() -> None:
    assert T.family(T.STRATEGIC, "Some new development") == "strategic"
    assert T.family(T.BATTLES, T.ARMED_CLASH) == "battle"


def test_every_trigger_names_a_known_sub_type() -> None:
    for code in lang.available():
        words = lang.load(code).triggers
        named = set(words.PHRASES.values()) | {s for s, _ in words.WORDS.values() if s}
        named |= {s for s, _ in words.NOUN_WORDS.values() if s} | {f.sub_event_type for f in words.FRAMES}
        named |= set(words.INTRANSITIVE.values())
        assert named <= set(T.BY_NAME), named - set(T.BY_NAME)


def test_no_code_spells_a_type_name() -> None:
    names = set(T.EVENT_TYPES) | set(T.EVENT_TYPES.values())
    found = []
    for path in (ROOT / "src" / "sitrep").rglob("*.py"):
        if path.name == "taxonomy.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in names:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
    assert not found, "use sitrep.taxonomy's constants: " + ", ".join(found)
