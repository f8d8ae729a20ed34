"""Attribute each quoted passage to a cue: linked by the parse first, else by position.

`"...," he said.` looks after the passage, `He said: "..."` before it; `"...," he said. "..."`
joins the second passage to the first, and a paragraph that is only a quote continues the
speaker of the quote just before it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.stages.quotes.cues import CLAUSE_ONLY, is_cue
from storyline.stages.quotes.marks import Passage, find_passages
from storyline.stages.quotes.syntax import Parse

if TYPE_CHECKING:
    from storyline.stages.quotes import Found

#: Fewer words than this inside the marks, with no cue, is a title or scare quote.
MIN_WORDS = 3
#: How many words after a quote its verb may come: `"...," Trump shot back`.
_NEAR_WORDS = 4
#: A sentence ends at `.`, `!` or `?` before a space, or at a line break; not after a title
#: or an initial (`Mr. Trump said`, `John F. Kennedy`).
_TITLES = "Mr Mrs Ms Dr Sen Rep Gov Gen St Lt Col Sgt Rev Prof Pres Atty".split()
_SENTENCE_END = re.compile(
    "[.!?]" + "".join(rf"(?<!\b{t}\.)" for t in _TITLES) + r"(?<!\b[A-Z]\.)(?=\s|$)|\n"
)


def find_direct(p: Parse) -> list[Found]:
    """Return the article's quoted passages with their cues, split quotes joined."""
    from storyline.stages.quotes import Found

    passages = find_passages(p.text)
    quoted = {i for ps in passages for a, b in ps.parts for i in p.tokens_in(a, b)}
    found: list[Found] = []
    for k, ps in enumerate(passages):
        prev_end = passages[k - 1].outer_end if k else 0
        next_start = passages[k + 1].outer_start if k + 1 < len(passages) else len(p.text)
        tokens = {i for a, b in ps.parts for i in p.tokens_in(a, b)}
        cue, colon, subject = _attribute(p, ps, tokens, quoted, prev_end, next_start)
        if cue is not None and _partial(p, cue, tokens):
            continue  # `said the South has "treated me so well"`: indirect speech owns it
        last = found[-1] if found else None
        # `"...," the mayor said, "..."`: the second half takes the same cue; one quote.
        same_cue = cue is not None and last is not None and last.cue == cue
        if (same_cue or (cue is None and colon is None)) and last and _continues(p, last, ps):
            last.parts.extend(_trim_parts(p.text, ps.parts))
            last.quoted |= tokens
            continue
        short = sum(len(p.text[a:b].split()) for a, b in ps.parts) < MIN_WORDS
        if short and not (cue is not None and _own_sentence(p, ps)):
            continue  # a title or scare quote, unless it is all that someone said: `"No," he said`
        f = Found(_trim_parts(p.text, ps.parts), True, cue, colon, subject, quoted=tokens)
        found.append(f)
    return found


def _continues(p: Parse, last: Found, ps: Passage) -> bool:
    """Tell whether an unattributed passage is the second half of the quote before it."""
    if last.cue is None and last.colon is None:
        return False
    between = p.text[last.parts[-1][1] : ps.outer_start]
    cue_at = p.toks[last.cue].start if last.cue is not None else last.colon
    same_paragraph = "\n" not in between
    return same_paragraph and cue_at is not None and last.parts[-1][1] <= cue_at < ps.outer_start


