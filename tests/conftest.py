"""Shared fixtures and builders: settings, loaded NLP resources, a temp store, hand-made records.

And the builders of the model-free rule tests: hand-built parses (``parsed``), a ``Reader`` over
a few fake country names (``reader``), and the sentence loop run on them (``sentence_drafts``).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from sitrep.records import Article, Event, Evidence, Mention, Source, content_hash
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
def build_mini_gazetteer(path: Path) -> dict[str, Any]:
    """Build the tiny synthetic gazetteer (``gazetteer_rows``) at ``path``; the build's stats."""
    from sitrep.gazetteer import build_from_rows
    from sitrep.lang import load

    places, countries, admin1 = gazetteer_rows()
    return dict(build_from_rows(path, places, countries, admin1, names=load("en").place_names))


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
def parse(resources: Any) -> Any:
    """parse(text) -> the geo stage's GeoContext of the text (spaCy model and gazetteer)."""
    from sitrep.geo import geoparse

    def run(text: str) -> Any:
        return geoparse(resources.nlp(text), resources.gazetteer, resources.language)

    return run


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


# ------------------------------------------------------------------ store and dedup builders
# Hand-made articles, events and mentions (no NLP), and the database URLs of both backends.

NIONO = ("Niono", "Ségou", "ML", 14.2505, -5.9868, 1)
UNLOCATED_ML = (None, None, "ML", None, None, None)
MALI_VS_JNIM = ("Military Forces of Mali", "JNIM")

BODY = (
    "Soldiers and fighters exchanged fire for hours on the road outside {town} on {day}, and the army "
    "said its units held the crossing by nightfall. Residents said the shooting began before dawn near "
    "the market and went on until the afternoon, when reinforcements arrived from the regional capital. "
    "A health worker said the clinic had treated several wounded people and that families had fled "
    "toward villages further south. The army said it would keep patrols on the road for the coming week."
)

OTHER_BODY = (
    "Five soldiers died in Saturday's battle for the Niono road crossing, a military source told us on "
    "Sunday, raising the count given by officials the day before. Medics in town said more casualties were "
    "being brought in from the outlying hamlets, while traders kept their shops closed for a second day."
)

VOCAB = (
    "army town road market village river bridge police crowd fighters soldiers officials residents "
    "convoy camp clinic school mosque church court border checkpoint district council governor"
).split()


def words(seed: str | int, n: int = 80, vocab: Sequence[str] = VOCAB) -> str:
    """A distinct, deterministic run of ``n`` words per seed (texts that are not copies of each other)."""
    import random

    rng = random.Random(seed)
    return " ".join(rng.choice(vocab) for _ in range(n))


def filler(seed: str, n: int = 80) -> str:
    """A distinct, deterministic article text per seed."""
    return "Soldiers " + words(seed, n) + "."


def article(doc_id: str, text: str, published: date | None, url: str | None = None) -> Article:
    """A cleaned article, as ``clean`` would hand it on."""
    return Article(
        doc_id, f"<{doc_id}>", text, content_hash(text), published, "given", url, f"title {doc_id}"
    )


Place6 = tuple[str | None, str | None, str | None, float | None, float | None, int | None]


def event(
    a: Article,
    sub: str = "Armed clash",
    etype: str = "Battles",
    day: date | None = date(2024, 3, 2),
    place: Place6 | None = NIONO,
    actors: tuple[str | None, str | None] = MALI_VS_JNIM,
    fatalities: int | None = None,
    sentence: int = 0,
    tp: int = 1,
) -> Event:
    """An event that ``a`` reports; its evidence is 60 characters from ``sentence * 10``."""
    loc, adm, cc, lat, lon, gp = place if place else (None, None, None, None, None, None)
    start = sentence * 10
    return Event(
        doc_id=a.doc_id,
        event_type=etype,
        sub_event_type=sub,
        evidence=(Evidence(a.text[start : start + 60], start, start + 60),),
        source=Source(a.doc_id, a.url, a.title, a.published),
        date=day,
        time_precision=tp,
        location=loc,
        admin1=adm,
        country=cc,
        latitude=lat,
        longitude=lon,
        geo_precision=gp,
        actor1=actors[0],
        actor2=actors[1],
        fatalities=fatalities,
        place_name=loc,
        producer="test",
    )


