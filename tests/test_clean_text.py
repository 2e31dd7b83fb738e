"""Clean plain text: decoding, the boilerplate filter, headlines, empties and binary content."""

from __future__ import annotations

import json
import os
import random
import socket
from pathlib import Path

import pytest

from conftest import problems
from sitrep.clean import clean_document
from sitrep.clean.boilerplate import is_boilerplate_line, remove_boilerplate, split_blocks
from sitrep.clean.decode import decode_bytes
from sitrep.errors import ParseError
from sitrep.lang import load
from sitrep.records import Article, RawDocument, Rejected, content_hash
from sitrep.settings import Settings

EN = load("en")

ARTICLES = Path(__file__).parent / "data" / "articles"
SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
STORY = "Gunmen attacked a village near Gao on Sunday, killing three people, residents said."


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the clean stage must not touch the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def raw(content: bytes | str, media_type: str = "text", **kw: object) -> RawDocument:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return RawDocument(doc_id="d1", origin="test.txt", media_type=media_type, content=data, **kw)  # type: ignore[arg-type]


def clean_ok(content: bytes | str, settings: Settings | None = None, **kw: object) -> Article:
    out = clean_document(raw(content, **kw), settings or Settings(), EN)
    assert isinstance(out, Article), out
    return out


def clean_rejected(content: bytes | str, settings: Settings | None = None, **kw: object) -> Rejected:
    out = clean_document(raw(content, **kw), settings or Settings(), EN)
    assert isinstance(out, Rejected), out
    assert out.stage == "clean" and out.doc_id == "d1" and out.origin == "test.txt"
    return out


# --- the boilerplate fixture ---------------------------------------------------------------


def test_text_with_boilerplate_keeps_the_story_only() -> None:
    article = clean_ok((ARTICLES / "kisumu-protest-boilerplate.txt").read_bytes())
    text = article.text
    for chrome in (
        "Skip to main content",
        "Home | News",
        "Sign up for our newsletter",
        "Share this article",
        "Facebook Twitter",
        "Advertisement",
        "Story continues below advertisement",
        "Read more:",
        "With files from",
        "Report a typo",
        "All rights reserved",
        "We have closed comments",
        "community guidelines",
        "Thank you for your patience",
    ):
        assert chrome not in text, chrome
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Saturday, June 8, 2024"
    # the image caption is not boilerplate
    assert paragraphs[1].startswith("Riot police officers walk past a burning barricade")
    assert paragraphs[2].startswith("KISUMU, Kenya — Police fired tear gas")
    assert paragraphs[-1].startswith("The county governor appealed for calm")
    assert "“We cannot feed our families" in text and "“They answer us with tear gas.”" in text
    assert len(paragraphs) == 8
    assert article.title == "Police fire tear gas at fuel-price protesters in Kisumu"
    assert (article.published.isoformat(), article.published_basis) == ("2024-06-08", "dateline")  # type: ignore[union-attr]
    assert article.content_hash == content_hash(text)
    assert problems(article) == ()


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Share this article",
        "Advertisement",
        "ADVERTISEMENT - SCROLL TO CONTINUE WITH CONTENT",
        "Story continues below advertisement",
        "Read more: Fuel prices rise for the third month in a row",
        "Sign up for our newsletter",
        "Subscribe for $1 a week",
        "Report an error",
        "Report a typo",
        "Home | World | Africa | Politics | Business",
        "Facebook Twitter WhatsApp Email Copy link",
        "Comments (3)",
        "Log in to comment",
        "Related stories",
        "We have closed comments on this story for legal reasons.",
        "Comments are moderated and may take up to 24 hours to appear.",
        "We use cookies to improve your experience. By continuing to browse, you agree to our cookie use.",
        "Thank you for your patience.",
        "© 2024 The Sahel Courier. All rights reserved.",
        "Copyright 2013 The Associated Press. All rights reserved. "
        "This material may not be published, broadcast, rewritten or redistributed.",
        "With a report from The Associated Press",
        "(Reporting by Jane Doe; Editing by John Roe)",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate_line(line, EN.boilerplate)


@pytest.mark.parametrize(
    "line",
    [
        STORY,
        "Fighting spreads",
        "Gunmen kill four soldiers near Ansongo",
        "A soldier patrols a street in Gao, northern Mali, on Jan. 19, 2013. (AP Photo/Jerome Delay)",
        "(AP Photo/Jerome Delay)",
        "“We will close the road and nobody will pass,” the governor said.",
        "We were woken by the shooting and ran into the bush, a resident said.",
        "The army said comments made by the minister were taken out of context.",
        "Residents shared photos of the burned market on social media.",
        "Read the full statement",
        "By Awa Traoré",
        "Saturday, June 8, 2024",
        "Police said the bakery sold cookies using flour from Gao.",
    ],
)
def test_story_lines_are_kept(line: str) -> None:
    assert not is_boilerplate_line(line, EN.boilerplate)


