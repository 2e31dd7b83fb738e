"""Toponym resolution for one spaCy ``Doc``, and the choice of an event's place.

``recognise.py`` finds the spans; here each gets a gazetteer place. Country names resolve to
countries (unless the document's own country has a place of that name it is clearly about:
"Georgia" with Atlanta); other names are ranked by ``rank.py`` (population, feature type, the
document's country and admin1 context, containment "Springfield, Illinois", distance to the
document's other places) in two passes. Names the gazetteer lacks are tied to a place the text
relates them to ("X near Y", "X in the Y region", "the nearby town of Y") at geo_precision 2, as
ACLED codes them. Adjectival and embedded mentions (``mentions.py``) are kept apart. The cue words
(``lexicon.py``) are hand-written because they are English grammar, not place data.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..records import Place, Toponym
from .gazetteer import KIND_ALIAS, KIND_ALT, KIND_NAME, Gazetteer, normalize, prior
from .lexicon import (
    AT_PREPS,
    COMMUNICATION,
    DIRECTIONS,
    LEADING_DROP,
    LINK_CUES,
    LINK_NOUNS,
    LINK_VERBS,
    NEARBY,
    SETTLEMENT,
)
from .mentions import MIN_POP, adjective_and_embedded
from .rank import admin1_shares, score_candidate
from .recognise import Cand, recognise, titled

__all__ = ["GeoContext", "TopoInfo", "geoparse", "place_for_span"]

CAPITAL_OVER_ADMIN1 = 3.0

_PARA = re.compile(r"\n\s*")


@dataclass(frozen=True, slots=True)
class TopoInfo:
    """How one toponym was resolved and what it means for choosing an event location."""

    precision: int | None  # 1 the named town, 2 tied to a nearby town, 3 region/country; None unresolved
    how: str  # "gazetteer", "country", "admin1", "region", "linked", "focus", "unresolved"
    region: bool = False  # "northern Mali", "the Y region": an area, not a point
    linked_to: str | None = None  # the name (as written) of the place it was tied to
    origin: bool = False  # "speaking from Paris": where someone spoke from, not where it happened
    prep: str | None = None  # the preposition right before it ("in", "near", "from")
    source: str = "ner"  # "ner" (spaCy span) or "gazetteer" (capitalised run found in the gazetteer)


@dataclass(frozen=True, slots=True)
class GeoContext:
    """Every toponym of one document, the document's main country, and per-toponym details."""

    toponyms: tuple[Toponym, ...]
    focus_country: str | None
    info: Mapping[int, TopoInfo] = field(default_factory=dict)  # keyed by Toponym.start
    country_counts: Mapping[str, float] = field(default_factory=dict)
    # Adjectival and embedded mentions ("Russian officials", "Air Zimbabwe"): toponyms by the
    # GeoWebNews guidelines, never event locations (see mentions.py).
    mentions: tuple[Toponym, ...] = ()


def _score(p: Place, kind: int) -> float:
    """Prior of a candidate (population, feature), less for a match on an alternate name."""
    return prior(p) - (1.0 if kind == KIND_ALT else 0.0)


