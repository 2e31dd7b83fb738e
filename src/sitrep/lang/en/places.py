"""English words the geoparser reads around place names (``sitrep.lang.PlaceWords``).

Grammar, not place data: none of these names a place. spaCy's English NER labels are here too,
because they are the English model's. All lower case; multi-word cues are single tokens here.
"""

from __future__ import annotations

import re
from typing import Final

# spaCy NER labels of the English model: spans that can be places, and spans that block a run.
NER_LABELS: Final = frozenset({"GPE", "LOC", "FAC"})
GROUP_LABELS: Final = frozenset({"ORG", "NORP"})  # "Somalia's al-Shabaab": a group, not a place
BLOCK_LABELS: Final = frozenset(
    {"ORG", "PERSON", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"}
)
# "northern Mali", "the north of X": a direction before a name makes it an area.
DIRECTIONS: Final = frozenset(
    """
    north south east west northern southern eastern western central
    northeast northwest southeast southwest northeastern northwestern southeastern southwestern
    north-east north-west south-east south-west north-eastern north-western south-eastern south-western
    far upper lower
    """.split()
)
# A lone capitalised word that is only a direction or a coast is not a town ("Central", "Gulf").
COMPASS: Final = DIRECTIONS | frozenset(
    {"centre", "center", "central", "middle", "midwest", "coast", "ocean", "gulf"}
)
# Words that are admin1 names somewhere ("Central", "Nord") but inside a longer name are directions.
NOT_ALONE: Final = DIRECTIONS | frozenset({"centre", "center", "central", "nord", "sud", "lakes", "coast"})
# Words that make an ORG/FAC entity a facility worth a place ("Bamako airport").
FACILITY_WORDS: Final = frozenset(
    """
    airport airbase base bridge road street highway hospital camp market mosque church school prison
    jail palace hotel station port dam university stadium square barracks mine checkpoint embassy
    ministry parliament court refinery field college academy clinic cathedral temple shrine institute
    polytechnic
    """.split()
)
# "the X region", "the region of X": an area.
REGION_WORDS: Final = frozenset(
    """
    region province state district governorate department prefecture county area territory oblast
    parish cercle lga
    """.split()
)
# Words that end an administrative area's name whatever spaCy labels it ("Katsina State", "Faskari
# LGA", "Diyala Governorate"); several words as one tuple ("Konduga Local Government Area").
ADMIN_WORDS: Final = (REGION_WORDS - {"area"}) | frozenset(
    {"lga", "municipality", "woreda", "raion", "krai", "canton", "emirate", "subcounty"}
)
ADMIN_PHRASES: Final = (("local", "government", "area"), ("local", "government"))
# Words after a name that say it is a settlement or a part of one ("Kanko village", "the Dasht-e-Barchi
# neighbourhood", "Zamzam camp"); plural ones open a list ("the villages of X and Y").
SETTLEMENT_AFTER: Final = frozenset(
    {
        "village",
        "town",
        "hamlet",
        "settlement",
        "locality",
        "neighbourhood",
        "neighborhood",
        "suburb",
        "quarter",
        "camp",
    }
)
SETTLEMENT_OF: Final = SETTLEMENT_AFTER | frozenset({"city", "villages", "towns", "commune"})
# The last word of a name that calls for a second-level area ("Lamar County", "Faskari LGA") ...
COUNTY_WORDS: Final = frozenset(
    {"county", "parish", "borough", "district", "shire", "lga", "raion", "subcounty"}
)
# ... or for a first-level one ("Katsina State", "Diyala Governorate").
ADMIN1_WORDS: Final = frozenset({"state", "province", "region", "governorate", "oblast", "krai", "emirate"})
# Words between two names that tie the first to the second ("X, 20 km north of Y", "X near Y").
LINK_CUES: Final = frozenset(
    """
    near outside of in north south east west northeast northwest southeast southwest km kilometres
    kilometers miles mi region district province close nearby from town village city area outskirts
    locality commune
    """.split()
)
LINK_VERBS: Final = frozenset({"locate", "situate", "lie", "sit"})  # "X, located near Y" (lemmas)
NEARBY: Final = frozenset({"nearby", "neighbouring", "neighboring", "near", "adjacent", "close"})
SETTLEMENT: Final = frozenset({"town", "city", "village", "locality", "commune", "settlement", "hamlet"})
# Nouns that may stand between two tied names without being an apposition about something else.
LINK_NOUNS: Final = LINK_CUES | SETTLEMENT | REGION_WORDS | {"kilometre", "kilometer", "mile", "outskirts"}
# Words that end a tie between two names: "X and Y" lists two places, it does not locate one.
CLAUSE_BREAKS: Final = frozenset({"and", "or", "but", "while", "whereas", ";"})
# A word after one of these is a person's name, not a place ("Gen. Mali", "Mr Sikasso").
TITLES: Final = frozenset(
    """
    mr mrs ms dr president gen general col colonel capt captain lt sgt minister prime sen senator rep
    gov governor mayor judge rev father sheikh imam king queen prince lord sir professor prof chief
    commander spokesman spokeswoman st
    """.split()
)
# Verbs of speaking (lemmas): "speaking from Paris" says where someone spoke, not where it happened.
COMMUNICATION: Final = frozenset(
    """
    speak say tell talk call telephone phone report write announce comment interview broadcast tweet
    post state declare add explain confirm deny quote
    """.split()
)
# Prepositions that put something at a place ("in", "near"); ORIGIN_PREPS point away from it.
AT_PREPS: Final = frozenset(
    """
    in at near outside around inside into on across of within toward towards to throughout
    """.split()
)
ORIGIN_PREPS: Final = frozenset({"from"})
# Prepositions before a place name inside an organisation's name ("University of Nebraska").
NAME_SLOT_PREPS: Final = frozenset({"of", "in", "at"})
LEADING_DROP: Final = frozenset({"the", "a", "an"})  # articles dropped from the front of a span
POSSESSIVE: Final = ("'s", "’s", "'")  # dropped from the end of a span
# The word after an adjective that makes it a language, not a place ("English speakers").
LANGUAGE_NEXT: Final = frozenset({"language", "languages", "speaker", "speakers", "speaking", "translation"})
# A demonym ending so is people ("Mexicans"), unless it ends in one of PEOPLE_NOT ("Swiss", "Chinese").
PEOPLE_PLURAL: Final = "s"
PEOPLE_NOT: Final = ("ss", "ese")
# Party letters before a legislator's home town ("Sen. Ray Miller, D-Columbus").
PARTY_LETTERS: Final = frozenset({"D", "R", "I"})
# A verb's base form without a lemmatizer: irregular forms, then suffixes (ending → replacement),
# and the stems that take back an "e" ("located" → "locat" → "locate").
IRREGULAR_VERBS: Final = {
    "said": "say",
    "told": "tell",
    "spoke": "speak",
    "spoken": "speak",
    "wrote": "write",
    "written": "write",
    "lay": "lie",
    "lain": "lie",
    "sat": "sit",
}
VERB_SUFFIXES: Final = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
E_STEMS: Final = frozenset(
    {"locate", "situate", "state", "declare", "quote", "announce", "write", "phone", "telephone"}
)

# "Chad's capital", "the Chadian capital", "the capital of Chad", "the capital" (of the story's
# country); not "the commercial capital", "capital markets" or "venture capital".
CAPITAL_WORDS: Final = frozenset({"capital"})
CAPITAL_THEN: Final = frozenset({"city"})  # "the capital city"; any other noun after makes it money
COUNTRY_OWNERS: Final = frozenset({"country", "nation"})  # "the country's capital"
TOWN_OWNERS: Final = frozenset({"city", "town", "capital"})  # "the city's X district": the town told last
NOT_NATIONAL: Final = frozenset(
    "county local commercial economic cultural financial former spiritual religious tourist".split()
)
# "the provincial capital": the capital of the story's first-level area (its biggest town).
ADMIN_CAPITAL: Final = frozenset({"provincial", "regional", "state", "departmental"})

# --- Places that are not where an event happened (geo/roles.py) ---------------------------------
# "near the Niger border", "on the border with Mauritania", "the Sudan-Chad border", "borders Mali".
BORDER_WORDS: Final = frozenset({"border", "borders", "frontier", "frontiers", "boundary", "borderlands"})
BORDER_PREPS: Final = frozenset({"with", "between", "of"})  # "the border with X", "the border of X"
BORDER_VERBS: Final = frozenset({"border"})  # lemmas: "Narathiwat, which borders Malaysia"
# A place that is the subject of these verbs (lemmas) stands for its government ("Khartoum denies").
STANCE_VERBS: Final = frozenset(
    """
    accuse blame condemn deny reject sanction warn urge demand insist vow pledge threaten impose
    approve criticise criticize welcome dismiss retort respond claim allege
    """.split()
)
# A place in a title is no place of the event: "the Saudi ambassador to Chad", "the UN envoy for Mali".
DESIGNATION_NOUNS: Final = frozenset(
    """
    ambassador ambassadors envoy envoys consul representative representatives delegate delegation
    emissary minister ministry coordinator commissioner special rapporteur
    """.split()
)
# Nouns of reporting: "told reporters in Geneva", "a statement from Nairobi" say where it was said.
REPORT_NOUNS: Final = frozenset(
    """
    statement statements reporters journalists conference briefing interview communique speech
    address remarks press
    """.split()
)
# "20 km north of", "northeast of", "30 miles from", "530km northeast of the capital": the place
# after is a reference point, not the place itself. Matched against the text right before a name.
REFERENCE_BEFORE: Final = re.compile(
    r"(?:(?P<amount>\d+(?:[.,]\d+)?)\s*(?P<unit>km|kms|kilometres?|kilometers?|miles?|mi)\s+)?"
    r"(?:(?P<dir>(?:north|south)(?:[- ]?(?:east|west))?|east|west)(?:wards?)?\s+)?"
    r"(?P<prep>of|from)\s+(?:the\s+(?:provincial\s+|regional\s+|state\s+)?"
    r"(?:capital|town|city|village)(?:\s+of)?,?\s+)?$",
    re.IGNORECASE,
)
DISTANCE_UNITS: Final = {
    "km": 1.0,
    "kms": 1.0,
    "kilometre": 1.0,
    "kilometres": 1.0,
    "kilometer": 1.0,
    "kilometers": 1.0,
    "mile": 1.609,
    "miles": 1.609,
    "mi": 1.609,
}
BEARINGS: Final = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
}
# A wire dateline after a name that opens a line: "BAMAKO, Mali (AP) —", "London, June 13 :",
# "QUETTA:", "CARACAS, March 12 (Reuters) -", or "Cairo (AFP)" alone on its line.
DATELINE_TAIL: Final = re.compile(
    r"(?:,\s*[A-Z][\w.'’\-]+(?:\ [A-Z][\w.'’\-]+){0,3})?"  # , Mali
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\ \d{1,2}(?:,\ \d{4})?)?"  # , June 13, 2014
    r",?\s*(?:\([^)\n]{1,60}\))?"  # (Reuters), (UrduPoint / Pakistan Point News - 4th Mar, 2022 )
    r"(?:[ \t]*(?::|--|—|–|-(?=\s))|[ \t]*(?=\n)|[ \t]*$)"  # : — - or the end of the line
)
