"""Reconcile a story's claims into facts: who states each one, how many independent sources
that makes, and where sources give incompatible values (figures, dates, yes or no).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import combinations

from storyline.embed import embed
from storyline.model import (
    Claim,
    Conflict,
    CopyLink,
    Doc,
    Entity,
    Evidence,
    Fact,
    FactStatus,
    Figure,
    Variant,
    content_id,
)
from storyline.names import name_key
from storyline.stories.copies import source_group
from storyline.stories.disjoint import DisjointSets
from storyline.stories.matching import (
    MATCH_THRESHOLD,
    Embedder,
    Scorer,
    Weights,
    figure_agreement,
    figure_range,
    figures_compatible,
    full_dates,
    group_claims,
    plain_text,
    slot,
    written_date,
)
from storyline.stories.resolve import alias_index

#: A sentence this long repeated word for word by two articles is copied, not corroborated.
VERBATIM_MIN_WORDS = 8

_PRONOUNS = frozenset({"it", "he", "she", "they", "this", "these", "those", "we", "i"})
#: Opening quotation marks and the marks that close them.
_OPENING = {"\u201c": "\u201d", "\u2018": "\u2019"}

_NOT_JUST = re.compile(r"\b(?:not|n't|n\u2019t)\s+(?:just|only|merely|simply)\b", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s*$", re.IGNORECASE)
#: `did not take the lead until ...`: it happened, later.
_NOT_UNTIL = re.compile(r"\b(?:not|n't|n\u2019t|never)\b[^.;]*\buntil\b", re.IGNORECASE)
#: `Before this, no planets had been detected`: a denial about the time before the event.
_BEFORE_NOW = re.compile(
    r"\b(?:before (?:this|that|now|then)|previously|until (?:now|then|this))\b", re.IGNORECASE
)

#: Whether two claims of a fact, with rival values, are sources that disagree.
Rival = Callable[[Claim, Claim], bool]

# Re-exported for callers that compare figures.
__all__ = [
    "count_independent",
    "figures_compatible",
    "name_sources",
    "partial_copies",
    "reconcile",
]


def reconcile(
    docs: Sequence[Doc], copies: dict[str, CopyLink], embedder: Embedder = embed
) -> tuple[Fact, ...]:
    """Return the story's facts, most independently supported first."""
    claims = [c for d in docs for c in d.claims]
    texts = {d.id: d.article.text for d in docs}
    published = {d.id: d.article.published or "9999" for d in docs}
    scorer = Scorer(claims, texts, embedder)
    groups = group_claims(claims, texts, embedder=embedder, scorer=scorer)
    index = {id(c): i for i, c in enumerate(claims)}
    figure_weight = Weights().figure

    def rival(a: Claim, b: Claim) -> bool:
        """Tell whether two claims state the same thing, leaving out their figures: a rival
        value in a shared slot adds to their match score, and must not make the conflict."""
        if plain_text(a.text) == plain_text(b.text):
            return False  # one sentence twice: what differs is our reading, not the sources
        if about_others(a, b):
            return False
        score = scorer(index[id(a)], index[id(b)]) - figure_weight * figure_agreement(a, b)
        return score >= MATCH_THRESHOLD

    facts = [_fact(members, copies, published, texts, rival) for members in groups]
    return tuple(sorted(_one_per_statement(facts), key=_importance))