def _first_pass(cands: list[Cand], gaz: Gazetteer, doc: Doc) -> dict[str, float]:
    """Resolve country names, gather candidates, and count country evidence for the focus."""
    counts: dict[str, float] = defaultdict(float)
    seen: set[str] = set()
    for c in cands:
        name = c.span.text
        country = gaz.country_by_name(name)
        if country is not None:
            c.place, c.how, c.precision, c.score = country, "country", 3, 1.0
            iso = country.country or ""
            counts[iso] += 0.5 if f"#{iso}" in seen else 1.0  # repeats add less than new names
            seen.add(f"#{iso}")
            continue
        c.options = gaz.candidates(name)[:50]
        if not c.options and "-" in name:
            c.options = gaz.candidates(name.replace("-", " "))[:50]
        if not c.options and len(c.span) > 1:  # "Bamako airport", "Gao military camp": the town in it
            subs = sorted(
                (
                    (i, j)
                    for i in range(len(c.span))
                    for j in range(i + 1, len(c.span) + 1)
                    if j - i < len(c.span) and titled(c.span[i])
                ),
                key=lambda ij: ij[0] - ij[1],
            )
            for i, j in subs:
                sub = c.span[i:j].text
                country = gaz.country_by_name(sub)
                c.options = [(country, KIND_ALIAS)] if country else gaz.candidates(sub)[:50]
                if c.options:
                    break
        key = normalize(name)
        if c.options and key not in seen:  # a town named five times is one piece of evidence
            seen.add(key)
            top, top_kind = c.options[0]
            rival = max((_score(p, k) for p, k in c.options if p.country != top.country), default=-9.0)
            counts[top.country or ""] += 1.0 if _score(top, top_kind) - rival >= 1.0 else 0.3
    for tok in doc:
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
    cands: list[Cand], gaz: Gazetteer, focus: str | None, counts: dict[str, float], known: list[Place]
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
            for p, kind in options:
                s = score_candidate(
                    p,
                    kind,
                    text=c.span.text,
                    focus=focus,
                    counts=counts,
                    shares=shares,
                    others=others,
                    area_word=c.region,
                )
                if p.feature_code == "ADM1" and p.country in capitals and not c.region:
                    s -= CAPITAL_OVER_ADMIN1
                if s > best_s:
                    best, best_s, second = p, s, best_s
                elif s > second:
                    second = s
            assert best is not None
            c.place = best
            c.score = round(1.0 / (1.0 + math.exp(-(best_s - second))), 3) if second > -1e9 else 1.0
            if best.feature_class in ("A", "L"):
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


def _sentence_ids(doc: Doc) -> list[int]:
    """Sentence index of each token (one sentence when the doc has no boundaries)."""
    ids = [0] * len(doc)
    if doc.has_annotation("SENT_START"):
        for n, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                ids[i] = n
    return ids


def _link(cands: list[Cand], doc: Doc, focus: str | None, gaz: Gazetteer) -> None:
    """Tie names the gazetteer lacks (or resolves far off) to a place the text relates them to."""
    sent = _sentence_ids(doc)
    breaks = [m.start() for m in _PARA.finditer(doc.text)]
    para = [bisect.bisect(breaks, c.start) for c in cands]
    anchors: list[int] = []  # "the nearby town of Y" → index of Y
    for k, c in enumerate(cands):
        s = c.span.start
        if (
            c.place is not None
            and c.how == "gazetteer"
            and s >= 3
            and doc[s - 1].lower_ == "of"
            and (
                doc[s - 2].lower_ in SETTLEMENT
                and any(t.lower_ in NEARBY for t in doc[max(0, s - 5) : s - 2])
            )
        ):
            anchors.append(k)
    for k, c in enumerate(cands):
        # A small namesake abroad while the text is about another country: trust a tie in the text more.
        far = (
            c.place is not None
            and c.how == "gazetteer"
            and c.place.country != focus
            and focus is not None
            and (c.place.population < 100_000 or normalize(c.span.text) != normalize(c.place.name))
        )  # a big city abroad only counts as "far" when it matched through an alternate name
        weak = far and c.source == "gazetteer"
        if c.place is not None and not far:
            continue
        target = _linked_after(cands, k, doc, sent)
        if target is not None and weak and cands[target].precision != 1:
            target = None  # a word that is also a far-off hamlet needs a town, not a country, to tie it
        if target is None:
            same = [
                a
                for a in anchors
                if a != k and para[a] == para[k] and sent[cands[a].span.start] == sent[c.span.start]
            ]
            near = [a for a in anchors if a != k and para[a] == para[k]]
            target = (same or near or [None])[0]  # type: ignore[list-item]
        if target is None and weak:
            c.place, c.how, c.precision = None, "drop", None  # a person or word that is also a far-off hamlet
            continue
        if target is None and far:
            continue  # named by spaCy and in the gazetteer: keep the namesake
        if target is not None:
            y = cands[target]
            assert y.place is not None
            c.place, c.how, c.linked_to, c.score = y.place, "linked", doc.text[y.start : y.end], 0.5
            c.precision = 3 if y.precision == 3 else 2
    linked = {normalize(c.span.text): c for c in cands if c.how == "linked"}
    for c in cands:  # one sense per discourse: "X" tied once is tied everywhere
        if c.place is None and c.how != "drop":
            tied = linked.get(normalize(c.span.text))
            if tied is not None:
                c.place, c.how, c.precision = tied.place, "linked", tied.precision
                c.linked_to, c.score = tied.linked_to, 0.5
            elif focus is not None:
                c.place, c.how, c.precision, c.score = gaz.country(focus), "focus", 3, 0.2
                if c.place is None:
                    c.how, c.precision = "unresolved", None


