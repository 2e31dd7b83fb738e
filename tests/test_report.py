"""Situation reports (``sitrep.report``, ``sitrep report``, ``GET /api/report``).

The store is built from hand-made articles and events (no NLP): a clash in Niono whose toll a
second outlet revises, a protest, an attack in Mopti whose evidence is hostile HTML, an event in
another country, one outside the window, and one an analyst rejected. The done-when test renders
the PDF of a report to PNG pages and checks its map and its text layer; on the bundled sample
when the model is installed (``model``), and on a hand-built store resembling it always.
"""

from __future__ import annotations

import importlib.machinery
import json
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import article, event, public_events
from sitrep.cli import cli
from sitrep.errors import ConfigError
from sitrep.records import Report
from sitrep.report import (
    Region,
    build_report,
    parse_region,
    parse_since,
    render_html,
    render_markdown,
    render_pdf,
    save_snapshot,
)
from sitrep.report.sections import advisory_rows, level_rows, read_advisories, read_levels
from sitrep.review import review_event
from sitrep.runners.reduce import reduce_articles
from sitrep.runners.save import save_batch
from sitrep.store import open_store
from sitrep.store.base import EventFilters, Store

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).parent / "artifacts" / "report-pages"
NOW = datetime(2024, 3, 9, 12, 0, tzinfo=UTC)
SINCE = date(2024, 3, 1)
MOPTI = ("Mopti", "Mopti", "ML", 14.4843, -4.1827, 1)
GAO = ("Gao", "Gao", "ML", 16.2666, -0.0400, 1)
OUAGA = ("Ouagadougou", "Centre", "BF", 12.3657, -1.5339, 1)
HOSTILE = "Gunmen shot <script>alert('x')</script> two traders & a driver on the Mopti road at dawn."
CLASH = "Soldiers and fighters exchanged fire for hours on the road outside Niono on Saturday."
REVISED = "Five soldiers died in Saturday's battle for the Niono road crossing, a military source said."


def _text(lead: str, seed: str) -> str:
    """An article whose first sentence is ``lead`` (the evidence), padded with our own filler."""
    return (
        lead
        + " "
        + " ".join(f"Residents of the {seed} district said the market stayed shut." for _ in range(4))
    )


def build_store(store: Store) -> dict[str, str]:
    """The hand-built store; the ids of its events by name."""
    a = article("a-1", _text(CLASH, "a"), date(2024, 3, 3), "https://a.example/1")
    b = article("b-1", _text(REVISED, "b"), date(2024, 3, 4), "https://www.b.example/news/1")
    c = article("c-1", _text(HOSTILE, "c"), date(2024, 3, 6), "javascript:alert(1)")
    d = article("d-1", _text("Police arrested a man in Ouagadougou on Monday.", "d"), date(2024, 3, 5))
    e = article("e-1", _text("An old raid on Gao was recalled by officials.", "e"), date(2024, 2, 10))
    f = article("f-1", _text("Troops said they fought rebels near Gao on Sunday.", "f"), date(2024, 3, 4))
    batch = [
        (a, [event(a, fatalities=3, day=date(2024, 3, 2)), _protest(a)]),
        (b, [event(b, fatalities=5, day=date(2024, 3, 2), actors=("Military Forces of Mali", None))]),
        (c, [_attack(c)]),
        (d, [event(d, "Arrests", "Strategic developments", day=date(2024, 3, 4), place=OUAGA)]),
        (e, [event(e, day=date(2024, 2, 8), place=GAO, fatalities=9)]),
        (
            f,
            [
                event(
                    f,
                    day=date(2024, 3, 3),
                    place=GAO,
                    fatalities=7,
                    actors=("Military Forces of Mali", "MNLA"),
                )
            ],
        ),
    ]
    counts = save_batch(store, batch)
    reduce_articles(store, counts.touched)
    ids = {}
    for ev in public_events(store, EventFilters(review="all")):
        ids[f"{ev['sub_event_type']}@{ev['location']}@{ev['date']}"] = ev["event_id"]
    rejected = ids["Armed clash@Gao@2024-03-03"]
    review_event(store, rejected, "reject", reviewer="ana", reason="a drill", at=NOW)
    return ids