def _attribute(
    p: Parse, ps: Passage, tokens: set[int], quoted: set[int], prev_end: int, next_start: int
) -> tuple[int | None, int | None, int | None]:
    """Return (cue token, colon offset, subject token) for one passage."""
    para_lo = p.text.rfind("\n", 0, ps.outer_start) + 1
    para_hi = p.text.find("\n", ps.outer_end)
    para_hi = len(p.text) if para_hi < 0 else para_hi
    after_hi = min(next_start, para_hi)
    end = _SENTENCE_END.search(p.text, ps.outer_end, after_hi)
    after = (ps.outer_end, end.end() if end else after_hi)
    before_lo, lead_end = max(prev_end, para_lo), ps.outer_start
    if (colon := _colon_paragraph_before(p.text, para_lo, ps.outer_start)) is not None:
        # `Cruz continued:` as a paragraph of its own, the quote opening the next one
        lead_lo = p.text.rfind("\n", 0, colon) + 1
        before_lo, lead_end = max(prev_end, lead_lo), colon + 1
    ends = list(_SENTENCE_END.finditer(p.text, before_lo, lead_end))
    before = (ends[-1].end() if ends else before_lo, lead_end)
    cands = [
        i
        for lo, hi in (after, before)
        for i in p.tokens_in(lo, hi)
        if i not in quoted and is_cue(p, i)
    ]
    linked = [i for i in cands if _linked(p, i, tokens)]
    if linked:
        return min(linked, key=lambda i: abs(p.toks[i].start - ps.outer_start)), None, None
    loose = [i for i in cands if p.toks[i].lemma.lower() not in CLAUSE_ONLY]
    content = p.text[ps.start : ps.end].rstrip()
    # Only a passage that closes a clause takes a cue after it: `"...," he said`.
    closes = content.rstrip("'\u2019").endswith((",", "?", "!"))  # also `...?'"` (a quote's quote)
    after_ok = closes or p.text[after[0] : after[1]].lstrip()[:1] == ","
    for i in loose:
        if after[0] <= p.toks[i].start < after[1] and after_ok:
            return i, None, None
    lead = p.text[before[0] : before[1]].rstrip()
    for i in reversed(loose):
        if before[0] <= p.toks[i].start < before[1] and lead.endswith((":", ",")):
            return i, None, None
    # Any verb with a subject can introduce a quote from this position: `"...," he shot back`,
    # `Christie gloated: "..."`.
    if after_ok and (verb := _bare_verb(p, after, quoted, near=True)) is not None:
        return verb, None, None
    if lead.endswith(":") and (verb := _bare_verb(p, before, quoted, near=False)) is not None:
        return verb, None, None
    if lead.endswith(":"):
        return None, *_colon_speaker(p, before[0], before[0] + len(lead))
    return None, None, None


def _own_sentence(p: Parse, ps: Passage) -> bool:
    """Tell whether a passage opens its sentence and closes a clause: `"Absolutely," he said`."""
    lo = p.text.rfind("\n", 0, ps.outer_start) + 1
    ends = list(_SENTENCE_END.finditer(p.text, lo, ps.outer_start))
    before = p.text[ends[-1].end() if ends else lo : ps.outer_start]
    content = p.text[ps.start : ps.end].rstrip().rstrip("'\u2019")
    return not before.strip() and content.endswith((",", "?", "!", "."))


def _colon_paragraph_before(text: str, para_lo: int, quote_at: int) -> int | None:
    """Return the colon that ends the paragraph before a quote that opens its own paragraph."""
    if text[para_lo:quote_at].strip():
        return None
    end = len(text[:para_lo].rstrip())
    return end - 1 if end and text[end - 1] == ":" else None


def _bare_verb(p: Parse, window: tuple[int, int], quoted: set[int], near: bool) -> int | None:
    """Return the verb of a short clause next to a quote: a verb with a subject of its own.

    After the quote (`near`) the verb must come within a few words; before it, it must be the
    head of the clause that the colon ends.
    """
    tokens = [i for i in p.tokens_in(*window) if i not in quoted and p.toks[i].pos != "PUNCT"]
    if near:
        tokens = tokens[:_NEAR_WORDS]
    for i in tokens if near else reversed(tokens):
        tok = p.toks[i]
        if tok.pos != "VERB" or tok.dep not in {"ROOT", "parataxis"}:
            continue
        if any(s not in quoted for s in p.dependents(i, "nsubj")):
            return i
    return None


def _trim_parts(text: str, parts: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Drop the comma that hands a quote over to its attribution (`"...," he said`)."""
    out = []
    for a, b in parts:
        while b > a and text[b - 1] in ", \n\t":
            b -= 1
        out.append((a, b))
    return out


def _partial(p: Parse, cue: int, tokens: set[int]) -> bool:
    """Tell whether the passage is only a piece of the clause the cue reports."""
    for clause in p.dependents(cue, "ccomp"):
        tree = p.subtree(clause)
        if not any(i in tokens for i in tree):
            continue
        outside = [i for i in tree if i not in tokens and p.toks[i].pos not in {"PUNCT", "SPACE"}]
        return bool(outside)
    return False


def _linked(p: Parse, cue: int, tokens: set[int]) -> bool:
    """Tell whether the parse joins the cue and the quote (either may head the other)."""
    if p.head(cue) in tokens:
        return True
    return any(p.head(i) == cue for i in tokens)


def _colon_speaker(p: Parse, lo: int, colon_end: int) -> tuple[int | None, int | None]:
    """`Rabie: "..."`: the colon is the cue when a lone name stands before it."""
    colon = colon_end - 1
    name = p.text[lo:colon].strip()
    for m in p.doc.mentions:
        if m.span.end == colon and m.text.strip() == name and m.label in {"PERSON", "ORG"}:
            tokens = list(p.tokens_in(m.span.start, m.span.end))
            root = next((i for i in tokens if p.head(i) not in tokens), tokens[-1])
            return colon, root
    return None, None
