"""English names for kinds of actors: forces, armed groups, crowds, civilians, named groups.

Hand-written: ACLED's actor kinds ("Military Forces of X", "Civilians (X)") are a convention no
NLP package knows; these lists say which English nouns name each kind (``sitrep.lang.ActorWords``).
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import Final

from ..concerns import NamedActor


def _fold(text: str) -> str:
    """Lower case, straight apostrophes, no accents: the form aliases are matched in."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _named_actors(path: Path) -> dict[str, tuple[NamedActor, ...]]:
    """Alias (folded) → the actors it can name, from the JSON lines at ``path``."""
    index: dict[str, list[NamedActor]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        ambiguous = frozenset(_fold(a) for a in row["ambiguous"])
        since, until = (dt.date.fromisoformat(row[k]) if row.get(k) else None for k in ("since", "until"))
        actor = NamedActor(
            row["name"], row["inter"], row["kind"], frozenset(row["countries"]), ambiguous, since, until
        )
        for alias in {_fold(a) for a in row["aliases"]}:
            index.setdefault(alias, []).append(actor)
    return {alias: tuple(actors) for alias, actors in index.items()}


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

# Armed actors known by name: actor_names.jsonl, one actor a line (name, inter, kind, countries,
# aliases, ambiguous, parent, note; optional since/until, the ISO days the names stand for it).
# Written by us from general knowledge of conflict reporting, never copied from ACLED or any
# dataset; extend it by adding a line (tests/test_lang_en_actors.py checks every line). An alias
# listed as ambiguous names the actor only in a story about its countries.
NAMED_ACTORS: Final = _named_actors(Path(__file__).with_name("actor_names.jsonl"))

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
# Verbs (lemmas) whose subject saw, told of, lived through or answered an event it names as its
# object, without doing it: "residents who described the blast", "villagers fled the fighting".
ONLOOKER_VERBS: Final = frozenset(
    """
    describe hear witness see watch feel recall remember survive flee escape fear condemn denounce
    deplore mourn report say recount film photograph
    """.split()
)
CLAIM_LEMMAS: Final = frozenset({"claim"})  # "there was no claim of responsibility", "has not claimed"
