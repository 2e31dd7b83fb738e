"""Stage 4: an article (parsed, with its places) → the events it reports, in text order.

The sentence loop: find each sentence's typed triggers (``triggers``), drop what did not happen,
fold a demonstration's parts into it (``protests``), keep one candidate per sub-type by ACLED's
hierarchy, draft each with its actors, place and date (``draft``), give the sentence's toll to
the event that carries it (``tolls``), then merge the mentions of one happening (``merge``) and
code each as an ``Event`` (``code``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from .. import taxonomy as T
from ..lang import Language
from ..lang.readings import Toll
from ..records import Article, Event
from ..registry import register
from .actors import Actor, sentence_actors
from .candidate import Candidate
from .code import Coding, code_event, stale
from .combine import combine, fallback
from .draft import Context, Draft, Locator, make_draft
from .merge import merge_drafts
from .modality import modality
from .model import Prediction, SentenceModel
from .places import listed_places
from .protests import one_demonstration, protest_policing
from .reading import Reader
from .syntax import depth
from .tolls import named_victims
from .triggers import find_candidates
from .when import inherited_date, sentence_dates

PRODUCER = "events.rules.v1"
TOLL_FOLLOW_UP = 2  # a toll told this many sentences after its event still belongs to it


@dataclass(frozen=True, slots=True)
class Options:
    """Which events the caller wants."""

    include_background: bool = True  # past incidents cited as context (marked ``background``)
    include_hedged: bool = True  # unconfirmed events (marked ``hedged``)
    min_confidence: float = 0.0
    producer: str = PRODUCER
    coder: str = "hybrid"  # rules, model or hybrid (``events.combine``)


def _anchored_noun(c: Candidate) -> bool:
    """A nominal trigger that is itself a participant or has one ("rioters fought", "French airstrikes")."""
    specific = c.agent is not None and (c.agent.country is not None or c.agent.named is not None)
    return c.trigger.dep_ in {"nsubj", "nsubjpass"} or specific or c.patient is not None


def _at_another_time(c: Candidate) -> bool:
    """Told in a clause on a time the text names only by reference ("That was the year when Kenya
    sent troops"): not news of the days before publication, and no day to give it."""
    for node in [c.trigger, *c.trigger.ancestors]:
        if node.dep_ == "relcl":
            return node.head.ent_type_ == "DATE"
    return False


def _campaign(c: Candidate, sent: Span, r: Reader) -> bool:
    """A plural event noun told of no day and no place but a country: a side's conduct, not one
    happening ("key figures in Russia's missile strikes against civilians", "the group's attacks
    on aid workers"). The caller checks that the sentence gives no date."""
    tok = c.trigger.head if c.trigger.dep_ == "compound" else c.trigger  # "missile strikes"
    if tok.pos_ != "NOUN" or tok.tag_ not in {"NNS", "NN"} or tok.dep_ in {"nsubj", "nsubjpass"}:
        return False  # "Clashes between soldiers and rebels killed three": the clashes did something
    if r.checks.CASUALTY.search(sent.text):
        return False
    if tok.tag_ == "NN" and not any(ch.dep_ in {"det", "poss"} for ch in tok.children):
        return False  # a bare singular is read elsewhere ("kidnapping is rife")
    if any(ch.dep_ in {"nummod", "det"} and ch.lower_ not in r.grammar.DEFINITE for ch in tok.children):
        return False  # "two strikes", "some attacks": counted or picked out
    places = [t for t in sent if r.is_place(t)]
    return all(r.names.country_code(t.text) or r.names.country_of_demonym(t.text) for t in places)


def _met_by_forces(cands: Sequence[Candidate]) -> list[Candidate]:
    """An attack told with a clash in the same sentence is the clash (ACLED): "fighters attacked an army
    camp ... seven people were killed", "rebels attacked the village ... the army repelled the assault".

    The attack goes when its victims are only a place it hit or an agentless toll; it lends the
    clash its attacker when the clash names none.
    """
    clash = next((c for c in cands if c.sub_event_type == T.ARMED_CLASH), None)
    if clash is None:
        return list(cands)
    met = clash
    absorbed = []
    for c in cands:
        # "attacked a village": the victims are only the place's people
        placed = c.patient is not None and c.patient.token_i is None
        if c.sub_event_type == T.ATTACK and (c.agent is None or placed):
            absorbed.append(c)
            if met.agent is None and c.agent is not None:
                met = replace(met, agent=c.agent)
            if depth(c.trigger) < depth(met.trigger):  # the main clause dates and places it
                met = replace(met, trigger=c.trigger, place_tokens=c.place_tokens or met.place_tokens)
    return [met if c is clash else c for c in cands if c not in absorbed]


def _kept(cands: Sequence[Candidate]) -> dict[str, Candidate]:
    """One candidate per sub-type, after ACLED's hierarchy (a specific type absorbs generic ones)."""
    subs = {c.sub_event_type for c in cands}
    absorbed = set().union(*(T.ABSORBS.get(s, set()) for s in subs)) if subs else set()
    kept: dict[str, Candidate] = {}
    for c in cands:
        if c.sub_event_type in absorbed or c.sub_event_type not in T.EVENT_TYPES:
            continue
        prev = kept.get(c.sub_event_type)
        if prev is None or (prev.agent is None and c.agent is not None):
            kept[c.sub_event_type] = c
    return kept


@dataclass
class _Story:
    """What the loop carries from sentence to sentence."""

    drafts: list[Draft]
    history: list[Actor]
    in_protests: bool = False  # the story is about demonstrations (a protest-family event was told)
    denied: set[int] = field(default_factory=set)  # sentences whose triggers the rules judged not to happen


def _sentence(
    si: int,
    sent: Span,
    story: _Story,
    ctx: Context,
    language: Language,
    r: Reader,
    opts: Options,
    pred: Prediction | None = None,
) -> None:
    """Draft the events one sentence tells, and hand its toll to the one that carries it."""
    sent_dates = sentence_dates(sent, ctx.published, language.dates)
    anchored = (
        any(r.is_place(t) for t in sent) or bool(sent_dates) or bool(r.checks.CASUALTY.search(sent.text))
    )
    found = find_candidates(sent, r)
    if any(c.status == "not" for c in found):
        story.denied.add(si)  # "no one was killed", "were going to be kidnapped": no event to propose
    cands = [
        c
        for c in found
        if c.status != "not"
        and (c.trigger.pos_ == "VERB" or anchored or _anchored_noun(c))
        and not (not sent_dates and (_campaign(c, sent, r) or _at_another_time(c)))
    ]
    if not opts.include_hedged:
        cands = [c for c in cands if c.status != "hedged"]
    cands = one_demonstration(protest_policing(cands), sent, language.protests, story.in_protests)
    kept = _kept(_met_by_forces(cands))
    if si not in story.denied:
        kept = combine(kept, sent, pred, r, opts.coder)
    sent_tolls = [t for t in language.tolls.find_tolls(sent.text) if t.kind == "killed" and _told(t, sent, r)]
    toll_owner = next((s for s in T.TOLL_ORDER if s in kept), None)
    drafts = story.drafts
    if not kept and sent_tolls and drafts and si - drafts[-1].sent_index <= TOLL_FOLLOW_UP:
        if drafts[-1].sub in T.TOLL_ORDER:
            drafts[-1].later_tolls += sent_tolls  # "The death toll rose to 19.": the previous event's dead
    for sub, c in kept.items():
        d = make_draft(c, sent, si, ctx, sent_dates, r)
        _inherit_date(d, drafts, {m.kind for m in sent_dates}, ctx.published)
        drafts.append(d)
        drafts.extend(_elsewhere(d, c, ctx, r))
        if sub == toll_owner:
            d.tolls = (
                named_victims(c.trigger, sent, list(sent_tolls), r)
                if c.status == "happened"
                else list(sent_tolls)
            )
    story.history.extend(sentence_actors(sent, r))
    story.in_protests = story.in_protests or any(s in T.DEMONSTRATIONS for s in kept)


def _elsewhere(d: Draft, c: Candidate, ctx: Context, r: Reader) -> list[Draft]:
    """The same happening at each other place the clause lists (the toll stays with the first)."""
    listed = listed_places(c.trigger, r.is_place, ctx.locate, r.grammar.BETWEEN)
    if d.place is None or all(place != d.place for place, _, _ in listed):
        return []
    return [
        replace(
            d,
            place=place,
            geo_precision=precision,
            place_name=name,
            sentences=list(d.sentences),
            tolls=[],
            later_tolls=[],
        )
        for place, precision, name in listed
        if place != d.place
    ]


def _told(toll: Toll, sent: Span, r: Reader) -> bool:
    """A toll of dead that happened: not one in a habit, a threat or a condition ("when one kills three")."""
    span = sent.char_span(toll.start, toll.end, alignment_mode="expand")
    if span is None:
        return True
    verb = next((t for t in span if t.pos_ == "VERB"), span.root)
    return modality(verb, r.modality) != "not"


def _inherit_date(d: Draft, drafts: Sequence[Draft], kinds: set[str], published: dt.date | None) -> None:
    """An undated event told right after a dated one ("In Kisumu, police ...") shares its day, less surely;
    not one its own sentence dates relative to something else ("several days later"); one told
    "two hours later" has the day of the event told last."""
    if d.dated_by_text or not drafts:
        return
    if "same_day" in kinds and "vague" not in kinds:
        last = drafts[-1]
        d.when, d.time_precision, d.dated_by_text = last.when, last.time_precision, last.dated_by_text
        return
    if "vague" in kinds:
        return
    prev = next((p for p in reversed(drafts) if p.dated_by_text), None)
    if prev is not None:
        shared = inherited_date(d.sent_index - prev.sent_index, prev.when, prev.time_precision, published)
        if shared is not None:
            d.when, d.time_precision = shared


def extract_events(
    article: Article,
    doc: Doc,
    locate: Locator,
    gazetteer: object,
    *,
    language: Language,
    is_place: Callable[[Token], bool],
    focus_country: str | None,
    options: Options = Options(),
    skip_before: int = 0,
    classifier: SentenceModel | None = None,
) -> list[Event]:
    """Code the events an article reports.

    Args:
        article: the cleaned article (offsets refer to ``article.text``).
        doc: ``article.text`` parsed by spaCy (with sentences).
        locate: ``(start, end, anchor) -> (place, geo_precision, name) | None`` for a text span.
        gazetteer: used for country names and demonyms.
        language: the article's language data (``sitrep.lang.load``).
        is_place: whether a token lies inside a recognised toponym.
        focus_country: the article's main country (ISO alpha-2), if known.
        options: which events to keep (background, hedged, minimum confidence) and the producer name.
        skip_before: offset where the story starts after a dateline (its date and place are ignored).
        classifier: the learned sentence classifier the ``model`` and ``hybrid`` coders read.

    Returns:
        The article's events, in text order.
    """
    r = Reader.for_article(language, gazetteer, is_place, focus_country, article.published)
    sents = list(doc.sents)
    ctx_history: list[Actor] = []
    story = _Story([], ctx_history)
    ctx = Context(sents, ctx_history, locate, article.published, skip_before)
    preds = classifier.predict([s.text for s in sents]) if classifier is not None and sents else None
    for si, sent in enumerate(sents):
        _sentence(si, sent, story, ctx, language, r, options, preds[si] if preds else None)
    best = fallback(preds, story.denied) if preds and options.coder == "hybrid" and not story.drafts else None
    if best is not None:  # the rules found nothing: the classifier's surest event sentence
        model_only = replace(options, coder="model")
        _sentence(best, sents[best], story, ctx, language, r, model_only, preds[best] if preds else None)
    coding = Coding(article, r.names, focus_country, language.tolls.is_update, options.producer)
    events = [code_event(d, coding) for d in merge_drafts(story.drafts)]
    return [
        e
        for e in events
        if e.confidence >= options.min_confidence
        and (options.include_background or not e.background)
        and not stale(e, article.published)
    ]


@register(PRODUCER, requires=("doc.deps", "doc.sents", "article.published", "toponyms"), assigns=("event.*",))
def rules_v1() -> Callable[..., list[Event]]:
    """The rule-based coder, as the registry hands it to the pipeline."""
    return extract_events
