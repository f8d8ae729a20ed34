"""Build a parsed `Doc` by hand, as the parse stage would leave it, so tests load no model."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Doc, Mention, Span, TimeExpr, Token
from tests.conftest import make_article

#: (word, lemma, pos, tag, dep, head index, entity label)
Row = tuple[str, str, str, str, str, int, str]
_MENTION_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})


def parsed_doc(
    sentences: Sequence[Sequence[Row]],
    *,
    dates: dict[str, str] | None = None,
    published: str | None = None,
) -> Doc:
    """Return a Doc with tokens, sentences, mentions and times; `dates` maps words to values.

    Heads are indices within their own sentence; sentences are joined by a space, one line.
    """
    text, spans, raw = "", [], []
    for rows in sentences:
        start = len(text) + (1 if text else 0)
        text += " " if text else ""
        offset = len(raw)
        for i, (word, lemma, pos, tag, dep, head, ent) in enumerate(rows):
            if i and pos != "PUNCT":
                text += " "
            raw.append((len(text), word, lemma, pos, tag, dep, offset + head, ent))
            text += word
        spans.append((start, len(text)))
    article = make_article(text, published=published)
    aid = article.id
    tokens = tuple(
        Token(s, s + len(w), lemma, pos, tag, dep, head, ent)
        for s, w, lemma, pos, tag, dep, head, ent in raw
    )
    return Doc(
        article=article,
        sentences=tuple(Span(aid, a, b) for a, b in spans),
        tokens=tokens,
        mentions=_mentions(aid, text, tokens),
        times=tuple(
            TimeExpr(
                Span(aid, t.start, t.end),
                text[t.start : t.end],
                (dates or {}).get(text[t.start : t.end]),
                "date",
            )
            for t in tokens
            if t.ent == "DATE"
        ),
    )


def _mentions(aid: str, text: str, tokens: Sequence[Token]) -> tuple[Mention, ...]:
    """Join runs of tokens with one entity label into mentions."""
    out: list[Mention] = []
    run: list[Token] = []
    for tok in [*tokens, None]:
        if run and (tok is None or tok.ent != run[0].ent):
            if run[0].ent in _MENTION_LABELS:
                start, end = run[0].start, run[-1].end
                out.append(Mention(Span(aid, start, end), text[start:end], run[0].ent))
            run = []
        if tok is not None and tok.ent:
            run.append(tok)
    return tuple(out)


# Three sentences used across the event tests.
ATTACK: list[Row] = [
    ("Russian", "russian", "ADJ", "JJ", "amod", 1, "NORP"),
    ("troops", "troop", "NOUN", "NNS", "nsubj", 2, ""),
    ("attacked", "attack", "VERB", "VBD", "ROOT", 2, ""),
    ("Kyiv", "Kyiv", "PROPN", "NNP", "dobj", 2, "GPE"),
    ("on", "on", "ADP", "IN", "prep", 2, ""),
    ("Monday", "Monday", "PROPN", "NNP", "pobj", 4, "DATE"),
    (".", ".", "PUNCT", ".", "punct", 2, ""),
]
REFUSAL: list[Row] = [
    ("Syria", "Syria", "PROPN", "NNP", "nsubj", 3, "GPE"),
    ("did", "do", "AUX", "VBD", "aux", 3, ""),
    ("not", "not", "PART", "RB", "neg", 3, ""),
    ("agree", "agree", "VERB", "VB", "ROOT", 3, ""),
    ("to", "to", "ADP", "IN", "prep", 3, ""),
    ("talks", "talk", "NOUN", "NNS", "pobj", 4, ""),
    (".", ".", "PUNCT", ".", "punct", 3, ""),
]
THREAT: list[Row] = [
    ("Iran", "Iran", "PROPN", "NNP", "nsubj", 1, "GPE"),
    ("threatened", "threaten", "VERB", "VBD", "ROOT", 1, ""),
    ("to", "to", "PART", "TO", "aux", 3, ""),
    ("cut", "cut", "VERB", "VB", "xcomp", 1, ""),
    ("off", "off", "ADP", "RP", "prt", 3, ""),
    ("electricity", "electricity", "NOUN", "NN", "dobj", 3, ""),
    ("to", "to", "ADP", "IN", "prep", 3, ""),
    ("Azerbaijan", "Azerbaijan", "PROPN", "NNP", "pobj", 6, "GPE"),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]
