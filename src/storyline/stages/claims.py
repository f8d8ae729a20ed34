"""Turn checkable sentences into claims: a named or measured thing and a verb that reports it."""

from __future__ import annotations

from storyline.model import Claim, Doc, Span, content_id
from storyline.names import name_key
from storyline.pipeline import stage

#: Verbs that carry opinion or mood rather than a reportable event.
NON_EVENT_VERBS = frozenset(
    {
        "think",
        "believe",
        "feel",
        "hope",
        "wonder",
        "seem",
        "appear",
        "wish",
        "like",
        "love",
        "hate",
        "imagine",
        "guess",
        "suppose",
        "doubt",
        "need",
        "should",
    }
)
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
_STOP_LEMMAS = frozenset(
    {
        "be",
        "have",
        "do",
        "say",
        "also",
        "then",
        "so",
        "not",
        "more",
        "very",
        "just",
        "only",
        "other",
        "such",
        "even",
        "still",
        "now",
        "there",
        "here",
        "when",
        "where",
        "accord",
    }
)


@stage(
    "claims.v1",
    requires=["tokens", "sentences", "mentions", "figures", "times"],
    provides=["claims"],
)
def add_claims(doc: Doc) -> Doc:
    """Add one claim per declarative sentence that names or measures something and reports it."""
    claims: list[Claim] = []
    text = doc.article.text
    for sent in doc.sentences:
        sentence = text[sent.start : sent.end].strip()
        if not _is_checkable(doc, sent, sentence):
            continue
        inside = [i for i in doc.token_range(sent.start, sent.end)]
        mentions = tuple(
            sorted(
                {name_key(m.text) for m in doc.mentions if sent.start <= m.span.start < sent.end}
            )
        )
        figures = tuple(f for f in doc.figures if sent.start <= f.span.start < sent.end)
        times = tuple(t for t in doc.times if sent.start <= t.span.start < sent.end)
        if not (mentions or figures or times):
            continue
        keywords = tuple(
            sorted(
                {
                    doc.tokens[i].lemma.lower()
                    for i in inside
                    if doc.tokens[i].pos in _CONTENT_POS
                    and doc.tokens[i].lemma.lower() not in _STOP_LEMMAS
                    and doc.tokens[i].ent not in {"DATE", "TIME", "CARDINAL"}
                    and doc.tokens[i].pos != "NUM"
                }
            )
        )
        span = _trimmed(doc.article.id, text, sent)
        claims.append(
            Claim(
                id=content_id(doc.article.id, str(span.start), prefix="c"),
                span=span,
                text=text[span.start : span.end],
                entities=mentions,
                predicate=_root_lemma(doc, sent),
                keywords=keywords,
                figures=figures,
                times=times,
            )
        )
    return doc.with_(claims=tuple(claims))


def _is_checkable(doc: Doc, sent: Span, sentence: str) -> bool:
    """Reject questions, exclamations, fragments and opinion verbs."""
    if sentence.endswith(("?", "!")) or len(sentence.split()) < 5:
        return False
    root = _root_lemma(doc, sent)
    return root is not None and root not in NON_EVENT_VERBS


def _root_lemma(doc: Doc, sent: Span) -> str | None:
    for i in doc.token_range(sent.start, sent.end):
        tok = doc.tokens[i]
        if tok.dep == "ROOT":
            return tok.lemma.lower() if tok.pos in {"VERB", "AUX"} else None
    return None


def _trimmed(article_id: str, text: str, sent: Span) -> Span:
    """Return the sentence span without surrounding whitespace."""
    chunk = text[sent.start : sent.end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk) - len(chunk.rstrip())
    return Span(article_id, sent.start + lead, sent.end - trail)
