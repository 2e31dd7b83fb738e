"""English words the trigger checks look for (``sitrep.lang.ConstraintWords``).

Each set belongs to one check of ``events.constraints`` or ``events.triggers`` and says, in
English, what that check needs to see: a launched projectile, an impact, a plot, a campaign
rather than a battle, a town taken without a fight.
"""

from __future__ import annotations

import re
from typing import Final


def _w(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Agreements: between conflict parties, or about a conflict.
CONFLICT_DEALS: Final = _w(
    "ceasefire cease-fire truce peace armistice prisoner prisoners detainee detainees hostage hostages "
    "captive captives body bodies pow pows surrender disarmament demobilization demobilisation"
)
CONFLICT_WORDS: Final = _w("mutiny rebellion insurgency war conflict")
# A trigger that only modifies these nouns is not an event: "arrest warrants", "attack helicopters".
MODIFIED: Final = _w(
    "warrant warrants helicopter helicopters leader leaders organizer organizers organiser organisers group "
    "groups movement movements song songs site sites law laws record records charge charges case cases "
    "investigation probe squad squads unit units dog dogs"
)
# Heads under which a protest is talked about, not held: "charged with organising a protest".
PROTEST_TALK: Final = _w(
    "organise organize plan call announce ban prohibit charge accuse urge threaten postpone cancel"
)
# A place changing hands without a fight.
UNOPPOSED: Final = re.compile(
    r"\bwithout (any |a |much )?(resistance|fight|fighting|a shot|firing a shot|bloodshed|clashes)\b|"
    r"\b(handed over|handover of|peacefully)\b",
    re.IGNORECASE,
)
# Weapons launched by an agent: "fired rockets", "dropped barrel bombs".
LAUNCH_VERBS: Final = _w("fire launch drop")
LAUNCHED: Final = _w("bomb bombs barrel projectile")
BOMB_VERB: Final = "bomb"  # "the army bombed X": an air strike by the state
# Territory: "drove the militants out of X", "withdrew from X".
DISLODGE_VERBS: Final = _w("withdraw drive push expel oust flee")
WITHDRAW: Final = "withdraw"
OUT_OF: Final = _w("from out of")
OUT_OF_INNER: Final = _w("of from")
CONTROL: Final = "control"
PART_NOUNS: Final = _w("part parts")  # "part of the town" is territory, "took part in" is not
TAKE_VERBS: Final = _w("take control seize capture")
# Victims: "an attack on a village".
ON_TARGET: Final = _w("on against")
# Battles: "clashes between X and Y"; "the fight against terrorism" is a campaign, not a clash.
FIGHT_WORDS: Final = _w("fight fighting clash battle gunfight firefight")
CAMPAIGN_NOUNS: Final = _w("fight battle")
PARTY_PREPOSITIONS: Final = _w("with between against")
# Launched weapons need a launch or an impact: "rockets hit the town", not "rocket science".
IMPACT_VERBS: Final = _w("hit strike slam land fall explode kill destroy target rain pound")
FIRE_VERBS: Final = _w("fire launch lob")
# Things thrown: a grenade is a grenade attack; stones and petrol bombs thrown by a crowd, a riot.
GRENADE_NOUNS: Final = _w("grenade grenades explosive explosives device devices")
RIOT_MISSILES: Final = _w(
    "stone stones rock rocks brick bricks bottle bottles molotov cocktail cocktails petrol "
    "firebomb firebombs projectile projectiles"
)
# Explosions: a bomb that went off, or a suicide bombing told without the word.
SUICIDE_CUES: Final = ("suicide", "blew himself", "killing themselves")
EXPLODE_HEADS: Final = _w("explode go detonate plant blow set hit kill rip strike target trigger step")
WOMEN: Final = _w("woman girl child women girls children minor minors boy")
PLOT_NOUNS: Final = _w("attack attacks plot bombing attempt assault")
AIR_FORCE: Final = ("air", "force")  # modifier, head
SHOOT: Final = "shoot"
DOWN: Final = "down"  # "shot down a drone" disrupts a weapon; "shot a mortar" fires one
MONTH_LIKE: Final = ("march",)  # triggers that are also month names: "March 31", "in March"
# Events: words that tell an explosion without its kind join the explosion already told.
EXPLOSION_WORDS: Final = _w("explosion blast bombing detonate explosive")
# "were killed in the incident": words that name only a happening already told.
EPISODE_NOUNS: Final = _w("incident accident tragedy carnage violence mayhem")
# A sentence that tells deaths anchors a nominal trigger to a happening.
CASUALTY: Final = re.compile(
    r"\b(killed|killing|dead|died|wounded|injured|injuring|casualties)\b", re.IGNORECASE
)
# Victims killed one by one: "killed the driver", "shot dead a shopkeeper and a teacher".
KILL_LEMMAS: Final = _w("kill murder execute behead assassinate lynch")
DEAD: Final = "dead"
VICTIM_NOUNS: Final = _w("soldier officer guard leader commander official militant fighter")
