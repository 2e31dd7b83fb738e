"""What a toponym is doing in its sentence: where something happened, or something else.

A place can be named without anything happening there. ``role_of`` tells, for one recognised
toponym, the preposition before it and whether it is set aside as an event's place, and why:

- ``speaker``: where someone spoke ("speaking from Paris", "told reporters in Geneva", "a
  statement from Nairobi");
- ``actor``: a place standing for its government ("Khartoum denies", "sanctioned by Brussels");
- ``dateline``: where the reporter filed ("BAMAKO, Mali (AP) —", "London, June 13 :");
- ``border``: a border named after a country ("near the Niger border", "the border with
  Mauritania", "the Sudan-Chad border", "which borders Malaysia");
- ``designation``: a place in a title ("the Saudi ambassador to Chad", "the UN envoy for Mali");
- ``owner``: a country whose place is named at once ("Iraq's Diyala province");
- ``provenance``: where people come from ("migrants from nearby Mali", "fighters from Libya");
- ``reference``: a reference point ("northeast of Baghdad", "20 km north of Gao"), with the distance
  and bearing when the text gives them. Unlike the others, a reference point still places an event
  when the text names nothing else (``context.place_for_span``), at a point moved by that offset.

The words and patterns are the language's (``PlaceWords``). Hand-written because these are ACLED's
rules for which named place is the event's, not a general geoparsing step.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..lang import PlaceWords
from .context import ACTOR, BORDER, DATELINE, DESIGNATION, OWNER, PROVENANCE, REFERENCE, SPEAKER
from .link import lemma
from .phrases import text_of, titled

__all__ = ["Role", "is_border", "role_of"]

_DATELINE_WORDS = 4  # words of the town before a dateline's country
_NEAR_VERB = 6  # tokens between "from X" and a verb of speaking that makes X where it was said


@dataclass(frozen=True, slots=True)
class Role:
    """The preposition before a toponym, and why it is not an event's place (None: it may be)."""

    prep: str | None
    aside: str | None = None
    offset: tuple[float, float] | None = None  # a reference point's (km or 0, bearing or -1 degrees)


def role_of(span: Span, start: int, words: PlaceWords) -> Role:
    """The role of the toponym whose name tokens are ``span`` and whose text starts at ``start``.

    Args:
        span: the name's tokens ("Mali" of "northern Mali").
        start: the toponym's first character (the direction word of "northern Mali").
        words: the language's place words.

    Returns:
        The preposition before it and, when it is not an event's place, why.
    """
    doc = span.doc
    prep_i = _prep_before(span, words)
    prep = doc[prep_i].lower_ if prep_i is not None else None
    if _dateline(doc, span, start, words):
        return Role(prep, DATELINE)
    if is_border(span, words):
        return Role(prep, BORDER)
    if prep_i is not None and _speaker(doc[prep_i], prep or "", words):
        return Role(prep, SPEAKER)
    if _actor(span, words) or _owns_group(span, words):
        return Role(prep, ACTOR)
    if prep_i is not None and doc[prep_i].head.lower_ in words.DESIGNATION_NOUNS or _titles(span, words):
        return Role(prep, DESIGNATION)  # "the Saudi ambassador to Chad", "Chad's ambassador"
    if _owner(span, words):
        return Role(prep, OWNER)
    reference = _reference(doc, start, words)
    if reference is not None:
        return Role(prep, REFERENCE, reference)
    if prep in words.ORIGIN_PREPS and prep_i is not None and _of_people(doc[prep_i]):
        return Role(prep, PROVENANCE)  # "migrants from Mali": where people come from
    return Role(prep)


def _titles(span: Span, words: PlaceWords) -> bool:
    """ "Chad's ambassador", "Nigeria's defence minister": a possessive that makes a title."""
    doc = span.doc
    j = span.end
    if j >= len(doc) or doc[j].lower_ not in words.POSSESSIVE:
        return False
    return any(t.lower_ in words.DESIGNATION_NOUNS for t in doc[j + 1 : j + 4])


def _of_people(prep: Token) -> bool:
    """ "migrants from", "fighters from": the preposition says where a noun's referents come from."""
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    return prep.head.pos_ == "NOUN" or (before is not None and before.pos_ == "NOUN")


def _owner(span: Span, words: PlaceWords) -> bool:
    """ "Iraq's Diyala province", "Kunduz province's Chahar Dara district": the place owned is named."""
    doc = span.doc
    j = span.end
    if j < len(doc) and doc[j].lower_ in words.REGION_WORDS:
        j += 1
    if j >= len(doc) or doc[j].lower_ not in words.POSSESSIVE:
        return False
    j += 1
    while j < len(doc) and (doc[j].lower_ in words.DIRECTIONS or doc[j].pos_ == "ADJ") and not titled(doc[j]):
        j += 1  # "Mali's central Mopti region", "Nigeria's restive Borno State"
    return j < len(doc) and titled(doc[j])


def _prep_before(span: Span, words: PlaceWords) -> int | None:
    """Index of the preposition before a toponym (over articles and directions), if any."""
    doc = span.doc
    i = span.start - 1
    while i >= 0:
        if doc[i].lower_ in words.LEADING_DROP or doc[i].lower_ in words.DIRECTIONS or doc[i].pos_ == "ADJ":
            i -= 1  # "in the north of", "from nearby Mali", "in war-torn Mali"
        elif doc[i].lower_ in words.POSSESSIVE:  # "in Iraq's Diyala province": "in"
            i -= 1
            while i >= 0 and (_name_of(doc[i]) or doc[i].lower_ in words.REGION_WORDS):
                i -= 1
        else:
            break
    return i if i >= 0 and doc[i].pos_ in ("ADP", "SCONJ") else None


