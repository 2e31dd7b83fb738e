"""A made-up stream of reports for the dedup tests (no NLP): ``corpus(seed)`` → pipeline Results.

A few happenings in Mali, each told by several outlets over a few days: tolls that rise from
report to report, wire copies (identical, or updated with a new toll), country-level reports
("fighting in Mali"), and look-alikes (the same type on the same day in another town). Used by
the property test and by ``tests/kill_driver.py``, which a test kills with SIGKILL.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from conftest import Place6, article, event, words
from sitrep.records import Article, Event, Result, Source

TOWNS: list[Place6] = [
    ("Niono", "Ségou", "ML", 14.2505, -5.9868, 1),
    ("Markala", "Ségou", "ML", 13.6843, -6.0735, 1),  # 63 km from Niono: a look-alike's town
    ("Diabaly", "Ségou", "ML", 14.6873, -6.0140, 1),
    ("Gao", "Gao", "ML", 16.2717, -0.0447, 1),
    ("Sévaré", "Mopti", "ML", 14.5333, -4.0833, 2),
]
MALI: Place6 = ("Mali", None, "ML", 17.0, -4.0, 3)
SEGOU: Place6 = ("Ségou", "Ségou", "ML", 13.43, -6.26, 3)
KINDS = [
    ("Armed clash", "Battles"),
    ("Attack", "Violence against civilians"),
    ("Air/drone strike", "Explosions/Remote violence"),
]
ACTORS = [
    ("Military Forces of Mali", "JNIM"),
    ("Unidentified Armed Group (Mali)", "Civilians (Mali)"),
    ("Military Forces of France", "JNIM"),
]
START = date(2024, 3, 1)


def corpus(seed: int, n: int = 24) -> list[Result]:
    """``n`` reports (with copies among them) on a handful of happenings, deterministic per seed."""
    rng = random.Random(seed)
    happenings = [
        (rng.choice(KINDS), rng.choice(TOWNS), START + timedelta(days=rng.randrange(4)), rng.choice(ACTORS))
        for _ in range(5)
    ]
    out: list[Result] = []
    tolls: dict[int, int] = {}
    for i in range(n):
        doc = f"outlet-{rng.randrange(4)}/story-{i}"
        roll = rng.random()
        if out and roll < 0.1:  # an identical copy of an earlier report, the same day
            src = rng.choice(out)
            assert src.article is not None
            a = article(doc, src.article.text, src.article.published, f"https://copy.example/{i}")
            out.append(Result(doc, a, tuple(_retold(a, e) for e in src.events)))
            continue
        h = rng.randrange(len(happenings))
        (sub, etype), town, day, actors = happenings[h]
        tolls[h] = tolls.get(h, rng.randrange(1, 5)) + rng.randrange(0, 3)
        published = day + timedelta(days=rng.randrange(3))
        place = rng.choice([MALI, SEGOU]) if rng.random() < 0.2 else town
        text = f"Report {i} from {doc}. " + words(f"{seed}-{i}", 60)
        if out and roll < 0.25:  # an updated wire story: an earlier text with a new toll line
            src = rng.choice(out)
            assert src.article is not None
            text = src.article.text + f" Update: the toll rose to {tolls[h]}."
        a = article(doc, text, published, f"https://{doc.split('/')[0]}.example/{i}")
        evs = [event(a, sub, etype, day, place, actors, tolls[h], 0)]
        if rng.random() < 0.3:  # a look-alike in another town the same day, or a second happening
            (sub2, etype2), town2, day2, actors2 = happenings[rng.randrange(len(happenings))]
            evs.append(event(a, sub2, etype2, day2, rng.choice(TOWNS), actors2, None, 1))
        out.append(Result(doc, a, tuple(evs)))
    return out


def _retold(a: Article, e: Event) -> Event:
    """The event as the copy ``a`` tells it (the same fields, its own document)."""
    return replace(e, doc_id=a.doc_id, source=Source(a.doc_id, a.url, a.title, a.published))
