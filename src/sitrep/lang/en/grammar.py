"""English function words the rules navigate a parse by (``sitrep.lang.Grammar``).

The parse itself comes from spaCy's English model (ClearNLP dependency labels: nsubj, dobj,
pobj, agent ...); these are the words that tell which relation a preposition or pronoun makes.
"""

from __future__ import annotations

from typing import Final

RELATIVE_PRONOUNS: Final = frozenset({"who", "that", "which"})
# "attacked X" / "fired on X": prepositions whose object is what a verb acted upon.
TARGET_PREPOSITIONS: Final = frozenset(
    {"on", "upon", "at", "against", "between", "about", "around", "over", "nearly"}
)
# "an attack on X", "the killing of X": prepositions whose object is a noun trigger's patient.
PATIENT_PREPOSITIONS: Final = frozenset({"on", "against", "of"})
AGENT_PREPOSITION: Final = "by"  # "an attack by gunmen"
PARTITIVE: Final = "of"  # "dozens of civilians", "a cache of weapons"
BETWEEN: Final = "between"  # "clashes between X and Y"
IN_EPISODE: Final = frozenset({"in", "during"})  # "killed in the attack", "wounded during the raid"
ANOTHER: Final = frozenset("another second third fourth fifth separate further fresh".split())
SPREAD: Final = frozenset({"across", "throughout", "nationwide", "countrywide"})  # "across Myanmar"
# Determiners that point back to something already told ("the attack", "this bombing").
DEFINITE: Final = frozenset({"the", "this", "that", "its", "their"})
# Plural endings and what replaces them, for nouns the lemmatiser took for proper nouns.
PLURAL_ENDINGS: Final = (("ies", "y"), ("s", ""))
