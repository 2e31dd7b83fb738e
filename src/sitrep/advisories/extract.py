"""Advisories, drawdowns and threats an article states, read by rules from its parse.

Three readings, each of one sentence's parse (``words`` holds the English words):

- advice: a directive verb ("urges", "advises", "told") over leaving or travel advice ("to get
  out", "against all travel", "not to travel", "to reconsider travel"), by a government named as
  the speaker ("the State Department") or, when the speaker is a generic one ("the federal
  government"), by the government of the citizens it addresses ("Canadians");
- drawdown: an embassy's staff evacuated, withdrawn or relocated, or an embassy closed;
- threat: a danger noun ("threat", "risk") of a hazard with a US indicator letter ("of terrorism,
  banditry and kidnapping"), in a region ("the northern region" of the article's country,
  "northern Mali", "the Mopti region") or, without one, the whole country.

Precision first: a negated, conditional, future or merely possible statement gives nothing, and
so does anything whose issuer or country cannot be told. A drawdown the same article pairs with
an advice of the same government for the same country is folded into that advice record
(``drawdown``), so an evacuation story gives one record. Places come from the geo stage's
toponyms; a part of a country by direction becomes the admin1 areas in that part
(``Gazetteer.admin1_in_part``).

The levels and hazards are read in ``grade``; the sentences' findings become records in
``records``. Hand-written: no library reads government travel advice out of news text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from spacy.tokens import Span, Token

from ..geo import Gazetteer, GeoContext
from ..lang import ModalityWords
from ..records import Advisory, Article, Place
from . import words as W
from .grade import grade, hazards, is_country, middle, orders_departure, stated
from .records import Area, Found, records

GOVERNORS = 4  # heads climbed when asking whether a statement is real
UNREAL_HEADS = frozenset(
    {
        "consider",
        "plan",
        "weigh",
        "discuss",
        "propose",
        "deny",
        "reject",
        "refute",
        "intend",
        "expect",
        "hope",
    }
)


def extract_advisories(
    article: Article, doc: Any, ctx: GeoContext, gazetteer: Gazetteer, modality: ModalityWords
) -> tuple[Advisory, ...]:
    """The advisories, drawdowns and threats the article states (see the module docstring).

    Args:
        article: the cleaned article (its text is the parse's).
        doc: the spaCy parse of ``article.text``.
        ctx: the geo stage's toponyms of the document.
        gazetteer: for country names, demonyms and parts of countries.
        modality: the language's modality words (negations, conditions, futures).

    Returns:
        The records, advice first, then drawdowns and threats, in text order.
    """
    read = _Reading(ctx, gazetteer, modality)
    advice: list[Found] = []
    drawdowns: list[Found] = []
    threats: list[Found] = []
    for sent in doc.sents:
        for tok in sent:
            if tok.pos_ == "VERB" and tok.lemma_.lower() in W.DIRECTIVE_VERBS:
                advice += read.advice(tok, sent)
            if tok.pos_ == "VERB" and (tok.lemma_.lower() in W.DRAWDOWN_VERBS or orders_departure(tok)):
                drawdowns += read.drawdown(tok, sent)
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in W.THREAT_NOUNS:
                threats += read.threat(tok, sent, advice)
        read.remember(sent)
    return tuple(records(article, advice, drawdowns, threats))


class _Reading:
    """The rules over one document, with what it remembers of the sentences read so far."""

    def __init__(self, ctx: GeoContext, gazetteer: Gazetteer, modality: ModalityWords) -> None:
        self.ctx = ctx
        self.gaz = gazetteer
        self.m = modality
        self.last_country: str | None = None  # the last country the text named

    # -- places ------------------------------------------------------------------------------

    def places(self, start: int, end: int) -> list[Place]:
        """The resolved places the geo stage found between two character offsets, in text order."""
        found = [
            t.place
            for t in sorted((*self.ctx.toponyms, *self.ctx.mentions), key=lambda t: t.start)
            if t.place is not None and start <= t.start < end
        ]
        return [p for p in found if p.country]

    def whole_of(self, place: Place, start: int, end: int) -> Place | None:
        """The whole area of a part the geo stage read ("northern Nigeria": Nigeria), if any."""
        for t in self.ctx.toponyms:
            info = self.ctx.info.get(t.start)
            if t.place is place and start <= t.start < end and info is not None and info.region:
                return info.whole
        return None

    def countries_named(self, toks: Iterable[Token]) -> list[str]:
        """Countries named by proper nouns the geo stage left alone ("Niger" in a short text)."""
        out = []
        for tok in toks:
            if tok.pos_ == "PROPN" and tok.dep_ != "compound":
                name = " ".join(t.text for t in tok.subtree if t.pos_ == "PROPN")
                place = self.gaz.country_by_name(name) or self.gaz.country_by_name(tok.text)
                if place is not None and place.country:
                    out.append(place.country)
        return out

    def remember(self, sent: Span) -> None:
        """Keep the last country the sentence names as a place (what "the country" refers to)."""
        for t in self.ctx.toponyms:
            p = t.place
            if p is not None and sent.start_char <= t.start < sent.end_char and is_country(p) and p.country:
                self.last_country = p.country

    def area_of(self, place: Place) -> Area:
        """The area a resolved place stands for: a country, an admin1 area, or a town's area."""
        if place.feature_code and place.feature_code.startswith("PCL"):
            return Area(place.country or "", point=place)
        key = self.gaz.admin1_key(place)
        if place.feature_code == "ADM1" and key:
            return Area(place.country or "", ((key, place.admin1 or place.name),), place.name, place)
        if key:
            return Area(place.country or "", ((key, place.admin1 or ""),), place.name, place)
        return Area(place.country or "", (), place.name, place)

    def part_area(self, country: str, direction: str, region: str) -> Area | None:
        """The part of a country a direction names, as its admin1 areas."""
        whole = self.gaz.country(country)
        if whole is None:
            return None
        areas = self.gaz.admin1_in_part(country, direction)
        point = self.gaz.part_of(whole, direction)
        return Area(country, tuple((k, p.admin1 or p.name) for k, p in areas), region, point)

    def context_country(self, sent: Span, issuer: str | None, told: str | None = None) -> str | None:
        """The country "the country", "there" or an unnamed region refers to: one the sentence
        names, else the country of the article's advice (``told``), else the last one named."""
        here = [
            t.place.country
            for t in self.ctx.toponyms
            if t.place and sent.start_char <= t.start < sent.end_char
        ]
        for c in [*here, told, self.last_country]:
            if c and c != issuer:
                return c
        focus = self.ctx.focus_country
        return focus if focus and focus != issuer else None

    # -- who ---------------------------------------------------------------------------------

    def issuer(self, subj: Token | None) -> str | None:
        """ISO2 of the government a subject names, "" for a generic one, None for anyone else."""
        if subj is None:
            return None
        toks = list(subj.subtree)
        text = " ".join(t.lower_ for t in toks)
        for office, iso in W.OFFICES.items():
            if f" {office} " in f" {text} ":
                return iso
        for tok in toks:
            if tok.pos_ in ("PROPN", "ADJ", "NOUN") and tok.text[:1].isupper():
                demonym = self.gaz.country_of_demonym(tok.text) if tok.tag_ in ("JJ", "NNP") else None
                place = self.gaz.country_by_name(tok.text)
                if demonym or (place is not None and place.country):
                    return demonym or (place.country if place else None)
        if any(t.lemma_.lower() in W.GOVERNMENT_NOUNS for t in toks) or "foreign affairs" in text:
            return ""
        return None

    def citizens(self, tok: Token) -> str | None:
        """ISO2 of the people a noun names ("Canadians", "British nationals", "US citizens")."""
        if tok.tag_ in ("NNPS", "NNS") and tok.text[:1].isupper():
            iso = self.gaz.country_of_demonym(tok.text)
            if iso:
                return iso
        if tok.lemma_.lower() in W.CITIZEN_NOUNS:
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod"):
                    iso = self.gaz.country_of_demonym(c.text)
                    place = None if iso else self.gaz.country_by_name(c.text)
                    if iso or (place is not None and place.country):
                        return iso or (place.country if place else None)
            if any(c.dep_ == "poss" for c in tok.children):
                return ""  # "its citizens": the speaker's own
        return None

    def unreal(self, tok: Token) -> bool:
        """Negated, conditional, future, possible, or only considered: not a statement of fact."""
        node, steps = tok, 0
        while True:
            for c in node.children:
                if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == self.m.NO_DETERMINER and node is tok):
                    return True
                if c.dep_ == "aux" and c.lower_ in self.m.FUTURE_AUX | self.m.POSSIBILITY_AUX:
                    return True
                if c.dep_ == "mark" and c.lower_ in self.m.GOVERNING_CONDITIONS | {"whether"}:
                    return True
            if node is not tok and node.lemma_.lower() in UNREAL_HEADS:
                return True
            if node.head.i == node.i or steps >= GOVERNORS:
                return False
            node, steps = node.head, steps + 1

    def speaker(self, tok: Token) -> Token | None:
        """The subject of the verb saying or directing ``tok``'s clause (``tok`` itself first)."""
        node, steps = tok, 0
        while steps <= GOVERNORS:
            subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if (
                subj is not None
                and node.pos_ in ("VERB", "AUX")
                and (node is tok or node.lemma_.lower() in W.SAYING_VERBS | W.DIRECTIVE_VERBS)
            ):
                return subj
            if node.dep_ == "conj" and node.head.pos_ in ("VERB", "AUX"):
                node = node.head  # "has evacuated ... and is urging": the first verb's subject
                continue
            if node.head.i == node.i:
                return None
            node, steps = node.head, steps + 1
        return None

    # -- the three readings ------------------------------------------------------------------

    def advice(self, verb: Token, sent: Span) -> list[Found]:
        """Travel advice under a directive verb, when its issuer and country can be told."""
        if self.unreal(verb):
            return []
        graded = grade(verb)
        if graded is None:
            return []
        level, label, action = graded
        told = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        told += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" for g in c.children]
        if any(t.lemma_.lower() in W.STAFF_NOUNS for t in told):
            return []  # staff ordered out: a drawdown, read as one
        people = next((iso for t in told if (iso := self.citizens(t)) is not None), None)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) or self.speaker(verb)
        said = self.issuer(subj)
        issuer = said or people or None
        if not issuer:
            return []
        area = self.destination(action, sent, issuer, subj)
        if area is None or area.country == issuer:
            return []
        reasons = {  # "due to crime, terrorism and kidnapping", "citing the risk of kidnapping"
            W.HAZARDS[t.lemma_.lower()]
            for cue in sent
            if cue.lower_ in W.REASON_CUES
            for t in cue.subtree
            if t.lemma_.lower() in W.HAZARDS
        }
        return [Found("advisory", issuer, area, level, label, threats=reasons, evidence=[sent])]

    def destination(self, action: Token, sent: Span, issuer: str, subj: Token | None) -> Area | None:
        """Where the advice sends people from or away from."""
        toks = [t for t in action.subtree]
        if toks:
            places = self.places(toks[0].idx, toks[-1].idx + len(toks[-1]))
            sides = {W.DIRECTIONS[t.lower_] for t in toks if t.lower_ in W.DIRECTIONS}
            whole = self.whole_of(places[0], toks[0].idx, toks[-1].idx + len(toks[-1])) if places else None
            national = bool(places) and (is_country(places[0]) or (whole is not None and is_country(whole)))
            if national and len(sides) == 1 and not middle(toks):
                first = next(t for t in toks if t.lower_ in W.DIRECTIONS)
                first = first.nbor(-1) if first.i > 0 and first.nbor(-1).lower_ == "the" else first
                proper = [t for t in toks if t.ent_iob_ != "O" or t.pos_ == "PROPN"]
                last = max(proper, key=lambda t: t.i) if proper else toks[-1]
                text = sent.doc.text[
                    first.idx : last.idx + len(last)
                ]  # "the north of Mali", "northern Nigeria"
                part = self.part_area(places[0].country or "", sides.pop(), text)
                if part is not None and part.admin1:
                    return part
            if places:
                return self.area_of(places[0])
            named = [c for c in self.countries_named(toks) if c != issuer]
            if named:
                return Area(named[0], point=self.gaz.country(named[0]))
        rest = [p for p in self.places(sent.start_char, sent.end_char) if p.country != issuer]
        countries = [p for p in rest if p.feature_code and p.feature_code.startswith("PCL")]
        if countries:
            return self.area_of(countries[0])
        if rest:
            return Area(rest[0].country or "", point=self.gaz.country(rest[0].country or ""))
        country = self.context_country(sent, issuer)
        if country and any(t.lower_ in ("country", "there") for t in sent):
            return Area(country, point=self.gaz.country(country))
        return None

    def drawdown(self, verb: Token, sent: Span) -> list[Found]:
        """Embassy staff sent away, or an embassy shut."""
        if not any(t.lemma_.lower() in W.MISSION_NOUNS for t in sent) or self.unreal(verb):
            return []
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        objects += [g for o in list(objects) for g in o.subtree if g.dep_ in ("pobj", "conj")]
        nouns = {o.lemma_.lower() for o in objects}
        if not nouns & (W.STAFF_NOUNS | W.MISSION_NOUNS):
            return []
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) or self.speaker(verb)
        issuer = self.issuer(subj)
        if issuer is None:
            issuer = next((iso for o in objects for c in o.children if (iso := self.citizens(c))), None)
            if issuer is None:
                return []
        places = self.places(verb.sent.start_char, verb.sent.end_char)
        places = [p for p in places if p.country != issuer]
        if not places:
            return []
        area = Area(places[0].country or "", point=self.gaz.country(places[0].country or ""))
        people = [self.citizens(t) for t in sent if t.tag_ == "NNPS"]
        named = issuer or next((p for p in people if p), None)
        return [
            Found("drawdown", named or None, area, None, "embassy drawdown", evidence=[sent], drawdown=True)
        ]

    def threat(self, noun: Token, sent: Span, advice: list[Found]) -> list[Found]:
        """A stated danger of a hazard with an indicator letter, in a region or a whole country."""
        letters = hazards(noun)
        if not letters or not stated(noun) or self.unreal(noun):
            return []
        if any(c.dep_ in ("amod", "det") and c.lower_ in W.SMALL for c in noun.children):
            return []
        subj = self.speaker(noun.head) if noun.head.i != noun.i else None
        if subj is not None and subj.head.lemma_.lower() not in W.SAYING_VERBS | W.DIRECTIVE_VERBS:
            subj = None
        said = self.issuer(subj)
        issuer = said if said else None
        same = [f for f in advice if not issuer or f.issuer == issuer]
        told = same[-1].area.country if same else None
        area = self.threat_area(noun, sent, issuer or (same[-1].issuer if same else None), told)
        if area is None:
            return []
        return [Found("threat", issuer, area, threats=set(letters), evidence=[sent])]

    def threat_area(self, noun: Token, sent: Span, issuer: str | None, told: str | None) -> Area | None:
        """The region a threat is stated for ("in the northern region"), else the whole country."""
        holders = [noun, noun.head] if noun.head.i != noun.i else [noun]
        holders += [
            c for h in holders[1:] for c in h.children if c.dep_ in ("acomp", "attr") and c is not noun
        ]
        holders += [  # "a threat of kidnapping in Kaduna state"
            g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
        ]
        where = [
            g
            for h in holders
            for c in h.children
            if c.dep_ == "prep" and c.lower_ in ("in", "across", "throughout")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for pobj in where:
            toks = list(pobj.subtree)
            places = self.places(toks[0].idx, toks[-1].idx + len(toks[-1]))
            direction = next((W.DIRECTIONS[t.lower_] for t in toks if t.lower_ in W.DIRECTIONS), None)
            text = sent.doc.text[toks[0].idx : toks[-1].idx + len(toks[-1])]
            named = self.countries_named(toks)
            if not places and named:
                places = [p for c in named[:1] if (p := self.gaz.country(c)) is not None]
            if places:
                place = places[0]
                whole = self.whole_of(place, toks[0].idx, toks[-1].idx + len(toks[-1]))
                if direction and (is_country(place) or (whole is not None and is_country(whole))):
                    return self.part_area(place.country or "", direction, text)
                return replace(self.area_of(place), region=text)
            country = self.context_country(sent, issuer, told)
            if direction and country and (pobj.lemma_.lower() in W.AREA_NOUNS or pobj.lower_ in W.DIRECTIONS):
                return self.part_area(country, direction, text)
            if any(t.pos_ == "PROPN" for t in toks):
                return None  # a named region not placed in one country ("Southeast Asia"): nothing
        country = self.context_country(sent, issuer, told)
        return Area(country, point=self.gaz.country(country)) if country else None
