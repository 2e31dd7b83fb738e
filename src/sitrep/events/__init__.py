"""Stage 3: Article (+ parsed doc + places) → Events with type, actors, date, toll and evidence.

``extract_events`` walks the sentences, finds typed triggers (``rules``), drops what did not
happen, applies ACLED's hierarchy within a sentence, names the actors (``actors``), dates the
event against the publication date (``dates``), reads the toll (``tolls``), locates it through
the geo stage, and merges mentions of the same happening within the article.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc, Span, Token

from .. import taxonomy as T
from ..geodesy import distance_km
from ..records import Article, Event, Evidence, Place, Source
from ..taxonomy import ARMED_KINDS, NON_STATE_KINDS
from . import lexicon as lx
from .actors import Actor, CountryNames, actors_in
from .dates import DateMention, find_dates
from .protests import protest_type
from .rules import Candidate, find_candidates
from .tolls import Toll, combine_tolls, find_tolls

log = logging.getLogger(__name__)

PRODUCER = "events.rules.v1"
BACKGROUND_DAYS = 31  # an event dated more than this before publication is context, not news
CONFIDENCE = {"phrase": 0.8, "word": 0.65, "frame": 0.7}

Locator = Callable[[int, int, int | None], "tuple[Place, int, str] | None"]


@dataclass
class _Draft:
    """An event being assembled from one or more mentions (mutable while merging)."""

    sub: str
    agent: Actor | None
    patient: Actor | None
    hedged: bool
    confidence: float
    sentences: list[Span]
    place: Place | None = None
    geo_precision: int | None = None
    place_name: str | None = None
    when: date | None = None
    time_precision: int = 3
    dated_by_text: bool = False
    tolls: list[Toll] = field(default_factory=list)
    sent_index: int = 0
    place_inferred: bool = False  # located from neighbouring sentences, not its own
    definite: bool = False  # told as "the attack", "this bombing": a reference back to one already told
    generic: bool = False  # "the blast", "an explosion": a word that names no kind of attack of its own


class _Names:
    """Adapter from the gazetteer to what actor naming needs."""

    def __init__(self, gaz: Any) -> None:
        self.gaz = gaz

    def country_of_demonym(self, word: str) -> str | None:
        return self.gaz.country_of_demonym(word)  # type: ignore[no-any-return]

    def country_name(self, iso2: str) -> str | None:
        return self.gaz.country_name(iso2)  # type: ignore[no-any-return]

    def country_code(self, name: str) -> str | None:
        if not name[:1].isupper() or len(name) < 3 and name not in {"US", "UK"}:
            return None
        place = self.gaz.country_by_name(name)
        return place.country if place is not None else None


_DURATION_START = re.compile(
    r"\b(since|until|till|through)\s*$", re.IGNORECASE
)  # "since 2015": a span, not the day
_CASUALTY = re.compile(r"\b(killed|killing|dead|died|wounded|injured|injuring|casualties)\b", re.IGNORECASE)


def _anchored_noun(c: Candidate) -> bool:
    """A nominal trigger that is itself a participant or has one ("rioters fought", "French airstrikes")."""
    specific = c.agent is not None and (c.agent.country is not None or c.agent.named is not None)
    return c.trigger.dep_ in {"nsubj", "nsubjpass"} or specific or c.patient is not None


# Verbs of reacting to or talking about an event: their date is the reaction's, not the event's.
REACTION_VERBS = frozenset(
    {
        "condemn",
        "denounce",
        "deplore",
        "mourn",
        "investigate",
        "probe",
        "blame",
        "praise",
        "welcome",
        "discuss",
        "recall",
        "remember",
        "commemorate",
        "mark",
        "follow",
        "claim",
    }
)
MEDIA_VERBS = frozenset({"obtain", "film", "publish", "post", "release", "show", "see", "broadcast", "air"})
REPORT_VERBS = frozenset({"say", "announce", "report", "tell", "confirm", "state", "declare", "add", "claim"})


def _sentence_date(
    sent: Span, trigger: Token, found: Sequence[DateMention], skip_before: int = 0
) -> DateMention | None:
    """The date phrase that governs this trigger (not one that dates a quote, a video or a report).

    ``found`` is ``find_dates(sent.text, published)``, computed once per sentence by the caller.
    """
    mentions = [
        m
        for m in found
        if (m.date is not None or m.earliest is not None)
        and sent.start_char + m.start >= skip_before
        and m.kind != "vague"
        and not _DURATION_START.search(sent.text[max(0, m.start - 12) : m.start])
    ]
    if not mentions:
        return None
    doc = sent.doc
    best: tuple[int, DateMention] | None = None
    ancestors = {a.i: a for a in trigger.ancestors}
    clause = next((t for t in [trigger, *trigger.ancestors] if t.pos_ in {"VERB", "AUX"}), None)
    if (
        clause is not None
    ):  # "set fire to tyres and smashed windows on Tuesday": coordinated verbs share a time
        for conj in clause.conjuncts:
            ancestors.setdefault(conj.i, conj)
    subtree = {t.i for t in trigger.subtree}
    for m in mentions:
        span = doc.char_span(sent.start_char + m.start, sent.start_char + m.end, alignment_mode="expand")
        if span is None:
            continue
        attach = span.root.head
        if attach.i == trigger.i or span.root.i in subtree:
            rank = 0
        elif attach.i in ancestors:
            lemma = attach.lemma_.lower()
            if lemma in MEDIA_VERBS or lemma in REACTION_VERBS:
                continue
            rank = 3 if lemma in REPORT_VERBS else 1  # "announced late Saturday that X controls Y"
        else:
            continue
        rank += 0 if m.time_precision == 1 else 2
        if best is None or rank < best[0]:
            best = (rank, m)
    return best[1] if best else None


def _context_actor(history: Sequence[Actor], kinds: frozenset[str] | set[str]) -> Actor | None:
    """The most recent actor of these kinds; history lists each sentence's subjects last."""
    for a in reversed(history):
        if a.kind in kinds:
            return a
    return None


