"""English death tolls in one sentence, read with ACLED's conservative rules.

Hand-written because no library reads news death tolls the way ACLED codes them: number
parsers (dateparser, word2number, quantulum) see numbers but not whether they count the dead,
the injured, troops or kilometres, and nothing applies ACLED's conventions for vague and
conflicting figures. Regex + a small number-word parser (``numbers``); no spaCy: it runs on
every sentence.

Conventions (ACLED codes reported deaths only, and the most conservative figure):

- Injured, wounded or hurt people are not fatalities; threats ("threatened to kill 10
  hostages"), counterfactuals ("could have killed hundreds") and counts of troops or distances
  are not tolls. Animals and things ("killed 30 cattle", "killed the engine") are not either.
- Vague plurals take their floor, as ACLED does for "tens"/"dozens"/"hundreds" (10/12/100):
  "several", "a few", "a number of", "many", "numerous", "multiple" → 3; "scores" → 20;
  "thousands" → 1000; "a couple", "both" → 2. The upper bound of a vague plural is unknown.
- "at least 5" / "more than 20" → that number, no upper bound. "up to 30" / "as many as 30" →
  30 with low 1: the stated ceiling is the only figure, and ``events.tolls.combine_tolls``
  prefers any firmer, lower one. "between 10 and 20" / "10 to 20" / "10-20" / "10 or 20" → 10,
  range 10–20. "about"/"nearly"/"some" 40 → 40.
- An explicit negation ("no one was killed", "there were no casualties") is a toll of 0.
  "No immediate reports of casualties" says nothing and gives no toll.
- Subsets ("including two children") are not separate tolls.
- One victim told without a number ("a driver was shot dead") is read by ``victims``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from ..readings import Toll, longest_first
from .calendar import MONTH_ABBR, MONTHS
from .numbers import NUMBER, Values, parse_number, values
from .toll_words import (
    AUX,
    BREAK,
    DIE,
    INTRANSITIVE,
    KILL_ACTIVE,
    MODAL,
    NOT_COUNT,
    OBJECT_AFTER,
    WORD,
    hedged,
)
from .victims import singular_tolls

_GAP_AFTER = re.compile(
    rf"(?P<gap>(?:,\s+(?:including|most|mostly|many|some|all|among|mainly|among\s+them)\b[^,.;]{{0,60}},|"
    rf"\s+\([^)]{{0,60}}\)|\s+{WORD}){{0,7}}?)\s+(?P<verb>{DIE})\b",
    re.I,
)
_BEFORE_ACTIVE = re.compile(
    rf"(?:(?P<mod>\b(?:could|would|should|will|can)\s+(?:have\s+)?)?"
    rf"\b{KILL_ACTIVE}|\b(?:left|leaving|leaves)\b)\s+(?:the\s+)?$",
    re.I,
)
_BEFORE_OF = re.compile(
    r"\b(?:killings?|deaths?|murders?|massacre|executions?|slaying|bodies|lives)\s+(?:[a-z]+\s+){0,2}?of\s+"
    r"(?:the\s+)?$",
    re.I,
)
_BEFORE_TOLL = re.compile(
    r"\b(?:toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|people\s+killed|victims|fatalities))\b"
    r"(?:[^.;:]{0,40}?\b(?:to|at|of|reached|hit|hits|reaches|is|was|now|passed|exceeded|topped|surpassed)"
    # "the toll from a mosque blast targeting police in the northwest has risen to"
    r"|[^.;:]{0,100}?\b(?:rose|risen|rises|climbed|jumped|increased|reached)\s+to)\s+$",
    re.I,
)
_AFTER_NOUN = re.compile(
    rf"(?:\s+{WORD})?\s+(?:deaths|fatalities|bodies|lives\s+(?:were|have\s+been)\s+lost)\b", re.I
)
_AFTER_LIVES = re.compile(r"\s+lives\b", re.I)
_MONTH_STEMS = "|".join(sorted({m[:3] for m in MONTHS} | set(MONTH_ABBR), key=len, reverse=True))
_BEFORE_SKIP = re.compile(
    rf"(?:\b(?:no|not|how|including|among\s+them|among\s+whom|incl\.)|\b(?:{_MONTH_STEMS})[a-z]*\.?)\s+$",
    re.I,
)
_BEFORE_YEAR = re.compile(r"\b(?:in|since|during|by|of|until|year|mid|early|late|from)\s+$", re.I)
_BEFORE_VIOLENT = re.compile(
    r"\b(?:beat|beating|hacked|hacking|stabbed|stabbing|stoned|stoning|burned|burnt|"
    r"burning|clubbed)\s+$",
    re.I,
)
_AFTER_TO_DEATH = re.compile(rf"(?:\s+{WORD}){{0,2}}?\s+to\s+death\b", re.I)
_STOP = re.compile(r"\b(?:in|on|at|near|during|when|as|and|while|after|from|with|by)\b")
_BEFORE_LIVES = re.compile(r"\b(?:claimed|claiming|claims|cost|costing|took|taking)\s+$", re.I)
_BEFORE_SAID = re.compile(
    r"\b(?:said|says|say|put\s+(?:the\s+(?:toll|figure|number)|it)\s+at|estimated|"
    r"counted|reported)\s+(?:it\s+was\s+|the\s+(?:toll|figure|number)\s+(?:at|was)\s+)?$",
    re.I,
)
_AFTER_BARE = re.compile(r"\s*(?:[,.;)]|$|\s(?:people|persons|dead|deaths|victims|bodies)\b)", re.I)
_ZERO = re.compile(
    r"\b(?:no\s+one|no-one|nobody|none)\b(?:\s+\w+){0,2}?\s+(?:was|were|has\s+been|have\s+been|had\s+been)?\s*"
    r"(?:reported\s+)?(?:killed|hurt|injured|harmed|wounded|died|dead)\b"
    r"|\b(?:there\s+(?:were|was)\s+no|caused\s+no|no)\s+(?:deaths|casualties|fatalities|injuries|loss\s+of\s+life)"
    r"\b(?!\s+(?:figures?|figure|toll|details|numbers?|count)\b)"
    r"|\bwithout\s+(?:any\s+)?(?:casualties|loss\s+of\s+life|fatalities)\b"
    r"|\bno\s+(?:\w+\s+)?(?:people|persons|civilians|soldiers|lives)\s+(?:were|was|have\s+been)\s+"
    r"(?:killed|lost)\b",
    re.I,
)
_NO_REPORT = re.compile(
    r"\bno\s+(?:immediate\s+)?(?:word|reports?|information|details|news|confirmation)\b", re.I
)


def _gap_ok(gap: str, verb: str, after: str) -> bool:
    """Whether the words between a number and a death word keep them in one clause, passive."""
    words = re.findall(r"[\w'’-]+", re.sub(r",[^,]*,|\([^)]*\)", " ", gap).lower())
    if any(w in BREAK for w in words) or (words and words[0] in NOT_COUNT) or MODAL.search(gap):
        return False
    if any(parse_number(w) is not None for w in words):
        return False
    passive = bool(words) and words[-1] in AUX
    first = verb.lower().split()[0]
    if first == "dead" and words and words[-1] in ("the", "of"):
        return False  # "two of the dead were fighters": a noun, a subset
    return passive or first in INTRANSITIVE or not OBJECT_AFTER.match(after)


def _numeric_tolls(text: str) -> list[Toll]:
    """Tolls built around a number phrase ("12 died", "killing two", "the toll rose to 17")."""
    tolls: list[Toll] = []
    for m in NUMBER.finditer(text):
        vals = values(m)
        if vals is None:
            continue
        before, after = text[: m.start()], text[m.end() :]
        if _BEFORE_SKIP.search(before) or (
            m["n"] and re.fullmatch(r"(?:19|20)\d\d", m["n"]) and _BEFORE_YEAR.search(before)
        ):
            continue  # "no one", "including two children", "Jan. 11", "in 2012"
        head = re.match(rf"\s+({WORD})", after)
        if head and head[1].lower() in NOT_COUNT:
            continue
        start, end = m.start(), m.end()
        g = _GAP_AFTER.match(after)
        if g and _gap_ok(g["gap"], g["verb"], after[g.end() :]):
            end = m.end() + g.end()
            start, vals = _coordinated(text, start, vals)
        elif (b := _BEFORE_ACTIVE.search(before)) and not b["mod"]:
            start = b.start()
            words = _STOP.split(after, maxsplit=1)[0]
            if any(w.lower() in NOT_COUNT for w in re.findall(WORD, words)[:3]):
                continue  # "killed 30 cattle", "killed 2,000 head of cattle"
        elif (b := _BEFORE_VIOLENT.search(before)) and (a := _AFTER_TO_DEATH.match(after)):
            start, end = b.start(), m.end() + a.end()
        elif (b := _BEFORE_OF.search(before)) or (b := _BEFORE_TOLL.search(before)):
            start = b.start()
        elif a := _AFTER_NOUN.match(after):
            end = m.end() + a.end()
        elif (a := _AFTER_LIVES.match(after)) and (b := _BEFORE_LIVES.search(before)):
            start, end = b.start(), m.end() + a.end()
        else:
            continue
        best, low, high = vals
        toll = Toll(best, low, high, start, end, text[start:end], hedged(text, start, end), "killed")
        tolls.append(replace(toll, vague=bool(m["v"])))
    return tolls


_CONJUNCT = re.compile(rf"{NUMBER.pattern}(?P<words>(?:\s+{WORD}){{1,3}})\s*(?:,\s*and|,|and)\s+$", re.I)


def _coordinated(text: str, start: int, vals: Values) -> tuple[int, Values]:
    """Add earlier conjuncts: "five soldiers and two civilians were killed" is 7."""
    best, low, high = vals
    while (c := _CONJUNCT.search(text, max(0, start - 80), start)) is not None:
        more = values(c)
        words = c["words"].lower().split()
        if more is None or any(w in BREAK or w in NOT_COUNT for w in words):
            break
        best, low = best + more[0], low + more[1]
        high = None if high is None or more[2] is None else high + more[2]
        start = c.start()
    return start, (best, low, high)


def _said_tolls(text: str, known: list[Toll]) -> list[Toll]:
    """Elliptic rival figures: "officials said 12 died, residents said 20"."""
    out: list[Toll] = []
    for m in NUMBER.finditer(text):
        vals = values(m)
        if vals is None or not _BEFORE_SAID.search(text[: m.start()]):
            continue
        if not _AFTER_BARE.match(text[m.end() :]):
            continue
        if any(t.start <= m.start() < t.end for t in known):
            continue
        out.append(Toll(*vals, m.start(), m.end(), m.group(), hedged(text, m.start(), m.end()), "killed"))
    return out


def find_tolls(text: str) -> list[Toll]:
    """Find the death tolls stated in one sentence.

    Args:
        text: one sentence; offsets in the result point into it.

    Returns:
        Non-overlapping tolls in text order, all of kind ``"killed"``. Several tolls in one
        sentence are rival figures for the caller to ``combine_tolls`` (or separate events).
        An explicit "no one was killed" is a toll of 0.
    """
    cands = _numeric_tolls(text)
    cands += singular_tolls(text)
    if cands:
        cands += _said_tolls(text, cands)
    if not _NO_REPORT.search(text):
        cands += [
            Toll(0, 0, 0, m.start(), m.end(), m.group(), hedged(text, m.start(), m.end()), "killed")
            for m in _ZERO.finditer(text)
        ]
    return [replace(t, addition=_added(text, t)) for t in longest_first(cands)]


ADDITION: Final = re.compile(r"\b(?:also|another|a\s+further|an\s+additional|as\s+well)\b", re.I)


def _added(text: str, toll: Toll) -> bool:
    """Whether the toll's clause tells more dead on top of others ("the bomb also killed the attacker")."""
    return bool(ADDITION.search(text, max(0, toll.start - 40), toll.end))


UPDATE: Final = re.compile(
    r"\b(?:rose|risen|rises|climbed|increased|jumped|raising|bringing|brought|now)\b", re.I
)


def is_update(toll: Toll) -> bool:
    """A toll that revises a count told before ("the death toll rose to 17")."""
    return bool(UPDATE.search(toll.text)) and "toll" in toll.text.lower()
