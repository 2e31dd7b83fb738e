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
import pkgutil
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache
from typing import Protocol, get_type_hints

from ..errors import ConfigError
from .readings import DateFamily, Toll


class Calendar(Protocol):
    """Names of days and months, and small numbers written as words (all lower case)."""

    WEEKDAYS: tuple[str, ...]  # Monday first, as ``date.weekday()`` counts
    WEEKDAY_ABBR: Mapping[str, int]  # "tue", "tues" → 1
    MONTHS: tuple[str, ...]  # January first
    MONTH_ABBR: Mapping[str, int]  # "jan" → 1, "sept" → 9
    NUMBER_WORDS: Mapping[str, int]  # "a", "one" → 1 ... "twelve" → 12


@dataclass(frozen=True, slots=True)
class Frame:
    """A verb class, an object class, and the sub-event type they make together ("seized weapons")."""

    verbs: frozenset[str]
    objects: frozenset[str]
    sub_event_type: str
    armed_agent: bool = False  # the doer must be an armed or state actor
    contents: bool = False  # what the object holds counts ("packages containing explosives")


class Triggers(Protocol):
    """Words and phrases that tell sub-event types, and the nouns their checks look for."""

    PHRASES: Mapping[str, str]  # multi-word trigger → sub-event type
    WORDS: Mapping[str, tuple[str | None, str]]  # lemma → (sub-event type or None, check name)
    NOUN_WORDS: Mapping[str, tuple[str | None, str]]  # noun readings that type differently
    IRREGULAR: Mapping[str, str]  # past forms the lemmatiser leaves alone → lemma
    FRAMES: Sequence[Frame]
    FRAME_VERBS: frozenset[str]
    INTRANSITIVE: Mapping[str, str]  # verbs that tell a group change with no object → sub-type
    AIR_AGENTS: frozenset[str]
    ARTILLERY_AGENTS: frozenset[str]
    TERRITORY_NOUNS: frozenset[str]
    PROPERTY_NOUNS: frozenset[str]
    CIVILIAN_TARGETS: frozenset[str]
    MILITARY_TARGETS: frozenset[str]
    WEAPON_NOUNS: frozenset[str]
    BASE_NOUNS: frozenset[str]
    AGREEMENT_NOUNS: frozenset[str]
    PROTEST_WORDS: frozenset[str]
    EVACUATION_OBJECTS: frozenset[str]


class ConstraintWords(Protocol):
    """What the trigger checks look for (``events.constraints``)."""

    CONFLICT_DEALS: frozenset[str]
    CONFLICT_WORDS: frozenset[str]
    MODIFIED: frozenset[str]
    PROTEST_TALK: frozenset[str]
    UNOPPOSED: re.Pattern[str]
    LAUNCH_VERBS: frozenset[str]
    LAUNCHED: frozenset[str]
    BOMB_VERB: str
    DISLODGE_VERBS: frozenset[str]
    WITHDRAW: str
    OUT_OF: frozenset[str]
    OUT_OF_INNER: frozenset[str]
    CONTROL: str
    TAKE_VERBS: frozenset[str]
    ON_TARGET: frozenset[str]
    FIGHT_WORDS: frozenset[str]
    CAMPAIGN_NOUNS: frozenset[str]
    PARTY_PREPOSITIONS: frozenset[str]
    IMPACT_VERBS: frozenset[str]
    FIRE_VERBS: frozenset[str]
    SUICIDE_CUES: tuple[str, ...]
    EXPLODE_HEADS: frozenset[str]
    WOMEN: frozenset[str]
    PLOT_NOUNS: frozenset[str]
    AIR_FORCE: tuple[str, str]
    SHOOT: str
    DOWN: str
    MONTH_LIKE: tuple[str, ...]
    EXPLOSION_WORDS: frozenset[str]
    CASUALTY: re.Pattern[str]
    KILL_LEMMAS: frozenset[str]
    DEAD: str
    VICTIM_NOUNS: frozenset[str]


