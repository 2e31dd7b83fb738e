"""English page chrome: the words and patterns of navigation, teasers, credits and policy text
(``sitrep.lang.Boilerplate``), read by ``clean/boilerplate.py`` line by line.

General patterns, not one site's strings. Lower-case words; the patterns ignore case.
"""

from __future__ import annotations

import re
from typing import Final

# Words that make up navigation, sharing, advertising and account chrome.
UI_WORDS: Final = frozenset(
    """
    skip main content navigation nav menu home homepage jump
    share shares sharing shared tweet retweet facebook twitter whatsapp linkedin telegram reddit
    pinterest instagram youtube tiktok flipboard messenger email e-mail mail print copy copied link
    links permalink url
    advertisement advertisements advertising advert ad ads sponsored sponsor promoted partner
    continues continue continued below above scroll reading read more
    sign signup log login logout register subscribe subscribed subscribers subscription newsletter
    newsletters alerts notifications
    comment comments commenting report error typo correction corrections feedback
    follow back top next previous prev close toggle search
    related stories story article articles topics video videos watch listen audio podcast podcasts
    gallery slideshow
    cookie cookies accept preferences privacy policy terms conditions settings manage
    trending popular latest recommended most
    click tap here download app apps free
    """.split()
)
# Short function words ignored when measuring how much of a line is UI vocabulary.
STOP_WORDS: Final = frozenset(
    "a an the to of for on in our your this that these and or with by at from up is are be all here now via "
    "us you we it its my me".split()
)
TEASER: Final = re.compile(
    r"^(?:read more|read also|also read|read next|see also|related(?: stories| articles| coverage| content)?"
    r"|more on this(?: story)?|recommended|trending|watch|listen|most read|more from [\w ]{1,30})"
    r"\s*[:|»›>–—-]",
    re.IGNORECASE,
)
# A heading alone on its line over a list of links to other stories.
LIST_HEADING: Final = re.compile(
    r"^(?:related(?: stories| articles| coverage| content| news| topics)?"
    r"|more (?:stories|news|on this(?: story)?)"
    r"|most (?:read|popular|viewed|shared|watched)|top stories|trending(?: now)?|recommended(?: for you)?"
    r"|you (?:may|might) also like|read (?:more|next|also)|also read|see also|latest(?: news| stories)?"
    r"|editor'?s picks|in other news|elsewhere)\s*:?$",
    re.IGNORECASE,
)
CALL_TO_ACTION: Final = re.compile(
    r"^(?:subscribe|sign (?:up|in)|log ?in|register|download|follow us|click here|tap here|get the app"
    r"|join us)\b",
    re.IGNORECASE,
)
CREDIT: Final = re.compile(
    r"^\(?(?:with (?:a |additional )?(?:reports?|reporting|files|information) (?:from|by)"
    r"|(?:additional )?reporting by|writing by|editing by|compiled by|contributing:)\b",
    re.IGNORECASE,
)
COPYRIGHT: Final = re.compile(
    r"^(?:copyright\b|©|\(c\)\s*(?:19|20)\d\d)|\ball rights reserved\b"
    r"|\bmay not be (?:re)?published, broadcast",
    re.IGNORECASE,
)
# A sentence that states a comment, cookie, newsletter, subscription or feedback policy.
POLICY: Final = (
    re.compile(
        r"\b(?:comments?|commenting|discussion)\b.*\b(?:clos\w*|remov\w*|disabl\w*|moderat\w*|review\w*|"
        r"approv\w*|guidelines?|polic(?:y|ies)|community|civil|respectful|abus\w*|legal|appear|"
        r"reserve|suspend\w*|turned off|open)\b"
        r"|\b(?:clos\w*|remov\w*|disabl\w*|suspend\w*|turned off)\b.*\b(?:comments?|commenting)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bcookies?\b.*\b(?:use|using|accept|agree|consent|brows\w*|experience|settings|polic(?:y|ies)|continu\w*)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:sign(?:ing)? up|subscri\w+|register)\b.*"
        r"\b(?:newsletters?|inbox|e-?mails?|alerts|updates|access|account|trial|unlimited|digital|journalism)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:feedback|letters? to the editor|contact us|get in touch|ad ?blocker)\b", re.IGNORECASE),
)
COURTESY: Final = re.compile(
    r"^(?:thank you|thanks)(?: very much)? for (?:your |reading|the |visiting|supporting)", re.IGNORECASE
)
ADDRESSES_READER: Final = re.compile(
    r"\b(?:we|we're|we've|our|us|you|you're|your|this (?:site|website|page))\b", re.IGNORECASE
)
POLICY_TOPIC: Final = re.compile(r"^(?:comments?|commenting|cookies?|newsletters?|subscriptions?)\b", re.I)
QUOTE_OR_SPEECH: Final = re.compile(r"[\"“”]|\b(?:said|says|told)\b", re.IGNORECASE)
# A first paragraph that is no headline: a byline, an opening quote, or sentence punctuation at its end.
NOT_A_TITLE: Final = re.compile(r"""^(?:by\s|["“'‘(\[])|[.!:;,"”’)]$""", re.IGNORECASE)
