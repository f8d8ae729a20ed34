"""Score storyline's temporal expressions on TempEval-3 (TBAQ-cleaned), Task A timexes.

The scoring reimplements the timex part of the official TE3 scorer (``TE3-evaluation.py`` with
``evaluation-entities/evaluate_entities.py``, UzZaman et al., 2013): a system timex and a gold
timex are the same entity when their extents overlap (the scorer's normaliser gives them one
id); the match is *strict* when the extents are identical. Precision and recall are counted
over the whole corpus, F1 from those; `type` and `value` accuracy are the share of relaxed
matches with the gold attribute string exactly; and the attribute "F1" the TE3 papers rank by
is that accuracy times the relaxed F1. The document creation time (DCT, ``t0``) is the anchor
and is not scored.

Only TBAQ-cleaned (TimeBank + AQUAINT, TE3's training data) is in the shared data, not the
platinum test set. Documents are split by a hash of their name into a development part
(tuned on) and a held-out part (never looked at while developing); the headline metrics are
the held-out part's, the ``dev_`` ones the development part's.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING

from evals import DatasetError, Metrics, track

if TYPE_CHECKING:
    from storyline.model import Doc

#: One document in this many is held out (about 20% of TBAQ).
HELD_OUT_EVERY = 5
SUBCORPORA = ("TimeBank", "AQUAINT")


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression: character extent in the document text, TIMEX3 type and value."""

    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class TmlDocument:
    """One TimeML document: its plain text, creation time and gold timexes."""

    name: str
    text: str
    dct: str  # TIMEX3 value of the document creation time, e.g. "1998-01-08"
    timexes: tuple[Timex, ...]


@dataclass(slots=True)
class Counts:
    """The TE3 scorer's running totals."""

    gold: int = 0
    system: int = 0
    strict_gold: int = 0  # gold timexes with an identical system extent
    relaxed_gold: int = 0  # gold timexes overlapped by a system timex
    strict_system: int = 0
    relaxed_system: int = 0
    type_match: int = 0  # among relaxed gold matches
    value_match: int = 0
    errors: list[tuple[str, Timex, Timex | None]] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        """Add another document's totals to these."""
        for name in (
            "gold", "system", "strict_gold", "relaxed_gold", "strict_system", "relaxed_system",
            "type_match", "value_match",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)


def held_out(name: str) -> bool:
    """Tell whether a document belongs to the held-out part (fixed by a hash of its name)."""
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
    return int(digest, 16) % HELD_OUT_EVERY == 0


def parse_tml(path: Path) -> TmlDocument:
    """Read one .tml file: the TEXT element's plain text with its TIMEX3 extents."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    if dct_el is None or body is None:
        raise DatasetError(f"{path}: no DCT or TEXT element")
    parts: list[str] = []
    timexes: list[Timex] = []
    _walk(body, parts, timexes)
    text = "".join(parts)
    return TmlDocument(path.stem, text, dct_el.get("value", ""), tuple(timexes))


def _walk(el: ET.Element, parts: list[str], timexes: list[Timex]) -> None:
    """Append an element's text to `parts`, recording TIMEX3 extents on the way."""
    start = sum(len(p) for p in parts)
    parts.append(el.text or "")
    for child in el:
        _walk(child, parts, timexes)
        parts.append(child.tail or "")
    if el.tag == "TIMEX3":
        end = start + len("".join(el.itertext()))
        text = "".join(el.itertext())
        if text.strip():  # the scorer skips timexes without text
            timexes.append(Timex(start, end, el.get("type", ""), el.get("value", ""), text))


def load_corpus(folder: Path) -> list[TmlDocument]:
    """Read every TimeBank and AQUAINT document under a TBAQ-cleaned folder."""
    paths = sorted(p for sub in SUBCORPORA for p in (folder / sub).glob("*.tml"))
    if not paths:
        raise DatasetError(f"no TimeBank/*.tml or AQUAINT/*.tml under {folder}")
    return [parse_tml(p) for p in paths]


