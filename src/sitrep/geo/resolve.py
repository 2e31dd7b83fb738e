"""Toponym resolution for one spaCy ``Doc``: ``geoparse`` → ``GeoContext`` (``context.py``).

``recognise.py`` finds the spans; here each gets a gazetteer place. Country names resolve to
countries (unless the document's own country has a place of that name it is clearly about:
"Georgia" with Atlanta); other names are ranked by ``rank.py`` (population, feature type, the
document's country and admin1 context, containment "Springfield, Illinois", distance to the
document's other places) in two passes. Names the gazetteer lacks are tied to a place the text
relates them to (``link.py``) at geo_precision 2, as ACLED codes them. Adjectival and embedded
mentions (``mentions.py``) are kept apart. The cue words are the language's
(``sitrep.lang.PlaceWords``): English grammar, not place data.

The default geocoder registers itself here as ``"geo.gazetteer.v1"``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from ..lang import Language, PlaceWords
from ..records import Place, Toponym
from ..registry import register
from .areas import abroad, admin_options, area_word, compass_area, named_region, story_home
from .capitals import admin_capitals, national_capitals
from .context import DATELINE, OWNER, REFERENCE, SPEAKER, GeoContext, TopoInfo, can_place, place_for_span
from .gazetteer import KIND_ALIAS, KIND_ALT, KIND_NAME, Gazetteer, normalize, prior
from .link import PHRASES, link_unknown
from .mentions import MIN_POP, adjective_and_embedded
from .phrases import text_of
from .rank import admin1_shares, names_a_county, score_candidate
from .recognise import Cand, recognise, titled
from .roles import is_border, role_of

__all__ = ["geoparse"]

CAPITAL_OVER_ADMIN1 = 3.0
_OWNED_WITHIN = 5  # tokens after "X's" in which the place X owns must start
BORDER_EVIDENCE = 0.25  # a country named as a border ("near the Niger border") says little of the story


def _score(p: Place, kind: int) -> float:
    """Prior of a candidate (population, feature), less for a match on an alternate name."""
    return prior(p) - (1.0 if kind == KIND_ALT else 0.0)


def _inner_options(c: Cand, gaz: Gazetteer, words: PlaceWords) -> list[tuple[Place, int]]:
    """ "Bamako airport", "Gao military camp", "Plaza Venezuela": the place inside a longer name,
    the longest part first and, among parts as long, one known by its own name before one known by
    an alternate name; never a generic word alone ("Satellite Town")."""
    generic = (
        words.SETTLEMENT_OF | words.REGION_WORDS | words.ADMIN_WORDS | words.FACILITY_WORDS | words.COMPASS
    )
    span = c.span
    for size in range(len(span) - 1, 0, -1):
        alternate: list[tuple[Place, int]] = []
        for i in range(len(span) - size + 1):
            part = span[i : i + size]
            if not titled(part[0]) or all(t.lower_ in generic for t in part):
                continue
            country = gaz.country_by_name(part.text)
            if country is not None:
                return [(country, KIND_ALIAS)]
            options = gaz.candidates(part.text)[:50]
            if any(kind != KIND_ALT for _, kind in options):
                return options
            alternate = alternate or options
        if alternate:
            return alternate
    return []


def _common_word(c: Cand, lower: set[str]) -> bool:
    """A capitalised word the text also writes in lower case ("Police" and "police"): weak evidence
    of a country, whatever town abroad bears the name."""
    return len(c.span) == 1 and c.source == "gazetteer" and c.span[0].lower_ in lower


def _first_pass(cands: list[Cand], gaz: Gazetteer, doc: Doc, lang: Language) -> dict[str, float]:
    """Resolve country names, gather candidates, and count country evidence for the focus."""
    counts: dict[str, float] = defaultdict(float)
    seen: set[str] = set()
    lower = {t.text for t in doc if t.text.islower()}
    words = lang.places
    for c in cands:
        if c.capital is not None:
            continue  # "Chad's capital": resolved once the story's country is known (capitals.py)
        if c.region and c.span.start > 0 and c.start < c.span.start_char:  # "Lower Shabelle" as a whole
            region = named_region(doc[c.span.start - 1 : c.span.end].text, gaz, lang.place_names)
            if region is not None:
                c.span, c.options = doc[c.span.start - 1 : c.span.end], [(region, KIND_NAME)]
                continue
        name = c.span.text
        country = gaz.country_by_name(name)
        admin = admin_options(c, [], gaz, words) if area_word(c) in words.ADMIN_WORDS else []
        if country is not None and not any(p.feature_code in ("ADM1", "ADM2") for p, _ in admin):
            # a country, unless an admin area of the name follows ("Niger State", not "U.S. District")
            c.place, c.how, c.precision, c.score = country, "country", 3, 1.0
            iso = country.country or ""
            if is_border(c.span, words):  # "near the Niger border" is about the other side of it
                counts[iso] += BORDER_EVIDENCE
                continue
            counts[iso] += 0.5 if f"#{iso}" in seen else 1.0  # repeats add less than new names
            seen.add(f"#{iso}")
            continue
        c.options = admin_options(c, gaz.candidates(name)[:50], gaz, words)
        if not c.options and "-" in name:
            c.options = gaz.candidates(name.replace("-", " "))[:50]
        if not c.options and len(c.span) > 1:
            c.options, c.inner = _inner_options(c, gaz, words), True
        if not c.options and c.capital is None:  # "the Darfur region": the areas named after it
            region = named_region(name, gaz, lang.place_names)
            c.options = [(region, KIND_NAME)] if region is not None else []
        key = normalize(name)
        # A town named five times is one piece of evidence; a village only a phrase names is none.
        if c.options and key not in seen and c.source != "phrase":
            seen.add(key)
            top, top_kind = c.options[0]
            rival = max((_score(p, k) for p, k in c.options if p.country != top.country), default=-9.0)
            clear = _score(top, top_kind) - rival >= 1.0 and not _common_word(c, lower)
            counts[top.country or ""] += 1.0 if clear else 0.3
    named = {i for c in cands for i in range(c.span.start, c.span.end)}  # "Saudi" of "Saudi Arabia"
    for tok in doc:
        if tok.i in named:
            continue
        if tok.ent_type_ == "NORP" or (titled(tok) and tok.pos_ in ("ADJ", "PROPN", "NOUN")):
            dem = gaz.country_of_demonym(tok.text) if titled(tok) else None
            if dem:
                counts[dem] += 0.5
    counts.pop("", None)
    return counts


def _containment(cands: list[Cand], k: int, gaz: Gazetteer) -> Place | None:
    """The country/state/admin area right after "X, " that contains X ("Springfield, Illinois")."""
    c = cands[k]
    doc = c.span.doc
    e = c.span.end
    if e + 1 < len(doc) and doc[e].text == ",":
        nxt = doc[e + 1 : min(e + 4, len(doc))]
        for L in range(len(nxt), 0, -1):
            text = nxt[:L].text
            country = gaz.country_by_name(text)
            if country:
                return country
            adm = [p for p, _ in gaz.candidates(text) if p.feature_code == "ADM1"]
            adm += [p for p in gaz.lookup(text, abbreviations=True) if p.feature_code == "ADM1"]
            if adm:
                return adm[0]
    return None


def _choose(
    cands: list[Cand],
    gaz: Gazetteer,
    focus: str | None,
    counts: dict[str, float],
    known: list[Place],
    words: PlaceWords,
) -> None:
    """Pick each toponym's candidate with the ranker (``rank.py``): two passes, the second one
    knowing the first one's choices (their admin1 areas and distances)."""
    inside = [_containment(cands, k, gaz) for k in range(len(cands))]
    shares: dict[tuple[str, str], float] = {}
    for _ in range(2):
        chosen = [
            (c.place, 1.0 if c.how == "country" else max(c.score, 0.3)) for c in cands if c.place is not None
        ]
        if _ > 0:
            shares = admin1_shares([*chosen, *((p, 1.0) for p in known if p.feature_code == "ADM1")])
        for k, c in enumerate(cands):
            if c.how == "country" or not c.options:
                continue
            options = c.options
            if inside[k] is not None:
                box = inside[k]
                assert box is not None
                kept = [
                    (p, kd)
                    for p, kd in options
                    if p.country == box.country and (box.feature_code == "PCLI" or p.admin1 == box.admin1)
                ]
                options = kept or options
            key = normalize(c.span.text)
            others = (
                [
                    o.place
                    for o in cands
                    if o is not c and o.place is not None and normalize(o.span.text) != key
                ]
                if _ > 0
                else []
            )
            best, best_s, second = None, -1e9, -1e9
            # "Washington": a national capital named like a state of its country means the capital
            capitals = {p.country for p, kd in options if p.feature_code == "PPLC" and kd == KIND_NAME}
            word = "" if c.inner else area_word(c)  # "Salinas Valley region" is no Salinas region
            for p, kind in options:
                s = score_candidate(
                    p,
                    kind,
                    county_word=names_a_county(c.span.text, words) or word in words.COUNTY_WORDS,
                    focus=focus,
                    counts=counts,
                    shares=shares,
                    others=others,
                    area_word=c.region and not c.inner,
                    state_word=word in words.ADMIN1_WORDS,
                )
                if p.feature_code == "ADM1" and p.country in capitals and not c.region:
                    s -= CAPITAL_OVER_ADMIN1
                if s > best_s:
                    best, best_s, second = p, s, best_s
                elif s > second:
                    second = s
            assert best is not None
            if abroad(c, best, focus, counts, words):
                c.place, c.options = None, []  # "the city's Madina district" in a Mogadishu story
                continue
            c.place = best
            c.score = round(1.0 / (1.0 + math.exp(-(best_s - second))), 3) if second > -1e9 else 1.0
            if best.feature_code == "ADM2":  # a district: ACLED codes it at precision 2
                c.how, c.precision = "admin2", 2
            elif best.feature_class in ("A", "L"):
                c.how, c.precision = "admin1", 3
            else:
                c.how, c.precision = "gazetteer", 1


