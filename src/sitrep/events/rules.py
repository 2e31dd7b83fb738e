"""Event triggers over the dependency parse: what happened, to whom, and did it happen.

Hand-written rules rather than a trained model: the only ACLED-labelled text we could train
on is ACLED's own (its licence forbids it), and rules keep every decision explainable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..taxonomy import NON_STATE_KINDS, STATE_KINDS
from . import lexicon as lx
from .actors import QUANTITY_NOUNS, Actor, CountryNames, actor_of
from .frames import FRAME_VERBS, INTRANSITIVE, frame_type

ARMED = frozenset({"state", "police", "islamist", "rebel", "militia", "unidentified", "named"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One trigger in one sentence, typed, with its participants and modality."""

    sub_event_type: str
    trigger: Token
    agent: Actor | None
    patient: Actor | None
    status: str  # "happened", "hedged", "not"
    why: str  # the rule that fired, for explanations
    place_tokens: tuple[int, ...] = ()  # token indexes of the object place, if the rule found one
    covers: tuple[int, ...] = ()  # tokens this trigger's event includes (the IED that was defused)


def _lower(t: Token) -> str:
    return t.lemma_.lower()


def _children(t: Token, *deps: str) -> list[Token]:
    return [c for c in t.children if c.dep_ in deps]


def _np_head(tok: Token) -> Token:
    """Repair a mis-parsed object ("by the paramilitary Rapid Support Forces" with an ADJ as pobj)."""
    if tok.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
        return tok
    for t in tok.doc[tok.i + 1 : tok.i + 6]:
        if t.pos_ in {"NOUN", "PROPN"} and t.dep_ != "compound":
            return t
        if t.pos_ in {"VERB", "PUNCT", "ADP"}:
            break
    return tok


