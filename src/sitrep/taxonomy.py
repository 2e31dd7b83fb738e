"""ACLED's event taxonomy and everything sitrep derives from it: the one place a sub-type is named.

Each sub-event type is one ``SubType`` row in ``SUB_TYPES``: its event type, its PLOVER
category, the dedup family it blocks in, the generic types it absorbs when told in the same
sentence (ACLED's hierarchy), its rank for carrying a sentence's death toll, and whether its two
sides may be told in either order. Every other table here (``EVENT_TYPES``, ``PLOVER``,
``ABSORBS``, ``TOLL_ORDER``, ``FAMILIES``...) is derived from those rows.

Adding a sub-type is one edit here (a name constant and a row) plus its triggers in
``lang/<code>/events.py``. Code names sub-types through the constants, never as string literals.

Actor kinds are sitrep's coarse reading of a noun phrase ("state", "rebel", "civilians"...);
``INTER`` maps each to ACLED's actor type code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# ---------------------------------------------------------------- event types
BATTLES: Final = "Battles"
EXPLOSIONS: Final = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS: Final = "Violence against civilians"
PROTESTS: Final = "Protests"
RIOTS: Final = "Riots"
STRATEGIC: Final = "Strategic developments"

# ---------------------------------------------------------------- sub-event types
ARMED_CLASH: Final = "Armed clash"
GOVERNMENT_REGAINS: Final = "Government regains territory"
NON_STATE_OVERTAKES: Final = "Non-state actor overtakes territory"
CHEMICAL_WEAPON: Final = "Chemical weapon"
AIR_STRIKE: Final = "Air/drone strike"
SUICIDE_BOMB: Final = "Suicide bomb"
SHELLING: Final = "Shelling/artillery/missile attack"
REMOTE_EXPLOSIVE: Final = "Remote explosive/landmine/IED"
GRENADE: Final = "Grenade"
SEXUAL_VIOLENCE: Final = "Sexual violence"
ATTACK: Final = "Attack"
ABDUCTION: Final = "Abduction/forced disappearance"
PEACEFUL_PROTEST: Final = "Peaceful protest"
PROTEST_WITH_INTERVENTION: Final = "Protest with intervention"
EXCESSIVE_FORCE: Final = "Excessive force against protesters"
VIOLENT_DEMONSTRATION: Final = "Violent demonstration"
MOB_VIOLENCE: Final = "Mob violence"
AGREEMENT: Final = "Agreement"
ARRESTS: Final = "Arrests"
CHANGE_TO_GROUP: Final = "Change to group/activity"
DISRUPTED_WEAPONS: Final = "Disrupted weapons use"
BASE_ESTABLISHED: Final = "Headquarters or base established"
LOOTING: Final = "Looting/property destruction"
NON_VIOLENT_TRANSFER: Final = "Non-violent transfer of territory"
OTHER: Final = "Other"


@dataclass(frozen=True, slots=True)
class SubType:
    """One ACLED sub-event type and what sitrep derives from it."""

    name: str
    event_type: str
    plover: str  # PLOVER category (POLECAT's ontology; modes are not coded)
    family: str  # dedup blocking family: sub-types that can describe one happening
    absorbs: frozenset[str] = frozenset()  # generic sub-types it absorbs when told in one sentence
    toll_rank: int | None = None  # which sub-type carries a sentence's toll (lowest first); None never
    symmetric: bool = False  # its two sides may be told in either order (dedup)
    wildcard: bool = False  # in a strict family, matches any sibling sub-type (dedup)
    folds_into_protest: bool = False  # told in a sentence about demonstrators, it is part of the protest


_CLASH_OR_ATTACK = frozenset({ATTACK, ARMED_CLASH})

SUB_TYPES: Final[tuple[SubType, ...]] = (
    SubType(ARMED_CLASH, BATTLES, "FIGHT", "battle", frozenset({LOOTING}), 10, True, folds_into_protest=True),
    SubType(GOVERNMENT_REGAINS, BATTLES, "FIGHT", "territory", frozenset({ARMED_CLASH}), 13),
    SubType(NON_STATE_OVERTAKES, BATTLES, "FIGHT", "territory", frozenset({ARMED_CLASH}), 12),
    SubType(CHEMICAL_WEAPON, EXPLOSIONS, "ASSAULT", "remote", _CLASH_OR_ATTACK | {SHELLING, AIR_STRIKE}, 6),
    SubType(AIR_STRIKE, EXPLOSIONS, "FIGHT", "remote", _CLASH_OR_ATTACK | {SHELLING}, 2),
    SubType(SUICIDE_BOMB, EXPLOSIONS, "ASSAULT", "remote", _CLASH_OR_ATTACK | {REMOTE_EXPLOSIVE, GRENADE}, 1),
    SubType(SHELLING, EXPLOSIONS, "FIGHT", "remote", _CLASH_OR_ATTACK, 3),
    SubType(REMOTE_EXPLOSIVE, EXPLOSIONS, "ASSAULT", "remote", _CLASH_OR_ATTACK, 4),
    SubType(GRENADE, EXPLOSIONS, "ASSAULT", "remote", _CLASH_OR_ATTACK, 5, folds_into_protest=True),
    SubType(SEXUAL_VIOLENCE, VIOLENCE_AGAINST_CIVILIANS, "ASSAULT", "civilians", frozenset({ATTACK})),
    SubType(
        ATTACK,
        VIOLENCE_AGAINST_CIVILIANS,
        "ASSAULT",
        "civilians",
        frozenset({LOOTING}),
        9,
        folds_into_protest=True,
    ),
    SubType(ABDUCTION, VIOLENCE_AGAINST_CIVILIANS, "ASSAULT", "civilians", frozenset({ATTACK})),
    SubType(PEACEFUL_PROTEST, PROTESTS, "PROTEST", "protest"),
    SubType(
        PROTEST_WITH_INTERVENTION, PROTESTS, "PROTEST", "protest", frozenset({PEACEFUL_PROTEST, ARRESTS})
    ),
    SubType(
        EXCESSIVE_FORCE,
        PROTESTS,
        "COERCE",
        "protest",
        frozenset({PEACEFUL_PROTEST, PROTEST_WITH_INTERVENTION, ATTACK, ARRESTS}),
        7,
    ),
    SubType(
        VIOLENT_DEMONSTRATION,
        RIOTS,
        "PROTEST",
        "riot",
        frozenset({PEACEFUL_PROTEST, LOOTING, PROTEST_WITH_INTERVENTION}),
        11,
        True,
    ),
    SubType(
        MOB_VIOLENCE, RIOTS, "ASSAULT", "riot", frozenset({ATTACK, LOOTING, VIOLENT_DEMONSTRATION}), 8, True
    ),
    SubType(AGREEMENT, STRATEGIC, "AGREE", "strategic"),
    SubType(ARRESTS, STRATEGIC, "COERCE", "strategic", folds_into_protest=True),
    SubType(CHANGE_TO_GROUP, STRATEGIC, "MOBILIZE", "strategic"),
    SubType(DISRUPTED_WEAPONS, STRATEGIC, "COERCE", "strategic", folds_into_protest=True),
    SubType(BASE_ESTABLISHED, STRATEGIC, "MOBILIZE", "strategic"),
    SubType(LOOTING, STRATEGIC, "COERCE", "strategic", folds_into_protest=True),
    SubType(NON_VIOLENT_TRANSFER, STRATEGIC, "RETREAT", "territory", wildcard=True),
    SubType(OTHER, STRATEGIC, "OTHER", "strategic"),
)

BY_NAME: Final[dict[str, SubType]] = {s.name: s for s in SUB_TYPES}
EVENT_TYPES: Final[dict[str, str]] = {s.name: s.event_type for s in SUB_TYPES}
PLOVER: Final[dict[str, str]] = {s.name: s.plover for s in SUB_TYPES}
ABSORBS: Final[dict[str, frozenset[str]]] = {s.name: s.absorbs for s in SUB_TYPES if s.absorbs}
TOLL_ORDER: Final[tuple[str, ...]] = tuple(
    s.name for s in sorted((s for s in SUB_TYPES if s.toll_rank is not None), key=lambda s: s.toll_rank or 0)
)
FAMILIES: Final[dict[str, str]] = {s.name: s.family for s in SUB_TYPES}
STRICT_FAMILIES: Final = frozenset({"territory", "strategic"})  # sibling sub-types are different happenings
SYMMETRIC_SUBTYPES: Final = frozenset(s.name for s in SUB_TYPES if s.symmetric)
WILDCARD_SUBTYPES: Final = frozenset(s.name for s in SUB_TYPES if s.wildcard)
DEMONSTRATIONS: Final = frozenset(s.name for s in SUB_TYPES if s.event_type in {PROTESTS, RIOTS})
FOLDS_INTO_PROTEST: Final = frozenset(s.name for s in SUB_TYPES if s.folds_into_protest)


def family(event_type: str, sub_event_type: str) -> str:
    """The dedup family of a sub-type; an unknown one falls back to its event type."""
    return FAMILIES.get(sub_event_type, "strategic" if event_type == STRATEGIC else event_type)


# ---------------------------------------------------------------- actors
# ACLED's actor type ("inter") codes.
INTER_STATE: Final = 1
INTER_REBEL: Final = 2
INTER_POLITICAL_MILITIA: Final = 3
INTER_IDENTITY_MILITIA: Final = 4
INTER_RIOTERS: Final = 5
INTER_PROTESTERS: Final = 6
INTER_CIVILIANS: Final = 7
INTER_EXTERNAL: Final = 8

# sitrep's actor kinds and their inter codes (named groups count as rebels unless their data says).
INTER: Final[dict[str, int]] = {
    "state": INTER_STATE,
    "police": INTER_STATE,
    "government": INTER_STATE,
    "rebel": INTER_REBEL,
    "islamist": INTER_REBEL,
    "named": INTER_REBEL,
    "unidentified": INTER_POLITICAL_MILITIA,
    "militia": INTER_IDENTITY_MILITIA,
    "rioters": INTER_RIOTERS,
    "protesters": INTER_PROTESTERS,
    "civilians": INTER_CIVILIANS,
}
ARMED_KINDS: Final = frozenset({"state", "police", "islamist", "rebel", "militia", "unidentified", "named"})
NON_STATE_KINDS: Final = frozenset({"islamist", "rebel", "militia", "unidentified", "named"})
STATE_KINDS: Final = frozenset({"state", "police", "government"})
# The event types of armed violence: what "the attack" can be, where a named group beats an unidentified one.
VIOLENT_TYPES: Final = frozenset({BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS})
