"""The geo stage on its own: texts or raw documents in, resolved toponyms out (``sitrep geoparse``).

The event pipeline calls ``resolve.geoparse`` on the documents it has already parsed; this module
is for callers who want only the places: it batches texts through ``nlp.pipe`` (that is where the
time goes), runs the same ``geoparse`` and turns the result into plain dictionaries.

Offsets: for a JSONL document with a ``text`` field they point into that text exactly as given
(nothing is cleaned, so gold offsets line up); for ``.txt``/``.html`` files and JSONL ``html``
fields they point into the cleaned text that ``clean_document`` produces, as everywhere else in sitrep.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..records import RawDocument, Rejected
from ..settings import Settings
from .resolve import GeoContext, geoparse

log = logging.getLogger(__name__)

__all__ = ["GeoparseResult", "geoparse_documents", "geoparse_text", "geoparse_texts", "toponym_dicts"]

_JSONL_SUFFIXES = (".jsonl", ".ndjson")
# Components geoparsing does without: the lemmatizer is a third of the parse time and the
# resolver only needs a verb's base form now and then (``resolve._lemma``).
_NOT_NEEDED = ("lemmatizer",)


@dataclass(frozen=True, slots=True)
class GeoparseResult:
    """The toponyms of one document (or why it was skipped)."""

    doc_id: str
    toponyms: tuple[dict[str, Any], ...] = ()
    rejected: Rejected | None = None

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "toponyms": [...]}`` as ``sitrep geoparse`` prints it."""
        return {"id": self.doc_id, "toponyms": list(self.toponyms)}


def toponym_dicts(ctx: GeoContext) -> list[dict[str, Any]]:
    """Plain dictionaries for a document's toponyms (unresolved ones have null coordinates).

    Args:
        ctx: what ``geoparse`` returned for the document.

    Returns:
        One dict per toponym, literal places and adjectival/embedded mentions alike, in text
        order: start, end, name, lat, lon, geonameid, country, feature_code, admin1, score.
        Names the gazetteer lacks and the text ties to no known place are left out (the event
        pipeline still codes them at the document's country, geo_precision 3).
    """
    out = []
    guessed = {start for start, info in ctx.info.items() if info.how == "focus"}
    for t in sorted((*ctx.toponyms, *ctx.mentions), key=lambda t: t.start):
        if t.start in guessed:
            continue  # a name the gazetteer lacks, pinned to the country only for event coding
        p = t.place
        out.append(
            {
                "start": t.start,
                "end": t.end,
                "name": t.name,
                "lat": None if p is None else round(p.latitude, 5),
                "lon": None if p is None else round(p.longitude, 5),
                "geonameid": None if p is None else p.geonameid,
                "country": None if p is None else p.country,
                "feature_code": None if p is None else p.feature_code,
                "admin1": None if p is None else p.admin1,
                "score": round(t.score, 3),
            }
        )
    return out


def geoparse_texts(
    texts: Iterable[str], resources: Any, *, batch_size: int = 32
) -> Iterator[list[dict[str, Any]]]:
    """Toponyms of each text, in order, parsing in batches.

    Args:
        texts: the documents; offsets in the output point into them as given.
        resources: ``pipeline.Resources`` (the spaCy pipeline and the open gazetteer).
        batch_size: documents per ``nlp.pipe`` batch.

    Yields:
        The list ``toponym_dicts`` makes, one per text.
    """
    skip = [name for name in _NOT_NEEDED if name in resources.nlp.pipe_names]
    for doc in resources.nlp.pipe(texts, batch_size=batch_size, disable=skip):
        yield toponym_dicts(geoparse(doc, resources.gazetteer))


def geoparse_text(text: str, resources: Any) -> list[dict[str, Any]]:
    """Toponyms of one text (see ``geoparse_texts``)."""
    return next(geoparse_texts([text], resources))


def _is_jsonl_text(raw: RawDocument) -> bool:
    """A plain-text document that came from a JSONL line ("path.jsonl:N")."""
    where = raw.origin.rpartition(":")[0]
    return raw.media_type == "text" and Path(where).suffix.lower() in _JSONL_SUFFIXES


def geoparse_documents(
    items: Iterable[RawDocument | Rejected], settings: Settings, resources: Any
) -> Iterator[GeoparseResult]:
    """Toponyms of each raw document, in input order; unusable documents come back rejected.

    Args:
        items: what ``ingest.read_sources`` yields.
        settings: uses ``batch_size``, ``cleaner`` and the cleaning limits.
        resources: ``pipeline.Resources``.

    Yields:
        One ``GeoparseResult`` per item.
    """
    from .. import pipeline  # noqa: F401  (registers the default cleaner)
    from ..registry import resolve as registered

    clean = registered(settings.cleaner)()

    def texts() -> Iterator[tuple[str, tuple[str, Rejected | None]]]:
        for item in items:
            if isinstance(item, Rejected):
                yield "", (item.doc_id, item)  # parsed as an empty text, reported in order
            elif _is_jsonl_text(item):
                yield item.content.decode("utf-8", errors="replace"), (item.doc_id, None)
            else:
                article = clean(item, settings)
                if isinstance(article, Rejected):
                    yield "", (item.doc_id, article)
                else:
                    yield article.text, (item.doc_id, None)

    skip = [name for name in _NOT_NEEDED if name in resources.nlp.pipe_names]
    for doc, (doc_id, rejected) in resources.nlp.pipe(
        texts(), as_tuples=True, batch_size=settings.batch_size, disable=skip
    ):
        if rejected is not None:
            yield GeoparseResult(doc_id, rejected=rejected)
        else:
            yield GeoparseResult(doc_id, tuple(toponym_dicts(geoparse(doc, resources.gazetteer))))
