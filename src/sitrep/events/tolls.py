"""Death tolls in one sentence, read with ACLED's conservative rules.

Hand-written because no library reads news death tolls the way ACLED codes them: number
parsers (dateparser, word2number, quantulum) see numbers but not whether they count the dead,
the injured, troops or kilometres, and nothing applies ACLED's conventions for vague and
conflicting figures. This module is regex + a small number-word parser (no spaCy: it runs on
every sentence).

Conventions (ACLED codes reported deaths only, and the most conservative figure):

- Injured, wounded or hurt people are not fatalities; threats ("threatened to kill 10
  hostages"), counterfactuals ("could have killed hundreds") and counts of troops or distances
  are not tolls. Animals and things ("killed 30 cattle", "killed the engine") are not either.
- Vague plurals take their floor, as ACLED does for "tens"/"dozens"/"hundreds" (10/12/100):
  "several", "a few", "a number of", "many", "numerous", "multiple" → 3; "scores" → 20;
  "thousands" → 1000; "a couple", "both" → 2. The upper bound of a vague plural is unknown.
- "at least 5" / "more than 20" → that number, no upper bound. "up to 30" / "as many as 30" →
  30 with low 1: the stated ceiling is the only figure, and ``combine_tolls`` prefers any firmer,
  lower one. "between 10 and 20" / "10 to 20" / "10-20" / "10 or 20" → 10, range 10–20.
  "about"/"nearly"/"some" 40 → 40.
- An explicit negation ("no one was killed", "there were no casualties") is a toll of 0.
  "No immediate reports of casualties" says nothing and gives no toll.
- Subsets ("including two children") are not separate tolls.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Toll:
    """A death toll stated in a sentence: best (conservative) figure and its range."""

    best: int
    low: int
    high: int | None  # None: no stated upper bound ("at least 5", "dozens")
    start: int
    end: int
    text: str  # the toll phrase, text[start:end]
    hedged: bool  # "reportedly", "may have", "feared dead", "unconfirmed", a denial
    kind: str  # always "killed": only deaths are fatalities (injuries are never returned)


_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUE = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_VAGUE = {
    "tens of thousands": (10000, None),
    "hundreds of thousands": (100000, None),
    "dozens": (12, None),
    "scores": (20, None),
    "hundreds": (100, None),
    "thousands": (1000, None),
    "tens": (10, None),
    "several": (3, None),
    "a few": (3, None),
    "a number": (3, None),
    "many": (3, None),
    "multiple": (3, None),
    "numerous": (3, None),
    "a dozen": (12, 12),
    "half a dozen": (6, 6),
    "a score": (20, 20),
    "a couple": (2, 2),
    "both": (2, 2),
    "two dozen": (24, 24),
    "three dozen": (36, 36),
    "a handful": (3, None),
}
_FLOOR_Q = (
    "at least",
    "no fewer than",
    "no less than",
    "a minimum of",
    "more than",
    "over",
    "upwards of",
    "in excess of",
    "just over",
    "at least another",
)
_CEILING_Q = ("up to", "as many as", "at most", "no more than")

_U = "|".join(sorted(_UNITS, key=len, reverse=True))
_T = "|".join(_TENS)
_ONE9 = "one|two|three|four|five|six|seven|eight|nine"
_TENS_NUM = rf"(?:{_T})(?:[-\s]+(?:{_ONE9}))?"
_WORD_NUM = (
    rf"(?:(?:a|{_U})\s+hundred(?:\s+(?:and\s+)?(?:{_TENS_NUM}|{_U}))?|(?:a|{_TENS_NUM}|{_U})\s+"
    rf"thousand|{_TENS_NUM}|{_U})"
)
_N = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORD_NUM})\b(?![,.]\d|-year|-month)"
_VAGUE_RE = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(_VAGUE, key=len, reverse=True))
_QUAL = "|".join(
    re.escape(q).replace(r"\ ", r"\s+")
    for q in sorted(
        (
            *_FLOOR_Q,
            *_CEILING_Q,
            "about",
            "around",
            "some",
            "approximately",
            "roughly",
            "an estimated",
            "estimated",
            "nearly",
            "almost",
            "close to",
            "just under",
            "a total of",
            "another",
            "a further",
            "an additional",
        ),
        key=len,
        reverse=True,
    )
)
_NUMP = re.compile(
    rf"\b(?:(?P<q>{_QUAL})\s+)?(?:between\s+(?P<a>{_N})\s+and\s+(?P<b>{_N})|(?P<a2>{_N})\s+(?:to|or)\s+(?P<b2>{_N})|"
    rf"(?P<a3>\d{{1,5}})\s*[-–]\s*(?P<b3>\d{{1,5}})\b(?!-)|(?P<n>{_N})|(?P<v>(?:{_VAGUE_RE})\b(?:\s+of\b)?))",
    re.I,
)

_DIE = (
    r"(?:killed|dead|died|perished|slain|massacred|executed|beheaded|murdered|assassinated|"
    r"lynched|gunned\s+down|shot\s+dead|shot\s+and\s+killed|(?:hacked|stabbed|beaten|burned|burnt|"
    r"bludgeoned)\s+to\s+death|burn(?:ed|t)\s+alive|lost\s+(?:their|his|her)\s+lives?|succumbed)"
)
_INTRANSITIVE = {"dead", "died", "perished", "succumbed"}
_KILL_ACTIVE = (
    r"(?:killed|killing|kills|slew|massacred|massacring|executed|executing|beheaded|"
    r"beheading|murdered|murdering|assassinated|lynched|gunned\s+down|gunning\s+down|"
    r"shot\s+dead|shooting\s+dead|shot\s+and\s+killed|slaughtered|slaughtering)"
)
_AUX = {"were", "was", "been", "are", "is", "got", "be", "being"}
# "will be killed", "could have been killed", "to be killed": not a report of deaths. "may have
# been killed" and "believed to have been killed" are reports, hedged.
_MODAL = re.compile(
    r"\b(?:(?:will|would|could|should|can)\s+(?:have\s+)?be(?:en)?|(?:may|might|to)\s+be)\b", re.I
)
_BREAK = {
    "and",
    "or",
    "but",
    "while",
    "after",
    "before",
    "when",
    "as",
    "than",
    "injured",
    "wounded",
    "hurt",
    "missing",
    "arrested",
    "abducted",
    "kidnapped",
    "rescued",
    "displaced",
    "fled",
    "said",
    "says",
    "if",
    "because",
    "since",
    "whereas",
    "although",
    "though",
    "nor",
    "not",
    "where",
    "deployed",
    "sent",
}
_NOT_COUNT = {
    "days",
    "day",
    "weeks",
    "week",
    "months",
    "month",
    "years",
    "year",
    "hours",
    "hour",
    "minutes",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "percent",
    "per",
    "times",
    "vehicles",
    "trucks",
    "cars",
    "houses",
    "homes",
    "buildings",
    "villages",
    "towns",
    "rounds",
    "rockets",
    "shells",
    "missiles",
    "drones",
    "bombs",
    "mines",
    "cattle",
    "cows",
    "goats",
    "sheep",
    "camels",
    "animals",
    "livestock",
    "donkeys",
    "dogs",
    "horses",
    "pigs",
    "chickens",
    "birds",
    "fish",
    "am",
    "pm",
    "gmt",
    "tonnes",
    "tons",
    "dollars",
    "usd",
}
_NONHUMAN = _NOT_COUNT | {
    "engine",
    "motor",
    "bill",
    "proposal",
    "deal",
    "plan",
    "idea",
    "story",
    "project",
    "mood",
    "momentum",
    "chance",
    "chances",
    "talks",
    "lights",
    "power",
    "cow",
    "goat",
    "camel",
    "dog",
    "donkey",
    "horse",
    "animal",
    "process",
    "conversation",
    "song",
    "virus",
    "bacteria",
    "weeds",
    "pain",
    "attack",
    "assault",
    "blast",
    "explosion",
    "bomb",
    "strike",
    "raid",
    "fire",
    "ceasefire",
    "truce",
    "offensive",
    "fighting",
    "clashes",
    "violence",
    "total",
    "number",
    "dozen",
    "few",
    "couple",
    "score",
    "handful",
}
_WORD = r"[A-Za-z][\w'’-]*"
_NPWORD = r"\w[\w'’-]*"  # may start with a digit: "a 25-year-old man"
_GAP_AFTER = re.compile(
    rf"(?P<gap>(?:,\s+(?:including|most|mostly|many|some|all|among|mainly|among\s+them)\b[^,.;]{{0,60}},|"
    rf"\s+\([^)]{{0,60}}\)|\s+{_WORD}){{0,7}}?)\s+(?P<verb>{_DIE})\b",
    re.I,
)
_OBJECT_AFTER = re.compile(
    rf"\s+(?:a|an|the|his|her|their|its|him|them|us|me|one|another|at\s+least|more\s+than|some|"
    rf"several|dozens|scores|hundreds|many|{_N})\b",
    re.I,
)
_BEFORE_ACTIVE = re.compile(
    rf"(?:(?P<mod>\b(?:could|would|should|will|can)\s+(?:have\s+)?)?"
    rf"\b{_KILL_ACTIVE}|\b(?:left|leaving|leaves)\b)\s+(?:the\s+)?$",
    re.I,
)
_BEFORE_OF = re.compile(
    r"\b(?:killings?|deaths?|murders?|massacre|executions?|slaying|bodies|lives)\s+of\s+"
    r"(?:the\s+)?$",
    re.I,
)
_BEFORE_TOLL = re.compile(
    r"\b(?:toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|people\s+killed|victims|fatalities))\b"
    r"[^.;:]{0,40}?\b(?:to|at|of|reached|hit|hits|reaches|is|was|now|passed|exceeded|topped|surpassed)\s+$",
    re.I,
)
_AFTER_NOUN = re.compile(
    rf"(?:\s+{_WORD})?\s+(?:deaths|fatalities|bodies|lives\s+(?:were|have\s+been)\s+lost)\b", re.I
)
_AFTER_LIVES = re.compile(r"\s+lives\b", re.I)
_BEFORE_SKIP = re.compile(
    r"(?:\b(?:no|not|including|among\s+them|among\s+whom|incl\.)|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
    r"Sept|Oct|Nov|Dec)[a-z]*\.?)\s+$",
    re.I,
)
_BEFORE_YEAR = re.compile(r"\b(?:in|since|during|by|of|until|year|mid|early|late|from)\s+$", re.I)
_BEFORE_VIOLENT = re.compile(
    r"\b(?:beat|beating|hacked|hacking|stabbed|stabbing|stoned|stoning|burned|burnt|"
    r"burning|clubbed)\s+$",
    re.I,
)
_AFTER_TO_DEATH = re.compile(rf"(?:\s+{_WORD}){{0,2}}?\s+to\s+death\b", re.I)
_STOP = re.compile(r"\b(?:in|on|at|near|during|when|as|and|while|after|from|with|by)\b")
_BEFORE_LIVES = re.compile(r"\b(?:claimed|claiming|claims|cost|costing|took|taking)\s+$", re.I)
_BEFORE_SAID = re.compile(
    r"\b(?:said|says|say|put\s+(?:the\s+(?:toll|figure|number)|it)\s+at|estimated|"
    r"counted|reported)\s+(?:it\s+was\s+|the\s+(?:toll|figure|number)\s+(?:at|was)\s+)?$",
    re.I,
)
_AFTER_BARE = re.compile(r"\s*(?:[,.;)]|$|\s(?:people|persons|dead|deaths|victims|bodies)\b)", re.I)
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|alleged|unconfirmed|unverified|may\s+have|might\s+have|"
    r"claim(?:ed|s|ing)?\s+(?:that|to\s+have)|"
    r"feared|believed|thought\s+to|presumed|possibly|probably|likely|denied|denies|deny|"
    r"rumou?r(?:ed|s)?|said\s+to\s+have|could\s+not\s+be\s+(?:independently\s+)?verified)\b",
    re.I,
)
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
_SINGULAR_SUBJECT = re.compile(
    rf"\b(?P<det>[Aa]n?|[Aa]nother|[Tt]he)\s+(?P<np>(?:{_NPWORD}\s+){{0,3}}?{_NPWORD})\s+(?:(?P<aux>was|has\s+been|"
    rf"had\s+been|is|got)\s+(?:(?:\w+ly|also|later|then|subsequently)\s+)?)?(?P<verb>{_DIE})\b"
)
_SINGULAR_OBJECT = re.compile(
    rf"(?P<pre>\b(?:could|would|should|might|may|to|will|can)\s+(?:have\s+)?)?\b{_KILL_ACTIVE}\s+"
    rf"(?:a|an|the|another)\s+(?P<np>(?:{_WORD}\s+){{0,2}}?{_WORD})"
    r"(?=\s*(?:[,.;]|$)|\s+(?:and|in|on|at|near|as|while|when|who|after|before|during|with|from|outside|"
    r"inside|of|late|early|last|this|overnight|yesterday|today)\b)",
    re.I,
)
_NAMED = re.compile(
    r"\b(?!(?:The|A|An|Another|In|On|At|Police|Officials)\b)[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+){1,3}"
    r"(?:,\s+[^,]{1,50},)?\s+(?:was|has\s+been|had\s+been)\s+(?:(?:\w+ly)\s+)?(?:killed|shot\s+dead|"
    r"assassinated|murdered|executed|beheaded|slain|gunned\s+down|lynched)\b"
)


_TO_DEATH = re.compile(
    rf"\b(?:beat|beating|beats|hacked|hacking|stabbed|stabbing|stoned|stoning|burned|burnt|burning|"
    rf"clubbed|shot)\s+(?:a|an|the|one)\s+(?P<np>(?:{_NPWORD}\s+){{0,2}}?{_NPWORD})\s+to\s+death\b",
    re.I,
)
_PRONOUN = re.compile(
    rf"\b(?:[Hh]e|[Ss]he)\s+(?:(?:was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?{_DIE}|died|perished|succumbed)\b"
    r"(?!\s+(?:down|out|away)\b)"
)


def _word_number(text: str) -> int:
    """Value of a number written in words ("twenty-one", "a hundred and five", "two thousand")."""
    total = current = 0
    for tok in re.split(r"[\s-]+", text.lower()):
        if tok in _WORD_VALUE:
            current += _WORD_VALUE[tok]
        elif tok == "a":
            current += 1
        elif tok == "hundred":
            current = max(current, 1) * 100
        elif tok == "thousand":
            total, current = total + max(current, 1) * 1000, 0
    return total + current


def parse_number(text: str) -> int | None:
    """Value of a numeral or number words; None if it is neither."""
    text = text.strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
        return int(text.replace(",", ""))
    if re.fullmatch(_WORD_NUM, text, re.I):
        return _word_number(text)
    return None


_Values = tuple[int, int, int | None]


def _values(m: re.Match[str]) -> _Values | None:
    """(best, low, high) of a number phrase, after its qualifier."""
    if m["v"]:
        key = re.sub(r"\s+", " ", m["v"].lower()).removesuffix(" of")
        best, high = _VAGUE[key]
        return best, best, high
    first, second = m["a"] or m["a2"] or m["a3"] or m["n"], m["b"] or m["b2"] or m["b3"]
    a = parse_number(first or "")
    if a is None:
        return None
    if second:
        b = parse_number(second)
        if b is None:
            return None
        lo, hi = min(a, b), max(a, b)
        return lo, lo, hi
    q = re.sub(r"\s+", " ", (m["q"] or "").lower())
    if q in _FLOOR_Q:
        return a, a, None
    if q in _CEILING_Q:
        return a, min(1, a), a
    return a, a, a


def _hedged(text: str, start: int, end: int) -> bool:
    """Whether the toll's clause hedges it."""
    lo = max(text.rfind(";", 0, start) + 1, start - 60, 0)
    return bool(_HEDGE.search(text, lo, min(len(text), end + 25)))