def _sentence_actors(sent: Span, names: CountryNames) -> list[Actor]:
    """A sentence's actors for the discourse history: objects first, then subjects (most salient last)."""
    found = actors_in(sent, names)
    doc = sent.doc
    subj = [a for a in found if a.token_i is not None and doc[a.token_i].dep_ in {"nsubj", "nsubjpass"}]
    return [a for a in found if a not in subj] + subj


def _compatible(a: _Draft, b: _Draft) -> bool:
    """Two mentions describe the same happening: same type, compatible place, date and actor."""
    if a.sub != b.sub:
        return False
    if (
        a.agent
        and b.agent
        and a.agent.kind != b.agent.kind
        and "unidentified" not in {a.agent.kind, b.agent.kind}
    ):
        return False
    if a.agent and b.agent and a.agent.country and b.agent.country and a.agent.country != b.agent.country:
        return False
    if a.dated_by_text and b.dated_by_text and a.when and b.when and abs((a.when - b.when).days) > 2:
        return False
    if a.place is None or b.place is None:
        return True
    if a.place.geonameid is not None and a.place.geonameid == b.place.geonameid:
        return True
    if a.place.country != b.place.country:
        return False
    coarse = (a.geo_precision or 3) == 3 or (b.geo_precision or 3) == 3
    return coarse or _km(a.place, b.place) <= 25.0


def _km(a: Place, b: Place) -> float:
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


GENERIC = frozenset({"Armed clash", "Attack"})
# Words that tell an explosion without its kind: they join the explosion already told.
GENERIC_TRIGGERS = frozenset(
    {"word:explosion", "word:blast", "word:bombing", "word:detonate", "word:explosive"}
)


def _near(a: _Draft, b: _Draft) -> bool:
    """Places that can be one place: unknown, the same country at region level, or within 25 km."""
    if a.place is None or b.place is None:
        return True
    if a.place.country != b.place.country:
        return False
    return (a.geo_precision or 3) == 3 or (b.geo_precision or 3) == 3 or _km(a.place, b.place) <= 25.0


def _elaborates(a: _Draft, b: _Draft) -> bool:
    """b is the next sentence telling more of a (its fighting, its dead) with no place or date of its own."""
    return (
        b.sub in GENERIC
        and a.sub != b.sub
        and T.EVENT_TYPES[a.sub] == T.EVENT_TYPES[b.sub]
        and b.sent_index - a.sent_index == 1
        and b.place_inferred
        and not b.dated_by_text
        and not (a.tolls and b.tolls)
    )