def _protest(a: Any) -> Any:
    return event(
        a, "Peaceful protest", "Protests", day=date(2024, 3, 5), actors=("Protesters", None), sentence=2
    )


def _attack(c: Any) -> Any:
    ev = event(c, "Attack", "Violence against civilians", day=date(2024, 3, 6), place=MOPTI, fatalities=3)
    return replace(ev, actor1="Unidentified Armed Group (Mali)", actor2="Civilians (Mali)")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(str(tmp_path / "report.db"))
    build_store(s)
    yield s
    s.close()


def mali(store: Store, **kw: Any) -> Report:
    return build_report(store, region=Region("ML"), since=SINCE, until=date(2024, 3, 8), now=NOW, **kw)


# ------------------------------------------------------------------ window


def test_region_and_since_parse_what_users_type() -> None:
    assert parse_region("ML") == Region("ML") and parse_region(" ml ").key == "ML"
    assert parse_region("ML.Ségou") == Region("ML", "Ségou") and parse_region("ML.Ségou").key == "ML.Ségou"
    for bad in ("", "ML.", "Ségou", "not a place"):  # a bare area name needs the gazetteer
        with pytest.raises(ConfigError):
            parse_region(bad)
    assert parse_since("7d", NOW) == date(2024, 3, 2)
    assert parse_since("48h", NOW) == date(2024, 3, 7)
    assert parse_since("2w", NOW) == date(2024, 2, 24)
    assert parse_since("2024-03-01", NOW) == date(2024, 3, 1)
    for bad in ("7x", "yesterday", "-3d"):
        with pytest.raises(ConfigError):
            parse_since(bad, NOW)
    with pytest.raises(ConfigError, match="before it starts"):
        build_report(None, region=Region("ML"), since=date(2024, 3, 5), until=date(2024, 3, 1))  # type: ignore[arg-type]


# ------------------------------------------------------------------ content


def test_summary_counts_the_public_events_of_the_region_and_window(store: Store) -> None:
    r = mali(store)
    # the clash (two outlets: one event, toll 5), the protest, the Mopti attack; not Burkina
    # Faso, not the February raid, not the rejected Gao clash
    assert (r.events, r.fatalities) == (3, 8)
    assert {(c.admin1, c.event_type, c.events, c.fatalities) for c in r.by_type} == {
        ("Ségou", "Battles", 1, 5),
        ("Ségou", "Protests", 1, 0),
        ("Mopti", "Violence against civilians", 1, 3),
    }
    assert [(d.day, d.event_type) for d in r.daily] == [
        ("2024-03-02", "Battles"),
        ("2024-03-05", "Protests"),
        ("2024-03-06", "Violence against civilians"),
    ]
    assert len(r.points) == 3 and all(p.latitude > 14 for p in r.points)
    # the rejected Gao clash and the other country's events are in no event section (Gao's own
    # earlier events may still give it a risk level, listed in the risk section)
    md = render_markdown(r)
    assert "## Risk levels" in md
    assert "Gao" not in md.split("## Risk levels")[0] and "Ouagadougou" not in md


def test_key_events_are_ranked_and_carry_quotes_and_sources(store: Store) -> None:
    r = mali(store)
    assert [(k.sub_event_type, k.fatalities) for k in r.key_events] == [
        ("Armed clash", 5),
        ("Attack", 3),  # the same toll would rank it first: violence against civilians
        ("Peaceful protest", None),
    ]
    clash = r.key_events[0]
    assert [s.label for s in clash.sources] == ["a.example", "b.example"]
    assert [s.published for s in clash.sources] == ["2024-03-03", "2024-03-04"]
    assert {q.source for q in clash.quotes} == {"a.example", "b.example"}
    assert any(q.text.startswith("Soldiers and fighters exchanged fire") for q in clash.quotes)
    md = render_markdown(r)
    html = render_html(r)
    for text in (md, html):
        assert (
            text.index("Armed clash in Niono")
            < text.index("Attack in Mopti")
            < text.index("Peaceful protest")
        )
        assert "Soldiers and fighters exchanged fire for hours" in text
        assert "Five soldiers died in Saturday" in text  # second outlet's evidence (toll revision)
        assert "2024-03-04" in text
    assert "<https://www.b.example/news/1>" in md
    assert '<a href="https://www.b.example/news/1">' in html
    assert "3 events, 8 reported fatalities" in md
    assert "| Ségou | 2 | 5 |" in md


