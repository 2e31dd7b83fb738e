"""How the rules and the learned sentence classifier (``events.model``) decide a sentence's events.

Three coders (setting ``coder``):

- ``rules``: the rules alone.
- ``model``: the classifier alone decides whether a sentence tells an event and of which
  sub-type; the rules still read its actors, place, date and toll off the sentence's main verb.
- ``hybrid`` (the default): the rules, where the classifier (1) retypes a lone rule candidate
  whose sub-type it all but excludes when it is sure of another of the same event type (an IED
  told as a shelling), and (2) where the rules find no
  event in a whole document (a brief, a snippet), proposes the sentence it is surest tells one.

The classifier does not veto the rules' events: on real articles its sentence-level "no event"
was wrong as often as right (a dateline or a quote before the news lowers it), so vetoing cost
more true events than false ones (``BENCHMARKS.md`` has the figures of each variant). The
thresholds ask it to be right about nineteen times in twenty before it overrules the rules.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Final, Literal

from spacy.tokens import Span, Token

from .. import taxonomy as T
from .actors import actor_of
from .candidate import Candidate
from .modality import modality
from .model import Prediction
from .reading import Reader
from .syntax import object_of, subject_of

Coder = Literal["rules", "model", "hybrid"]
CODERS: Final[tuple[str, ...]] = ("rules", "model", "hybrid")
PROPOSE: Final = 0.9  # p_event at or above this, in a document the rules found empty: its event
OVERRIDE: Final = 0.9  # the classifier's sub-type probability that retypes a lone rule candidate ...
RULE_FLOOR: Final = 0.05  # ... whose own sub-type it gives less than this
MODEL_ONLY: Final = 0.5  # the model coder's bar for an event


def _anchor(sent: Span, r: Reader) -> Token:
    """The token a classifier event is read from: the sentence's main verb (what "officials said"
    reports, not the saying), else its root."""
    root = sent.root
    if root.lemma_.lower() in r.dates.REPORT_VERBS:
        told = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}), None)
        root = told or root
    if root.pos_ == "VERB":
        return root
    return next((t for t in sent if t.pos_ == "VERB"), root)


def model_candidate(sent: Span, pred: Prediction, r: Reader) -> Candidate | None:
    """The classifier's event for a sentence, its participants read off the main verb (None: not told)."""
    trigger = _anchor(sent, r)
    status = modality(trigger, r.modality)
    if status == "not":
        return None
    agent = actor_of(subject_of(trigger, r.grammar), r)
    patient = actor_of(object_of(trigger, r.grammar), r)
    return Candidate(pred.sub_event_type, trigger, agent, patient, status, f"model:{pred.sub_event_type}")


def combine(
    kept: dict[str, Candidate], sent: Span, pred: Prediction | None, r: Reader, coder: str
) -> dict[str, Candidate]:
    """A sentence's candidates, one per sub-type, as the coder decides them."""
    if pred is None or coder == "rules":
        return kept
    if coder == "model":
        c = model_candidate(sent, pred, r) if pred.p_event >= MODEL_ONLY else None
        return {c.sub_event_type: c} if c is not None else {}
    if len(kept) == 1:
        ((sub, c),) = kept.items()
        own = pred.probabilities.get(sub, 0.0) / max(pred.p_event, 1e-9)  # given that it is an event
        same_kind = T.EVENT_TYPES.get(sub) == T.EVENT_TYPES.get(pred.sub_event_type)
        if pred.sub_event_p >= OVERRIDE and own < RULE_FLOOR and same_kind:
            typed = pred.sub_event_type
            return {typed: replace(c, sub_event_type=typed, why=f"{c.why}+model:{typed}")}
    return kept


def fallback(preds: Sequence[Prediction], denied: Collection[int] = ()) -> int | None:
    """The sentence the classifier is surest tells an event, for a document the rules found empty;
    never one whose triggers the rules judged not to happen (``denied``)."""
    open_ = [i for i in range(len(preds)) if i not in denied]
    if not open_:
        return None
    best = max(open_, key=lambda i: preds[i].p_event)
    return best if preds[best].p_event >= PROPOSE else None