def _dateline(doc: Doc, span: Span, start: int, words: PlaceWords) -> bool:
    """The toponym opens a line and a wire dateline's tail follows it."""
    text = text_of(doc)
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start].strip()
    if head and not (head.endswith(",") and head[:1].isupper() and len(head.split()) <= _DATELINE_WORDS):
        return False  # not at the start of a line, nor the country after its town ("BAMAKO, Mali (AP)")
    line_end = text.find("\n", span.end_char)
    rest = text[span.end_char : line_end if line_end >= 0 else len(text)]
    return words.DATELINE_TAIL.match(rest) is not None


def is_border(span: Span, words: PlaceWords) -> bool:
    """ "the Niger border", "the Sudan-Chad border", "the border with Mauritania", "borders Malaysia"."""
    doc = span.doc
    j = span.end
    while j < len(doc) and (
        doc[j].text in ("-", "–") or doc[j].lower_ in words.POSSESSIVE or _name_of(doc[j])
    ):
        j += 1  # over "'s" and the other names of "Sudan-Chad"
    if j < len(doc) and doc[j].lower_ in words.BORDER_WORDS:
        return True
    i = span.start - 1
    while i >= 0 and (
        doc[i].lower_ in words.LEADING_DROP or doc[i].lower_ in ("and", ",") or _name_of(doc[i])
    ):
        i -= 1  # over "the" and the first name of "between Mali and Niger"
    if i >= 1 and doc[i].lower_ in words.BORDER_PREPS and doc[i - 1].lower_ in words.BORDER_WORDS:
        return True
    head = span.root.head
    return head.pos_ == "VERB" and lemma(head, words) in words.BORDER_VERBS and span.root.dep_ != "nsubj"


def _name_of(tok: Token) -> bool:
    """A word of a proper name (another country of "Sudan-Chad", "Mali and Niger")."""
    return tok.pos_ == "PROPN"


def _speaker(prep: Token, word: str, words: PlaceWords) -> bool:
    """ "speaking from Paris", "told reporters in Geneva", "said in a statement from Nairobi"."""
    head = prep.head
    if word in words.ORIGIN_PREPS:
        if lemma(head, words) in words.COMMUNICATION or head.lower_ in words.REPORT_NOUNS:
            return True
        verb = next((a for a in prep.ancestors if a.pos_ == "VERB"), None)
        if verb is not None:  # "pushing rebels away from N'Djamena, he said": the pushing was there
            return lemma(verb, words) in words.COMMUNICATION
        sent = prep.sent if prep.doc.has_annotation("SENT_START") else prep.doc[:]
        return any(
            lemma(t, words) in words.COMMUNICATION and t.pos_ == "VERB" and abs(t.i - prep.i) <= _NEAR_VERB
            for t in sent
        )
    if word not in words.AT_PREPS:
        return False
    if head.lower_ in words.REPORT_NOUNS:
        return True  # "at a news conference in Geneva", "told reporters in Geneva" (attached to the noun)
    passive = any(ch.dep_ in ("auxpass", "nsubjpass") for ch in head.children)
    return head.pos_ == "VERB" and lemma(head, words) in words.COMMUNICATION and not passive


def _actor(span: Span, words: PlaceWords) -> bool:
    """ "Khartoum denies", "Washington has called it genocide", "sanctioned by Brussels"."""
    root = span.root
    head = root.head
    if root.dep_ == "nsubj" and head.pos_ == "VERB":
        return lemma(head, words) in words.COMMUNICATION | words.STANCE_VERBS
    return root.dep_ == "pobj" and head.dep_ == "agent"


def _owns_group(span: Span, words: PlaceWords) -> bool:
    """ "Somalia's al-Shabaab", "Nigeria's Boko Haram": a country named as a group's, not a place."""
    root = span.root
    return root.dep_ == "poss" and root.head.ent_type_ in words.GROUP_LABELS


def _reference(doc: Doc, start: int, words: PlaceWords) -> tuple[float, float] | None:
    """(km, bearing) of "20 km north of X"; (0, bearing) of "northeast of X"; None when X is no
    reference point ("in X", or "the north of X", an area)."""
    m = words.REFERENCE_BEFORE.search(text_of(doc)[max(0, start - 60) : start])
    if m is None:
        return None
    amount, unit, direction = m.group("amount"), m.group("unit"), m.group("dir")
    if not (amount and unit) and (not direction or m.group("prep").lower() != "of"):
        return None
    before = text_of(doc)[max(0, start - 60) : start][: m.start()].split()
    if direction and not amount and before and before[-1].lower() in words.LEADING_DROP:
        return None  # "the north of Mali": an area (recognise.py)
    km = (
        float(amount.replace(",", ".")) * words.DISTANCE_UNITS.get(unit.lower(), 1.0)
        if amount and unit
        else 0.0
    )
    bearing = (
        words.BEARINGS.get(direction.lower().replace("-", "").replace(" ", ""), -1.0) if direction else -1.0
    )
    return (km, bearing) if bearing >= 0 or km > 0 else None