def _merge(a: _Draft, b: _Draft) -> _Draft:
    """Fold mention b into a, keeping the most specific place and date and all evidence."""
    if b.place is not None and (a.place is None or (b.geo_precision or 3) < (a.geo_precision or 3)):
        a.place, a.geo_precision, a.place_name = b.place, b.geo_precision, b.place_name
    if b.dated_by_text and (not a.dated_by_text or b.time_precision < a.time_precision):
        a.when, a.time_precision, a.dated_by_text = b.when, b.time_precision, True
    a.agent = a.agent or b.agent
    if a.agent and b.agent and a.agent.country is None and b.agent.country:
        a.agent = b.agent
    a.patient = a.patient or b.patient
    a.hedged = a.hedged and b.hedged
    a.confidence = max(a.confidence, b.confidence)
    a.sentences += [s for s in b.sentences if s not in a.sentences]
    a.tolls += b.tolls
    return a


def extract_events(
    article: Article,
    doc: Doc,
    locate: Locator,
    gazetteer: Any,
    *,
    is_place: Callable[[Token], bool],
    focus_country: str | None,
    include_background: bool = True,
    include_hedged: bool = True,
    min_confidence: float = 0.0,
    producer: str = PRODUCER,
    skip_before: int = 0,
) -> list[Event]:
    """Code the events an article reports.

    Args:
        article: the cleaned article (offsets refer to ``article.text``).
        doc: ``article.text`` parsed by spaCy (with sentences).
        locate: ``(start, end, anchor) -> (place, geo_precision, name) | None`` for a text span.
        gazetteer: used for country names and demonyms.
        is_place: whether a token lies inside a recognised toponym.
        focus_country: the article's main country (ISO alpha-2), if known.
        include_background: keep past incidents cited as context (marked ``background``).
        include_hedged: keep unconfirmed events (marked ``hedged``).
        min_confidence: drop events below this confidence.
        producer: component names recorded on each event.
        skip_before: offset where the story starts after a dateline (its date and place are ignored).

    Returns:
        The article's events, in text order.
    """
    names: CountryNames = _Names(gazetteer)
    published = article.published
    drafts: list[_Draft] = []
    history: list[Actor] = []
    in_protests = False  # the story is about demonstrations (a protest-family event was told)
    sents = list(doc.sents)
    for si, sent in enumerate(sents):
        has_place = any(is_place(t) for t in sent)
        sent_dates = find_dates(sent.text, published)
        anchored = has_place or bool(sent_dates) or bool(_CASUALTY.search(sent.text))
        cands = [
            c
            for c in find_candidates(sent, names, is_place)
            if c.status != "not" and (c.trigger.pos_ == "VERB" or anchored or _anchored_noun(c))
        ]
        if not include_hedged:
            cands = [c for c in cands if c.status != "hedged"]
        cands = _protest_policing(cands)
        if in_protests:  # "young men set fire to tyres" in a story about demonstrations: a riot
            cands = [
                replace(c, sub_event_type="Violent demonstration", agent=Actor("rioters"))
                if c.sub_event_type == "Looting/property destruction"
                and (c.agent is None or c.agent.kind in {"civilians", "protesters", "rioters"})
                else c
                for c in cands
            ]
        kind = protest_type(sent)
        if kind is not None and any(c.sub_event_type in T.DEMONSTRATIONS for c in cands):
            # one demonstration: its policing, clashes and damage are part of it, typed by ACLED's rules
            cands = [
                replace(c, sub_event_type=kind)
                if c.sub_event_type in T.DEMONSTRATIONS - {"Mob violence"}
                else c
                for c in cands
                if c.sub_event_type not in T.FOLDS_INTO_PROTEST
            ]
        subs = {c.sub_event_type for c in cands}
        absorbed = set().union(*(T.ABSORBS.get(s, set()) for s in subs)) if subs else set()
        kept: dict[str, Candidate] = {}
        for c in cands:
            if c.sub_event_type in absorbed or c.sub_event_type not in T.EVENT_TYPES:
                continue
            prev = kept.get(c.sub_event_type)
            if prev is None or (prev.agent is None and c.agent is not None):
                kept[c.sub_event_type] = c
        sent_tolls = [t for t in find_tolls(sent.text) if t.kind == "killed"]
        toll_owner = next((s for s in T.TOLL_ORDER if s in kept), None)
        if (
            not kept
            and sent_tolls
            and drafts
            and si - drafts[-1].sent_index <= 2
            and drafts[-1].sub in T.TOLL_ORDER
        ):
            drafts[-1].tolls += sent_tolls  # "The death toll rose to 19." tells the previous event's dead
        for sub, c in kept.items():
            drafts.append(
                _draft(c, sent, sents, si, history, names, locate, published, sent_dates, skip_before)
            )
            _inherit_date(drafts)
            if sub != toll_owner:
                continue
            drafts[-1].tolls = list(sent_tolls)
            if c.status == "happened":
                victims = _victims_named(c.trigger)
                # named victims one by one beat a toll reader that saw only the first "a driver"
                if victims and all(t.best <= 1 for t in sent_tolls) and victims > len(sent_tolls):
                    drafts[-1].tolls = [
                        Toll(
                            victims,
                            victims,
                            victims,
                            c.trigger.idx - sent.start_char,
                            c.trigger.idx - sent.start_char + len(c.trigger.text),
                            c.trigger.text,
                            False,
                            "killed",
                        )
                    ]
        history.extend(_sentence_actors(sent, names))
        in_protests = in_protests or any(s in T.DEMONSTRATIONS for s in kept)
    merged: list[_Draft] = []
    for d in drafts:
        for m in merged:
            if _compatible(m, d):
                _merge(m, d)
                break
        else:
            last = merged[-1] if merged else None
            earlier = (
                next((m for m in merged if m.sub == d.sub and not d.dated_by_text), None)
                if d.definite
                else None
            )
            if earlier is None and d.generic:  # "the blast" after "a suicide bomber struck": one explosion
                same_kind = (
                    m for m in merged if T.EVENT_TYPES[m.sub] == T.EVENT_TYPES[d.sub] and _near(m, d)
                )
                earlier = next(same_kind, None)
            if last is not None and _elaborates(last, d):
                _merge(last, d)
            elif earlier is not None:
                _merge(earlier, d)  # "the nerve agent attack" again: the one already told, wherever said
            else:
                merged.append(d)
    events = [_finish(d, article, names, focus_country, published, producer) for d in merged]
    return [
        e
        for e in events
        if e.confidence >= min_confidence
        and (include_background or not e.background)
        and not _stale(e, published)
    ]


