"""Word lists behind the rule-based event coder: ACLED's 25 sub-event types, actor kinds, modality.

Hand-written because no package ships an English lexicon keyed to ACLED's codebook; the
lists are general vocabulary of conflict reporting, never phrases taken from evaluation texts.
"""

from __future__ import annotations

from typing import Final

# Multi-word triggers (matched on lower-cased token text, lemma-insensitive on the last word).
PHRASES: Final[dict[str, str]] = {
    "air strike": "Air/drone strike",
    "air raid": "Air/drone strike",
    "drone strike": "Air/drone strike",
    "drone attack": "Air/drone strike",
    "aerial bombardment": "Air/drone strike",
    "suicide bomber": "Suicide bomb",
    "suicide bomb": "Suicide bomb",
    "suicide vest": "Suicide bomb",
    "killing themselves": "Suicide bomb",
    "killing himself": "Suicide bomb",
    "killing herself": "Suicide bomb",
    "lynch mob": "Mob violence",
    "suicide bombing": "Suicide bomb",
    "suicide attack": "Suicide bomb",
    "suicide car bomb": "Suicide bomb",
    "blew himself up": "Suicide bomb",
    "blew herself up": "Suicide bomb",
    "blew themselves up": "Suicide bomb",
    "roadside bomb": "Remote explosive/landmine/IED",
    "car bomb": "Remote explosive/landmine/IED",
    "explosive device": "Remote explosive/landmine/IED",
    "improvised explosive": "Remote explosive/landmine/IED",
    "chemical weapon": "Chemical weapon",
    "chemical attack": "Chemical weapon",
    "nerve agent": "Chemical weapon",
    "toxic gas": "Chemical weapon",
    "poisonous gas": "Chemical weapon",
    "poison gas": "Chemical weapon",
    "mustard gas": "Chemical weapon",
    "sulfur mustard": "Chemical weapon",
    "sulphur mustard": "Chemical weapon",
    "chlorine gas": "Chemical weapon",
    "chlorine bomb": "Chemical weapon",
    "gas attack": "Chemical weapon",
    "bombing raid": "Air/drone strike",
    "air attack": "Air/drone strike",
    "combat sortie": "Air/drone strike",
    "aerial attack": "Air/drone strike",
    "helicopter gunship": "Air/drone strike",
    "gang rape": "Sexual violence",
    "sexually abused": "Sexual violence",
    "sexual assault": "Sexual violence",
    "shot down": "Disrupted weapons use",
    "exchange of fire": "Armed clash",
    "exchanged fire": "Armed clash",
    "took to the streets": "Peaceful protest",
    "sit-in": "Peaceful protest",
    "sexual violence": "Sexual violence",
    "sexually assaulted": "Sexual violence",
    "taken hostage": "Abduction/forced disappearance",
    "took hostage": "Abduction/forced disappearance",
    "peace deal": "Agreement",
    "peace agreement": "Agreement",
    "ceasefire agreement": "Agreement",
    "prisoner exchange": "Agreement",
    "prisoner swap": "Agreement",
    "set fire to": "Looting/property destruction",
    "set ablaze": "Looting/property destruction",
    "opened fire on protesters": "Excessive force against protesters",
    "opened fire on demonstrators": "Excessive force against protesters",
    "tear gas": "Protest with intervention",
    "water cannon": "Protest with intervention",
    "rubber bullets": "Protest with intervention",
}

