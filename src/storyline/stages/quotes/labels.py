"""Lines that name their speaker before a colon: `Graham: Trump's rhetoric is hateful.`

Headlines and transcripts attribute this way (`Poll: Sanders leads in Iowa`, `SMITH: Take a
listen.`); a reader takes the name as the speaker and the rest of the line as what was said.
The label must be a person's or organisation's name, with at most a title before it, so that
`Update: ...` or `Washington: ...` stay plain text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.stages.quotes.cues import CHANNEL_NOUNS
from storyline.stages.quotes.syntax import Parse

if TYPE_CHECKING:
    from storyline.stages.quotes import Found

#: A label longer than this is a sentence, not a name: `The plan has two parts: ...`.
MAX_LABEL_WORDS = 5
#: Words before the name: a title or a role (`Dr.`, `McCain Challenger`).
MAX_TITLE_WORDS = 2
#: Fewer words than this after the colon is a caption or a field (`Photo: AP`).
MIN_CONTENT_WORDS = 3
_LINE = re.compile(r"[^\n]+")
_LABELS = frozenset({"PERSON", "ORG"})
#: What a direct quote opens with: those lines are attributed by their marks.
_QUOTE_OPENERS = ('"', "\u201c", "''")


def find_labelled(p: Parse) -> list[Found]:
    """Return each line that opens with a speaker's name and a colon, as a quote."""
    from storyline.stages.quotes import Found

    if ":" not in p.text:
        return []
    people = [m for m in p.doc.mentions if m.label in _LABELS]
    ends = {m.span.end for m in people}
    # Headlines are title case, where the tagger often misses a name: `Lynch: No outside
    # influence`. A label that is a name the article uses elsewhere counts as well.
    names = {m.text.lower() for m in people} | {m.text.split()[-1].lower() for m in people}
    found: list[Found] = []
    for line in _LINE.finditer(p.text):
        lo, hi = line.start(), line.end()
        colon = p.text.find(":", lo, min(hi, lo + 80))
        if colon < 0:
            continue
        label = p.text[lo:colon].strip()
        name = _name_before(p, lo, colon, ends, names)
        if name is None or not _is_label(p, label, lo, p.toks[name[0]].start):
            continue
        start = lo + len(p.text[lo:colon]) - len(p.text[lo:colon].lstrip())
        content_lo = colon + 1 + len(p.text[colon + 1 : hi]) - len(p.text[colon + 1 : hi].lstrip())
        content = p.text[content_lo:hi].rstrip()
        if content.startswith(_QUOTE_OPENERS) or len(content.split()) < MIN_CONTENT_WORDS:
            continue
        root = next((i for i in name if p.head(i) not in name), name[-1])
        source = list(p.tokens_in(start, colon))
        end = content_lo + len(content.rstrip("."))
        found.append(Found([(content_lo, end)], False, colon=colon, subject=root, source=source))
    return found


def _name_before(
    p: Parse, lo: int, colon: int, ends: set[int], names: set[str]
) -> list[int] | None:
    """Return the tokens of the name that ends at the colon: a mention there, a name the
    article uses elsewhere, or a poll or survey (`Poll: Sanders leads`)."""
    tokens = [i for i in p.tokens_in(lo, colon) if p.toks[i].pos != "SPACE"]
    if not tokens:
        return None
    if colon in ends:
        for m in p.doc.mentions:
            if m.span.end == colon:
                return [i for i in tokens if p.toks[i].start >= m.span.start] or None
    last = p.word(tokens[-1]).lower()
    if last in names or (len(tokens) == 1 and last in CHANNEL_NOUNS):
        run = [tokens[-1]]  # the name's other capitalised words before it: `Loretta Lynch`
        for i in reversed(tokens[:-1]):
            if p.toks[i].pos != "PROPN":
                break
            run.insert(0, i)
        return run
    return None


def _is_label(p: Parse, label: str, lo: int, name_at: int) -> bool:
    """A name, perhaps after a title or two: every word capitalised (`Dr. Ben Carson`, `OK
    Gov Fallin`), and no verb (`Fiorina Endorses Cruz: ...` is a headline about Cruz)."""
    words = label.split()
    if not 0 < len(words) <= MAX_LABEL_WORDS or not all(w[0].isupper() for w in words):
        return False
    if len(p.text[lo:name_at].split()) > MAX_TITLE_WORDS:
        return False
    return not any(p.toks[i].pos in {"VERB", "AUX"} for i in p.tokens_in(lo, lo + len(label)))
