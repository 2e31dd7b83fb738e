"""Event coding on short news texts written for these tests: types, hierarchy, not-coded cases, actors."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.model


def subs(events: list[dict[str, Any]]) -> list[str]:
    return [e["sub_event_type"] for e in events]


def one(events: list[dict[str, Any]], sub: str) -> dict[str, Any]:
    found = [e for e in events if e["sub_event_type"] == sub]
    assert len(found) == 1, subs(events)
    return found[0]


def test_air_strike_with_state_actor_and_place(extract: Any) -> None:
    ev = extract(
        "French warplanes carried out airstrikes on Islamist positions near Gao on Tuesday.", "2024-03-07"
    )
    e = one(ev, "Air/drone strike")
    assert e["event_type"] == "Explosions/Remote violence"
    assert e["actor1"] == "Military Forces of France"
    assert e["country"] == "ML" and e["location"] == "Gao"
    assert e["date"] == "2024-03-05" and e["time_precision"] == 1


def test_killing_civilians_is_attack_with_toll(extract: Any) -> None:
    ev = extract(
        "Gunmen killed five villagers in an attack on a market outside Kaya on Sunday, the mayor said.",
        "2024-05-13",
    )
    e = one(ev, "Attack")
    assert e["event_type"] == "Violence against civilians"
    assert e["fatalities"] == 5
    assert e["actor1"] == "Unidentified Armed Group (Burkina Faso)"
    assert e["actor2"] == "Civilians (Burkina Faso)"


def test_killing_soldiers_is_armed_clash(extract: Any) -> None:
    ev = extract("Militants killed three soldiers at a checkpoint near Mopti on Monday.", "2024-05-15")
    assert subs(ev) == ["Armed clash"]


def test_suicide_bombing_absorbs_the_explosion(extract: Any) -> None:
    ev = extract(
        "A suicide bomber blew himself up at a checkpoint in Mogadishu on Friday, killing "
        "seven people, police said.",
        "2024-06-08",
    )
    assert subs(ev) == ["Suicide bomb"]
    assert ev[0]["fatalities"] == 7 and ev[0]["country"] == "SO"


def test_territory_change_typed_by_actor(extract: Any) -> None:
    gov = extract("The Malian army retook the town of Gao from Islamist fighters on Saturday.", "2024-03-04")
    assert subs(gov) == ["Government regains territory"]
    assert gov[0]["actor1"] == "Military Forces of Mali"
    nsa = extract(
        "Islamist militants seized the town of Menaka on Saturday after a brief fight.", "2024-03-04"
    )
    assert "Non-state actor overtakes territory" in subs(nsa)


@pytest.mark.parametrize(
    "text",
    [
        "The militants threatened to attack Gao if the army did not withdraw.",  # threat
        "The army plans to retake Kidal in the coming weeks.",  # plan
        "Rebels will seize the town of Gao, their commander warned.",  # future + warning
        "The ministry denied that soldiers had killed civilians in Mopti.",  # denial
        "No civilians were killed in Mopti on Monday, officials said.",  # negation
        "There is a high risk of kidnapping in the north of the country.",  # risk
    ],
)
def test_not_coded_as_happened(extract: Any, text: str) -> None:
    assert extract(text, "2024-03-04") == []


def test_unconfirmed_claim_is_hedged(extract: Any) -> None:
    ev = extract(
        "A spokesman could not confirm claims that rebels had captured the town of Kidal.", "2024-03-04"
    )
    assert len(ev) == 1 and ev[0]["hedged"] is True
    assert ev[0]["confidence"] < 0.6


def test_pronoun_attacker_resolved_from_previous_sentence(extract: Any) -> None:
    ev = extract(
        "Jihadist fighters entered the village of Boni near Douentza on Monday night. "
        "They shot dead a shopkeeper and a teacher, residents said.",
        "2024-04-02",
    )
    e = one(ev, "Attack")
    assert e["actor1"] == "Islamist militants (Mali)"
    assert e["fatalities"] == 2


def test_mentions_of_one_happening_merge(extract: Any) -> None:
    text = (
        "Nigerian troops recaptured the town of Baga from insurgents on Thursday. "
        "Residents said soldiers had recaptured Baga after a short battle with the insurgents."
    )
    ev = extract(text, "2024-02-10")
    e = one(ev, "Government regains territory")
    assert len(e["evidence"]) == 2


def test_background_incident_marked(extract: Any) -> None:
    ev = extract("Rebels first seized the town of Kidal eight months ago.", "2024-03-04")
    assert ev and all(e["background"] for e in ev)


def test_evidence_slices_the_cleaned_text(settings: Any, resources: Any) -> None:
    from datetime import date

    from sitrep.pipeline import process_document
    from sitrep.records import RawDocument

    text = (
        "Police fired tear gas at protesters in Nairobi on Tuesday.\n\n"
        "Separately, gunmen abducted two aid workers near Mandera on Monday."
    )
    r = process_document(RawDocument("d", "d", "text", text.encode(), date(2024, 7, 3)), settings, resources)
    assert r.article is not None and r.events
    for e in r.events:
        for ev in e.evidence:
            assert r.article.text[ev.start : ev.end] == ev.text
    assert {e.sub_event_type for e in r.events} == {
        "Protest with intervention",
        "Abduction/forced disappearance",
    }


def test_relative_dates_stay_null_without_a_publication_date(extract: Any) -> None:
    ev = extract("Rebels seized the town of Kidal on Saturday, residents said.")
    assert ev and ev[0]["date"] is None and ev[0]["time_precision"] == 3
    dated = extract("Rebels seized the town of Kidal on 14 January 2013, residents said.")
    assert dated[0]["date"] == "2013-01-14" and dated[0]["time_precision"] == 1


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Police fired tear gas to disperse hundreds of protesters in Nairobi on Tuesday.",
            "Protest with intervention",
        ),
        (
            "Soldiers opened fire with live rounds on protesters in Khartoum on Monday, killing four.",
            "Excessive force against protesters",
        ),
        (
            "Protesters torched a police station and looted shops in Kisumu on Friday.",
            "Violent demonstration",
        ),
        (
            "Thousands of teachers marched peacefully through Accra on Wednesday to demand higher pay.",
            "Peaceful protest",
        ),
        (
            "Gunmen burned dozens of homes in a village near Kaya on Sunday; no one was hurt.",
            "Looting/property destruction",
        ),
        ("Soldiers defused a roadside bomb on the road to Gao on Monday.", "Disrupted weapons use"),
        ("The army set up a new base outside Menaka on Thursday.", "Headquarters or base established"),
        ("The government and the rebels signed a ceasefire agreement in Addis Ababa on Friday.", "Agreement"),
        ("Police arrested twelve members of an armed gang in Mombasa on Saturday.", "Arrests"),
        (
            "The army deployed hundreds of troops to the border near Gao on Tuesday.",
            "Change to group/activity",
        ),
        (
            "Rebels took the town of Kidal without a fight on Sunday after the army withdrew.",
            "Non-violent transfer of territory",
        ),
        (
            "Jihadists detonated a car bomb outside a hotel in Mogadishu on Friday.",
            "Remote explosive/landmine/IED",
        ),
        (
            "Government forces used chlorine gas against a rebel-held district of Idlib on Tuesday.",
            "Chemical weapon",
        ),
        ("Militants lobbed a grenade at a police post in Garissa on Thursday.", "Grenade"),
        (
            "Rebels shelled the outskirts of Goma with mortars on Wednesday.",
            "Shelling/artillery/missile attack",
        ),
        ("Gunmen kidnapped three aid workers near Mandera on Monday.", "Abduction/forced disappearance"),
    ],
)
def test_sub_event_types_and_hierarchy(extract: Any, text: str, sub: str) -> None:
    ev = extract(text, "2024-06-10")
    assert sub in subs(ev), subs(ev)
    assert len(ev) == 1, subs(ev)  # the generic readings (an attack, an arrest, an IED) are absorbed


def test_aggregates_and_old_history_are_not_coded(extract: Any) -> None:
    assert extract("The insurgency has killed more than 2,000 civilians since 2015.", "2024-06-10") == []
    assert (
        extract("Rebels first seized the town of Kidal in 2012.", "2024-06-10") == []
    )  # > 18 months: history


def test_toll_range_and_inter_codes_and_plover(extract: Any) -> None:
    (e,) = extract("Gunmen killed between 10 and 20 villagers in Kaya on Sunday.", "2024-05-13")
    assert (e["fatalities"], e["fatalities_low"], e["fatalities_high"]) == (10, 10, 20)
    assert (e["inter1"], e["inter2"], e["plover_type"]) == (3, 7, "ASSAULT")
    (d,) = extract("Militants killed dozens of soldiers at a base near Mopti on Monday.", "2024-05-15")
    assert d["fatalities"] == 12 and d["fatalities_high"] is None and d["inter2"] == 1


def test_one_toll_is_never_given_to_two_events(extract: Any) -> None:
    ev = extract(
        "A suicide bomber struck a market in Maiduguri on Sunday, killing 9 people, and police later "
        "arrested two suspects in Maiduguri.",
        "2024-06-10",
    )
    assert sum(e["fatalities"] or 0 for e in ev) == 9


@pytest.mark.parametrize(
    ("phrase", "day", "precision"),
    [
        ("late Saturday", "2013-01-19", 1),
        ("yesterday", "2013-01-19", 1),
        ("on Jan. 11", "2013-01-11", 1),
        ("at the beginning of the week", "2013-01-14", 2),
    ],
)
def test_event_date_phrase_families(extract: Any, phrase: str, day: str, precision: int) -> None:
    (e,) = extract(f"Rebels seized the town of Kidal {phrase}, residents said.", "2013-01-20")
    assert e["date"] == day and e["time_precision"] == precision


@pytest.mark.parametrize(
    "text",
    [
        "The report demonstrates that the region's economy is growing.",  # showing, not protesting
        "The ministry said talks would resume on March 31 in Geneva.",  # the month
        "The company signed agreements with three insurers on Monday.",  # business, not conflict
        "The minister handed over the report to parliament on Tuesday.",  # paperwork
        "The president said the country should send peace demonstrators to the border.",  # a proposal
    ],
)
def test_ordinary_news_is_not_coded(extract: Any, text: str) -> None:
    assert extract(text, "2024-03-04") == []


def test_definite_reference_joins_the_event_already_told(extract: Any) -> None:
    text = (
        "A car bomb exploded outside a police station in Kirkuk on Monday, killing six people. "
        "Officials in Baghdad condemned the bombing on Tuesday."
    )
    ev = extract(text, "2024-03-06")
    assert subs(ev) == ["Remote explosive/landmine/IED"] and len(ev[0]["evidence"]) == 2


def test_later_blast_and_toll_update_join_the_bombing(extract: Any) -> None:
    text = (
        "A suicide bomber blew herself up at a market in Maiduguri on Sunday, killing at least 12 people.\n\n"
        "The blast tore through stalls as traders were closing, witnesses said.\n\n"
        "On Monday the death toll rose to 15 as three of the wounded died, a hospital official said."
    )
    ev = extract(text, "2024-06-10")
    assert subs(ev) == ["Suicide bomb"]
    assert ev[0]["fatalities"] == 15 and ev[0]["date"] == "2024-06-09"


def test_demonstrators_come_first_in_protest_events(extract: Any) -> None:
    (e,) = extract("Police fired tear gas at protesters in Kisumu on Tuesday.", "2024-06-26")
    assert e["actor1"] == "Protesters (Kenya)" and e["actor2"] == "Police Forces of Kenya"
    assert (e["inter1"], e["inter2"]) == (6, 1)


def test_damage_in_a_story_about_demonstrations_is_a_riot(extract: Any) -> None:
    text = (
        "Thousands of people marched through Nairobi on Tuesday against a new tax, in a peaceful protest.\n\n"
        "In Mombasa, young men set fire to tyres and smashed the windows of a government office."
    )
    ev = extract(text, "2024-06-26")
    assert {e["sub_event_type"] for e in ev} == {"Peaceful protest", "Violent demonstration"}


def test_fighting_between_two_named_sides(extract: Any) -> None:
    (e,) = extract(
        "Fighting between the ELN and FARC dissidents killed three people near Cucuta on Saturday.",
        "2024-01-22",
    )
    assert e["actor1"] == "ELN: National Liberation Army" and e["actor2"] == "FARC Dissidents"


def test_hard_wrapped_lines_stay_one_sentence(extract: Any) -> None:
    text = (
        "Gunmen attacked a police post on the road\nnorth of Mopti on Monday, killing two\n"
        "officers, the army said.\n\nResidents said the market stayed closed."
    )
    ev = extract(text, "2024-03-06")
    (e,) = [x for x in ev if x["sub_event_type"] == "Armed clash"]
    assert (
        e["evidence"][0]["text"].startswith("Gunmen attacked")
        and "officers, the army said." in e["evidence"][0]["text"]
    )
    assert e["fatalities"] == 2


@pytest.mark.parametrize(
    "text",
    [
        "Officials said several people were going to be kidnapped near Mopti.",  # "going to": future
        "If arrests were made in Gao, they were lawful, the minister said.",  # a condition
        "The army said it had foiled the rebels' plans to expand into Kidal.",  # plans, not a plot or weapons
    ],
)
def test_futures_conditions_and_plans_are_not_coded(extract: Any, text: str) -> None:
    assert extract(text, "2024-03-04") == []


def test_firing_a_mortar_is_not_disrupting_one(extract: Any) -> None:
    ev = extract("Rebels shot a mortar round at an army post near Goma on Monday.", "2024-03-06")
    assert "Disrupted weapons use" not in subs(ev)
    ok = extract("Air defences shot down two drones over Kharkiv on Monday.", "2024-03-06")
    assert subs(ok) == ["Disrupted weapons use"]