def test_policy_paragraph_spanning_sentences_is_dropped_but_story_paragraphs_stay() -> None:
    text = (
        f"{STORY}\n\n"
        "As of March 1, we have turned off commenting on our articles. We hope to bring it back soon. "
        "Thank you for your patience. If you have feedback on our new site, please write to us.\n\n"
        f"{STORY}"
    )
    assert remove_boilerplate(text, EN.boilerplate) == f"{STORY}\n\n{STORY}"


def test_paragraph_breaks_kept_and_lines_not_reflowed() -> None:
    text = "First   paragraph line one\nline\ttwo of it.\r\n\r\n\r\n  Second\u00a0paragraph.  \n"
    assert (
        remove_boilerplate(text, EN.boilerplate)
        == "First paragraph line one\nline two of it.\n\nSecond paragraph."
    )


def test_one_paragraph_per_line_text_gets_blank_lines() -> None:
    lines = [
        STORY,
        "The army said it had sent reinforcements to the area on Monday morning.",
        "Advertisement",
    ]
    assert remove_boilerplate("\n".join(lines), EN.boilerplate) == f"{lines[0]}\n\n{lines[1]}"
    assert split_blocks("hard wrapped text that\ngoes on and on\nwithout a full stop") == [
        ["hard wrapped text that", "goes on and on", "without a full stop"]
    ]


# --- headline ------------------------------------------------------------------------------


def test_headline_becomes_title_and_leaves_the_text() -> None:
    article = clean_ok(f"Gunmen attack village near Gao\n\n{STORY}")
    assert article.title == "Gunmen attack village near Gao" and article.text == STORY


def test_known_title_is_removed_from_the_text_only_when_it_matches() -> None:
    article = clean_ok(f"Gunmen attack village near Gao\n\n{STORY}", title="Gunmen attack village near Gao")
    assert article.text == STORY
    article = clean_ok(f"Gunmen attack village\n\n{STORY}", title="Another headline")
    assert article.title == "Another headline" and article.text.startswith("Gunmen attack village\n\n")


def test_first_sentence_is_not_mistaken_for_a_headline() -> None:
    assert clean_ok(f"{STORY}\n\n{STORY}").title is None
    assert clean_ok(f"By Awa Traoré\n\n{STORY}").title is None


# --- decoding ------------------------------------------------------------------------------


def test_cp1252_text_is_decoded_with_a_warning() -> None:
    data = f"“{STORY}” — officials’ count".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    article = clean_ok(data)
    assert article.text == f"“{STORY}” — officials’ count"
    assert problems(article) == ("not valid UTF-8 at byte 0; decoded as cp1252",)


def test_latin1_fallback_when_cp1252_cannot_decode() -> None:
    data = STORY.encode() + b" caf\xe9 \x81"
    decoded = decode_bytes(data)
    assert decoded.text.endswith("café \x81")
    assert decoded.warnings == (f"not valid UTF-8 at byte {len(STORY) + 4}; decoded as latin-1",)


def test_utf8_bom_and_utf16_bom() -> None:
    assert clean_ok(b"\xef\xbb\xbf" + STORY.encode()).text == STORY
    article = clean_ok(STORY.encode("utf-16"))
    assert article.text == STORY and problems(article) == ()


def test_binary_png_is_rejected() -> None:
    rng = random.Random(7)
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000))
    rej = clean_rejected(data)
    assert rej.reason.startswith("binary content, not text (looks like a PNG image)")
    assert "convert the document first" in rej.reason
    with pytest.raises(ParseError, match="binary content"):
        clean_document(raw(data), Settings(strict=True), EN)


def test_control_characters_without_nul_are_binary() -> None:
    data = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15] * 50) + STORY.encode()
    assert clean_rejected(data).reason.startswith("binary content, not text: ")


def test_random_bytes_are_binary() -> None:
    assert clean_rejected(os.urandom(5000)).reason.startswith("binary content, not text")


# --- empties and limits --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty: the document has no content"),
        (b"  \n\n\t \r\n", "empty: the document is only whitespace (8 bytes)"),
        (
            b"Too short.",
            "empty: 10 characters of the text left after removing boilerplate, under min_text_chars=40",
        ),
        (b"Skip to main content\n\nAdvertisement\n\nShare this article\n", "empty: 0 characters of the text"),
    ],
)
def test_empty_documents_are_rejected(content: bytes, reason: str) -> None:
    assert clean_rejected(content).reason.startswith(reason)


def test_empty_raises_in_strict_mode() -> None:
    with pytest.raises(ParseError, match="empty") as info:
        clean_document(raw(b""), Settings(strict=True), EN)
    assert info.value.hint


