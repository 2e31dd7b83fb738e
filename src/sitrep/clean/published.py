"""Publication dates: parse a dateline at the start of a story, and choose between date sources.

Precedence (highest first): the user's ``settings.published`` ("given"), the date the source
gave with the document ("document"), the page's HTML metadata ("html-metadata"), a dateline at
the very start of the text ("dateline"). Dates deep in the body are never used: a story about
last year's attack is full of dates that are not its publication date.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_MONTH = (
    r"(?P<{g}>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?"
    r"|aug(?:ust|\.)?|sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DATE = (
    "(?:"
    + _WEEKDAY
    + "(?:"
    + _MONTH.format(g="m1")
    + r"\s+"
    + _DAY.format(g="d1")
    + r",?\s+"
    + _YEAR.format(g="y1")
    + "|"
    + _DAY.format(g="d2")
    + r"\s+(?:of\s+)?"
    + _MONTH.format(g="m2")
    + r",?\s+"
    + _YEAR.format(g="y2")
    + "|"
    + _YEAR.format(g="y3")
    + r"-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)"
    + "))"
)
# Optional "CITY, Country (Agency) —" and/or "Published:" before the date; a separator,
# a time or the end of the line after it.
_DATELINE = re.compile(
    r"^(?:[A-ZÀ-Þ][\w'’.\- ]{1,40}(?:,\s*[\w'’.\- ]{2,40})?\s*(?:\([^)\n]{1,40}\))?\s*[—–-]{1,2}\s*)?"
    r"(?:(?:first\s+)?(?:published|posted)(?:\s+on)?\s*:?\s*)?"
    + _DATE
    + r"(?=\s*(?:$|[—–\-:|,.;(]|\d{1,2}[:.]\d\d|at\b|\d{1,2}\s*[ap]\.?m\b))",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"^\s*(?:last\s+)?(?:updated|modified|edited)\b", re.IGNORECASE)
_HEADER_LINE_CHARS = 100
_HEADER_LINES = 4


def parse_date_match(m: re.Match[str]) -> date | None:
    """The date a ``_DATELINE`` match spells, or None if it is not a real calendar date."""
    for i in "123":
        year = m.group("y" + i)
        if year:
            month_s = m.group("m" + i)
            month = int(month_s) if month_s.isdigit() else _MONTHS[month_s[:3].lower()]
            try:
                return date(int(year), month, int(m.group("d" + i)))
            except ValueError:
                return None
    return None


def dateline_date(text: str) -> date | None:
    """The date of a dateline at the start of ``text``, if there is one.

    Looks at the first few short header lines (a date line, a byline) and at the start of the
    first real paragraph, e.g. ``"BAMAKO, Mali (AP) — Jan. 20, 2013 — ..."``,
    ``"20 January 2013 — ..."`` or a line ``"Sunday, January 20, 2013"``. "Updated ..." lines
    are skipped: they are not the publication date.
    """
    lines = [ln.strip() for ln in text.lstrip().split("\n", 12)[:12]]
    seen = 0
    for line in lines:
        if not line:
            continue
        seen += 1
        if not _UPDATED.match(line):
            m = _DATELINE.match(line)
            if m:
                found = parse_date_match(m)
                if found:
                    return found
        if len(line) > _HEADER_LINE_CHARS or seen >= _HEADER_LINES:
            break
    return None


def starts_with_date(line: str) -> bool:
    """True if ``line`` opens with a dateline or a date (such a line is not a headline)."""
    return _DATELINE.match(line.strip()) is not None


def choose_published(
    given: date | None,
    document: date | None,
    html_metadata: date | None,
    dateline: date | None,
) -> tuple[date | None, str | None]:
    """The publication date and its basis, by precedence given > document > html-metadata > dateline."""
    for value, basis in (
        (given, "given"),
        (document, "document"),
        (html_metadata, "html-metadata"),
        (dateline, "dateline"),
    ):
        if value is not None:
            return value, basis
    return None, None


_DATELINE_PLACE = re.compile(
    r"""\s*(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]+(?:\ [A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\-]+){0,3}   # BAMAKO, CÚCUTA
    (?:,\s*[A-Z][\w.'’\-]+(?:\ [A-Z][\w.'’\-]+){0,3})?)            # , Mali
    (?:,\s*[A-Z][a-z]{2,8}\.?\ \d{1,2},\ \d{4})?                     # , March 3, 2024
    \s*(?:\([^)\n]{1,40}\))?\s*[—–-]{1,2}\s*                       # (AP) —
    (?:[^—–\n]{4,30}?\d{4}\s*[—–-]{1,2}\s*)?                       # May 12, 2024 —
    """,
    re.VERBOSE,
)


def dateline_end(text: str) -> int:
    """End offset of a wire dateline opening the text ("BAMAKO, Mali (AP) — Jan. 20, 2013 — "), else 0.

    Where the reporter filed from is not where the story happened, so the event stages skip it.
    """
    m = _DATELINE_PLACE.match(text)
    return m.end() if m else 0
