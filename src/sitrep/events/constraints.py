"""The checks a single-word trigger must pass, by name: ``CHECKS["victim"](trigger, reader)``.

A language's trigger table gives each word a sub-type (or None) and the name of one check
(``lang/<code>/triggers.py``: ``"attack": (T.ATTACK, "victim")``). Each check is a small function
registered here under its name; it returns a final ``Candidate``, the ``Trigger`` to go on with
(possibly retyped), or None to drop the trigger. Every name a language uses must be registered:
``check_triggers`` verifies it when this module is imported, for every language folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Token

from .. import lang
from .. import taxonomy as T
from ..errors import ConfigError
from ..taxonomy import ARMED_KINDS, NON_STATE_KINDS, STATE_KINDS
from .actors import Actor
from .candidate import Candidate, Trigger
from .participants import air, conflict_agreement, noun_agent, place_like
from .reading import Reader
from .syntax import children, of_object, prep_objects

Outcome = Candidate | Trigger | None
Check = Callable[[Trigger, Reader], Outcome]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    """Register a trigger check under ``name`` (the name trigger tables refer to)."""

    def deco(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn

    return deco


def check_triggers(words: lang.Triggers, code: str) -> None:
    """Every check a language's trigger tables name is registered here.

    Raises:
        ConfigError: a trigger names an unknown check.
    """
    named = {c for _, c in words.WORDS.values()} | {c for _, c in words.NOUN_WORDS.values()}
    unknown = sorted(named - CHECKS.keys())
    if unknown:
        raise ConfigError(
            f"language {code!r}: triggers name unknown checks {', '.join(unknown)}",
            hint=f"known checks: {', '.join(sorted(CHECKS))} (sitrep.events.constraints)",
        )


@check("none")
def _none(t: Trigger, r: Reader) -> Outcome:
    """No check: the word alone tells the type."""
    return t


@check("weapon_agent")
def _weapon_agent(t: Trigger, r: Reader) -> Outcome:
    """Who or what struck types it: warplanes → air strike, rockets or shells → shelling."""
    heads = [t.agent_tok] if t.agent_tok is not None else []
    if t.agent_tok is not None:
        heads += [c for c in t.agent_tok.children if c.dep_ in {"compound", "conj"}]
    words = {h.lemma_.lower() for h in heads} | {h.lower_ for h in heads}
    p = t.patient_tok
    fired = {p.lemma_.lower(), p.lower_} if p is not None else set()
    launching = t.lemma in r.checks.LAUNCH_VERBS
    if launching and not fired & (r.words.ARTILLERY_AGENTS | r.checks.LAUNCHED):
        return None  # "fired on the car", "dropped the charges": no weapon launched
    agent = t.agent
    if words & r.words.AIR_AGENTS or (
        t.lemma == r.checks.BOMB_VERB and agent is not None and agent.kind == "state"
    ):
        sub = T.AIR_STRIKE
    elif words & r.words.ARTILLERY_AGENTS or (launching and fired & r.words.ARTILLERY_AGENTS):
        sub = T.SHELLING
    else:
        return None
    weapon = r.words.AIR_AGENTS | r.words.ARTILLERY_AGENTS
    if agent is not None and t.agent_tok is not None and t.agent_tok.lemma_.lower() in weapon:
        agent = noun_agent(t.agent_tok, r) or (agent if agent.country else None)
    return Candidate(sub, t.tok, agent, t.patient, t.status, t.why)


def _territory_object(t: Trigger, r: Reader) -> Token | None:
    """The place taken or left: the object, or the object of 'from'/'out of' (None: none to read)."""
    obj = t.patient_tok if t.verb else None
    if t.lemma in r.checks.DISLODGE_VERBS:
        # "withdrew from X", "drove the militants out of X": the place is the object of from / out of
        preps = [q for q in t.tok.children if q.dep_ in {"prep", "prt"} and q.lower_ in r.checks.OUT_OF]
        preps += [
            q for p in preps for q in p.children if q.dep_ == "prep" and q.lower_ in r.checks.OUT_OF_INNER
        ]
        objs = [o for q in preps for o in children(q, "pobj")]
        if objs:
            obj = objs[0]
        elif t.lemma != r.checks.WITHDRAW:
            return None
    return obj


def _idiom(obj: Token, r: Reader) -> bool:
    """Territory that is an idiom, not a place: "took part in the attack" ("part of the town" is one)."""
    return obj.lemma_.lower() in r.checks.PART_NOUNS and of_object(obj, r.grammar) is None


@check("territory")
def _territory(t: Trigger, r: Reader) -> Outcome:
    """A place taken or left, typed by who took it (state, non-state) or how (without a fight)."""
    if not t.verb:
        return None
    obj = _territory_object(t, r)
    if obj is None or not place_like(obj, r) or _idiom(obj, r):
        return None  # "took control of X" keeps the whole phrase as the place
    control = r.checks.CONTROL
    agent, sub = t.agent, t.sub
    if obj.lemma_.lower() in r.words.TERRITORY_NOUNS and obj.lower_ != control:
        # "the area", "the town": territorial only when the agent is armed
        if agent is None and t.lemma in r.checks.TAKE_VERBS:
            return None
    if sub == T.NON_VIOLENT_TRANSFER and (agent is None or agent.kind not in NON_STATE_KINDS | STATE_KINDS):
        return None
    if sub is None:
        if agent is None:
            return None
        if agent.kind in STATE_KINDS:
            sub = T.GOVERNMENT_REGAINS
        elif agent.kind in NON_STATE_KINDS:
            sub = T.NON_STATE_OVERTAKES
        else:
            return None
    elif sub == T.GOVERNMENT_REGAINS and agent is not None and agent.kind in NON_STATE_KINDS:
        sub = T.NON_STATE_OVERTAKES
    if r.checks.UNOPPOSED.search(t.tok.sent.text):
        sub = T.NON_VIOLENT_TRANSFER  # "took the town without a fight"
    place = tuple(x.i for x in obj.subtree)
    return Candidate(sub, t.tok, agent, t.patient, t.status, t.why, place)


def _definite(tok: Token, r: Reader) -> bool:
    """A noun told as one already known: "the attack", "this raid", "Saturday's assault"."""
    return r.definite(tok) or any(ch.dep_ == "poss" and ch.ent_type_ == "DATE" for ch in tok.children)


def _sheltering(place: Token, r: Reader) -> bool:
    """A camp or post told as civilians' ("a camp sheltering migrants", "a refugee camp")."""
    return any(t.i != place.i and t.lemma_.lower() in r.actors.CIVILIAN_NOUNS for t in place.subtree)