def _linked_after(cands: list[Cand], k: int, doc: Doc, sent: list[int]) -> int | None:
    """ "X near Y", "X, 20 km north of Y", "X in the Y region", "X, a town in Y" → index of Y."""
    c = cands[k]
    for m in range(k + 1, min(k + 3, len(cands))):
        y = cands[m]
        if y.place is None or y.how in ("linked", "focus") or sent[y.span.start] != sent[c.span.start]:
            continue
        between = doc[c.span.end : y.span.start]
        if len(between) > 10 or len(between) == 0:
            return None
        words = {t.lower_ for t in between}
        if "\n" in between.text:
            return None
        if words & {"and", "or", "but", "while", "whereas", ";"}:
            return None
        if any(t.pos_ == "VERB" and _lemma(t) not in LINK_VERBS for t in between):
            return None
        if any(
            t.pos_ in ("NOUN", "PROPN")
            and t.lower_ not in LINK_NOUNS
            and t.dep_ not in ("compound", "amod", "nmod")
            for t in between
        ):
            return None  # "X, a spokesman in Y": an apposition about something else
        if words & LINK_CUES:
            return m
        return None
    return None


_IRREGULAR = {
    "said": "say",
    "told": "tell",
    "spoke": "speak",
    "spoken": "speak",
    "wrote": "write",
    "written": "write",
    "lay": "lie",
    "lain": "lie",
    "sat": "sit",
}


def _lemma(tok: Token) -> str:
    """The token's lemma; without a lemmatizer (``sitrep geoparse`` runs without one, for speed),
    a verb's base form by stripping its inflection ("located" → "locate", "tweeted" → "tweet")."""
    if tok.lemma_:
        return tok.lemma_
    w = tok.lower_
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            stem = w[: -len(suffix)] + repl
            return stem + "e" if stem + "e" in _E_STEMS else stem
    return w


_E_STEMS = frozenset(
    {"locate", "situate", "state", "declare", "quote", "announce", "write", "phone", "telephone"}
)


def _flags(c: Cand) -> tuple[str | None, bool]:
    """The preposition before a toponym, and whether it is a speaker's origin ("speaking from X")."""
    doc = c.span.doc
    i = c.span.start - 1
    while i >= 0 and (doc[i].lower_ in LEADING_DROP or doc[i].lower_ in DIRECTIONS):
        i -= 1
    if i < 0 or doc[i].pos_ not in ("ADP", "SCONJ"):
        return None, False
    prep = doc[i].lower_
    origin = False
    if prep == "from":
        head = doc[i].head
        sent = doc[i].sent if doc.has_annotation("SENT_START") else doc[:]
        origin = _lemma(head) in COMMUNICATION or any(
            _lemma(t) in COMMUNICATION and t.pos_ == "VERB" and abs(t.i - i) <= 6 for t in sent
        )
    return prep, origin


