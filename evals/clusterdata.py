"""Load the story-clustering datasets as articles with gold labels, and score partitions.

Three datasets, read from ../shared/data:

- giveme5w1h-news_cluster: 383 news-please JSON files, each labelled with its `EventId`.
  Files go through storyline's own ingest, as a user's folder would.
- ECB+ (coref/ecbplus): 33 topics, each with documents about two seminal events (`*ecb.xml`
  and `*ecbplus.xml`). The token files are joined back into text, one sentence per line.
- NewsWCL50 (coref/newswcl50): 50 articles, five outlets' reports on each of 10 events of
  spring 2018 (US politics, North Korea, Iran), from one CoNLL token file.

giveme5w1h and ECB+ are split by the parity of their event or topic number: odd numbers
are the development half (used to choose the clustering configuration), even numbers the
held-out half (scored only). NewsWCL50 is split by outlet: three of the five outlets on
every event are the development half, the other two the held-out half.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from evals import DatasetError
from evals.newswcl import read_tokens
from storyline.ingest import read_inputs
from storyline.model import Article

SPLITS = ("dev", "test", "all")


@dataclass(frozen=True, slots=True)
class Item:
    """One input document: its gold labels and the article it became (None if skipped)."""

    name: str
    labels: Mapping[str, str]  # gold partition name -> cluster label
    split: str  # "dev" or "test"
    article: Article | None


def in_split(item: Item, split: str) -> bool:
    """Return whether an item belongs to a split ("all" holds every item)."""
    return split == "all" or item.split == split


def load_giveme(folder: Path) -> list[Item]:
    """Read the giveme5w1h news_cluster files through storyline's ingest."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise DatasetError(f"no *.json files in {folder}")
    gold: dict[str, int] = {}
    for path in files:
        try:
            gold[str(path)] = int(json.loads(path.read_text("utf-8"))["newsCluster"]["EventId"])
        except (KeyError, ValueError, TypeError) as exc:
            raise DatasetError(f"{path.name}: no newsCluster.EventId ({exc})") from exc
    results = list(read_inputs([str(p) for p in files]))
    by_id = {r.article.id: r.article for r in results if r.article is not None}
    items = []
    for res in results:
        rec = res.record
        event = gold[rec.path]
        # An exact duplicate input is the article it duplicates: it lands in that story.
        article = by_id.get(rec.article_id or "") if rec.status != "skipped" else None
        split = "dev" if event % 2 else "test"
        items.append(Item(Path(rec.path).name, {"event": str(event)}, split, article))
    return items


_URL_LINE = re.compile(r"^https?\s*:")
_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|n't\b|'re\b|'ll\b|'ve\b|'d\b|'m\b)")


def ecb_text(path: Path) -> tuple[str, str | None]:
    """Return a token file's text (one sentence per line) and the URL line it starts with."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise DatasetError(f"{path}: not valid XML ({exc})") from exc
    sentences: dict[int, list[str]] = defaultdict(list)
    for tok in root.iter("token"):
        sentences[int(tok.get("sentence", "0"))].append(tok.text or "")
    lines = [_detokenise(" ".join(sentences[k])) for k in sorted(sentences)]
    url = None
    # ecbplus files open with their source URL as a tokenised sentence; it is metadata, and a
    # giveaway of which half of a topic a file belongs to, so it never enters the text.
    if lines and _URL_LINE.match(lines[0]):
        url = lines.pop(0).replace(" ", "")
    return "\n".join(lines), url


def _detokenise(line: str) -> str:
    line = _NO_SPACE_BEFORE.sub(r"\1", line)
    return line.replace("( ", "(").replace("`` ", '"').replace(" ''", '"')


def load_ecbplus(folder: Path) -> list[Item]:
    """Read ECB+ token files as articles labelled by topic and by seminal event."""
    files = sorted(folder.glob("*/*.xml"))
    if not files:
        raise DatasetError(f"no */*.xml files in {folder}")
    items = []
    for path in files:
        match = re.fullmatch(r"(\d+)_\d+(ecbplus|ecb)\.xml", path.name)
        if not match:
            continue
        topic, half = match.groups()
        text, url = ecb_text(path)
        lines = text.split("\n")
        article = Article(
            id=Article.make_id(text), text=text, title=lines[0][:200], path=str(path), url=url
        )
        labels = {"topic": topic, "event": f"{topic}{half}"}
        items.append(Item(path.name, labels, "dev" if int(topic) % 2 else "test", article))
    return items


#: NewsWCL50's outlets are coded by leaning (LL, L, M, R, RR); three of the five are the
#: development half.
NEWSWCL_DEV_OUTLETS = frozenset({"L", "M", "R"})


def load_newswcl(folder: Path) -> list[Item]:
    """Read NewsWCL50's CoNLL token file as articles labelled by their event (topic)."""
    sentences: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for tok in read_tokens(folder):
        sentences[tok.doc][tok.sentence].append(tok.word)
    items = []
    for doc, sents in sentences.items():
        # a literal "\n" token is a paragraph break the annotators kept inside a sentence
        text = "\n".join(
            _detokenise(" ".join(sents[k])).replace("\\n", "\n") for k in sorted(sents)
        )
        text = "\n".join(line.strip() for line in text.split("\n") if line.strip())
        article = Article(
            id=Article.make_id(text), text=text, title=text.split("\n")[0][:200], path=doc
        )
        topic = doc.split("/")[0]
        name = doc.split("/")[-1]
        # split by outlet, not by event: each half holds all 10 events, so the events that
        # share their people (the two North Korea events, the three Russia-inquiry ones) meet
        # in both halves, as they would in a stream
        split = "dev" if name.split("_")[-1] in NEWSWCL_DEV_OUTLETS else "test"
        items.append(Item(name, {"event": topic}, split, article))
    return items


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """Return BCubed precision, recall and F1 of a predicted partition against a gold one."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold label lists differ in length")
    if not gold:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    both = Counter(zip(predicted, gold, strict=True))
    pred_size, gold_size = Counter(predicted), Counter(gold)
    precision = sum(n * n / pred_size[p] for (p, _), n in both.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (_, g), n in both.items()) / len(gold)
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def pairwise(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """Return pairwise precision, recall and F1: same-cluster pairs against gold pairs."""
    both = Counter(zip(predicted, gold, strict=True))
    same_both = sum(n * (n - 1) / 2 for n in both.values())
    same_pred = sum(n * (n - 1) / 2 for n in Counter(predicted).values())
    same_gold = sum(n * (n - 1) / 2 for n in Counter(gold).values())
    precision = same_both / same_pred if same_pred else 1.0
    recall = same_both / same_gold if same_gold else 1.0
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
