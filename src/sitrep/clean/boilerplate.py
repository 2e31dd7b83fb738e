"""Line-based boilerplate filter for plain text (and for what HTML extraction leaves behind).

The rules are general patterns, not one site's strings:

- navigation lines: short, no sentence punctuation, made mostly of UI vocabulary
  ("Skip to main content", "Share this article", "Story continues below advertisement");
- menus: short segments joined by ``|``, ``•`` or ``›``;
- link teasers: "Read more: ...", "See also: ...", "Related: ...";
- link lists: three or more headlines in a row, one a line, in Title Case with no sentence end
  (the "more stories" lists under an article);
- credits and copyright: "With a report from ...", "Reporting by ...", "© 2024 ...";
- policy paragraphs addressed to the reader: comment, cookie, newsletter or subscription
  policy, where every sentence speaks to the reader or about the site.

Story paragraphs, quotes and image captions are kept. Paragraphs are separated by a blank line;
whitespace inside a line is normalised, lines are never reflowed. The words and patterns are the
language's (``sitrep.lang.Boilerplate``); the shapes (menus, short lines, sentence ends) are here.

Why hand-written: trafilatura (``html.py``) removes chrome from HTML by its markup; plain text and
what trafilatura leaves behind have no markup, and no library filters them line by line.
"""

from __future__ import annotations

import re
import unicodedata

