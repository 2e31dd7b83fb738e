"""Publication dates: parse a dateline at the start of a story, and choose between date sources.

Precedence (highest first): the user's ``settings.published`` ("given"), the date the source
gave with the document ("document"), the page's HTML metadata ("html-metadata"), a dateline at
the very start of the text ("dateline"), the day a web archive captured the page ("crawl": a WARC
record's ``WARC-Date``, only when the page says nothing better). Dates deep in the body are never
used: a story about last year's attack is full of dates that are not its publication date.

The month and weekday names come from the language's ``Calendar``, the labels and ordinals from
its ``Datelines``. Why hand-written: date parsers (dateparser, dateutil) parse a date you have
cut out; finding the one date that dates the story, at its top and not in its body, is the job.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..lang import Calendar, Language

# "CITY, Country (Agency) —" before the date; a separator, a time or the end of the line after it.
_PLACE = r"(?:[A-ZÀ-Þ][\w'’.\- ]{1,40}(?:,\s*[\w'’.\- ]{2,40})?\s*(?:\([^)\n]{1,40}\))?\s*[—–-]{1,2}\s*)?"
_AFTER = r"(?=\s*(?:$|[—–\-:|,.;(]|\d{{1,2}}[:.]\d\d|{time}))"
_HEADER_LINE_CHARS = 100
_HEADER_LINES = 4


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The dateline pattern of one language, and the month number of each month word it matches."""

    dateline: re.Pattern[str]
    updated: re.Pattern[str]
    months: Mapping[str, int]


def _alternation(words: Iterable[str]) -> str:
    """``a|b|c`` of the words, escaped, longest first (so "sept" is tried before "sep")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _month_words(cal: Calendar) -> dict[str, int]:
    """Every way a month is written before a day or a year: its name, its abbreviation, and the
    abbreviation with a dot where it drops more than one letter ("Jan.", but not "Jun.")."""
    words = {name: n for n, name in enumerate(cal.MONTHS, start=1)}
    for abbr, n in cal.MONTH_ABBR.items():
        words[abbr] = n
        if len(cal.MONTHS[n - 1]) - len(abbr) > 1:
            words[abbr + "."] = n
    return words


def _weekday(cal: Calendar) -> str:
    """An optional weekday before the date: a name or an abbreviation, with the names' common
    ending optional ("Tues", "Tuesday", "Wednes"), then a dot, a comma and a space, all optional."""
    ending = os.path.commonprefix([w[::-1] for w in cal.WEEKDAYS])[::-1]
    stems = {w.removesuffix(ending) for w in cal.WEEKDAYS} | set(cal.WEEKDAY_ABBR)
    tail = f"(?:{re.escape(ending)})?" if ending else ""
    return rf"(?:(?:{_alternation(stems)}){tail}\.?,?\s+)?"


@cache
def _patterns(lang: Language) -> _Patterns:
    """The dateline pattern built from a language's calendar and dateline words (once per language)."""
    cal, words = lang.calendar, lang.datelines
    months = _month_words(cal)
    alternation = _alternation(months)

    def month(g: str) -> str:
        return f"(?P<{g}>{alternation})"

    def day(g: str) -> str:
        return rf"(?P<{g}>[0-3]?\d)(?:{words.ORDINAL_SUFFIX})?"

    def year(g: str) -> str:
        return rf"(?P<{g}>(?:19|20)\d\d)"

    date_ = (  # "Jan. 20, 2013" | "20th of January 2013" | "2013-01-20", perhaps after a weekday
        f"(?:{_weekday(cal)}(?:"
        rf"{month('m1')}\s+{day('d1')},?\s+{year('y1')}"
        rf"|{day('d2')}\s+(?:{words.DAY_OF}\s+)?{month('m2')},?\s+{year('y2')}"
        rf"|{year('y3')}-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)))"
    )
    label = rf"(?:{words.PUBLISHED_LABEL}\s*:?\s*)?"
    dateline = re.compile("^" + _PLACE + label + date_ + _AFTER.format(time=words.TIME_AFTER), re.IGNORECASE)
    updated = re.compile(rf"^\s*{words.UPDATED_LABEL}\b", re.IGNORECASE)
    return _Patterns(dateline, updated, months)


def parse_date_match(m: re.Match[str], lang: Language) -> date | None:
    """The date a dateline match spells, or None if it is not a real calendar date."""
    months = _patterns(lang).months
    for i in "123":
        year = m.group("y" + i)
        if year:
            month_s = m.group("m" + i)
            month = int(month_s) if month_s.isdigit() else months[month_s.lower()]
            try:
                return date(int(year), month, int(m.group("d" + i)))
            except ValueError:
                return None
    return None


def dateline_date(text: str, lang: Language) -> date | None:
    """The date of a dateline at the start of ``text``, if there is one.

    Looks at the first few short header lines (a date line, a byline) and at the start of the
    first real paragraph, e.g. ``"BAMAKO, Mali (AP) — Jan. 20, 2013 — ..."``,
    ``"20 January 2013 — ..."`` or a line ``"Sunday, January 20, 2013"``. "Updated ..." lines
    are skipped: they are not the publication date.
    """
    pat = _patterns(lang)
    lines = [ln.strip() for ln in text.lstrip().split("\n", 12)[:12]]
    seen = 0
    for line in lines:
        if not line:
            continue
        seen += 1
        if not pat.updated.match(line):
            m = pat.dateline.match(line)
            if m:
                found = parse_date_match(m, lang)
                if found:
                    return found
        if len(line) > _HEADER_LINE_CHARS or seen >= _HEADER_LINES:
            break
    return None


def starts_with_date(line: str, lang: Language) -> bool:
    """True if ``line`` opens with a dateline or a date (such a line is not a headline)."""
    return _patterns(lang).dateline.match(line.strip()) is not None


def choose_published(
    given: date | None,
    document: date | None,
    html_metadata: date | None,
    dateline: date | None,
    crawled: date | None = None,
) -> tuple[date | None, str | None]:
    """The publication date and its basis: given > document > html-metadata > dateline > crawl."""
    for value, basis in (
        (given, "given"),
        (document, "document"),
        (html_metadata, "html-metadata"),
        (dateline, "dateline"),
        (crawled, "crawl"),
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
