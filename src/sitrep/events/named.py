"""Armed actors named in a document: every alias of the language's actor list, found in one pass.

A spaCy ``PhraseMatcher`` over the lower-cased aliases (built once per language and vocabulary)
marks each token of a matched name with the actors the name can stand for; ``pick`` chooses
among them by the story's country, and refuses an ambiguous alias ("ADF", "RSF") in a story
about none of its actor's countries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import cache

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..lang import Language, NamedActor

Named = Mapping[int, tuple[str, tuple[NamedActor, ...]]]  # token index → (alias, actors)


@cache
def _matcher(code: str, vocab: Vocab) -> tuple[PhraseMatcher, dict[int, str]]:
    """The phrase matcher of a language's aliases over ``vocab``, and match id → alias."""
    from ..lang import load

    aliases = load(code).actors.NAMED_ACTORS
    tokenizer = spacy.blank(code).tokenizer
    matcher = PhraseMatcher(vocab, attr="LOWER")
    keys: dict[int, str] = {}
    for alias in aliases:
        forms = {alias, alias.replace("'", "\u2019")}
        key = vocab.strings.add(alias)
        keys[key] = alias
        matcher.add(alias, [tokenizer(form) for form in forms])
    return matcher, keys


def named_in(doc: Doc, language: Language) -> Named:
    """Each token inside a name of the actor list, with the longest name it is part of."""
    matcher, keys = _matcher(language.code, doc.vocab)
    found: dict[int, tuple[str, tuple[NamedActor, ...]]] = {}
    spans = sorted(matcher(doc), key=lambda m: (m[1] - m[2], m[1]))  # longest first
    for key, start, end in spans:
        if any(i in found for i in range(start, end)):
            continue
        alias = keys[key]
        actors = language.actors.NAMED_ACTORS[alias]
        for i in range(start, end):
            found[i] = (alias, actors)
    return found


def pick(
    alias: str, actors: Iterable[NamedActor], focus: str | None, on: dt.date | None = None
) -> NamedActor | None:
    """The actor a name stands for in a story about ``focus`` told on day ``on`` (None: no actor).

    Only actors the name stood for that day count ("Janjaweed" in 2006 is not the RSF of 2023);
    an actor acting in the story's country comes first; an ambiguous alias ("ADF") names an actor
    only there; otherwise the first actor the name can stand for unambiguously.
    """
    options = [a for a in actors if a.active(on)]
    local = [a for a in options if focus is not None and focus in a.countries]
    if local:
        return local[0]
    plain = [a for a in options if alias not in a.ambiguous]
    return plain[0] if plain else None
