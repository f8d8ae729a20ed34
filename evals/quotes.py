"""Score storyline's quote finder on PolNeAR (attribution relations in US political news).

Gold attributions are brat standoff files (`attributions/*.ann`): a Source, Cue and Content
span each (Content may be several pieces). The scoring follows the rules of Citron's
`metrics.py` (https://github.com/bbc/citron), restated in our own code over word tokens:

- cue exact: a predicted cue span equals a gold cue span;
- source / content exact: the predicted cue overlaps a gold cue, and the source spans (or the
  lists of content pieces) are equal; a missing source on both sides counts as equal;
- overlap: word tokens shared between predicted and gold spans over all predicted (precision)
  or all gold (recall) word tokens of that role.

Span edges are compared after trimming whitespace, punctuation and quotation marks, because
PolNeAR keeps the marks of direct quotes inside the content span and our quotes do not. Only
predicted quotes that have a cue are scored: a quote with no cue is no attribution relation.

PolNeAR annotates every attribution, so the eval runs `attributions.v1` (the learned tagger)
after the rules and scores all quotes; the `rules_` metrics score the speech quotes alone,
which is what a brief lists, from the same parse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from evals import DatasetError, Metrics, track
from storyline.model import Article, Doc, Quote

SPLIT = "dev"  # the reported split; develop on "train", never tune on dev
#: The rules (`quotes.v1`) and the learned attributions they miss (`attributions.v1`).
STAGES = ("parse.v1", "quotes.v1", "attributions.v1")
_ENTRY = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_EVENT = re.compile(r"^(E\d+)\t(.*)$")
_WORD = re.compile(r"\w+")
_EDGE = " \t\n,;:.!?-\u2013\u2014\"'\u201c\u201d\u2018\u2019`()[]"
_OPENERS = ('"', "\u201c", "\u2018", "'", "``")

Range = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution relation: its source, cue and content character ranges."""

    source: tuple[Range, ...]
    cue: tuple[Range, ...]
    content: tuple[Range, ...]
    direct: bool


@dataclass(frozen=True, slots=True)
class Article_:
    """One PolNeAR article with its gold attributions."""

    name: str
    text: str
    gold: tuple[Attribution, ...]


def load_split(folder: Path, split: str = SPLIT) -> list[Article_]:
    """Read one split's articles and attribution files."""
    base = folder / split
    if not (base / "attributions").is_dir() or not (base / "text").is_dir():
        raise DatasetError(f"{base} needs attributions/ and text/ folders (PolNeAR layout)")
    out = []
    for ann in sorted((base / "attributions").glob("*.ann")):
        text_path = base / "text" / (ann.stem.rsplit("_", 1)[0] + ".txt")
        if not text_path.is_file():
            continue
        text = text_path.read_text(encoding="utf-8")
        out.append(Article_(ann.stem, text, parse_ann(ann.read_text(encoding="utf-8"), text)))
    if not out:
        raise DatasetError(f"no annotated articles found under {base}")
    return out


def parse_ann(ann: str, text: str) -> tuple[Attribution, ...]:
    """Parse brat standoff attribution events into `Attribution`s."""
    spans: dict[str, tuple[Range, ...]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        if (m := _ENTRY.match(line)) is not None:
            pieces = (tuple(int(x) for x in piece.split()) for piece in m.group(3).split(";"))
            spans[m.group(1)] = tuple((a, b) for a, b in pieces)
        elif (e := _EVENT.match(line)) is not None:
            events.append(dict(part.split(":", 1) for part in e.group(2).split() if ":" in part))
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""), ())
        first = text[content[0][0] : content[0][1]].lstrip() if content else ""
        out.append(
            Attribution(
                spans.get(ev.get("Source", ""), ()),
                spans.get(ev.get("Cue", ""), ()),
                content,
                first.startswith(_OPENERS),
            )
        )
    return tuple(out)


def predict(text: str, pipeline: object) -> tuple[Attribution, ...]:
    """Run storyline on one text and return its quotes that have a cue, as attributions."""
    art = Article(id=Article.make_id(text), text=text, title="")
    doc: Doc = pipeline(Doc(article=art))  # type: ignore[operator]
    return as_attributions(doc)


def as_attributions(doc: Doc, speech_only: bool = False) -> tuple[Attribution, ...]:
    """Return a doc's quotes that have a cue (only the speech ones, if asked) as attributions."""
    return tuple(
        _as_attribution(q)
        for q in doc.quotes
        if q.cue_span is not None and (q.speech or not speech_only)
    )


def _as_attribution(q: Quote) -> Attribution:
    parts = q.parts or (q.span,)
    source = ((q.source_span.start, q.source_span.end),) if q.source_span else ()
    cue = ((q.cue_span.start, q.cue_span.end),) if q.cue_span else ()
    return Attribution(source, cue, tuple((s.start, s.end) for s in parts), q.direct)


