"""Link quotes to their speakers' entities and group the same quote across articles.

Two articles report the same quote when their content words overlap enough (trimmed and
reworded quotes share most of the shorter one's words); the bar is lower when both name the
same speaker entity, and lower still when that speaker gives the same figure in both
(`$9.6 billion`): a reworded estimate shares its number more surely than its words. A group
is flagged as a speaker conflict when two outlets put the same words, quoted directly, in
different speakers' mouths.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import combinations

from storyline.model import Doc, Entity, Quote, Span, content_id
from storyline.names import name_key
from storyline.stories.disjoint import DisjointSets
from storyline.stories.resolve import alias_index

#: Share of the shorter quote's content words the longer one must hold to be the same quote.
SAME_QUOTE = 0.5
#: Cues whose speaker may only pass the words on: `according to X`, `X reports`.
_RELAYS = ("according", "report")
#: The same share when both quotes are attributed to the same speaker entity.
SAME_QUOTE_SAME_SPEAKER = 0.34
#: Share of the shorter direct quote's words two speakers' quotes must share to be one quote
#: given to different people (a speaker conflict).
SAME_WORDS = 0.8
#: Fewest shared content words for any match ...
MIN_SHARED = 4
#: ... but for two quotes of one speaker entity that give the same figure.
MIN_SHARED_WITH_FIGURE = 2
_WORD = re.compile(r"[^\W\d_]+")
_STOP = frozenset({
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for",
    "from", "with", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this",
    "that", "these", "those", "there", "here", "we", "you", "he", "she", "they", "i", "our",
    "your", "his", "her", "their", "not", "no", "will", "would", "could", "may", "might", "can",
    "should", "have", "has", "had", "do", "does", "did", "said", "says", "say", "so", "than",
    "then", "very", "about", "into", "over", "more", "most", "some", "any", "all", "just",
    "also", "only", "which", "who", "whom", "what", "when", "one", "two",
})  # fmt: skip


def attach_quotes(docs: Sequence[Doc], entities: Sequence[Entity]) -> tuple[Quote, ...]:
    """Return the story's quotes with speaker entities, group ids and conflict flags."""
    texts = {d.id: d.article.text for d in docs}
    owner = {span: e.id for e in entities for span in e.mentions}
    names = alias_index(entities)
    # Beliefs and intentions the article attributes are no quotes: a brief lists what was said.
    quotes = [_with_speaker(q, owner, names) for d in docs for q in d.quotes if q.speech]
    words = [_content_words(q, texts[q.span.article_id]) for q in quotes]
    figures = _figures(quotes, docs)
    same_person = _name_parts(entities)
    sets = DisjointSets(range(len(quotes)))
    for i, j in _sharing_pairs(words):
        if quotes[i].span.article_id != quotes[j].span.article_id and _same(
            quotes[i], quotes[j], words[i], words[j]
        ):
            sets.union(i, j)
    for i, j in _same_figure_pairs(quotes, figures):
        if len(words[i] & words[j]) >= MIN_SHARED_WITH_FIGURE:
            sets.union(i, j)
    members = sets.groups()
    out = list(quotes)
    for group in (g for g in members.values() if len(g) > 1):
        gid = content_id(*sorted(_key(quotes[i].span) for i in group), prefix="q")
        conflict = _speaker_conflict([(quotes[i], words[i]) for i in group], same_person)
        for i in group:
            out[i] = replace(quotes[i], group=gid, speaker_conflict=conflict)
    return tuple(out)


def _speaker_conflict(
    group: Sequence[tuple[Quote, set[str]]], same_person: Callable[[str, str], bool]
) -> bool:
    """Tell whether outlets give one quote's words to different speakers.

    It takes two direct quotes from different articles with the same words (`SAME_WORDS` of
    the shorter one's) and speaker entities that cannot be one person. Indirect quotes that
    say alike things are often different people saying it (`the Pentagon said it posed no
    threat`, `U.S. Pacific Command says ...`); `according to` and `reports` may name who
    relays the words (a paper citing a police statement, `the Associated Press reports`)
    rather than who said them; and two parts of one name in the story (`Uma`, `Thurman`
    beside `Uma Thurman`) may well be one person.
    """
    named = [
        (q, w)
        for q, w in group
        if q.direct and q.speaker_entity and not (q.cue or "").lower().startswith(_RELAYS)
    ]
    for (a, wa), (b, wb) in combinations(named, 2):
        if a.span.article_id == b.span.article_id or a.speaker_entity == b.speaker_entity:
            continue
        if same_person(a.speaker_entity or "", b.speaker_entity or ""):
            continue
        shared = len(wa & wb)
        if shared >= MIN_SHARED and shared >= SAME_WORDS * min(len(wa), len(wb)):
            return True
    return False