def test_min_text_chars_setting() -> None:
    assert isinstance(clean_document(raw("Short but fine."), Settings(min_text_chars=10), EN), Article)


def test_oversized_content_in_hand_is_rejected() -> None:
    rej = clean_rejected(STORY * 10, Settings(max_document_bytes=100))
    assert "over the 100-byte limit (max_document_bytes)" in rej.reason


# --- a real article (internal evaluation data, read from ../shared when present) -----------


@pytest.mark.eval
def test_shared_eval_article_boilerplate_is_removed() -> None:
    gold_path = SHARED_EVAL / "seed-gold.jsonl"
    if not gold_path.exists():
        pytest.skip(f"shared evaluation data not found at {SHARED_EVAL}")
    checked = 0
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        path = SHARED_EVAL / gold["file"]
        if not gold.get("boilerplate") or not path.exists():
            continue
        article = clean_ok(path.read_bytes())
        for chrome in gold["boilerplate"]:
            assert chrome not in article.text, (gold["id"], chrome)
        original = [
            ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if len(ln.strip()) > 80
        ]
        story = [ln for ln in original if not any(c in ln for c in gold["boilerplate"])]
        kept = sum(1 for ln in story if ln in article.text)
        assert kept >= len(story) - 1, gold["id"]  # every story paragraph (bar a policy one) survives
        checked += 1
    assert checked


def test_a_list_of_headlines_under_the_story_is_dropped() -> None:
    text = (
        "Gunmen attacked a market in Kaya on Sunday, killing five people, officials said.\n"
        "-\n"
        "Pop Star Reveals Secret Wedding Plans After Tour Ends -\n"
        "Local Team Wins Cup In Dramatic Penalty Shootout -\n"
        "Army Drone Shot Down Near Border In Training Accident -\n"
        "Ten Recipes For A Quick Weekend Breakfast -"
    )
    assert remove_boilerplate(text, EN.boilerplate) == (
        "Gunmen attacked a market in Kaya on Sunday, killing five people, officials said."
    )


def test_a_story_title_and_its_subtitle_stay() -> None:
    text = (
        "Army Retakes Town From Rebels\nSoldiers Enter Diabaly After Week Of Fighting\n"
        "Malian troops entered the town."
    )
    assert remove_boilerplate(text, EN.boilerplate) == text


def test_a_list_under_a_related_heading_is_dropped_whatever_its_case() -> None:
    text = (
        "Gunmen attacked a market in Kaya on Sunday, killing five people, officials said.\n\n"
        "Related stories\n"
        "Suicide bomber kills 30 at mosque in the north\n"
        "Troops clash with rebels near the border\n\n"
        "Most read\n\n"
        "1. Army retakes key town from jihadists\n\n"
        "2. Floods displace thousands\n\n"
        "The market had reopened last month after a year of closure."
    )
    assert remove_boilerplate(text, EN.boilerplate) == (
        "Gunmen attacked a market in Kaya on Sunday, killing five people, officials said.\n\n"
        "The market had reopened last month after a year of closure."
    )


def test_hard_wrapped_wire_copy_in_capitals_is_not_a_list_of_headlines() -> None:
    text = (
        "GUNMEN ATTACKED A POLICE POST NEAR THE BORDER TOWN LAST NIGHT, KILLING THREE\n"
        "OFFICERS AND WOUNDING TWO OTHERS, THE INTERIOR MINISTRY SAID. THE ATTACKERS\n"
        "FLED TOWARD THE HILLS AFTER SETTING FIRE TO A TRUCK, AND TROOPS WERE SENT TO\n"
        "THE AREA THIS MORNING TO SEARCH FOR THEM, A SPOKESMAN SAID."
    )
    assert remove_boilerplate(text, EN.boilerplate) == text


# --- text that only looks broken ---------------------------------------------------------------

STORY = (
    "Herders and farmers clashed over a water point outside Kidal on Monday, leaving three dead, "
    "a local councillor said. Elders from both sides met the prefect the next morning."
)


def test_stray_nul_bytes_are_removed_not_refused() -> None:
    data = STORY.encode("utf-8")
    broken = data[:40] + b"\0" * 30 + data[40:90] + b"\0" * 20 + data[90:]
    article = clean_ok(broken)
    assert article.text == STORY.split(" Elders")[0] + " Elders" + STORY.split(" Elders")[1]
    assert "\0" not in article.text and any("50 stray NUL" in w for w in article.warnings)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom_are_read(encoding: str) -> None:
    article = clean_ok(STORY.encode(encoding))
    assert article.text == STORY
    assert any(encoding in w for w in article.warnings)


def test_mostly_nul_is_still_binary() -> None:
    assert clean_rejected(b"ab\0\0\0cd\0\0\0\0" * 300).reason.startswith("binary content, not text")
