"""Language data, kept as spaCy keeps it: ``lang/<code>/``, one module per concern.

The code that reads text is language-blind: it is handed a ``Language`` and takes every word
list and pattern from it. A language folder provides one module per concern, each satisfying
one protocol below (``calendar.py`` → ``Calendar`` ...). ``load(code)`` imports the folder and
checks that every module provides every name its protocol declares, so a missing list fails
when the language loads, not in the middle of a batch.

Adding a language is a new ``lang/<code>/`` folder with the same modules (and a spaCy model for
it in the settings); nothing outside ``lang/`` changes.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache
from typing import Protocol, get_type_hints

from ..errors import ConfigError


class Calendar(Protocol):
    """Names of days and months, and small numbers written as words (all lower case)."""

    WEEKDAYS: tuple[str, ...]  # Monday first, as ``date.weekday()`` counts
    WEEKDAY_ABBR: Mapping[str, int]  # "tue", "tues" → 1
    MONTHS: tuple[str, ...]  # January first
    MONTH_ABBR: Mapping[str, int]  # "jan" → 1, "sept" → 9
    NUMBER_WORDS: Mapping[str, int]  # "a", "one" → 1 ... "twelve" → 12


class PlaceWords(Protocol):
    """Words the geoparser reads around place names (lower case; NER labels as the model spells them)."""

    NER_LABELS: frozenset[str]  # entity labels that can be places
    BLOCK_LABELS: frozenset[str]  # entity labels a capitalised run must not overlap
    DIRECTIONS: frozenset[str]  # "northern" Mali
    COMPASS: frozenset[str]  # a lone word that is only a direction or a coast ("Central", "Gulf")
    NOT_ALONE: frozenset[str]  # inside a longer name, a direction, not an admin area
    FACILITY_WORDS: frozenset[str]  # "Bamako airport"
    REGION_WORDS: frozenset[str]  # "the X region"
    COUNTY_WORDS: frozenset[str]  # "Lamar County": a second-level area
    LINK_CUES: frozenset[str]  # "X near Y", "X, 20 km north of Y"
    LINK_VERBS: frozenset[str]  # "X, located near Y" (lemmas)
    LINK_NOUNS: frozenset[str]  # nouns allowed between two tied names
    NEARBY: frozenset[str]  # "the nearby town of Y"
    SETTLEMENT: frozenset[str]  # "town", "village"
    CLAUSE_BREAKS: frozenset[str]  # "X and Y": two places, no tie
    TITLES: frozenset[str]  # "Gen.", "Mr": a person's name follows
    COMMUNICATION: frozenset[str]  # "speaking from X" (lemmas)
    AT_PREPS: frozenset[str]  # "in", "near": at the place
    ORIGIN_PREPS: frozenset[str]  # "from": away from it
    NAME_SLOT_PREPS: frozenset[str]  # "University of Nebraska"
    LEADING_DROP: frozenset[str]  # articles dropped from a span's front
    POSSESSIVE: tuple[str, ...]  # endings dropped from a span's end
    LANGUAGE_NEXT: frozenset[str]  # "English speakers": a language, not a place
    PEOPLE_PLURAL: str  # "Mexicans": people, not a modifier ...
    PEOPLE_NOT: tuple[str, ...]  # ... unless it ends so ("Swiss", "Chinese")
    PARTY_LETTERS: frozenset[str]  # "D-Columbus"
    IRREGULAR_VERBS: Mapping[str, str]  # "said" → "say", without a lemmatizer
    VERB_SUFFIXES: tuple[tuple[str, str], ...]  # ending → replacement ("ied" → "y")
    E_STEMS: frozenset[str]  # stems that take back an "e" ("locat" → "locate")


class PlaceNames(Protocol):
    """How news names places that GeoNames names otherwise (loaded into the gazetteer at build time)."""

    COUNTRY_ALIASES: Mapping[str, str]  # "Britain" → "GB"
    SHORT_NAMES: Mapping[str, str]  # "CD" → "Democratic Republic of Congo" (actor strings)
    DEMONYM_EXTRAS: Mapping[str, str]  # "Emirati" → "AE"
    CONTINENT_DEMONYMS: Mapping[str, str]  # "European" → "Europe"
    CONTINENT_ALIASES: Mapping[str, str]  # "EU" → "Europe"
    US_STATE_ABBREVIATIONS: Mapping[str, str]  # "Ky." → "KY"
    ADMIN1_ALIASES: Mapping[str, tuple[str, str]]  # "NSW" → ("AU", "02")
    ADMIN1_ABBREVIATIONS: Mapping[str, tuple[str, str]]  # "Ont." → ("CA", "08"), only after "Town, "


class Boilerplate(Protocol):
    """Page chrome: navigation words, and patterns of teasers, credits, copyright and policy text."""

    UI_WORDS: frozenset[str]
    STOP_WORDS: frozenset[str]
    TEASER: re.Pattern[str]
    CALL_TO_ACTION: re.Pattern[str]
    CREDIT: re.Pattern[str]
    COPYRIGHT: re.Pattern[str]
    POLICY: tuple[re.Pattern[str], ...]
    COURTESY: re.Pattern[str]
    ADDRESSES_READER: re.Pattern[str]
    POLICY_TOPIC: re.Pattern[str]
    QUOTE_OR_SPEECH: re.Pattern[str]
    NOT_A_TITLE: re.Pattern[str]


class Datelines(Protocol):
    """Regular-expression pieces of a dated story top (the month and weekday names are the Calendar's)."""

    PUBLISHED_LABEL: str
    UPDATED_LABEL: str
    ORDINAL_SUFFIX: str
    DAY_OF: str
    TIME_AFTER: str


@dataclass(frozen=True)
class Language:
    """Everything language-specific that the stages need, one field per concern."""

    code: str
    calendar: Calendar
    places: PlaceWords
    place_names: PlaceNames
    boilerplate: Boilerplate
    datelines: Datelines

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle as the code (a worker loads the language again)."""
        return (load, (self.code,))


def _check(code: str, concern: str, module: object, protocol: type) -> None:
    missing = [name for name in get_type_hints(protocol) if not hasattr(module, name)]
    if missing:
        raise ConfigError(
            f"language {code!r}: lang/{code}/{concern}.py lacks {', '.join(missing)}",
            hint=f"every name of sitrep.lang.{protocol.__name__} is required",
        )


@cache
def load(code: str) -> Language:
    """The language data of ``code`` (ISO 639-1), checked against the protocols.

    Raises:
        ConfigError: no ``lang/<code>/`` folder, or one of its modules lacks a required name.
    """
    hints = get_type_hints(Language)
    concerns: dict[str, object] = {}
    for f in fields(Language):
        if f.name == "code":
            continue
        try:
            module = importlib.import_module(f".{code}.{f.name}", __name__)
        except ModuleNotFoundError as exc:
            raise ConfigError(
                f"no language data for {code!r} ({exc.name} is missing)",
                hint="languages are folders under sitrep/lang/",
            ) from None
        _check(code, f.name, module, hints[f.name])
        concerns[f.name] = module
    return Language(code, **concerns)  # type: ignore[arg-type]


__all__ = ["Boilerplate", "Calendar", "Datelines", "Language", "PlaceNames", "PlaceWords", "load"]
