"""Which of ACLED's protest and riot types a sentence about demonstrators describes.

ACLED's rules: demonstrators who use violence make a *violent demonstration* (a riot), whatever
the police did; lethal or grossly excessive force against peaceful demonstrators is *excessive
force against protesters*; dispersal, arrests or other intervention against peaceful ones is
*protest with intervention*; otherwise a *peaceful protest*. The cues are the language's
(``lang/<code>/protests.py``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span

from .. import taxonomy as T
from ..lang import ProtestCues
from ..taxonomy import NON_STATE_KINDS, STATE_KINDS
from .actors import Actor
from .candidate import Candidate
from .syntax import depth


def _tells_force(m: re.Match[str], sent: Span) -> bool:
    """A lethal cue that tells force used, not one that describes people ("photos of those killed")."""
    span = sent.char_span(m.start(), m.end(), alignment_mode="expand")
    return span is None or span.root.dep_ not in {"acl", "relcl", "amod"}


def protest_type(sent: Span, cues: ProtestCues) -> str | None:
    """The protest-family sub-event type of a sentence that speaks of a demonstration, else None."""
    text = sent.text
    if not cues.PROTEST.search(text):
        return None
    if cues.RIOT.search(text) or (cues.UNREST.search(text) and not cues.PEACEFUL.search(text)):
        return T.VIOLENT_DEMONSTRATION
    if any(_tells_force(m, sent) for m in cues.LETHAL.finditer(text)):
        return T.EXCESSIVE_FORCE
    if cues.INTERVENTION.search(text):
        return T.PROTEST_WITH_INTERVENTION
    return T.PEACEFUL_PROTEST


def protest_policing(cands: list[Candidate]) -> list[Candidate]:
    """A protest whose participants are arrested or beaten is a protest with intervention (ACLED)."""
    protest = [c for c in cands if c.sub_event_type == T.PEACEFUL_PROTEST]
    policing = [
        c
        for c in cands
        if c.sub_event_type in {T.ARRESTS, T.ATTACK}
        and c.patient is not None
        and c.patient.kind == "protesters"
    ]
    if not policing:
        return cands
    base = protest[0] if protest else policing[0]
    merged = replace(
        base,
        sub_event_type=T.PROTEST_WITH_INTERVENTION,
        agent=Actor("protesters"),
        patient=policing[0].agent,
        why=base.why + "+policing",
    )
    drop = {id(c) for c in protest + policing}
    return [merged, *[c for c in cands if id(c) not in drop]]


def _riot_part(c: Candidate) -> Candidate:
    """Damage or a clash with no armed party, told in a story about demonstrations, is part of the riot."""
    crowd = {"civilians", "protesters", "rioters"}
    parties = [a for a in (c.agent, c.patient) if a is not None]
    if c.sub_event_type == T.LOOTING and (c.agent is None or c.agent.kind in crowd):
        return replace(c, sub_event_type=T.VIOLENT_DEMONSTRATION, agent=Actor("rioters"))
    if c.sub_event_type == T.ARMED_CLASH and not any(a.kind in NON_STATE_KINDS for a in parties):
        police = next((a for a in parties if a.kind in STATE_KINDS), None)
        return replace(c, sub_event_type=T.VIOLENT_DEMONSTRATION, agent=Actor("rioters"), patient=police)
    return c


def one_demonstration(
    cands: list[Candidate], sent: Span, cues: ProtestCues, in_protests: bool
) -> list[Candidate]:
    """A sentence about demonstrators tells one demonstration, its policing and damage part of it.

    The demonstration is typed by ACLED's rules (``protest_type``) and anchored, for its date and
    place, on the main clause among its parts ("security forces shot and killed eight people on
    Wednesday ... as authorities extended their crackdown on protests": the shooting's clause).
    """
    if in_protests:  # "young men set fire to tyres", "clashes broke out" in a protest story: the riot
        cands = [_riot_part(c) for c in cands]
    kind = protest_type(sent, cues)
    if kind is None or not any(c.sub_event_type in T.DEMONSTRATIONS for c in cands):
        return cands
    parts = [c for c in cands if c.sub_event_type in T.FOLDS_INTO_PROTEST]
    out = []
    for c in cands:
        if c.sub_event_type in T.FOLDS_INTO_PROTEST:
            continue
        if c.sub_event_type in T.DEMONSTRATIONS - {T.MOB_VIOLENCE}:
            anchor = min([c, *parts], key=lambda x: depth(x.trigger))
            c = replace(c, sub_event_type=kind, trigger=anchor.trigger, place_tokens=anchor.place_tokens)
        out.append(c)
    return out
