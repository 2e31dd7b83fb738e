"""How English news dates a story at its top (``sitrep.lang.Datelines``): regular-expression pieces.

``clean/published.py`` joins them with the month and weekday names of ``calendar.py`` into the
dateline pattern ("BAMAKO, Mali (AP) — Jan. 20, 2013", "Published on 20th of January 2013").
"""

from __future__ import annotations

from typing import Final

PUBLISHED_LABEL: Final = r"(?:first\s+)?(?:published|posted)(?:\s+on)?"  # before the date
UPDATED_LABEL: Final = r"(?:last\s+)?(?:updated|modified|edited)"  # a line so headed is not the date
ORDINAL_SUFFIX: Final = r"(?:st|nd|rd|th)"  # after the day: "20th"
DAY_OF: Final = r"of"  # between day and month: "20th of January"
TIME_AFTER: Final = r"at\b|\d{1,2}\s*[ap]\.?m\b"  # a time after the date: "at 10:30", "9 a.m."
