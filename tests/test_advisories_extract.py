"""Advisories and threats read from article text through the whole pipeline (spaCy model and the
built gazetteer). The short texts are made up, in our own words; the reference article is read from
../shared when present (never copied into the repository)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from conftest import SHARED
from sitrep.records import Advisory, RawDocument

pytestmark = pytest.mark.model

REFERENCE = SHARED / "eval" / "articles" / "mali-diabaly-2013.txt"


@pytest.fixture
def read(settings: Any, resources: Any) -> Any:
    """read(text) -> the advisories the pipeline finds in it (and checks each evidence offset)."""
    from sitrep.pipeline import process_document

    def run(text: str, published: str | None = "2024-03-04") -> list[Advisory]:
        day = date.fromisoformat(published) if published else None
        result = process_document(RawDocument("t", "<test>", "text", text.encode(), day), settings, resources)
        assert result.rejected is None and result.article is not None
        for adv in result.advisories:
            assert adv.evidence, adv
            for ev in adv.evidence:
                assert result.article.text[ev.char_start : ev.char_end] == ev.text
        return list(result.advisories)

    return run


def test_us_do_not_travel(read: Any) -> None:
    [adv] = read(
        "The State Department on Tuesday told Americans not to travel to Niger, citing a rise in attacks on"
        " convoys near the border.\n\nThe notice followed a week of clashes in the west of the country."
    )
    assert (adv.kind, adv.issuer, adv.country, adv.admin1, adv.level) == ("advisory", "US", "NE", (), 4)
    assert adv.date == "2024-03-04" and adv.source == "article"


def test_uk_against_all_travel_to_a_region(read: Any) -> None:
    [adv] = read(
        "Britain's Foreign Office now advises against all travel to the Mopti region of Mali after a series"
        " of raids on villages along the river."
    )
    assert (adv.issuer, adv.country, adv.level) == ("GB", "ML", 4)
    assert adv.admin1 == ("ML.04",) and adv.admin1_names == ("Mopti",)


def test_reconsider_travel_is_level_three(read: Any) -> None:
    [adv] = read(
        "Australia's government urged its citizens to reconsider their need to travel to Burkina Faso."
    )
    assert (adv.issuer, adv.country, adv.level, adv.level_label) == ("AU", "BF", 3, "reconsider travel")


def test_negated_and_hypothetical_advice_gives_nothing(read: Any) -> None:
    assert not read(
        "Canada has not told its citizens to leave Mali, a spokesperson said on Monday. Officials said"
        " they could advise Canadians to leave if the fighting spreads to the capital. The department"
        " would consider whether to advise against all travel to Mali."
    )


def test_loose_threat_gives_nothing(read: Any) -> None:
    assert not read(
        "The striker's pace remains a constant threat to defences, and the coach said relegation is a real"
        " danger for the club this season. The side play in Bamako on Sunday. Rising prices are a threat"
        " to the team's budget."
    )


def test_small_or_denied_threat_gives_nothing(read: Any) -> None:
    assert not read(
        "There is little risk of flooding in Bamako this year, the agency said. Officials said there was"
        " no threat of kidnapping in the capital of Mali."
    )


def test_threat_without_a_region_is_country_wide(read: Any) -> None:
    [adv] = read(
        "The interior ministry said there is a serious threat of terrorism in Niger ahead of the elections."
    )
    assert (adv.kind, adv.country, adv.admin1, adv.threats, adv.level) == ("threat", "NE", (), ("T",), None)


def test_threat_in_the_part_of_a_country(read: Any) -> None:
    [adv] = read("Security analysts say the risk of kidnapping remains high in northern Nigeria.")
    assert (adv.kind, adv.country, adv.threats) == ("threat", "NG", ("K",))
    assert "NG.23" in adv.admin1 and "NG.05" not in adv.admin1  # Kaduna in, Lagos out


def test_drawdown_alone(read: Any) -> None:
    [adv] = read(
        "Germany has withdrawn non-essential staff from its embassy in Khartoum, the foreign ministry said."
    )
    assert (adv.kind, adv.issuer, adv.country, adv.drawdown, adv.level) == (
        "drawdown",
        "DE",
        "SD",
        True,
        None,
    )


def test_drawdown_folds_into_the_same_governments_advice(read: Any) -> None:
    [adv] = read(
        "Washington has ordered non-emergency staff to leave its embassy in Niamey and told Americans to"
        " reconsider travel to Niger."
    )
    assert (adv.kind, adv.issuer, adv.country, adv.level, adv.drawdown) == ("advisory", "US", "NE", 3, True)


def test_a_domestic_evacuation_order_is_no_advisory(read: Any) -> None:
    assert not read("Kenya's government told residents to leave low-lying areas of Nairobi as floods rose.")


@pytest.mark.eval
def test_reference_article_gives_the_canadian_advisory_and_the_northern_threat(read: Any) -> None:
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is absent")
    found = read(REFERENCE.read_text(encoding="utf-8"), "2013-01-20")
    assert len(found) == 2, found
    advice, threat = sorted(found, key=lambda a: a.kind)
    assert (advice.kind, advice.issuer, advice.country, advice.admin1, advice.level) == (
        "advisory",
        "CA",
        "ML",
        (),
        4,
    )
    assert advice.drawdown and "get out now" in advice.evidence[0].text
    assert any("Bamako" in e.text for e in advice.evidence)  # the relocated staff, folded in
    assert (threat.kind, threat.country, threat.threats) == ("threat", "ML", ("K", "T", "C"))
    assert set(threat.admin1) == {"ML.08", "ML.09", "ML.10", "ML.12070575", "ML.12070577"}  # the north
    assert threat.region == "the northern region" and "kidnapping" in threat.evidence[0].text


def test_a_reason_in_the_same_sentence_is_the_advice_s_threats(read: Any) -> None:
    [adv] = read(
        "Germany told its citizens to leave Iran on Friday, warning of the risk of arbitrary detention."
    )
    assert (adv.kind, adv.issuer, adv.country, adv.level, adv.threats) == ("advisory", "DE", "IR", 4, ("D",))


def test_an_ordered_departure_of_embassy_staff_is_a_drawdown(read: Any) -> None:
    [adv] = read(
        "The State Department ordered the departure of non-emergency embassy staff from Port-au-Prince."
    )
    assert (adv.kind, adv.issuer, adv.country) == ("drawdown", "US", "HT")
    assert not read("Police ordered the arrest of two embassy staff in Nairobi on Monday.")


def test_advice_for_a_part_of_a_country(read: Any) -> None:
    [adv] = read("Canada advised against all travel to the north of Mali, citing terrorism and kidnapping.")
    assert (adv.issuer, adv.country, adv.level, adv.threats) == ("CA", "ML", 4, ("K", "T"))
    assert "ML.10" in adv.admin1 and "ML.01" not in adv.admin1  # Kidal in, Bamako out
    [both] = read("Canada advised against all travel to the north and centre of Mali.")
    assert both.admin1 == ()  # no one side: the whole country, never too little


def test_a_failing_advisory_rule_keeps_the_events(settings: Any, resources: Any, monkeypatch: Any) -> None:
    import sitrep.pipeline as pipeline

    def broken(*args: Any) -> Any:
        raise RuntimeError("a bug in a rule")

    monkeypatch.setattr(pipeline, "extract_advisories", broken)
    text = "Gunmen killed three villagers near Niono, Mali, on Saturday, a local official said."
    raw = RawDocument("t", "<test>", "text", text.encode(), date(2024, 3, 4))
    result = pipeline.process_document(raw, settings, resources)
    assert result.rejected is None and result.events and result.advisories == ()
