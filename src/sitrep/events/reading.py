"""What the rules read a sentence with: the language's words, the gazetteer's country names, the places.

One ``Reader`` is made per article (``Reader.for_article``) and handed to every rule, so no rule
reaches for a global word list or a gazetteer of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from spacy.tokens import Doc, Token

from ..lang import ActorWords, ConstraintWords, DateWords, Grammar, Language, ModalityWords, Triggers
from .named import Named, named_in


class CountryNames(Protocol):
    """What actor naming needs from the gazetteer."""

    def country_of_demonym(self, word: str) -> str | None: ...

    def country_name(self, iso2: str) -> str | None: ...

    def country_code(self, name: str) -> str | None: ...


class GazetteerNames:
    """``CountryNames`` over the gazetteer: demonyms, names and codes of countries."""

    def __init__(self, gaz: Any, abbreviations: frozenset[str]) -> None:
        self.gaz = gaz
        self.abbreviations = abbreviations

    def country_of_demonym(self, word: str) -> str | None:
        """ISO alpha-2 code of a demonym ("Malian" → "ML")."""
        return self.gaz.country_of_demonym(word)  # type: ignore[no-any-return]

    def country_name(self, iso2: str) -> str | None:
        """The English short name of a country code."""
        return self.gaz.country_name(iso2)  # type: ignore[no-any-return]

    def country_code(self, name: str) -> str | None:
        """ISO alpha-2 code of a country name; capitalised words of three letters or more only."""
        if not name[:1].isupper() or len(name) < 3 and name not in self.abbreviations:
            return None
        place = self.gaz.country_by_name(name)
        return place.country if place is not None else None


@dataclass(frozen=True, slots=True)
class Reader:
    """The language data and the lookups every rule takes.

    ``focus`` is the story's country (it decides which actor an ambiguous name stands for);
    the names of armed actors in a document are found once, on first use (``named_in``).
    """

    words: Triggers
    actors: ActorWords
    modality: ModalityWords
    checks: ConstraintWords
    grammar: Grammar
    dates: DateWords
    names: CountryNames
    is_place: Callable[[Token], bool]
    code: str = "en"
    focus: str | None = None
    on: dt.date | None = None  # the story's day: which actor a name stood for then
    _named: list[tuple[Doc, Named]] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def for_article(
        cls,
        language: Language,
        gazetteer: Any,
        is_place: Callable[[Token], bool],
        focus: str | None = None,
        on: dt.date | None = None,
    ) -> Reader:
        """A reader for one article's language, gazetteer, recognised toponyms, country and day."""
        names = GazetteerNames(gazetteer, language.actors.COUNTRY_ABBREVIATIONS)
        return cls(
            language.triggers,
            language.actors,
            language.modality,
            language.checks,
            language.grammar,
            language.dates,
            names,
            is_place,
            language.code,
            focus,
            on,
        )

    def named(self, doc: Doc) -> Named:
        """The armed actors named in ``doc``, token by token (found once per document)."""
        if not self._named or self._named[0][0] is not doc:
            from ..lang import load

            self._named[:] = [(doc, named_in(doc, load(self.code)))]  # one document at a time
        return self._named[0][1]

    def lemma(self, tok: Token) -> str:
        """The token's lemma, mended where the statistical lemmatiser leaves a word alone.

        Past forms it misses come from the language's table; a plural it took for a proper noun
        ("(AP) Rioters rampaged") loses its plural ending.
        """
        low = tok.lower_
        if tok.tag_ == "NNPS" and tok.lemma_ == tok.text:
            for ending, base in self.grammar.PLURAL_ENDINGS:
                if low.endswith(ending):
                    return low[: len(low) - len(ending)] + base
        return self.words.IRREGULAR.get(low, tok.lemma_.lower())

    def names_event(self, tok: Token) -> bool:
        """Whether a noun names an event of its own ("the killing", "an attack", "the protest")."""
        lem = self.lemma(tok)
        return lem in self.words.NOUN_WORDS or lem in self.words.WORDS

    def definite(self, tok: Token) -> bool:
        """A noun told as one already known: "the attack", "this raid", "their assault"."""
        return any(ch.dep_ in {"det", "poss"} and ch.lower_ in self.grammar.DEFINITE for ch in tok.children)
