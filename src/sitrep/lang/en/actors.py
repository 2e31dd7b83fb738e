"""English names for kinds of actors: forces, armed groups, crowds, civilians, named groups.

Hand-written: ACLED's actor kinds ("Military Forces of X", "Civilians (X)") are a convention no
NLP package knows; these lists say which English nouns name each kind (``sitrep.lang.ActorWords``).
"""

from __future__ import annotations

from typing import Final

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
    "fisherman fishermen displaced refugee refugees aid_worker youth youths teenager teenagers".split()
)
PROTESTER_NOUNS: Final = frozenset(
    "protester protesters protestor protestors demonstrator demonstrators marcher marchers strikers "
    "crowd crowds".split()
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

QUANTITY_NOUNS: Final = frozenset(
    "dozen dozens hundred hundreds score scores thousand thousands number group handful couple "
    "member members commander commanders leader leaders chief faction factions wing some many most all "
    "several elements remnants batch company".split()
)
UNIT_NOUNS: Final = frozenset(
    "convoy convoys patrol patrols position positions base bases camp camps checkpoint checkpoints "
    "post posts outpost outposts vehicle vehicles column barracks garrison headquarters".split()
)
# Heads that name a government rather than its forces.
GOVERNMENT_HEADS: Final = frozenset(
    {"government", "regime", "authority", "authorities", "ministry", "department"}
)
RIOTER_LEMMAS: Final = frozenset({"rioter", "mob"})
RIOTERS: Final = "rioters"
# Words of a unit's noun phrase that make it the state's or the police's ("an army convoy").
STATE_UNIT_WORDS: Final = frozenset({"army", "military", "police"})
TROOP_WORDS: Final = frozenset({"troop", "troops", "soldier"})
POLICE_WORD: Final = "police"
QAEDA_STEM: Final = "qaeda"
# Country abbreviations written in capitals that name the country ("US troops", "UK forces").
COUNTRY_ABBREVIATIONS: Final = frozenset({"US", "UK"})
# Pronouns that stand for an armed subject told before ("they opened fire").
SUBJECT_PRONOUNS: Final = frozenset({"they", "he", "she"})