def _overlap(a: Timex, b: Timex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def align(gold: Sequence[Timex], system: Sequence[Timex]) -> dict[int, int]:
    """Pair gold and system timexes one to one, largest character overlap first."""
    pairs = sorted(
        (
            (-_overlap(g, s), gi, si)
            for gi, g in enumerate(gold)
            for si, s in enumerate(system)
            if _overlap(g, s) > 0
        ),
    )
    used_g: set[int] = set()
    used_s: set[int] = set()
    out: dict[int, int] = {}
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out[gi] = si
    return out


def score_document(gold: Sequence[Timex], system: Sequence[Timex]) -> Counts:
    """Count one document's matches the way the TE3 scorer does."""
    counts = Counts(gold=len(gold), system=len(system))
    pairs = align(gold, system)
    for gi, g in enumerate(gold):
        si = pairs.get(gi)
        if si is None:
            counts.errors.append(("missed", g, None))
            continue
        s = system[si]
        strict = (g.start, g.end) == (s.start, s.end)
        counts.relaxed_gold += 1
        counts.relaxed_system += 1
        counts.strict_gold += strict
        counts.strict_system += strict
        counts.type_match += g.type == s.type
        counts.value_match += g.value == s.value
        if g.value != s.value or g.type != s.type:
            counts.errors.append(("wrong", g, s))
    matched = set(pairs.values())
    counts.errors.extend(("spurious", s, None) for i, s in enumerate(system) if i not in matched)
    return counts


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def metrics(counts: Counts, prefix: str = "") -> Metrics:
    """Return TE3's timex metrics from totals, rounded for printing."""
    sp = counts.strict_system / counts.system if counts.system else 0.0
    sr = counts.strict_gold / counts.gold if counts.gold else 0.0
    rp = counts.relaxed_system / counts.system if counts.system else 0.0
    rr = counts.relaxed_gold / counts.gold if counts.gold else 0.0
    relaxed_f1 = _f1(rp, rr)
    type_acc = counts.type_match / counts.relaxed_gold if counts.relaxed_gold else 0.0
    value_acc = counts.value_match / counts.relaxed_gold if counts.relaxed_gold else 0.0
    out: Metrics = {
        "strict_f1": _f1(sp, sr),
        "strict_precision": sp,
        "strict_recall": sr,
        "relaxed_f1": relaxed_f1,
        "relaxed_precision": rp,
        "relaxed_recall": rr,
        "type_accuracy": type_acc,
        "value_accuracy": value_acc,
        "type_f1": type_acc * relaxed_f1,
        "value_f1": value_acc * relaxed_f1,
    }
    rounded: Metrics = {f"{prefix}{k}": round(float(v), 4) for k, v in out.items()}
    rounded[f"{prefix}gold"] = counts.gold
    rounded[f"{prefix}system"] = counts.system
    return rounded


def tag(doc: TmlDocument) -> tuple[list[Timex], list[Timex]]:
    """Return storyline's timexes for a document (anchored at its DCT) and the baseline's."""
    from storyline.model import Article, Doc
    from storyline.stages.dates import timeml_timexes
    from storyline.stages.parse import parse

    article = Article(id=Article.make_id(doc.text), text=doc.text, title="")
    parsed = parse(Doc(article=article))
    ours = [
        Timex(start, end, type_, value, doc.text[start:end])
        for start, end, type_, value in timeml_timexes(parsed, doc.dct)
    ]
    return ours, baseline_timexes(parsed, doc.dct)


def baseline_timexes(parsed: Doc, dct: str) -> list[Timex]:
    """Tag the way the first dates stage did, with off-the-shelf parts: spaCy's DATE and TIME
    entities, normalised by dateparser against the DCT (a day, or a day and a time)."""
    import dateparser

    text = parsed.article.text
    base = datetime.fromisoformat(dct[:10])
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    out = []
    for start, end, label in _entity_spans(parsed):
        found = dateparser.parse(text[start:end], languages=["en"], settings=settings)  # type: ignore[arg-type]
        if found is None:
            value = ""
        elif label == "TIME":
            value = found.strftime("%Y-%m-%dT%H:%M")
        else:
            value = found.date().isoformat()
        out.append(Timex(start, end, label, value, text[start:end]))
    return out


def _entity_spans(parsed: Doc) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    previous = ""
    for tok in parsed.tokens:
        label = tok.ent if tok.ent in ("DATE", "TIME") else ""
        if label and label == previous:
            spans[-1] = (spans[-1][0], tok.end, label)
        elif label:
            spans.append((tok.start, tok.end, label))
        previous = label
    return spans


def evaluate(docs: Iterable[TmlDocument]) -> tuple[Counts, Counts]:
    """Tag and score documents: summed counts for storyline and for the baseline."""
    ours, baseline = Counts(), Counts()
    for doc in docs:
        mine, theirs = tag(doc)
        ours.add(score_document(doc.timexes, mine))
        baseline.add(score_document(doc.timexes, theirs))
    return ours, baseline


def run(folder: Path) -> Metrics:
    """Score the held-out part (headline) and the development part (`dev_` keys)."""
    docs = load_corpus(folder)
    test = [d for d in docs if held_out(d.name)]
    dev = [d for d in docs if not held_out(d.name)]
    started = perf_counter()
    test_counts, test_baseline = evaluate(track(test, "tempeval held-out"))
    dev_counts, _ = evaluate(track(dev, "tempeval dev"))
    out = metrics(test_counts)
    out.update(metrics(dev_counts, "dev_"))
    out.update(metrics(test_baseline, "baseline_"))
    out["documents"] = len(test)
    out["dev_documents"] = len(dev)
    out["seconds"] = round(perf_counter() - started, 1)
    return out
