"""What a language folder provides: one Protocol per concern, and the records its data is built of.

``sitrep.lang.load`` checks a ``lang/<code>/<concern>.py`` module against its Protocol here, so a
missing list fails when the language loads. The attribute comments say what each name holds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

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


@dataclass(frozen=True, slots=True)
class NamedActor:
    """An armed actor known by name: its ACLED-like name, inter code, kind and where it acts."""

    name: str  # "Al Shabaab", "Military Forces of Mali"
    inter: int  # ACLED inter code: 1 state, 2 rebel, 3 political militia, 4 identity militia, 8 external
    kind: str  # state, police, rebel, islamist, political_militia, identity_militia, external
    countries: frozenset[str]  # ISO alpha-2 codes where it acts (its scope)
    ambiguous: frozenset[str]  # aliases (lower case) that name it only in a story about its countries
    since: dt.date | None = None  # the name stands for it from this day ("Rapid Support Forces": 2013)
    until: dt.date | None = None  # ... and up to this day ("Janjaweed Militia" before the RSF)

    def active(self, on: dt.date | None) -> bool:
        """Whether the name stands for this actor in a story of day ``on`` (None: any day)."""
        return (
            on is None
            or (self.since is None or self.since <= on)
            and (self.until is None or on <= self.until)
        )


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
    PART_NOUNS: frozenset[str]
    TAKE_VERBS: frozenset[str]
    ON_TARGET: frozenset[str]
    FIGHT_WORDS: frozenset[str]
    CAMPAIGN_NOUNS: frozenset[str]
    PARTY_PREPOSITIONS: frozenset[str]
    IMPACT_VERBS: frozenset[str]
    FIRE_VERBS: frozenset[str]
    SUICIDE_CUES: tuple[str, ...]
    EXPLODE_HEADS: frozenset[str]
    GRENADE_NOUNS: frozenset[str]
    RIOT_MISSILES: frozenset[str]
    WOMEN: frozenset[str]
    PLOT_NOUNS: frozenset[str]
    EPISODE_NOUNS: frozenset[str]  # "killed in the incident": a word for something already told
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
    NAMED_ACTORS: Mapping[str, tuple[NamedActor, ...]]  # alias as written, lower case → who it can name
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
    ONLOOKER_VERBS: frozenset[str]  # "residents who described the blast": tellers, not doers (lemmas)
    CLAIM_LEMMAS: frozenset[str]  # "no group claimed the attack": the group named with it is a guess


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
    HABITUAL_ADVERBS: frozenset[str]
    HABITUAL_MODIFIERS: frozenset[str]  # "near-daily clashes", "repeated raids"
    SERIES_VERBS: frozenset[str]  # "stepped up attacks": lemma and particle
    EXAMPLE_PHRASES: frozenset[str]  # "such as the recent air strikes"
    GENERIC_WHEN: frozenset[str]
    SERIES_NOUNS: frozenset[str]


class Grammar(Protocol):
    """Function words the rules navigate a parse by."""

    RELATIVE_PRONOUNS: frozenset[str]
    TARGET_PREPOSITIONS: frozenset[str]
    PATIENT_PREPOSITIONS: frozenset[str]
    AGENT_PREPOSITION: str
    PARTITIVE: str
    BETWEEN: str
    IN_EPISODE: frozenset[str]  # "killed in the attack", "during the raid"
    ANOTHER: frozenset[str]  # "a second blast", "another attack": not the one told before
    SPREAD: frozenset[str]  # "across Myanmar", "throughout the country": all of it, no one town
    DEFINITE: frozenset[str]
    PLURAL_ENDINGS: tuple[tuple[str, str], ...]


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


class PlaceWords(Protocol):
    """Words the geoparser reads around place names (lower case; NER labels as the model spells them)."""

    NER_LABELS: frozenset[str]  # entity labels that can be places
    GROUP_LABELS: frozenset[str]  # entity labels of groups ("Somalia's al-Shabaab" owns no place)
    BLOCK_LABELS: frozenset[str]  # entity labels a capitalised run must not overlap
    DIRECTIONS: frozenset[str]  # "northern" Mali
    COMPASS: frozenset[str]  # a lone word that is only a direction or a coast ("Central", "Gulf")
    NOT_ALONE: frozenset[str]  # inside a longer name, a direction, not an admin area
    FACILITY_WORDS: frozenset[str]  # "Bamako airport"
    REGION_WORDS: frozenset[str]  # "the X region"
    ADMIN_WORDS: frozenset[str]  # "Katsina State", "Faskari LGA": an admin area's name, whatever its label
    ADMIN_PHRASES: tuple[tuple[str, ...], ...]  # "X Local Government Area": several words as one
    SETTLEMENT_AFTER: frozenset[str]  # "Kanko village": a settlement's name comes first
    SETTLEMENT_OF: frozenset[str]  # "the villages of X and Y": the names come after "of"
    COUNTY_WORDS: frozenset[str]  # "Lamar County": a second-level area
    ADMIN1_WORDS: frozenset[str]  # "Katsina State": a first-level area
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
    CAPITAL_WORDS: frozenset[str]  # "Chad's capital", "the Chadian capital": the capital city
    CAPITAL_THEN: frozenset[str]  # "the capital city"
    COUNTRY_OWNERS: frozenset[str]  # "the country's capital": the story's country
    TOWN_OWNERS: frozenset[str]  # "the city's X district": the town the story told last
    NOT_NATIONAL: frozenset[str]  # "the commercial capital": no capital of a place
    ADMIN_CAPITAL: frozenset[str]  # "the provincial capital": the story's first-level area's
    BORDER_WORDS: frozenset[str]  # "near the Niger border": not a place of its own
    BORDER_PREPS: frozenset[str]  # "the border with X"
    BORDER_VERBS: frozenset[str]  # "which borders Malaysia" (lemmas)
    STANCE_VERBS: frozenset[str]  # "Khartoum denies": a place standing for its government (lemmas)
    REPORT_NOUNS: frozenset[str]  # "told reporters in Geneva", "a statement from Nairobi"
    DESIGNATION_NOUNS: frozenset[str]  # "the ambassador to Chad": a title, not a place of the event
    REFERENCE_BEFORE: re.Pattern[str]  # "20 km north of" before a name: a reference point
    DISTANCE_UNITS: Mapping[str, float]  # "km" → 1.0, "miles" → 1.609
    BEARINGS: Mapping[str, float]  # "northeast" → 45.0 (degrees from north)
    DATELINE_TAIL: re.Pattern[str]  # after a name that opens a line: "(Reuters) -", ", June 13 :"


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
    REGIONS: Mapping[
        str, tuple[str, tuple[str, ...]]
    ]  # "Donbas" → ("UA", (its admin1 areas)), read at run time


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
    LIST_HEADING: re.Pattern[str]  # "Related stories", "Most read": a heading over a list of links


class Datelines(Protocol):
    """Regular-expression pieces of a dated story top (the month and weekday names are the Calendar's)."""

    PUBLISHED_LABEL: str
    UPDATED_LABEL: str
    ORDINAL_SUFFIX: str
    DAY_OF: str
    TIME_AFTER: str