def _admin_over_country(
    cands: list[Cand], gaz: Gazetteer, focus: str | None, counts: Mapping[str, float]
) -> None:
    """A country name that is also a place of the document's own country: "Georgia" (the US state)
    in an article about Atlanta, "Palestine" (the Texas town) in a Texan local paper.

    The home-country place wins when another toponym lies in its admin1 area, or, for an admin1
    area, when the document's country is mentioned at least twice as often as the foreign one.
    """
    places = [(o.place, 1.0) for o in cands if o.place is not None and o.how != "country"]
    shares = admin1_shares(places)
    for c in cands:
        if c.how != "country" or c.place is None or not focus or c.place.country == focus:
            continue
        home = [p for p, _ in gaz.candidates(c.span.text) if p.country == focus and p.feature_code != "PCLI"]
        for p in home:
            share = shares.get((p.country or "", p.admin1 or ""), 0.0)
            dominant = counts.get(focus, 0.0) >= 2 * counts.get(c.place.country or "", 0.0)
            if (p.feature_code == "ADM1" and (share > 0 or dominant)) or share >= 0.25:
                c.place = p
                c.how, c.precision = ("admin1", 3) if p.feature_class == "A" else ("gazetteer", 1)
                break


def geoparse(doc: Doc, gaz: Gazetteer, lang: Language) -> GeoContext:
    """Recognise and resolve the toponyms of one parsed document.

    Args:
        doc: a spaCy Doc (NER, tagger and parser expected; works with NER only, less well).
        gaz: an open gazetteer.
        lang: the document's language (its place cue words and news abbreviations).

    Returns:
        The toponyms (resolved where possible), the document's focus country and per-toponym info.
    """
    words = lang.places
    cands = recognise(doc, gaz, lang)
    taken: set[int] = set()
    for c in cands:
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        taken.update(range(span.start, span.end) if span is not None else range(c.span.start, c.span.end))
    extra = tuple(t for t, _ in adjective_and_embedded(doc, gaz, taken, lang))
    counts = _first_pass(cands, gaz, doc, lang)
    top = max(counts.items(), key=lambda kv: (kv[1], kv[0]), default=("", 0.0))
    focus = top[0] if top[1] >= 1.0 else None
    for c in cands:  # "the Central District": the document's country's, now that it is known
        if c.how != "country" and compass_area(c, words):
            c.options = admin_options(c, gaz.candidates(c.span.text)[:50], gaz, words, top[0] or None)
    national_capitals(cands, gaz, focus or top[0] or None)
    _choose(cands, gaz, focus, counts, [t.place for t in extra if t.place is not None], words)
    admin_capitals(cands, gaz, focus)
    _admin_over_country(cands, gaz, focus, counts)
    link_unknown(cands, doc, focus, gaz, words)
    toponyms, info = _toponyms(cands, doc, gaz, words)
    extra = _rerank_mentions(extra, cands, gaz, focus, counts, words)
    filed = [t.place for t in toponyms if t.place and info[t.start].aside == DATELINE]
    home = story_home(
        [(t.name, t.place) for t in toponyms if t.place and can_place(t, info)], focus, gaz, filed[:1]
    )
    if home is not None and home[0].feature_code == "ADM1":  # a name only guessed: in the story's area
        toponyms = [
            Toponym(t.start, t.end, t.name, home[0], t.score) if info[t.start].how == "focus" else t
            for t in toponyms
        ]
    return GeoContext(tuple(toponyms), focus, info, dict(counts), extra, home)


