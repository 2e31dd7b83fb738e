"""The English words the advisory rules read (``extract``): directives, travel advice, drawdowns,
threat nouns and the hazards behind the US indicator letters, and who issues advice.

Kept beside the rules rather than in ``lang/en``: only English advisories are read so far.
"""

from __future__ import annotations

# A government telling people what to do: "urges", "advises", "told", "called on".
DIRECTIVE_VERBS = frozenset(
    {"urge", "advise", "tell", "warn", "order", "ask", "call", "recommend", "encourage", "instruct", "direct"}
)
# Leaving: "leave", "get out", "depart", "exit"; level 4 on the common ladder.
LEAVE_VERBS = frozenset({"leave", "depart", "exit", "evacuate"})
GO_VERBS = frozenset({"visit", "go"})  # negated, these are "do not travel"
LEAVE_PARTICLES = {"get": "out", "pull": "out", "clear": "out"}
# Nouns for the people told: citizens, and the demonyms the gazetteer knows ("Canadians").
CITIZEN_NOUNS = frozenset(
    {"citizen", "national", "resident", "traveller", "traveler", "expatriate", "expat", "tourist", "visitor"}
)
# The words that grade travel advice.
ESSENTIAL = frozenset({"essential", "non-essential", "nonessential", "unnecessary"})
RECONSIDER = frozenset({"reconsider", "avoid", "postpone", "defer"})
CAUTION = frozenset({"caution"})
TRAVEL_PLANS = frozenset(
    {"need", "travel", "trip", "plan", "visit", "journey"}
)  # "reconsider their need to travel"
# A drawdown: an embassy's staff sent away, or the embassy shut.
DRAWDOWN_VERBS = frozenset(
    {
        "evacuate",
        "withdraw",
        "relocate",
        "pull",
        "reduce",
        "draw",
        "close",
        "suspend",
        "fly",
        "leave",
        "depart",
    }
)
DEPARTURE_NOUNS = frozenset(
    {"departure", "evacuation", "withdrawal", "drawdown", "exit"}
)  # "ordered the departure of"
STAFF_NOUNS = frozenset(
    {"staff", "diplomat", "personnel", "dependent", "dependant", "family", "employee", "official", "worker"}
)
MISSION_NOUNS = frozenset({"embassy", "mission", "consulate", "high commission", "legation"})
# Nouns that state a danger: "a threat of kidnapping", "the risk of terrorism".
THREAT_NOUNS = frozenset({"threat", "risk", "danger"})
# Verbs whose object a danger is as a state of things ("faces a threat", "poses a risk").
THREAT_HOLDERS = frozenset({"face", "pose", "cite", "carry", "see", "remain", "present", "raise", "heighten"})
# Hazards and their US indicator letters (K kidnapping, T terrorism, U unrest, C crime, H health,
# N natural disaster, E time-limited event, D wrongful detention, O other).
HAZARDS = {
    "kidnapping": "K",
    "kidnap": "K",
    "abduction": "K",
    "hostage": "K",
    "terrorism": "T",
    "terrorist": "T",
    "terror": "T",
    "extremism": "T",
    "unrest": "U",
    "riot": "U",
    "rioting": "U",
    "demonstration": "U",
    "protest": "U",
    "crime": "C",
    "criminality": "C",
    "banditry": "C",
    "bandit": "C",
    "robbery": "C",
    "carjacking": "C",
    "piracy": "C",
    "disease": "H",
    "outbreak": "H",
    "epidemic": "H",
    "cholera": "H",
    "ebola": "H",
    "flooding": "N",
    "flood": "N",
    "earthquake": "N",
    "cyclone": "N",
    "hurricane": "N",
    "landslide": "N",
    "detention": "D",
    "landmine": "O",
}
HAZARDS_ORDER = "KTUCHNEDO"  # the letters in the State Department's order
# Words that give the reasons for advice: "due to crime", "citing terrorism", "because of unrest".
REASON_CUES = frozenset({"due", "because", "owing", "citing", "amid", "over"})
# What makes a danger not worth a record: "a low risk of crime", "no threat of flooding".
SMALL = frozenset({"low", "minimal", "small", "slight", "negligible", "little", "no", "reduced"})
# Parts of a country by direction ("northern", "the north-east") and the nouns for areas.
DIRECTIONS = {
    "north": "north",
    "northern": "north",
    "south": "south",
    "southern": "south",
    "east": "east",
    "eastern": "east",
    "west": "west",
    "western": "west",
    "northeast": "northeast",
    "north-east": "northeast",
    "northeastern": "northeast",
    "north-eastern": "northeast",
    "northwest": "northwest",
    "north-west": "northwest",
    "northwestern": "northwest",
    "north-western": "northwest",
    "southeast": "southeast",
    "south-east": "southeast",
    "southeastern": "southeast",
    "south-eastern": "southeast",
    "southwest": "southwest",
    "south-west": "southwest",
    "southwestern": "southwest",
    "south-western": "southwest",
}
MIDDLE = frozenset({"central", "centre", "center", "middle"})
AREA_NOUNS = frozenset({"region", "part", "area", "province", "zone", "district", "border", "half"})
# Who issues advice: offices named without their country, and the generic words for a government
# (which the people it addresses, or the article's one issuer, then name).
OFFICES = {
    "state department": "US",
    "department of state": "US",
    "foreign office": "GB",
    "foreign and commonwealth office": "GB",
    "foreign, commonwealth and development office": "GB",
    "fcdo": "GB",
    "fco": "GB",
    "whitehall": "GB",
    "global affairs canada": "CA",
    "dfat": "AU",
    "smartraveller": "AU",
    "quai d'orsay": "FR",
    "washington": "US",
    "ottawa": "CA",
    "canberra": "AU",
}
GOVERNMENT_NOUNS = frozenset(
    {
        "government",
        "department",
        "ministry",
        "office",
        "embassy",
        "foreign affairs",
        "administration",
        "minister",
    }
)
# People a government speaks through: their saying it makes the government the issuer.
SAYING_VERBS = frozenset({"say", "warn", "state", "note", "add", "cite", "report", "stress"})
