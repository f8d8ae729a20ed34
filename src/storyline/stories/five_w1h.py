"""The 5W1H of a story's main event: who, what, when, where, why and how, each with evidence.

The main event is the one most sources report, early in their articles (news puts the main
event in the headline and lead), realised rather than expected, with an actor. Each W is read
from that event's reports: who is the actor (or, when nobody acts, whom it happened to),
what the action with its object, when its date or time, where its place, why a stated cause
("because", "due to", "in protest at"), how the manner or means ("by ...", "with ...").
A W no report states stays null. Each answer lists the phrase in every source that states it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from storyline.model import Answer, Doc, Event, Evidence, FiveW1H, Span
from storyline.names import name_key
from storyline.stages.clauses import children_of, subtree
from storyline.stages.events import token_range, under_place_prep
from storyline.stories.events import actor_key

__all__ = ["five_w1h", "main_event"]

#: Sentences past this index in an article get no lead bonus.
LEAD_SENTENCES = 3
_CAUSE_MARKS = frozenset({"because"})  # "as" and "since" are more often about time
_CAUSE_PREPS = frozenset({"because", "due", "owing", "amid", "over", "following"})
_HEDGE_ADVERBS = frozenset(
    "reportedly allegedly apparently also now then still already finally recently currently "
    "later".split()
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

Reader = Callable[[Doc, list[list[int]], Event], Span | None]


def main_event(events: Sequence[Event], docs: Sequence[Doc]) -> Event | None:
    """Return the story's main event: most sources, earliest in them, realised, with an actor."""
    if not events:
        return None
    position = _positions(docs)

    def score(event: Event) -> tuple[float, str]:
        lead = sum(max(0, LEAD_SENTENCES - position.get(e.span, LEAD_SENTENCES))
                   for e in event.evidence)  # fmt: skip
        value = 2.0 * event.independent_sources + lead
        named = event.actor is not None and actor_key(event.actor) is not None
        value += 1.0 * (event.type is not None) + 1.0 * named
        value += 0.5 * (event.target is not None) - 2.0 * (event.modality is not None)
        value -= 2.0 * event.negated
        return (-value, event.id)

    return min(events, key=score)


def _positions(docs: Sequence[Doc]) -> dict[Span, int]:
    """Map each sentence (trimmed, as evidence has it) to its index in its article."""
    out: dict[Span, int] = {}
    for doc in docs:
        text = doc.article.text
        for i, sent in enumerate(doc.sentences):
            chunk = text[sent.start : sent.end]
            start = sent.start + len(chunk) - len(chunk.lstrip())
            out[Span(sent.article_id, start, sent.start + len(chunk.rstrip()))] = i
    return out


def five_w1h(events: Sequence[Event], docs: Sequence[Doc]) -> FiveW1H | None:
    """Return the 5W1H of the story's main event, or None when the story has no event."""
    event = main_event(events, docs)
    if event is None:
        return None
    by_id = {e.id: (d, e) for d in docs for e in d.events}
    reports = [by_id[m] for m in event.mention_ids if m in by_id] or [
        (d, e) for d in docs for e in d.events if e.id == event.id
    ]
    kids = {d.id: children_of(d) for d, _ in reports}

    def answer(read: Reader, key: Callable[[Doc, Event, str], str]) -> Answer | None:
        """Answer with what most reports say; the evidence is every report that says it."""
        found = [(d, s, key(d, e, d.article.text[s.start : s.end])) for d, e in reports
                 if (s := read(d, kids[d.id], e)) is not None]  # fmt: skip
        if not found:
            return None
        counts = Counter(k for _, _, k in found)
        best = max(counts, key=lambda k: (counts[k], -[k2 for _, _, k2 in found].index(k)))
        evidence = tuple(Evidence(s, d.article.text[s.start : s.end])
                         for d, s, k in found if k == best)  # fmt: skip
        return Answer(evidence[0].text, evidence)

    return FiveW1H(
        event_id=event.id,
        who=answer(_who, _by_name),
        what=answer(_what, lambda d, e, t: "same event"),  # every report states this event
        when=answer(_when, _by_date),
        where=answer(_where, _by_name),
        why=answer(_why, lambda d, e, t: t.lower()),
        how=answer(_how, lambda d, e, t: t.lower()),
    )


def _by_name(doc: Doc, event: Event, text: str) -> str:
    return name_key(text)


def _by_date(doc: Doc, event: Event, text: str) -> str:
    """Compare times by the date they resolve to ("Tuesday" and "March 23" agree)."""
    if event.time is not None and event.time.text == text and event.time.value:
        return event.time.value
    return text.lower()


def _who(doc: Doc, kids: list[list[int]], event: Event) -> Span | None:
    party = event.actor or event.target
    return party.span if party is not None else None


def _what(doc: Doc, kids: list[list[int]], event: Event) -> Span | None:
    """Return the action with its object when the object follows it in the sentence, or
    with whom it happened to when nobody acts (`At least seven people were killed`)."""
    span = event.action_span
    sentence = event.evidence[0].span
    target = event.target
    if target is not None and span.end <= target.span.start < sentence.end:
        gap = doc.article.text[span.end : target.span.start]
        if len(gap) <= 40 and "," not in gap:
            return Span(span.article_id, span.start, target.span.end)
    if (
        event.actor is None
        and target is not None
        and sentence.start <= target.span.end <= span.start
    ):
        gap = doc.article.text[target.span.end : span.start]
        if len(gap) <= 40 and "," not in gap:
            return Span(span.article_id, target.span.start, span.end)
    return span