def test_hostile_text_is_escaped_in_html_and_inert_in_markdown(store: Store) -> None:
    r = mali(store)
    html = render_html(r)
    assert "<script>" not in html and "alert('x')</script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html  # the attack's source URL is shown, never linked
    md = render_markdown(r)
    assert "<script>" not in md
    assert "&lt;script&gt;" in md and "traders &amp; a driv" in md
    assert "](javascript:" not in md and "<javascript:" not in md


def test_html_is_one_file_with_its_figures_inline(store: Store) -> None:
    html = render_html(mali(store))
    assert html.count('src="data:image/png;base64,') == 2
    assert 'src="http' not in html and "<link" not in html and "<script" not in html


def test_sections_say_when_levels_and_advisories_are_not_installed(store: Store, monkeypatch: Any) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *a: None)
    r = mali(store)
    assert r.levels is None and r.advisories is None
    assert "Risk levels are not available" in render_markdown(r)
    assert "Advisories are not available" in render_html(r)


# ------------------------------------------------------------------ levels and advisories (stand-ins)


@dataclass(frozen=True)
class Contribution:
    event_id: str
    weight: float
    why: str


@dataclass(frozen=True)
class Level:
    area: str
    country: str
    admin1: str | None
    name: str
    level: int
    label: str
    score: float = 1.0
    baseline: float = 0.5
    as_of: str = "2024-03-08"
    contributions: tuple[Contribution, ...] = ()


@dataclass(frozen=True)
class Evidence:
    text: str
    char_start: int = 0
    char_end: int = 0
    doc_id: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Advisory:
    advisory_id: str
    kind: str
    issuer: str
    country: str
    admin1: tuple[str, ...] = ()
    region: str | None = None
    level: int | None = None
    level_label: str | None = None
    threats: tuple[str, ...] = ()
    date: str | None = None
    source: str = "article"
    evidence: tuple[Evidence, ...] = field(default=())


LEVELS = [
    Level(
        "ML", "ML", None, "Mali", 3, "Reconsider travel", contributions=(Contribution("e1", 2.0, "5 deaths"),)
    ),
    Level(
        "ML.Ségou",
        "ML",
        "Ségou",
        "Ségou",
        4,
        "Do not travel",
        contributions=(
            Contribution("e2", 0.5, "a protest"),
            Contribution("e1", 3.0, "5 deaths, battles, 6 days ago"),
        ),
    ),
    Level("ML.Mopti", "ML", "Mopti", "Mopti", 2, "Exercise increased caution"),
    Level("BF", "BF", None, "Burkina Faso", 4, "Do not travel"),
]
ADVISORIES = [
    Advisory(
        "adv-ca",
        "advisory",
        "CA",
        "ML",
        level=4,
        level_label="Avoid all travel <b>now</b>",
        threats=("T", "K"),
        date="2024-03-07",
        evidence=(Evidence("Canada urged its citizens to leave Mali.", url="https://ca.example/adv"),),
    ),
    Advisory(
        "adv-threat", "threat", "US", "ML", region="northern Mali", level=4, threats=("K",), date="2024-03-01"
    ),
    Advisory("adv-bf", "advisory", "GB", "BF", level=3, date="2024-03-05"),
]


def test_level_and_advisory_rows_from_stand_in_records() -> None:
    rows = level_rows(LEVELS, Region("ML"))
    assert [(r.area, r.level) for r in rows] == [("ML", 3), ("ML.Ségou", 4), ("ML.Mopti", 2)]
    assert rows[1].why == ("5 deaths, battles, 6 days ago", "a protest") and rows[1].event_ids == ("e1", "e2")
    assert [r.area for r in level_rows(LEVELS, Region("ML", "ségou"))] == ["ML", "ML.Ségou"]
    adv = advisory_rows(ADVISORIES, Region("ML"))
    assert [a.advisory_id for a in adv] == ["adv-ca", "adv-threat"]
    assert (
        adv[0].quote == "Canada urged its citizens to leave Mali." and adv[0].url == "https://ca.example/adv"
    )
    assert adv[1].area == "ML (northern Mali)"