def _gap_ok(gap: str, verb: str, after: str) -> bool:
    """Whether the words between a number and a death word keep them in one clause, passive."""
    words = re.findall(r"[\w'’-]+", re.sub(r",[^,]*,|\([^)]*\)", " ", gap).lower())
    if any(w in _BREAK for w in words) or (words and words[0] in _NOT_COUNT) or _MODAL.search(gap):
        return False
    if any(parse_number(w) is not None for w in words):
        return False
    passive = bool(words) and words[-1] in _AUX
    first = verb.lower().split()[0]
    if first == "dead" and words and words[-1] in ("the", "of"):
        return False  # "two of the dead were fighters": a noun, a subset
    return passive or first in _INTRANSITIVE or not _OBJECT_AFTER.match(after)


def _numeric_tolls(text: str) -> list[Toll]:
    """Tolls built around a number phrase ("12 died", "killing two", "the toll rose to 17")."""
    tolls: list[Toll] = []
    for m in _NUMP.finditer(text):
        vals = _values(m)
        if vals is None:
            continue
        before, after = text[: m.start()], text[m.end() :]
        if _BEFORE_SKIP.search(before) or (
            m["n"] and re.fullmatch(r"(?:19|20)\d\d", m["n"]) and _BEFORE_YEAR.search(before)
        ):
            continue  # "no one", "including two children", "Jan. 11", "in 2012"
        head = re.match(rf"\s+({_WORD})", after)
        if head and head[1].lower() in _NOT_COUNT:
            continue
        start, end = m.start(), m.end()
        g = _GAP_AFTER.match(after)
        if g and _gap_ok(g["gap"], g["verb"], after[g.end() :]):
            end = m.end() + g.end()
            start, vals = _coordinated(text, start, vals)
        elif (b := _BEFORE_ACTIVE.search(before)) and not b["mod"]:
            start = b.start()
            words = _STOP.split(after, maxsplit=1)[0]
            if any(w.lower() in _NOT_COUNT for w in re.findall(_WORD, words)[:3]):
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
        tolls.append(Toll(best, low, high, start, end, text[start:end], _hedged(text, start, end), "killed"))
    return tolls


