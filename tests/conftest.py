"""Shared fixtures: settings pointing at the built gazetteer, loaded NLP resources, a temp store.

And the builders of the model-free rule tests: hand-built parses (``parsed``), a ``Reader`` over
a few fake country names (``reader``), and the sentence loop run on them (``sentence_drafts``).
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitrep.settings import Settings, load_settings

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CHROMIUM = Path("/usr/bin/chromium")


NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "%", "'", "'s", "n't", "-"})
NO_SPACE_AFTER = frozenset({"(", "[", "$", "-"})


def parsed(rows: str) -> Any:
    """A spaCy ``Doc`` built by hand, no model needed: one token a line, ``word head dep POS TAG lemma ENT``.

    ``head`` is the index of the token's head (a root points at itself). The last columns may be
    left out: TAG is then POS, the lemma the lower-cased word (``-`` keeps that default, so an
    entity type can follow), ENT none (``-``). Consecutive tokens of one entity type make one
    entity; ``B-GPE`` starts a new one. Words are joined as text is written (no space before a
    comma or after a hyphen), so ``sent.text`` reads as the sentence did. Rule tests use this to
    pin a parse (including the odd ones a statistical parser produces) exactly.
    """
    from spacy.tokens import Doc

    cols = [line.split() for line in rows.strip().splitlines()]
    words = [c[0] for c in cols]
    return Doc(
        _vocab(),
        words=words,
        spaces=[i + 1 < len(words) and _spaced(w, words[i + 1]) for i, w in enumerate(words)],
        heads=[int(c[1]) for c in cols],
        deps=[c[2] for c in cols],
        pos=[c[3] for c in cols],
        tags=[c[4] if len(c) > 4 else c[3] for c in cols],
        lemmas=[c[5] if len(c) > 5 and c[5] != "-" else c[0].lower() for c in cols],
        ents=_iob([c[6] if len(c) > 6 else "-" for c in cols]),
    )


def gazetteer_rows() -> tuple[list[Any], list[Any], dict[str, tuple[str, int, list[str]]]]:
    """Rows of a tiny synthetic gazetteer: towns of Mali, France and the US, four countries."""
    from sitrep.gazetteer import CountryRow, PlaceRow

    places = [
        PlaceRow(1, "Bamako", 12.65, -8.0, "P", "PPLC", "ML", "01", 2_000_000, ("Bamakó", "BKO")),
        PlaceRow(2, "Niono", 14.25, -5.99, "P", "PPL", "ML", "05", 52_000, ()),
        PlaceRow(3, "Ségou", 13.43, -6.26, "P", "PPL", "ML", "05", 130_000, ("Segu",)),
        PlaceRow(4, "Paris", 48.85, 2.35, "P", "PPLC", "FR", "11", 2_100_000, ()),
        PlaceRow(5, "Paris", 33.66, -95.55, "P", "PPL", "US", "TX", 25_000, ()),
        PlaceRow(6, "Mali", 35.0, 104.0, "P", "PPL", "CN", "15", 42_000, ()),
        PlaceRow(7, "Springfield", 39.80, -89.64, "P", "PPL", "US", "IL", 114_000, ()),
        PlaceRow(8, "Springfield", 37.21, -93.29, "P", "PPL", "US", "MO", 170_000, ()),
    ]
    countries = [
        CountryRow(
            "ML", 100, "Mali", "MLI", "Bamako", 19_000_000, (17.0, -4.0), {"Republic of Mali"}, {"Malian"}
        ),
        CountryRow("FR", 101, "France", "FRA", "Paris", 67_000_000, (46.0, 2.0), set(), {"French"}),
        CountryRow("US", 102, "United States", "USA", "Washington", 327_000_000, None, set(), {"American"}),
        CountryRow(
            "CI", 103, "Ivory Coast", "CIV", "Yamoussoukro", 25_000_000, (8.0, -5.0), set(), {"Ivorian"}
        ),
    ]
    admin1 = {
        "ML.05": ("Ségou", 200, ["Segou Region"]),
        "US.IL": ("Illinois", 201, []),
        "US.TX": ("Texas", 202, []),
        "US.MO": ("Missouri", 203, []),
    }
    return places, countries, admin1


@functools.cache
def _vocab() -> Any:
    """The vocabulary of a blank English pipeline: lexical attributes (``lower_``, ``like_num``), no model."""
    from spacy.lang.en import English
    from spacy.vocab import create_vocab

    return create_vocab("en", English.Defaults)


def _spaced(word: str, following: str) -> bool:
    return word not in NO_SPACE_AFTER and following not in NO_SPACE_BEFORE


def _iob(types: list[str]) -> list[str]:
    """Each token's entity type (``GPE``, ``B-GPE``, ``-``) as the IOB tag ``Doc(ents=...)`` takes."""
    tags, prev = [], "-"
    for t in types:
        if t == "-":
            tags.append("O")
        elif t.startswith("B-"):
            tags.append(t)
        else:
            tags.append(f"I-{t}" if prev.removeprefix("B-") == t else f"B-{t}")
        prev = t
    return tags