def _when(doc: Doc, kids: list[list[int]], event: Event) -> Span | None:
    """Return the event's time, else a clock time in its sentence ("at 6am"), else the
    first time the article's lead gives (a headline rarely dates the event; its lead does)."""
    if event.time is not None:
        return event.time.span
    for lo, hi in (_sentence_range(event), _lead_range(doc)):
        dates = [t.span for t in doc.times if lo <= t.span.start < hi]
        clock = _clock_time(doc, lo, hi)
        found = sorted([*dates, *([clock] if clock else [])])
        if found:
            return found[0]
    return None


def _clock_time(doc: Doc, lo: int, hi: int) -> Span | None:
    toks = [i for i in token_range(doc, lo, hi) if doc.tokens[i].ent == "TIME"]
    if not toks:
        return None
    run = [toks[0]]
    for i in toks[1:]:
        if i != run[-1] + 1:
            break
        run.append(i)
    return Span(doc.id, doc.tokens[run[0]].start, doc.tokens[run[-1]].end)


def _where(doc: Doc, kids: list[list[int]], event: Event) -> Span | None:
    """Return the event's place, else a place its sentence, else the lead, puts it "in"."""
    if event.place is not None:
        return event.place.span
    taken = [a.span for a in (event.actor, event.target) if a is not None]
    for lo, hi in (_sentence_range(event), _lead_range(doc)):
        for mention in doc.mentions:
            if (
                lo <= mention.span.start < hi
                and mention.label in _PLACE_LABELS
                and not any(t.start <= mention.span.start < t.end for t in taken)
                and under_place_prep(doc, mention)  # "Syria said" names an actor, not a place
            ):
                return mention.span
    return None


def _sentence_range(event: Event) -> tuple[int, int]:
    span = event.evidence[0].span
    return span.start, span.end


def _lead_range(doc: Doc) -> tuple[int, int]:
    """Return the character range of the article's first few sentences."""
    lead = doc.sentences[: LEAD_SENTENCES + 1]
    return (lead[0].start, lead[-1].end) if lead else (0, 0)


def _why(doc: Doc, kids: list[list[int]], event: Event) -> Span | None:
    """Return a stated cause: "because ...", "due to ...", "amid ...", "in protest at ..."."""
    for pred in _predicates(doc, event):
        for k in kids[pred]:
            tok = doc.tokens[k]
            marks = {doc.tokens[j].lemma.lower() for j in kids[k] if doc.tokens[j].dep == "mark"}
            if tok.dep == "advcl" and marks & _CAUSE_MARKS:
                return _phrase(doc, kids, k)
            if tok.dep == "advcl" and _is_purpose(doc, kids, k):
                return _phrase(doc, kids, k)  # "lands in Washington to meet Obama"
            if tok.dep == "prep" and tok.lemma.lower() in _CAUSE_PREPS and not _timed(doc, kids, k):
                return _phrase(doc, kids, k)
            if (
                tok.dep == "prep"
                and tok.lemma.lower() == "in"
                and _has_word(doc, kids, k, "protest")
            ):
                return _phrase(doc, kids, k)
    return None


def _how(doc: Doc, kids: list[list[int]], event: Event) -> Span | None:
    """Return the manner or means: "by ramming ...", "with machetes", "sharply"."""
    for pred in _predicates(doc, event):
        for k in kids[pred]:
            tok = doc.tokens[k]
            word = doc.article.text[tok.start : tok.end].lower()
            means = tok.dep == "prep" and tok.lemma.lower() in {"by", "with", "using", "via"}
            if means and not _names_party(doc, kids, k):
                return _phrase(doc, kids, k)
            if tok.dep == "advmod" and word.endswith("ly") and word not in _HEDGE_ADVERBS:
                return _phrase(doc, kids, k)
    return None


def _predicates(doc: Doc, event: Event) -> list[int]:
    """Return the verbs of the event's action, main verb first."""
    toks = token_range(doc, event.action_span.start, event.action_span.end)
    verbs = [i for i in toks if doc.tokens[i].pos in {"VERB", "AUX"}]
    return list(reversed(verbs))


def _is_purpose(doc: Doc, kids: list[list[int]], verb: int) -> bool:
    """Tell "to meet Obama" (a purpose) from other adverbial clauses."""
    return any(
        doc.tokens[j].dep == "aux" and doc.tokens[j].tag == "TO" for j in kids[verb]
    ) and not any(doc.tokens[j].dep in {"nsubj", "mark"} for j in kids[verb])


def _timed(doc: Doc, kids: list[list[int]], prep: int) -> bool:
    """Tell "for three hours" / "over the weekend" (a time) from "for his support" (a reason)."""
    return any(doc.tokens[i].ent in {"DATE", "TIME"} for i in subtree(kids, prep))


def _names_party(doc: Doc, kids: list[list[int]], prep: int) -> bool:
    """Tell "with Obama" (a companion) from "with a truck bomb" (a means)."""
    return any(
        doc.tokens[j].dep == "pobj" and doc.tokens[j].ent in {"PERSON", "ORG", "GPE", "NORP"}
        for j in kids[prep]
    )


def _has_word(doc: Doc, kids: list[list[int]], top: int, lemma: str) -> bool:
    return any(doc.tokens[i].lemma.lower() == lemma for i in subtree(kids, top))


def _phrase(doc: Doc, kids: list[list[int]], top: int) -> Span:
    """Return the contiguous span of a token's subtree, without edge punctuation."""
    toks = sorted(subtree(kids, top))
    while len(toks) > 1 and doc.tokens[toks[-1]].pos == "PUNCT":
        toks.pop()
    return Span(doc.id, doc.tokens[toks[0]].start, doc.tokens[toks[-1]].end)
