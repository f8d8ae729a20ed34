"""Find reported speech: direct quotes by their marks, indirect ones by their cue verbs.

Each quote keeps its content span (every piece of a split or multi-paragraph quote), its cue
word, the words that name the speaker where the quote is, and the named speaker those words
refer to; a speaker the text does not name stays None.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.model import Doc, Mention, Quote, Span
from storyline.pipeline import stage
from storyline.stages.quotes.cues import CUE_VERBS, cue_range, source_tokens, subject_of
from storyline.stages.quotes.direct import find_direct
from storyline.stages.quotes.indirect import find_indirect
from storyline.stages.quotes.labels import find_labelled
from storyline.stages.quotes.speakers import named_speaker
from storyline.stages.quotes.syntax import Parse

__all__ = ["CUE_VERBS", "Found", "add_quotes"]


@dataclass(slots=True)
class Found:
    """A quote while it is being assembled: content pieces, cue token and subject token."""

    parts: list[tuple[int, int]]
    direct: bool
    cue: int | None = None
    colon: int | None = None  # a `Name: "..."` cue: the colon's offset
    subject: int | None = None
    inherited: Quote | None = None  # a quote paragraph that continues the previous speaker
    cue_last: int | None = None  # the cue's last token when it is not the verb's own ("talk about")
    quoted: set[int] = field(default_factory=set)
    source: list[int] | None = None  # the source's tokens when not the subject's phrase


@stage("quotes.v1", requires=["tokens", "sentences", "mentions"], provides=["quotes"])
def add_quotes(doc: Doc) -> Doc:
    """Add the article's direct and indirect quotes with their cue and speaker."""
    if not doc.tokens:
        return doc.with_(quotes=())
    p = Parse(doc)
    direct = find_direct(p)
    quotes: list[Quote] = []
    for found in direct:
        quote = build_quote(p, found, quotes[-1] if quotes else None)
        if quote is not None:
            quotes.append(quote)
    used = {f.cue for f in direct if f.cue is not None}
    quoted = set().union(*(f.quoted for f in direct)) if direct else set()
    colons = {f.colon for f in direct if f.colon is not None}
    candidates = find_indirect(p, used, quoted)
    candidates += [f for f in find_labelled(p) if f.colon not in colons]
    indirect = [q for f in candidates if (q := build_quote(p, f, None))]
    # `called the plan "a disaster"`: a passage with no cue of its own inside reported speech
    # is part of that speech, not a second quote.
    inside = [(q.span.start, (q.parts or (q.span,))[-1].end) for q in indirect]
    quotes = [
        q
        for q in quotes
        if q.cue_span is not None or not any(a <= q.span.start < b for a, b in inside)
    ]
    quotes.extend(indirect)
    return doc.with_(quotes=tuple(sorted(quotes, key=lambda q: (q.span.start, q.span.end))))


def build_quote(p: Parse, found: Found, previous: Quote | None) -> Quote | None:
    """Turn an assembled quote into a `Quote`, naming its speaker when the text allows."""
    aid = p.doc.article.id
    parts = [Span(aid, a, b) for a, b in found.parts if a < b]
    if not parts:
        return None
    first = parts[0]
    cue_span: Span | None = None
    if found.cue is not None:
        cue_span = Span(aid, *cue_range(p, found.cue, found.cue_last))
    elif found.colon is not None:
        cue_span = Span(aid, found.colon, found.colon + 1)
    source_span, speaker = _speaker(p, found)
    if found.inherited is not None and speaker is None:
        speaker_span = found.inherited.speaker_span
        speaker_text = found.inherited.speaker
    else:
        speaker_span = speaker.span if speaker else None
        speaker_text = speaker.text if speaker else None
    return Quote(
        span=first,
        text=p.text[first.start : first.end],
        speaker=speaker_text,
        speaker_span=speaker_span,
        cue=p.text[cue_span.start : cue_span.end] if cue_span else None,
        direct=found.direct,
        source_span=source_span,
        cue_span=cue_span,
        parts=tuple(parts) if len(parts) > 1 else (),
    )


def _speaker(p: Parse, found: Found) -> tuple[Span | None, Mention | None]:
    """Return the source phrase as written and the named mention it refers to."""
    subject = found.subject
    if subject is None and found.cue is not None:
        subject = subject_of(p, found.cue)
    if subject is None:
        return None, None
    tokens = found.source if found.source is not None else source_tokens(p, subject, found.quoted)
    bounds = p.char_range(tokens)
    source = Span(p.doc.article.id, *bounds) if bounds else None
    return source, named_speaker(p, subject, tokens)
