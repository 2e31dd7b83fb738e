"""Publication date: datelines at the start of a story, and the precedence of date sources."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.clean import clean_document
from sitrep.clean.published import choose_published, dateline_date
from sitrep.lang import load
from sitrep.records import Article, RawDocument
from sitrep.settings import Settings

EN = load("en")

STORY = "Gunmen attacked a village near Gao on Sunday, killing three people, residents said."
D = date(2013, 1, 20)


@pytest.mark.parametrize(
    "text",
    [
        f"BAMAKO, Mali (AP) — Jan. 20, 2013 — {STORY}",
        f"20 January 2013 — {STORY}",
        f"Sunday, January 20, 2013\n\n{STORY}",
        f"Sun 20th of January 2013: {STORY}",
        f"Published: January 20, 2013 9:40 a.m.\n\n{STORY}",
        f"Posted on Jan 20, 2013 at 10:05\n\n{STORY}",
        f"2013-01-20 — {STORY}",
        f"By Awa Traoré\nThe Sahel Courier\nSunday, 20 January 2013\n\n{STORY}",
        f"Updated Jan. 22, 2013\nJan. 20, 2013\n\n{STORY}",  # "updated" is not the publication date
        f"GAO, Mali — Jan 20th, 2013 - {STORY}",
    ],
)
def test_datelines(text: str) -> None:
    assert dateline_date(text, EN) == D


@pytest.mark.parametrize(
    "text",
    [
        STORY,
        f"GAO, Mali — {STORY}",
        "A French armoured vehicle near the front line in Bamako, Mali, Jan. 19, 2013. Though the army...",
        f"{STORY}\n\nThe attack came three days after a similar raid on January 17, 2013.",
        f"January 20, 2013 was the worst day of the offensive. {STORY}",  # a date in a sentence
        f"Feb. 30, 2013 — {STORY}",  # not a real date
        "x\n" * 5 + "January 20, 2013 — too deep",
    ],
)
def test_no_dateline(text: str) -> None:
    assert dateline_date(text, EN) is None


def test_abbreviated_months() -> None:
    assert dateline_date(f"Sept. 3, 2019: {STORY}", EN) == date(2019, 9, 3)
    assert dateline_date(f"3 Sep 2019 - {STORY}", EN) == date(2019, 9, 3)


def test_precedence() -> None:
    g, d, h, t = date(2013, 1, 1), date(2013, 1, 2), date(2013, 1, 3), date(2013, 1, 4)
    assert choose_published(g, d, h, t) == (g, "given")
    assert choose_published(None, d, h, t) == (d, "document")
    assert choose_published(None, None, h, t) == (h, "html-metadata")
    assert choose_published(None, None, None, t) == (t, "dateline")
    assert choose_published(None, None, None, None) == (None, None)


def _clean(text: str, settings: Settings, published: date | None = None) -> Article:
    raw = RawDocument(
        doc_id="d", origin="d.txt", media_type="text", content=text.encode(), published=published
    )
    out = clean_document(raw, settings, EN)
    assert isinstance(out, Article), out
    return out


def test_precedence_in_clean_document() -> None:
    text = f"BAMAKO, Mali (AP) — Jan. 20, 2013 — {STORY}"
    a = _clean(text, Settings())
    assert (a.published, a.published_basis) == (D, "dateline")
    a = _clean(text, Settings(), published=date(2013, 1, 21))
    assert (a.published, a.published_basis) == (date(2013, 1, 21), "document")
    a = _clean(text, Settings(published=date(2013, 1, 22)), published=date(2013, 1, 21))
    assert (a.published, a.published_basis) == (date(2013, 1, 22), "given")
    a = _clean(STORY, Settings())
    assert (a.published, a.published_basis) == (None, None)
