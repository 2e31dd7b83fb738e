"""Event dedup: compatibility rules, canonical fields, versions, and order independence."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import NIONO
from conftest import mention as m
from sitrep.dedup import cluster, compatible, dedup_events
from sitrep.dedup.canonical import canonicalize
from sitrep.records import Mention, Source
from sitrep.serialize import canonical_dict, explain_text, version_dict
from sitrep.taxonomy import family

MARKALA = ("Markala", "Ségou", "ML", 13.6843, -6.0735, 1)  # ~63 km from Niono
GAO = ("Gao", "Gao", "ML", 16.2717, -0.0447, 1)


def test_families() -> None:
    assert family("Battles", "Armed clash") == "battle"
    assert family("Explosions/Remote violence", "Shelling/artillery/missile attack") == "remote"
    assert family("Strategic developments", "Non-violent transfer of territory") == "territory"
    assert family("Strategic developments", "Arrests") == "strategic"


def test_compatible_rules() -> None:
    base = m("a")
    assert compatible(base, m("b"))
    assert not compatible(base, m("a", n=1)), "one article's mentions are never merged"
    assert not compatible(base, m("b", place=GAO)), "600 km apart"
    assert compatible(base, m("b", place=("Niono", "Ségou", "ML", 14.4, -6.1, 2))), "near it, p2"
    assert not compatible(base, m("b", place=MARKALA)), "63 km at precision 1"
    assert compatible(base, m("b", place=("Mali", None, "ML", 14.0, -5.0, 3))), "region, p3"
    assert not compatible(base, m("b", day=date(2013, 1, 22))), "3 days at day precision"
    assert compatible(base, m("b", day=date(2013, 1, 22), tp=2)), "within a week"
    assert not compatible(base, m("b", sub="Attack", etype="Violence against civilians"))
    assert compatible(
        m("a", sub="Air/drone strike", etype="Explosions/Remote violence"),
        m("b", sub="Shelling/artillery/missile attack", etype="Explosions/Remote violence"),
    )
    assert not compatible(
        m("a", sub="Government regains territory"), m("b", sub="Non-state actor overtakes territory")
    )
    assert compatible(
        m("a", sub="Government regains territory"),
        m("b", sub="Non-violent transfer of territory", etype="Strategic developments"),
    )
    assert not compatible(base, m("b", actors=("Military Forces of France", None)))
    assert compatible(base, m("b", actors=("Unidentified Armed Group (Mali)", None)))
    assert compatible(base, m("b", actors=("Islamist militants (Mali)", "Military Forces of Mali"))), (
        "armed clashes name the sides in either order"
    )
    assert not compatible(base, m("b", place=("Bobo", None, "BF", 14.25, -5.98, 1))), "another country"


def test_two_outlets_one_event_with_a_revised_toll() -> None:
    a = m("a", fatalities=3)
    b = m("b", published=date(2013, 1, 21), fatalities=5, actors=("Military Forces of Mali", None))
    (ev,) = dedup_events([b, a])
    d = canonical_dict(ev)
    assert [s["doc_id"] for s in d["sources"]] == ["a", "b"]
    assert d["fatalities"] == 5 and d["actor2"] == "Islamist militants (Mali)" and d["n_sources"] == 2
    assert [(v.version, dict(v.fields)["fatalities"]) for v in ev.versions] == [(1, 3), (2, 5)]
    assert ev.versions[1].changes == ("fatalities", "fatalities_high") and ev.versions[1].reported_by == (
        "b",
    )
    assert (d["fatalities_low"], d["fatalities_high"]) == (3, 5)
    assert {e["doc_id"] for e in d["evidence"]} == {"a", "b"}


def test_refinement_amends_the_current_version() -> None:
    a = m("a", place=("Mali", None, "ML", 14.0, -5.0, 3), tp=2)
    b = m("b", published=date(2013, 1, 21), tp=2)
    (ev,) = dedup_events([a, b])
    assert len(ev.versions) == 1 and ev.versions[0].refined_by == ("b",)
    assert ev.get("location") == "Niono" and dict(ev.versions[0].fields)["location"] == "Niono"


def test_revised_date_makes_a_version() -> None:
    a = m("a", day=date(2013, 1, 19))
    b = m("b", published=date(2013, 1, 21), day=date(2013, 1, 18))
    (ev,) = dedup_events([a, b])
    assert ev.get("date") == date(2013, 1, 18) and [v.changes for v in ev.versions][1] == ("date",)


def test_every_report_that_changes_the_toll_is_a_version_that_names_it() -> None:
    evs = dedup_events([m("a", fatalities=2), m("b", fatalities=4), m("c", fatalities=4)])
    assert len(evs) == 1 and evs[0].get("fatalities") == 4
    assert [(v.version, v.reported_by, dict(v.fields)["fatalities"]) for v in evs[0].versions] == [
        (1, ("a",), 2),
        (2, ("b",), 4),
    ]


def test_the_toll_is_the_latest_days_best_count_never_a_sum() -> None:
    day2 = date(2013, 1, 21)
    reports = [
        m("a", fatalities=30),
        m("b", fatalities=12),  # the same day, a lower count: still 30 that day
        m("c", published=day2, fatalities=41),
        m("d", published=day2, fatalities=38),  # the same later day: 41 stands
        m("e", published=day2),  # no toll: changes nothing
    ]
    (ev,) = dedup_events(reports)
    assert (ev.get("fatalities"), ev.get("fatalities_low"), ev.get("fatalities_high")) == (41, 12, 41)
    assert [dict(v.fields)["fatalities"] for v in ev.versions] == [30, 41]
    # a later report that revises the count down is the analyst's toll
    (ev,) = dedup_events([*reports, m("f", published=date(2013, 1, 23), fatalities=35)])
    assert ev.get("fatalities") == 35 and ev.versions[-1].reported_by == ("f",)


def test_complete_linkage_does_not_chain() -> None:
    # b is compatible with a and with c, but a and c are 2 days apart at day precision.
    a = m("a", day=date(2013, 1, 18))
    b = m("b", day=date(2013, 1, 19))
    c = m("c", day=date(2013, 1, 20))
    assert len(dedup_events([a, b, c])) == 2


def test_copies_are_listed_as_sources() -> None:
    copy = Source("wire-2", "https://c.example/w", None, date(2013, 1, 20))
    a = Mention(m("a").event, copies=(copy,))
    d = canonical_dict(canonicalize([a]))
    assert [(s["doc_id"], s["copy_of"]) for s in d["sources"]] == [("a", None), ("wire-2", "a")]
    assert d["n_sources"] == 2


# ------------------------------------------------------------------ order independence

DOCS = [f"d{i}" for i in range(6)]
PLACES = [NIONO, MARKALA, GAO, ("Niono", "Ségou", "ML", 14.3, -6.0, 2), None]
KINDS = [
    ("Armed clash", "Battles"),
    ("Air/drone strike", "Explosions/Remote violence"),
    ("Shelling/artillery/missile attack", "Explosions/Remote violence"),
    ("Government regains territory", "Battles"),
    ("Non-violent transfer of territory", "Strategic developments"),
]
ACTORS = [
    ("Military Forces of Mali", "Islamist militants (Mali)"),
    ("Islamist militants (Mali)", "Military Forces of Mali"),
    ("Unidentified Armed Group (Mali)", None),
    ("Military Forces of France", None),
]

mention_st = st.builds(
    lambda doc, n, pub, kind, off, tp, place, actors, toll: m(
        doc,
        date(2013, 1, 18) + timedelta(days=pub),
        kind[0],
        kind[1],
        date(2013, 1, 15) + timedelta(days=off) if off is not None else None,
        tp,
        place,
        actors,
        toll,
        n,
    ),
    st.sampled_from(DOCS),
    st.integers(0, 2),
    st.integers(0, 3),
    st.sampled_from(KINDS),
    st.one_of(st.none(), st.integers(0, 6)),
    st.sampled_from([1, 2, 3]),
    st.sampled_from(PLACES),
    st.sampled_from(ACTORS),
    st.one_of(st.none(), st.integers(0, 20)),
)


def _canon(mentions: list[Mention]) -> list[dict[str, Any]]:
    return [
        {**canonical_dict(c), "versions": [version_dict(v) for v in c.versions]}
        for c in dedup_events(mentions)
    ]


@settings(max_examples=150, deadline=None)
@given(st.lists(mention_st, max_size=14, unique_by=lambda x: x.event_id), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_input_order(mentions: list[Mention], rnd: random.Random) -> None:
    shuffled = list(mentions)
    rnd.shuffle(shuffled)
    first = _canon(mentions)
    assert _canon(shuffled) == first
    assert _canon(list(reversed(mentions))) == first
    # Every mention lands in exactly one canonical event, and no event has two mentions of one doc.
    seen = [s["event_id"] for c in first for s in c["sources"] if s["copy_of"] is None]
    assert sorted(seen) == sorted(x.event_id for x in mentions)
    for c in first:
        docs = [s["doc_id"] for s in c["sources"]]
        assert len(docs) == len(set(docs))


@settings(max_examples=100, deadline=None)
@given(st.lists(mention_st, max_size=14, unique_by=lambda x: x.event_id))
def test_a_connected_set_clusters_alone_as_it_does_in_the_whole(mentions: list[Mention]) -> None:
    """The reduce step's premise: clusters only depend on the mentions compatible-connected to them."""
    whole = {frozenset(x.event_id for x in c) for c in cluster(mentions)}
    left = list(mentions)
    while left:  # peel off one connected set at a time
        part, ring = [left[0]], [left[0]]
        rest = left[1:]
        while ring:
            ring = [x for x in rest if any(compatible(x, r) for r in ring)]
            rest = [x for x in rest if x not in ring]
            part += ring
        alone = {frozenset(x.event_id for x in c) for c in cluster(part)}
        assert alone <= whole
        left = rest


