"""Detect each article's language with lingua, loaded once per process."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from storyline.model import Doc
from storyline.pipeline import stage

#: The languages news arrives in most often; fewer languages keep lingua small and fast.
LANGUAGES = (
    Language.ENGLISH,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.ITALIAN,
    Language.DUTCH,
    Language.PORTUGUESE,
    Language.RUSSIAN,
    Language.ARABIC,
)


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the text's language, or None when lingua cannot tell."""
    found = _detector().detect_language_of(text[:5000])
    return None if found is None else found.iso_code_639_1.name.lower()


@stage("language.v1", provides=["language"])
def add_language(doc: Doc) -> Doc:
    """Set the article's language."""
    language = detect_language(f"{doc.article.title}\n{doc.article.text}")
    return doc.with_(article=replace(doc.article, language=language))
