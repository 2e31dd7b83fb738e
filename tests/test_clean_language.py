"""The language check: confidently foreign texts are refused, short or unsure ones kept."""

from __future__ import annotations

import pytest

from sitrep.clean.article import clean_document
from sitrep.clean.language import detect_language
from sitrep.lang import load as load_language
from sitrep.records import Article, RawDocument, Rejected
from sitrep.settings import Settings

EN = (
    "Gunmen attacked a village near the border on Tuesday, killing four farmers, local officials said. "
    "Residents fled towards the district town."
)
FR = (
    "Des hommes armés ont attaqué un village près de la frontière mardi, tuant quatre agriculteurs. "
    "Les habitants ont fui vers le chef-lieu du district."
)
ES = (
    "Hombres armados atacaron una aldea cerca de la frontera el martes y mataron a cuatro campesinos. "
    "Los vecinos huyeron hacia la cabecera del distrito."
)


def clean(text: str, settings: Settings) -> Article | Rejected:
    raw = RawDocument(doc_id="d", origin="d.txt", media_type="text", content=text.encode())
    return clean_document(raw, settings, load_language("en"))


def test_english_is_kept_with_its_verdict(settings: Settings) -> None:
    article = clean(EN, settings)
    assert isinstance(article, Article)
    assert any(w.startswith("language: 'en' (p=") for w in article.warnings)


@pytest.mark.parametrize(("text", "code"), [(FR, "fr"), (ES, "es")])
def test_other_languages_are_rejected_with_the_reason(settings: Settings, text: str, code: str) -> None:
    out = clean(text, settings)
    assert isinstance(out, Rejected) and out.stage == "clean"
    assert out.reason.startswith(f"language: detected '{code}' (p=")
    assert "sitrep reads 'en' (setting language)" in out.reason


def test_a_five_word_snippet_is_kept(settings: Settings) -> None:
    verdict = detect_language("Quatre morts près de Gao", "en")
    assert not verdict.judged and not verdict.refused


def test_the_check_can_be_turned_off(settings: Settings) -> None:
    article = clean(FR, settings.replace(language_check=False))
    assert isinstance(article, Article) and not any(w.startswith("language") for w in article.warnings)


def test_a_quote_in_another_language_does_not_refuse_a_story() -> None:
    mixed = EN + " « Nous avons tout perdu », a dit un habitant. " + EN
    assert not detect_language(mixed, "en").refused