def _toponyms(
    cands: list[Cand], doc: Doc, gaz: Gazetteer, words: PlaceWords
) -> tuple[list[Toponym], dict[int, TopoInfo]]:
    """The resolved candidates as toponyms, with how each was resolved and what role it plays."""
    toponyms, info = [], {}
    roles = {c.start: role_of(c.span, c.start, words) for c in cands if c.how != "drop"}
    for c in cands:
        if c.how == "drop":
            continue
        whole = None  # the area a direction names a part of ("northern Kenya": Kenya)
        directional_town = (
            c.region
            and c.place is not None
            and c.place.feature_class == "P"
            and c.span.start > 0
            and doc[c.span.start - 1].lower_ in words.DIRECTIONS
        )
        if directional_town:
            assert c.place is not None
            c.precision = 1 if c.precision is None else c.precision  # "central Nairobi": in the town itself
        elif c.region and c.place is not None and c.how not in ("focus", "linked"):
            c.precision = 2 if c.place.feature_code == "ADM2" else 3
            before = c.span.start - 1
            if before >= 0 and doc[before].lower_ in words.DIRECTIONS and c.place.feature_class == "A":
                whole, c.place = c.place, gaz.part_of(c.place, doc[before].lower_)
        role = roles[c.start]
        tie = roles.get(c.tied) if c.tied is not None else None
        if (
            tie is not None and tie.aside == REFERENCE
        ):  # "X, 45 km north of Y": the event moves, not X's entry
            role = replace(role, offset=tie.offset)
        owned = (o for o in cands if o.how != "drop" and 0 < o.span.start - c.span.end <= _OWNED_WITHIN)
        if role.aside == OWNER and next(owned, None) is None:
            role = replace(role, aside=None)  # "Kabul's Shia-dominated quarter": no place named after it
        prep = role.prep
        toponyms.append(Toponym(c.start, c.end, text_of(doc)[c.start : c.end], c.place, c.score))
        info[c.start] = TopoInfo(
            c.precision,
            "region" if c.region and c.place and not (c.how == "focus" and c.source in PHRASES) else c.how,
            c.region,
            c.linked_to,
            role.aside == SPEAKER,
            prep,
            c.source,
            at=prep is not None and prep in words.AT_PREPS,
            away=prep is not None and prep in words.ORIGIN_PREPS,
            aside=role.aside,
            offset=role.offset,
            whole=whole if whole is not None and c.place is not whole else None,
        )
    return toponyms, info


