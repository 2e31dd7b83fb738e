"""Event dates in news text, resolved against the publication date.

Hand-written because no library resolves news-relative dates the way event coding needs:
dateparser 1.5.0 maps "on Sunday" in a Sunday paper to the Sunday before and finds nothing in
"late Saturday" or "last weekend", and ctparse prefers future dates (see
``shared/dependencies.md`` §4). So each phrase family has a regex here and is resolved by our own
rules; dateparser only parses numeric day/month/year forms ("11/01/2013").

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

import calendar
import datetime as dt
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)

_DAY = dt.timedelta(days=1)
_YEAR_SLACK = dt.timedelta(days=3)  # a yearless "Jan. 21" in a Jan. 20 paper is this year's
_UNIT_DAYS = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652, "recent": 30}

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_ABBR = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


def _alts(words: Sequence[str]) -> str:
    """Alternation of capitalised and upper-case forms (news capitalises names of days/months)."""
    return "|".join(f"{w.capitalize()}|{w.upper()}" for w in sorted(words, key=len, reverse=True))


_WD = rf"(?:{_alts(_WEEKDAYS)})"
_MONTH_FULL = rf"(?:{_alts(_MONTHS)})"
_MONTH_ANY = rf"(?:{_alts(list(_MONTHS) + list(_MONTH_ABBR))})\b\.?"
_SMALL_NUM = r"(?:\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
# A number followed by one of these is a count or a distance, not a day or a year.
_COUNT_AFTER = re.compile(
    r"\s*(?:%|percent|per\s*cent|km|kilomet|mile|metre|meter|troops|soldiers|people|persons|"
    r"civilians|fighters|militants|men|women|children|villagers|residents|homes|houses|"
    r"dead|killed|injured|wounded|others|of\s+(?:them|whom|the))\b",
    re.I,
)
# "Sunday Times", "Saturday Night Live", "Bloody Sunday": names, not dates.
_NAME_AFTER = re.compile(
    r"\s+(?:Times|Telegraph|Mail|Express|Post|Mirror|Herald|Tribune|Independent|Observer|"
    r"Sport|Night\s+Live|Night\s+Football|Nation|Standard|Star|Monitor|Magazine|Edition|Show|"
    r"Service|Mass|School|Market|Prayer|Sermon|Club|League|Special|Review|Press)\b"
)
_NAME_BEFORE = re.compile(
    r"\b(?:Bloody|Black|Good|Easter|Palm|Super|Ash|Holy|Cyber|Maundy|Shrove|Whit|Mad|the|a|an)\s+$"
)


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
    kind: str  # "absolute", "weekday", "relative", "range", "vague"


# A resolver turns one regex match into (earliest, latest, best, precision, kind), or None to
# reject the match (e.g. "May 2,000 troops"). Dates are None when unresolvable.
_Span = tuple[dt.date | None, dt.date | None, dt.date | None, int, str]
_Resolver = Callable[[re.Match[str], dt.date | None], _Span | None]


def _month_end(year: int, month: int) -> dt.date:
    """Last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    """Shift a date by whole months, clamping the day to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _month_number(token: str) -> int:
    """Month number of a full or abbreviated month name."""
    low = token.lower().rstrip(".")
    return _MONTHS.index(low) + 1 if low in _MONTHS else _MONTH_ABBR[low]


def _count(token: str) -> int | None:
    """Small number from digits or a word; None for vague quantities."""
    low = token.lower()
    return int(low) if low.isdigit() else _NUMBER_WORDS.get(low)


def _part(low: str) -> str:
    """Which part of a period a phrase names: early, late, earlier or the whole."""
    if any(w in low for w in ("earlier", "so far")):
        return "earlier"
    if any(w in low for w in ("early", "beginning", "start")):
        return "early"
    if any(w in low for w in ("late", "end")):
        return "late"
    return "whole"


def _followed_by_count(m: re.Match[str]) -> bool:
    """Whether the text after the match makes its last number a count ("March 30 people")."""
    rest = m.string[m.end() :]
    return bool(_COUNT_AFTER.match(rest)) or bool(re.match(r"[,.]\d", rest))


# ---- resolvers, one per phrase family ----------------------------------------------------------


def _weekday(m: re.Match[str], pub: dt.date | None) -> _Span | None:
    """'late Saturday', 'Sunday night', 'last Tuesday': the most recent such day."""
    before, after = m.string[: m.start()], m.string[m.end("wd") :]
    mod = (m["mod"] or "").lower()
    if (not mod and _NAME_BEFORE.search(before)) or _NAME_AFTER.match(after):
        return None
    if pub is None:
        return None, None, None, 1, "weekday"
    back = (pub.weekday() - _WEEKDAYS.index(m["wd"].lower())) % 7
    if back == 0 and ("last" in mod or "past" in mod):
        back = 7
    day = pub - back * _DAY
    if mod == "since":
        return day, pub, day, 2, "range"
    return day, day, day, 1, "weekday"


def _relative_day(m: re.Match[str], pub: dt.date | None) -> _Span | None:
    """'yesterday', 'today', 'last night', 'this morning'."""
    low = m.group().lower()
    back = 2 if "before yesterday" in low else 1 if ("yesterday" in low or "last night" in low) else 0
    if pub is None:
        return None, None, None, 1, "relative"
    day = pub - back * _DAY
    return day, day, day, 1, "relative"


def _ago(m: re.Match[str], pub: dt.date | None) -> _Span | None:
    """'two days ago', 'three weeks ago', 'nine months ago', 'a few days ago'."""
    unit = m["unit"].lower().rstrip("s")
    word = re.sub(r"\s+", " ", m["n"].lower())
    n = 2 if "couple" in word else None if word in ("a few", "few", "several") else _count(word)
    precision = {"hour": 1, "day": 1, "week": 2}.get(unit, 3)
    if n is None:  # a few / several units ago: a range, no single day
        precision = max(precision, 2)
        if pub is None:
            return None, None, None, precision, "vague"
        return pub - 7 * _UNIT_DAYS[unit] * _DAY, pub - 2 * _UNIT_DAYS[unit] * _DAY, None, precision, "vague"
    if "couple" in word:
        precision = max(precision, 2)
    if pub is None:
        return None, None, None, precision, "relative"
    if unit == "hour":
        return pub, pub, pub, 1, "relative"
    if unit in ("day", "week"):
        day = pub - n * (7 if unit == "week" else 1) * _DAY
        if unit == "week":
            return day - 3 * _DAY, day + 3 * _DAY, day, 2, "relative"
        return day, day, day, precision, "relative"
    if unit == "month":
        day = _add_months(pub, -n)
        return day.replace(day=1), _month_end(day.year, day.month), day, 3, "relative"
    year = pub.year - n
    return dt.date(year, 1, 1), dt.date(year, 12, 31), None, 3, "relative"


def _week(m: re.Match[str], pub: dt.date | None) -> _Span | None:
    """'last week', 'earlier this week', 'at the start of the week', 'last weekend'."""
    low = re.sub(r"\s+", " ", m.group().lower())
    if pub is None:
        return None, None, None, 2, "range"
    last = any(w in low for w in ("last", "previous", "before"))
    if "weekend" in low:
        sunday = pub - ((pub.weekday() - 6) % 7 or 7) * _DAY  # the Sunday before this weekend
        if not last and pub.weekday() >= 5:  # "this weekend" in a weekend paper: this one
            sunday = pub + (6 - pub.weekday()) * _DAY
        saturday = sunday - _DAY
        return saturday, sunday, saturday, 2, "range"
    monday = pub - pub.weekday() * _DAY - (7 if last else 0) * _DAY
    lo, hi = monday, monday + 6 * _DAY
    part = _part(low)
    if part == "earlier":
        hi = max(monday, pub - _DAY)
    elif part == "early":
        hi = monday + _DAY
    elif part == "late":
        lo = monday + 3 * _DAY
    return lo, hi, None, 2, "range"


def _month_or_year(m: re.Match[str], pub: dt.date | None) -> _Span | None:
    """'earlier this month', 'last month', 'late last year', 'this year'."""
    low = re.sub(r"\s+", " ", m.group().lower())
    if pub is None:
        return None, None, None, 3, "range"
    last = "last" in low or "previous" in low
    if "month" in low:
        first = _add_months(pub.replace(day=1), -1 if last else 0)
        lo, hi = first, _month_end(first.year, first.month)
    else:
        year = pub.year - (1 if last else 0)
        lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
    part = _part(low)
    if part == "earlier":
        hi = max(lo, pub - _DAY)
    elif part == "early":
        hi = lo + (hi - lo) // 3
    elif part == "late":
        lo = hi - (hi - lo) // 3
    return lo, hi, None, 3, "range"


def _rolling(m: re.Match[str], pub: dt.date | None) -> _Span | None:
    """'in recent days', 'over the past week', 'recently', 'so far this year': vague windows."""
    low = re.sub(r"\s+", " ", m.group().lower())
    if low == "so far":
        return None, None, None, 3, "vague"
    if pub is not None and "this year" in low:
        return dt.date(pub.year, 1, 1), pub, None, 3, "vague"
    unit = next((u for u in ("hour", "day", "week", "month", "year", "decade") if u in low), "recent")
    count = m["n"] and _count(m["n"])
    if count:
        days = max(1, count * _UNIT_DAYS[unit])
    elif "recent" in low or "few" in low or "several" in low or unit.endswith("s"):
        days = {"day": 7, "week": 42, "month": 180, "year": 730, "decade": 7305}.get(unit, 30)
    else:
        days = _UNIT_DAYS[unit]
    precision = 2 if days <= 7 else 3
    if pub is None:
        return None, None, None, precision, "vague"
    return pub - days * _DAY, pub, None, precision, "vague"


def _anchored(m: re.Match[str], pub: dt.date | None) -> _Span | None:
    """'days of fighting', 'several days later', 'the next day': relative to another event."""
    low = m.group().lower()
    return None, None, None, 3 if any(w in low for w in ("week", "month", "year")) else 2, "vague"


def _pick_year(month: int, day: int, pub: dt.date) -> dt.date | None:
    """Most recent (month, day) not after publication plus a few days."""
    for year in (pub.year + 1, pub.year, pub.year - 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        if cand <= pub + _YEAR_SLACK:
            return cand
    return None


def _absolute(m: re.Match[str], pub: dt.date | None) -> _Span | None:
    """'Jan. 11', '11 January 2013', 'January 11th', 'Jan. 11-14': a day or a short range."""
    if not m["y"] and _followed_by_count(m):
        return None
    month, d1 = _month_number(m["mon"]), int(m["d"])
    d2 = int(m["d2"]) if m["d2"] else d1
    if not 1 <= d1 <= d2 <= 31:
        return None
    precision = 1 if d1 == d2 else 2 if d2 - d1 <= 6 else 3
    kind = "absolute" if d1 == d2 else "range"
    try:
        if m["y"]:
            lo = dt.date(int(m["y"]), month, d1)
        elif pub is not None:
            found = _pick_year(month, d1, pub)
            if found is None:
                return None
            lo = found
        else:
            return None, None, None, precision, kind
        hi = lo.replace(day=d2)
    except ValueError:
        return None
    return lo, hi, None, precision, kind


def _iso(m: re.Match[str], pub: dt.date | None) -> _Span | None:
    """'2013-01-11'."""
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return day, day, day, 1, "absolute"


def _numeric(m: re.Match[str], pub: dt.date | None) -> _Span | None:
    """'11/01/2013' or '11.01.2013', read day-first by dateparser (the order outside the US)."""
    import dateparser  # lazy: the import costs ~0.1 s and few texts need it

    parsed = dateparser.parse(m.group(), languages=["en"], settings={"DATE_ORDER": "DMY"})
    if parsed is None:
        return None
    day = parsed.date()
    return day, day, day, 1, "absolute"


def _month(m: re.Match[str], pub: dt.date | None) -> _Span | None:
    """'in January', 'last March', 'mid-January', 'January 2013'."""
    pre = (m["pre"] or "").lower()
    if (not pre and not m["y"]) or (m["y"] and _followed_by_count(m)):
        return None  # a bare "May" / "March" is a word, not a date
    month = _month_number(m["mon"])
    if m["y"]:
        year = int(m["y"])
    elif pub is None:
        return None, None, None, 3, "range"
    else:
        year = (
            pub.year if (month < pub.month or (month == pub.month and "last" not in pre)) else (pub.year - 1)
        )
    lo, hi = dt.date(year, month, 1), _month_end(year, month)
    if "since" in pre:
        return lo, pub, None, 3, "vague"
    if "mid" in pre or "middle" in pre:
        lo, hi = lo.replace(day=11), lo.replace(day=20)
    elif (part := _part(pre)) == "early":
        hi = lo.replace(day=10)
    elif part == "late":
        lo = lo.replace(day=21)
    return lo, hi, None, 3, "range"


def _year(m: re.Match[str], pub: dt.date | None) -> _Span | None:
    """'in 2012', 'since 2010', 'late 2012'."""
    if _followed_by_count(m):
        return None
    year, pre = int(m["y"]), m["pre"].lower()
    lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if "since" in pre:
        return lo, pub, None, 3, "vague"
    part = _part(pre)
    if part == "early":
        hi = dt.date(year, 4, 30)
    elif part == "late":
        lo = dt.date(year, 9, 1)
    return lo, hi, None, 3, "range"


_I = re.IGNORECASE
_FAMILIES: tuple[tuple[re.Pattern[str], _Resolver], ...] = (
    (
        re.compile(
            r"(?:\b(?P<mod>(?i:on|late|early|last|this\s+past|past|overnight|since|late\s+on|"
            rf"early\s+on))\s+)?\b(?P<wd>{_WD})(?!s\b)(?:'s)?(?:\s+(?i:night|morning|afternoon|"
            r"evening|overnight)\b)?"
        ),
        _weekday,
    ),
    (
        re.compile(
            r"\b(?:the\s+day\s+before\s+yesterday|(?:late\s+|early\s+)?yesterday(?:\s+(?:morning|"
            r"afternoon|evening|night))?|(?:earlier\s+|early\s+|late\s+)?today|tonight|last\s+night|"
            r"this\s+(?:morning|afternoon|evening))\b",
            _I,
        ),
        _relative_day,
    ),
    (
        re.compile(
            rf"\b(?P<n>{_SMALL_NUM}|a\s+few|few|several|(?:a\s+)?couple\s+of)\s+"
            r"(?P<unit>hours?|days?|weeks?|months?|years?)\s+ago\b",
            _I,
        ),
        _ago,
    ),
    (
        re.compile(
            r"\b(?:(?:earlier|early|late|later)\s+(?:this|last)\s+week(?:end)?|(?:at\s+)?the\s+"
            r"(?:beginning|start|end)\s+of\s+(?:the|this|last)\s+week|(?:earlier|early|later|late)\s+"
            r"in\s+the\s+week|(?:last|this|the\s+previous)\s+week(?:end)?|the\s+week\s+before|"
            r"(?:over|at|during)\s+the\s+weekend)\b",
            _I,
        ),
        _week,
    ),
    (
        re.compile(
            r"\b(?:(?:earlier|early|late|later)\s+(?:this|last)\s+(?:month|year)|(?:at\s+)?the\s+"
            r"(?:beginning|start|end)\s+of\s+(?:the|this|last)\s+(?:month|year)|(?:earlier|early|"
            r"later|late)\s+in\s+the\s+(?:month|year)|(?:last|this|the\s+previous)\s+(?:month|year))\b",
            _I,
        ),
        _month_or_year,
    ),
    (
        re.compile(
            r"\b(?:in\s+recent\s+(?:days|weeks|months)|(?:(?:in|over|during)\s+)?the\s+(?:past|last)\s+"
            rf"(?:(?P<n>{_SMALL_NUM})\s+|(?:few|several)\s+)?(?:hours?|days?|weeks?|months?|years?|decades?)|"
            r"recently|so\s+far(?:\s+this\s+year)?)\b",
            _I,
        ),
        _rolling,
    ),
    (
        re.compile(
            r"\b(?:(?:(?:several|a\s+few|few|two|three|four|five|\d+)\s+)?(?:days|weeks|months)\s+"
            r"(?:of|later|earlier)|(?:a|one)\s+(?:day|week|month)\s+(?:later|earlier|before)|"
            r"hours\s+later|the\s+(?:next|following|previous)\s+(?:day|week|morning|night)|"
            r"the\s+day\s+(?:before|after))\b",
            _I,
        ),
        _anchored,
    ),
    (
        re.compile(
            rf"\b(?P<mon>{_MONTH_ANY})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![,.]\d)"
            rf"(?:\s*(?:-|–|to|and|through)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)?"
            rf"(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b(?![,.]?\d))?"
        ),
        _absolute,
    ),
    (
        re.compile(
            rf"(?<![\d,.])\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*(?P<d2>\d{{1,2}})"
            rf"(?:st|nd|rd|th)?)?\s+(?:of\s+)?(?P<mon>{_MONTH_ANY})(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b)?"
        ),
        _absolute,
    ),
    (re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"), _iso),
    (re.compile(r"(?<![\d/.])\b\d{1,2}([/.])\d{1,2}\1(?:19|20)\d{2}\b(?![/.]\d)"), _numeric),
    (
        re.compile(
            r"(?:\b(?P<pre>(?i:in|since|during|through|throughout|last|early|late|mid|"
            r"earlier\s+in|later\s+in|(?:the\s+)?(?:beginning|start|end|middle)\s+of))[\s-]+)?"
            rf"\b(?P<mon>{_MONTH_FULL})\b(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b(?![,.]?\d))?"
        ),
        _month,
    ),
    (
        re.compile(
            r"\b(?P<pre>(?i:in|since|during|throughout|early|late|mid|(?:the\s+)?"
            r"(?:beginning|start|end|middle)\s+of))[\s-]+(?P<y>(?:19|20)\d{2})\b(?![,.]?\d)"
        ),
        _year,
    ),
)


def _mention(m: re.Match[str], span: _Span, pub: dt.date | None) -> DateMention:
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


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Find every date expression in a sentence and resolve it against the publication date.

    Args:
        text: a sentence (or any text); offsets in the result point into it.
        published: the article's publication date, the anchor of relative phrases.

    Returns:
        Non-overlapping mentions in text order. Where two phrases overlap the longer one wins
        ("late Saturday" over "Saturday"). Month names used as words ("may", "a protest march"),
        newspaper and show names ("Sunday Times") and counts ("2,000 troops") are not dates.
    """
    found: list[DateMention] = []
    for pattern, resolve in _FAMILIES:
        for m in pattern.finditer(text):
            span = resolve(m, published)
            if span is not None:
                found.append(_mention(m, span, published))
    found.sort(key=lambda d: (d.start - d.end, d.start))
    chosen: list[DateMention] = []
    for cand in found:
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda d: d.start)


def best_event_date(mentions: Sequence[DateMention], published: dt.date | None) -> tuple[dt.date | None, int]:
    """Pick the event date from a sentence's mentions: the most specific one, first in text order.

    Args:
        mentions: what ``find_dates`` returned for the event's sentence(s).
        published: the publication date; mentions after it are ignored.

    Returns:
        ``(date, time_precision)``. With no resolvable mention this is ``(None, 3)``: the caller
        decides whether to fall back to the publication date (ACLED would code it with
        precision 2 or 3 only when the text supports that).
    """
    usable = [m for m in mentions if m.date is not None and (published is None or m.date <= published)]
    if not usable:
        return None, 3
    best = min(usable, key=lambda m: m.time_precision)  # min() keeps the first of equals
    return best.date, best.time_precision
