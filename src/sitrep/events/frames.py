"""Verb + object frames for the Strategic developments and the territory family.

Many ACLED types are told by what is done to what: weapons *seized* (disrupted weapons use),
a base *set up* (headquarters established), troops *sent* (change to group/activity), an
agreement *reached*, a town *left* without a fight (non-violent transfer). A frame names the
verbs, the object nouns, and the type. Hand-written: this is English usage in conflict news,
not data any package ships.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class Frame:
    """A verb class, an object class, and the sub-event type they make together."""

    verbs: frozenset[str]
    objects: frozenset[str]
    sub_event_type: str
    armed_agent: bool = False  # the doer must be an armed or state actor


def _w(s: str) -> frozenset[str]:
    return frozenset(s.split())


WEAPONS: Final = _w(
    "weapon weapons arm arms ammunition munition munitions explosive explosives bomb bombs ied ieds device "
    "devices mine mines landmine landmines gun guns rifle rifles firearm firearms pistol pistols "
    "rocket rockets "
    "missile missiles grenade grenades cache caches detonator detonators launcher launchers round rounds "
    "mortar mortars shell shells drone drones depot depots"
)
FRAMES: Final[tuple[Frame, ...]] = (
    Frame(
        _w(
            "seize confiscate recover find discover uncover unearth intercept defuse dismantle impound "
            "neutralize neutralise disarm destroy foil thwart shoot"
        ),
        WEAPONS,
        "Disrupted weapons use",
    ),
    Frame(
        _w("establish set build open install erect construct"),
        _w(
            "base bases headquarters hq post posts outpost outposts checkpoint checkpoints point points "
            "camp camps position positions station"
        ),
        "Headquarters or base established",
        armed_agent=True,
    ),
    Frame(
        _w("reach sign conclude strike broker seal agree"),
        _w(
            "agreement agreements accord accords deal deals ceasefire cease-fire truce treaty pact "
            "memorandum settlement"
        ),
        "Agreement",
    ),
    Frame(
        _w("exchange swap free release"),
        _w("prisoner prisoners detainee detainees captive captives hostage hostages body bodies pow pows"),
        "Agreement",
    ),
    Frame(
        _w("deploy redeploy dispatch send move reinforce fortify mobilize mobilise mass amass"),
        _w(
            "troop troops force forces soldier soldiers reinforcement reinforcements unit units battalion "
            "battalions brigade brigades position positions defence defences defense defenses system systems "
            "tank tanks convoy convoys fighter fighters militiaman militiamen presence"
        ),
        "Change to group/activity",
        armed_agent=True,
    ),
    Frame(
        _w("form create launch found announce"),
        _w(
            "force forces group brigade battalion unit militia alliance coalition front wing organisation "
            "organization command division"
        ),
        "Change to group/activity",
        armed_agent=False,
    ),
)
# Verbs that tell a change in a group without an object: "fighters defected", "the factions merged".
INTRANSITIVE: Final[dict[str, str]] = {
    "defect": "Change to group/activity",
    "merge": "Change to group/activity",
    "disband": "Change to group/activity",
    "surrender": "Agreement",
    "redeploy": "Change to group/activity",
}
FRAME_VERBS: Final = frozenset().union(*(f.verbs for f in FRAMES)) | frozenset(INTRANSITIVE)


def frame_type(verb: Token, obj: Token | None) -> Frame | None:
    """The frame a verb and its object fit, if any ("set up a base", "seized weapons")."""
    lemma = verb.lemma_.lower()
    if obj is None:
        return None
    heads = [obj, *obj.conjuncts]
    words = {h.lemma_.lower() for h in heads} | {h.lower_ for h in heads}
    # "a cache of weapons", "dozens of rifles": look through the quantity or container noun
    for h in heads:
        for prep in h.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                words |= {o.lemma_.lower() for o in prep.children if o.dep_ == "pobj"}
    # "packages containing explosive devices were found": what the object holds counts for weapons
    inside = {t.lemma_.lower() for t in obj.subtree if t.pos_ in {"NOUN", "PROPN"}}
    for frame in FRAMES:
        if lemma in frame.verbs and (
            words & frame.objects or (frame.objects is WEAPONS and inside & WEAPONS)
        ):
            return frame
    return None
