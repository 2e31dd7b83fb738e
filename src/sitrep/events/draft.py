"""A draft event from one candidate: its actors in context, its place, its date and its confidence.

Drafts are mutable while the article's mentions of one happening are merged (``merge``), then
coded into ``records.Event`` (``code``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span

from .. import taxonomy as T
from ..lang.doctext import text_of
from ..lang.readings import DateMention, Toll
from ..records import Place
from ..taxonomy import ARMED_KINDS, NON_STATE_KINDS
from .actors import Actor, actors_in, context_actor, paragraph_group, sentence_country
from .candidate import Candidate
from .reading import Reader
from .syntax import governing_verb
from .when import trigger_date

Locator = Callable[[int, int, int | None], "tuple[Place, int, str] | None"]
CONFIDENCE = {"phrase": 0.8, "word": 0.65, "frame": 0.7, "model": 0.55}  # by the kind of rule that fired
FALLBACK_SENTENCES = (-1, -2, 1)  # where to look for a place when the sentence has none, after its paragraph
NEIGHBOURS = (-1, 1, -2, 2)  # where to look for a town inside a country the sentence names
LEDE_SENTENCES = 3  # the story's first sentences (title and lede), the last place to look
PARAGRAPH_REACH = 3  # sentences of its paragraph on either side of a sentence worth a look
# Events whose other side is the non-state actor the story is about when the sentence names none.
AROUND = (2, 1)  # sentences before and after a trigger where its paragraph may name the perpetrator
ONE_SIDED = frozenset({T.AIR_STRIKE, T.SHELLING, T.GOVERNMENT_REGAINS})
REFINED = frozenset(
    {"PCLI", "RGN"}
)  # a country or a part of one ("northern Kenya"): a town told nearby is finer


@dataclass
class Draft:
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
    when: dt.date | None = None
    time_precision: int = 3
    dated_by_text: bool = False
    tolls: list[Toll] = field(default_factory=list)  # told with the event: rival figures for its dead
    later_tolls: list[Toll] = field(default_factory=list)  # told in later sentences about it
    sent_index: int = 0
    place_inferred: bool = False  # located from neighbouring sentences, not its own
    definite: bool = False  # told as "the attack", "this bombing": a reference back to one already told
    generic: bool = False  # "the blast", "an explosion": a word that names no kind of attack of its own
    sentence_place: bool = False  # its place is named in its own sentence
    another: bool = False  # "a second blast": a happening of its own, not one told before
    report_dated: bool = False  # dated by the day it was reported ("an official said on Monday")
    reference: bool = False  # only tells more of an event already told; never an event of its own ...
    own_if_alone: bool = False  # ... unless this is set and nothing was told before it


@dataclass(frozen=True, slots=True)
class Context:
    """What a sentence's drafts are made with: the article around it and how to locate a span."""

    sents: Sequence[Span]
    history: Sequence[Actor]  # actors of the sentences before, most salient last
    locate: Locator
    published: dt.date | None
    skip_before: int  # where the story starts after a dateline

    def around(self, sent: Span) -> tuple[int, int]:
        """The characters of a sentence's paragraph near it: up to two sentences before, one after.

        A paragraph ends at a blank line; where a page has none, the window still bounds it.
        """
        text = text_of(sent.doc)
        i = next(k for k, s in enumerate(self.sents) if s.start == sent.start)
        lo, hi = self.sents[max(0, i - AROUND[0])], self.sents[min(len(self.sents) - 1, i + AROUND[1])]
        start = max(lo.start_char, text.rfind("\n\n", 0, sent.start_char) + 1)
        end = text.find("\n\n", sent.end_char)
        return start, min(hi.end_char, len(text) if end < 0 else end)