_CONJUNCT = re.compile(rf"{_NUMP.pattern}(?P<words>(?:\s+{_WORD}){{1,3}})\s*(?:,\s*and|,|and)\s+$", re.I)


def _coordinated(text: str, start: int, vals: _Values) -> tuple[int, _Values]:
    """Add earlier conjuncts: "five soldiers and two civilians were killed" is 7."""
    best, low, high = vals
    while (c := _CONJUNCT.search(text, max(0, start - 80), start)) is not None:
        more = _values(c)
        words = c["words"].lower().split()
        if more is None or any(w in _BREAK or w in _NOT_COUNT for w in words):
            break
        best, low = best + more[0], low + more[1]
        high = None if high is None or more[2] is None else high + more[2]
        start = c.start()
    return start, (best, low, high)


def _singular_tolls(text: str) -> list[Toll]:
    """One victim: "a driver was killed", "killed the driver", "Ali Musa was shot dead"."""
    found: list[tuple[int, int]] = []
    for m in _SINGULAR_SUBJECT.finditer(text):
        words = m["np"].lower().split()
        head = words[-1]
        plural = head.endswith("s") and not head.endswith(("ss", "us", "is"))
        if head in _NONHUMAN or any(
            w in _BREAK or w in _AUX or w in ("have", "had") or parse_number(w) is not None for w in words
        ):
            continue
        verb = m["verb"].lower().split()[0]
        active = verb not in _INTRANSITIVE and _OBJECT_AFTER.match(text, m.end())
        if m["aux"] is None and (plural or active):
            continue
        if m["aux"] is None and m["det"].lower() == "the" and plural:
            continue
        if verb == "died" and re.match(r"\s+(?:down|out|away)\b", text[m.end() :]):
            continue
        found.append((m.start(), m.end()))
    for m in _SINGULAR_OBJECT.finditer(text):
        head = m["np"].lower().split()[-1]
        if m["pre"] or head in _NONHUMAN or (head.endswith("s") and not head.endswith(("ss", "us"))):
            continue
        found.append((m.start() if not m["pre"] else m.start() + len(m["pre"]), m.end()))
    found += [(m.start(), m.end()) for m in _NAMED.finditer(text)]
    found += [(m.start(), m.end()) for m in _PRONOUN.finditer(text)]
    for m in _TO_DEATH.finditer(text):
        head = m["np"].lower().split()[-1]
        if head not in _NONHUMAN and not (head.endswith("s") and not head.endswith(("ss", "us"))):
            found.append((m.start(), m.end()))
    return [Toll(1, 1, 1, s, e, text[s:e], _hedged(text, s, e), "killed") for s, e in found]


