"""Language data, kept as spaCy keeps it: ``lang/<code>/``, one module per concern.

The code that reads text is language-blind: it is handed a ``Language`` and takes every word
list and pattern from it. A language folder provides one module per concern, each satisfying
one protocol below (``calendar.py`` → ``Calendar`` ...). ``load(code)`` imports the folder and
checks that every module provides every name its protocol declares, so a missing list fails
when the language loads, not in the middle of a batch.

Adding a language is a new ``lang/<code>/`` folder with the same modules (and a spaCy model for
it in the settings); nothing outside ``lang/`` changes.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache
from typing import Protocol, get_type_hints

from ..errors import ConfigError


class Calendar(Protocol):
    """Names of days and months, and small numbers written as words (all lower case)."""

    WEEKDAYS: tuple[str, ...]  # Monday first, as ``date.weekday()`` counts
    WEEKDAY_ABBR: Mapping[str, int]  # "tue", "tues" → 1
    MONTHS: tuple[str, ...]  # January first
    MONTH_ABBR: Mapping[str, int]  # "jan" → 1, "sept" → 9
    NUMBER_WORDS: Mapping[str, int]  # "a", "one" → 1 ... "twelve" → 12


@dataclass(frozen=True)
class Language:
    """Everything language-specific that the stages need, one field per concern."""

    code: str
    calendar: Calendar


def _check(code: str, concern: str, module: object, protocol: type) -> None:
    missing = [name for name in get_type_hints(protocol) if not hasattr(module, name)]
    if missing:
        raise ConfigError(
            f"language {code!r}: lang/{code}/{concern}.py lacks {', '.join(missing)}",
            hint=f"every name of sitrep.lang.{protocol.__name__} is required",
        )


@cache
def load(code: str) -> Language:
    """The language data of ``code`` (ISO 639-1), checked against the protocols.

    Raises:
        ConfigError: no ``lang/<code>/`` folder, or one of its modules lacks a required name.
    """
    hints = get_type_hints(Language)
    concerns: dict[str, object] = {}
    for f in fields(Language):
        if f.name == "code":
            continue
        try:
            module = importlib.import_module(f".{code}.{f.name}", __name__)
        except ModuleNotFoundError as exc:
            raise ConfigError(
                f"no language data for {code!r} ({exc.name} is missing)",
                hint="languages are folders under sitrep/lang/",
            ) from None
        _check(code, f.name, module, hints[f.name])
        concerns[f.name] = module
    return Language(code, **concerns)  # type: ignore[arg-type]


__all__ = ["Calendar", "Language", "load"]
