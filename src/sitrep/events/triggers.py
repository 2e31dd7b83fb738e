"""Event triggers over the dependency parse: every typed candidate event in one sentence.

Three passes, most specific first: multi-word phrases ("air strike", "set fire to"), verb +
object frames ("seized weapons", "set up a base"), then single words checked by their named
check (``constraints``). Hand-written rules rather than a trained model alone: rules keep every
decision explainable and read who did what to whom, which a sentence classifier does not.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from .. import taxonomy as T
from ..lang import Frame
from ..taxonomy import ARMED_KINDS, NON_STATE_KINDS, STATE_KINDS
from .actors import Actor, actor_of
from .candidate import Candidate, Trigger
from .constraints import CHECKS
from .modality import modality
from .participants import air, conflict_agreement, content_noun, noun_agent, noun_patient, sides
from .reading import Reader
from .syntax import NOMINAL, children, object_of, subject_of

MAX_PHRASE = 4  # words in the longest multi-word trigger


def find_candidates(sent: Span, r: Reader) -> list[Candidate]:
    """Every typed trigger in a sentence (before the hierarchy and merging)."""
    used: set[int] = set()
    out = _phrase_candidates(sent, r, used)
    out += _frame_candidates(sent, r, used)
    sent_words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
    protest_ctx = bool(sent_words & r.words.PROTEST_WORDS)
    for tok in sent:
        if tok.i in used or tok.pos_ not in {"VERB", "NOUN", "PROPN"}:
            continue
        if tok.pos_ != "VERB" and tok.dep_ == "compound" and tok.head.lemma_.lower() in r.checks.MODIFIED:
            continue  # "arrest warrants", "attack helicopters", "protest leaders": a modifier, not an event
        if tok.pos_ == "NOUN" and _bare(tok):
            continue  # "apart from kidnapping, beware of robbery": the kind of deed, not one deed
        lem = r.lemma(tok)
        noun = r.words.NOUN_WORDS.get(lem) if tok.pos_ != "VERB" else None
        spec = noun or r.words.WORDS.get(tok.lower_) or r.words.WORDS.get(lem)
        if spec is not None:
            cand = typed(tok, spec[0], spec[1], r, protest_ctx)
            if cand is not None:
                out.append(cand)
    covered = {i for c in out for i in c.covers}
    out = [c for c in out if c.covers or c.trigger.i not in covered]
    out = [replace(c, reference=True) if _predicated(c.trigger) else c for c in out]
    out = [replace(c, reference=True, own_if_alone=True) if _dead_of(c, r) else c for c in out]
    # "Fighting between X and Y killed three people": the deaths are the fighting's, not a second event
    triggers = {c.trigger.i for c in out}
    return [
        c
        for c in out
        if not (
            c.trigger.pos_ == "VERB"
            and (s := subject_of(c.trigger, r.grammar)) is not None
            and s.i in triggers
            and s.i != c.trigger.i
        )
    ]


def _predicated(tok: Token) -> bool:
    """A noun said of something already told: "it was a cowardly attack", "this was the third raid"."""
    if tok.dep_ != "attr":  # the tagger may call "a cowardly attack" a verb; the relation tells
        return False
    subject = next((c for c in tok.head.children if c.dep_ in {"nsubj", "expl"}), None)
    return subject is not None and subject.pos_ in {"PRON", "DET"}


def _dead_of(c: Candidate, r: Reader) -> bool:
    """A killing told "in the attack" or "in the incident", by no one: the dead of an event
    already told ("At least 11 people were killed and 65 wounded in the blast")."""
    if c.trigger.pos_ != "VERB" or c.agent is not None:
        return False
    for ph in c.trigger.subtree:
        if ph.dep_ != "prep" or ph.lower_ not in r.grammar.IN_EPISODE:
            continue
        for obj in children(ph, "pobj"):
            told = any(d.lower_ in r.grammar.DEFINITE for d in children(obj, "det"))
            if told and (r.names_event(obj) or r.lemma(obj) in r.checks.EPISODE_NOUNS):
                return True
    return False


def _bare(tok: Token) -> bool:
    """A singular noun in a phrase with nothing of its own (no article, owner, number, modifier or
    phrase): "wary of kidnapping", not "taken hostage" or "the kidnapping of six"."""
    first = tok
    for _ in range(len(tok.doc)):  # a list's first item: "due to crime, unrest, kidnapping and piracy"
        if first.dep_ != "conj" or first.head.i == first.i:
            break
        first = first.head
    return (
        tok.tag_ == "NN"
        and first.dep_ == "pobj"
        and all(ch.dep_ in {"punct", "cc", "conj"} for ch in tok.children)
    )


def _phrases(sent: Span, r: Reader) -> list[tuple[Token, str, str]]:
    """Multi-word triggers: (head token, sub-event type, phrase), lemma-insensitive on the last word."""
    toks = list(sent)
    out = []
    for i in range(len(toks)):
        for n in range(MAX_PHRASE, 1, -1):
            if i + n > len(toks):
                continue
            words = [t.lower_ for t in toks[i : i + n]]
            last = toks[i + n - 1].lemma_.lower()
            for cand in (" ".join(words), " ".join(words[:-1] + [last])):
                if cand in r.words.PHRASES:
                    out.append((toks[i + n - 1], r.words.PHRASES[cand], cand))
                    break
    return out


def _phrase_candidates(sent: Span, r: Reader, used: set[int]) -> list[Candidate]:
    """Candidates of the multi-word triggers; their words are used up."""
    out = []
    for head, sub, phrase in _phrases(sent, r):
        start = head.i - len(phrase.split()) + 1
        used.update(range(start, head.i + 1))
        nominal = head.pos_ in NOMINAL
        agent = noun_agent(head, r) if nominal else actor_of(subject_of(head, r.grammar), r)
        if agent is None and nominal:
            for t in sent[max(0, start - sent.start) : head.i - sent.start + 1]:
                agent = agent or noun_agent(t, r)
        status = modality(head, r.modality)
        out.append(Candidate(sub, head, agent, noun_patient(head, r), status, f"phrase:{phrase}"))
    return out


def frame_of(verb: Token, obj: Token | None, r: Reader) -> Frame | None:
    """The frame a verb and its object fit, if any ("set up a base", "seized weapons")."""
    lemma = verb.lemma_.lower()
    if obj is None:
        return None
    heads = [obj, *obj.conjuncts]
    words = {h.lemma_.lower() for h in heads} | {h.lower_ for h in heads}
    # "a cache of weapons", "dozens of rifles": look through the quantity or container noun
    for h in heads:
        for prep in children(h, "prep"):
            if prep.lower_ == r.grammar.PARTITIVE:
                words |= {o.lemma_.lower() for o in children(prep, "pobj")}
    # "packages containing explosive devices were found": what the object holds counts for weapons
    inside = {t.lemma_.lower() for t in obj.subtree if t.pos_ in NOMINAL}
    for frame in r.words.FRAMES:
        if lemma in frame.verbs and (words & frame.objects or (frame.contents and inside & frame.objects)):
            return frame
    return None


def _frame_candidates(sent: Span, r: Reader, used: set[int]) -> list[Candidate]:
    """Candidates of verb + object frames ("seized weapons") and of intransitive group changes."""
    out = []
    g = r.grammar
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        lemma = r.lemma(tok)
        if lemma not in r.words.FRAME_VERBS:
            continue
        agent = actor_of(subject_of(tok, g), r)
        if lemma in r.words.INTRANSITIVE:
            if agent is not None and agent.kind in ARMED_KINDS:
                sub = r.words.INTRANSITIVE[lemma]
                out.append(Candidate(sub, tok, agent, None, modality(tok, r.modality), f"frame:{lemma}"))
            continue
        obj = object_of(tok, g)
        frame = frame_of(tok, obj, r)
        obj_actor = actor_of(obj, r) if obj is not None else None
        armed = (agent is not None and agent.kind in ARMED_KINDS) or (
            obj_actor is not None and obj_actor.kind in ARMED_KINDS and bool(children(tok, "auxpass"))
        )
        if (
            frame is not None
            and lemma == r.checks.SHOOT
            and not any(c.lower_ == r.checks.DOWN for c in tok.children)
        ):
            frame = None  # "shot down a drone" disrupts a weapon; "shot a mortar" fires one
        if frame is None or (frame.armed_agent and not armed):
            continue
        if frame.sub_event_type == T.AGREEMENT and not conflict_agreement(obj, agent, r):
            continue  # "Alcoa signed agreements with insurers": business, not a conflict agreement
        assert obj is not None
        used.add(tok.i)
        status = modality(tok, r.modality)
        if air(subject_of(tok, g), r) and frame.sub_event_type == T.DISRUPTED_WEAPONS:
            out.append(Candidate(T.AIR_STRIKE, tok, agent, None, status, f"frame:{lemma}"))
            continue
        covers = tuple(t.i for t in obj.subtree)
        out.append(Candidate(frame.sub_event_type, tok, agent, None, status, f"frame:{lemma}", covers=covers))
    return out


def _read(tok: Token, sub: str | None, r: Reader, protest_ctx: bool) -> Trigger | None:
    """A word trigger with its participants read off the parse (None: a state, not a happening)."""
    verb = tok.pos_ == "VERB"
    if verb and tok.dep_ == "amod":
        return None  # "burned-out vehicles", "a destroyed bridge": a state, not a happening here
    agent_tok = patient_tok = None
    if verb:
        agent_tok, patient_tok = subject_of(tok, r.grammar), object_of(tok, r.grammar)
        if (
            tok.tag_ == "VBN"
            and tok.dep_ == "ROOT"
            and agent_tok is None
            and not children(tok, "aux", "auxpass")
        ):
            return None  # headline-like fragments: "Burned out vehicles ..."
        if patient_tok is not None:
            patient_tok = content_noun(patient_tok, r)
        if agent_tok is not None:  # "one of its aircraft attacked", "dozens of rockets hit"
            agent_tok = content_noun(agent_tok, r)
        agent, patient = actor_of(agent_tok, r), actor_of(patient_tok, r)
        if patient is None and agent_tok is not None and sub == T.ARMED_CLASH:
            others = [c for c in agent_tok.conjuncts if c.i > agent_tok.i]  # "soldiers and fighters fought"
            if others:
                patient = actor_of(others[0], r)
    else:
        agent, patient = noun_agent(tok, r), noun_patient(tok, r)
    status = modality(tok, r.modality)
    return Trigger(tok, sub, r.lemma(tok), verb, agent_tok, patient_tok, agent, patient, status, protest_ctx)


def _battle(t: Trigger, r: Reader) -> Trigger | None:
    """A fight's two sides ("clashes between X and Y"); a campaign ("the fight against terrorism") is none."""
    if t.sub == T.ARMED_CLASH and t.lemma in r.checks.FIGHT_WORDS:
        first, second = sides(t.tok, r)
        if first is not None or second is not None:
            t = replace(t, agent=first or t.agent, patient=second or t.patient)
        t = _crowd_clash(t)
    if not t.verb and t.tok.lemma_.lower() in r.checks.CAMPAIGN_NOUNS:
        parties = [
            actor_of(o, r)
            for prep in children(t.tok, "prep")
            if prep.lower_ in r.checks.PARTY_PREPOSITIONS
            for o in children(prep, "pobj")
        ]
        if not any(parties) or any(c.dep_ == "poss" for c in t.tok.children):
            return None  # "the fight against terrorism", "his army's fight": a campaign, not a clash
    return t