def _one_per_statement(facts: Sequence[Fact]) -> list[Fact]:
    """Join facts that show the same words from the same articles.

    A sentence gives a claim per clause, and a clause whose subject is a pronoun is shown as
    its whole sentence (`fact_text`): "The ship was travelling north when it swung sideways"
    would be listed twice. An article that repeats a paragraph (a live page, a teaser above
    the story) would list its sentence twice too. Facts with conflicts stay as they are.
    """
    first: dict[tuple[str, tuple[str, ...]], int] = {}
    out: list[Fact] = []
    for fact in facts:
        key = (fact.text, fact.article_ids)
        at = first.get(key)
        if at is None or fact.conflicts or out[at].conflicts:
            first.setdefault(key, len(out))
            out.append(fact)
            continue
        kept = out[at]
        claim_ids = (*kept.claim_ids, *(c for c in fact.claim_ids if c not in kept.claim_ids))
        evidence = {e.span: e for e in (*kept.evidence, *fact.evidence)}
        out[at] = replace(
            kept,
            id=content_id(*sorted(claim_ids), prefix="f"),
            claim_ids=claim_ids,
            evidence=tuple(evidence[span] for span in sorted(evidence)),
            date=kept.date or fact.date,
            attributions=tuple(sorted({*kept.attributions, *fact.attributions})),
        )
    return out


def _importance(fact: Fact) -> tuple[int, int, bool, str]:
    return (-fact.independent_sources, -len(fact.article_ids), fact.status != "conflicting",
            fact.text)  # fmt: skip


def count_independent(members: Sequence[Claim], copies: dict[str, CopyLink]) -> int:
    """Count sources once per copy group, and once per sentence copied word for word."""
    return len(set(_independent_groups(members, copies).values()))


def _independent_groups(members: Sequence[Claim], copies: dict[str, CopyLink]) -> dict[str, str]:
    """Map each article to the source it stands for in this fact.

    Whole-article copy detection misses partial syndication (a wire paragraph pasted into a
    longer story); a long sentence repeated verbatim by two outlets is that copy.
    """
    sets = DisjointSets(source_group(c.span.article_id, copies) for c in members)
    first_with: dict[str, str] = {}
    for claim in members:
        words = claim.text.lower().split()
        if len(words) >= VERBATIM_MIN_WORDS:
            group = source_group(claim.span.article_id, copies)
            sets.union(first_with.setdefault(" ".join(words), group), group)
    return {c.span.article_id: sets.find(source_group(c.span.article_id, copies)) for c in members}


def _fact(
    members: list[Claim],
    copies: dict[str, CopyLink],
    published: dict[str, str],
    texts: dict[str, str],
    rival: Rival,
) -> Fact:
    lead = min(members, key=lambda c: (c.modality is not None, published[c.span.article_id],
                                       c.span.start, c.id))  # fmt: skip
    article_ids = tuple(sorted({c.span.article_id for c in members}))
    groups = _independent_groups(members, copies)
    independent = len(set(groups.values()))
    conflicts = _conflicts(members, rival)
    status: FactStatus = (
        "conflicting" if conflicts else "corroborated" if independent >= 2 else "single-source"
    )
    by_source: dict[str, list[str]] = defaultdict(list)
    for a in article_ids:
        by_source[groups[a]].append(a)
    originals = {  # a known copy is never the original
        min(ids, key=lambda a: (a in copies, published[a], a)) for ids in by_source.values()
    }
    ordered = sorted(members, key=lambda c: c.span)
    evidence = tuple(Evidence(c.span, c.text) for c in ordered)
    return Fact(
        id=content_id(*sorted(c.id for c in members), prefix="f"),
        text=fact_text(lead, texts[lead.span.article_id]),
        status=status,
        article_ids=article_ids,
        independent_sources=independent,
        evidence=evidence,
        conflicts=conflicts,
        date=_date(members),
        modality=lead.modality,
        attributions=tuple(sorted({c.attribution for c in members if c.attribution})),
        copied_article_ids=tuple(a for a in article_ids if a not in originals),
        claim_ids=tuple(c.id for c in ordered),
    )


def partial_copies(facts: Sequence[Fact], copies: dict[str, CopyLink]) -> tuple[CopyLink, ...]:
    """Return who pasted whose sentences, for articles that are not whole copies.

    `similarity` is the number of the original's sentences the copy repeats word for word.
    """
    pasted: Counter[tuple[str, str]] = Counter()
    for fact in facts:
        by_text = {e.text.lower(): e.span.article_id for e in fact.evidence
                   if e.span.article_id not in fact.copied_article_ids}  # fmt: skip
        for ev in fact.evidence:
            copy = ev.span.article_id
            original = by_text.get(ev.text.lower())
            if copy in fact.copied_article_ids and copy not in copies and original:
                pasted[(copy, original)] += 1
    return tuple(CopyLink(c, o, float(n), "partial") for (c, o), n in sorted(pasted.items()))