class ActorWords(Protocol):
    """Nouns that name kinds of actors, and named armed groups."""

    STATE_FORCE_NOUNS: frozenset[str]
    POLICE_NOUNS: frozenset[str]
    ISLAMIST_WORDS: frozenset[str]
    ARMED_GROUP_NOUNS: frozenset[str]
    REBEL_WORDS: frozenset[str]
    MILITIA_WORDS: frozenset[str]
    CIVILIAN_NOUNS: frozenset[str]
    PROTESTER_NOUNS: frozenset[str]
    NAMED_GROUPS: Mapping[str, str]  # name as written, lower case → ACLED-like name
    QUANTITY_NOUNS: frozenset[str]
    UNIT_NOUNS: frozenset[str]
    GOVERNMENT_HEADS: frozenset[str]
    RIOTER_LEMMAS: frozenset[str]
    RIOTERS: str
    STATE_UNIT_WORDS: frozenset[str]
    TROOP_WORDS: frozenset[str]
    POLICE_WORD: str
    QAEDA_STEM: str
    COUNTRY_ABBREVIATIONS: frozenset[str]
    SUBJECT_PRONOUNS: frozenset[str]


class ModalityWords(Protocol):
    """What makes a told event a threat, a plan, a negation, a claim or a tally."""

    NOT_HAPPENED_HEADS: frozenset[str]
    HEDGE_HEADS: frozenset[str]
    HEDGE_ADVERBS: frozenset[str]
    UNCONFIRMED: frozenset[str]
    CONFIRM_HEADS: frozenset[str]
    FUTURE_AUX: frozenset[str]
    OBLIGATION_AUX: frozenset[str]
    POSSIBILITY_AUX: frozenset[str]
    PERFECT_AUX: frozenset[str]
    INFINITIVE_MARK: str
    ASPECT_HEADS: frozenset[str]
    CONDITION_MARKS: frozenset[str]
    GOVERNING_CONDITIONS: frozenset[str]
    NOBODY: frozenset[str]
    NO_DETERMINER: str
    AGGREGATE: re.Pattern[str]


class Grammar(Protocol):
    """Function words the rules navigate a parse by."""

    RELATIVE_PRONOUNS: frozenset[str]
    TARGET_PREPOSITIONS: frozenset[str]
    PATIENT_PREPOSITIONS: frozenset[str]
    AGENT_PREPOSITION: str
    PARTITIVE: str
    BETWEEN: str
    DEFINITE: frozenset[str]


class DateWords(Protocol):
    """Date phrases (patterns and their resolvers) and the words that tell whose date a date is."""

    FAMILIES: Sequence[DateFamily]
    DURATION_START: re.Pattern[str]
    REACTION_VERBS: frozenset[str]
    MEDIA_VERBS: frozenset[str]
    REPORT_VERBS: frozenset[str]


class TollReader(Protocol):
    """Death tolls in one sentence, read by the language's grammar."""

    def find_tolls(self, text: str) -> list[Toll]: ...

    def is_update(self, toll: Toll) -> bool: ...

    def parse_number(self, text: str) -> int | None: ...


class ProtestCues(Protocol):
    """What a sentence about demonstrators says of them: violence, lethal force, intervention."""

    PROTEST: re.Pattern[str]
    RIOT: re.Pattern[str]
    LETHAL: re.Pattern[str]
    INTERVENTION: re.Pattern[str]
    UNREST: re.Pattern[str]
    PEACEFUL: re.Pattern[str]


@dataclass(frozen=True)
class Language:
    """Everything language-specific that the stages need, one field per concern."""

    code: str
    calendar: Calendar
    triggers: Triggers
    checks: ConstraintWords
    actors: ActorWords
    modality: ModalityWords
    grammar: Grammar
    dates: DateWords
    tolls: TollReader
    protests: ProtestCues


def _required(protocol: type) -> list[str]:
    """The names a protocol declares: its attributes and its methods."""
    methods = [n for n, v in vars(protocol).items() if callable(v) and not n.startswith("_")]
    return sorted(set(get_type_hints(protocol)) | set(methods))


def _check(code: str, concern: str, module: object, protocol: type) -> None:
    missing = [name for name in _required(protocol) if not hasattr(module, name)]
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


def available() -> list[str]:
    """The codes of the language folders present."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg)


__all__ = [
    "ActorWords",
    "Calendar",
    "ConstraintWords",
    "DateWords",
    "Frame",
    "Grammar",
    "Language",
    "ModalityWords",
    "ProtestCues",
    "TollReader",
    "Triggers",
    "available",
    "load",
]