def geoparse(doc: Doc, gaz: Gazetteer) -> GeoContext:
    """Recognise and resolve the toponyms of one parsed document.

    Args:
        doc: a spaCy Doc (NER, tagger and parser expected; works with NER only, less well).
        gaz: an open gazetteer.

    Returns:
        The toponyms (resolved where possible), the document's focus country and per-toponym info.
    """
    cands = recognise(doc, gaz)
    taken: set[int] = set()
    for c in cands:
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        taken.update(range(span.start, span.end) if span is not None else range(c.span.start, c.span.end))
    extra = tuple(t for t, _ in adjective_and_embedded(doc, gaz, taken))
    counts = _first_pass(cands, gaz, doc)
    top = max(counts.items(), key=lambda kv: (kv[1], kv[0]), default=("", 0.0))
    focus = top[0] if top[1] >= 1.0 else None
    _choose(cands, gaz, focus, counts, [t.place for t in extra if t.place is not None])
    _admin_over_country(cands, gaz, focus, counts)
    _link(cands, doc, focus, gaz)
    toponyms, info = [], {}
    for c in cands:
        if c.how == "drop":
            continue
        directional_town = (
            c.region
            and c.place is not None
            and c.place.feature_class == "P"
            and c.span.start > 0
            and doc[c.span.start - 1].lower_ in DIRECTIONS
        )
        if directional_town:
            assert c.place is not None
            c.precision = 1 if c.precision is None else c.precision  # "central Nairobi": in the town itself
        elif c.region and c.place is not None and c.how != "focus":
            c.precision = 3
            before = c.span.start - 1
            if before >= 0 and doc[before].lower_ in DIRECTIONS and c.place.feature_class == "A":
                c.place = gaz.part_of(c.place, doc[before].lower_)
        prep, origin = _flags(c)
        toponyms.append(Toponym(c.start, c.end, doc.text[c.start : c.end], c.place, c.score))
        info[c.start] = TopoInfo(
            c.precision,
            "region" if c.region and c.place else c.how,
            c.region,
            c.linked_to,
            origin,
            prep,
            c.source,
        )
    extra = _rerank_mentions(extra, cands, gaz, focus, counts)
    return GeoContext(tuple(toponyms), focus, info, dict(counts), extra)


def _rerank_mentions(
    extra: tuple[Toponym, ...],
    cands: list[Cand],
    gaz: Gazetteer,
    focus: str | None,
    counts: dict[str, float],
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
            kw = {"text": t.name, "focus": focus, "counts": counts, "shares": shares, "others": placed}
            best = max(opts, key=lambda q: score_candidate(q, 0, **kw))  # type: ignore[arg-type]
            t = Toponym(t.start, t.end, t.name, best, t.score)
        out.append(t)
    return tuple(out)


def place_for_span(
    ctx: GeoContext, start: int, end: int, *, anchor: int | None = None
) -> tuple[Place, int, str] | None:
    """The place of an event whose evidence is ``text[start:end]``.

    Args:
        ctx: the document's GeoContext.
        start: evidence start (char offset).
        end: evidence end (char offset).
        anchor: the trigger's char offset; the nearest toponym wins among equals.

    Returns:
        (place, geo_precision 1-3, the place name as written), or None when the span has no
        usable toponym (the caller then looks at the previous sentence or paragraph).
    """
    best: tuple[tuple[int, int, int, int], Toponym, int] | None = None
    mid = anchor if anchor is not None else (start + end) // 2
    for t in ctx.toponyms:
        if t.start < start or t.end > end or t.place is None:
            continue
        info = ctx.info.get(t.start)
        if info is None or info.precision is None or info.origin:
            continue
        key = (
            1 if info.prep == "from" else 0,
            1 if info.precision == 3 else 0,
            0 if info.prep in AT_PREPS else 1,
            abs(t.start - mid),
        )
        if best is None or key < best[0]:
            best = (key, t, info.precision)
    if best is None:
        return None
    _, topo, precision = best
    assert topo.place is not None
    return topo.place, precision, topo.name
