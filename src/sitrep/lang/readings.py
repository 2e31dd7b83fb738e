"""What a language's text readers return, and the language-blind arithmetic they share.

A language folder reads dates and death tolls in its own grammar (``lang/en/dates.py``,
``lang/en/tolls.py``); what they find is expressed in the records here, so the event coder
never sees a word of the language. ``longest_first`` settles overlapping finds the same way
for every reader; the calendar helpers are plain date arithmetic.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

log = logging.getLogger(__name__)

DAY = dt.timedelta(days=1)
YEAR_SLACK = dt.timedelta(days=3)  # a yearless "Jan. 21" in a Jan. 20 paper is this year's


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a text, with the day (or range) it denotes."""

    start: int
    end: int
    text: str  # text[start:end] of the string passed to find_dates
    date: dt.date | None  # best single day (None if unresolvable, vague or in the future)
    earliest: dt.date | None
    latest: dt.date | None
    time_precision: int  # ACLED: 1 = the day, 2 = within a week, 3 = vaguer
    kind: str  # "absolute", "weekday", "relative", "range", "vague", "same_day" ("two hours later")


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
    vague: bool = False  # a vague plural's floor ("dozens" = 12), not a stated number
    addition: bool = False  # told as more dead on top of others ("also killed", "another two died")


# A resolver turns one regex match into (earliest, latest, best, precision, kind), or None to
# reject the match (e.g. "May 2,000 troops"). Dates are None when unresolvable.
DateSpan = tuple[dt.date | None, dt.date | None, dt.date | None, int, str]
Resolver = Callable[[re.Match[str], dt.date | None], DateSpan | None]
DateFamily = tuple[re.Pattern[str], Resolver]


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Spanned)


def longest_first(found: Iterable[S]) -> list[S]:
    """Non-overlapping finds in text order; where two overlap, the longer (then the earlier) wins."""
    chosen: list[S] = []
    for cand in sorted(found, key=lambda d: (d.start - d.end, d.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda d: d.start)


def month_end(year: int, month: int) -> dt.date:
    """Last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """Shift a date by whole months, clamping the day to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def pick_year(month: int, day: int, pub: dt.date) -> dt.date | None:
    """Most recent (month, day) not after publication plus a few days."""
    for year in (pub.year + 1, pub.year, pub.year - 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        if cand <= pub + YEAR_SLACK:
            return cand
    return None


def mention(m: re.Match[str], span: DateSpan, pub: dt.date | None) -> DateMention:
    """Build a mention, choosing the best day and keeping everything on or before publication."""
    lo, hi, best, precision, kind = span
    if pub is not None and lo is not None and lo > pub:
        log.debug("date %r resolves after publication %s; left unresolved", m.group(), pub)
        lo = hi = best = None
    if pub is not None and hi is not None and hi > pub:
        hi = pub
    if kind != "vague" and best is None and lo is not None and hi is not None:
        best = lo + (hi - lo) // 2
    if best is not None and hi is not None and best > hi:
        best = hi
    return DateMention(
        m.start(), m.end(), m.group(), best if kind != "vague" else None, lo, hi, precision, kind
    )


def find_dates(text: str, published: dt.date | None, families: Iterable[DateFamily]) -> list[DateMention]:
    """Every date expression a language's ``families`` find in ``text``, resolved against ``published``.

    Returns:
        Non-overlapping mentions in text order; where two phrases overlap the longer one wins
        ("late Saturday" over "Saturday").
    """
    found: list[DateMention] = []
    for pattern, resolve in families:
        for m in pattern.finditer(text):
            span = resolve(m, published)
            if span is not None:
                found.append(mention(m, span, published))
    return longest_first(found)
