"""English date phrases resolved against the publication date (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep import lang
from sitrep.lang.readings import DateMention
from sitrep.lang.readings import find_dates as find_with

EN = lang.load("en")


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """English date mentions of a text."""
    return find_with(text, published, EN.dates.FAMILIES)


SUNDAY = dt.date(2013, 1, 20)  # the publication date of most cases: a Sunday
WEDNESDAY = dt.date(2024, 3, 6)
D = dt.date


def one(text: str, published: dt.date | None = SUNDAY) -> DateMention:
    """The single mention in a text."""
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Soldiers entered the town on Saturday.", D(2013, 1, 19)),
        ("Troops retook the town late Saturday, officials said.", D(2013, 1, 19)),
        ("French units moved north on Sunday.", D(2013, 1, 20)),  # a Sunday paper's Sunday is today
        ("Early Sunday, a blast shook the market.", D(2013, 1, 20)),
        ("Saturday night clashes left the road closed.", D(2013, 1, 19)),
        ("Shells fell overnight Friday on the camp.", D(2013, 1, 18)),
        ("The convoy was hit last Tuesday.", D(2013, 1, 15)),
        ("The bridge was blown up last Sunday.", D(2013, 1, 13)),  # "last" is strictly before
        ("Friday's raid was the third in a row.", D(2013, 1, 18)),
        ("Gunmen struck on Monday morning.", D(2013, 1, 14)),
    ],
)
def test_weekdays_resolve_to_most_recent_day(text: str, day: dt.date) -> None:
    m = one(text)
    assert (m.date, m.time_precision, m.kind) == (day, 1, "weekday")
    assert text[m.start : m.end] == m.text


def test_weekday_in_midweek_paper() -> None:
    assert one("Rebels attacked on Thursday.", WEDNESDAY).date == D(2024, 2, 29)
    assert one("Rebels attacked on Wednesday.", WEDNESDAY).date == D(2024, 3, 6)
    assert one("Rebels attacked on Monday.", WEDNESDAY).date == D(2024, 3, 4)


def test_weekday_span_includes_modifier() -> None:
    assert one("Militants withdrew late Saturday.").text == "late Saturday"
    assert one("Militants withdrew Saturday night.").text == "Saturday night"


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("The market was shelled yesterday.", D(2013, 1, 19), 1),
        ("Police fired tear gas today.", D(2013, 1, 20), 1),
        ("Gunfire was heard last night.", D(2013, 1, 19), 1),
        ("Protesters gathered this morning.", D(2013, 1, 20), 1),
        ("The camp was raided two days ago.", D(2013, 1, 18), 1),
        ("The camp was raided the day before yesterday.", D(2013, 1, 18), 1),
        ("The village emptied three weeks ago.", D(2012, 12, 30), 2),
        ("The village emptied a week ago.", D(2013, 1, 13), 2),
    ],
)
def test_relative_days(text: str, day: dt.date, precision: int) -> None:
    m = one(text)
    assert (m.date, m.time_precision, m.kind) == (day, precision, "relative")


@pytest.mark.parametrize(
    "text",
    [
        "Clashes broke out on Jan. 11.",
        "Clashes broke out on January 11.",
        "Clashes broke out on 11 January 2013.",
        "Clashes broke out on 2013-01-11.",
        "Clashes broke out on Jan 11th.",
        "Clashes broke out on the 11th of January.",
        "Clashes broke out on January 11, 2013.",
        "Clashes broke out on 11/01/2013.",
    ],
)
def test_absolute_dates(text: str) -> None:
    m = one(text)
    assert (m.date, m.time_precision, m.kind) == (D(2013, 1, 11), 1, "absolute")


def test_absolute_year_is_inferred_backwards() -> None:
    assert one("Fighting began on Dec. 30.").date == D(2012, 12, 30)
    assert one("Fighting began on Dec. 30.", D(2013, 12, 31)).date == D(2013, 12, 30)


def test_no_future_dates() -> None:
    # Jan. 21 falls inside the year-inference slack, so it is this year's, and in the future
    m = one("Talks are planned for Jan. 21.")
    assert m.date is None and m.kind == "absolute"
    assert one("Elections are due on March 3, 2014.").date is None
    assert one("A vote is expected in 2014.").date is None


def test_upper_case_dateline() -> None:
    m = one("GAO, Mali, MARCH 3, 2024 (Sitrep Wire) - Troops", None)
    assert m.date == D(2024, 3, 3)


def test_absolute_day_range() -> None:
    m = one("Talks ran from Jan. 11-14 in the capital.")
    assert (m.earliest, m.latest, m.time_precision, m.kind) == (D(2013, 1, 11), D(2013, 1, 14), 2, "range")


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("Fighting raged last week.", D(2013, 1, 7), D(2013, 1, 13), 2),
        ("Fighting raged earlier this week.", D(2013, 1, 14), D(2013, 1, 19), 2),
        ("Fighting raged at the beginning of the week.", D(2013, 1, 14), D(2013, 1, 15), 2),
        ("Fighting raged at the start of the week.", D(2013, 1, 14), D(2013, 1, 15), 2),
        ("Fighting raged this week.", D(2013, 1, 14), D(2013, 1, 20), 2),
        ("Fighting raged late last week.", D(2013, 1, 10), D(2013, 1, 13), 2),
        ("Fighting raged last weekend.", D(2013, 1, 12), D(2013, 1, 13), 2),
        ("Fighting raged over the weekend.", D(2013, 1, 19), D(2013, 1, 20), 2),
        ("Fighting raged earlier this month.", D(2013, 1, 1), D(2013, 1, 19), 3),
        ("Fighting raged last month.", D(2012, 12, 1), D(2012, 12, 31), 3),
        ("Fighting raged in January.", D(2013, 1, 1), D(2013, 1, 20), 3),
        ("Fighting raged last year.", D(2012, 1, 1), D(2012, 12, 31), 3),
        ("Fighting raged in 2012.", D(2012, 1, 1), D(2012, 12, 31), 3),
        ("Fighting raged in mid-December.", D(2012, 12, 11), D(2012, 12, 20), 3),
        ("Fighting raged in March 2012.", D(2012, 3, 1), D(2012, 3, 31), 3),
    ],
)
def test_ranges(text: str, earliest: dt.date, latest: dt.date, precision: int) -> None:
    m = one(text)
    assert (m.earliest, m.latest, m.time_precision) == (earliest, latest, precision)
    assert m.date is not None and earliest <= m.date <= latest  # the middle, as ACLED codes a range


def test_last_weekend_on_a_monday_is_the_one_just_passed() -> None:
    m = one("Fighting raged last weekend.", D(2013, 1, 21))
    assert (m.earliest, m.latest, m.date) == (D(2013, 1, 19), D(2013, 1, 20), D(2013, 1, 19))


def test_months_ago() -> None:
    m = one("The town fell nine months ago.")
    assert (m.date, m.time_precision) == (D(2012, 4, 20), 3)


def test_last_march_in_march_means_a_year_ago() -> None:
    assert one("Talks collapsed last March.", D(2013, 3, 20)).earliest == D(2012, 3, 1)
    assert one("Talks collapsed in March.", D(2013, 3, 20)).earliest == D(2013, 3, 1)


@pytest.mark.parametrize(
    ("text", "precision", "has_range"),
    [
        ("The rebels fled after days of French airstrikes.", 2, False),
        ("Several days later, the bodies were found.", 2, False),
        ("The next day, the army returned.", 2, False),
        ("Militants recently seized two villages.", 3, True),
        ("Forty people have died so far.", 3, False),
        ("Eighty people have died so far this year.", 3, True),
        ("Attacks have grown in recent days.", 2, True),
        ("Attacks have grown over the past week.", 2, True),
        ("Attacks have grown in the past 24 hours.", 2, True),
        ("The group has killed thousands over the past decade.", 3, True),
        ("The town was looted a few days ago.", 2, True),
    ],
)
def test_vague_phrases_have_no_single_day(text: str, precision: int, has_range: bool) -> None:
    m = one(text)
    assert (m.date, m.kind, m.time_precision) == (None, "vague", precision)
    assert (m.earliest is not None) == has_range


@pytest.mark.parametrize(
    "text",
    [
        "A second blast struck two hours later.",
        "Later that night, gunmen returned.",
        "Minutes later, a car exploded.",
    ],
)
def test_hours_after_an_event_are_its_day(text: str) -> None:
    m = one(text)
    assert (m.date, m.kind, m.time_precision) == (None, "same_day", 1)


@pytest.mark.parametrize(
    "text",
    [
        "The army may withdraw from the north.",
        "May God protect the displaced.",
        "Thousands joined a protest march through the capital.",
        "They plan to march on the capital.",
        "March organisers said the route was blocked.",
        "The Sunday Times quoted a minister.",
        "The minister appeared on Saturday Night Live.",
        "Marchers remembered Bloody Sunday.",
        "The government sent 2,000 troops.",
        "The convoy was 430 km from the border.",
        "May 2,000 troops be enough?",
        "Markets open on Fridays.",
    ],
)
def test_ordinary_words_are_not_dates(text: str) -> None:
    assert find_dates(text, SUNDAY) == []


def test_counts_after_month_name_are_not_days() -> None:
    found = find_dates("In March 30 people died in the camp.", SUNDAY)
    assert [m.text for m in found] == ["In March"]


def test_without_publication_date() -> None:
    for text in (
        "They struck on Saturday.",
        "They struck yesterday.",
        "They struck last week.",
        "They struck on Jan. 11.",
    ):
        m = one(text, None)
        assert (m.date, m.earliest) == (None, None)
    assert one("They struck on Jan. 11, 2013.", None).date == D(2013, 1, 11)
    assert one("They struck on 2013-01-11.", None).date == D(2013, 1, 11)


def test_several_mentions_in_text_order() -> None:
    text = "A video obtained Sunday showed fighting that began late Saturday, after the Jan. 17 raid."
    found = find_dates(text, SUNDAY)
    assert [m.text for m in found] == ["Sunday", "late Saturday", "Jan. 17"]
    assert [m.date for m in found] == [D(2013, 1, 20), D(2013, 1, 19), D(2013, 1, 17)]


def test_never_after_publication() -> None:
    phrases = ("this week", "this month", "in January", "this year", "so far this year", "over the weekend")
    for text in phrases:
        for m in find_dates(f"Fighting continued {text}.", D(2013, 1, 16)):
            assert m.latest is None or m.latest <= D(2013, 1, 16)
            assert m.date is None or m.date <= D(2013, 1, 16)


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("Gunmen attacked the village on Friday night (12 March).", D(2021, 3, 12), 1),
        ("The blast happened in the early hours of Wednesday.", D(2021, 3, 10), 1),
        ("Fighting went on overnight into Thursday.", D(2021, 3, 11), 1),
        ("The raid took place late last week.", D(2021, 3, 5), 2),
        ("Troops were ambushed on the night of 11 March.", D(2021, 3, 11), 1),
    ],
)
def test_news_date_phrases_in_a_sunday_paper(text: str, day: dt.date, precision: int) -> None:
    found = [m for m in find_dates(text, D(2021, 3, 14)) if m.date is not None]
    assert found and all(m.date == day for m in found), found
    assert min(m.time_precision for m in found) == precision
