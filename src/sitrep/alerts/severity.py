"""CAP severity of a canonical event and of an advisory: which radius of a watch item applies.

The mapping (documented in the README, "Proximity alerts"):

- **Extreme**: 10 or more deaths, or a chemical weapon or a suicide bomb whatever the toll.
- **Severe**: at least one death, or armed violence whatever the toll: armed clashes,
  attacks, air or drone strikes, shelling, explosives and grenades, abductions, sexual violence,
  mob violence and territory taken by force.
- **Moderate**: unrest that can turn violent or block movement: violent demonstrations,
  protests met with force or intervention, looting and destruction, disrupted weapons use.
- **Minor**: the rest (peaceful protests, arrests, agreements and other strategic developments).

Advisories map their level on the four-step ladder: 4 (do not travel, leave) Extreme, 3
(reconsider travel) Severe, 2 (increased caution) Moderate, 1 Minor.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .. import taxonomy as t

EXTREME_DEATHS = 10
EXTREME_SUB_TYPES = frozenset({t.CHEMICAL_WEAPON, t.SUICIDE_BOMB})
SEVERE_SUB_TYPES = frozenset(
    {
        t.ARMED_CLASH,
        t.ATTACK,
        t.AIR_STRIKE,
        t.SHELLING,
        t.REMOTE_EXPLOSIVE,
        t.GRENADE,
        t.ABDUCTION,
        t.SEXUAL_VIOLENCE,
        t.MOB_VIOLENCE,
        t.NON_STATE_OVERTAKES,
    }
)
MODERATE_SUB_TYPES = frozenset(
    {
        t.VIOLENT_DEMONSTRATION,
        t.EXCESSIVE_FORCE,
        t.PROTEST_WITH_INTERVENTION,
        t.LOOTING,
        t.DISRUPTED_WEAPONS,
    }
)
LEVEL_SEVERITY = {4: "Extreme", 3: "Severe", 2: "Moderate", 1: "Minor"}


def event_severity(event: Mapping[str, Any]) -> str:
    """The CAP severity of a canonical event (its public JSON: ``sub_event_type``, ``fatalities``)."""
    sub = event.get("sub_event_type") or ""
    deaths = event.get("fatalities") or 0
    if deaths >= EXTREME_DEATHS or sub in EXTREME_SUB_TYPES:
        return "Extreme"
    if deaths >= 1 or sub in SEVERE_SUB_TYPES:
        return "Severe"
    if sub in MODERATE_SUB_TYPES:
        return "Moderate"
    return "Minor"


def advisory_severity(level: int | None) -> str:
    """The CAP severity of an advisory level (1..4; unknown: Moderate)."""
    return LEVEL_SEVERITY.get(level or 0, "Moderate")