# ------------------------------------------------------------------ look-alikes and vague places

MALI = ("Mali", None, "ML", 17.0, -4.0, 3)
SEGOU_REGION = ("Ségou", "Ségou", "ML", 13.43, -6.26, 3)


def test_look_alikes_in_other_towns_the_same_day_stay_apart() -> None:
    evs = dedup_events([m("a", fatalities=4), m("b", place=MARKALA, fatalities=6), m("c", place=GAO)])
    assert sorted(e.get("location") for e in evs) == ["Gao", "Markala", "Niono"]


def test_a_country_level_report_joins_the_one_placed_event_it_fits() -> None:
    (ev,) = dedup_events(
        [m("a", fatalities=4), m("b", place=MALI, published=date(2013, 1, 21), fatalities=5)]
    )
    assert ev.get("location") == "Niono" and ev.get("fatalities") == 5 and not ev.vague_place
    (link,) = ev.links
    assert (link.rule, link.joined_doc, link.days) == ("only-fit", "a", 0)
    # a region report joins when the place lies in that region
    (ev,) = dedup_events([m("a"), m("b", place=SEGOU_REGION)])
    assert ev.links[0].rule == "only-fit"


def test_a_country_level_report_with_two_candidates_stays_its_own_flagged_event() -> None:
    evs = dedup_events([m("a"), m("b", place=GAO), m("c", place=MALI)])
    assert len(evs) == 3
    (vague,) = [e for e in evs if e.vague_place]
    assert vague.mentions[0].doc_id == "c"