def _name_parts(entities: Sequence[Entity]) -> Callable[[str, str], bool]:
    """Return a test of whether two entities may be one person: the words of one name are
    part of the other's, or both are parts of one person's full name in the story."""
    words = {e.id: frozenset(name_key(e.name).split()) for e in entities}
    people = [words[e.id] for e in entities if e.type == "PERSON" and len(words[e.id]) > 1]

    def same_person(a: str, b: str) -> bool:
        wa, wb = words.get(a, frozenset()), words.get(b, frozenset())
        if not wa or not wb:
            return False
        return wa <= wb or wb <= wa or any(wa | wb <= full for full in people)

    return same_person


def _sharing_pairs(words: Sequence[set[str]]) -> list[tuple[int, int]]:
    """Return the pairs of quotes that share at least `MIN_SHARED` content words.

    Prefix filtering: with a quote's words ordered rarest first, two quotes that share
    `MIN_SHARED` words share one among the first `len - MIN_SHARED + 1` of each. So only
    those rarest words are indexed and looked up, and the words every quote of a story holds
    (`canal`, `ship`) never make candidates; each candidate is then counted exactly. The same
    pairs as checking all of them.
    """
    often = Counter(w for mine in words for w in mine)
    index: dict[str, list[int]] = defaultdict(list)
    pairs = []
    for i, mine in enumerate(words):
        if len(mine) < MIN_SHARED:
            continue
        rarest = sorted(mine, key=lambda w: (often[w], w))[: len(mine) - MIN_SHARED + 1]
        candidates: set[int] = set()
        for w in rarest:
            candidates.update(index[w])
            index[w].append(i)
        pairs += [(j, i) for j in sorted(candidates) if len(words[j] & mine) >= MIN_SHARED]
    return pairs


def _figures(quotes: Sequence[Quote], docs: Sequence[Doc]) -> list[set[tuple[float, str]]]:
    """Return the figures (value, unit) inside each quote's content."""
    by_article = {d.id: d.figures for d in docs}
    out = []
    for q in quotes:
        parts = q.parts or (q.span,)
        out.append(
            {
                (f.value, f.unit or "")
                for f in by_article.get(q.span.article_id, ())
                if any(p.start <= f.span.start and f.span.end <= p.end for p in parts)
            }
        )
    return out


def _same_figure_pairs(
    quotes: Sequence[Quote], figures: Sequence[set[tuple[float, str]]]
) -> list[tuple[int, int]]:
    """Return pairs of quotes from different articles, by one speaker entity, with a figure
    in common."""
    index: dict[tuple[str, tuple[float, str]], list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for i, q in enumerate(quotes):
        if q.speaker_entity is None:
            continue
        for fig in figures[i]:
            for j in index[q.speaker_entity, fig]:
                if quotes[j].span.article_id != q.span.article_id:
                    pairs.add((j, i))
            index[q.speaker_entity, fig].append(i)
    return sorted(pairs)


def _with_speaker(q: Quote, owner: dict[Span, str], names: dict[str, str]) -> Quote:
    """Set the quote's speaker entity from its speaker mention (or its name as a fallback)."""
    entity = owner.get(q.speaker_span) if q.speaker_span else None
    if entity is None and q.speaker:
        entity = names.get(name_key(q.speaker))
    return replace(q, speaker_entity=entity)


def _content_words(q: Quote, text: str) -> set[str]:
    """Return the quote's content words, lower-cased, with a plural `s` taken off."""
    parts = q.parts or (q.span,)
    words = set()
    for part in parts:
        for w in _WORD.findall(text[part.start : part.end].lower()):
            if w not in _STOP and len(w) > 2:
                words.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return words


def _same(a: Quote, b: Quote, wa: set[str], wb: set[str]) -> bool:
    """Tell whether two quotes from different articles report the same words."""
    shared = len(wa & wb)
    if shared < MIN_SHARED or not wa or not wb:
        return False
    share = shared / min(len(wa), len(wb))
    same_speaker = a.speaker_entity is not None and a.speaker_entity == b.speaker_entity
    return share >= (SAME_QUOTE_SAME_SPEAKER if same_speaker else SAME_QUOTE)


def _key(span: Span) -> str:
    return f"{span.article_id}:{span.start}:{span.end}"