def name_sources(facts: Sequence[Fact], entities: Sequence[Entity]) -> tuple[Fact, ...]:
    """Write each fact's sources the way the story names them: "Osama Rabie, the head of the
    authority," and "Rabie" both become "Osama Rabie"; unnamed sources keep their words."""
    index = alias_index(entities)
    names = {e.id: e.name for e in entities}

    def canonical(source: str) -> str:
        head = source.split(",", 1)[0].strip()
        found = index.get(name_key(head))
        return names[found] if found else head

    return tuple(
        replace(f, attributions=tuple(sorted({canonical(a) for a in f.attributions})))
        if f.attributions else f
        for f in facts
    )  # fmt: skip


def fact_text(claim: Claim, text: str) -> str:
    """Return the words that state a claim: its sentence, or its clause when the sentence
    holds several claims ("All 25 crew are safe and no pollution has been reported"), with
    its quotation marks paired (`balance_quotes`)."""
    return balance_quotes(_fact_words(claim, text))


def _fact_words(claim: Claim, text: str) -> str:
    clause = claim.clause
    if clause is None or (clause.end - clause.start) >= 0.8 * (claim.span.end - claim.span.start):
        return claim.text
    words = text[clause.start : clause.end].split(" ", 1)
    if words[0].lower() in {"that", "and", "but", "while", "whereas"} and len(words) > 1:
        words = words[1:]
    if words[0].lower() in _PRONOUNS:
        return claim.text  # "It had suspended traffic": only the sentence says who "it" is
    phrase = " ".join(words)
    if claim.subject and claim.subject.lower() not in phrase.lower():
        if claim.subject.lower() in _PRONOUNS:
            return claim.text
        phrase = f"{claim.subject} {phrase}"  # "... and blocked the canal": say who blocked it
    return phrase[:1].upper() + phrase[1:] + ("" if phrase.endswith((".", "!", "?")) else ".")


def balance_quotes(phrase: str) -> str:
    """Pair a quotation mark that the sentence or clause leaves alone.

    A sentence inside a quote that runs over several sentences opens it and leaves it open
    (`"They were on vacation.`), or closes one opened a sentence earlier (`We miss him," she
    said.`); a clause can end inside a quote (`the death toll 'may well increase`). Shown as
    a fact on its own, the quote is closed at the end or opened at the start. Straight double
    quotes open after a space or at the start and close elsewhere; a straight single quote
    counts only where it opens a quote (`'may`), since `'` is also an apostrophe.
    """
    opened: list[str] = []
    unopened: list[str] = []
    for i, ch in enumerate(phrase):
        before = phrase[i - 1] if i else " "
        after = phrase[i + 1] if i + 1 < len(phrase) else " "
        if ch in _OPENING:
            opened.append(_OPENING[ch])
        elif ch == '"':
            if (before.isspace() or before in "([:\u2014-") and not after.isspace():
                opened.append('"')
            elif opened and opened[-1] == '"':
                opened.pop()
            else:
                unopened.append('"')
        elif ch == "'" and before.isspace() and after.isalnum():
            opened.append("'")
        elif ch == "'" and opened and opened[-1] == "'" and not after.isalnum():
            opened.pop()
        elif ch == "\u2019" and opened and opened[-1] == "\u2019" and not after.isalnum():
            opened.pop()  # not the apostrophe of `It\u2019s`
        elif ch == "\u201d":
            if opened and opened[-1] == "\u201d":
                opened.pop()
            else:
                unopened.append("\u201c")
    starts = "".join(reversed(unopened))
    return starts + phrase + "".join(reversed(opened))


