"""ACLED-like actors from noun phrases: "Military Forces of Mali", "Civilians (Mali)", "Al Shabaab".

Hand-written: ACLED's naming scheme (state forces named by country, other groups by kind with
the country in brackets) is a convention no NLP package knows. Which nouns name which kind of
actor is language data (``lang/<code>/actors.py``); the names themselves are ACLED's, in English.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..taxonomy import INTER
from .named import pick
from .reading import CountryNames, Reader
from .syntax import NOMINAL, of_object


@dataclass(frozen=True, slots=True)
class Actor:
    """A participant: its kind, and the country it belongs to when the text says so."""

    # state, police, government, islamist, rebel, militia, unidentified, named, civilians, protesters, rioters
    kind: str
    country: str | None = None
    named: str | None = None
    token_i: int | None = None
    inter_code: int | None = None  # a named actor's own code (a political or identity militia, ...)

    def inter(self, event_country: str | None) -> int:
        """ACLED's actor type code (state forces of another country are still 1, as ACLED codes them)."""
        return self.inter_code if self.inter_code is not None else INTER.get(self.kind, 3)

    def name(self, names: CountryNames, event_country: str | None) -> str:
        """The ACLED-like name, using the event's country where the phrase gives none."""
        if self.named:
            return self.named
        iso = self.country or event_country
        cn = (names.country_name(iso) if iso else None) or iso or "Unknown"
        own = (names.country_name(event_country) if event_country else None) or cn
        return {
            "state": f"Military Forces of {cn}",
            "police": f"Police Forces of {cn}",
            "government": f"Government of {cn}",
            "islamist": f"Islamist militants ({own})",
            "rebel": f"Rebels ({own})",
            "militia": f"Unidentified Militia ({own})",
            "unidentified": f"Unidentified Armed Group ({own})",
            "civilians": f"Civilians ({own})",
            "protesters": f"Protesters ({own})",
            "rioters": f"Rioters ({own})",
        }.get(self.kind, f"Unidentified Armed Group ({own})")


