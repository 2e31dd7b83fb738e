"""A merged draft coded as ACLED codes it: ``records.Event`` with actor names, inter codes, toll and evidence.

ACLED's conventions applied here: an unnamed armed attacker is an Unidentified Armed Group of
the event's country; demonstrators come first and whoever policed them second; a non-state
takeover is taken from the state's forces; the toll is the conservative one; an event dated
over a month before publication is background, and one older than about 18 months is history,
not news (dropped).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span

from .. import taxonomy as T
from ..lang.readings import Toll
from ..records import Article, Event, Evidence, Source
from ..taxonomy import ARMED_KINDS
from .actors import Actor
from .draft import Draft
from .reading import CountryNames
from .tolls import event_toll
from .when import BACKGROUND_DAYS

STALE_DAYS = 548  # about 18 months: older incidents cited in a story are history, not its news


@dataclass(frozen=True, slots=True)
class Coding:
    """What coding needs beyond the draft: the article, its country, names and the toll reader."""

    article: Article
    names: CountryNames
    focus_country: str | None
    is_update: Callable[[Toll], bool]
    producer: str


def _actors(d: Draft, country: str | None, names: CountryNames) -> tuple[str | None, str | None]:
    """ACLED-like names of both sides (re-casting demonstrations as crowd first, police second)."""
    if d.agent:
        actor1: str | None = d.agent.name(names, country)
    elif country and T.EVENT_TYPES.get(d.sub) in T.VIOLENT_TYPES:
        actor1 = f"Unidentified Armed Group ({names.country_name(country) or country})"
    else:
        actor1 = None
    if d.sub in T.DEMONSTRATIONS - {
        T.MOB_VIOLENCE
    }:  # ACLED: the demonstrators first, who policed them second
        crowd = Actor("rioters" if d.sub == T.VIOLENT_DEMONSTRATION else "protesters")
        police = d.agent if d.agent is not None and d.agent.kind in ARMED_KINDS else d.patient
        actor1 = crowd.name(names, country)
        d.agent, d.patient = crowd, police if police is not None and police.kind in ARMED_KINDS else None
    actor2 = d.patient.name(names, country) if d.patient else None
    if actor2 is None and d.sub == T.NON_STATE_OVERTAKES and country:
        actor2 = f"Military Forces of {names.country_name(country) or country}"
    return actor1, None if actor2 == actor1 else actor2


def _inters(
    d: Draft, country: str | None, actor1: str | None, actor2: str | None
) -> tuple[int | None, int | None]:
    inter1 = d.agent.inter(country) if d.agent else (T.INTER_POLITICAL_MILITIA if actor1 else None)
    if d.patient and actor2:
        inter2: int | None = d.patient.inter(country)
    else:
        inter2 = T.INTER_STATE if actor2 and "Forces of" in actor2 else None
    return inter1, inter2


def _trim_end(text: str, s: Span) -> int:
    end = s.end_char
    while end > s.start_char and text[end - 1].isspace():
        end -= 1
    return end


def code_event(d: Draft, c: Coding) -> Event:
    """The event a merged draft codes."""
    article, published = c.article, c.article.published
    country = d.place.country if d.place else c.focus_country
    actor1, actor2 = _actors(d, country, c.names)
    inter1, inter2 = _inters(d, country, actor1, actor2)
    toll = event_toll(d.tolls, d.later_tolls, c.is_update)
    text = article.text
    evidence = tuple(
        Evidence(text[s.start_char : _trim_end(text, s)], s.start_char, _trim_end(text, s))
        for s in sorted(d.sentences, key=lambda s: s.start_char)
    )
    background = bool(
        published and d.when and d.dated_by_text and (published - d.when) > dt.timedelta(days=BACKGROUND_DAYS)
    )
    conf = d.confidence - (0.25 if d.hedged else 0.0) - (0.1 if d.place is None else 0.0)
    conf -= 0.3 if background else 0.0
    conf += 0.05 * min(len(d.sentences) - 1, 3)
    place = d.place
    return Event(
        doc_id=article.doc_id,
        event_type=T.EVENT_TYPES[d.sub],
        sub_event_type=d.sub,
        evidence=evidence,
        source=Source(article.doc_id, article.url, article.title, article.published),
        date=d.when,
        time_precision=d.time_precision if d.when else 3,
        location=place.name if place else None,
        admin1=place.admin1 if place else None,
        country=country,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geonameid=place.geonameid if place else None,
        geo_precision=d.geo_precision if place else None,
        actor1=actor1,
        actor2=actor2,
        fatalities=toll.best if toll else None,
        fatalities_low=toll.low if toll else None,
        fatalities_high=toll.high if toll else None,
        inter1=inter1,
        inter2=inter2,
        plover_type=T.PLOVER.get(d.sub),
        confidence=max(0.05, min(0.99, conf)),
        hedged=d.hedged,
        background=background,
        place_name=d.place_name,
        producer=c.producer,
    )


def stale(e: Event, published: dt.date | None) -> bool:
    """A background reference older than about 18 months (kept only when it is the news itself)."""
    return bool(e.background and published and e.date and (published - e.date).days > STALE_DAYS)
