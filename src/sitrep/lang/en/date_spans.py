"""What each English date phrase means: one resolver per phrase family of ``dates.FAMILIES``.

A resolver turns one match into (earliest, latest, best, precision, kind) against the
publication date, or None to reject it ("May 2,000 troops"). See ``dates`` for the rules.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..readings import DAY, DateSpan, add_months, month_end, pick_year
from .calendar import MONTH_ABBR, MONTHS, NUMBER_WORDS, WEEKDAYS

_UNIT_DAYS = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652, "recent": 30}


def _alts(words: Sequence[str]) -> str:
    """Alternation of capitalised and upper-case forms (news capitalises names of days/months)."""
    return "|".join(f"{w.capitalize()}|{w.upper()}" for w in sorted(words, key=len, reverse=True))


WD = rf"(?:{_alts(WEEKDAYS)})"
MONTH_FULL = rf"(?:{_alts(MONTHS)})"
MONTH_ANY = rf"(?:{_alts(list(MONTHS) + list(MONTH_ABBR))})\b\.?"
SMALL_NUM = r"(?:\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
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


def _month_number(token: str) -> int:
    """Month number of a full or abbreviated month name."""
    low = token.lower().rstrip(".")
    return MONTHS.index(low) + 1 if low in MONTHS else MONTH_ABBR[low]


def _count(token: str) -> int | None:
    """Small number from digits or a word; None for vague quantities."""
    low = token.lower()
    return int(low) if low.isdigit() else NUMBER_WORDS.get(low)


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


def weekday(m: re.Match[str], pub: dt.date | None) -> DateSpan | None:
    """'late Saturday', 'Sunday night', 'last Tuesday': the most recent such day."""
    before, after = m.string[: m.start()], m.string[m.end("wd") :]
    mod = (m["mod"] or "").lower()
    if (not mod and _NAME_BEFORE.search(before)) or _NAME_AFTER.match(after):
        return None
    if pub is None:
        return None, None, None, 1, "weekday"
    back = (pub.weekday() - WEEKDAYS.index(m["wd"].lower())) % 7
    if back == 0 and ("last" in mod or "past" in mod):
        back = 7
    day = pub - back * DAY
    if mod == "since":
        return day, pub, day, 2, "range"
    return day, day, day, 1, "weekday"


def relative_day(m: re.Match[str], pub: dt.date | None) -> DateSpan | None:
    """'yesterday', 'today', 'last night', 'this morning'."""
    low = m.group().lower()
    back = 2 if "before yesterday" in low else 1 if ("yesterday" in low or "last night" in low) else 0
    if pub is None:
        return None, None, None, 1, "relative"
    day = pub - back * DAY
    return day, day, day, 1, "relative"


def ago(m: re.Match[str], pub: dt.date | None) -> DateSpan | None:
    """'two days ago', 'three weeks ago', 'nine months ago', 'a few days ago'."""
    unit = m["unit"].lower().rstrip("s")
    word = re.sub(r"\s+", " ", m["n"].lower())
    n = 2 if "couple" in word else None if word in ("a few", "few", "several") else _count(word)
    precision = {"hour": 1, "day": 1, "week": 2}.get(unit, 3)
    if n is None:  # a few / several units ago: a range, no single day
        precision = max(precision, 2)
        if pub is None:
            return None, None, None, precision, "vague"
        return pub - 7 * _UNIT_DAYS[unit] * DAY, pub - 2 * _UNIT_DAYS[unit] * DAY, None, precision, "vague"
    if "couple" in word:
        precision = max(precision, 2)
    if pub is None:
        return None, None, None, precision, "relative"
    if unit == "hour":
        return pub, pub, pub, 1, "relative"
    if unit in ("day", "week"):
        day = pub - n * (7 if unit == "week" else 1) * DAY
        if unit == "week":
            return day - 3 * DAY, day + 3 * DAY, day, 2, "relative"
        return day, day, day, precision, "relative"
    if unit == "month":
        day = add_months(pub, -n)
        return day.replace(day=1), month_end(day.year, day.month), day, 3, "relative"
    year = pub.year - n
    return dt.date(year, 1, 1), dt.date(year, 12, 31), None, 3, "relative"


def week(m: re.Match[str], pub: dt.date | None) -> DateSpan | None:
    """'last week', 'earlier this week', 'at the start of the week', 'last weekend'."""
    low = re.sub(r"\s+", " ", m.group().lower())
    if pub is None:
        return None, None, None, 2, "range"
    last = any(w in low for w in ("last", "previous", "before"))
    if "weekend" in low:
        sunday = pub - ((pub.weekday() - 6) % 7 or 7) * DAY  # the Sunday before this weekend
        if not last and pub.weekday() >= 5:  # "this weekend" in a weekend paper: this one
            sunday = pub + (6 - pub.weekday()) * DAY
        saturday = sunday - DAY
        return saturday, sunday, saturday, 2, "range"
    monday = pub - pub.weekday() * DAY - (7 if last else 0) * DAY
    lo, hi = monday, monday + 6 * DAY
    part = _part(low)
    if part == "earlier":
        hi = max(monday, pub - DAY)
    elif part == "early":
        hi = monday + DAY
    elif part == "late":
        lo = monday + 3 * DAY
    return lo, hi, None, 2, "range"


def month_or_year(m: re.Match[str], pub: dt.date | None) -> DateSpan | None:
    """'earlier this month', 'last month', 'late last year', 'this year'."""
    low = re.sub(r"\s+", " ", m.group().lower())
    if pub is None:
        return None, None, None, 3, "range"
    last = "last" in low or "previous" in low
    if "month" in low:
        first = add_months(pub.replace(day=1), -1 if last else 0)
        lo, hi = first, month_end(first.year, first.month)
    else:
        year = pub.year - (1 if last else 0)
        lo, hi = dt.date(year, 1, 1), dt.date(year, 12, 31)
    part = _part(low)
    if part == "earlier":
        hi = max(lo, pub - DAY)
    elif part == "early":
        hi = lo + (hi - lo) // 3
    elif part == "late":
        lo = hi - (hi - lo) // 3
    return lo, hi, None, 3, "range"


def rolling(m: re.Match[str], pub: dt.date | None) -> DateSpan | None:
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
    return pub - days * DAY, pub, None, precision, "vague"


def anchored(m: re.Match[str], pub: dt.date | None) -> DateSpan | None:
    """'days of fighting', 'several days later', 'the next day': relative to another event; 'two
    hours later', 'later that day': the day of the event told before ("same_day")."""
    low = m.group().lower()
    if any(w in low for w in ("hour", "minute", "that ")):
        return None, None, None, 1, "same_day"
    return None, None, None, 3 if any(w in low for w in ("week", "month", "year")) else 2, "vague"