def test_a_country_level_report_must_agree_on_type_date_and_actors() -> None:
    for other in (
        m("b", place=MALI, sub="Shelling/artillery/missile attack", etype="Explosions/Remote violence"),
        m("b", place=MALI, day=date(2013, 1, 22)),
        m("b", place=MALI, actors=("Military Forces of France", None)),
        m("b", place=MALI, sub="Government regains territory"),  # same family, another sub-type
    ):
        assert len(dedup_events([m("a"), other])) == 2, other.event.sub_event_type


def test_another_attack_in_one_report_is_never_a_licence_to_merge() -> None:
    """A wire lede telling 'another attack' the same day: its two events stay two happenings."""
    first, another = m("w", n=0), m("w", place=MARKALA, n=1)
    outlet = m("o", place=MALI)  # a country-level report that fits both
    evs = dedup_events([first, another, outlet, m("x")])
    assert len(evs) == 3 and sum(e.vague_place for e in evs) == 1
    assert all(len({x.doc_id for x in e.mentions}) == len(e.mentions) for e in evs)


def test_each_join_is_explained() -> None:
    (ev,) = dedup_events(
        [m("a"), m("b", place=("Niono", "Ségou", "ML", 14.3, -6.0, 2), day=date(2013, 1, 20))]
    )
    (link,) = ev.links
    assert link.rule == "nearby" and link.days == 1 and 5 < (link.km or 0) < 7 and link.family == "battle"
    assert link.shared_actors == ("Islamist militants (Mali)", "Military Forces of Mali")
    text = explain_text({**canonical_dict(ev), "versions": [version_dict(v) for v in ev.versions]})
    assert "b (2013-01-20): joined to a:" in text and "1 day(s) apart" in text and "family battle" in text