def test_levels_and_advisories_are_rendered(store: Store) -> None:
    r = replace(
        mali(store),
        levels=level_rows(LEVELS, Region("ML")),
        advisories=advisory_rows(ADVISORIES, Region("ML")),
    )
    md, html = render_markdown(r), render_html(r)
    assert "| Ségou | 4 | Do not travel | 2024-03-08 | 5 deaths, battles, 6 days ago; a protest |" in md
    assert "**CA**, advisory on ML: level 4 (Avoid all travel &lt;b&gt;now&lt;/b&gt;); threats T, K" in md
    assert "> Canada urged its citizens to leave Mali." in md
    assert "Burkina" not in md
    assert 'class="n level level-4">4</td><td>Do not travel' in html
    assert "Avoid all travel &lt;b&gt;now&lt;/b&gt;" in html and "<b>now" not in html
    assert "threat on ML (northern Mali)" in html


def test_the_real_functions_are_called_when_installed(store: Store, monkeypatch: Any) -> None:
    calls: list[tuple[str, Any]] = []

    def fake(name: str, fn: str, records: list[Any]) -> None:
        mod = types.ModuleType(name)
        mod.__spec__ = importlib.machinery.ModuleSpec(name, None)

        def listed(st: Store, *, country: str | None = None, **kw: Any) -> list[Any]:
            calls.append((fn, country))
            return records

        setattr(mod, fn, listed)
        monkeypatch.setitem(sys.modules, name, mod)

    fake("sitrep.risk", "current_levels", LEVELS)
    fake("sitrep.advisories", "list_advisories", ADVISORIES)
    assert read_levels(store, Region("ML")) is not None
    r = mali(store)
    assert sorted(calls)[-2:] == [("current_levels", "ML"), ("list_advisories", "ML")]
    assert r.levels is not None and [lv.area for lv in r.levels] == ["ML", "ML.Ségou", "ML.Mopti"]
    assert r.advisories is not None and len(r.advisories) == 2
    assert read_advisories(store, Region("BF")) == advisory_rows(ADVISORIES, Region("BF"))


# ------------------------------------------------------------------ what changed (both backends)


def test_changes_since_the_last_report(store_url: str, monkeypatch: Any) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *a: None)
    s = open_store(store_url)
    try:
        ids = build_store(s)
        first = mali(s)
        assert first.previous is None and first.changes == ()
        assert "This is the first report of this region." in render_markdown(first)
        save_snapshot(s, first)
        same = build_report(
            s, region=Region("ML"), since=SINCE, until=date(2024, 3, 8), now=NOW.replace(hour=13)
        )
        assert same.previous == first.generated_at and same.changes == ()
        assert "Nothing changed since the last report" in render_html(same)
        # a third outlet raises the clash's toll, a new event in Gao, the protest is rejected
        g = article(
            "g-1", _text("Seven soldiers died in the Niono fighting, the army said.", "g"), date(2024, 3, 7)
        )
        h = article("h-1", _text("A roadside bomb hit a bus near Gao on Thursday.", "h"), date(2024, 3, 8))
        bomb = event(h, "Remote explosive/landmine/IED", "Explosions/Remote violence", day=date(2024, 3, 7))
        counts = save_batch(
            s,
            [
                (g, [event(g, fatalities=7, day=date(2024, 3, 2), actors=("Military Forces of Mali", None))]),
                (
                    h,
                    [
                        replace(
                            bomb, location="Gao", admin1="Gao", latitude=16.27, longitude=-0.04, fatalities=4
                        )
                    ],
                ),
            ],
        )
        reduce_articles(s, counts.touched)
        review_event(
            s, ids["Peaceful protest@Niono@2024-03-05"], "reject", reviewer="ana", reason="x", at=NOW
        )
        later = build_report(
            s, region=Region("ML"), since=SINCE, until=date(2024, 3, 8), now=NOW.replace(hour=14)
        )
        got = {(c.kind, c.subject, c.before, c.after) for c in later.changes}
        assert got == {
            ("new event", "Remote explosive/landmine/IED in Gao, 2024-03-07", None, "4 killed"),
            ("toll changed", "Armed clash in Niono, 2024-03-02", "5 killed", "7 killed"),
            ("event dropped", "Peaceful protest in Niono, 2024-03-05", "toll unknown", None),
        }
        md = render_markdown(later)
        assert "- Toll changed: Armed clash in Niono, 2024-03-02 (5 killed → 7 killed)" in md
        assert "- New event: Remote explosive/landmine/IED in Gao, 2024-03-07 (4 killed)" in md
        # another region's snapshots are its own
        assert build_report(s, region=Region("ML", "Ségou"), since=SINCE, now=NOW).previous is None
    finally:
        s.close()


