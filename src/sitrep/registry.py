"""Versioned names for the swappable parts: "kind.name.vN" → factory.

The defaults register themselves where they are defined, exactly as an add-on would. A behaviour
change gets a new ``.vN`` name, so stored events name what made them. A stage component also
declares the fields it requires and assigns (as spaCy's ``Language.factory`` does), which
``pipeline.check_chain`` checks once when the pipeline loads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import ConfigError

_REGISTRY: dict[str, Callable[..., Any]] = {}
_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def register(
    name: str, *, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: register a factory under a versioned name such as ``"geo.gazetteer.v1"``.

    ``requires`` and ``assigns`` name the fields a stage component reads and writes
    (``"article.text"``, ``"doc.ents"``).
    """
    if name.count(".") < 2 or not name.rsplit(".", 1)[1].startswith("v"):
        raise ValueError(f"registry names look like 'kind.name.vN', got {name!r}")

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        _REGISTRY[name] = fn
        _FIELDS[name] = (requires, assigns)
        return fn

    return deco


def declared(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(requires, assigns) that the component registered under ``name`` declared."""
    resolve(name)  # a clear error for an unknown name
    return _FIELDS[name]


def resolve(name: str) -> Callable[..., Any]:
    """The factory registered under ``name``."""
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise ConfigError(f"no component named {name!r}", hint=f"registered: {known}") from None


def names(kind: str | None = None) -> list[str]:
    """Registered names, optionally of one kind (the part before the first dot)."""
    return sorted(n for n in _REGISTRY if kind is None or n.split(".", 1)[0] == kind)
