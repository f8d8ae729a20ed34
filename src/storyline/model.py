"""The frozen records that flow through storyline: Article -> Doc -> Story -> Brief.

Every extracted item carries a `Span` into `Article.text`; ids are content hashes so that the
same input always yields the same ids.
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import Literal

BRIEF_SCHEMA = "storyline.brief/2"

InputStatus = Literal["ingested", "duplicate", "skipped"]
FactStatus = Literal["corroborated", "single-source", "conflicting"]


def content_id(*parts: str, prefix: str = "", length: int = 16) -> str:
    """Return a stable hex id for the given text parts."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]
    return f"{prefix}{digest}"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A character range `[start, end)` in one article's text."""

    article_id: str
    start: int
    end: int

    def text_in(self, text: str) -> str:
        """Return the covered substring of `text`."""
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of boilerplate taken out of an article, with why."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned input article; `text` is what every span points into."""

    id: str
    text: str
    title: str
    path: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    removed: tuple[Removal, ...] = ()

    @staticmethod
    def make_id(text: str) -> str:
        """Return the content-hash id for an article body."""
        return content_id(" ".join(text.split()), prefix="a")


@dataclass(frozen=True, slots=True)
class InputRecord:
    """What became of one input (file, JSONL line, stdin)."""

    path: str
    status: InputStatus
    reason: str | None = None
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class Token:
    """A parsed token, kept so later stages need not rerun the language model."""

    start: int
    end: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index into Doc.tokens
    ent: str = ""  # entity label when inside a named entity


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention found in one article."""

    span: Span
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, ...


@dataclass(frozen=True, slots=True)
class Quote:
    """Reported speech: the quoted content, and its speaker when the text names one."""

    span: Span
    text: str
    speaker: str | None
    speaker_span: Span | None
    cue: str | None
    direct: bool
    # The words that name the speaker where the quote is, as written ("he", "the ministry").
    source_span: Span | None = None
    cue_span: Span | None = None
    # Every content piece, in order, when the quote is split by its attribution or runs over
    # several paragraphs; empty when `span` is the whole quote.
    parts: tuple[Span, ...] = ()
    speaker_entity: str | None = None  # id of the speaker's story entity (corpus step)
    group: str | None = None  # id shared by the same quote as reported by several articles
    speaker_conflict: bool = False  # the group's articles attribute it to different speakers
    # Said aloud or in writing; False for a belief, intention or stance the article attributes
    # ("she thinks", "he wants", "their criticism"), which the brief does not list as a quote.
    speech: bool = True


@dataclass(frozen=True, slots=True)
class Figure:
    """A number with its unit and what it counts, e.g. `369 ships`, `$9.6 billion`."""

    span: Span
    text: str
    value: float
    unit: str | None  # "USD", "%", "m", ... or None for plain counts
    counts: str | None  # lemma of the counted noun
    qualifier: str | None = None  # "about", "more than", "at least", ...


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A temporal expression with its normalised value (ISO date) when we can tell."""

    span: Span
    text: str
    value: str | None  # calendar value: YYYY-MM-DD, YYYY-MM, YYYY, 2019-W23, 2019-Q2, ...
    kind: Literal[
        "date", "weekday", "relative", "year", "month", "time", "duration", "set", "range",
        "quarter", "season", "anniversary",
    ]  # fmt: skip
    timex_type: str = "DATE"  # TIMEX3 type: DATE, TIME, DURATION, SET
    timex_value: str | None = None  # TIMEX3 value: "2019-06-04T14:00", "P3D", "PAST_REF", ...
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, ...
    start: str | None = None  # first day covered (YYYY-MM-DD), for any resolved date or range
    end: str | None = None  # last day covered
    future: bool = False  # the clause states a plan or expectation ("will", "is due to")
    basis: str | None = None  # what resolved it: text, published, story, reference; None: not


