"""Loading a language: ``load(code)`` imports ``lang/<code>/`` and checks each concern module.

A ``Language`` has one field per concern, each a module of the language folder that satisfies
the concern's Protocol (``concerns.py``). It pickles as its code, so a worker process loads
the language again rather than receiving modules.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, fields
from functools import cache
from typing import get_type_hints

from ..errors import ConfigError
from .concerns import (
    ActorWords,
    Boilerplate,
    Calendar,
    ConstraintWords,
    Datelines,
    DateWords,
    Grammar,
    ModalityWords,
    PlaceNames,
    PlaceWords,
    ProtestCues,
    TollReader,
    Triggers,
)


@dataclass(frozen=True)
class Language:
    """Everything language-specific that the stages need, one field per concern."""

    code: str
    calendar: Calendar
    triggers: Triggers
    checks: ConstraintWords
    actors: ActorWords
    modality: ModalityWords
    grammar: Grammar
    dates: DateWords
    tolls: TollReader
    protests: ProtestCues
    places: PlaceWords
    place_names: PlaceNames
    boilerplate: Boilerplate
    datelines: Datelines

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle as the code (a worker loads the language again)."""
        return (load, (self.code,))


def _required(protocol: type) -> list[str]:
    """The names a protocol declares: its attributes and its methods."""
    methods = [n for n, v in vars(protocol).items() if callable(v) and not n.startswith("_")]
    return sorted(set(get_type_hints(protocol)) | set(methods))


def _check(code: str, concern: str, module: object, protocol: type) -> None:
    missing = [name for name in _required(protocol) if not hasattr(module, name)]
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
            module = importlib.import_module(f"sitrep.lang.{code}.{f.name}")
        except ModuleNotFoundError as exc:
            raise ConfigError(
                f"no language data for {code!r} ({exc.name} is missing)",
                hint="languages are folders under sitrep/lang/",
            ) from None
        _check(code, f.name, module, hints[f.name])
        concerns[f.name] = module
    return Language(code, **concerns)  # type: ignore[arg-type]


def available() -> list[str]:
    """The codes of the language folders present."""
    from . import __path__ as lang_path

    return sorted(m.name for m in pkgutil.iter_modules(lang_path) if m.ispkg)