def absolute(m: re.Match[str], pub: dt.date | None) -> DateSpan | None:
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
            found = pick_year(month, d1, pub)
            if found is None:
                return None
            lo = found
        else:
            return None, None, None, precision, kind
        hi = lo.replace(day=d2)
    except ValueError:
        return None
    return lo, hi, None, precision, kind


def iso(m: re.Match[str], pub: dt.date | None) -> DateSpan | None:
    """'2013-01-11'."""
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return day, day, day, 1, "absolute"


def numeric(m: re.Match[str], pub: dt.date | None) -> DateSpan | None:
    """'11/01/2013' or '11.01.2013', read day-first by dateparser (the order outside the US)."""
    import dateparser  # lazy: the import costs ~0.1 s and few texts need it

    parsed = dateparser.parse(m.group(), languages=["en"], settings={"DATE_ORDER": "DMY"})
    if parsed is None:
        return None
    day = parsed.date()
    return day, day, day, 1, "absolute"


def month(m: re.Match[str], pub: dt.date | None) -> DateSpan | None:
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
    lo, hi = dt.date(year, month, 1), month_end(year, month)
    if "since" in pre:
        return lo, pub, None, 3, "vague"
    if "mid" in pre or "middle" in pre:
        lo, hi = lo.replace(day=11), lo.replace(day=20)
    elif (part := _part(pre)) == "early":
        hi = lo.replace(day=10)
    elif part == "late":
        lo = lo.replace(day=21)
    return lo, hi, None, 3, "range"


def year(m: re.Match[str], pub: dt.date | None) -> DateSpan | None:
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