@dataclass(frozen=True, slots=True)
class Claim:
    """A checkable statement found in one sentence."""

    id: str
    span: Span
    text: str
    entities: tuple[str, ...]  # normalised entity keys mentioned
    predicate: str | None  # lemma of the main verb
    keywords: tuple[str, ...]  # content lemmas, for matching
    figures: tuple[Figure, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    subject: str | None = None  # who or what the claim is about, as written
    negated: bool = False
    modality: str | None = None  # None = reported as fact; "expected", "possible", "planned", ...
    hedged: bool = False  # "reportedly", "allegedly", "is said to"
    attribution: str | None = None  # who asserts it ("the ministry"); None = the outlet itself
    places: tuple[str, ...] = ()
    clause: Span | None = None  # the part of the sentence the claim comes from
    subject_head: str | None = None  # the subject's head word, lower case; None for a pronoun


@dataclass(frozen=True, slots=True)
class Skipped:
    """A sentence that holds no checkable claim, and why."""

    span: Span
    reason: (
        str  # question, exclamation, call-to-action, opinion, keyword-list, fragment, no-content
    )


def _token_start(token: Token) -> int:
    return token.start


@dataclass(frozen=True, slots=True)
class Doc:
    """One article plus everything the per-article stages found in it."""

    article: Article
    sentences: tuple[Span, ...] = ()
    tokens: tuple[Token, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    claims: tuple[Claim, ...] = ()
    stages: tuple[str, ...] = ()  # versioned names of the stages that ran
    skipped: tuple[Skipped, ...] = ()  # sentences with no checkable claim
    events: tuple[Event, ...] = ()  # who did what to whom, one per event clause

    @property
    def id(self) -> str:
        return self.article.id

    def token_range(self, start: int, end: int) -> range:
        """Return the indices of the tokens that lie inside `[start, end)`."""
        # bisect with a key: no list of starts is built, so each call is O(log n)
        lo = bisect_left(self.tokens, start, key=_token_start)
        return range(lo, bisect_left(self.tokens, end, lo=lo, key=_token_start))

    def sentence_of(self, offset: int) -> Span | None:
        """Return the sentence that contains a character offset."""
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return None

    def with_(self, **changes: object) -> Doc:
        """Return a copy with some fields replaced."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Evidence:
    """The exact sentence that supports a fact."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Variant:
    """One side of a conflict: the value a group of sources states."""

    value: str
    article_ids: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources that state incompatible values for the same slot of a fact."""

    slot: str  # e.g. "figure:ship"
    variants: tuple[Variant, ...]


@dataclass(frozen=True, slots=True)
class Fact:
    """Claims from one or more articles that say the same thing, reconciled."""

    id: str
    text: str
    status: FactStatus
    article_ids: tuple[str, ...]
    independent_sources: int
    evidence: tuple[Evidence, ...]
    conflicts: tuple[Conflict, ...] = ()
    date: str | None = None
    modality: str | None = None  # None when reported as having happened
    attributions: tuple[str, ...] = ()  # who the sources say asserts it
    copied_article_ids: tuple[str, ...] = ()  # articles that state it only by copying
    claim_ids: tuple[str, ...] = ()  # the claims it groups, in evidence order


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world person, organisation or place across a story's articles."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    article_ids: tuple[str, ...]
    mentions: tuple[Span, ...]
    # Why spellings were merged, one line per link ("Usama Rabi ~ Osama Rabie: transliteration").
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str
    text: str
    article_ids: tuple[str, ...]
    fact_id: str | None = None
    end: str | None = None  # last day, for a range ("from June 4 to 6")
    precision: Literal["day", "week", "month", "quarter", "season", "year"] = "day"
    status: Literal["reported", "planned"] = "reported"  # planned: future, scheduled, expected
    evidence: tuple[Evidence, ...] = ()  # the time expressions that date it, in each source
    conflict_dates: tuple[str, ...] = ()  # other dates other sources give for the same fact
    inferred: bool = False  # some source's date rests on an inferred publication date
    timex_values: tuple[str, ...] = ()  # the TIMEX3 value of each evidence expression, in order


@dataclass(frozen=True, slots=True)
class DateAnchor:
    """How an article's reference date (its publication date) was established, and how sure.

    `method` is "metadata" (the article's own metadata), "story-events" (its weekdays and
    relative dates line up with dated events other articles report), "explicit-date" (the
    latest date it writes out in full), "anniversary-year" (only the year, from an
    anniversary) or "none". Relative dates in the article are resolved only when every day in
    `earliest`..`latest` gives the same answer.
    """

    article_id: str
    date: str | None  # the day used as the anchor; None when nothing pins it
    method: str
    confidence: float  # 0..1
    earliest: str | None = None
    latest: str | None = None
    evidence: tuple[Evidence, ...] = ()  # sentences, here and in other articles, that pin it
    note: str = ""


@dataclass(frozen=True, slots=True)
class SourceSignals:
    """Measured values about one article; signals, not verdicts."""

    words: int
    sentences: int
    boilerplate_share: float  # removed characters / (kept + removed)
    quotes: int
    figures: int
    attributed_per_100_sentences: float
    copy_of: str | None = None  # article id of the original when this looks like a copy
    copy_similarity: float | None = None
    claims: int = 0
    skipped_sentences: int = 0
    hedged_claims: int = 0
    first_person_per_100_words: float = 0.0  # opinion writing speaks as "I" and "we"
    keyword_stuffing: float = 0.0  # share of words in 3-grams the article repeats 3+ times
    foreign_word_share: float = 0.0  # words lingua reads as another language than the article's


@dataclass(frozen=True, slots=True)
class SourceProfile:
    article_id: str
    outlet: str
    signals: SourceSignals
    unique_fact_ids: tuple[str, ...]
    repeated_fact_ids: tuple[str, ...] = ()  # facts other independent sources also state
    contradicted_fact_ids: tuple[str, ...] = ()  # facts where another source gives a rival value
    kinds: tuple[str, ...] = ()  # "opinion", "content-farm", "copy", "machine-translated", ...


@dataclass(frozen=True, slots=True)
class RankedArticle:
    """An article of a story and how central it is to it (cosine to the story's centroid)."""

    article_id: str
    centrality: float


@dataclass(frozen=True, slots=True)
class StoryDecision:
    """A logged clustering decision: two stories merged, or one split apart."""

    kind: Literal["merge", "split"]
    article_id: str | None  # the article that fitted both stories (merge), else None
    score: float  # the log-odds that decided it
    detail: str  # headline of the story merged in, or of the part split off or from


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    quotes: tuple[Quote, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    sources: tuple[SourceProfile, ...] = ()
    first_published: str | None = None  # earliest publication date of its articles
    last_published: str | None = None  # latest publication date of its articles
    key_entities: tuple[str, ...] = ()  # names of the entities most of its articles mention
    ranking: tuple[RankedArticle, ...] = ()  # its articles, most central first
    log: tuple[StoryDecision, ...] = ()  # merges and splits that shaped it
    copies: tuple[CopyLink, ...] = ()  # who copied whom
    events: tuple[Event, ...] = ()  # events reconciled across sources, best supported first
    five_w1h: FiveW1H | None = None  # who, what, when, where, why and how of the main event
    anchors: tuple[DateAnchor, ...] = ()  # one per article: its publication date, and how known


@dataclass(frozen=True, slots=True)
class CopyLink:
    """`article_id` copies `original_id`: the whole article, or some sentences word for word."""

    article_id: str
    original_id: str
    similarity: float
    kind: Literal["syndicated", "partial"] = "syndicated"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts in an event, or is acted on, coded by country and sector when the text says."""

    span: Span
    text: str
    code: str | None = None  # ISO 3166-1 alpha-3, or IGO / NGO for international bodies
    sector: str | None = None  # GOV, MIL, REB, COP, LEG, JUD, OPP, CVL, BUS, MED, ...
    label: str | None = None  # entity label of the phrase's head (PERSON, ORG, GPE, ...)


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, where and when: in one article, or reconciled across several.

    A per-article event has one piece of evidence; a story's event groups the same event
    from several sources, like a `Fact` groups claims, with the slots on which they disagree.
    """

    id: str
    type: str | None  # PLOVER event type (AGREE, CONSULT, ..., ASSAULT); None when untyped
    action: str  # the words of the action as written ("threatened to cut off")
    action_span: Span
    evidence: tuple[Evidence, ...]  # the sentence, one per article
    actor: Actor | None = None
    target: Actor | None = None
    place: Mention | None = None
    time: TimeExpr | None = None
    date: str | None = None  # resolved date, YYYY-MM-DD (or shorter when only that is known)
    negated: bool = False
    modality: str | None = None  # None = reported as having happened
    mode: str | None = None  # PLOVER mode within the type, when the words say it
    dead: Figure | None = None
    injured: Figure | None = None
    size: Figure | None = None  # how many took part (protests, deployments)
    article_ids: tuple[str, ...] = ()
    independent_sources: int = 1
    conflicts: tuple[Conflict, ...] = ()
    mention_ids: tuple[str, ...] = ()  # the per-article events a story's event groups


@dataclass(frozen=True, slots=True)
class Answer:
    """One of the 5W1H: a phrase, with where each source states it."""

    text: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class FiveW1H:
    """Who, what, when, where, why and how of a story's main event; None when not stated."""

    event_id: str | None = None
    who: Answer | None = None
    what: Answer | None = None
    when: Answer | None = None
    where: Answer | None = None
    why: Answer | None = None
    how: Answer | None = None


@dataclass(frozen=True, slots=True)
class Brief:
    """What a person reads: every input accounted for, every story reconciled."""

    inputs: tuple[InputRecord, ...]
    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    schema: str = field(default=BRIEF_SCHEMA)


def _pickle_by_fields(cls: type) -> None:
    """Pickle instances of `cls` as its constructor and field values.

    Docs cross process boundaries by pickle (the local engine's workers, Ray). The default for
    slotted dataclasses restores each field through `__setstate__`; calling the constructor
    with the values is about three times faster to load and half the time to dump, which
    the driver of a 2-process run pays for every finished doc (docs/PERFORMANCE.md).
    """
    names = tuple(f.name for f in dataclasses.fields(cls))

    def reduce(obj: object) -> tuple[type, tuple[object, ...]]:
        return cls, tuple(getattr(obj, n) for n in names)

    copyreg.pickle(cls, reduce)


for _cls in list(globals().values()):
    if isinstance(_cls, type) and dataclasses.is_dataclass(_cls) and _cls.__module__ == __name__:
        _pickle_by_fields(_cls)
del _cls
