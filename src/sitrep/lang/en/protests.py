"""English cues of what demonstrators did and what was done to them (``sitrep.lang.ProtestCues``).

ACLED's rules (``events.protests``) type a demonstration by these: violence by demonstrators
makes a riot, lethal or grossly excessive force against peaceful ones excessive force,
dispersal or arrests an intervention. Hand-written English usage.
"""

from __future__ import annotations

import re
from typing import Final

PROTEST: Final = re.compile(
    r"\b(protest\w*|demonstrat\w*|rall(y|ies|ied)|march(ed|es|ers)?|sit-ins?|strikers|on strike|"
    r"took to the streets|riot\w*|crowds?)\b",
    re.IGNORECASE,
)
RIOT: Final = re.compile(
    r"\b(riot(s|ers|ing|ed)?|turned violent|violent (protest|demonstration|clash)\w*|"
    r"(pelt|hurl|throw|threw|thrown)\w*\s+(stones|rocks|bricks|bottles|petrol bombs|molotov)|stone-pelting|"
    r"(set|setting)\s+(\w+\s+){0,4}(on fire|ablaze|alight)|torch(ed|ing)|loot(ed|ing)|vandali[sz]\w*|"
    r"smash\w*|ransack\w*|(burn(ed|t|ing)|set fire to)\s+(\w+\s+){0,3}"
    r"(tyres|tires|cars|vehicles|buildings?|offices?|"
    r"shops?|banks?|stations?)|breach\w*|storm(ed|ing)|(protesters|demonstrators|crowds?|rioters|youths)"
    r"\s+(\w+\s+){0,3}(clash\w*|attack\w*|fought))",
    re.IGNORECASE,
)
LETHAL: Final = re.compile(
    r"\b(live (rounds|ammunition|fire|bullets)|opened fire|open fire|shot (dead|and killed)|"
    r"excessive force|brutal\w*|violently|(serious|severe|critical)\w* injur\w*|"
    r"killed|killing|shot\b|died)\b",
    re.IGNORECASE,
)
INTERVENTION: Final = re.compile(
    r"\b(tear ?gas|water cannons?|rubber bullets|pepper (spray|balls|canisters)|smoke grenades|"
    r"stun grenades|non-?lethal|dispers\w*|broke up|break up|suppress\w*|crack(ed)? down|crackdown|"
    r"batons?|baton-charged?|(beat|beaten|beating)|halt\w*|cordon\w*|forcefully|forcibly|"
    r"(arrest|detain)\w*\s+(\w+\s+){0,4}(protesters|demonstrators|marchers|activists|participants|students|people)|"
    r"(protesters|demonstrators|marchers|activists|participants|students|people)\s+(\w+\s+){0,4}"
    r"(arrested|detained))\b",
    re.IGNORECASE,
)


UNREST: Final = re.compile(
    r"\b(clash\w*|scuffle\w*|skirmish\w*|violence|broke into|barricad\w*|"
    r"block(ed|ing|s)?\s+(\w+\s+){0,2}(roads?|streets?|highways?|railways?|thoroughfares?|traffic|entrances?))\b",
    re.IGNORECASE,
)
PEACEFUL: Final = re.compile(r"\bpeaceful(ly)?\b", re.IGNORECASE)