STALE_DAYS = 548  # about 18 months: older incidents cited in a story are history, not its news


def _stale(e: Event, published: date | None) -> bool:
    """A background reference older than about 18 months (kept only when it is the news itself)."""
    return bool(e.background and published and e.date and (published - e.date).days > STALE_DAYS)


def _draft(
    c: Candidate,
    sent: Span,
    sents: list[Span],
    si: int,
    history: list[Actor],
    names: CountryNames,
    locate: Locator,
    published: date | None,
    sent_dates: Sequence[DateMention],
    skip_before: int,
) -> _Draft:
    agent, patient = c.agent, c.patient
    if (
        agent is not None
        and agent.kind == "government"
        and T.EVENT_TYPES.get(c.sub_event_type) in {"Battles", "Explosions/Remote violence"}
    ):
        agent = Actor("state", agent.country, token_i=agent.token_i)
    if agent is not None and agent.kind == "government" and agent.country is None:
        agent = Actor("government", _sentence_country(sent, names), token_i=agent.token_i)
    if (
        agent is not None
        and agent.kind == "unidentified"
        and c.trigger.doc[agent.token_i or 0].pos_ == "PRON"
    ):
        agent = None
    subj_pron = [
        t for t in sent if t.pos_ == "PRON" and t.lower_ in {"they", "he", "she"} and t.dep_ == "nsubj"
    ]
    if agent is None and subj_pron and c.sub_event_type not in {"Peaceful protest"}:
        agent = _context_actor(history + actors_in(sent[: c.trigger.i - sent.start], names), ARMED_KINDS)
    if patient is None and c.sub_event_type in {
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Government regains territory",
    }:

        def other(a: Actor) -> bool:
            return a.kind in NON_STATE_KINDS and (
                agent is None or (a.kind, a.named) != (agent.kind, agent.named)
            )

        local = [a for a in actors_in(sent, names) if other(a)]
        patient = local[0] if local else _context_actor([a for a in history if other(a)], NON_STATE_KINDS)
    conf = CONFIDENCE.get(c.why.split(":", 1)[0].split("+", 1)[0], 0.6)
    if agent is None:
        conf -= 0.1
    if c.trigger.dep_ in {"relcl", "acl", "pcomp", "amod"} or any(
        a.dep_ in {"relcl", "acl"} for a in c.trigger.ancestors
    ):
        conf -= 0.1  # told in a clause about something else ("a town that was the scene of an attack")
    if si == 0:
        conf += 0.05  # the lede usually carries the news
    draft = _Draft(
        c.sub_event_type,
        agent,
        patient,
        c.status == "hedged",
        conf,
        [sent],
        sent_index=si,
    )
    # where: the sentence, then the sentences before it in reverse, then the next one
    anchor = c.trigger.idx
    found = None
    if c.place_tokens:  # the object of "seized X", "retook X": that is where it happened
        doc = c.trigger.doc
        lo, hi = min(c.place_tokens), max(c.place_tokens)
        found = locate(doc[lo].idx, doc[hi].idx + len(doc[hi].text), anchor)
    inferred = False
    if found is None:
        clause = next((t for t in [c.trigger, *c.trigger.ancestors] if t.pos_ in {"VERB", "AUX"}), None)
        if clause is not None:
            toks = list(clause.subtree)
            found = locate(toks[0].idx, toks[-1].idx + len(toks[-1].text), anchor)
        if found is None:
            found = locate(sent.start_char, sent.end_char, anchor)
            inferred = found is not None and clause is not None
    if found is None:
        for j in [si - 1, si - 2, si + 1]:
            if 0 <= j < len(sents):
                found = locate(sents[j].start_char, sents[j].end_char, None)
                if found is not None:
                    inferred = True
                    break
    draft.place_inferred = found is None or inferred
    draft.generic = c.why in GENERIC_TRIGGERS
    draft.definite = c.trigger.pos_ == "NOUN" and any(
        ch.dep_ in {"det", "poss"} and ch.lower_ in {"the", "this", "that", "its", "their"}
        for ch in c.trigger.children
    )
    if found is not None:
        place, prec, name = found
        draft.place, draft.place_name = place, name
        draft.geo_precision = max(prec, 2) if inferred and prec == 1 else prec
    mention = _sentence_date(sent, c.trigger, sent_dates, skip_before)
    if mention is not None:
        draft.when = mention.date or mention.earliest
        draft.time_precision = mention.time_precision
        draft.dated_by_text = True
    elif published is not None:
        draft.when, draft.time_precision = published, 2
    return draft