def _said_tolls(text: str, known: list[Toll]) -> list[Toll]:
    """Elliptic rival figures: "officials said 12 died, residents said 20"."""
    out: list[Toll] = []
    for m in _NUMP.finditer(text):
        vals = _values(m)
        if vals is None or not _BEFORE_SAID.search(text[: m.start()]):
            continue
        if not _AFTER_BARE.match(text[m.end() :]):
            continue
        if any(t.start <= m.start() < t.end for t in known):
            continue
        out.append(Toll(*vals, m.start(), m.end(), m.group(), _hedged(text, m.start(), m.end()), "killed"))
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
    cands += _singular_tolls(text)
    if cands:
        cands += _said_tolls(text, cands)
    if not _NO_REPORT.search(text):
        cands += [
            Toll(0, 0, 0, m.start(), m.end(), m.group(), _hedged(text, m.start(), m.end()), "killed")
            for m in _ZERO.finditer(text)
        ]
    cands.sort(key=lambda t: (t.start - t.end, t.start))
    chosen: list[Toll] = []
    for t in cands:
        if all(t.end <= c.start or t.start >= c.end for c in chosen):
            chosen.append(t)
    return sorted(chosen, key=lambda t: t.start)


_UPDATE = re.compile(r"\b(?:rose|risen|rises|climbed|increased|jumped|raising|bringing|brought|now)\b", re.I)