# ------------------------------------------------------------------ CLI and API


def test_cli_writes_each_format_and_keeps_a_snapshot(store: Store, tmp_path: Path) -> None:
    db = str(tmp_path / "report.db")
    runner = CliRunner()
    base = ["report", "--db", db, "--region", "ML", "--since", "2024-03-01", "--until", "2024-03-08"]
    out = tmp_path / "r.md"
    res = runner.invoke(cli, [*base, "--out", str(out)])
    assert res.exit_code == 0, res.output
    md = out.read_text(encoding="utf-8")
    assert "![Map of the events](r-map.png)" in md and (tmp_path / "r-map.png").read_bytes()[:4] == b"\x89PNG"
    assert "This is the first report" in md
    res = runner.invoke(cli, [*base, "--format", "html", "--no-save"])
    assert res.exit_code == 0 and "Nothing changed since the last report" in res.output
    res = runner.invoke(cli, [*base, "--format", "pdf", "--out", str(tmp_path / "r.pdf")])
    assert res.exit_code == 0 and (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"
    res = runner.invoke(cli, ["report", "--db", db, "--region", "ML", "--since", "soon"])
    assert res.exit_code != 0 and "not a time span or a date" in res.output


def test_api_serves_each_format_publicly_and_reads_only(store: Store) -> None:
    from fastapi.testclient import TestClient

    from sitrep.api import create_app
    from sitrep.watchlist import add_watch_item

    add_watch_item(store, "Aminata Secret-Name", "person", latitude=14.25, longitude=-5.98)
    client = TestClient(create_app(store))
    q = "/api/report?region=ML&since=2024-03-01&until=2024-03-08"
    html = client.get(q)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "Armed clash in Niono" in html.text and "Secret-Name" not in html.text
    md = client.get(q + "&format=md")
    assert md.headers["content-type"].startswith("text/markdown") and "## Key events" in md.text
    assert "Secret-Name" not in md.text
    pdf = client.get(q + "&format=pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content[:5] == b"%PDF-"
    # the dashboard's link for an admin area
    area = client.get("/api/report?region=ML.S%C3%A9gou&since=2024-03-01&until=2024-03-08&format=md")
    assert area.status_code == 200 and "Attack in Mopti" not in area.text and "Armed clash" in area.text
    assert store.last_report_snapshot("ml") is None  # a GET keeps nothing
    for bad in (
        "region=ML&since=soon",
        "region=ML&format=docx",
        "region=ML&since=2024-03-09&until=2024-03-01",
        "",
    ):
        resp = client.get("/api/report?" + bad)
        assert resp.status_code == 400 and resp.json()["ok"] is False, bad


def test_dashboard_links_to_the_report() -> None:
    page = (ROOT / "src/sitrep/web/static/index.html").read_text(encoding="utf-8")
    script = (ROOT / "src/sitrep/web/static/app.js").read_text(encoding="utf-8")
    assert 'id="report-html"' in page and 'id="report-pdf"' in page
    assert '"api/report?"' in script and "updateReport(f);" in script


# ------------------------------------------------------------------ done when: the PDF, looked at


def check_pdf(pdf: bytes, quote: str, name: str) -> list[Path]:
    """Render every page to PNG (kept under tests/artifacts/report-pages/), and check that there
    are pages, that the map is drawn (not blank, with event dots) and that ``quote`` is in the
    PDF's text layer. The PNG paths."""
    pdfium = pytest.importorskip("pypdfium2")
    import pypdfium2.raw as pdfium_c

    doc = pdfium.PdfDocument(pdf)
    try:
        return _check_pages(doc, pdfium_c, quote, name)
    finally:
        doc.close()


def _check_pages(doc: Any, pdfium_c: Any, quote: str, name: str) -> list[Path]:
    assert len(doc) >= 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    text, pngs, maps = "", [], []
    scale = 1.5
    for i, page in enumerate(doc):
        text += page.get_textpage().get_text_range()
        image = page.render(scale=scale).to_pil().convert("RGB")
        path = ARTIFACTS / f"{name}-page{i + 1}.png"
        image.save(path)
        pngs.append(path)
        height = page.get_height()
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
            left, bottom, right, top = obj.get_bounds()
            box = (
                int(left * scale),
                int((height - top) * scale),
                int(right * scale),
                int((height - bottom) * scale),
            )
            maps.append(image.crop(box))
    assert " ".join(quote.split()) in " ".join(text.split())
    assert len(maps) == 2, "the map and the timeline"
    the_map = maps[0]
    colours = the_map.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 100, "the map is blank"
    white = sum(n for n, c in colours if min(c) > 245)
    assert white < 0.5 * the_map.width * the_map.height
    # the event dots (and their legend) are the only strongly coloured pixels: land, sea, borders
    # and text are greys and pale tints
    vivid = sum(n for n, c in colours if max(c) - min(c) > 90)
    assert vivid > 100, "no event dot on the map"
    return pngs


def test_pdf_pages_hold_the_map_and_the_quoted_evidence(store: Store) -> None:
    r = mali(store)
    quote = r.key_events[0].quotes[0].text
    assert CLASH.startswith(quote)
    pngs = check_pdf(render_pdf(r), quote, "hand-built")
    assert pngs


@pytest.mark.model
def test_pdf_report_of_the_bundled_sample(tmp_path: Path, settings: Any, resources: Any) -> None:
    from sitrep.runners import ingest_paths

    s = open_store(str(tmp_path / "sample.db"))
    try:
        ingest_paths([str(ROOT / "samples")], settings, s, resources=resources)
        gazetteer = resources.gazetteer
        where = parse_region("Mali", gazetteer)
        r = build_report(
            s, region=where, since=date(2024, 1, 1), until=date(2024, 12, 31), gazetteer=gazetteer
        )
        assert r.region_name == "Mali"
        clash = r.key_events[0]
        assert (clash.location, clash.fatalities, len(clash.sources)) == ("Niono", 15, 2)
        quote = clash.quotes[0].text
        assert "Niono" in quote
        check_pdf(render_pdf(r), quote, "sample-mali")
        assert json.loads(r.facts)["events"][clash.event_id]["fatalities"] == 15
    finally:
        s.close()


def test_a_pdf_without_pango_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without the system's Pango cannot lay out a PDF: one clear error naming the fix."""
    import builtins

    from sitrep.errors import ConfigError
    from sitrep.report import render

    real = builtins.__import__

    def no_pango(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    with pytest.raises(ConfigError) as err:
        render.render_pdf(None)  # type: ignore[arg-type]
    assert "Pango" in str(err.value) and "libpango" in (err.value.hint or "")


def test_a_report_being_drawn_makes_the_next_wait_then_503(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anyone may ask for a report and a PDF costs about a second: one is drawn at a time per
    process, and a request that waits past ``WAIT_S`` is told to come back (503, Retry-After)."""
    import importlib

    from fastapi.testclient import TestClient

    from sitrep.api import create_app

    route = importlib.import_module("sitrep.api.routes.report")  # the package names its router so
    monkeypatch.setattr(route, "WAIT_S", 0.05)
    client = TestClient(create_app(store))
    q = "/api/report?region=ML&since=2024-03-01&until=2024-03-08&format=md"
    assert route._drawing.acquire(timeout=1)  # another request is drawing
    try:
        busy = client.get(q)
    finally:
        route._drawing.release()
    assert busy.status_code == 503 and busy.headers["Retry-After"] == "2"
    assert busy.json()["status"] == 503 and "another report" in busy.json()["error"]
    assert client.get(q).status_code == 200  # free again