def _np_tokens(tok: Token, partitive: str) -> list[Token]:
    """The token's noun phrase: its left modifiers, compounds and 'of'/'linked' attachments."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in {"amod", "compound", "nmod", "poss", "npadvmod", "nummod", "det", "appos"} or (
            child.dep_ == "prep" and child.lower_ == partitive
        ):
            out.extend(child.subtree)
    return out


def country_in(tokens: Sequence[Token], names: CountryNames) -> str | None:
    """A country the tokens name by demonym or name ("Malian", "Burkina Faso"), if any."""
    for t in tokens:
        if t.pos_ in {"ADJ", "PROPN", "NOUN"} and t.text[:1].isupper():
            iso = names.country_of_demonym(t.text) or names.country_code(t.text)
            if iso:
                return iso
    # multi-word country names ("Burkina Faso", "Ivory Coast")
    words = [t.text for t in tokens if t.text[:1].isupper()]
    for n in (3, 2):
        for i in range(len(words) - n + 1):
            iso = names.country_code(" ".join(words[i : i + n]))
            if iso:
                return iso
    return None


def actor_of(tok: Token | None, r: Reader) -> Actor | None:
    """Classify the noun phrase headed by ``tok`` as an actor, or None if it is not one."""
    if tok is None:
        return None
    a = r.actors
    if tok.lemma_.lower() in a.QUANTITY_NOUNS or tok.pos_ == "NUM":  # "dozens of civilians", "five of them"
        inner = of_object(tok, r.grammar)
        if inner is not None:
            return actor_of(inner, r)
    head, head_text = tok.lemma_.lower(), tok.lower_
    if head in a.STATE_FORCE_NOUNS | a.POLICE_NOUNS or head_text in a.STATE_FORCE_NOUNS:
        direct = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod", "poss"}]
        iso = country_in(direct, r.names)
        if iso:  # "Malian soldiers (and fighters of JNIM)": the state, whatever the parse hangs on it
            police = head in a.POLICE_NOUNS or head_text in a.POLICE_NOUNS
            return Actor("police" if police else "state", iso, token_i=tok.i)
    toks = _np_tokens(tok, r.grammar.PARTITIVE)
    low = " ".join(t.lower_ for t in toks)
    words = {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}
    known = _named_actor(toks, r)
    if known is not None:
        return Actor(known[0], known[1], known[2], tok.i, known[3])
    kind = _kind_of_head(head, head_text, words, low, r)
    if kind is not None:
        country = None
        if kind in {"police", "government", "state"}:
            country = country_in(toks, r.names) or _possessor_country(tok, r)
        return Actor(kind, country, token_i=tok.i)
    if head in a.UNIT_NOUNS or head_text in a.UNIT_NOUNS:  # "an army convoy", "a military base"
        unit = _unit(tok, words, country_in(toks, r.names), r)
        if unit is not None:
            return unit
    return _named_people(tok, r.names)


STATE_KIND = {"state": "state", "police": "police"}  # a named state force is coded by its country


def _named_actor(toks: Sequence[Token], r: Reader) -> tuple[str, str | None, str | None, int] | None:
    """(kind, country, name, inter) of an armed actor named in the noun phrase, if any."""
    named = r.named(toks[0].doc)
    for t in sorted(toks, key=lambda t: t.i):
        if t.i not in named:
            continue
        alias, actors = named[t.i]
        actor = pick(alias, actors, r.focus, r.on)
        if actor is None:
            continue
        if actor.kind in STATE_KIND:  # "Military Forces of France": coded by its own country
            home = r.names.country_code(actor.name.rsplit(" of ", 1)[-1])
            return STATE_KIND[actor.kind], home, None if home else actor.name, actor.inter
        return "named", None, actor.name, actor.inter
    return None


def _possessor_country(tok: Token, r: Reader) -> str | None:
    """The country of "its"/"their" forces: the one the sentence names before them ("The Israeli military
    said one of its aircraft ...")."""
    if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children):
        return None
    before = [t for t in tok.sent if t.i < tok.i and t.text[:1].isupper()]
    return country_in(list(reversed(before)), r.names)


def _kind_of_head(head: str, head_text: str, words: set[str], low: str, r: Reader) -> str | None:
    """The actor kind a noun phrase's head word names, if any (in ACLED's order of precedence)."""
    a = r.actors
    if (words & a.ISLAMIST_WORDS or a.QAEDA_STEM in low) and (
        head in a.ARMED_GROUP_NOUNS or head_text in a.ISLAMIST_WORDS or head in a.ISLAMIST_WORDS
    ):
        return "islamist"
    if head in a.POLICE_NOUNS or head_text in a.POLICE_NOUNS:
        return "police"
    if head in a.GOVERNMENT_HEADS:
        return "government"
    for kind, nouns in (
        ("state", a.STATE_FORCE_NOUNS),
        ("rebel", a.REBEL_WORDS),
        ("militia", a.MILITIA_WORDS),
        ("unidentified", a.ARMED_GROUP_NOUNS),
        ("protesters", a.PROTESTER_NOUNS),
    ):
        if head in nouns or head_text in nouns:
            return kind
    if head in a.RIOTER_LEMMAS or head_text == a.RIOTERS:
        return "rioters"
    if head in a.CIVILIAN_NOUNS or head_text in a.CIVILIAN_NOUNS:
        return "civilians"
    return None


def _unit(tok: Token, words: set[str], country: str | None, r: Reader) -> Actor | None:
    """Whose a unit is: its modifier's ("a JNIM convoy"), or the state's or the police's by its words."""
    for c in tok.children:
        if c.dep_ in {"compound", "amod", "poss"}:
            a = actor_of(c, r) if c.pos_ in NOMINAL else None
            if a is not None:
                return Actor(a.kind, a.country or country, a.named, tok.i)
    if words & r.actors.STATE_UNIT_WORDS or (country and words & r.actors.TROOP_WORDS):
        return Actor("police" if r.actors.POLICE_WORD in words else "state", country, token_i=tok.i)
    if words & r.actors.ISLAMIST_WORDS:
        return Actor("islamist", token_i=tok.i)
    return None


