"""Whose dead: a sentence's tolls go to one of its events, and rival tolls reduce to ACLED's conservative one.

The language reads the tolls of a sentence (``lang/<code>/tolls.py``); this module decides which
event carries them (``taxonomy.TOLL_ORDER``), counts victims named one by one, and combines
rival figures for one event.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Span, Token

from ..lang.readings import Toll
from .reading import Reader

__all__ = ["Toll", "combine_tolls", "named_victims"]


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
    return Toll(chosen.best, low, high, chosen.start, chosen.end, chosen.text, hedged, "killed")


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
    """Named victims one by one beat a toll reader that saw only the first "a driver"."""
    victims = _victim_count(trigger, r)
    if victims and all(t.best <= 1 for t in tolls) and victims > len(tolls):
        start = trigger.idx - sent.start_char
        return [
            Toll(victims, victims, victims, start, start + len(trigger.text), trigger.text, False, "killed")
        ]
    return tolls