def mention(
    doc: str,
    published: date = date(2013, 1, 20),
    sub: str = "Armed clash",
    etype: str = "Battles",
    day: date | None = date(2013, 1, 19),
    tp: int = 1,
    place: Place6 | None = NIONO,
    actors: tuple[str | None, str | None] = ("Military Forces of Mali", "Islamist militants (Mali)"),
    fatalities: int | None = None,
    n: int = 0,
) -> Mention:
    """Mention ``n`` of document ``doc`` (at https://doc.example/story); unlocated ones are in Mali.

    The mentions of one document differ by their evidence offset, and so by their event ids.
    """
    a = article(doc, f"A sentence from {doc}. " * (n + 1), published, f"https://{doc}.example/story")
    return Mention(event(a, sub, etype, day, place or UNLOCATED_ML, actors, fatalities, n, tp))


def two_reports() -> tuple[tuple[Article, list[Event]], tuple[Article, list[Event]]]:
    """Two outlets, a day apart, on one clash; the second revises the toll from 3 to 5."""
    a = article("a-1", BODY.format(town="Niono", day="Saturday"), date(2024, 3, 3), "https://a.example/1")
    b = article("b-1", OTHER_BODY, date(2024, 3, 4), "https://www.b.example/news/1")
    ea = [
        event(a, fatalities=3),
        event(a, "Peaceful protest", "Protests", actors=("Protesters", None), sentence=2),
    ]
    eb = [event(b, fatalities=5, actors=("Military Forces of Mali", None))]
    return (a, ea), (b, eb)


DEFAULT_PG = "postgresql://postgres@127.0.0.1:55432/sitrep_test"
_pg_state: dict[str, Any] = {}


def pg_url() -> str | None:
    """A reachable PostgreSQL URL (``SITREP_TEST_PG``, else ``DEFAULT_PG``), or None (checked once)."""
    if "url" not in _pg_state:
        _pg_state["url"] = None
        try:
            import psycopg
        except ImportError:
            return None
        for url in filter(None, [os.environ.get("SITREP_TEST_PG"), DEFAULT_PG]):
            try:
                psycopg.connect(url, connect_timeout=2).close()
            except psycopg.Error:
                continue
            _pg_state["url"] = url
            break
    return _pg_state["url"]  # type: ignore[no-any-return]


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A fresh schema on the test server; its URL puts it first on the search path."""
    if pg_url() is None:
        pytest.skip("no PostgreSQL server reachable (set SITREP_TEST_PG or run scripts/pg_test_server.sh)")
    with pg_schema() as url:
        yield url


@contextmanager
def pg_schema() -> Iterator[str]:
    """A fresh schema on the reachable test server (dropped afterwards); its URL."""
    url = pg_url()
    assert url is not None
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options={quote(f'-csearch_path={schema},public')}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for each backend (the PostgreSQL one skips when no server answers)."""
    if request.param == "sqlite":
        return str(tmp_path / "contract.db")
    return str(request.getfixturevalue("pg_schema_url"))


def public_events(store: Any, filters: Any = None) -> list[dict[str, Any]]:
    """``store.query_events`` in the public JSON shape (what the API and ``sitrep events`` show)."""
    from sitrep.serialize import event_dict

    return [event_dict(e) for e in store.query_events(filters)]


def public_event(store: Any, event_id: str) -> dict[str, Any] | None:
    """``store.get_event`` in the public JSON shape (``/api/events/{id}``), or None."""
    from sitrep.serialize import event_detail

    found = store.get_event(event_id)
    return None if found is None else event_detail(found)


def public_article(store: Any, doc_id: str) -> dict[str, Any] | None:
    """``store.get_article`` in the public JSON shape (``/api/articles/{id}``), or None."""
    from sitrep.serialize import article_dict

    found = store.get_article(doc_id)
    return None if found is None else article_dict(found)


# ------------------------------------------------------------------ API builders


def api_event(
    n: int,
    event_type: str,
    sub_event_type: str,
    day: int,
    place: tuple[str, str, str, float, float] | None,
    text: str,
    actor1: str | None = None,
    actor2: str | None = None,
    fatalities: int | None = None,
    **kw: Any,
) -> dict[str, Any]:
    """One hand-made event in the public JSON shape (``Event.to_dict()``)."""
    location, admin1, country, lat, lon = place if place else (None, None, None, None, None)
    doc = f"doc-{n:02d}"
    return Event(
        doc_id=doc,
        event_type=event_type,
        sub_event_type=sub_event_type,
        evidence=(Evidence(text=text, start=0, end=len(text)),),
        source=Source(
            doc_id=doc, url=f"https://news.example/{doc}", title=f"Report {n}", published=date(2013, 1, day)
        ),
        date=date(2013, 1, day),
        time_precision=1,
        location=location,
        admin1=admin1,
        country=country,
        latitude=lat,
        longitude=lon,
        geo_precision=1 if place else None,
        actor1=actor1,
        actor2=actor2,
        fatalities=fatalities,
        place_name=location,
        producer="test",
        **kw,
    ).to_dict()