def combine_tolls(tolls: Sequence[Toll]) -> Toll | None:
    """Reduce rival tolls for ONE event to one conservative toll.

    Args:
        tolls: the tolls reported for the same event (from one or more sentences).

    Returns:
        ``None`` for no tolls. Otherwise the lowest best figure, with ``low`` the lowest and
        ``high`` the highest bound (None if any is open-ended). Tolls that update a count ("the
        toll rose to 17") replace the figures before them; a 0 ("no one was killed") only counts
        when no toll is positive, since it usually speaks of a subgroup ("no soldiers died").
        Text and offsets are those of the chosen toll; ``hedged`` is true only if all are.
    """
    if not tolls:
        return None
    pool = list(tolls)
    updates = [t for t in pool if _UPDATE.search(t.text) and "toll" in t.text.lower()]
    if updates:
        pool = [max(updates, key=lambda t: t.best)]
    positive = [t for t in pool if t.best > 0]
    pool = positive or pool
    chosen = min(pool, key=lambda t: (t.best, t.hedged))
    low = min(t.low for t in pool)
    high = None if any(t.high is None for t in pool) else max(t.high or 0 for t in pool)
    hedged = all(t.hedged for t in pool)
    return Toll(chosen.best, low, high, chosen.start, chosen.end, chosen.text, hedged, "killed")
