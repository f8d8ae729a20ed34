"""Find direct quotes and, when the sentence names one, who said them."""

from __future__ import annotations

import re

from storyline.model import Doc, Mention, Quote, Span
from storyline.names import name_key
from storyline.pipeline import stage

#: Lemmas of verbs that introduce reported speech.
CUE_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "warn",
        "explain",
        "announce",
        "insist",
        "claim",
        "note",
        "argue",
        "write",
        "declare",
        "confirm",
        "deny",
        "admit",
        "stress",
        "remark",
        "reply",
        "comment",
        "suggest",
        "acknowledge",
        "caution",
        "describe",
        "recall",
        "continue",
    }
)
_QUOTE = re.compile(r"“(?P<a>[^”\n]{3,2000})”|\"(?P<b>[^\"\n]{3,2000})\"")
_SPEAKER_LABELS = {"PERSON": 0, "ORG": 1, "NORP": 2, "GPE": 3}
#: How far around a quote (in characters) we look for its cue verb and speaker.
WINDOW = 160


@stage("quotes.v1", requires=["tokens", "sentences", "mentions"], provides=["quotes"])
def add_quotes(doc: Doc) -> Doc:
    """Add the article's direct quotes with speaker and cue verb when the text gives them."""
    quotes: list[Quote] = []
    for m in _QUOTE.finditer(doc.article.text):
        group = "a" if m.group("a") is not None else "b"
        start, end = m.span(group)
        if len(doc.article.text[start:end].split()) < 3:
            continue  # a scare-quoted word or title, not speech
        quotes.append(_attribute(doc, start, end, m.start(), m.end()))
    return doc.with_(quotes=tuple(quotes))


def _attribute(doc: Doc, start: int, end: int, outer_start: int, outer_end: int) -> Quote:
    """Build a quote, looking after it first (`"...," he said`) then before it."""
    text = doc.article.text
    content = Span(doc.article.id, start, end)
    after = _clip_after(text, outer_end, min(len(text), outer_end + WINDOW))
    before = _clip_before(text, max(0, outer_start - WINDOW), outer_start)
    for lo, hi in (after, before):
        found = _cue_in(doc, lo, hi)
        if found is None:
            continue
        cue, speaker = found
        return Quote(
            content,
            text[start:end],
            speaker.text if speaker else None,
            speaker.span if speaker else None,
            cue,
            True,
        )
    return Quote(content, text[start:end], None, None, None, True)


def _clip_after(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Stop a window that follows a quote at the next paragraph or quote."""
    cuts = [i for i in (text.find(c, lo, hi) for c in ("\n", "“", '"')) if i >= 0]
    return lo, min(cuts, default=hi)


def _clip_before(text: str, lo: int, hi: int) -> tuple[int, int]:
    """Start a window that precedes a quote after the last paragraph break or quote."""
    cuts = [i + 1 for i in (text.rfind(c, lo, hi) for c in ("\n", "”", '"')) if i >= 0]
    return max(cuts, default=lo), hi


def _cue_in(doc: Doc, lo: int, hi: int) -> tuple[str, Mention | None] | None:
    """Find a cue verb in `[lo, hi)` and the named speaker it has, if any."""
    text = doc.article.text
    for i in doc.token_range(lo, hi):
        tok = doc.tokens[i]
        word = text[tok.start : tok.end]
        if (tok.pos == "VERB" and tok.lemma.lower() in CUE_VERBS) or word.lower() == "according":
            return word, _speaker(doc, i, lo, hi)
    return None


def _speaker(doc: Doc, cue: int, lo: int, hi: int) -> Mention | None:
    """Return the named subject of the cue verb; a pronoun or common noun gives None.

    The subject may name the speaker through an apposition: "his sister, Tamara Jacobson, wrote".
    """
    toks = doc.tokens
    cands = [
        m
        for m in doc.mentions
        if lo <= m.span.start
        and m.span.end <= hi
        and m.label in _SPEAKER_LABELS
        and name_key(m.text)
    ]
    according = doc.article.text[toks[cue].start : toks[cue].end].lower() == "according"
    subjects = {
        i
        for i in doc.token_range(lo, hi)
        if toks[i].head == cue and toks[i].dep in {"nsubj", "nsubjpass"}
    }
    heads = subjects | {
        i for i in doc.token_range(lo, hi) if toks[i].dep == "appos" and toks[i].head in subjects
    }
    for m in cands:
        for i in doc.token_range(m.span.start, m.span.end):
            if i in heads or (according and toks[i].dep == "pobj"):
                return m
    people = [m for m in cands if m.label == "PERSON"]
    if subjects or not people:
        return None  # "he said", "the ministry said": unresolved stays None, never a guess
    at = toks[cue].start
    return min(people, key=lambda m: abs(m.span.start - at))