def make_events() -> list[dict[str, Any]]:
    """Nine short, invented events: one per ACLED type, a cluster near Niono, one unlocated, one nasty."""
    return [
        api_event(
            1,
            "Battles",
            "Armed clash",
            14,
            ("Niono", "Ségou", "ML", 14.2505, -5.9868),
            "Soldiers and armed men exchanged fire for several hours outside Niono on Monday.",
            "Military Forces of Mali",
            "Armed group",
            11,
        ),
        api_event(
            2,
            "Battles",
            "Armed clash",
            15,
            ("Markala", "Ségou", "ML", 13.6843, -6.0735),
            "A patrol came under fire near the bridge at Markala.",
            "Military Forces of Mali",
            None,
            2,
        ),
        api_event(
            3,
            "Explosions/Remote violence",
            "Air/drone strike",
            12,
            ("Gao", "Gao", "ML", 16.2717, -0.0447),
            "Aircraft struck positions on the edge of Gao overnight.",
            "Military Forces of France",
        ),
        api_event(
            4,
            "Violence against civilians",
            "Attack",
            16,
            ("Timbuktu", "Tombouctou", "ML", 16.7735, -3.0074),
            "Gunmen attacked a market in Timbuktu, residents said.",
            "Armed group",
            "Civilians",
            3,
        ),
        api_event(
            5,
            "Protests",
            "Peaceful protest",
            17,
            ("Bamako", "Bamako", "ML", 12.65, -8.0),
            "Hundreds marched peacefully through central Bamako.",
            "Protesters",
            None,
            0,
        ),
        api_event(
            6,
            "Riots",
            "Violent demonstration",
            18,
            ("Niamey", "Niamey", "NE", 13.5137, 2.1098),
            "Youths threw stones at police in Niamey after the announcement.",
            "Rioters",
            "Police",
            1,
        ),
        api_event(
            7,
            "Strategic developments",
            "Looting/property destruction",
            19,
            ("Kidal", "Kidal", "ML", 18.4434, 1.4092),
            "Fighters looted the town hall in Kidal before leaving.",
            "Armed group",
            None,
            None,
            hedged=True,
        ),
        api_event(
            8,
            "Protests",
            "Protest with intervention",
            19,
            None,
            "Students protested somewhere in the north, according to a brief statement.",
            "Protesters",
        ),
        api_event(
            9,
            "Battles",
            "Armed clash",
            20,
            ("Niono <b>west</b>", "Ségou", "ML", 14.30, -6.05),
            'A <script>alert("x")</script> fight <img src=x onerror="window.__xss=1"> was reported.',
            "<i>Militia</i> & co",
            None,
            4,
        ),
    ]


def article_and_event(
    ev: dict[str, Any], published: date, sentence: str, n: int
) -> tuple[Article, list[Event]]:
    """The article behind a public event dict: the sentence between an intro and a closing line."""
    intro = f"Report number {n} from our correspondents. "
    text = intro + sentence + " Officials promised more details later in the week."
    start = len(intro)
    art = Article(ev["doc_id"], f"<{ev['doc_id']}>", text, content_hash(text), published, "given",
                  ev["source"]["url"], ev["source"]["title"])  # fmt: skip
    e = Event(
        doc_id=ev["doc_id"],
        event_type=ev["event_type"],
        sub_event_type=ev["sub_event_type"],
        evidence=(Evidence(sentence, start, start + len(sentence)),),
        source=Source(ev["doc_id"], ev["source"]["url"], ev["source"]["title"], published),
        date=date.fromisoformat(ev["date"]),
        time_precision=1,
        location=ev["location"],
        admin1=ev["admin1"],
        country=ev["country"],
        latitude=ev["latitude"],
        longitude=ev["longitude"],
        geo_precision=ev["geo_precision"],
        actor1=ev["actor1"],
        actor2=ev["actor2"],
        fatalities=ev["fatalities"],
        hedged=ev["hedged"],
        place_name=ev["location"],
        producer="test",
    )
    return art, [e]


def problems(article: Any) -> tuple[str, ...]:
    """An article's warnings without the language check's verdict (which every checked article has)."""
    return tuple(w for w in article.warnings if not w.startswith("language: "))
