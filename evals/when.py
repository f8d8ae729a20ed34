"""Score the main-event date (5W1H "when") on the Giveme5W1H gold standard.

Each gold article's `when` annotations carry a `parsed` date; the first (most agreed) one is
the truth. We run storyline's parse and dates stages on the headline, lead and body, anchored
at the article's `date_publish`, and take the event date of the first of the first few
sentences that resolves to a day (`storyline.stories.timeline.lead_event_time`). Articles
whose gold `when` has no parsed date are left out. The same-run baseline answers the
publication date every time, which is right whenever the event happened on the day of
publication.
"""

from __future__ import annotations

import json
from pathlib import Path
from time import perf_counter

from evals import DatasetError, Metrics, track


def load(folder: Path) -> list[dict[str, object]]:
    """Read the gold articles that have a parsed `when` date."""
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise DatasetError(f"no *.json articles in {folder}")
    out = []
    for path in paths:
        raw = json.loads(path.read_text(encoding="utf-8"))
        when = raw.get("fiveWoneH", {}).get("when", {}).get("annotated", [])
        parsed = [a["parsed"] for a in when if a.get("parsed")]
        if parsed:
            out.append({**raw, "gold": parsed[0][:10]})
    return out


def article_text(raw: dict[str, object]) -> str:
    """Join headline, lead and body as separate paragraphs (the gold annotates all three)."""
    parts = (raw.get("title"), raw.get("description"), raw.get("text"))
    return "\n\n".join(str(p).strip() for p in parts if p)


def main_event_date(text: str, published: str) -> str | None:
    """Return storyline's main-event date for an article, or None."""
    from storyline.model import Article, Doc
    from storyline.stages.dates import add_times
    from storyline.stages.parse import parse
    from storyline.stories.timeline import lead_event_time

    article = Article(id=Article.make_id(text), text=text, title="", published=published)
    doc = add_times(parse(Doc(article=article)))
    found = lead_event_time(doc)
    return found.value if found is not None else None


def score(golds: list[str], answers: list[str | None]) -> tuple[float, float]:
    """Return accuracy over all articles and the share of articles given any date."""
    n = len(golds) or 1
    right = sum(1 for g, a in zip(golds, answers, strict=True) if a == g)
    given = sum(1 for a in answers if a is not None)
    return right / n, given / n


def run(folder: Path) -> Metrics:
    """Score our main-event dates and the publication-date baseline."""
    articles = load(folder)
    started = perf_counter()
    golds, ours, baseline = [], [], []
    for raw in track(articles, "5w1h when"):
        published = str(raw.get("date_publish") or "")[:10] or None
        golds.append(str(raw["gold"]))
        answer = main_event_date(article_text(raw), published) if published else None
        # Where no sentence of the lead gives a day, the publication date is the answer.
        ours.append(answer or published)
        baseline.append(published)
    accuracy, _ = score(golds, ours)
    base_accuracy, _ = score(golds, baseline)
    return {
        "accuracy": round(accuracy, 4),
        "baseline_publication_accuracy": round(base_accuracy, 4),
        "articles": len(articles),
        "seconds": round(perf_counter() - started, 1),
    }
