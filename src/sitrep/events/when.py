"""When an event happened: the date phrase that governs its trigger, else a neighbour's, else publication.

A sentence's dates are found once (``find_dates``, the language's date grammar); for each trigger
the governing one is chosen by the parse: a date attached to the trigger or inside its phrase
first, then one on a governing verb, never one that dates a reaction, a video or a report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from spacy.tokens import Span, Token

from ..lang import DateWords
from ..lang.readings import DateMention, find_dates
from .syntax import governing_verb

INHERIT_SENTENCES = 4  # an undated event shares the day of a dated one told this close before it
BACKGROUND_DAYS = 31  # an event dated more than this before publication is context, not news

__all__ = [
    "BACKGROUND_DAYS",
    "INHERIT_SENTENCES",
    "find_dates",
    "inherited_date",
    "sentence_dates",
    "trigger_date",
]


def sentence_dates(sent: Span, published: dt.date | None, words: DateWords) -> list[DateMention]:
    """Every date phrase of a sentence, resolved against the publication date."""
    return find_dates(sent.text, published, words.FAMILIES)


def trigger_date(
    sent: Span,
    trigger: Token,
    found: Sequence[DateMention],
    words: DateWords,
    skip_before: int = 0,
    *,
    reports: bool = True,
    is_event: Callable[[Token], bool] = lambda t: True,
) -> DateMention | None:
    """The date phrase that governs this trigger (not one that dates a quote, a video or a reaction).

    ``found`` is ``sentence_dates(sent, ...)``, computed once per sentence by the caller; dates
    before ``skip_before`` (a dateline) are ignored. The day a report was made ("an official said
    on Monday") is taken last, and not at all when ``reports`` is False. ``is_event`` tells a noun
    that names an event of its own (a date inside its phrase is that event's).
    """
    told = _told_at(sent, trigger, found)
    if told is not None:
        return told
    mentions = [
        m
        for m in found
        if (m.date is not None or m.earliest is not None)
        and sent.start_char + m.start >= skip_before
        and m.kind != "vague"
        and not words.DURATION_START.search(sent.text[max(0, m.start - 12) : m.start])
    ]
    if not mentions:
        return None
    best: tuple[int, DateMention] | None = None
    ancestors = {a.i: a for a in trigger.ancestors}
    clause = governing_verb(trigger)
    if (
        clause is not None
    ):  # "set fire to tyres and smashed windows on Tuesday": coordinated verbs share a time
        for conj in clause.conjuncts:
            ancestors.setdefault(conj.i, conj)
    subtree = {t.i for t in trigger.subtree}
    for m in mentions:
        span = _tokens(sent, m)
        if span is None:
            continue
        attach = span.root.head
        if attach.i == trigger.i or span.root.i in subtree:
            rank = 0
        elif attach.i in ancestors:
            lemma = attach.lemma_.lower()
            if lemma in words.MEDIA_VERBS or lemma in words.REACTION_VERBS:
                continue
            if lemma in words.REPORT_VERBS and not reports:
                continue
            rank = 3 if lemma in words.REPORT_VERBS else 1  # "announced late Saturday that X controls Y"
        else:
            continue
        rank += 0 if m.time_precision == 1 else 2
        if best is None or rank < best[0]:
            best = (rank, m)
    if best is None and len(mentions) == 1:
        return _loose(sent, trigger, mentions[0], words, reports, is_event)
    return best[1] if best else None


def _tokens(sent: Span, m: DateMention) -> Span | None:
    """The tokens of a date mention found in the sentence's text."""
    return sent.doc.char_span(sent.start_char + m.start, sent.start_char + m.end, alignment_mode="expand")


def _told_at(sent: Span, trigger: Token, found: Sequence[DateMention]) -> DateMention | None:
    """The time a clause hangs on when the trigger is in it: "the deadliest since 2015, when 300
    people were killed" happened in 2015 (the year itself, not the span since)."""
    for m in found:
        span = _tokens(sent, m)
        if span is None or m.earliest is None or trigger.i in range(span.start, span.end):
            continue
        root = span.root
        if root.dep_ == "prep":  # "since 2015": the year under the preposition
            root = next((c for c in root.children if c.dep_ == "pobj"), root)
        clause = next((c for c in root.children if c.dep_ == "relcl"), None)
        if clause is not None and trigger.i in {t.i for t in clause.subtree}:
            if m.kind == "vague" and m.latest is not None and m.latest != m.earliest:  # "since 2015"
                first = m.earliest
                return DateMention(
                    m.start, m.end, m.text, None, first, first.replace(month=12, day=31), 3, "range"
                )
            return m
    return None


def _loose(
    sent: Span,
    trigger: Token,
    m: DateMention,
    words: DateWords,
    reports: bool,
    is_event: Callable[[Token], bool],
) -> DateMention | None:
    """The one date of a sentence the parse hangs away from the trigger ("forced the victims, who
    media said are young, onto a boat on Sunday"): the event's, unless its nearest verb dates a
    reaction, a video or (when ``reports`` is False) a report."""
    span = _tokens(sent, m)
    if span is None:
        return None
    above = list(span.root.ancestors)
    verb = next((a for a in above if a.pos_ in {"VERB", "AUX"}), None)
    nouns = above[: above.index(verb)] if verb is not None else above
    if any(n.i != trigger.i and n.pos_ == "NOUN" and is_event(n) for n in nouns):
        return None  # "a revenge attack for the killing of X in August": the killing's date
    mine = {trigger.i, *(a.i for a in trigger.ancestors)}
    if verb is not None and verb.i not in mine and is_event(verb):
        return None  # "... for X, who was killed in August": the date of another deed
    lemma = verb.lemma_.lower() if verb is not None else ""
    if lemma in words.MEDIA_VERBS or lemma in words.REACTION_VERBS:
        return None
    return None if lemma in words.REPORT_VERBS and not reports else m


def inherited_date(
    gap: int, when: dt.date | None, precision: int, published: dt.date | None
) -> tuple[dt.date, int] | None:
    """The day an undated event told ``gap`` sentences after a dated one shares, less surely.

    A background date (weeks before publication) is not lent: an undated event is news.
    """
    if when is None or not 0 < gap <= INHERIT_SENTENCES:
        return None
    if published is not None and (published - when).days > BACKGROUND_DAYS:
        return None
    return when, max(precision, 2)
