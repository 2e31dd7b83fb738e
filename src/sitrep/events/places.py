"""One event per place: a clause that lists places ("through Athens and Thessaloniki") tells one
happening in each, as ACLED codes them.

The list is read off the parse: place names in the trigger's clause whose heads are coordinated
("Gao, Kidal and Timbuktu"), directly or through a noun ("Athens and the northern city of
Thessaloniki"). Each is located by the geo stage as the event's own place would be.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..records import Place
from .syntax import governing_verb

Located = tuple[Place, int, str]
MAX_LISTED = 8  # places one clause can list before it is a list of something else


def _runs(tokens: list[Token], is_place: Callable[[Token], bool]) -> list[list[Token]]:
    """Runs of consecutive place tokens, in text order."""
    runs: list[list[Token]] = []
    for t in tokens:
        if not is_place(t):
            continue
        if runs and runs[-1][-1].i == t.i - 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


def _root(run: list[Token]) -> Token:
    """The run's head: the token whose own head lies outside the run."""
    ids = {t.i for t in run}
    return next((t for t in run if t.head.i not in ids or t.head.i == t.i), run[-1])


def listed_places(
    trigger: Token,
    is_place: Callable[[Token], bool],
    locate: Callable[..., Located | None],
    between: str = "between",
) -> list[Located]:
    """The places a trigger's clause lists as coordinated, each located; empty unless two or more,
    and empty for the two ends of a stretch ("on the road between Baidoa and Burhakaba": one place
    between them, whose word is ``between``)."""
    clause = governing_verb(trigger) or trigger
    runs = _runs(sorted(clause.subtree, key=lambda t: t.i), is_place)
    if len(runs) < 2:
        return []
    roots = [_root(run) for run in runs]
    by_token = {t.i: k for k, run in enumerate(runs) for t in run}
    best: list[int] = []
    for k, root in enumerate(roots):
        group = [k]
        for conj in root.conjuncts:
            inner = next((by_token[t.i] for t in conj.subtree if t.i in by_token), None)
            if inner is not None and inner not in group:
                group.append(inner)
        if len(group) > len(best):
            best = group
    if len(best) < 2 or len(best) > MAX_LISTED:
        return []
    first = roots[min(best)]
    if first.dep_ == "pobj" and first.head.lower_ == between:
        return []
    found: list[Located] = []
    for k in sorted(best):
        run = runs[k]
        located = locate(run[0].idx, run[-1].idx + len(run[-1].text), None)
        if located is not None and all(located[0] != f[0] for f in found):
            found.append(located)
    return found if len(found) > 1 else []
