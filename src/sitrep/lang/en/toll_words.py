"""English vocabulary of death tolls: verbs of dying and killing, what breaks a clause, what is not a person.

Shared by the toll readers (``tolls`` for counted dead, ``victims`` for one named or described
victim); ``hedged`` tells a toll whose clause makes it a claim.
"""

from __future__ import annotations

import re

from .numbers import N

DIE = (
    r"(?:killed|dead|died|perished|slain|massacred|executed|beheaded|murdered|assassinated|"
    r"lynched|gunned\s+down|shot\s+dead|shot\s+and\s+killed|(?:hacked|stabbed|beaten|burned|burnt|"
    r"bludgeoned)\s+to\s+death|burn(?:ed|t)\s+alive|lost\s+(?:their|his|her)\s+lives?|succumbed)"
)
INTRANSITIVE = {"dead", "died", "perished", "succumbed"}
KILL_ACTIVE = (
    r"(?:killed|killing|kills|slew|massacred|massacring|executed|executing|beheaded|"
    r"beheading|murdered|murdering|assassinated|lynched|gunned\s+down|gunning\s+down|"
    r"shot\s+dead|shooting\s+dead|shot\s+and\s+killed|slaughtered|slaughtering)"
)
AUX = {"were", "was", "been", "are", "is", "got", "be", "being"}
# "will be killed", "could have been killed", "to be killed": not a report of deaths. "may have
# been killed" and "believed to have been killed" are reports, hedged.
MODAL = re.compile(
    r"\b(?:(?:will|would|could|should|can)\s+(?:have\s+)?be(?:en)?|(?:may|might|to)\s+be)\b", re.I
)
BREAK = {
    "and",
    "or",
    "but",
    "while",
    "after",
    "before",
    "when",
    "as",
    "than",
    "injured",
    "wounded",
    "hurt",
    "missing",
    "arrested",
    "abducted",
    "kidnapped",
    "rescued",
    "displaced",
    "fled",
    "said",
    "says",
    "if",
    "because",
    "since",
    "whereas",
    "although",
    "though",
    "nor",
    "not",
    "where",
    "deployed",
    "sent",
}
NOT_COUNT = {
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "years",
    "year",
    "hours",
    "hour",
    "minutes",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "percent",
    "per",
    "times",
    "vehicles",
    "trucks",
    "cars",
    "houses",
    "homes",
    "buildings",
    "villages",
    "towns",
    "rounds",
    "rockets",
    "shells",
    "missiles",
    "drones",
    "bombs",
    "mines",
    "cattle",
    "cows",
    "goats",
    "sheep",
    "camels",
    "animals",
    "livestock",
    "donkeys",
    "dogs",
    "horses",
    "pigs",
    "chickens",
    "birds",
    "fish",
    "am",
    "pm",
    "gmt",
    "tonnes",
    "tons",
    "dollars",
    "usd",
}
NONHUMAN = NOT_COUNT | {
    "engine",
    "motor",
    "bill",
    "proposal",
    "deal",
    "plan",
    "idea",
    "story",
    "project",
    "mood",
    "momentum",
    "chance",
    "chances",
    "talks",
    "lights",
    "power",
    "cow",
    "goat",
    "camel",
    "dog",
    "donkey",
    "horse",
    "animal",
    "process",
    "conversation",
    "song",
    "virus",
    "bacteria",
    "weeds",
    "pain",
    "attack",
    "assault",
    "blast",
    "explosion",
    "bomb",
    "strike",
    "raid",
    "fire",
    "ceasefire",
    "truce",
    "offensive",
    "fighting",
    "clashes",
    "violence",
    "total",
    "number",
    "dozen",
    "few",
    "couple",
    "score",
    "handful",
}
WORD = r"[A-Za-z][\w'’-]*"
NPWORD = r"\w[\w'’-]*"  # may start with a digit: "a 25-year-old man"
OBJECT_AFTER = re.compile(
    rf"\s+(?:a|an|the|his|her|their|its|him|them|us|me|one|another|at\s+least|more\s+than|some|"
    rf"several|dozens|scores|hundreds|many|{N})\b",
    re.I,
)
HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|alleged|unconfirmed|unverified|may\s+have|might\s+have|"
    r"claim(?:ed|s|ing)?\s+(?:that|to\s+have)|"
    r"feared|believed|thought\s+to|presumed|possibly|probably|likely|denied|denies|deny|"
    r"rumou?r(?:ed|s)?|said\s+to\s+have|could\s+not\s+be\s+(?:independently\s+)?verified)\b",
    re.I,
)


def hedged(text: str, start: int, end: int) -> bool:
    """Whether the toll's clause hedges it."""
    lo = max(text.rfind(";", 0, start) + 1, start - 60, 0)
    return bool(HEDGE.search(text, lo, min(len(text), end + 25)))