# Single-word triggers: lemma → (sub-event type, constraint). Constraints are checked in rules.py:
#   ""          none
#   "territory" the object (or passive subject) is a place or a territorial noun
#   "victim"    the object (or passive subject) is a person; typed by who attacks whom
#   "property"  the object is property (houses, shops, vehicles ...)
#   "weapons"   the object is a weapon or explosive
#   "protest"   the sentence speaks of a protest
#   "base"      the object is a base / headquarters / camp
#   "agreement" the object is an agreement-like noun
#   "armed"     one participant is an armed or state actor
WORDS: Final[dict[str, tuple[str, str]]] = {
    "airstrike": ("Air/drone strike", ""),
    "airstrikes": ("Air/drone strike", ""),
    "air-strike": ("Air/drone strike", ""),
    "bombardment": ("Shelling/artillery/missile attack", ""),
    "shell": ("Shelling/artillery/missile attack", "launched"),
    "shelling": ("Shelling/artillery/missile attack", ""),
    "artillery": ("Shelling/artillery/missile attack", "launched"),
    "mortar": ("Shelling/artillery/missile attack", "launched"),
    "rocket": ("Shelling/artillery/missile attack", "launched"),
    "missile": ("Shelling/artillery/missile attack", "launched"),
    "ied": ("Remote explosive/landmine/IED", ""),
    "landmine": ("Remote explosive/landmine/IED", ""),
    "grenade": ("Grenade", ""),
    "clash": ("Armed clash", ""),
    "gunfight": ("Armed clash", ""),
    "firefight": ("Armed clash", ""),
    "fighting": ("Armed clash", "armed"),
    "fight": ("Armed clash", "armed"),
    "battle": ("Armed clash", "armed"),
    "ambush": ("Armed clash", ""),
    "attack": ("Attack", "victim"),
    "raid": ("Attack", "victim"),
    "kill": ("Attack", "victim"),
    "murder": ("Attack", "victim"),
    "massacre": ("Attack", ""),
    "execute": ("Attack", "victim"),
    "behead": ("Attack", "victim"),
    "shoot": ("Attack", "victim"),
    "stab": ("Attack", "victim"),
    "torture": ("Attack", "victim"),
    "assault": ("Attack", "victim"),
    "kidnap": ("Abduction/forced disappearance", ""),
    "kidnapping": ("Abduction/forced disappearance", ""),
    "abduct": ("Abduction/forced disappearance", ""),
    "abduction": ("Abduction/forced disappearance", ""),
    "rape": ("Sexual violence", ""),
    "molest": ("Sexual violence", ""),
    "chlorine": ("Chemical weapon", ""),
    "sarin": ("Chemical weapon", ""),
    "sortie": ("Air/drone strike", ""),
    "fire": ("remote", "weapon_agent"),
    "lob": ("Grenade", ""),
    "launch": ("remote", "weapon_agent"),
    "drop": ("remote", "weapon_agent"),
    "drive": ("expel", "territory"),
    "push": ("expel", "territory"),
    "expel": ("expel", "territory"),
    "oust": ("expel", "territory"),
    "abandon": ("Non-violent transfer of territory", "territory"),
    "retake": ("Government regains territory", "territory"),
    "recapture": ("Government regains territory", "territory"),
    "regain": ("Government regains territory", "territory"),
    "liberate": ("Government regains territory", "territory"),
    "reclaim": ("Government regains territory", "territory"),
    "control": ("territory", "territory"),  # typed by the actor
    "take": ("territory", "territory"),
    "seize": ("territory", "territory"),
    "capture": ("territory", "territory"),
    "overrun": ("Non-state actor overtakes territory", "territory"),
    "occupy": ("territory", "territory"),
    "gain": ("territory", "territory"),
    "wrest": ("territory", "territory"),
    "recover": ("territory", "territory"),
    "protest": ("Peaceful protest", ""),
    "protester": ("Peaceful protest", ""),
    "demonstrate": ("Peaceful protest", "demonstrate"),
    "demonstration": ("Peaceful protest", ""),
    "demonstrator": ("Peaceful protest", ""),
    "rally": ("Peaceful protest", "protest"),
    "march": ("Peaceful protest", "protest"),
    "riot": ("Violent demonstration", ""),
    "rioter": ("Violent demonstration", ""),
    "mob": ("Mob violence", ""),
    "lynch": ("Mob violence", ""),
    "arrest": ("Arrests", ""),
    "detain": ("Arrests", ""),
    "vigilante": ("Mob violence", ""),
    "vigilantism": ("Mob violence", ""),
    "explosive": ("Remote explosive/landmine/IED", "exploded"),
    "mine": ("Remote explosive/landmine/IED", "exploded"),
    "explosion": ("Remote explosive/landmine/IED", "blast"),
    "blast": ("Remote explosive/landmine/IED", "blast"),
    "detonate": ("Remote explosive/landmine/IED", "detonated"),
    "abuse": ("Sexual violence", "women"),
    "apprehend": ("Arrests", ""),
    "defuse": ("Disrupted weapons use", ""),
    "dismantle": ("Disrupted weapons use", "weapons"),
    "intercept": ("Disrupted weapons use", "weapons"),
    "foil": ("Disrupted weapons use", "plot"),
    "thwart": ("Disrupted weapons use", "plot"),
    "loot": ("Looting/property destruction", ""),
    "pillage": ("Looting/property destruction", ""),
    "ransack": ("Looting/property destruction", ""),
    "torch": ("Looting/property destruction", "property"),
    "burn": ("Looting/property destruction", "property"),
    "raze": ("Looting/property destruction", "property"),
    "destroy": ("Looting/property destruction", "property"),
    "vandalize": ("Looting/property destruction", "property"),
    "vandalise": ("Looting/property destruction", "property"),
    "sign": ("Agreement", "agreement"),
    "establish": ("Headquarters or base established", "base"),
    "strike": ("remote", "weapon_agent"),
    "bomb": ("remote", "weapon_agent"),
    "pound": ("remote", "weapon_agent"),
    "hit": ("remote", "weapon_agent"),
    "target": ("remote", "weapon_agent"),
    "evacuate": ("Other", "evacuation"),
    "relocate": ("Other", "evacuation"),
    "withdraw": ("Non-violent transfer of territory", "territory"),
}

