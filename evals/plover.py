"""PLOVER gold-standard records: event type, and source and target actor codes, per sentence.

Data: `events/plover/PLOVER_GSR_CAMEO.txt` from openeventdata/PLOVER (CC BY-SA 4.0), one JSON
list of records; each has a news sentence (`text`), its `event` type and `source` / `target`
actors (`actorText`, `code`, `sector`). The records are coded in a 2016-2018 PLOVER draft
whose DEMAND and DISAPPROVE are today's REQUEST and ACCUSE; gold names are mapped so.

Split: records whose id ends in an odd number (`...-AGREE-0001`) are dev, even ones test.
The verb lexicon was tuned on dev only; the headline numbers are test.

For each sentence we run the default per-article stages and take the first typed event
(else the first event). Type accuracy counts a sentence with no event as wrong; macro F1
averages per-type F1 over the gold types of the split. An actor code is right when it is
one of the gold codes of that side (compound actors have several); sentences whose gold
side has no code are left out of that side's accuracy.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from evals import DatasetError, Metrics, track

FILE = "PLOVER_GSR_CAMEO.txt"
STAGES = ("parse.v1", "figures.v1", "dates.v1", "quotes.v1", "claims.v2", "events.v1")


@dataclass(frozen=True, slots=True)
class Record:
    """One gold sentence with its event type and actor codes."""

    id: str
    text: str
    type: str
    source_codes: tuple[str, ...]
    target_codes: tuple[str, ...]
    source_sector: str | None

    @property
    def split(self) -> str:
        digits = "".join(ch for ch in self.id.rsplit("-", 1)[-1] if ch.isdigit())
        return "dev" if digits and int(digits) % 2 else "test"


@dataclass(frozen=True, slots=True)
class Prediction:
    type: str | None
    source_code: str | None
    target_code: str | None
    source_sector: str | None


def load_records(folder: Path) -> list[Record]:
    """Read the gold records that have a sentence and an event type."""
    path = folder / FILE
    if not path.is_file():
        raise DatasetError(f"missing {path}")
    from storyline.stages.event_types import OLDER_NAMES

    records = []
    for raw in json.loads(path.read_text(encoding="utf-8")):
        if not raw.get("text") or raw.get("event") in (None, "DOCUMENT"):
            continue
        sources, targets = _actors(raw.get("source")), _actors(raw.get("target"))
        sector = next((s for _, s in sources if s), None)
        records.append(
            Record(
                id=raw["id"],
                text=raw["text"],
                type=OLDER_NAMES.get(raw["event"], raw["event"]),
                source_codes=tuple(c for c, _ in sources if c),
                target_codes=tuple(c for c, _ in targets if c),
                source_sector=sector,
            )
        )
    return records


def _actors(value: object) -> list[tuple[str | None, str | None]]:
    """Return (code, sector) per actor; sectors keep their first three letters ("CVLalb")."""
    if not isinstance(value, list):
        return []
    out = []
    for actor in value:
        if isinstance(actor, dict):
            sector = str(actor.get("sector") or "")[:3].upper()
            out.append((actor.get("code") or None, sector if sector.isalpha() else None))
    return out


def predict(texts: Sequence[str]) -> list[Prediction]:
    """Run the per-article stages on each sentence and read off its main event."""
    from storyline.model import Article, Doc
    from storyline.pipeline import build_pipeline

    pipeline = build_pipeline(STAGES)
    out = []
    for text in track(texts, "coding PLOVER sentences"):
        doc = pipeline(Doc(article=Article(id=Article.make_id(text), text=text, title="")))
        typed = [e for e in doc.events if e.type is not None]
        event = (typed or list(doc.events) or [None])[0]
        if event is None:
            out.append(Prediction(None, None, None, None))
            continue
        actor, target = event.actor, event.target
        out.append(
            Prediction(
                event.type,
                actor.code if actor else None,
                target.code if target else None,
                actor.sector if actor else None,
            )
        )
    return out


def score(records: Sequence[Record], predictions: Sequence[Prediction]) -> Metrics:
    """Return type accuracy and macro F1, actor code and sector accuracy, and coverage."""
    pairs = list(zip(records, predictions, strict=True))
    n = len(pairs)
    sources = [(r, p) for r, p in pairs if r.source_codes]
    targets = [(r, p) for r, p in pairs if r.target_codes]
    sectors = [(r, p) for r, p in pairs if r.source_sector]
    return {
        "records": n,
        "type_accuracy": _ratio(sum(r.type == p.type for r, p in pairs), n),
        "type_macro_f1": macro_f1([r.type for r in records], [p.type for p in predictions]),
        "typed_share": _ratio(sum(p.type is not None for p in predictions), n),
        "source_code_accuracy": _ratio(
            sum(p.source_code in r.source_codes for r, p in sources), len(sources)
        ),
        "target_code_accuracy": _ratio(
            sum(p.target_code in r.target_codes for r, p in targets), len(targets)
        ),
        "source_sector_accuracy": _ratio(
            sum(p.source_sector == r.source_sector for r, p in sectors), len(sectors)
        ),
    }


def macro_f1(gold: Sequence[str], predicted: Sequence[str | None]) -> float:
    """Return the mean over gold labels of per-label F1 (a missing prediction is a miss)."""
    labels = sorted(set(gold))
    if not labels:
        return 0.0
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        if g == p:
            tp[g] += 1
            continue
        fn[g] += 1
        if p is not None:
            fp[p] += 1
    scores = []
    for label in labels:
        denom = 2 * tp[label] + fp[label] + fn[label]
        scores.append(2 * tp[label] / denom if denom else 0.0)
    return round(sum(scores) / len(scores), 4)


def _ratio(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def run(folder: Path) -> Metrics:
    """Score test (headline) and dev splits of the PLOVER gold records."""
    records = load_records(folder)
    started = time.perf_counter()
    predictions = predict([r.text for r in records])
    metrics: Metrics = {}
    for split in ("test", "dev"):
        chosen = [(r, p) for r, p in zip(records, predictions, strict=True) if r.split == split]
        scored = score([r for r, _ in chosen], [p for _, p in chosen])
        prefix = "" if split == "test" else "dev_"
        metrics.update({f"{prefix}{k}": v for k, v in scored.items()})
    metrics["seconds"] = round(time.perf_counter() - started, 1)
    return metrics


def confusion(folder: Path, split: str = "dev") -> None:
    """Print each wrong sentence of a split with gold and predicted values (for development)."""
    records = [r for r in load_records(folder) if r.split == split]
    for r, p in zip(records, predict([r.text for r in records]), strict=True):
        if r.type != p.type or (r.source_codes and p.source_code not in r.source_codes):
            print(f"{r.id}\t{r.type}->{p.type}\t{r.source_codes}->{p.source_code}\t"
                  f"{r.target_codes}->{p.target_code}\t{r.text[:120]}")  # fmt: skip


if __name__ == "__main__":  # pragma: no cover - a development aid, not the eval entry point
    confusion(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "dev")
