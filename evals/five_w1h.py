"""Giveme5W1H gold: how often the 5W1H of an article's main event match the annotated phrases.

Data: `5w1h/giveme5w1h-gold`, one JSON file per news article (`title`, `description`,
`text`, `date_publish`) with coders' phrases per W under `fiveWoneH.<w>.annotated`
(`text`, and for `when` a `parsed` date). Each article is run through the per-article
stages as a one-article story; its `five_w1h` is compared with the phrases.

Matching rule (automatic, stated so it can be checked): both texts are lower-cased and cut
into word tokens (`\\w+`) without a short stopword list; our answer matches when its token F1
with any annotated phrase of that W is at least 0.5. A `when` also matches when the date it
resolves to equals an annotated `parsed` date. Precision per W = matched / answered, over
articles whose coders gave at least one phrase for that W (elsewhere an answer cannot be
judged); coverage = answered / such articles. `precision_4w` pools who, what, when, where.

Split: articles are grouped by their news event (`category`); sorted categories alternate
dev (even positions) and test (odd), so no event is in both. Rules were tuned on dev only;
headline numbers are test.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from evals import DatasetError, Metrics, track

WS = ("who", "what", "when", "where", "why", "how")
FOUR = ("who", "what", "when", "where")
STAGES = ("parse.v1", "figures.v1", "dates.v1", "quotes.v1", "claims.v2", "events.v1")
MATCH_F1 = 0.5
#: Our answer per W: its text and, for `when`, the date it resolves to; None when unanswered.
Answers = dict[str, tuple[str, str | None] | None]
_STOP = frozenset(
    "the a an of in on at to and or for by with from as is was were be been has have had its "
    "it s that this".split()
)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One annotated article."""

    id: str
    category: str
    title: str
    text: str
    published: str | None
    phrases: dict[str, tuple[str, ...]]
    dates: tuple[str, ...]  # parsed dates annotated for `when`


def load_articles(folder: Path) -> list[GoldArticle]:
    """Read every annotated article of the folder."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise DatasetError(f"no annotated articles (*.json) in {folder}")
    out = []
    for path in files:
        raw = json.loads(path.read_text(encoding="utf-8"))
        five = raw.get("fiveWoneH", {})
        phrases = {
            w: tuple(a["text"] for a in five.get(w, {}).get("annotated", []) if a.get("text"))
            for w in WS
        }
        dates = tuple(
            str(a["parsed"])[:10]
            for a in five.get("when", {}).get("annotated", [])
            if a.get("parsed")
        )
        out.append(
            GoldArticle(
                id=str(raw.get("dId") or path.stem),
                category=str(raw.get("category") or ""),
                title=str(raw.get("title") or ""),
                text=_body(raw),
                published=_date(raw.get("date_publish")),
                phrases=phrases,
                dates=dates,
            )
        )
    return out


def _date(value: object) -> str | None:
    """Return a `YYYY-MM-DD` publication date, or None when the record has none."""
    text = str(value or "")[:10]
    return text if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None


def _body(raw: dict[str, object]) -> str:
    """Return headline, lead (when the text does not start with it) and text, one per line."""
    title, lead, text = (str(raw.get(k) or "").strip() for k in ("title", "description", "text"))
    parts = [title] + ([lead] if lead and not text.startswith(lead[:60]) else []) + [text]
    return "\n".join(p for p in parts if p)


def splits(articles: Sequence[GoldArticle]) -> dict[str, str]:
    """Map each category to dev or test: sorted categories alternate, dev first."""
    names = sorted({a.category for a in articles})
    return {name: ("dev" if i % 2 == 0 else "test") for i, name in enumerate(names)}


def tokens(text: str) -> list[str]:
    """Return the lower-case word tokens of a text without stopwords (all if only stopwords)."""
    words = re.findall(r"\w+", text.lower())
    content = [w for w in words if w not in _STOP]
    return content or words


def token_f1(ours: str, gold: str) -> float:
    """Return the token-multiset F1 of two phrases."""
    a, b = tokens(ours), tokens(gold)
    if not a or not b:
        return 0.0
    common = sum(min(a.count(t), b.count(t)) for t in set(a))
    if common == 0:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def matches(ours: str, gold: Sequence[str], our_date: str | None = None,
            gold_dates: Sequence[str] = ()) -> bool:  # fmt: skip
    """Tell whether our answer matches any annotated phrase (or the annotated date)."""
    if our_date and our_date[:10] in gold_dates:
        return True
    return any(token_f1(ours, g) >= MATCH_F1 for g in gold)


def predict(article: GoldArticle) -> Answers:
    """Return our answer per W: (text, resolved date for `when`) or None."""
    from storyline.model import Article, Doc
    from storyline.pipeline import build_pipeline
    from storyline.stories.events import reconcile_events
    from storyline.stories.five_w1h import five_w1h

    pipeline = build_pipeline(STAGES)  # cheap: the spaCy model itself is loaded once
    art = Article(Article.make_id(article.text), article.text, article.title,
                  published=article.published)  # fmt: skip
    doc = pipeline(Doc(article=art))
    five = five_w1h(reconcile_events([doc], [], {}), [doc])
    out: Answers = {}
    times = {(t.span.start, t.span.end): t.value for t in doc.times}
    for w in WS:
        ans = getattr(five, w) if five else None
        if ans is None:
            out[w] = None
            continue
        span = ans.evidence[0].span
        out[w] = (ans.text, times.get((span.start, span.end)) if w == "when" else None)
    return out


def score(articles: Sequence[GoldArticle], answers: Sequence[Answers]) -> Metrics:
    """Return precision and coverage per W, and pooled over the first four Ws."""
    metrics: Metrics = {"articles": len(articles)}
    pooled = [0, 0]
    for w in WS:
        judged = [(a, ans[w]) for a, ans in zip(articles, answers, strict=True) if a.phrases[w]]
        answered = [(a, x) for a, x in judged if x is not None]
        hits = sum(
            matches(x[0], a.phrases[w], x[1], a.dates if w == "when" else ())
            for a, x in answered
            if x is not None
        )
        metrics[f"precision_{w}"] = round(hits / len(answered), 4) if answered else 0.0
        metrics[f"coverage_{w}"] = round(len(answered) / len(judged), 4) if judged else 0.0
        if w in FOUR:
            pooled[0] += hits
            pooled[1] += len(answered)
    metrics["precision_4w"] = round(pooled[0] / pooled[1], 4) if pooled[1] else 0.0
    return metrics


def run(folder: Path) -> Metrics:
    """Score the test split (headline) and the dev split."""
    articles = load_articles(folder)
    split = splits(articles)
    started = time.perf_counter()
    answers = [predict(a) for a in track(articles, "reading 5W1H")]
    metrics: Metrics = {}
    for name in ("test", "dev"):
        chosen = [(a, x) for a, x in zip(articles, answers, strict=True)
                  if split[a.category] == name]  # fmt: skip
        scored = score([a for a, _ in chosen], [x for _, x in chosen])
        prefix = "" if name == "test" else "dev_"
        metrics.update({f"{prefix}{k}": v for k, v in scored.items()})
    metrics["seconds"] = round(time.perf_counter() - started, 1)
    return metrics