class Countries:
    """A tiny ``CountryNames`` (``sitrep.events.reading``) for rule tests: a few countries, no gazetteer.

    Like the gazetteer it reads demonyms in any case and in the plural ("Malians"), and names only
    when capitalised, of three letters or more unless an abbreviation ("US").
    """

    NAMES = {
        "BF": "Burkina Faso",
        "FR": "France",
        "GH": "Ghana",
        "KE": "Kenya",
        "ML": "Mali",
        "NG": "Nigeria",
        "SD": "Sudan",
        "SO": "Somalia",
        "US": "United States",
    }
    DEMONYMS = {
        "burkinabe": "BF",
        "french": "FR",
        "ghanaian": "GH",
        "kenyan": "KE",
        "malian": "ML",
        "nigerian": "NG",
        "sudanese": "SD",
        "somali": "SO",
        "american": "US",
    }
    ABBREVIATIONS = {"US": "US"}

    def country_of_demonym(self, word: str) -> str | None:
        low = word.lower()
        for form in (low, low.removesuffix("es"), low.removesuffix("s")):
            if form in self.DEMONYMS:
                return self.DEMONYMS[form]
        return None

    def country_name(self, iso2: str) -> str | None:
        return self.NAMES.get(iso2.upper())

    def country_code(self, name: str) -> str | None:
        if name in self.ABBREVIATIONS:
            return self.ABBREVIATIONS[name]
        if not name[:1].isupper() or len(name) < 3:
            return None
        by_name = {n.lower(): iso for iso, n in self.NAMES.items()}
        return by_name.get(name.lower().removeprefix("the "))


def reader(*places: str, is_place: Callable[[Any], bool] | None = None) -> Any:
    """A ``Reader`` over English with the fake ``Countries``, no gazetteer.

    Toponyms are the tokens whose text is one of ``places`` (``reader("Gao")``), or those
    ``is_place`` says are; by default none.
    """
    from sitrep import lang
    from sitrep.events.reading import Reader

    en = lang.load("en")
    named = frozenset(places)
    return Reader(
        words=en.triggers,
        actors=en.actors,
        modality=en.modality,
        checks=en.checks,
        grammar=en.grammar,
        dates=en.dates,
        names=Countries(),
        is_place=is_place or (lambda tok: tok.text in named),
    )


def sentence_drafts(doc: Any, r: Any, published: date | None = None) -> list[Any]:
    """The drafts ``events.extract`` makes of a hand-built Doc, sentence by sentence (no places, no merge).

    The sentence loop itself: candidates that did not happen dropped, the protest rules and the
    hierarchy applied, the toll handed out. Nothing is located (no gazetteer).
    """
    from sitrep import lang
    from sitrep.events.draft import Context
    from sitrep.events.extract import Options, _sentence, _Story

    sents = list(doc.sents)
    story = _Story([], [])
    ctx = Context(sents, story.history, lambda start, end, anchor: None, published, 0)
    for si, sent in enumerate(sents):
        _sentence(si, sent, story, ctx, lang.load("en"), r, Options())
    return story.drafts


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Defaults, isolated from the developer's environment, in strict=False mode."""
    return load_settings(env={})


