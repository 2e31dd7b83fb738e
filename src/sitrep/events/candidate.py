"""The records the trigger rules pass around: a trigger being checked, and a typed candidate event."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .actors import Actor
from .modality import Modality


@dataclass(frozen=True, slots=True)
class Candidate:
    """One trigger in one sentence, typed, with its participants and modality."""

    sub_event_type: str
    trigger: Token
    agent: Actor | None
    patient: Actor | None
    status: Modality
    why: str  # the rule that fired, for explanations: "word:attack", "phrase:air strike", "frame:seize"
    place_tokens: tuple[int, ...] = ()  # token indexes of the object place, if the rule found one
    covers: tuple[int, ...] = ()  # tokens this trigger's event includes (the IED that was defused)
    reference: bool = False  # "the attack on Saturday was on Sirba": tells only of an event already told
    own_if_alone: bool = False  # a reference that is news of its own when nothing was told before it


@dataclass(frozen=True, slots=True)
class Trigger:
    """A single-word trigger under its checks: its type so far and the participants read off the parse."""

    tok: Token
    sub: str | None  # None until a check settles it (by the weapon, the place, the actor)
    lemma: str
    verb: bool
    agent_tok: Token | None
    patient_tok: Token | None
    agent: Actor | None
    patient: Actor | None
    status: Modality
    protest_context: bool  # the sentence speaks of a protest
    place_tokens: tuple[int, ...] = ()

    @property
    def why(self) -> str:
        """The rule name recorded on the candidate."""
        return f"word:{self.lemma}"

    def candidate(self, sub: str | None = None) -> Candidate:
        """The typed candidate this trigger makes (as ``sub`` when given)."""
        typed = sub or self.sub
        assert typed is not None, f"trigger {self.lemma!r} left untyped by its checks"
        return Candidate(typed, self.tok, self.agent, self.patient, self.status, self.why, self.place_tokens)
