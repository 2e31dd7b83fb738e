"""Chains the stages: per document clean → parse → geo → events; per batch, the store.

No I/O of its own: documents come from ``ingest``, results go to the caller (CLI, store).
Parsing runs through ``nlp.pipe`` in batches, which is where the time goes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import lang
from .clean import clean_document
from .clean.published import dateline_end
from .errors import ResourceError
from .events import Options
from .geo.gazetteer import Gazetteer
from .geo.resolve import geoparse, place_for_span
from .records import Article, RawDocument, Rejected, Result
from .registry import register, resolve
from .settings import Settings

log = logging.getLogger(__name__)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


# The default components register themselves exactly as an add-on would.
register("clean.default.v1")(lambda: clean_document)
register("geo.gazetteer.v1")(lambda: (geoparse, place_for_span))
# What each stage reads and writes (checked once by `check_chain`).
STAGES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("clean", ("raw.content",), ("article.text", "article.published")),
    ("nlp", ("article.text",), ("doc.sents", "doc.ents", "doc.deps")),
    ("geo", ("doc.ents", "doc.sents"), ("toponyms", "focus_country")),
    ("events", ("doc.deps", "doc.sents", "article.published", "toponyms"), ("event.*",)),
)


def check_chain() -> None:
    """Every field a stage requires is assigned by an earlier one (or comes from the raw document)."""
    have = {"raw.content"}
    for name, requires, assigns in STAGES:
        missing = [r for r in requires if r not in have]
        if missing:
            raise RuntimeError(f"stage {name} requires {missing}, which no earlier stage assigns")
        have.update(assigns)


@dataclass
class Resources:
    """The heavy, shared, read-only things the stages need: the spaCy pipeline and the gazetteer."""

    nlp: Any
    gazetteer: Gazetteer


def load_resources(settings: Settings) -> Resources:
    """Load the spaCy pipeline and open the gazetteer named by the settings."""
    import spacy

    try:
        nlp = spacy.load(settings.spacy_model)
    except OSError as exc:
        raise ResourceError(
            f"spaCy model {settings.spacy_model!r} is not installed",
            hint="run `make install` (it installs the pinned model from requirements/model.txt)",
        ) from exc
    if "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return Resources(nlp=nlp, gazetteer=Gazetteer.open(settings.gazetteer_path()))


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never crosses a blank line, and a wire dateline is not part of the first sentence."""
    for tok in doc[:-1]:  # a blank line ends a paragraph; a single newline is only line wrapping
        if tok.is_space and _BLANK_LINE.search(tok.text):
            doc[tok.i + 1].is_sent_start = True
    end = dateline_end(doc.text)
    if end:
        span = doc.char_span(end, min(end + 1, len(doc.text)), alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


def analyse(article: Article, doc: Any, settings: Settings, resources: Resources) -> Result:
    """Geo and events for one parsed article."""
    geoparse_fn, place_fn = resolve(settings.geocoder)()
    extract_fn = resolve(settings.extractor)()
    ctx = geoparse_fn(doc, resources.gazetteer)
    covered: set[int] = set()
    for t in ctx.toponyms:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))

    skip = dateline_end(article.text)  # where the reporter filed from is not where it happened

    def locate(start: int, end: int, anchor: int | None) -> Any:
        start = max(start, skip)
        return place_fn(ctx, start, end, anchor=anchor) if start < end else None

    events = extract_fn(
        article,
        doc,
        locate,
        resources.gazetteer,
        language=lang.load("en"),
        is_place=lambda tok: tok.i in covered,
        focus_country=ctx.focus_country,
        options=Options(
            include_background=settings.include_background,
            include_hedged=settings.include_hedged,
            min_confidence=settings.min_confidence,
            producer=f"{settings.extractor}+{settings.geocoder}",
        ),
        skip_before=skip,
    )
    return Result(article.doc_id, article=article, events=tuple(events), toponyms=ctx.toponyms)


def process_document(raw: RawDocument, settings: Settings, resources: Resources) -> Result:
    """Run one document through clean, parse, geo and events."""
    return next(iter(process_batch([raw], settings, resources)))


def process_batch(
    items: Iterable[RawDocument | Rejected], settings: Settings, resources: Resources
) -> Iterator[Result]:
    """Run documents through the stages, parsing in batches; rejects pass through as results."""
    batch: list[Article] = []
    clean = resolve(settings.cleaner)()

    def flush() -> Iterator[Result]:
        texts = [a.text for a in batch]
        for article, doc in zip(
            batch, resources.nlp.pipe(texts, batch_size=settings.batch_size), strict=True
        ):
            try:
                yield analyse(article, doc, settings, resources)
            except Exception as exc:  # a bug on one document must not sink the batch
                if settings.strict:
                    raise
                log.exception("analysis failed on %s", article.origin)
                yield Result(
                    article.doc_id,
                    rejected=Rejected(
                        article.doc_id,
                        article.origin,
                        "events",
                        f"internal error: {exc!r}",
                        article.content_hash,
                    ),
                )
        batch.clear()

    for item in items:
        if isinstance(item, Rejected):
            yield Result(item.doc_id, rejected=item)
            continue
        cleaned = clean(item, settings)
        if isinstance(cleaned, Rejected):
            yield Result(item.doc_id, rejected=cleaned)
            continue
        batch.append(cleaned)
        if len(batch) >= settings.batch_size:
            yield from flush()
    if batch:
        yield from flush()