def _conflicts(members: list[Claim], rival: Rival) -> tuple[Conflict, ...]:
    """Return every slot where some sources state one value and others a rival one.

    Two sentences in one fact may be joined only through a third; a conflict needs a pair
    across two values that match on their own (`rival`).
    """
    found = [
        *_figure_conflicts(members, rival),
        *_date_conflicts(members, rival),
        *_polarity(members, rival),
    ]
    return tuple(found)


def _figure_conflicts(members: list[Claim], rival: Rival) -> list[Conflict]:
    """Figures in one slot that cannot all be true.

    Only claims with a single figure in a slot take part: a sentence giving two dollar
    amounts does not say which of them is the one another source disputes. A figure in
    brackets after a number restates it in other units (`US$1 million ($1.52 million)`,
    `60 metres (200 feet)`) and takes no part either.
    """
    by_slot: dict[tuple[str | None, str | None], list[tuple[Figure, Claim]]] = defaultdict(list)
    for claim in members:
        figures = [f for f in claim.figures if not _restated(f, claim)]
        slots = Counter(slot(f) for f in figures)
        for fig in figures:
            if slots[slot(fig)] == 1 and slot(fig) != (None, None):
                by_slot[slot(fig)].append((fig, claim))
    out: list[Conflict] = []
    for key, items in sorted(by_slot.items(), key=lambda kv: str(kv[0])):
        groups = _figure_groups(items)
        if _disagree([[c for _, c in g] for g in groups], rival):
            unit, counts = key
            variants = [_variant(g[0][0].text, [c for _, c in g]) for g in groups]
            out.append(Conflict(f"figure:{counts or unit or 'number'}", tuple(variants)))
    return out


def _restated(fig: Figure, claim: Claim) -> bool:
    """Tell whether a figure in brackets restates the number just before it."""
    before = claim.text[: fig.span.start - claim.span.start].rstrip()
    if not before.endswith("(") or fig.span.article_id != claim.span.article_id:
        return False
    last_two = before[:-1].split()[-2:]  # "60 metres (", "$ US1 million ("
    return any(ch.isdigit() for word in last_two for ch in word)


def _date_conflicts(members: list[Claim], rival: Rival) -> list[Conflict]:
    """The same event put on different days by different sources, each writing its date.

    A weekday, a relative date or a holiday (`on Monday`, `the next day`, `New Year's Eve`)
    is resolved against each article's own date, so two sources that copy one sentence can
    come out days apart. (The timeline's verdict replaces this one for facts it dates.)
    """
    by_value: dict[str, list[Claim]] = defaultdict(list)
    for claim in members:
        full = full_dates(claim)
        dates = {t.value for t in claim.times if written_date(t) and t.value in full}
        if len(dates) == 1:
            by_value[next(iter(dates))].append(claim)
    groups = [claims for _, claims in sorted(by_value.items())]
    if not _disagree(groups, rival):
        return []
    return [Conflict("date", tuple(_variant(v, cs) for v, cs in sorted(by_value.items())))]


def _polarity(members: list[Claim], rival: Rival) -> list[Conflict]:
    """One source says it happened, another that it did not, of the same predicate.

    `resigned` / `has not resigned` is a conflict. A negation on another verb of a matched
    sentence is not a denial of this fact: "it has never gone anywhere, because North Korea
    reneged on its pledges" does not deny that North Korea pledged.
    """
    affirmed = {c.predicate for c in members if not c.negated}
    denials = [c for c in members if c.negated and not _no_denial(c)]
    both = ({c.predicate for c in denials} & affirmed) - {None}
    said = [c for c in members if not c.negated and c.predicate in both]
    denied = [c for c in denials if c.predicate in both and any(_same_doer(c, s) for s in said)]
    said = [c for c in said if any(_same_doer(c, d) for d in denied)]
    if not (said and denied and _disagree([said, denied], rival)):
        return []
    return [Conflict("happened", (_variant("yes", said), _variant("no", denied)))]