def subject_of(verb: Token) -> Token | None:
    """The agent noun of a verb: its active subject, its passive 'by' agent, or a conj head's subject."""
    for c in verb.children:
        if c.dep_ == "agent":
            objs = _children(c, "pobj")
            if objs:
                return _np_head(objs[0])
    subj = sorted(_children(verb, "nsubj"), key=lambda t: abs(verb.i - t.i))
    if subj:
        s = subj[0]  # the nearest: a dateline city parsed as a second subject is farther away
        if s.dep_ == "nsubj" and s.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
            return verb.head
        return s
    if (
        verb.dep_ in {"conj", "xcomp", "advcl"}
        and verb.head.pos_ in {"VERB", "AUX"}
        and verb.head.i != verb.i
    ):
        if verb.dep_ == "conj" or not _children(verb, "nsubjpass"):
            return subject_of(verb.head)
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG":  # "after seizing X", "by controlling X": the main subject
        # spaCy makes a new Token on every access, so identity (``is``) never says "the root":
        # climb by index, through ``ancestors``, which ends at the root by construction.
        governor = next((a for a in verb.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if governor is not None:
            return subject_of(governor)
    return None


_CONFLICT_DEALS = frozenset(
    "ceasefire cease-fire truce peace armistice prisoner prisoners detainee detainees hostage hostages "
    "captive captives body bodies pow pows surrender disarmament demobilization demobilisation".split()
)


def _conflict_agreement(obj: Token | None, agent: Actor | None) -> bool:
    """An agreement between conflict parties, or about a conflict (ceasefire, prisoners, peace)."""
    if agent is not None and (agent.kind in ARMED or agent.kind == "government"):
        return True
    words = (
        {t.lemma_.lower() for t in obj.subtree} | {t.lower_ for t in obj.subtree}
        if obj is not None
        else set()
    )
    parties = lx.ARMED_GROUP_NOUNS | lx.STATE_FORCE_NOUNS | lx.REBEL_WORDS | lx.MILITIA_WORDS
    return bool(
        words & (_CONFLICT_DEALS | parties | {"mutiny", "rebellion", "insurgency", "war", "conflict"})
    )


def _air(tok: Token | None) -> bool:
    """Warplanes, jets, drones, an air force."""
    if tok is None:
        return False
    if tok.lemma_.lower() in lx.AIR_AGENTS or tok.lower_ in lx.AIR_AGENTS:
        return True
    return tok.lemma_.lower() == "force" and any(c.lower_ == "air" for c in tok.children)


def content_noun(tok: Token) -> Token:
    """The noun a quantity stands for: "dozens of homes" → homes, "two of the trucks" → trucks."""
    if tok.lemma_.lower() in QUANTITY_NOUNS or tok.pos_ == "NUM":
        for prep in _children(tok, "prep"):
            if prep.lower_ == "of" and _children(prep, "pobj"):
                return _children(prep, "pobj")[0]
    return tok


def object_of(verb: Token) -> Token | None:
    """The patient noun: the direct object, the passive subject, or the object of 'on'/'at'."""
    for dep in ("dobj", "nsubjpass"):
        objs = _children(verb, dep)
        if objs:
            o = objs[0]
            if o.lower_ in {"which", "that", "who"} and verb.dep_ == "relcl":
                return verb.head
            return o
    for prep in _children(verb, "prep", "prt"):
        if prep.lower_ in {"on", "upon", "at", "against", "between", "about", "around", "over", "nearly"}:
            objs = _children(prep, "pobj")
            if objs:
                return objs[0]
    for conj in _children(verb, "conj"):  # "killed and wounded scores of fighters": a shared object
        if conj.pos_ == "VERB" and not _children(conj, "nsubj"):
            objs = _children(conj, "dobj")
            if objs:
                return objs[0]
    return None


def _noun_agent(noun: Token, names: CountryNames) -> Actor | None:
    """Who did a nominal trigger ("French airstrikes", "an attack by gunmen", "their raid")."""
    for c in noun.children:
        if c.dep_ in {"amod", "compound", "nmod"}:
            a = actor_of(c, names)
            if a is not None:
                return a
            iso = names.country_of_demonym(c.text) or names.country_code(c.text)
            if iso:
                return Actor("state", iso, token_i=c.i)
        if c.dep_ == "prep" and c.lower_ == "by":
            objs = _children(c, "pobj")
            if objs:
                return actor_of(objs[0], names)
        if c.dep_ == "acl" and c.pos_ == "VERB":  # "shells fired by the RSF", "a drone launched by X"
            a = actor_of(subject_of(c), names)
            if a is not None:
                return a
    # the verb a nominal trigger hangs on: "X carried out / launched / conducted an airstrike"
    if noun.dep_ in {"dobj"} and noun.head.pos_ == "VERB":
        return actor_of(subject_of(noun.head), names)
    return None


def _sides(trigger: Token, names: CountryNames) -> tuple[Actor | None, Actor | None]:
    """ "Fighting/clashes between X and Y": the two sides, in the order told."""
    for prep in _children(trigger, "prep"):
        if prep.lower_ == "between":
            objs = _children(prep, "pobj")
            if objs:
                first = objs[0]
                second = next(iter(first.conjuncts), None)
                return actor_of(first, names), actor_of(second, names) if second is not None else None
    return None, None


def _noun_patient(noun: Token, names: CountryNames) -> Actor | None:
    for prep in _children(noun, "prep"):
        if prep.lower_ in {"on", "against", "of"}:
            objs = _children(prep, "pobj")
            if objs:
                a = actor_of(objs[0], names)
                if a is not None:
                    return a
    return None


def _is_place_like(tok: Token | None, is_place: Callable[[Token], bool]) -> bool:
    if tok is None:
        return False
    if is_place(tok):
        return True
    if tok.lemma_.lower() in lx.TERRITORY_NOUNS or tok.lower_ in lx.TERRITORY_NOUNS:
        if tok.lower_ == "control":
            return any(
                is_place(t) or t.lemma_.lower() in lx.TERRITORY_NOUNS for t in tok.subtree if t.i != tok.i
            )
        return True
    return False


_MODIFIED = frozenset(
    "warrant warrants helicopter helicopters leader leaders organizer organizers organiser organisers group "
    "groups movement movements song songs site sites law laws record records charge charges case cases "
    "investigation probe squad squads unit units dog dogs".split()
)
_KNOWN_CONSTRAINTS = frozenset(
    "armed protest property weapons plot base agreement evacuation launched exploded blast detonated women "
    "demonstrate victim territory weapon_agent".split()
) | {""}
_PROTEST_TALK = frozenset(
    "organise organize plan call announce ban prohibit charge accuse urge threaten postpone cancel".split()
)
_UNOPPOSED = re.compile(
    r"\bwithout (any |a |much )?(resistance|fight|fighting|a shot|firing a shot|bloodshed|clashes)\b|"
    r"\b(handed over|handover of|peacefully)\b",
    re.IGNORECASE,
)
_AGGREGATE = re.compile(
    r"\b(over|in|during) the (past|last) (\w+ )?(years?|decades?|months?)\b|\bsince (19|20)\d\d\b|"
    r"\bin recent (years|months)\b|\bso far this year\b|\bthis year\b|\bsince the start of\b",
    re.IGNORECASE,
)


def modality(trigger: Token) -> str:
    """'not' for threats, plans, denials, negations and futures; 'hedged' for claims; else 'happened'."""
    kids = {c.dep_: c for c in trigger.children}
    if "neg" in kids:
        return "not"
    for c in trigger.children:  # "no civilians were killed", "nobody was hurt"
        if c.dep_ in {"nsubj", "nsubjpass", "dobj"} and (
            c.lower_ in {"nobody", "none", "noone"}
            or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        ):
            return "not"
    for c in trigger.children:
        low = c.lower_
        if c.dep_ in {"aux", "auxpass"} and low in lx.FUTURE_AUX:
            return "not"
        if c.dep_ == "aux" and low == "to" and trigger.dep_ in {"xcomp", "advcl", "acl", "relcl", "ccomp"}:
            if trigger.head.lemma_.lower() not in {"begin", "start", "continue", "manage", "succeed"}:
                return "not"
        if c.dep_ == "mark" and low in {"if", "unless", "whether"}:
            return "not"
    if any(
        c.dep_ == "aux" and c.lower_ in {"has", "have", "'ve"} for c in trigger.children
    ) and _AGGREGATE.search(trigger.sent.text):
        return "not"  # "has killed thousands since 2015": a tally, not a happening with a place and a day
    status = "happened"
    for c in trigger.children:
        if c.dep_ == "aux" and c.lower_ in {"may", "might", "could"}:
            status = "hedged"
        if c.dep_ == "advmod" and c.lower_ in lx.HEDGE_ADVERBS:
            status = "hedged"
    node, steps = trigger, 0
    while node.head.i != node.i and steps < 6:
        head = node.head
        if node.dep_ == "conj":  # a coordinated verb is not governed by its sibling
            node = head
            continue
        hl = head.lemma_.lower()
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in head.children):
            return "not"  # "if arrests were made": a condition, not a report
        if hl in lx.NOT_HAPPENED_HEADS and node.dep_ not in {"nsubj", "nsubjpass", "advcl"}:
            return "not"
        if head.pos_ in {"VERB", "AUX"} and any(
            c.dep_ == "aux" and c.lower_ in lx.FUTURE_AUX | {"should", "must", "ought"} for c in head.children
        ):
            return "not"  # "Mexico should send peace demonstrators", "the army would retake the town"
        if hl in {"confirm", "verify"} and any(c.dep_ == "neg" for c in head.children):
            status = "hedged"
        if hl in lx.HEDGE_HEADS or head.lower_ == "unconfirmed":
            status = "hedged"
        if any(c.dep_ == "advmod" and c.lower_ in lx.HEDGE_ADVERBS for c in head.children):
            status = "hedged"
        node, steps = head, steps + 1
    return status


def _phrase_triggers(sent: Span) -> list[tuple[Token, str, str]]:
    """Multi-word triggers: (head token, sub-event type, phrase)."""
    toks = list(sent)
    out = []
    for i in range(len(toks)):
        for n in (4, 3, 2):
            if i + n > len(toks):
                continue
            words = [t.lower_ for t in toks[i : i + n]]
            last = toks[i + n - 1].lemma_.lower()
            for cand in (" ".join(words), " ".join(words[:-1] + [last])):
                if cand in lx.PHRASES:
                    out.append((toks[i + n - 1], lx.PHRASES[cand], cand))
                    break
    return out


def find_candidates(sent: Span, names: CountryNames, is_place: Callable[[Token], bool]) -> list[Candidate]:
    """Every typed trigger in a sentence (before the hierarchy and merging)."""
    out: list[Candidate] = []
    used: set[int] = set()
    sent_words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
    protest_ctx = bool(sent_words & lx.PROTEST_WORDS)
    for head, sub, phrase in _phrase_triggers(sent):
        start = head.i - len(phrase.split()) + 1
        used.update(range(start, head.i + 1))
        agent = (
            _noun_agent(head, names) if head.pos_ in {"NOUN", "PROPN"} else actor_of(subject_of(head), names)
        )
        if agent is None and head.pos_ in {"NOUN", "PROPN"}:
            for t in sent[max(0, start - sent.start) : head.i - sent.start + 1]:
                agent = agent or _noun_agent(t, names)
        out.append(
            Candidate(sub, head, agent, _noun_patient(head, names), modality(head), f"phrase:{phrase}")
        )
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        lemma = lx.IRREGULAR.get(tok.lower_, tok.lemma_.lower())
        if lemma not in FRAME_VERBS:
            continue
        agent = actor_of(subject_of(tok), names)
        if lemma in INTRANSITIVE:
            if agent is not None and agent.kind in ARMED:
                out.append(Candidate(INTRANSITIVE[lemma], tok, agent, None, modality(tok), f"frame:{lemma}"))
            continue
        obj = object_of(tok)
        frame = frame_type(tok, obj)
        obj_actor = actor_of(obj, names) if obj is not None else None
        armed = (agent is not None and agent.kind in ARMED) or (
            obj_actor is not None and obj_actor.kind in ARMED and bool(_children(tok, "auxpass"))
        )
        if frame is not None and lemma == "shoot" and not any(c.lower_ == "down" for c in tok.children):
            frame = None  # "shot down a drone" disrupts a weapon; "shot a mortar" fires one
        if frame is None or (frame.armed_agent and not armed):
            continue
        if frame.sub_event_type == "Agreement" and not _conflict_agreement(obj, agent):
            continue  # "Alcoa signed agreements with insurers": business, not a conflict agreement
        assert obj is not None
        used.add(tok.i)
        if _air(subject_of(tok)) and frame.sub_event_type == "Disrupted weapons use":
            out.append(Candidate("Air/drone strike", tok, agent, None, modality(tok), f"frame:{lemma}"))
            continue
        out.append(
            Candidate(
                frame.sub_event_type,
                tok,
                agent,
                None,
                modality(tok),
                f"frame:{lemma}",
                covers=tuple(t.i for t in obj.subtree),
            )
        )
    for tok in sent:
        if tok.i in used or tok.pos_ not in {"VERB", "NOUN", "PROPN"}:
            continue
        if tok.pos_ != "VERB" and tok.dep_ == "compound" and tok.head.lemma_.lower() in _MODIFIED:
            continue  # "arrest warrants", "attack helicopters", "protest leaders": a modifier, not an event
        low = tok.lower_
        lem = lx.IRREGULAR.get(low, tok.lemma_.lower())
        noun = lx.NOUN_WORDS.get(lem) if tok.pos_ != "VERB" else None
        spec = noun or lx.WORDS.get(low) or lx.WORDS.get(lem)
        if spec is None:
            continue
        sub, constraint = spec
        cand = _typed(tok, sub, constraint, names, is_place, protest_ctx)
        if cand is not None:
            out.append(cand)
    covered = {i for c in out for i in c.covers}
    out = [c for c in out if c.covers or c.trigger.i not in covered]
    # "Fighting between X and Y killed three people": the deaths are the fighting's, not a second event
    triggers = {c.trigger.i for c in out}
    return [
        c
        for c in out
        if not (
            c.trigger.pos_ == "VERB"
            and (s := subject_of(c.trigger)) is not None
            and s.i in triggers
            and s.i != c.trigger.i
        )
    ]


def _typed(
    tok: Token,
    sub: str,
    constraint: str,
    names: CountryNames,
    is_place: Callable[[Token], bool],
    protest_ctx: bool,
) -> Candidate | None:
    """Check a single-word trigger's constraint and settle its sub-event type from its participants."""
    verb = tok.pos_ == "VERB"
    lemma = lx.IRREGULAR.get(tok.lower_, tok.lemma_.lower())
    if verb and tok.dep_ == "amod":
        return None  # "burned-out vehicles", "a destroyed bridge": a state, not a happening here
    if verb:
        agent_tok, patient_tok = subject_of(tok), object_of(tok)
        if (
            tok.tag_ == "VBN"
            and tok.dep_ == "ROOT"
            and agent_tok is None
            and not _children(tok, "aux", "auxpass")
        ):
            return None  # headline-like fragments: "Burned out vehicles ..."
        if patient_tok is not None:
            patient_tok = content_noun(patient_tok)
        agent, patient = actor_of(agent_tok, names), actor_of(patient_tok, names)
        if patient is None and agent_tok is not None and sub == "Armed clash":
            sides = [c for c in agent_tok.conjuncts if c.i > agent_tok.i]  # "soldiers and fighters fought"
            if sides:
                patient = actor_of(sides[0], names)
    else:
        agent_tok, patient_tok = None, None
        agent, patient = _noun_agent(tok, names), _noun_patient(tok, names)
    status = modality(tok)
    why = f"word:{lemma}"
    place_tokens: tuple[int, ...] = ()

    if constraint == "weapon_agent":
        heads = [agent_tok] if agent_tok is not None else []
        if agent_tok is not None:
            heads += [c for c in agent_tok.children if c.dep_ in {"compound", "conj"}]
        words = {h.lemma_.lower() for h in heads} | {h.lower_ for h in heads}
        fired = {patient_tok.lemma_.lower(), patient_tok.lower_} if patient_tok is not None else set()
        launching = lemma in {"fire", "launch", "drop"}
        if launching and not fired & (lx.ARTILLERY_AGENTS | {"bomb", "bombs", "barrel", "projectile"}):
            return None  # "fired on the car", "dropped the charges": no weapon launched
        if words & lx.AIR_AGENTS or (lemma == "bomb" and agent is not None and agent.kind == "state"):
            sub = "Air/drone strike"
        elif words & lx.ARTILLERY_AGENTS or (launching and fired & lx.ARTILLERY_AGENTS):
            sub = "Shelling/artillery/missile attack"
        else:
            return None
        if (
            agent is not None
            and agent_tok is not None
            and agent_tok.lemma_.lower() in lx.AIR_AGENTS | lx.ARTILLERY_AGENTS
        ):
            agent = _noun_agent(agent_tok, names) or (agent if agent.country else None)
        return Candidate(sub, tok, agent, patient, status, why)

    if constraint == "territory":
        if not verb and tok.lower_ != "control":
            return None
        obj = patient_tok if verb else None
        if tok.lower_ == "control" and not verb:
            return None
        if lemma in {"withdraw", "drive", "push", "expel", "oust", "flee"}:
            # "withdrew from X", "drove the militants out of X": the place is the object of from / out of
            preps = [
                q for q in tok.children if q.dep_ in {"prep", "prt"} and q.lower_ in {"from", "out", "of"}
            ]
            preps += [q for r in preps for q in r.children if q.dep_ == "prep" and q.lower_ in {"of", "from"}]
            objs = [o for q in preps for o in _children(q, "pobj")]
            if objs:
                obj = objs[0]
            elif lemma != "withdraw":
                return None
        if obj is not None and obj.lower_ == "control" and not _is_place_like(obj, is_place):
            return None  # "took control of X" keeps the whole phrase as the place
        if not _is_place_like(obj, is_place):
            return None
        assert obj is not None
        if obj.lemma_.lower() in lx.TERRITORY_NOUNS and obj.lower_ not in {"control"}:
            # "the area", "the town": territorial only when the agent is armed
            if agent is None and lemma in {"take", "control", "seize", "capture"}:
                return None
        place_tokens = tuple(t.i for t in obj.subtree)
        if sub == "Non-violent transfer of territory" and (
            agent is None or agent.kind not in NON_STATE_KINDS | STATE_KINDS
        ):
            return None
        if sub == "expel":
            sub = "territory"
        if sub == "territory":
            if agent is None:
                return None
            if agent.kind in STATE_KINDS:
                sub = "Government regains territory"
            elif agent.kind in NON_STATE_KINDS:
                sub = "Non-state actor overtakes territory"
            else:
                return None
        elif sub == "Government regains territory" and agent is not None and agent.kind in NON_STATE_KINDS:
            sub = "Non-state actor overtakes territory"
        if _UNOPPOSED.search(tok.sent.text):
            sub = "Non-violent transfer of territory"  # "took the town without a fight"
        return Candidate(sub, tok, agent, patient, status, why, place_tokens)

    if constraint == "victim" and patient is None and agent is not None and agent.kind in ARMED:
        target = (patient_tok.lemma_.lower() if patient_tok is not None else None) if verb else None
        if not verb:  # "an attack on a village"
            ons = [
                o
                for p_ in _children(tok, "prep")
                if p_.lower_ in {"on", "against"}
                for o in _children(p_, "pobj")
            ]
            target = ons[0].lemma_.lower() if ons else None
        if target in lx.CIVILIAN_TARGETS:
            return Candidate("Attack", tok, agent, Actor("civilians"), status, why)
        if target in lx.MILITARY_TARGETS:
            return Candidate("Armed clash", tok, agent, None, status, why)
    if constraint == "victim":
        if patient is None:
            if not verb and tok.lemma_.lower() in {"attack", "raid", "assault"}:
                return None  # "an attack" with no target we can read: leave it to other triggers
            return None  # no one hit that we can read: not codable from this trigger
        if sub == "Arrests":
            return Candidate(sub, tok, agent, patient, status, why)
        if patient.kind == "protesters" and agent is not None and agent.kind in STATE_KINDS:
            return Candidate("Excessive force against protesters", tok, agent, patient, status, why)
        if patient.kind in {"civilians", "protesters"}:
            if agent is not None and agent.kind in {"rioters", "protesters"}:
                return Candidate("Mob violence", tok, agent, patient, status, why)
            return Candidate("Attack", tok, agent, patient, status, why)
        if patient.kind in {"state", "police", "islamist", "rebel", "militia", "unidentified", "named"}:
            return Candidate("Armed clash", tok, agent, patient, status, why)
        return None

    if sub == "Armed clash" and lemma in {"fight", "fighting", "clash", "battle", "gunfight", "firefight"}:
        first, second = _sides(tok, names)
        if first is not None or second is not None:
            agent, patient = first or agent, second or patient
    if not verb and tok.lemma_.lower() in {"fight", "battle"}:
        parties = [
            actor_of(o, names)
            for prep in tok.children
            if prep.dep_ == "prep" and prep.lower_ in {"with", "between", "against"}
            for o in prep.children
            if o.dep_ == "pobj"
        ]
        if not any(parties) or any(c.dep_ == "poss" for c in tok.children):
            return None  # "the fight against terrorism", "his army's fight": a campaign, not a clash
    if constraint == "launched":  # rockets, shells, missiles: a launch or an impact is an attack
        impact = {
            "hit",
            "strike",
            "slam",
            "land",
            "fall",
            "explode",
            "kill",
            "destroy",
            "target",
            "rain",
            "pound",
        }
        governors = {tok.head.lemma_.lower()} | {c.lemma_.lower() for c in tok.children if c.dep_ == "acl"}
        if not verb and not governors & (impact | {"fire", "launch", "lob"}) and not (agent or patient):
            return None  # "shells" collected on a beach, "rocket science": no launch, no impact, no one
    if constraint in {"exploded", "blast", "detonated"}:
        sent_low = tok.sent.text.lower()
        if "suicide" in sent_low or "blew himself" in sent_low or "killing themselves" in sent_low:
            sub = "Suicide bomb"
        if constraint == "exploded":  # "a bomb exploded / went off / was planted", "detonated a bomb"
            h = tok.head.lemma_.lower()
            if h not in {
                "explode",
                "go",
                "detonate",
                "plant",
                "blow",
                "set",
                "hit",
                "kill",
                "rip",
                "strike",
                "target",
                "trigger",
                "step",
            }:
                return None
        if constraint == "blast" and agent is None and not any(is_place(t) for t in tok.sent):
            return None
    if constraint == "women":
        if patient_tok is None or patient_tok.lemma_.lower() not in {
            "woman",
            "girl",
            "child",
            "women",
            "girls",
            "children",
            "minor",
            "minors",
            "boy",
        }:
            return None
    if constraint == "armed":
        if not (agent or patient) and not any(
            t.lemma_.lower() in lx.ARMED_GROUP_NOUNS | lx.STATE_FORCE_NOUNS for t in tok.sent
        ):
            return None
    if constraint == "protest" and not protest_ctx:
        if not (verb and agent is not None and agent.kind in {"civilians", "protesters"}):
            return None  # "teachers marched through Accra" yes; "troops marched north" no
    if constraint == "property" and _air(agent_tok):  # "the air force destroyed vehicles"
        return Candidate("Air/drone strike", tok, agent, patient, status, why)
    if constraint == "property" and agent is not None and agent.kind in {"protesters", "rioters"}:
        return Candidate("Violent demonstration", tok, agent, patient, status, why)
    if constraint == "property":
        if (
            patient_tok is None
            or patient_tok.lemma_.lower() not in lx.PROPERTY_NOUNS
            and patient_tok.lower_ not in lx.PROPERTY_NOUNS
        ):
            return None
        passive = bool(_children(tok, "auxpass"))
        if (agent is None and not passive) or (
            agent_tok is not None and agent_tok.lemma_.lower() in lx.WORDS
        ):
            return None  # "destroyed by airstrikes": part of the strike, not a separate event
    if constraint == "plot":  # "foiled an attack / a bomb plot", not "foiled their plans to expand"
        plotted = {t.lemma_.lower() for t in (patient_tok.subtree if patient_tok is not None else [])}
        if not plotted & (lx.WEAPON_NOUNS | {"attack", "attacks", "plot", "bombing", "attempt", "assault"}):
            return None
    if constraint == "weapons":
        if patient_tok is None or patient_tok.lemma_.lower() not in lx.WEAPON_NOUNS:
            return None
    if constraint == "base":
        if patient_tok is None or patient_tok.lemma_.lower() not in lx.BASE_NOUNS:
            return None
    if constraint == "agreement":
        if patient_tok is None or patient_tok.lemma_.lower() not in lx.AGREEMENT_NOUNS:
            return None
        if not _conflict_agreement(patient_tok, agent):
            return None
    if constraint == "demonstrate" and (patient_tok is not None or _children(tok, "ccomp")):
        return None  # "the case demonstrates that ...", "demonstrated its strength": showing, not protesting
    if (
        sub == "Peaceful protest"
        and tok.lower_.startswith("march")
        and (tok.text[:1].isupper() or (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].like_num))
    ):
        return None  # "March 31": the month
    if constraint == "evacuation":
        targets = [t for t in tok.subtree if t.lower_ in lx.EVACUATION_OBJECTS]
        if patient_tok is not None:
            targets += [t for t in patient_tok.subtree if t.lower_ in lx.EVACUATION_OBJECTS]
        if not targets:
            return None
    if constraint not in _KNOWN_CONSTRAINTS:
        raise ValueError(f"trigger {tok.lemma_!r} has an unknown constraint {constraint!r}")
    if sub in {"Peaceful protest", "Violent demonstration"} and not verb and tok.dep_ in {"compound", "amod"}:
        return None
    if sub == "Peaceful protest" and not verb and tok.head.lemma_.lower() in _PROTEST_TALK:
        return None  # "charged with organising a protest", "called for a rally": not one that took place
    return Candidate(sub, tok, agent, patient, status, why, place_tokens)