def _crowd_clash(t: Trigger) -> Trigger:
    """Forces clashing with a crowd (youths, residents, protesters) is a riot, not a battle (ACLED)."""
    kinds = {a.kind for a in (t.agent, t.patient) if a is not None}
    crowd = {"civilians", "protesters", "rioters"}
    if kinds & STATE_KINDS and kinds & crowd and not kinds & NON_STATE_KINDS:
        police = t.agent if t.agent is not None and t.agent.kind in STATE_KINDS else t.patient
        return replace(t, sub=T.VIOLENT_DEMONSTRATION, agent=Actor("rioters"), patient=police)
    return t


def _protest_word(t: Trigger, r: Reader) -> bool:
    """A protest word used as a word, not as one that took place ("March 31", "protest leaders")."""
    tok = t.tok
    if (
        t.sub == T.PEACEFUL_PROTEST
        and tok.lower_.startswith(r.checks.MONTH_LIKE)
        and (tok.text[:1].isupper() or (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].like_num))
    ):
        return True  # "March 31": the month
    if (
        t.sub in {T.PEACEFUL_PROTEST, T.VIOLENT_DEMONSTRATION}
        and not t.verb
        and tok.dep_ in {"compound", "amod"}
    ):
        return True
    # "charged with organising a protest", "called for a rally": not one that took place
    return t.sub == T.PEACEFUL_PROTEST and not t.verb and tok.head.lemma_.lower() in r.checks.PROTEST_TALK


def typed(tok: Token, sub: str | None, check: str, r: Reader, protest_ctx: bool) -> Candidate | None:
    """Check a single-word trigger and settle its sub-event type from its participants."""
    t = _read(tok, sub, r, protest_ctx)
    if t is None:
        return None
    t = _battle(t, r)
    if t is None:
        return None
    outcome = CHECKS[check](t, r)
    if outcome is None or isinstance(outcome, Candidate):
        return outcome
    return None if _protest_word(outcome, r) else outcome.candidate()