def _named_people(tok: Token, names: CountryNames) -> Actor | None:
    """A nationality or a country named as an actor: "young Kenyans marched", "France struck"."""
    if tok.ent_type_ == "NORP" and tok.tag_ in {"NNPS", "NNS"}:  # "young Kenyans marched": people
        iso = names.country_of_demonym(tok.text) or names.country_of_demonym(tok.text.rstrip("s"))
        return Actor("civilians", iso, token_i=tok.i) if iso else None
    if tok.ent_type_ in {"GPE", "NORP"}:
        iso = names.country_of_demonym(tok.text) or names.country_code(tok.text)
        if iso:  # "France struck ...", "the French" → the state
            return Actor("state", iso, token_i=tok.i)
    return None


def paragraph_group(trigger: Token, paragraph: tuple[int, int], r: Reader) -> Actor | None:
    """The named non-state armed group of the paragraph nearest the trigger, if one is named there.

    ACLED names the perpetrator the story names: a named group anywhere in the paragraph beats an
    "Unidentified Armed Group" ("Gunmen attacked the village ... JNIM later claimed the attack"),
    but not one named where the text says no one claimed it (``_unclaimed``).
    """
    best: tuple[int, Actor] | None = None
    start, end = paragraph
    for i, (alias, actors) in r.named(trigger.doc).items():
        tok = trigger.doc[i]
        if not start <= tok.idx < end:
            continue
        actor = pick(alias, actors, r.focus, r.on)
        if actor is None or actor.kind in STATE_KIND or _unclaimed(tok.sent, r):
            continue
        distance = abs(i - trigger.i) + (0 if i < trigger.i else 1)  # before the trigger wins a tie
        if best is None or distance < best[0]:
            best = (distance, Actor("named", None, actor.name, i, actor.inter))
    return best[1] if best else None


def _unclaimed(sent: Span, r: Reader) -> bool:
    """A sentence that says no one claimed it ("no claim of responsibility ..., but X often
    targets"): the group it names is suspected by habit, not named as the perpetrator."""
    m = r.modality

    def denied(tok: Token) -> bool:  # "not claimed", "no claim", "nobody claimed", "no group claimed"
        return any(
            c.dep_ == "neg"
            or (c.dep_ == "det" and c.lower_ == m.NO_DETERMINER)
            or (c.dep_ == "nsubj" and (c.lower_ in m.NOBODY or denied(c)))
            for c in tok.children
        )

    return any(r.lemma(t) in r.actors.CLAIM_LEMMAS and denied(t) for t in sent)


def actors_in(sent: Span, r: Reader) -> list[Actor]:
    """Every actor-like noun phrase head in a sentence, in order (for context and pronouns)."""
    out = []
    for tok in sent:
        if tok.pos_ in NOMINAL and tok.dep_ not in {"compound", "amod"}:
            a = actor_of(tok, r)
            if a is not None:
                out.append(a)
    return out


def sentence_actors(sent: Span, r: Reader) -> list[Actor]:
    """A sentence's actors for the discourse history: objects first, then subjects (most salient last)."""
    found = actors_in(sent, r)
    doc = sent.doc
    subj = [a for a in found if a.token_i is not None and doc[a.token_i].dep_ in {"nsubj", "nsubjpass"}]
    return [a for a in found if a not in subj] + subj


def context_actor(history: Sequence[Actor], kinds: frozenset[str] | set[str]) -> Actor | None:
    """The most recent actor of these kinds; history lists each sentence's subjects last."""
    for a in reversed(history):
        if a.kind in kinds:
            return a
    return None


def sentence_country(sent: Span, names: CountryNames) -> str | None:
    """A country the sentence names by demonym ("Canadians") or name, for an agent without one."""
    for t in sent:
        if t.text[:1].isupper() and t.pos_ in {"PROPN", "NOUN", "ADJ"}:
            for form in (t.text, t.text[:-1] if t.text.endswith("s") else None):
                if form:
                    iso = names.country_of_demonym(form)
                    if iso:
                        return iso
    return None
