"""English cues of modality: what makes a told event a threat, a plan, a negation, a claim or a tally.

Read by ``events.modality`` (``sitrep.lang.ModalityWords``): an event that is threatened,
planned, denied, negated, conditional or future is not coded; a claimed one is coded, hedged.
"""

from __future__ import annotations

import re
from typing import Final

# Heads that make what they govern not-happened (threats, plans, denials).
NOT_HAPPENED_HEADS: Final = frozenset(
    "threaten threat warn warning plan planned intend intention vow pledge promise aim seek want "
    "prepare expect fear risk danger deny denial reject refute call urge demand propose consider "
    "discuss talk prevent avoid stop ban prohibit hope wish would".split()
)
# Heads that make what they govern a claim (coded, hedged): "claimed that", "accused of", "charged with".
HEDGE_HEADS: Final = frozenset("claim allege allegation rumour rumor accuse charge suspect".split())
HEDGE_ADVERBS: Final = frozenset("reportedly allegedly apparently purportedly possibly probably".split())
UNCONFIRMED: Final = frozenset({"unconfirmed"})
# "could not confirm", "did not verify": a negated confirmation hedges what it governs.
CONFIRM_HEADS: Final = frozenset({"confirm", "verify"})
FUTURE_AUX: Final = frozenset("will would shall 'll wo".split())
OBLIGATION_AUX: Final = frozenset({"should", "must", "ought"})
POSSIBILITY_AUX: Final = frozenset({"may", "might", "could"})
PERFECT_AUX: Final = frozenset({"has", "have", "'ve"})
INFINITIVE_MARK: Final = "to"
# "began to shell", "managed to seize": the infinitive happened.
ASPECT_HEADS: Final = frozenset({"begin", "start", "continue", "manage", "succeed"})
CONDITION_MARKS: Final = frozenset({"if", "unless", "whether"})
GOVERNING_CONDITIONS: Final = frozenset({"if", "unless"})
# "nobody was hurt", "no civilians were killed": a participant that is nobody.
NOBODY: Final = frozenset({"nobody", "none", "noone"})
NO_DETERMINER: Final = "no"
# A perfect with one of these is a tally over a period, not a happening with a place and a day.
AGGREGATE: Final = re.compile(
    r"\b(over|in|during) the (past|last) (\w+ )?(years?|decades?|months?)\b|\bsince (19|20)\d\d\b|"
    r"\bin recent (years|months)\b|\bso far this year\b|\bthis year\b|\bsince the start of\b|"
    r"\b(in|during) (its|their|the) (campaign|insurgency|war|rebellion|uprising)\b",
    re.IGNORECASE,
)
# Habits and series are not happenings: "clashes often break out", "a series of attacks".
HABITUAL_ADVERBS: Final = frozenset(
    "often usually regularly frequently routinely sometimes typically commonly generally rarely seldom "
    "occasionally habitually".split()
)
# "near-daily clashes", "repeated raids": a noun told as a recurring kind, not one happening.
HABITUAL_MODIFIERS: Final = frozenset(
    "daily nightly weekly monthly frequent regular recurring recurrent routine constant repeated "
    "incessant".split()
)
# "has stepped up attacks on army bases": a campaign, not a happening (verb lemma + particle).
SERIES_VERBS: Final = frozenset({"step up", "ramp up", "scale up", "intensify", "escalate", "increase"})
# "atrocities such as the recent air strikes": plural examples of a kind, not one happening.
EXAMPLE_PHRASES: Final = frozenset({"such as"})
# "when one group kills three people, the other ...": a present-tense "when" clause tells a habit.
GENERIC_WHEN: Final = frozenset({"when", "whenever", "once"})
SERIES_NOUNS: Final = frozenset(
    "series string spate wave succession pattern campaign history anniversary commemoration memorial".split()
)