@check("victim")
def _victim(t: Trigger, r: Reader) -> Outcome:
    """Typed by who hit whom: civilians → attack, forces → armed clash, protesters → excessive force."""
    agent, patient = t.agent, t.patient
    if air(t.agent_tok, r):  # "one of its aircraft attacked a group of gunmen"
        return t.candidate(T.AIR_STRIKE)
    if patient is None and agent is not None and agent.kind in ARMED_KINDS:
        if t.verb:
            hit = t.patient_tok
        else:  # "an attack on a village"
            ons = prep_objects(t.tok, r.checks.ON_TARGET)
            hit = ons[0] if ons else None
        target = hit.lemma_.lower() if hit is not None else None
        if hit is not None and target in r.words.MILITARY_TARGETS and _sheltering(hit, r):
            # "a camp sheltering migrants", "a camp for displaced people": civilians
            return Candidate(T.ATTACK, t.tok, agent, Actor("civilians"), t.status, t.why)
        if target in r.words.CIVILIAN_TARGETS:
            return Candidate(T.ATTACK, t.tok, agent, Actor("civilians"), t.status, t.why)
        if target in r.words.MILITARY_TARGETS:
            return Candidate(T.ARMED_CLASH, t.tok, agent, None, t.status, t.why)
    if patient is None and not t.verb and _definite(t.tok, r):  # "the three-hour attack was on Sirba"
        return replace(t.candidate(), reference=True)
    if patient is None:
        return None  # no one hit that we can read ("an attack" with no target): left to other triggers
    if t.sub == T.ARRESTS:
        return t.candidate()
    if patient.kind == "protesters" and agent is not None and agent.kind in STATE_KINDS:
        return t.candidate(T.EXCESSIVE_FORCE)
    if patient.kind in {"civilians", "protesters"}:
        if agent is not None and agent.kind in {"rioters", "protesters"}:
            return t.candidate(T.MOB_VIOLENCE)
        return t.candidate(T.ATTACK)
    if patient.kind in ARMED_KINDS:
        return t.candidate(T.ARMED_CLASH)
    return None


@check("launched")
def _launched(t: Trigger, r: Reader) -> Outcome:
    """Rockets, shells, missiles: a launch or an impact is an attack ("rockets hit the town")."""
    governors = {t.tok.head.lemma_.lower()} | {c.lemma_.lower() for c in t.tok.children if c.dep_ == "acl"}
    if (
        not t.verb
        and not governors & (r.checks.IMPACT_VERBS | r.checks.FIRE_VERBS)
        and not (t.agent or t.patient)
    ):
        return None  # "shells" collected on a beach, "rocket science": no launch, no impact, no one
    return t


def _suicide(t: Trigger, r: Reader) -> Trigger:
    """A bombing told in a sentence that speaks of a suicide bomber is a suicide bomb."""
    sent_low = t.tok.sent.text.lower()
    if any(cue in sent_low for cue in r.checks.SUICIDE_CUES):
        return replace(t, sub=T.SUICIDE_BOMB)
    return t


@check("exploded")
def _exploded(t: Trigger, r: Reader) -> Outcome:
    """A bomb that went off, was planted or detonated ("a bomb exploded", "detonated a bomb")."""
    t = _suicide(t, r)
    if t.tok.head.lemma_.lower() not in r.checks.EXPLODE_HEADS:
        return None
    return t