def _norm(text: str, ranges: Sequence[Range]) -> tuple[Range, ...]:
    """Trim each range of edge punctuation and quotation marks; drop empty pieces."""
    out = []
    for a, b in ranges:
        while a < b and text[a] in _EDGE:
            a += 1
        while b > a and text[b - 1] in _EDGE:
            b -= 1
        if a < b:
            out.append((a, b))
    return tuple(out)


def _words(text: str, ranges: Sequence[Range]) -> set[int]:
    """Return the start offsets of the word tokens inside `ranges`."""
    return {m.start() for a, b in ranges for m in _WORD.finditer(text, a, b)}


def _overlap(x: Sequence[Range], y: Sequence[Range]) -> bool:
    return any(a < d and c < b for a, b in x for c, d in y)


class Tally:
    """Counts for one role: exact tp/fp/fn and overlap token sums."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.shared = self.pred_len = self.gold_len = 0

    def exact(self) -> tuple[float, float, float]:
        return _prf(self.tp, self.tp + self.fp, self.tp + self.fn)

    def overlap(self) -> tuple[float, float, float]:
        return _prf(self.shared, self.pred_len, self.gold_len)


def _prf(hit: float, pred: float, gold: float) -> tuple[float, float, float]:
    p = hit / pred if pred else 0.0
    r = hit / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_article(
    text: str, pred: Sequence[Attribution], gold: Sequence[Attribution], tallies: dict[str, Tally]
) -> None:
    """Add one article's counts to the tallies for cue, source and content."""
    for role in ("cue", "source", "content"):
        t = tallies[role]
        norm_p = [_norm(text, getattr(a, role)) for a in pred]
        norm_g = [_norm(text, getattr(a, role)) for a in gold]

        def match(i: int, j: int, role: str = role, np: list = norm_p, ng: list = norm_g) -> bool:
            if role == "cue":
                return bool(np[i]) and np[i] == ng[j]
            return _overlap(pred[i].cue, gold[j].cue) and np[i] == ng[j]

        t.tp += sum(1 for i in range(len(pred)) if any(match(i, j) for j in range(len(gold))))
        t.fp += sum(1 for i in range(len(pred)) if not any(match(i, j) for j in range(len(gold))))
        t.fn += sum(1 for j in range(len(gold)) if not any(match(i, j) for i in range(len(pred))))
        words_p = [_words(text, r) for r in norm_p]
        words_g = [_words(text, r) for r in norm_g]
        t.shared += sum(len(wp & wg) for wp in words_p for wg in words_g)
        t.pred_len += sum(len(w) for w in words_p)
        t.gold_len += sum(len(w) for w in words_g)


def evaluate(items: Sequence[tuple[str, Sequence[Attribution], Sequence[Attribution]]]) -> Metrics:
    """Score (text, predicted, gold) triples: all quotes, then direct and indirect alone."""
    metrics: Metrics = {}
    for kind in ("all", "direct", "indirect"):
        tallies = {role: Tally() for role in ("cue", "source", "content")}
        for text, pred, gold in items:
            if kind == "all":
                score_article(text, pred, gold, tallies)
            else:
                want = kind == "direct"
                score_article(
                    text,
                    [a for a in pred if a.direct == want],
                    [a for a in gold if a.direct == want],
                    tallies,
                )
        prefix = "" if kind == "all" else f"{kind}_"
        for role, t in tallies.items():
            for mode, (p, r, f) in (("exact", t.exact()), ("overlap", t.overlap())):
                metrics[f"{prefix}{role}_{mode}_precision"] = round(p, 4)
                metrics[f"{prefix}{role}_{mode}_recall"] = round(r, 4)
                metrics[f"{prefix}{role}_{mode}_f1"] = round(f, 4)
    return metrics


def run(folder: Path, split: str = SPLIT, limit: int | None = None) -> Metrics:
    """Score the quote finder on one PolNeAR split (dev by default)."""
    from storyline.pipeline import build_pipeline

    articles = load_split(folder, split)[:limit]
    pipeline = build_pipeline(STAGES)
    docs = [
        pipeline(Doc(article=Article(id=Article.make_id(a.text), text=a.text, title="")))
        for a in track(articles, "quotes")
    ]
    pairs = list(zip(articles, docs, strict=True))
    items = [(a.text, as_attributions(d), a.gold) for a, d in pairs]
    metrics = evaluate(items)
    # The same parse, scored as the brief sees it: the rule quotes (speech) alone.
    rules = [(a.text, as_attributions(d, speech_only=True), a.gold) for a, d in pairs]
    metrics.update({f"rules_{k}": v for k, v in evaluate(rules).items()})
    metrics["articles"] = len(articles)
    metrics["gold_attributions"] = sum(len(a.gold) for a in articles)
    metrics["predicted_attributions"] = sum(len(p) for _, p, _ in items)
    return metrics