@pytest.fixture(scope="session")
def resources(settings: Settings) -> Any:
    """spaCy + gazetteer, loaded once per worker; skips when either is missing."""
    from sitrep.errors import ResourceError
    from sitrep.pipeline import load_resources

    if not settings.gazetteer_path().is_file():
        pytest.skip(f"gazetteer not built at {settings.gazetteer_path()} (run `make install`)")
    try:
        return load_resources(settings)
    except ResourceError as exc:
        pytest.skip(str(exc))


@pytest.fixture()
def extract(settings: Settings, resources: Any) -> Any:
    """extract(text, published=None) -> list of event dicts, through the whole pipeline."""
    from sitrep.pipeline import process_document
    from sitrep.records import RawDocument

    def run(text: str, published: str | None = None, media_type: str = "text") -> list[dict[str, Any]]:
        raw = RawDocument(
            "t",
            "<test>",
            media_type,
            text.encode("utf-8"),  # type: ignore[arg-type]
            date.fromisoformat(published) if published else None,
        )
        result = process_document(raw, settings, resources)
        assert result.rejected is None, result.rejected
        return [e.to_dict() for e in result.events]

    return run


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Any]:
    from sitrep.store import open_store

    s = open_store(str(tmp_path / "t.db"))
    yield s
    s.close()


# --- markers that do something ---------------------------------------------------------------
# `model`, `browser` and `eval` name a resource a test needs. A marked test skips, with the reason,
# when its resource is absent (`make test-fast` deselects all three). A test that needs the model
# but is not marked `model` fails loudly, so the fast subset can never load the model by accident.

MODEL_FIXTURES = frozenset({"resources", "extract"})
NOT_MARKED_MODEL = "unmarked-test-must-not-load-a-spacy-model"


@functools.cache
def absent(marker: str) -> str | None:
    """Why the resource behind ``marker`` is missing here, or None when the marked tests can run."""
    if marker == "model":
        settings = load_settings(env={})
        if importlib.util.find_spec(settings.spacy_model) is None:
            return f"spaCy model {settings.spacy_model!r} not installed (run `make install`)"
        if not settings.gazetteer_path().is_file():
            return f"gazetteer not built at {settings.gazetteer_path()} (run `make install`)"
    elif marker == "browser":
        from sitrep.web import missing_assets

        if not CHROMIUM.exists():
            return f"{CHROMIUM} not installed (apt-get install chromium)"
        if importlib.util.find_spec("playwright") is None:
            return "playwright not installed (run `make install`)"
        if missing_assets():
            return "map assets not vendored (run bash scripts/install_web.sh)"
    elif marker == "eval":
        if not (SHARED / "eval").is_dir():
            return f"{SHARED} absent: internal evaluation data, beside a checkout only"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip each `model`, `browser` or `eval` test whose resource is absent, saying which and why."""
    for item in items:
        for marker in ("model", "browser", "eval"):
            why = item.get_closest_marker(marker) and absent(marker)
            if why:
                item.add_marker(pytest.mark.skip(reason=f"{marker}: {why}"))
                break


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test that asks for the model's fixtures must be marked `model`."""
    used = MODEL_FIXTURES.intersection(getattr(item, "fixturenames", ()))
    if used and item.get_closest_marker("model") is None:
        pytest.fail(f"{item.nodeid} uses {sorted(used)} but is not marked @pytest.mark.model", pytrace=False)


@pytest.fixture(autouse=True)
def _model_only_when_marked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a test not marked `model`, loading a spaCy model fails, here or in a child `sitrep`."""
    if request.node.get_closest_marker("model") is not None:
        return
    import spacy

    def refuse(name: object, *args: object, **kwargs: object) -> Any:
        pytest.fail(f"{request.node.nodeid} loads spaCy model {name!r} but is not marked @pytest.mark.model")

    monkeypatch.setattr(spacy, "load", refuse)
    monkeypatch.setenv("SITREP_SPACY_MODEL", NOT_MARKED_MODEL)