def _same_doer(a: Claim, b: Claim) -> bool:
    """Tell whether two claims may be about the same subject: `21 schoolgirls ... have been
    released` and `no captive fighters were released` are not. A pronoun or a missing
    subject may be anyone; plurals are compared without their `s`."""
    if a.subject_head is None or b.subject_head is None:
        return True
    return _singular(a.subject_head) == _singular(b.subject_head)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def subject_names(claim: Claim) -> set[str]:
    """Return the words of the names a claim's subject gives (`Earl Clark`, `Louisville's Earl
    Clark`): subject words that belong to a name the sentence mentions, so `The singer` and
    `the bombing late Thursday` name no one."""
    named = {w for key in claim.entities for w in re.findall(r"\w+", key)}
    return set(re.findall(r"\w+", name_key(claim.subject or ""))) & named


def about_others(a: Claim, b: Claim) -> bool:
    """Tell whether two claims are about different people or places, so that their rival
    values are not a dispute: `Vaughn finished with 16 points` / `Hansbrough finished with 20
    points`; two clauses that each name a place, none the same (`in Orlando` / `in Las
    Vegas`)."""
    names_a, names_b = subject_names(a), subject_names(b)
    if names_a and names_b and not names_a & names_b:
        return True
    return bool(a.places and b.places and not set(a.places) & set(b.places))


def _no_denial(claim: Claim) -> bool:
    """Tell whether a negated sentence still leaves the event standing.

    `had not won the World Series since 1908` says when it last happened, not that it did
    not, and `did not take the lead until the fourth quarter` when it happened; `it is not
    just the Chinese that have a programme` negates the `just`; `before this, no planets had
    been detected` is about the time before it happened.
    """
    if any(rule.search(claim.text) for rule in (_NOT_JUST, _NOT_UNTIL, _BEFORE_NOW)):
        return True
    before = [claim.text[: t.span.start - claim.span.start] for t in claim.times]
    return any(_SINCE.search(text) for text in before if text)


def _disagree(groups: Sequence[Sequence[Claim]], rival: Rival) -> bool:
    """Tell whether two groups of claims, each holding one value, are rival sources.

    Some article must state one value only and another article the other only ("400 m
    long and 59 m wide" in one sentence is two values in one slot, not a conflict), and a
    claim of one and a claim of the other, from those articles, must match on their own.
    """
    for a, b in combinations(groups, 2):
        only_a = {c.span.article_id for c in a} - {c.span.article_id for c in b}
        only_b = {c.span.article_id for c in b} - {c.span.article_id for c in a}
        if any(
            rival(x, y)
            for x in a
            if x.span.article_id in only_a
            for y in b
            if y.span.article_id in only_b
        ):
            return True
    return False


def _figure_groups(items: list[tuple[Figure, Claim]]) -> list[list[tuple[Figure, Claim]]]:
    """Split figures into groups of mutually compatible values, one variant per group.

    A figure allows an interval of values, and intervals that pairwise overlap share a
    point, so a figure fits every member of a group exactly when it overlaps the group's
    common interval: one comparison per group instead of one per member.
    """
    groups: list[tuple[list[tuple[Figure, Claim]], list[float]]] = []  # members, [lo, hi]
    for fig, claim in sorted(items, key=lambda fc: fc[0].value):
        lo, hi = figure_range(fig)
        home = next((g for g in groups if lo <= g[1][1] and g[1][0] <= hi), None)
        if home is None:
            groups.append(([(fig, claim)], [lo, hi]))
        else:
            home[0].append((fig, claim))
            home[1][:] = [max(home[1][0], lo), min(home[1][1], hi)]
    return [members for members, _ in groups]


def _variant(value: str, claims: Sequence[Claim]) -> Variant:
    return Variant(
        value=value,
        article_ids=tuple(sorted({c.span.article_id for c in claims})),
        evidence=tuple(Evidence(c.span, c.text) for c in claims),
    )


def _date(members: list[Claim]) -> str | None:
    """Return the full date the claims most often resolve to, if any."""
    dates = Counter(d for c in members for d in full_dates(c))
    return dates.most_common(1)[0][0] if dates else None
