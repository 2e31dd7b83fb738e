"""ACLED-like actor names from noun phrases: "Military Forces of Mali", "Civilians (Mali)".

Hand-written: ACLED's naming scheme (state forces named by country, other groups by kind
with the country in brackets) is a convention no NLP package knows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Span, Token

from ..taxonomy import INTER
from . import lexicon as lx

QUANTITY_NOUNS = frozenset(
    "dozen dozens hundred hundreds score scores thousand thousands number group handful couple "
    "member members commander commanders leader leaders chief faction factions wing some many most all "
    "several elements remnants batch company".split()
)
UNIT_NOUNS = frozenset(
    "convoy convoys patrol patrols position positions base bases camp camps checkpoint checkpoints "
    "post posts outpost outposts vehicle vehicles column barracks garrison headquarters".split()
)


class CountryNames(Protocol):
    """What actor naming needs from the gazetteer."""

    def country_of_demonym(self, word: str) -> str | None: ...

    def country_name(self, iso2: str) -> str | None: ...

    def country_code(self, name: str) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Actor:
    """A participant: its kind, and the country it belongs to when the text says so."""

    # state, police, government, islamist, rebel, militia, unidentified, named, civilians, protesters, rioters
    kind: str
    country: str | None = None
    named: str | None = None
    token_i: int | None = None

    def inter(self, event_country: str | None) -> int:
        """ACLED's actor type code (state forces of another country are still 1, as ACLED codes them)."""
        return INTER.get(self.kind, 3)

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


def _np_tokens(tok: Token) -> list[Token]:
    """The token's noun phrase: its left modifiers, compounds and 'of'/'linked' attachments."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in {"amod", "compound", "nmod", "poss", "npadvmod", "nummod", "det", "appos"} or (
            child.dep_ == "prep" and child.lower_ == "of"
        ):
            out.extend(child.subtree)
    return out


def _country_in(tokens: list[Token], names: CountryNames) -> str | None:
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


def actor_of(tok: Token | None, names: CountryNames) -> Actor | None:
    """Classify the noun phrase headed by ``tok`` as an actor, or None if it is not one."""
    if tok is None:
        return None
    if tok.lemma_.lower() in QUANTITY_NOUNS or tok.pos_ == "NUM":  # "dozens of civilians", "five of them"
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objs = [c for c in prep.children if c.dep_ == "pobj"]
                if objs:
                    return actor_of(objs[0], names)
    head = tok.lemma_.lower()
    if head in lx.STATE_FORCE_NOUNS | lx.POLICE_NOUNS or tok.lower_ in lx.STATE_FORCE_NOUNS:
        direct = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod", "poss"}]
        iso = _country_in(direct, names)
        if iso:  # "Malian soldiers (and fighters of JNIM)": the state, whatever the parse hangs on it
            police = head in lx.POLICE_NOUNS or tok.lower_ in lx.POLICE_NOUNS
            return Actor("police" if police else "state", iso, token_i=tok.i)
    toks = _np_tokens(tok)
    low = " ".join(t.lower_ for t in toks)
    words = {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}
    for key, name in lx.NAMED_GROUPS.items():
        if (" " in key and key in low) or key in words:
            return Actor("named", named=name, token_i=tok.i)
    head = tok.lemma_.lower()
    head_text = tok.lower_
    country = _country_in(toks, names)
    if words & lx.ISLAMIST_WORDS or "qaeda" in low:
        if head in lx.ARMED_GROUP_NOUNS or head_text in lx.ISLAMIST_WORDS or head in lx.ISLAMIST_WORDS:
            return Actor("islamist", token_i=tok.i)
    if head in lx.POLICE_NOUNS or head_text in lx.POLICE_NOUNS:
        return Actor("police", country, token_i=tok.i)
    if head in {"government", "regime", "authority", "authorities", "ministry", "department"}:
        return Actor("government", country, token_i=tok.i)
    if head in lx.STATE_FORCE_NOUNS or head_text in lx.STATE_FORCE_NOUNS:
        if "security" in words and head in {"force", "forces"}:
            return Actor("state", country, token_i=tok.i)
        return Actor("state", country, token_i=tok.i)
    if head in lx.REBEL_WORDS or head_text in lx.REBEL_WORDS:
        return Actor("rebel", token_i=tok.i)
    if head in lx.MILITIA_WORDS or head_text in lx.MILITIA_WORDS:
        return Actor("militia", token_i=tok.i)
    if head in lx.ARMED_GROUP_NOUNS or head_text in lx.ARMED_GROUP_NOUNS:
        return Actor("unidentified", token_i=tok.i)
    if head_text in lx.PROTESTER_NOUNS or head in lx.PROTESTER_NOUNS:
        return Actor("protesters", token_i=tok.i)
    if head in {"rioter", "mob"} or head_text == "rioters":
        return Actor("rioters", token_i=tok.i)
    if head in lx.CIVILIAN_NOUNS or head_text in lx.CIVILIAN_NOUNS:
        return Actor("civilians", token_i=tok.i)
    if head in UNIT_NOUNS or head_text in UNIT_NOUNS:  # "an army convoy", "a military base"
        for c in tok.children:
            if c.dep_ in {"compound", "amod", "poss"}:
                a = actor_of(c, names) if c.pos_ in {"NOUN", "PROPN"} else None
                if a is not None:
                    return Actor(a.kind, a.country or country, a.named, tok.i)
        if words & {"army", "military", "police"} or (country and words & {"troop", "troops", "soldier"}):
            return Actor("police" if "police" in words else "state", country, token_i=tok.i)
        if words & lx.ISLAMIST_WORDS:
            return Actor("islamist", token_i=tok.i)
    if tok.ent_type_ == "NORP" and tok.tag_ in {"NNPS", "NNS"}:  # "young Kenyans marched": people
        iso = names.country_of_demonym(tok.text) or names.country_of_demonym(tok.text.rstrip("s"))
        return Actor("civilians", iso, token_i=tok.i) if iso else None
    if tok.ent_type_ in {"GPE", "NORP"}:
        iso = names.country_of_demonym(tok.text) or names.country_code(tok.text)
        if iso:  # "France struck ...", "the French" → the state
            return Actor("state", iso, token_i=tok.i)
    return None


def actors_in(sent: Span, names: CountryNames) -> list[Actor]:
    """Every actor-like noun phrase head in a sentence, in order (for context and pronouns)."""
    out = []
    for tok in sent:
        if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ not in {"compound", "amod"}:
            a = actor_of(tok, names)
            if a is not None:
                out.append(a)
    return out
