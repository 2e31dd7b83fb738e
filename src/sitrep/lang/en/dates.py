"""English date phrases: the patterns that find them and the rules that resolve them.

Hand-written because no library resolves news-relative dates the way event coding needs:
dateparser 1.5.0 maps "on Sunday" in a Sunday paper to the Sunday before and finds nothing in
"late Saturday" or "last weekend", and ctparse prefers future dates (see
``shared/dependencies.md`` §4). So each phrase family has a regex here and is resolved by our own
rules; dateparser only parses numeric day/month/year forms ("11/01/2013").
``sitrep.lang.readings.find_dates`` runs the families; this module only knows English.

Rules, in ACLED's terms (``time_precision``: 1 the day, 2 within a week, 3 vaguer):

- A weekday is its most recent occurrence on or before the publication date (a Sunday paper's
  "Sunday" is that day); "last Tuesday" / "this past Tuesday" is strictly before it.
- A range ("last week", "earlier this month") gets the middle day of the range as ``date``,
  clipped to the publication date, as ACLED codes a week or month at its middle.
- ``kind == "vague"`` mentions ("recently", "days later", "in recent days") never have a
  ``date``; some carry ``earliest``/``latest``.
- Nothing resolves after the publication date: a future date gets ``date`` None.
- Without a publication date only absolute dates that state their year resolve.
"""

from __future__ import annotations

import re
from typing import Final

from ..readings import DateFamily
from . import date_spans as spans
from .date_spans import MONTH_ANY, MONTH_FULL, SMALL_NUM, WD

_I = re.IGNORECASE
FAMILIES: Final[tuple[DateFamily, ...]] = (
    (
        re.compile(
            r"(?:\b(?P<mod>(?i:on|late|early|last|this\s+past|past|overnight|since|late\s+on|"
            rf"early\s+on))\s+)?\b(?P<wd>{WD})(?!s\b)(?:'s)?(?:\s+(?i:night|morning|afternoon|"
            r"evening|overnight)\b)?"
        ),
        spans.weekday,
    ),
    (
        re.compile(
            r"\b(?:the\s+day\s+before\s+yesterday|(?:late\s+|early\s+)?yesterday(?:\s+(?:morning|"
            r"afternoon|evening|night))?|(?:earlier\s+|early\s+|late\s+)?today|tonight|last\s+night|"
            r"this\s+(?:morning|afternoon|evening))\b",
            _I,
        ),
        spans.relative_day,
    ),
    (
        re.compile(
            rf"\b(?P<n>{SMALL_NUM}|a\s+few|few|several|(?:a\s+)?couple\s+of)\s+"
            r"(?P<unit>hours?|days?|weeks?|months?|years?)\s+ago\b",
            _I,
        ),
        spans.ago,
    ),
    (
        re.compile(
            r"\b(?:(?:earlier|early|late|later)\s+(?:this|last)\s+week(?:end)?|(?:at\s+)?the\s+"
            r"(?:beginning|start|end)\s+of\s+(?:the|this|last)\s+week|(?:earlier|early|later|late)\s+"
            r"in\s+the\s+week|(?:last|this|the\s+previous)\s+week(?:end)?|the\s+week\s+before|"
            r"(?:over|at|during)\s+the\s+weekend)\b",
            _I,
        ),
        spans.week,
    ),
    (
        re.compile(
            r"\b(?:(?:earlier|early|late|later)\s+(?:this|last)\s+(?:month|year)|(?:at\s+)?the\s+"
            r"(?:beginning|start|end)\s+of\s+(?:the|this|last)\s+(?:month|year)|(?:earlier|early|"
            r"later|late)\s+in\s+the\s+(?:month|year)|(?:last|this|the\s+previous)\s+(?:month|year))\b",
            _I,
        ),
        spans.month_or_year,
    ),
    (
        re.compile(
            r"\b(?:in\s+recent\s+(?:days|weeks|months)|(?:(?:in|over|during)\s+)?the\s+(?:past|last)\s+"
            rf"(?:(?P<n>{SMALL_NUM})\s+|(?:few|several)\s+)?(?:hours?|days?|weeks?|months?|years?|decades?)|"
            r"recently|so\s+far(?:\s+this\s+year)?)\b",
            _I,
        ),
        spans.rolling,
    ),
    (
        re.compile(
            r"\b(?:(?:(?:several|a\s+few|few|two|three|four|five|\d+)\s+)?(?:days|weeks|months)\s+"
            r"(?:of|later|earlier)|(?:a|one)\s+(?:day|week|month)\s+(?:later|earlier|before)|"
            r"(?:(?:several|a\s+few|few|two|three|\d+)\s+)?(?:hours|minutes)\s+(?:later|earlier|afterwards)|"
            r"later\s+that\s+(?:day|morning|afternoon|evening|night)|the\s+(?:next|following|previous)\s+(?:day|week|morning|night)|"
            r"the\s+day\s+(?:before|after))\b",
            _I,
        ),
        spans.anchored,
    ),
    (
        re.compile(
            rf"\b(?P<mon>{MONTH_ANY})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![,.]\d)"
            rf"(?:\s*(?:-|–|to|and|through)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)?"
            rf"(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b(?![,.]?\d))?"
        ),
        spans.absolute,
    ),
    (
        re.compile(
            rf"(?<![\d,.])\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*(?P<d2>\d{{1,2}})"
            rf"(?:st|nd|rd|th)?)?\s+(?:of\s+)?(?P<mon>{MONTH_ANY})(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b)?"
        ),
        spans.absolute,
    ),
    (re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"), spans.iso),
    (re.compile(r"(?<![\d/.])\b\d{1,2}([/.])\d{1,2}\1(?:19|20)\d{2}\b(?![/.]\d)"), spans.numeric),
    (
        re.compile(
            r"(?:\b(?P<pre>(?i:in|since|during|through|throughout|last|early|late|mid|"
            r"earlier\s+in|later\s+in|(?:the\s+)?(?:beginning|start|end|middle)\s+of))[\s-]+)?"
            rf"\b(?P<mon>{MONTH_FULL})\b(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b(?![,.]?\d))?"
        ),
        spans.month,
    ),
    (
        re.compile(
            r"\b(?P<pre>(?i:in|since|during|throughout|early|late|mid|(?:the\s+)?"
            r"(?:beginning|start|end|middle)\s+of))[\s-]+(?P<y>(?:19|20)\d{2})\b(?![,.]?\d)"
        ),
        spans.year,
    ),
)


# Which date governs an event (``events.when``): a duration is not a day, and the date of a
# reaction, a video or a report is not the event's.
DURATION_START: Final = re.compile(r"\b(since|until|till|through)\s*$", re.IGNORECASE)  # "since 2015"
REACTION_VERBS: Final = frozenset(
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
MEDIA_VERBS: Final = frozenset(
    {"obtain", "film", "publish", "post", "release", "show", "see", "broadcast", "air"}
)
REPORT_VERBS: Final = frozenset(
    {"say", "announce", "report", "tell", "confirm", "state", "declare", "add", "claim"}
)
