"""``Rejected(stage="ingest")`` for input that cannot be read (or the error, in strict mode)."""

from __future__ import annotations

import logging

from ..errors import ParseError, SourceError
from ..records import Rejected
from ..settings import Settings

log = logging.getLogger(__name__)

__all__ = ["reject", "too_big"]


def reject(
    settings: Settings, error: type[SourceError], doc_id: str, origin: str, what: str, hint: str
) -> Rejected:
    """A ``Rejected(stage="ingest")``, or ``error`` raised in strict mode."""
    if settings.strict:
        raise error(what if origin in what else f"{origin}: {what}", hint=hint)
    log.info("rejected %s: %s", origin, what)
    return Rejected(doc_id=doc_id, origin=origin, stage="ingest", reason=f"{what}; {hint}")


def too_big(settings: Settings, doc_id: str, origin: str, what: str) -> Rejected:
    """A ``Rejected`` (or ``ParseError``) for input over ``max_document_bytes``."""
    return reject(
        settings,
        ParseError,
        doc_id,
        origin,
        f"{what}, over the {settings.max_document_bytes:,}-byte limit (max_document_bytes)",
        "split it or raise SITREP_MAX_DOCUMENT_BYTES",
    )
