"""Versioned names for the swappable parts: "kind.name.vN" → factory.

The defaults register themselves on import (see ``sitrep.pipeline``), exactly as an add-on
would. A behaviour change gets a new ``.vN`` name, so stored events name what made them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import ConfigError

_REGISTRY: dict[str, Callable[..., Any]] = {}


def register(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: register a factory under a versioned name such as ``"geo.gazetteer.v1"``."""
    if name.count(".") < 2 or not name.rsplit(".", 1)[1].startswith("v"):
        raise ValueError(f"registry names look like 'kind.name.vN', got {name!r}")

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        _REGISTRY[name] = fn
        return fn

    return deco


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