from ..lang import Boilerplate

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?|\d+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_INNER_SENTENCE_END = re.compile(r"\w{2,}[.!?][\"'”’)]*\s+[\"“'‘(]?[A-Z]")
_MENU_SEPARATORS = re.compile(r"\s*[|•·›»]\s*")
_BREADCRUMB = re.compile(r"\s[›»]\s")
_SENTENCES = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“'‘(]?[A-Z0-9])")
_SPACES = re.compile(r"[^\S\n]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

_NAV_MAX_WORDS = 12
_TEASER_MAX_WORDS = 30
_POLICY_MAX_WORDS = 200
_HEADLINE_MAX_WORDS = 20
_LINK_LIST_RUN = 3  # headlines in a row that make a list of links, not a story's title


def normalise_line(line: str) -> str:
    """Light normalisation inside a line: NFC, no invisible characters, single spaces, stripped."""
    line = unicodedata.normalize("NFC", line).translate(_INVISIBLE)
    line = "".join(ch for ch in line if ch >= " " or ch == "\t")
    return _SPACES.sub(" ", line).strip()


def split_blocks(text: str) -> list[list[str]]:
    """Paragraph blocks (lists of normalised lines) of a text.

    Blank lines separate paragraphs. A text without any blank line but whose lines mostly end
    in sentence punctuation is one paragraph per line; otherwise it stays one block (never reflowed).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").replace("\v", "\n")
    lines = [normalise_line(ln) for ln in text.split("\n")]
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    if len(blocks) == 1 and len(blocks[0]) > 1:
        long_lines = [ln for ln in blocks[0] if len(ln) > 60]
        ends = sum(1 for ln in long_lines if _SENTENCE_END.search(ln))
        if long_lines and ends >= 0.6 * len(long_lines):
            blocks = [[ln] for ln in blocks[0]]
    return blocks


def _words(line: str) -> list[str]:
    return _WORD.findall(line.lower())


def is_navigation(line: str, cues: Boilerplate) -> bool:
    """True for a short UI line: menus, share bars, ad labels, "skip to content", "report an error"."""
    words = _words(line)
    if not words:
        return bool(line) and not any(ch.isalnum() for ch in line)  # separators, bullets, arrows only
    segments = [s for s in _MENU_SEPARATORS.split(line) if s]
    breadcrumb = bool(_BREADCRUMB.search(line))
    if len(segments) >= (2 if breadcrumb else 3) and all(
        len(_words(s)) <= (3 if breadcrumb else 4) for s in segments
    ):
        return True
    if len(words) > _NAV_MAX_WORDS or (len(words) >= 4 and _SENTENCE_END.search(line)):
        return False
    content = [w for w in words if w not in cues.STOP_WORDS and not w.isdigit()]
    if not content:
        return False
    ui = sum(1 for w in content if w.strip("'’") in cues.UI_WORDS)
    return ui / len(content) >= 0.75


def is_teaser_or_credit(line: str, cues: Boilerplate) -> bool:
    """True for "Read more: ..." links, calls to action, courtesy lines, credits and copyright lines."""
    n = len(_words(line))
    if n <= _TEASER_MAX_WORDS and (cues.TEASER.match(line) or cues.CREDIT.match(line)):
        return True
    if n <= _NAV_MAX_WORDS and not cues.QUOTE_OR_SPEECH.search(line):
        if cues.COURTESY.match(line) or (cues.CALL_TO_ACTION.match(line) and not _SENTENCE_END.search(line)):
            return True
    return n <= 40 and bool(cues.COPYRIGHT.search(line))


def is_policy(paragraph: str, cues: Boilerplate) -> bool:
    """True for a paragraph that only talks to the reader about comments, cookies, newsletters or the site."""
    if len(_words(paragraph)) > _POLICY_MAX_WORDS:
        return False
    sentences = [s for s in _SENTENCES.split(paragraph) if s.strip()]
    has_policy = False
    for sentence in sentences:
        if _is_policy_sentence(sentence, cues):
            has_policy = True
        elif cues.COURTESY.match(sentence):
            continue
        elif not cues.ADDRESSES_READER.search(sentence) or cues.QUOTE_OR_SPEECH.search(sentence):
            return False
    return has_policy


def _is_policy_sentence(sentence: str, cues: Boilerplate) -> bool:
    """A policy statement addressed to the reader (or headed by its topic: "Comments are moderated")."""
    if cues.QUOTE_OR_SPEECH.search(sentence) or not any(p.search(sentence) for p in cues.POLICY):
        return False
    return bool(cues.ADDRESSES_READER.search(sentence) or cues.POLICY_TOPIC.match(sentence))


def is_boilerplate_line(line: str, cues: Boilerplate) -> bool:
    """True for a line that is page chrome on its own (navigation, teaser, credit, copyright, policy)."""
    return is_navigation(line, cues) or is_teaser_or_credit(line, cues) or is_policy(line, cues)


def is_headline(line: str, cues: Boilerplate) -> bool:
    """A headline-shaped line: a few words, most capitalised, no sentence end (a trailing dash allowed).

    A line of hard-wrapped running text is not one, even in capitals (old wire copy): it carries a
    sentence end inside it ("... PERU. AN INCIDENT WAS ..."), or breaks off after a comma or a
    small word ("... SHOULD BE ESTABLISHED BY").
    """
    bare = line.rstrip(" -–|")
    words = [w for w in _WORD.findall(bare) if not w.isdigit()]
    if not 3 <= len(words) <= _HEADLINE_MAX_WORDS or _SENTENCE_END.search(bare):
        return False
    if _INNER_SENTENCE_END.search(bare) or bare.endswith((",", ";")) or words[-1].lower() in cues.STOP_WORDS:
        return False
    content = [w for w in words if w.lower() not in cues.STOP_WORDS]
    return bool(content) and sum(w[:1].isupper() for w in content) >= 0.8 * len(content)


def _without_link_lists(blocks: list[list[str]], cues: Boilerplate) -> list[list[str]]:
    """The blocks less every run of ``_LINK_LIST_RUN`` or more headline lines in a row (within a block
    or across one-line blocks); a story's title and subtitle, two in a row, stay."""
    lines = [(k, ln) for k, block in enumerate(blocks) for ln in block]
    drop: set[tuple[int, str]] = set()
    run: list[tuple[int, str]] = []
    for item in [*lines, (-1, "")]:
        if item[1] and is_headline(item[1], cues):
            run.append(item)
            continue
        if len(run) >= _LINK_LIST_RUN:
            drop.update(run)
        run = []
    kept = [[ln for ln in block if (k, ln) not in drop] for k, block in enumerate(blocks)]
    return [block for block in kept if block]


def _without_headed_lists(blocks: list[list[str]], cues: Boilerplate) -> list[list[str]]:
    """The blocks less every list under a heading such as "Related stories" or "Most read": the
    heading and the short lines after it with no sentence end (headlines in any case, numbered or
    not), within its block or across the one-line blocks that follow."""
    lines = [(k, ln) for k, block in enumerate(blocks) for ln in block]
    drop: set[int] = set()
    i = 0
    while i < len(lines):
        if not cues.LIST_HEADING.match(lines[i][1].strip()):
            i += 1
            continue
        drop.add(i)
        j = i + 1
        while (
            j < len(lines)
            and _listed(lines[j][1])
            and (lines[j][0] == lines[j - 1][0] or len(blocks[lines[j][0]]) == 1)
        ):
            drop.add(j)
            j += 1
        i = j
    kept: list[list[str]] = [[] for _ in blocks]
    for n, (k, ln) in enumerate(lines):
        if n not in drop:
            kept[k].append(ln)
    return [block for block in kept if block]


def _listed(line: str) -> bool:
    """A line that can be an item of a list of links: short, no sentence end."""
    words = _words(line)
    return 2 <= len(words) <= _HEADLINE_MAX_WORDS and not _SENTENCE_END.search(line.rstrip(" -–|"))


def filter_blocks(blocks: list[list[str]], cues: Boilerplate) -> list[list[str]]:
    """Drop boilerplate lines, headed lists and link lists, then blocks that are policy text as a whole."""
    kept: list[list[str]] = []
    blocks = [
        [ln for ln in b if not is_boilerplate_line(ln, cues)] for b in _without_headed_lists(blocks, cues)
    ]
    blocks = _without_link_lists([b for b in blocks if b], cues)
    for lines in blocks:
        if lines and not (len(lines) > 1 and is_policy(" ".join(lines), cues)):
            kept.append(lines)
    return kept


def join_blocks(blocks: list[list[str]]) -> str:
    """The text of paragraph blocks: lines joined by newlines, paragraphs by blank lines."""
    return "\n\n".join("\n".join(block) for block in blocks)


def remove_boilerplate(text: str, cues: Boilerplate) -> str:
    """Plain text without navigation, teasers, credits and policy paragraphs; paragraphs kept."""
    return join_blocks(filter_blocks(split_blocks(text), cues))
