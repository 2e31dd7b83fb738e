"""Whose dead: a sentence's tolls go to one of its events, and rival tolls reduce to ACLED's conservative one.

The language reads the tolls of a sentence (``lang/<code>/tolls.py``); this module decides which
event carries them (``taxonomy.TOLL_ORDER``), counts victims named one by one, and combines
rival figures for one event.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from ..lang.readings import Toll
from .reading import Reader

__all__ = ["Toll", "combine_tolls", "event_toll", "named_victims"]


def combine_tolls(tolls: Sequence[Toll], is_update: Callable[[Toll], bool]) -> Toll | None:
    """Reduce rival tolls for ONE event to one conservative toll.

    Args:
        tolls: the tolls reported for the same event (from one or more sentences).
        is_update: whether a toll revises the count ("the toll rose to 17"): the language's reader.

    Returns:
        ``None`` for no tolls. Otherwise the lowest best figure, with ``low`` the lowest and
        ``high`` the highest bound (None if any is open-ended). Tolls that update a count replace
        the figures before them; a 0 ("no one was killed") only counts when no toll is positive,
        since it usually speaks of a subgroup ("no soldiers died"). Text and offsets are those of
        the chosen toll; ``hedged`` is true only if all are.
    """
    if not tolls:
        return None
    pool = list(tolls)
    updates = [t for t in pool if is_update(t)]
    if updates:
        pool = [max(updates, key=lambda t: t.best)]
    positive = [t for t in pool if t.best > 0]
    pool = positive or pool
    chosen = min(pool, key=lambda t: (t.best, t.hedged))
    low = min(t.low for t in pool)
    high = None if any(t.high is None for t in pool) else max(t.high or 0 for t in pool)
    hedged = all(t.hedged for t in pool)
    return replace(chosen, low=low, high=high, hedged=hedged)


def event_toll(told: Sequence[Toll], later: Sequence[Toll], is_update: Callable[[Toll], bool]) -> Toll | None:
    """The toll of one event from the figures told with it and in later sentences about it.

    A revision ("the toll rose to 17") wins; else the figures told with the event, conservatively
    (``combine_tolls``); a vague floor ("dozens") gives way to a stated number as large or larger
    told later ("at least 58 died"); dead told as more ("the bomb also killed the attacker") are
    added; other later figures (subsets, quotes, other incidents) count only when none was told
    with the event.
    """
    updates = [t for t in (*told, *later) if is_update(t)]
    if updates:
        return combine_tolls([max(updates, key=lambda t: t.best)], is_update)
    base = combine_tolls(told, is_update)
    if base is None:
        return combine_tolls(later, is_update)
    if base.vague:
        stated = [t for t in later if not t.vague and t.best >= base.best]
        base = combine_tolls(stated, is_update) or base
    for extra in (t for t in later if t.addition and t.best > 0):
        high = None if base.high is None or extra.high is None else base.high + extra.high
        base = replace(base, best=base.best + extra.best, low=base.low + extra.low, high=high)
    return base


def _victim_count(trigger: Token, r: Reader) -> int:
    """People killed one by one: "killed the driver", "shot dead a shopkeeper and a teacher" → 1, 2."""
    c = r.checks
    lemma = r.lemma(trigger)
    dead = any(ch.lower_ == c.DEAD for ch in trigger.children)
    if trigger.pos_ != "VERB" or not (lemma in c.KILL_LEMMAS or (lemma == c.SHOOT and dead)):
        return 0
    objs = [ch for ch in trigger.children if ch.dep_ in {"dobj", "nsubjpass"}]
    if not objs:
        return 0
    people = r.actors.CIVILIAN_NOUNS | r.actors.STATE_FORCE_NOUNS | r.actors.POLICE_NOUNS | c.VICTIM_NOUNS
    count = 0
    for t in [objs[0], *objs[0].conjuncts]:
        if t.tag_ not in {"NN", "NNP"} or any(ch.dep_ == "nummod" for ch in t.children):
            return 0  # plurals and numbers are the toll reader's business
        if t.lemma_.lower() not in people and t.ent_type_ != "PERSON":
            return 0
        count += 1
    return count


def named_victims(trigger: Token, sent: Span, tolls: list[Toll], r: Reader) -> list[Toll]:
    """Named victims one by one beat a toll reader that saw only the first "a driver".

    The killing verb is the trigger, or a killing verb of its sentence ("a suicide bomber killed a
    student and a woman": the trigger is the bomber).
    """
    verbs = [trigger, *(t for t in sent if t.pos_ == "VERB" and t.i != trigger.i)]
    victims = max(_victim_count(v, r) for v in verbs)
    if victims and all(t.best <= 1 for t in tolls) and victims > len(tolls):
        start = trigger.idx - sent.start_char
        return [
            Toll(victims, victims, victims, start, start + len(trigger.text), trigger.text, False, "killed")
        ]
    return tolls