KILL_LEMMAS = frozenset({"kill", "murder", "execute", "behead", "assassinate", "lynch"})


def _victims_named(trigger: Token) -> int:
    """People killed one by one: "killed the driver", "shot dead a shopkeeper and a teacher" → 1, 2."""
    lemma = lx.IRREGULAR.get(trigger.lower_, trigger.lemma_.lower())
    dead = any(c.lower_ == "dead" for c in trigger.children)
    if trigger.pos_ != "VERB" or not (lemma in KILL_LEMMAS or (lemma == "shoot" and dead)):
        return 0
    objs = [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}]
    if not objs:
        return 0
    people = [objs[0], *[t for t in objs[0].conjuncts]]
    count = 0
    for t in people:
        if t.tag_ not in {"NN", "NNP"} or any(c.dep_ == "nummod" for c in t.children):
            return 0  # plurals and numbers are the toll reader's business
        if (
            t.lemma_.lower()
            not in lx.CIVILIAN_NOUNS
            | lx.STATE_FORCE_NOUNS
            | lx.POLICE_NOUNS
            | {"soldier", "officer", "guard", "leader", "commander", "official", "militant", "fighter"}
            and t.ent_type_ != "PERSON"
        ):
            return 0
        count += 1
    return count


def _inherit_date(drafts: list[_Draft]) -> None:
    """An undated event told right after a dated one ("In Kisumu, police ...") shares its day, less surely."""
    d = drafts[-1]
    if d.dated_by_text or len(drafts) < 2:
        return
    prev = next((p for p in reversed(drafts[:-1]) if p.dated_by_text), None)
    if prev is not None and 0 < d.sent_index - prev.sent_index <= 4 and prev.when is not None:
        d.when, d.time_precision = prev.when, max(prev.time_precision, 2)