def _agent(c: Candidate, sent: Span, ctx: Context, r: Reader) -> Actor | None:
    """The doer: a government that strikes is its forces; a pronoun is the armed actor told before."""
    agent = c.agent
    if agent is not None and agent.kind == "government":  # a government's strike is its forces'
        country = agent.country or sentence_country(sent, r.names) or r.focus
        fights = T.EVENT_TYPES.get(c.sub_event_type) in {T.BATTLES, T.EXPLOSIONS}
        agent = Actor("state" if fights else "government", country, token_i=agent.token_i)
    if (
        agent is not None
        and agent.kind == "unidentified"
        and c.trigger.doc[agent.token_i or 0].pos_ == "PRON"
    ):
        agent = None
    pronoun = any(
        t.pos_ == "PRON" and t.lower_ in r.actors.SUBJECT_PRONOUNS and t.dep_ == "nsubj" for t in sent
    )
    if agent is None and pronoun and c.sub_event_type != T.PEACEFUL_PROTEST:
        before = actors_in(sent[: c.trigger.i - sent.start], r)
        agent = context_actor([*ctx.history, *before], ARMED_KINDS)
    if (agent is None or agent.kind == "unidentified") and T.EVENT_TYPES[c.sub_event_type] in T.VIOLENT_TYPES:
        agent = paragraph_group(c.trigger, ctx.around(sent), r) or agent
    return agent


def _patient(c: Candidate, agent: Actor | None, sent: Span, ctx: Context, r: Reader) -> Actor | None:
    """The other side of a strike or a retaking: a non-state actor of the sentence or the story."""
    if c.patient is not None or c.sub_event_type not in ONE_SIDED:
        return c.patient

    def other(a: Actor) -> bool:
        return a.kind in NON_STATE_KINDS and (agent is None or (a.kind, a.named) != (agent.kind, agent.named))

    local = [a for a in actors_in(sent, r) if other(a)]
    return local[0] if local else context_actor([a for a in ctx.history if other(a)], NON_STATE_KINDS)


def _confidence(c: Candidate, agent: Actor | None, si: int) -> float:
    conf = CONFIDENCE.get(c.why.split(":", 1)[0].split("+", 1)[0], 0.6)
    if agent is None:
        conf -= 0.1
    if c.trigger.dep_ in {"relcl", "acl", "pcomp", "amod"} or any(
        a.dep_ in {"relcl", "acl"} for a in c.trigger.ancestors
    ):
        conf -= 0.1  # told in a clause about something else ("a town that was the scene of an attack")
    if si == 0:
        conf += 0.05  # the lede usually carries the news
    return conf


def _place(d: Draft, c: Candidate, sent: Span, si: int, ctx: Context, r: Reader) -> None:
    """Where: the object place, the trigger's own phrases, its clause, its sentence; then the rest of
    its paragraph, the sentences around it and the lede; at last the story's own admin1 area or
    country at precision 3 (``Locator.home``). A country, or a part of one ("an attack in northern
    Kenya"), is made precise by a place inside it told nearby ("riots in Kenya ... the church in
    Eldoret", ``Locator.finer``), unless the event is spread over it ("eight protesters were shot
    across Myanmar")."""
    anchor, doc = c.trigger.idx, c.trigger.doc
    clause = governing_verb(c.trigger)
    scopes = [sorted(c.place_tokens)] if c.place_tokens else []
    scopes.append([t.i for t in c.trigger.subtree])
    if clause is not None:
        scopes.append([t.i for t in clause.subtree])
    found, inferred, spread = None, False, False
    for toks in scopes:  # the object of "seized X", the trigger's phrases ("the attack on X"), the clause
        found = ctx.locate(doc[toks[0]].idx, doc[toks[-1]].idx + len(doc[toks[-1]].text), anchor)
        if found is not None:
            spread = any(doc[i].lower_ in r.grammar.SPREAD for i in toks)
            break
    if found is None:
        found = ctx.locate(sent.start_char, sent.end_char, anchor)
        inferred = found is not None and clause is not None
    for j in _around(ctx, si) if found is None else ():
        found = ctx.locate(ctx.sents[j].start_char, ctx.sents[j].end_char, None)
        if found is not None:
            inferred = True
            break
    home = getattr(ctx.locate, "home", None)
    if found is None and home is not None:
        found, inferred = home(), True
    finer = getattr(ctx.locate, "finer", None)
    if found is not None and found[0].feature_code in REFINED and finer is not None and not spread:
        for j in _paragraph_first(ctx, si, NEIGHBOURS):
            refined = finer(ctx.sents[j].start_char, ctx.sents[j].end_char, found)
            if refined is not None:
                found, inferred = refined, True
                break
    d.place_inferred = found is None or inferred
    if found is not None:
        place, prec, name = found
        d.place, d.place_name = place, name
        d.geo_precision = max(prec, 2) if inferred and prec == 1 else prec


