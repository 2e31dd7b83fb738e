"""Language data, kept as spaCy keeps it: ``lang/<code>/``, one module per concern.

The code that reads text is language-blind: it is handed a ``Language`` and takes every word
list and pattern from it. A language folder provides one module per concern, each satisfying
one Protocol of ``concerns`` (``calendar.py`` → ``Calendar`` ...). ``load(code)`` imports the folder and
checks that every module provides every name its protocol declares, so a missing list fails
when the language loads, not in the middle of a batch.

Adding a language is a new ``lang/<code>/`` folder with the same modules (and a spaCy model for
it in the settings); nothing outside ``lang/`` changes.
"""

from .concerns import (
    ActorWords,
    Boilerplate,
    Calendar,
    ConstraintWords,
    Datelines,
    DateWords,
    Frame,
    Grammar,
    ModalityWords,
    NamedActor,
    PlaceNames,
    PlaceWords,
    ProtestCues,
    TollReader,
    Triggers,
)
from .language import Language, available, load

__all__ = [
    "ActorWords",
    "Boilerplate",
    "Calendar",
    "ConstraintWords",
    "DateWords",
    "Datelines",
    "Frame",
    "Grammar",
    "Language",
    "ModalityWords",
    "NamedActor",
    "PlaceNames",
    "PlaceWords",
    "ProtestCues",
    "TollReader",
    "Triggers",
    "available",
    "load",
]