def _protest_policing(cands: list[Candidate]) -> list[Candidate]:
    """A protest whose participants are arrested or beaten is a protest with intervention (ACLED)."""
    protest = [c for c in cands if c.sub_event_type == "Peaceful protest"]
    policing = [
        c
        for c in cands
        if c.sub_event_type in {"Arrests", "Attack"}
        and c.patient is not None
        and c.patient.kind == "protesters"
    ]
    if not policing:
        return cands
    base = protest[0] if protest else policing[0]
    merged = replace(
        base,
        sub_event_type="Protest with intervention",
        agent=Actor("protesters"),
        patient=policing[0].agent,
        why=base.why + "+policing",
    )
    drop = {id(c) for c in protest + policing}
    return [merged, *[c for c in cands if id(c) not in drop]]


def _sentence_country(sent: Span, names: CountryNames) -> str | None:
    """A country the sentence names by demonym ("Canadians") or name, for an agent without one."""
    for t in sent:
        if t.text[:1].isupper() and t.pos_ in {"PROPN", "NOUN", "ADJ"}:
            for form in (t.text, t.text[:-1] if t.text.endswith("s") else None):
                if form:
                    iso = names.country_of_demonym(form)
                    if iso:
                        return iso
    return None


def _finish(
    d: _Draft,
    article: Article,
    names: CountryNames,
    focus_country: str | None,
    published: date | None,
    producer: str,
) -> Event:
    country = d.place.country if d.place else focus_country
    actor1 = (
        d.agent.name(names, country)
        if d.agent
        else (
            f"Unidentified Armed Group ({names.country_name(country) or country})"
            if country
            and d.sub in T.EVENT_TYPES
            and T.EVENT_TYPES[d.sub]
            in {"Battles", "Explosions/Remote violence", "Violence against civilians"}
            else None
        )
    )
    # ACLED: the demonstrators first, who policed them second
    if d.sub in T.DEMONSTRATIONS - {T.MOB_VIOLENCE}:
        crowd = Actor("rioters" if d.sub == "Violent demonstration" else "protesters")
        police = d.agent if d.agent is not None and d.agent.kind in ARMED_KINDS else d.patient
        actor1 = crowd.name(names, country)
        d.agent, d.patient = crowd, police if police is not None and police.kind in ARMED_KINDS else None
    actor2 = d.patient.name(names, country) if d.patient else None
    if actor2 is None and d.sub == "Non-state actor overtakes territory" and country:
        actor2 = f"Military Forces of {names.country_name(country) or country}"
    if actor2 == actor1:
        actor2 = None
    toll = combine_tolls(d.tolls) if d.tolls else None
    inter1 = d.agent.inter(country) if d.agent else (3 if actor1 else None)
    inter2 = (
        d.patient.inter(country)
        if d.patient and actor2
        else (1 if actor2 and "Forces of" in actor2 else None)
    )
    evidence = tuple(
        Evidence(
            article.text[s.start_char : _trim_end(article.text, s)], s.start_char, _trim_end(article.text, s)
        )
        for s in sorted(d.sentences, key=lambda s: s.start_char)
    )
    background = bool(
        published and d.when and d.dated_by_text and (published - d.when) > timedelta(days=BACKGROUND_DAYS)
    )
    conf = d.confidence - (0.25 if d.hedged else 0.0) - (0.1 if d.place is None else 0.0)
    conf -= 0.3 if background else 0.0
    conf += 0.05 * min(len(d.sentences) - 1, 3)
    return Event(
        doc_id=article.doc_id,
        event_type=T.EVENT_TYPES[d.sub],
        sub_event_type=d.sub,
        evidence=evidence,
        source=Source(article.doc_id, article.url, article.title, article.published),
        date=d.when,
        time_precision=d.time_precision if d.when else 3,
        location=d.place.name if d.place else None,
        admin1=d.place.admin1 if d.place else None,
        country=country,
        latitude=d.place.latitude if d.place else None,
        longitude=d.place.longitude if d.place else None,
        geonameid=d.place.geonameid if d.place else None,
        geo_precision=d.geo_precision if d.place else None,
        actor1=actor1,
        actor2=actor2,
        fatalities=toll.best if toll else None,
        fatalities_low=toll.low if toll else None,
        fatalities_high=toll.high if toll else None,
        inter1=inter1,
        inter2=inter2,
        plover_type=T.PLOVER.get(d.sub),
        confidence=max(0.05, min(0.99, conf)),
        hedged=d.hedged,
        background=background,
        place_name=d.place_name,
        producer=producer,
    )


def _trim_end(text: str, s: Span) -> int:
    end = s.end_char
    while end > s.start_char and text[end - 1].isspace():
        end -= 1
    return end


__all__ = ["extract_events", "PRODUCER"]
