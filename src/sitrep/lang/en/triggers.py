"""English event triggers: the words and phrases that tell ACLED's sub-event types, and what they need.

Hand-written because no package ships an English lexicon keyed to ACLED's codebook; the lists
are general vocabulary of conflict reporting, never phrases taken from evaluation texts.
Sub-types are named through ``sitrep.taxonomy``; ``events.triggers`` and ``events.constraints``
read these tables (``sitrep.lang.Triggers``).
"""

from __future__ import annotations

from typing import Final

from ... import taxonomy as T
from .. import Frame


def _w(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Multi-word triggers (matched on lower-cased token text, lemma-insensitive on the last word).
PHRASES: Final[dict[str, str]] = {
    "air strike": T.AIR_STRIKE,
    "air raid": T.AIR_STRIKE,
    "drone strike": T.AIR_STRIKE,
    "drone attack": T.AIR_STRIKE,
    "aerial bombardment": T.AIR_STRIKE,
    "suicide bomber": T.SUICIDE_BOMB,
    "suicide bomb": T.SUICIDE_BOMB,
    "suicide vest": T.SUICIDE_BOMB,
    "killing themselves": T.SUICIDE_BOMB,
    "killing himself": T.SUICIDE_BOMB,
    "killing herself": T.SUICIDE_BOMB,
    "lynch mob": T.MOB_VIOLENCE,
    "suicide bombing": T.SUICIDE_BOMB,
    "suicide attack": T.SUICIDE_BOMB,
    "suicide car bomb": T.SUICIDE_BOMB,
    "blew himself up": T.SUICIDE_BOMB,
    "blew herself up": T.SUICIDE_BOMB,
    "blew themselves up": T.SUICIDE_BOMB,
    "roadside bomb": T.REMOTE_EXPLOSIVE,
    "car bomb": T.REMOTE_EXPLOSIVE,
    "explosive device": T.REMOTE_EXPLOSIVE,
    "improvised explosive": T.REMOTE_EXPLOSIVE,
    "chemical weapon": T.CHEMICAL_WEAPON,
    "chemical attack": T.CHEMICAL_WEAPON,
    "nerve agent": T.CHEMICAL_WEAPON,
    "toxic gas": T.CHEMICAL_WEAPON,
    "poisonous gas": T.CHEMICAL_WEAPON,
    "poison gas": T.CHEMICAL_WEAPON,
    "mustard gas": T.CHEMICAL_WEAPON,
    "sulfur mustard": T.CHEMICAL_WEAPON,
    "sulphur mustard": T.CHEMICAL_WEAPON,
    "chlorine gas": T.CHEMICAL_WEAPON,
    "chlorine bomb": T.CHEMICAL_WEAPON,
    "gas attack": T.CHEMICAL_WEAPON,
    "bombing raid": T.AIR_STRIKE,
    "air attack": T.AIR_STRIKE,
    "combat sortie": T.AIR_STRIKE,
    "aerial attack": T.AIR_STRIKE,
    "helicopter gunship": T.AIR_STRIKE,
    "gang rape": T.SEXUAL_VIOLENCE,
    "sexually abused": T.SEXUAL_VIOLENCE,
    "sexual assault": T.SEXUAL_VIOLENCE,
    "shot down": T.DISRUPTED_WEAPONS,
    "exchange of fire": T.ARMED_CLASH,
    "gun battle": T.ARMED_CLASH,
    "exchanged fire": T.ARMED_CLASH,
    "took to the streets": T.PEACEFUL_PROTEST,
    "sit-in": T.PEACEFUL_PROTEST,
    "sexual violence": T.SEXUAL_VIOLENCE,
    "sexually assaulted": T.SEXUAL_VIOLENCE,
    "taken hostage": T.ABDUCTION,
    "took hostage": T.ABDUCTION,
    "peace deal": T.AGREEMENT,
    "peace agreement": T.AGREEMENT,
    "ceasefire agreement": T.AGREEMENT,
    "prisoner exchange": T.AGREEMENT,
    "prisoner swap": T.AGREEMENT,
    "set fire to": T.LOOTING,
    "set ablaze": T.LOOTING,
    "opened fire on protesters": T.EXCESSIVE_FORCE,
    "opened fire on demonstrators": T.EXCESSIVE_FORCE,
    "tear gas": T.PROTEST_WITH_INTERVENTION,
    "water cannon": T.PROTEST_WITH_INTERVENTION,
    "rubber bullets": T.PROTEST_WITH_INTERVENTION,
}


# Single-word triggers: lemma → (sub-event type, constraint). A constraint names a check in
# ``events.constraints`` that the trigger's participants must pass; a None type is settled by it.
#   "none"      no check
#   "territory" the object (or passive subject) is a place or a territorial noun
#   "victim"    the object (or passive subject) is a person; typed by who attacks whom
#   "property"  the object is property (houses, shops, vehicles ...)
#   "weapons"   the object is a weapon or explosive
#   "protest"   the sentence speaks of a protest
#   "base"      the object is a base / headquarters / camp
#   "agreement" the object is an agreement-like noun
#   "armed"     one participant is an armed or state actor
WORDS: Final[dict[str, tuple[str | None, str]]] = {
    "airstrike": (T.AIR_STRIKE, "none"),
    "airstrikes": (T.AIR_STRIKE, "none"),
    "air-strike": (T.AIR_STRIKE, "none"),
    "bombardment": (T.SHELLING, "none"),
    "shell": (T.SHELLING, "launched"),
    "shelling": (T.SHELLING, "none"),
    "artillery": (T.SHELLING, "launched"),
    "mortar": (T.SHELLING, "launched"),
    "rocket": (T.SHELLING, "launched"),
    "missile": (T.SHELLING, "launched"),
    "ied": (T.REMOTE_EXPLOSIVE, "none"),
    "landmine": (T.REMOTE_EXPLOSIVE, "none"),
    "grenade": (T.GRENADE, "none"),
    "clash": (T.ARMED_CLASH, "none"),
    "gunfight": (T.ARMED_CLASH, "none"),
    "shootout": (T.ARMED_CLASH, "none"),
    "shoot-out": (T.ARMED_CLASH, "none"),
    "gunbattle": (T.ARMED_CLASH, "none"),
    "skirmish": (T.ARMED_CLASH, "armed"),
    "firefight": (T.ARMED_CLASH, "none"),
    "fighting": (T.ARMED_CLASH, "armed"),
    "fight": (T.ARMED_CLASH, "armed"),
    "battle": (T.ARMED_CLASH, "armed"),
    "ambush": (T.ARMED_CLASH, "none"),
    "attack": (T.ATTACK, "victim"),
    "raid": (T.ATTACK, "victim"),
    "kill": (T.ATTACK, "victim"),
    "murder": (T.ATTACK, "victim"),
    "massacre": (T.ATTACK, "none"),
    "execute": (T.ATTACK, "victim"),
    "behead": (T.ATTACK, "victim"),
    "shoot": (T.ATTACK, "victim"),
    "stab": (T.ATTACK, "victim"),
    "torture": (T.ATTACK, "victim"),
    "assault": (T.ATTACK, "victim"),
    "kidnap": (T.ABDUCTION, "none"),
    "kidnapping": (T.ABDUCTION, "none"),
    "abduct": (T.ABDUCTION, "none"),
    "abduction": (T.ABDUCTION, "none"),
    "rape": (T.SEXUAL_VIOLENCE, "none"),
    "molest": (T.SEXUAL_VIOLENCE, "none"),
    "chlorine": (T.CHEMICAL_WEAPON, "none"),
    "sarin": (T.CHEMICAL_WEAPON, "none"),
    "sortie": (T.AIR_STRIKE, "none"),
    "fire": (None, "weapon_agent"),
    "lob": (None, "thrown"),
    "throw": (None, "thrown"),
    "hurl": (None, "thrown"),
    "launch": (None, "weapon_agent"),
    "drop": (None, "weapon_agent"),
    "drive": (None, "territory"),
    "push": (None, "territory"),
    "expel": (None, "territory"),
    "oust": (None, "territory"),
    "abandon": (T.NON_VIOLENT_TRANSFER, "territory"),
    "retake": (T.GOVERNMENT_REGAINS, "territory"),
    "recapture": (T.GOVERNMENT_REGAINS, "territory"),
    "regain": (T.GOVERNMENT_REGAINS, "territory"),
    "liberate": (T.GOVERNMENT_REGAINS, "territory"),
    "reclaim": (T.GOVERNMENT_REGAINS, "territory"),
    "control": (None, "territory"),  # typed by the actor
    "take": (None, "territory"),
    "seize": (None, "territory"),
    "capture": (None, "territory"),
    "overrun": (T.NON_STATE_OVERTAKES, "territory"),
    "occupy": (None, "territory"),
    "gain": (None, "territory"),
    "wrest": (None, "territory"),
    "recover": (None, "territory"),
    "protest": (T.PEACEFUL_PROTEST, "none"),
    "protester": (T.PEACEFUL_PROTEST, "none"),
    "demonstrate": (T.PEACEFUL_PROTEST, "demonstrate"),
    "demonstration": (T.PEACEFUL_PROTEST, "none"),
    "demonstrator": (T.PEACEFUL_PROTEST, "none"),
    "rally": (T.PEACEFUL_PROTEST, "protest"),
    "march": (T.PEACEFUL_PROTEST, "protest"),
    "riot": (T.VIOLENT_DEMONSTRATION, "none"),
    "rioter": (T.VIOLENT_DEMONSTRATION, "none"),
    "mob": (T.MOB_VIOLENCE, "none"),
    "lynch": (T.MOB_VIOLENCE, "none"),
    "arrest": (T.ARRESTS, "none"),
    "detain": (T.ARRESTS, "none"),
    "vigilante": (T.MOB_VIOLENCE, "none"),
    "vigilantism": (T.MOB_VIOLENCE, "none"),
    "explosive": (T.REMOTE_EXPLOSIVE, "exploded"),
    "mine": (T.REMOTE_EXPLOSIVE, "exploded"),
    "explosion": (T.REMOTE_EXPLOSIVE, "blast"),
    "blast": (T.REMOTE_EXPLOSIVE, "blast"),
    "detonate": (T.REMOTE_EXPLOSIVE, "detonated"),
    "abuse": (T.SEXUAL_VIOLENCE, "women"),
    "apprehend": (T.ARRESTS, "none"),
    "defuse": (T.DISRUPTED_WEAPONS, "none"),
    "dismantle": (T.DISRUPTED_WEAPONS, "weapons"),
    "intercept": (T.DISRUPTED_WEAPONS, "weapons"),
    "foil": (T.DISRUPTED_WEAPONS, "plot"),
    "thwart": (T.DISRUPTED_WEAPONS, "plot"),
    "loot": (T.LOOTING, "none"),
    "pillage": (T.LOOTING, "none"),
    "ransack": (T.LOOTING, "none"),
    "torch": (T.LOOTING, "property"),
    "burn": (T.LOOTING, "property"),
    "raze": (T.LOOTING, "property"),
    "destroy": (T.LOOTING, "property"),
    "vandalize": (T.LOOTING, "property"),
    "vandalise": (T.LOOTING, "property"),
    "sign": (T.AGREEMENT, "agreement"),
    "establish": (T.BASE_ESTABLISHED, "base"),
    "strike": (None, "weapon_agent"),
    "bomb": (None, "weapon_agent"),
    "pound": (None, "weapon_agent"),
    "hit": (None, "weapon_agent"),
    "target": (None, "weapon_agent"),
    "evacuate": (T.OTHER, "evacuation"),
    "relocate": (T.OTHER, "evacuation"),
    "withdraw": (T.NON_VIOLENT_TRANSFER, "territory"),
}


# Noun readings of words whose verb reading types differently ("a bomb exploded" vs "jets bombed").
NOUN_WORDS: Final[dict[str, tuple[str | None, str]]] = {
    "bomb": (T.REMOTE_EXPLOSIVE, "exploded"),
    "bombing": (T.REMOTE_EXPLOSIVE, "blast"),
    # killings told as nouns: "executions of civilians", "the killing of two soldiers"
    "execution": (T.ATTACK, "victim"),
    "killing": (T.ATTACK, "victim"),
    "assassination": (T.ATTACK, "victim"),
    "beheading": (T.ATTACK, "victim"),
    "shooting": (T.ATTACK, "victim"),
}


# Who strikes decides the kind of remote violence ("warplanes struck", "rockets hit").
AIR_AGENTS: Final = frozenset(
    "warplane warplanes jet jets aircraft plane planes drone drones helicopter helicopters "
    "gunship gunships bomber bombers air_force airstrike airstrikes".split()
)
ARTILLERY_AGENTS: Final = frozenset(
    "shell shells artillery mortar mortars rocket rockets missile missiles howitzer howitzers".split()
)

# Nouns that make "take"/"seize"/"control" territorial when they are the object.
TERRITORY_NOUNS: Final = frozenset(
    "town city village area region district province territory base camp garrison stronghold bastion ground "
    "hill hills neighbourhoods neighborhoods posts oilfield oilfields port airfield airbase "
    "part parts countryside crossing border highway road enclave pocket island "
    "locality neighbourhood neighborhood outpost checkpoint airport port capital zone hill bridge "
    "control towns cities villages areas bases".split()
)
PROPERTY_NOUNS: Final = frozenset(
    "house houses home homes shop shops store stores market markets church churches mosque mosques "
    "school schools building buildings office offices vehicle vehicles car cars truck trucks village "
    "villages property properties hut huts granary granaries warehouse crops field fields station "
    "tower hospital clinic bank".split()
)
# What an armed group attacks decides the type: people's places → Attack, military ones → Armed clash.
CIVILIAN_TARGETS: Final = frozenset(
    "village villages market markets church churches mosque mosques school schools hospital clinic bus "
    "buses home homes house houses farm farms wedding funeral congregation worshippers neighbourhood "
    "neighborhood settlement settlements hamlet".split()
)
MILITARY_TARGETS: Final = frozenset(
    "checkpoint checkpoints base bases post posts outpost outposts convoy convoys patrol patrols barracks "
    "garrison position positions camp camps".split()
)
WEAPON_NOUNS: Final = frozenset(
    "bomb bombs ied ieds explosive explosives device devices mine mines weapon weapons arms "
    "ammunition rocket rockets missile missiles drone drones grenade grenades cache".split()
)
BASE_NOUNS: Final = frozenset("base headquarters hq camp outpost garrison office".split())
AGREEMENT_NOUNS: Final = frozenset("agreement accord deal ceasefire truce treaty pact memorandum".split())
PROTEST_WORDS: Final = frozenset(
    "protest protests protester protesters protestor protestors demonstration demonstrations "
    "demonstrator demonstrators rally rallies marchers marches protest-march sit-in strikers".split()
)
EVACUATION_OBJECTS: Final = frozenset("embassy staff diplomats mission personnel consulate nationals".split())

# Past forms the statistical lemmatiser tends to leave alone.
IRREGULAR: Final[dict[str, str]] = {
    "retook": "retake",
    "retaken": "retake",
    "overran": "overrun",
    "shot": "shoot",
    "fought": "fight",
    "took": "take",
    "taken": "take",
    "blew": "blow",
    "blown": "blow",
    "stole": "steal",
    "stolen": "steal",
    "burnt": "burn",
    "rioted": "riot",
    "torched": "torch",
    "abducted": "abduct",
    "kidnapped": "kidnap",
    "shelled": "shell",
    "razed": "raze",
    "looted": "loot",
    "stabbed": "stab",
    "clashed": "clash",
}

# ---------------------------------------------------------------- verb + object frames
# Many Strategic developments are told by what is done to what: weapons *seized*, a base *set
# up*, troops *sent*, an agreement *reached*.
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
        T.DISRUPTED_WEAPONS,
        contents=True,  # "packages containing explosive devices were found"
    ),
    Frame(
        _w("establish set build open install erect construct"),
        _w(
            "base bases headquarters hq post posts outpost outposts checkpoint checkpoints point points "
            "camp camps position positions station"
        ),
        T.BASE_ESTABLISHED,
        armed_agent=True,
    ),
    Frame(
        _w("reach sign conclude strike broker seal agree"),
        _w(
            "agreement agreements accord accords deal deals ceasefire cease-fire truce treaty pact "
            "memorandum settlement"
        ),
        T.AGREEMENT,
    ),
    Frame(
        _w("exchange swap free release"),
        _w("prisoner prisoners detainee detainees captive captives hostage hostages body bodies pow pows"),
        T.AGREEMENT,
    ),
    Frame(
        _w("deploy redeploy dispatch send move reinforce fortify mobilize mobilise mass amass"),
        _w(
            "troop troops force forces soldier soldiers reinforcement reinforcements unit units battalion "
            "battalions brigade brigades position positions defence defences defense defenses system systems "
            "tank tanks convoy convoys fighter fighters militiaman militiamen presence"
        ),
        T.CHANGE_TO_GROUP,
        armed_agent=True,
    ),
    Frame(
        _w("form create launch found announce"),
        _w(
            "force forces group brigade battalion unit militia alliance coalition front wing organisation "
            "organization command division"
        ),
        T.CHANGE_TO_GROUP,
        armed_agent=False,
    ),
)
# Verbs that tell a change in a group without an object: "fighters defected", "the factions merged".
INTRANSITIVE: Final[dict[str, str]] = {
    "defect": T.CHANGE_TO_GROUP,
    "merge": T.CHANGE_TO_GROUP,
    "disband": T.CHANGE_TO_GROUP,
    "surrender": T.AGREEMENT,
    "redeploy": T.CHANGE_TO_GROUP,
}
FRAME_VERBS: Final = frozenset().union(*(f.verbs for f in FRAMES)) | frozenset(INTRANSITIVE)