def _rerank_mentions(
    extra: tuple[Toponym, ...],
    cands: list[Cand],
    gaz: Gazetteer,
    focus: str | None,
    counts: dict[str, float],
    words: PlaceWords,
) -> tuple[Toponym, ...]:
    """Give names inside organisation names ("New London Police Department") the same context
    ranking as the literal toponyms (the recogniser took the most populous candidate)."""
    placed = [c.place for c in cands if c.place is not None]
    shares = admin1_shares([(p, 1.0) for p in placed])
    out = []
    for t in extra:
        p = t.place
        if p is None or p.feature_code in ("PCLI", "CONT"):
            out.append(t)
            continue
        opts = [
            q
            for q, kind in gaz.candidates(t.name)[:20]
            if kind == 0 and (q.feature_code in ("ADM1", "ADM2") or q.population >= MIN_POP)
        ]
        if len(opts) > 1:
            county = names_a_county(t.name, words)
            kw: dict[str, Any] = {"focus": focus, "counts": counts, "shares": shares, "others": placed}
            best = max(opts, key=lambda q: score_candidate(q, 0, county_word=county, **kw))
            t = Toponym(t.start, t.end, t.name, best, t.score)
        out.append(t)
    return tuple(out)


@register(
    "geo.gazetteer.v1",
    requires=("doc.ents", "doc.sents"),
    assigns=("toponyms", "focus_country"),
)
def gazetteer_geocoder() -> tuple[Callable[..., GeoContext], Callable[..., Any]]:
    """The default geocoder: ``geoparse`` over the local gazetteer, and ``place_for_span``."""
    return geoparse, place_for_span