def _paragraph_first(ctx: Context, si: int, around: Sequence[int]) -> list[int]:
    """Sentence indices near ``si``: the rest of its paragraph, nearest first, then ``around``."""
    sents = ctx.sents
    out: list[int] = []
    for step in (-1, 1):
        j = si
        while (
            0 <= j + step < len(sents)
            and abs(j + step - si) <= PARAGRAPH_REACH
            and not _paragraph_break(sents, max(j, j + step))
        ):
            j += step
            out.append(j)
    out.sort(key=lambda j: (abs(j - si), j > si))
    out += [j for j in (si + k for k in around) if 0 <= j < len(sents) and j not in out and j != si]
    return out


def _paragraph_break(sents: Sequence[Span], j: int) -> bool:
    """A blank line between sentence ``j - 1`` and sentence ``j``."""
    prev, text = sents[j - 1], text_of(sents[j].doc)
    end = prev.start_char + len(prev.text.rstrip())
    return text.count("\n", end, sents[j].start_char) >= 2


def _around(ctx: Context, si: int) -> list[int]:
    """Where to look when a sentence names no place: its paragraph, the sentences around, the lede."""
    near = _paragraph_first(ctx, si, FALLBACK_SENTENCES)
    lede = [j for j, s in enumerate(ctx.sents) if s.start_char >= ctx.skip_before][:LEDE_SENTENCES]
    return near + [j for j in lede if j not in near and j != si]


def make_draft(
    c: Candidate, sent: Span, si: int, ctx: Context, sent_dates: Sequence[DateMention], r: Reader
) -> Draft:
    """A draft event for one candidate of sentence ``si``."""
    agent = _agent(c, sent, ctx, r)
    patient = _patient(c, agent, sent, ctx, r)
    d = Draft(
        c.sub_event_type,
        agent,
        patient,
        c.status == "hedged",
        _confidence(c, agent, si),
        [sent],
        sent_index=si,
    )
    _place(d, c, sent, si, ctx, r)
    d.reference, d.own_if_alone = c.reference, c.own_if_alone
    kids = c.trigger.children
    d.another = any(ch.dep_ in {"amod", "det"} and ch.lower_ in r.grammar.ANOTHER for ch in kids)
    d.sentence_place = d.place_name is not None and d.place_name in sent.text
    d.generic = c.why.startswith("word:") and c.why.removeprefix("word:") in r.checks.EXPLOSION_WORDS
    d.definite = c.trigger.pos_ == "NOUN" and r.definite(c.trigger)
    args = (sent, c.trigger, sent_dates, r.dates, ctx.skip_before)
    mention = trigger_date(*args, reports=False, is_event=r.names_event)
    if mention is None:  # "... were killed, an official said on Monday": by then, at the latest
        mention = trigger_date(*args, is_event=r.names_event)
        d.report_dated = mention is not None
    if mention is not None:
        d.when = mention.date or mention.earliest
        d.time_precision = mention.time_precision
        d.dated_by_text = True
    elif ctx.published is not None:
        d.when, d.time_precision = ctx.published, 2
    return d
