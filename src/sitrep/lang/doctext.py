"""A parsed document's text, joined once: spaCy joins its tokens anew on every ``Doc.text``.

On 400 real news documents the geoparser and the event coder asked for the text of each
document about seven times, and the joins cost about a tenth of the analysis.
"""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["text_of"]

_TEXT = "sitrep.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, kept in ``doc.user_data`` after the first call."""
    text = doc.user_data.get(_TEXT)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT] = doc.text
    return text
