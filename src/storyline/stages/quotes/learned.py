"""Attributions the rules miss, from the learned tagger's cues.

For a cue the tagger marks that no rule quote already holds, the source and the content are
the tagger's source and content runs nearest the cue in its sentence; where it marks none,
the cue's subject and clause as the rules find them.
Learned attributions are never `speech`: most are beliefs, intentions and stances ("thinks",
"wants", "their criticism of"), and the speech verbs among them are mostly what the rules
leave out on purpose ("Asked whether ..., the mayor said": the question is not the mayor's).
The eval scores them; the brief, the store and the claims read only speech.

The stage (`attributions.v1`) is not among the stages `storyline brief` runs: the brief lists
speech only, so there it would cost time (about eight times `quotes.v1`) and show nothing.
`storyline run --attributions` adds it after `quotes.v1`, as the quote eval does, where the
attributions themselves are wanted.
"""

from __future__ import annotations

from storyline.model import Doc, Quote, Span
from storyline.pipeline import stage
from storyline.stages.quotes import tagger
from storyline.stages.quotes.cues import source_tokens, subject_of
from storyline.stages.quotes.indirect import _content, _runs
from storyline.stages.quotes.speakers import named_speaker
from storyline.stages.quotes.syntax import Parse

#: How sure the tagger must be of every token of a cue (its marginal probability).
MIN_CUE_PROBABILITY = 0.5
_OPENING = frozenset('"\u201c\u2018`')


@stage(
    "attributions.v1",
    requires=["tokens", "sentences", "mentions", "quotes"],
    provides=["attributions"],
)
def add_attributions(doc: Doc) -> Doc:
    """Add the attributions the tagger finds beyond the rule quotes, as non-speech quotes."""
    if not doc.tokens:
        return doc
    p = Parse(doc)
    found = learned_quotes(p, list(doc.quotes))
    quotes = sorted((*doc.quotes, *found), key=lambda q: (q.span.start, q.span.end))
    return doc.with_(quotes=tuple(quotes))


def learned_quotes(p: Parse, quotes: list[Quote]) -> list[Quote]:
    """Return the tagger's attributions that no rule quote covers."""
    tags, sure = tagger.tag(p)
    taken: set[int] = set()
    said: set[int] = set()  # the rule quotes' content
    for q in quotes:
        if q.cue_span is not None:
            taken.update(p.tokens_in(q.cue_span.start, q.cue_span.end))
        for part in q.parts or (q.span,):
            said.update(p.tokens_in(part.start, part.end))
    sources = tagger.spans(tags, "SOURCE")
    contents = tagger.spans(tags, "CONTENT")
    out = []
    for lo, hi in tagger.spans(tags, "CUE"):
        if any(i in taken for i in range(lo, hi + 1)):
            continue
        if min(sure[i] for i in range(lo, hi + 1)) < MIN_CUE_PROBABILITY:
            continue
        if any(i in said for i in range(lo, hi + 1)):
            continue  # PolNeAR gives a token one role: a cue inside a quote is the quote's
        quote = _build(p, lo, hi, sources, contents)
        if quote is not None:
            out.append(quote)
    return out


def _head(p: Parse, lo: int, hi: int) -> int:
    """Return the cue's head: its token whose head lies outside it, a verb first."""
    heads = [i for i in range(lo, hi + 1) if not lo <= p.head(i) <= hi or p.head(i) == i]
    verbs = [i for i in heads if p.toks[i].pos in {"VERB", "AUX"}]
    return (verbs or heads or [lo])[0]


def _nearest(runs: list[tuple[int, int]], lo: int, hi: int, sent: range) -> list[int]:
    """Return the tokens of the run nearest the cue within its sentence."""
    inside = [r for r in runs if r[0] in sent and r[1] in sent]
    if not inside:
        return []
    best = min(inside, key=lambda r: min(abs(r[0] - hi), abs(lo - r[1])))
    return list(range(best[0], best[1] + 1))


def _build(
    p: Parse,
    lo: int,
    hi: int,
    sources: list[tuple[int, int]],
    contents: list[tuple[int, int]],
) -> Quote | None:
    head = _head(p, lo, hi)
    sent = p.tokens_in(*p.sentence_bounds(p.toks[head].start))
    cue = set(range(lo, hi + 1))
    # The tagger's own runs first: on train's check part they match PolNeAR's spans more
    # often than the clause and subject the rules would take (content exact F1 +0.01).
    content = _nearest(contents, lo, hi, sent) or [i for i in _content(p, head) if i not in cue]
    parts = _runs(p, content)
    if not parts:
        return None
    source = _nearest(sources, lo, hi, sent)
    subject = _head(p, source[0], source[-1]) if source else subject_of(p, head)
    if subject is not None and not source and subject not in content:
        source = source_tokens(p, subject, set(content) | cue)
    aid = p.doc.article.id
    bounds = p.char_range(source)
    speaker = named_speaker(p, subject, source) if subject is not None and source else None
    cue_bounds = p.char_range(list(cue)) or (p.toks[lo].start, p.toks[hi].end)
    first = Span(aid, *parts[0])
    before = p.text[max(0, first.start - 1) : first.start]
    return Quote(
        span=first,
        text=p.text[first.start : first.end],
        speaker=speaker.text if speaker else None,
        speaker_span=speaker.span if speaker else None,
        cue=p.text[cue_bounds[0] : cue_bounds[1]],
        direct=bool(before) and before in _OPENING,
        source_span=Span(aid, *bounds) if bounds else None,
        cue_span=Span(aid, *cue_bounds),
        parts=tuple(Span(aid, a, b) for a, b in parts) if len(parts) > 1 else (),
        speech=False,
    )
