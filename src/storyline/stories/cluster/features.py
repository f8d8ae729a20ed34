"""What the story clusterer sees of an article: a few weighted, namespaced terms and a day.

Terms carry what tells one event from another, not just the topic: named entities (`e:`),
words of the headline and lead (`t:`, the headline weighted above the lead), words of the
body (`w:`), numbers (`n:`) and resolved dates (`d:`). Numbers, dates and most names are
spelled the same in every language, which is what lets an article in another language join
its story. The features are small and
picklable, and a benchmark can make them directly without running any model.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.model import Doc
from storyline.names import name_key

#: Field weights: a word in the headline says more about the event than one in the body.
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
BODY_WEIGHT = 1.0
ENTITY_WEIGHT = 2.0
NUMBER_WEIGHT = 1.0
DATE_WEIGHT = 1.5
#: Sentences after the headline that make up the lead.
LEAD_SENTENCES = 3

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*[^\W_]|[^\W\d_]{2}", re.UNICODE)
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[,.]\d{3})+(?![\d])|(?<![\w.,])\d+(?:\.\d+)?(?![\d])")
_STOP = frozenset(STOP_WORDS) | {"said", "says", "told", "according", "reported", "year"}
_EPOCH = date(1970, 1, 1).toordinal()


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """An article as the clusterer sees it."""

    id: str
    day: float | None  # days since 1970-01-01 of publication; None when unknown
    terms: Mapping[str, float]  # namespaced term -> weight before IDF
    title: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)  # e.g. entity key -> surface form


def day_of(iso: str | None) -> float | None:
    """Return the day number of an ISO date, or None when there is none or it is malformed."""
    if not iso:
        return None
    try:
        return float(date.fromisoformat(iso[:10]).toordinal() - _EPOCH)
    except ValueError:
        return None


def normalise_word(word: str) -> str | None:
    """Return a word's matching form (lower case, light plural folding) or None for stop words."""
    low = word.lower().replace("\u2019", "'")
    if low.endswith("'s"):
        low = low[:-2]
    if len(low) < 3 or low in _STOP:
        return None
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith("s") and len(low) > 4 and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


def words_of(text: str) -> list[str]:
    """Return the content words of a text in matching form."""
    found = (normalise_word(w) for w in _WORD.findall(text))
    return [w for w in found if w]


def numbers_of(text: str) -> list[str]:
    """Return the numbers of two or more digits in a text, without thousands separators."""
    out = []
    for raw in _NUMBER.findall(text):
        digits = re.sub(r"[,.](?=\d{3}\b)", "", raw)
        if len(digits.replace(".", "")) >= 2:
            out.append(digits)
    return out


def _weigh(counts: Counter[str], weight: float, into: dict[str, float]) -> None:
    """Add sublinear term frequencies, scaled by a field weight."""
    for term, n in counts.items():
        into[term] = into.get(term, 0.0) + weight * (1.0 + math.log(n))


def features_from_doc(doc: Doc) -> ArticleFeatures:
    """Return the clustering features of a processed article."""
    art = doc.article
    text = art.text
    lead_end = doc.sentences[LEAD_SENTENCES - 1].end if len(doc.sentences) >= LEAD_SENTENCES else 0
    lead_end = lead_end or min(len(text), 600)
    terms: dict[str, float] = {}
    _weigh(Counter("t:" + w for w in words_of(art.title)), TITLE_WEIGHT, terms)
    _weigh(Counter("t:" + w for w in words_of(text[:lead_end])), LEAD_WEIGHT, terms)
    _weigh(Counter("w:" + w for w in words_of(text[lead_end:])), BODY_WEIGHT, terms)
    surfaces: dict[str, str] = {}
    entities: Counter[str] = Counter()
    for mention in doc.mentions:
        key = name_key(mention.text)
        if key and key not in _STOP:
            entities["e:" + key] += 2 if mention.span.start < lead_end else 1
            surfaces.setdefault(key, mention.text)
    _weigh(entities, ENTITY_WEIGHT, terms)
    _weigh(Counter("n:" + n for n in numbers_of(f"{art.title}\n{text}")), NUMBER_WEIGHT, terms)
    _weigh(Counter(_date_terms(t.value for t in doc.times)), DATE_WEIGHT, terms)
    return ArticleFeatures(art.id, day_of(art.published), terms, art.title, surfaces)


def _date_terms(values: Iterable[str | None]) -> Iterable[str]:
    for value in values:
        if value and len(value) >= 10:
            yield "d:" + value[:10]
