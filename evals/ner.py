"""NER sanity check: the packaged spaCy model on CoNLL-2003 English test, with our label map.

The model's OntoNotes labels are mapped to CoNLL's four: PERSON -> PER, ORG -> ORG,
GPE/LOC/FAC -> LOC, NORP/EVENT/PRODUCT/WORK_OF_ART/LAW/LANGUAGE -> MISC; numbers, dates and
money are not entities in CoNLL and are dropped. Scoring is conlleval's: an entity counts when
its type and both boundaries match. The model reads the gold tokens (no re-tokenisation).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from evals import DatasetError, Metrics

LABEL_MAP = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
    "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
}  # fmt: skip
Entity = tuple[int, int, int, str]  # sentence, start token, end token, type


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


def prf(gold: set[Entity], pred: set[Entity]) -> tuple[float, float, float]:
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
        g = {e for e in gold if e[3] == label}
        q = {e for e in pred if e[3] == label}
        metrics[f"{label.lower()}_f1"] = round(prf(g, q)[2], 4)
    metrics["sentences"] = len(data)
    metrics["gold_entities"] = len(gold)
    return metrics