# Who strikes decides the kind of remote violence ("warplanes struck", "rockets hit").
AIR_AGENTS: Final = frozenset(
    "warplane warplanes jet jets aircraft plane planes drone drones helicopter helicopters "
    "gunship gunships bomber bombers air_force airstrike airstrikes".split()
)
ARTILLERY_AGENTS: Final = frozenset(
    "shell shells artillery mortar mortars rocket rockets missile missiles howitzer howitzers".split()
)

# Noun readings of words whose verb reading types differently ("a bomb exploded" vs "jets bombed").
NOUN_WORDS: Final[dict[str, tuple[str, str]]] = {
    "bomb": ("Remote explosive/landmine/IED", "exploded"),
    "bombing": ("Remote explosive/landmine/IED", "blast"),
}

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

# Who: nouns for kinds of actors (lemmas, lower case).
STATE_FORCE_NOUNS: Final = frozenset(
    "army military troop troops soldier soldiers force forces armed_forces gendarme gendarmerie "
    "air_force airforce navy marine marines warplane warplanes jet jets aircraft helicopter "
    "helicopters airstrike airstrikes drone drones battalion brigade unit units commando commandos "
    "paratrooper paratroopers legion government regime junta".split()
)
POLICE_NOUNS: Final = frozenset("police policeman policemen officer officers riot_police cop cops".split())
ISLAMIST_WORDS: Final = frozenset(
    "islamist islamists jihadist jihadists extremist extremists al-qaeda qaeda al-qaida qaida "
    "salafist salafists".split()
)
ARMED_GROUP_NOUNS: Final = frozenset(
    "militant militants rebel rebels insurgent insurgents fighter fighters gunman gunmen attacker "
    "attackers assailant assailants militia militiamen militias bandit bandits guerrilla guerrillas "
    "terrorist terrorists separatist separatists kidnapper kidnappers".split()
)
REBEL_WORDS: Final = frozenset(
    "rebel rebels insurgent insurgents separatist separatists guerrilla guerrillas".split()
)
MILITIA_WORDS: Final = frozenset("militia militias militiamen vigilante vigilantes".split())
CIVILIAN_NOUNS: Final = frozenset(
    "civilian civilians driver drivers villager villagers resident residents farmer farmers herder "
    "herders woman women child children man men boy boys girl girls passenger passengers worshipper "
    "worshippers student students teacher teachers journalist journalists worker workers trader "
    "traders people person family families pupil pupils doctor doctors nurse nurses pastor priest "
    "imam chief elder elders motorist motorists shopkeeper merchant merchants miner miners "
    "fisherman fishermen displaced refugee refugees aid_worker".split()
)
PROTESTER_NOUNS: Final = frozenset(
    "protester protesters protestor protestors demonstrator demonstrators marcher marchers strikers".split()
)

# Named groups commonly in the news: name as written (lower case) → ACLED-like actor name.
NAMED_GROUPS: Final[dict[str, str]] = {
    "boko haram": "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
    "al-shabaab": "Al Shabaab",
    "al shabaab": "Al Shabaab",
    "al-shabab": "Al Shabaab",
    "islamic state": "Islamic State",
    "isis": "Islamic State",
    "isil": "Islamic State",
    "iswap": "Islamic State West Africa Province",
    "jnim": "JNIM: Group for Support of Islam and Muslims",
    "aqim": "AQIM: Al Qaeda in the Islamic Maghreb",
    "ansar dine": "Ansar Dine",
    "mujao": "MUJAO: Movement for Unity and Jihad in West Africa",
    "mnla": "MNLA: National Movement for the Liberation of Azawad",
    "taliban": "Taliban",
    "houthis": "Ansar Allah",
    "houthi": "Ansar Allah",
    "hamas": "Hamas",
    "hezbollah": "Hezbollah",
    "m23": "M23: March 23 Movement",
    "rsf": "Rapid Support Forces",
    "rapid support forces": "Rapid Support Forces",
    "adf": "ADF: Allied Democratic Forces",
    "farc": "FARC",
    "eln": "ELN: National Liberation Army",
    "wagner": "Wagner Group",
}

# Heads that make what they govern not-happened (threats, plans, denials) or hedged.
NOT_HAPPENED_HEADS: Final = frozenset(
    "threaten threat warn warning plan planned intend intention vow pledge promise aim seek want "
    "prepare expect fear risk danger deny denial reject refute call urge demand propose consider "
    "discuss talk prevent avoid stop ban prohibit hope wish would".split()
)
# Heads that make what they govern a claim (coded, hedged): "claimed that", "accused of", "charged with".
HEDGE_HEADS: Final = frozenset("claim allege allegation rumour rumor accuse charge suspect".split())
HEDGE_ADVERBS: Final = frozenset("reportedly allegedly apparently purportedly possibly probably".split())
FUTURE_AUX: Final = frozenset("will would shall 'll wo".split())

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
