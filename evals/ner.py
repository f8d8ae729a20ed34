"""NER sanity check: the packaged spaCy model on CoNLL-2003 English test, with our label map.

The model's OntoNotes labels are mapped to CoNLL's four: PERSON -> PER, ORG -> ORG,
GPE/LOC/FAC -> LOC, NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE -> MISC; numbers, dates and
money are not entities in CoNLL and are dropped. Scoring is conlleval's: an entity counts when
its type and both boundaries match. The model reads the gold tokens (no re-tokenisation).

The first numbers tag sentence by sentence, as the model ships. The `doc_` and `typed_`
numbers read each CoNLL document whole, as storyline does, and score the same mentions twice:
with the model's labels (`doc_`) and with the type of the entity storyline's resolver puts
each mention in (`typed_`: the vote over the document's mentions of a name, with the
article's own words counted; see `storyline.stories.types`). The documents are split by a
hash of their number: the `dev` half is where the typing evidence was developed, the
`heldout` half is only scored.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from evals import DatasetError, Metrics

LABEL_MAP = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
    "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
}  # fmt: skip
Entity = tuple[int, int, int, str]  # sentence, start token, end token, type
DocEntity = tuple[int, int, int, int, str]  # document, sentence, start, end, type


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Return (words, IOB tags) per sentence; document separators are skipped."""
    sentences, words, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if words:
                sentences.append((words, tags))
            words, tags = [], []
            continue
        words.append(parts[0])
        tags.append(parts[-1])
    if words:
        sentences.append((words, tags))
    return sentences


Sentence = tuple[list[str], list[str]]  # words, IOB tags


def read_documents(path: Path) -> list[list[Sentence]]:
    """Return the sentences of each news article in the file.

    This copy of the data has no `-DOCSTART-` lines, so articles are found by their dateline
    (`AL-AIN , United Arab Emirates 1996-12-06`): each opens with up to two lines before its
    dateline, its headline (no lower-case letter) and byline (a capitalised name).
    """
    sentences = read_conll(path)
    starts = [0]
    for k, (words, _) in enumerate(sentences):
        if k and _DATELINE.fullmatch(words[-1]):
            first = k
            while first > max(starts[-1], k - 2) and _heading(sentences[first - 1][0]):
                first -= 1
            if first > starts[-1]:
                starts.append(first)
    bounds = [*starts, len(sentences)]
    return [sentences[a:b] for a, b in itertools.pairwise(bounds) if b > a]


_DATELINE = re.compile(r"\d{4}-\d\d-\d\d")


def _heading(words: list[str]) -> bool:
    if len(words) <= 3 and all(w[:1].isupper() for w in words):
        return True
    return not any(c.islower() for w in words for c in w)


def is_heldout(number: int) -> bool:
    """Tell whether document `number` (0-based, in file order) is in the held-out half."""
    return int(hashlib.sha256(f"conll-test-{number}".encode()).hexdigest(), 16) % 2 == 1


def spans(tags: list[str], sent: int) -> Iterator[Entity]:
    """Yield entities from IOB1/IOB2 tags (an I- after O or another type starts one)."""
    start, kind = None, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and label == kind and start is not None
        if start is not None and not continues:
            yield sent, start, i, kind
            start = None
        if prefix in {"B", "I"} and not continues:
            start, kind = i, label


def prf(gold: set[Any], pred: set[Any]) -> tuple[float, float, float]:
    """Return precision, recall and F1 of exact entity matches."""
    hit = len(gold & pred)
    p = hit / len(pred) if pred else 0.0
    r = hit / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(folder: Path) -> Metrics:
    """Tag CoNLL-2003 test with the packaged model and score it."""
    path = folder / "test.txt"
    if not path.is_file():
        raise DatasetError(f"missing {path} (CoNLL-2003 layout: test.txt)")
    from spacy.tokens import Doc as SpacyDoc

    from storyline.stages.parse import load_model

    nlp = load_model()
    data = read_conll(path)
    gold: set[Entity] = set()
    pred: set[Entity] = set()
    docs = (SpacyDoc(nlp.vocab, words=w) for w, _ in data)
    for k, sp in enumerate(nlp.pipe(docs, disable=["parser", "lemmatizer"])):
        gold.update(spans(data[k][1], k))
        for ent in sp.ents:
            if ent.label_ in LABEL_MAP:
                pred.add((k, ent.start, ent.end, LABEL_MAP[ent.label_]))
    metrics: Metrics = {}
    p, r, f = prf(gold, pred)
    metrics.update(precision=round(p, 4), recall=round(r, 4), f1=round(f, 4))
    for label in ("PER", "ORG", "LOC", "MISC"):
        metrics[f"{label.lower()}_f1"] = label_f1(gold, pred, label)
    metrics["sentences"] = len(data)
    metrics["gold_entities"] = len(gold)
    metrics.update(document_typing(nlp, read_documents(path)))
    return metrics


def document_typing(nlp: Any, documents: list[list[Sentence]]) -> Metrics:
    """Tag whole documents; score the model's labels and storyline's entity types per half."""
    from spacy.tokens import Doc as SpacyDoc

    from storyline.model import Article, Doc
    from storyline.stages.parse import with_parse
    from storyline.stories.resolve import resolve_entities

    found: dict[str, tuple[set[DocEntity], set[DocEntity], set[DocEntity]]] = {
        half: (set(), set(), set()) for half in ("dev", "heldout")
    }
    words = [[w for ws, _ in doc for w in ws] for doc in documents]
    sps = nlp.pipe(SpacyDoc(nlp.vocab, words=ws) for ws in words)
    for number, (doc, sp) in enumerate(zip(documents, sps, strict=True)):
        gold, raw, typed = found["heldout" if is_heldout(number) else "dev"]
        where = [(k, i) for k, (ws, _) in enumerate(doc) for i in range(len(ws))]
        for k, (_, tags) in enumerate(doc):
            gold.update((number, *e) for e in spans(tags, k))
        article = Article(id=f"conll{number}", text=sp.text, title="")
        ours = with_parse(Doc(article=article), sp)
        type_at = {m.end: ent.type for ent in resolve_entities([ours]) for m in ent.mentions}
        # a mention the resolver put in no entity is one it judged no name: not predicted
        unnamed = {m.span.end for m in ours.mentions} - type_at.keys()
        for ent in sp.ents:
            if ent.label_ not in LABEL_MAP:
                continue
            first, last = where[ent.start], where[ent.end - 1]
            if first[0] != last[0]:
                continue  # across a gold sentence break: no gold entity can match it
            at = (number, first[0], first[1], last[1] + 1)
            raw.add((*at, LABEL_MAP[ent.label_]))
            if ent.end_char not in unnamed:
                typed.add((*at, LABEL_MAP[type_at.get(ent.end_char, ent.label_)]))
    metrics: Metrics = {}
    for half, (gold, raw, typed) in found.items():
        metrics[f"doc_f1_{half}"] = round(prf(gold, raw)[2], 4)
        metrics[f"typed_f1_{half}"] = round(prf(gold, typed)[2], 4)
        for label in ("PER", "ORG", "LOC"):
            metrics[f"doc_{label.lower()}_f1_{half}"] = label_f1(gold, raw, label)
            metrics[f"typed_{label.lower()}_f1_{half}"] = label_f1(gold, typed, label)
    return metrics


def label_f1(gold: set[Any], pred: set[Any], label: str) -> float:
    """Return the F1 of one entity type (the last field of each entity tuple), rounded."""
    of_label = {e for e in gold if e[-1] == label}, {e for e in pred if e[-1] == label}
    return round(prf(*of_label)[2], 4)
