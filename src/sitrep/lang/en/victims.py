"""English readings of a single victim told without a number: "a driver was shot dead",
"killed the driver", "Ali Musa was shot dead", "he died", "stabbed a shopkeeper to death".
"""

from __future__ import annotations

import re

from ..readings import Toll
from .numbers import parse_number
from .toll_words import (
    AUX,
    BREAK,
    DIE,
    INTRANSITIVE,
    KILL_ACTIVE,
    NONHUMAN,
    NPWORD,
    OBJECT_AFTER,
    WORD,
    hedged,
)

_SINGULAR_SUBJECT = re.compile(
    rf"\b(?P<det>[Aa]n?|[Aa]nother|[Tt]he)\s+(?P<np>(?:{NPWORD}\s+){{0,3}}?{NPWORD})\s+(?:(?P<aux>was|has\s+been|"
    rf"had\s+been|is|got)\s+(?:(?:\w+ly|also|later|then|subsequently)\s+)?)?(?P<verb>{DIE})\b"
)
_SINGULAR_OBJECT = re.compile(
    rf"(?P<pre>\b(?:could|would|should|might|may|to|will|can)\s+(?:have\s+)?)?\b{KILL_ACTIVE}\s+"
    rf"(?:a|an|the|another)\s+(?P<np>(?:{WORD}\s+){{0,2}}?{WORD})"
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
    rf"clubbed|shot)\s+(?:a|an|the|one)\s+(?P<np>(?:{NPWORD}\s+){{0,2}}?{NPWORD})\s+to\s+death\b",
    re.I,
)
_PRONOUN = re.compile(
    rf"\b(?:[Hh]e|[Ss]he)\s+(?:(?:was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?{DIE}|died|perished|succumbed)\b"
    r"(?!\s+(?:down|out|away)\b)"
)


def singular_tolls(text: str) -> list[Toll]:
    """One victim: "a driver was killed", "killed the driver", "Ali Musa was shot dead"."""
    found: list[tuple[int, int]] = []
    for m in _SINGULAR_SUBJECT.finditer(text):
        words = m["np"].lower().split()
        head = words[-1]
        plural = head.endswith("s") and not head.endswith(("ss", "us", "is"))
        if head in NONHUMAN or any(
            w in BREAK or w in AUX or w in ("have", "had") or parse_number(w) is not None for w in words
        ):
            continue
        verb = m["verb"].lower().split()[0]
        active = verb not in INTRANSITIVE and OBJECT_AFTER.match(text, m.end())
        if m["aux"] is None and (plural or active):
            continue
        if m["aux"] is None and m["det"].lower() == "the" and plural:
            continue
        if verb == "died" and re.match(r"\s+(?:down|out|away)\b", text[m.end() :]):
            continue
        found.append((m.start(), m.end()))
    for m in _SINGULAR_OBJECT.finditer(text):
        head = m["np"].lower().split()[-1]
        if m["pre"] or head in NONHUMAN or (head.endswith("s") and not head.endswith(("ss", "us"))):
            continue
        found.append((m.start() if not m["pre"] else m.start() + len(m["pre"]), m.end()))
    found += [(m.start(), m.end()) for m in _NAMED.finditer(text)]
    found += [(m.start(), m.end()) for m in _PRONOUN.finditer(text)]
    for m in _TO_DEATH.finditer(text):
        head = m["np"].lower().split()[-1]
        if head not in NONHUMAN and not (head.endswith("s") and not head.endswith(("ss", "us"))):
            found.append((m.start(), m.end()))
    return [Toll(1, 1, 1, s, e, text[s:e], hedged(text, s, e), "killed") for s, e in found]