@check("blast")
def _blast(t: Trigger, r: Reader) -> Outcome:
    """An explosion with an agent or a place in its sentence."""
    t = _suicide(t, r)
    if t.agent is None and not any(r.is_place(x) for x in t.tok.sent):
        return None
    return t


@check("detonated")
def _detonated(t: Trigger, r: Reader) -> Outcome:
    """Something detonated (a suicide bomb when the sentence says so)."""
    return _suicide(t, r)


@check("thrown")
def _thrown(t: Trigger, r: Reader) -> Outcome:
    """A grenade thrown is a grenade attack; stones or petrol bombs thrown by a crowd are a riot."""
    p = t.patient_tok
    thrown = {p.lemma_.lower(), p.lower_} | {c.lower_ for c in p.children} if p is not None else set()
    if thrown & r.checks.GRENADE_NOUNS:
        return replace(t, sub=T.GRENADE)
    armed = t.agent is not None and t.agent.kind in ARMED_KINDS
    if thrown & r.checks.RIOT_MISSILES and not armed:
        return Candidate(T.VIOLENT_DEMONSTRATION, t.tok, Actor("rioters"), t.patient, t.status, t.why)
    return None


@check("women")
def _women(t: Trigger, r: Reader) -> Outcome:
    """Abuse of women or children."""
    p = t.patient_tok
    return t if p is not None and p.lemma_.lower() in r.checks.WOMEN else None


@check("armed")
def _armed(t: Trigger, r: Reader) -> Outcome:
    """An armed participant, or an armed or state actor somewhere in the sentence ("we are united in
    fighting it" is no clash)."""
    if any(a is not None and a.kind in ARMED_KINDS | {"government"} for a in (t.agent, t.patient)):
        return t
    nouns = r.actors.ARMED_GROUP_NOUNS | r.actors.STATE_FORCE_NOUNS
    return t if any(x.lemma_.lower() in nouns for x in t.tok.sent) else None


@check("protest")
def _protest(t: Trigger, r: Reader) -> Outcome:
    """A protest sentence, or people marching: "teachers marched through Accra", not "troops marched"."""
    if t.protest_context:
        return t
    return t if t.verb and t.agent is not None and t.agent.kind in {"civilians", "protesters"} else None


@check("property")
def _property(t: Trigger, r: Reader) -> Outcome:
    """Property destroyed: by the air force a strike, by protesters a riot, else looting/destruction."""
    if air(t.agent_tok, r):  # "the air force destroyed vehicles"
        return t.candidate(T.AIR_STRIKE)
    if t.agent is not None and t.agent.kind in {"protesters", "rioters"}:
        return t.candidate(T.VIOLENT_DEMONSTRATION)
    p = t.patient_tok
    nouns = r.words.PROPERTY_NOUNS
    if p is None or p.lemma_.lower() not in nouns and p.lower_ not in nouns:
        return None
    passive = bool(children(t.tok, "auxpass"))
    if (t.agent is None and not passive) or (
        t.agent_tok is not None and t.agent_tok.lemma_.lower() in r.words.WORDS
    ):
        return None  # "destroyed by airstrikes": part of the strike, not a separate event
    return t


@check("plot")
def _plot(t: Trigger, r: Reader) -> Outcome:
    """A plot or weapon foiled: "foiled an attack / a bomb plot", not "foiled their plans to expand"."""
    plotted = {x.lemma_.lower() for x in (t.patient_tok.subtree if t.patient_tok is not None else [])}
    return t if plotted & (r.words.WEAPON_NOUNS | r.checks.PLOT_NOUNS) else None


def _object_in(t: Trigger, nouns: frozenset[str]) -> bool:
    return t.patient_tok is not None and t.patient_tok.lemma_.lower() in nouns


@check("weapons")
def _weapons(t: Trigger, r: Reader) -> Outcome:
    """The object is a weapon or explosive."""
    return t if _object_in(t, r.words.WEAPON_NOUNS) else None


@check("base")
def _base(t: Trigger, r: Reader) -> Outcome:
    """The object is a base, headquarters or camp."""
    return t if _object_in(t, r.words.BASE_NOUNS) else None


@check("agreement")
def _agreement(t: Trigger, r: Reader) -> Outcome:
    """An agreement-like object, between or about conflict parties."""
    if not _object_in(t, r.words.AGREEMENT_NOUNS):
        return None
    return t if conflict_agreement(t.patient_tok, t.agent, r) else None


@check("demonstrate")
def _demonstrate(t: Trigger, r: Reader) -> Outcome:
    """Protesting, not showing: "the case demonstrates that ...", "demonstrated its strength"."""
    return None if t.patient_tok is not None or children(t.tok, "ccomp") else t


@check("evacuation")
def _evacuation(t: Trigger, r: Reader) -> Outcome:
    """An embassy or its staff evacuated."""
    objects = r.words.EVACUATION_OBJECTS
    targets = [x for x in t.tok.subtree if x.lower_ in objects]
    if t.patient_tok is not None:
        targets += [x for x in t.patient_tok.subtree if x.lower_ in objects]
    return t if targets else None


for _code in lang.available():
    check_triggers(lang.load(_code).triggers, _code)
