"""Doc ids that are unique within one batch: the name a source gives, made unique deterministically."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

__all__ = ["DocIds"]


class DocIds:
    """Hands out doc ids that are unique within one batch, deterministically."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def claim(self, base: str, alternative: str | None = None) -> str:
        """``base`` if free, else ``alternative`` (e.g. the name with its extension), else ``base~N``."""
        for candidate in (base, alternative):
            if candidate and candidate not in self._seen:
                self._seen.add(candidate)
                if candidate != base:
                    log.info("doc id %r is taken in this batch; using %r", base, candidate)
                return candidate
        n = 2
        while f"{base}~{n}" in self._seen:
            n += 1
        log.info("doc id %r is taken in this batch; using %r", base, f"{base}~{n}")
        self._seen.add(f"{base}~{n}")
        return f"{base}~{n}"
