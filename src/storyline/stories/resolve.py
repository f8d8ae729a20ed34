"""Merge entity mentions across a story's articles into one entity per real-world thing.

Mentions first group by name key (case, accents, titles, "the", possessives). Groups then
join when the evidence says they are one thing, and each join is recorded on the entity:

- the articles themselves say so: `Munich (München)`, `the IAEA (International Atomic ...)`;
- an acronym is the initials of a longer name (`IAEA` / `International Atomic Energy Agency`);
- the names differ by an article of another language or a legal form (`el Nasdaq` /
  `Nasdaq`, `Apple Inc.` / `Apple`), neither is a person and both are of one kind;
- both name the same country in any of a few languages (`Egypt` / `Ägypten`, via pycountry);
- a transliteration: every word has the same consonant skeleton and the spellings are close
  (`Usama Rabi` / `Osama Rabie`, `Nawalny` / `Navalny`);
- full names of a person that differ by middle initials or a country after `of` (`Michael
  T. Flynn` / `Michael Flynn`, `Emmanuel Macron of France`), unless two of them give different
  initials (`George W. Bush`, `George H. W. Bush`);
- a lone surname joins the one full name that ends with it; two full names that share only a
  surname (`Ann Lopez`, `Maria Lopez`) stay apart, and so does a surname they both own;
- a lone name that no full name ends with joins the one full person name that starts with
  it: a family name written first (`Mr. Kim` / `Kim Jong Un`, `Xi` / `Xi Jinping`) or a
  first name (`Donald` / `Donald Trump`).

A nationality never joins its country as a spelling (`Israeli` / `Israel`), and a stated
alias needs names of one kind: `Andrei Ivanov (Russia)` gives his country, not his second
name.

A lone capitalised word the tagger took for a name only because it opens a sentence, and
that the story also writes in lower case (`Canal officials said ...`, `the canal`), makes no
entity.

Before any of this, mentions lose the quotation marks at their ends and a possessive
(`Stephen Paddock's`), span included. A name of several words that only opens sentences of
one article is doubtful (a headline or a sentence start run into a name: `Tranquilizing
Harambe`, `Overjoyed Cubs`): it is cut back to the name the story uses more often where the
words cut off are common ones, and a lone name the votes do not call a person never folds
into it.

An entity's type is a vote over its mentions: the model's label, or, where the article's own
words say what the name is (`the port of Rotterdam`, `Great Bitter Lake`; see `types`), that
type, counted twice.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import partial

from rapidfuzz import fuzz

from storyline.model import Doc, Entity, Mention, Span, content_id
from storyline.names import (
    acronym,
    bare_name,
    country_code,
    is_acronym,
    name_key,
    name_skeleton,
)
from storyline.stories.types import Evidence, type_evidence

_TYPE_ORDER = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT")
_PLACES = frozenset({"GPE", "LOC"})
_ANY_PLACE = frozenset({"GPE", "LOC", "FAC"})
#: Least rapidfuzz ratio of two spellings with equal skeletons (Mohammed / Mahmoud is 53).
SPELLING_RATIO = 70.0
_ALIAS_AFTER = re.compile(r"\s*\(\s*([^()\n]{2,80}?)\s*\)")
#: Quotation marks the tagger takes into a name's span at either end.
_EDGE_MARKS = "\"'`\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb"
#: A possessive at the end of a name: `'s`, or a lone apostrophe after an `s`.
_POSSESSIVE = re.compile(r"(?:['\u2019][sS]|(?<=[sS])['\u2019])$")
_EDGES = re.compile(f"^[\\s{_EDGE_MARKS}]|[\\s{_EDGE_MARKS}]$")
_OWNED_ENDS = frozenset("sS'\u2019")
_PUNCTUATION = ".,;:!?()[]" + _EDGE_MARKS
#: Words a name may end with in the possessive (`Cincinnati Children's`, `New Year's`).
_OWNING_WORDS = frozenset({"children", "women", "men", "people", "year"})


def resolve_entities(docs: Sequence[Doc]) -> tuple[Entity, ...]:
    """Return the story's entities, most mentioned first."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    said: Evidence = {}
    for doc in docs:
        said.update(type_evidence(doc))
    for mention in _clean_mentions(docs):
        key = name_key(mention.text)
        if key:
            groups[key].append(mention)
    vote = partial(_vote, said=said)
    _trim_sentence_openers(docs, groups, vote)
    doubtful = _opener_names(docs, groups)
    _cut_to_known_names(docs, groups, doubtful)
    links = _Links(groups, vote, doubtful & set(groups))
    links.join_pairs(_stated_aliases(docs, groups, vote), "the article gives both names")
    links.join_acronyms()
    links.join_bare_names()
    links.join_countries()
    links.join_spellings()
    links.join_middle_initials()
    links.join_longer_names()
    links.fold_surnames()
    links.fold_family_names()
    clusters = _drop_common_words(docs, links.clusters(), groups)
    entities = [_entity(keys, links) for keys in clusters]
    return tuple(sorted(entities, key=lambda e: (-len(e.mentions), e.name)))


class _Links:
    """Union-find over name keys, remembering why each pair joined."""

    def __init__(
        self,
        groups: dict[str, list[Mention]],
        vote: Callable[[Sequence[Mention]], str],
        doubtful: set[str] | None = None,
    ) -> None:
        self.groups = groups
        self.type_of = vote
        self.doubtful = doubtful or set()  # names seen only opening sentences of one article
        self.people: set[str] = set()  # full person names a lone name was folded into
        self.bare_joined: set[str] = set()  # names joined to another form of themselves
        self.parent = {k: k for k in groups}
        self.members: dict[str, list[str]] = {k: [k] for k in groups}  # root -> its keys
        self.why: dict[str, list[str]] = defaultdict(list)

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: str, b: str, reason: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        self.why[ra].extend(self.why.pop(rb, []))
        self.why[ra].append(f"{_surface(self.groups[b])} ~ {_surface(self.groups[a])}: {reason}")

    def join_pairs(self, pairs: Iterable[tuple[str, str]], reason: str) -> None:
        for a, b in pairs:
            if a in self.groups and b in self.groups and self.same_kind(a, b):
                self.join(a, b, reason)

    def same_kind(self, a: str, b: str) -> bool:
        """Tell whether two names can be one thing by type: the same type, or two places."""
        ta, tb = self.vote(a), self.vote(b)
        return ta == tb or {ta, tb} <= _ANY_PLACE

    def join_bare_names(self) -> None:
        """Join names that differ by a foreign article or a legal form (`el Nasdaq`, `Apple
        Inc.`), when neither is a person and both are of one kind: `Walt Disney Co.` is not
        `Walt Disney`, nor `La Paz` the surname of `Rodrigo Paz`, nor `Le Van Thanh` anyone
        called `Van Thanh`."""
        by_bare: dict[str, list[str]] = defaultdict(list)
        for key in self.groups:
            by_bare[bare_name(key)].append(key)
        for bare, keys in by_bare.items():
            if len(keys) < 2 or any(self.vote(k) == "PERSON" for k in keys):
                continue
            first = bare if bare in keys else keys[0]
            for other in keys:
                if other != first and self.same_kind(first, other):
                    self.join(first, other, "the same name without its article or legal form")
                    self.bare_joined.update((first, other))

    def nationality_clash(self, a: str, b: str) -> bool:
        """Tell whether one name is a nationality and the other is not (`Israeli`, `Israel`).

        Other type differences do not keep spellings apart: the model labels foreign names
        unevenly (`Alexej Nawalny` as an organisation).
        """
        return (self.vote(a) == "NORP") != (self.vote(b) == "NORP")

    def vote(self, key: str) -> str:
        return self.type_of([m for k in self.members[self.find(key)] for m in self.groups[k]])

    def join_acronyms(self) -> None:
        """Join `IAEA` to the one longer name whose initials it is."""
        initials: dict[str, set[str]] = defaultdict(set)
        for key in self.groups:
            if (letters := acronym(key)) and len(letters) >= 2:
                initials[letters].add(key)
        for key, mentions in self.groups.items():
            if not any(is_acronym(m.text) for m in mentions):
                continue
            owners = initials.get(key.replace(" ", ""), set()) - {key}
            if len({self.find(o) for o in owners}) == 1:
                self.join(min(owners), key, "acronym")

    def join_countries(self) -> None:
        """Join place names that are the same country in different languages."""
        by_code: dict[str, list[str]] = defaultdict(list)
        for key, mentions in self.groups.items():
            code = country_code(key) or country_code(bare_name(key))
            if self.type_of(mentions) in _PLACES and code:
                by_code[code].append(key)
        for code, keys in by_code.items():
            for other in keys[1:]:
                self.join(keys[0], other, f"same country ({code})")

    def join_spellings(self) -> None:
        """Join names whose every word has the same skeleton and whose spellings are close."""
        by_skeleton: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for key in self.groups:
            by_skeleton[name_skeleton(key)].append(key)
        for skel, keys in by_skeleton.items():
            if not all(skel) or len(keys) < 2:
                continue
            for other in keys[1:]:
                if _close_spellings(keys[0], other) and not self.nationality_clash(keys[0], other):
                    self.join(keys[0], other, "same name, another spelling")

    def join_longer_names(self) -> None:
        """Join a person's name to a longer one that ends with it (`Tayyip Erdogan`)."""
        people = [k for k in self.groups if " " in k and self.vote(k) == "PERSON"]
        by_tail: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for key in people:
            skel = name_skeleton(key)
            for n in range(2, len(skel)):
                by_tail[skel[-n:]].add(key)
        for key in people:
            longer = by_tail.get(name_skeleton(key), set())
            tails = {
                k for k in longer if _close_spellings(" ".join(k.split()[-len(key.split()) :]), key)
            }
            if len({self.find(k) for k in tails}) == 1:
                self.join(key, min(tails), "the same name with more words before it")

    def join_middle_initials(self) -> None:
        """Join full names of a person that differ by middle initials or a country after `of`
        (`Michael T. Flynn` / `Michael Flynn`, `Emmanuel Macron of France`)."""
        by_core: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
        for key in self.groups:
            if " " in key and self.vote(key) == "PERSON":
                core, initials = _core_and_initials(key)
                by_core[core].append((key, initials))
        for named in by_core.values():
            if len({initials for _, initials in named} - {()}) > 1:
                continue  # `George W. Bush` and `George H. W. Bush` are two people
            for other, _ in named[1:]:
                self.join(named[0][0], other, "the same name without middle initials")

    def fold_surnames(self) -> None:
        """Move a one-word name into the only multi-word person name that ends with it."""
        by_surname: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for k in self.groups:
            if " " in k and self.vote(k) == "PERSON" and not _given_name_tail(self.groups[k]):
                by_surname[name_skeleton(k)[-1:]].append(k)
        firsts = Counter(k.split()[0] for ks in by_surname.values() for k in ks)
        # a name seen only opening one sentence is no one's name unless its first word is
        # a first name the story gives someone else too (`John Fox`, `John DeFilippo`)
        unsure = {k for k in self.doubtful if firsts[k.split()[0]] < 2}
        for key in [k for k in self.groups if " " not in k]:
            if self.vote(key) not in {"PERSON", "ORG", "GPE"}:
                continue
            if self.bare_joined & set(self.members[self.find(key)]):
                continue  # `Adani` with `Adani Group` is the company, not `Gautam Adani`
            if country_code(key) and self.vote(key) in _PLACES:
                continue  # `Singapore` the country, not a name the tagger ran on into it
            # `Cubs` the team is no person's surname because one headline says `Overjoyed Cubs`
            doubtful = unsure if self.vote(key) != "PERSON" else set()
            owners = {
                self.find(p)
                for p in by_surname.get(name_skeleton(key), ())
                if _close_spellings(p.split()[-1], key) and p not in doubtful
            }
            if len(owners) == 1:
                owner = next(iter(owners))
                self.join(owner, key, "surname of the only full name that ends with it")
                self.people.add(owner)

    def fold_family_names(self) -> None:
        """Move a lone name left over into the only full person name that starts with it.

        In Chinese and Korean names the family name comes first (`Mr. Kim` is Kim Jong Un,
        `Xi` is Xi Jinping), and some articles call a person by the first name alone
        (`Donald`). Only names no full name ends with are left when this runs, and only one
        full name may start with the word.
        """
        ends: dict[str, set[str]] = defaultdict(set)  # last words of full names, by skeleton
        for k in self.groups:
            if " " in k:
                ends[name_skeleton(k)[-1]].add(k.split()[-1])
        by_first: dict[str, set[str]] = defaultdict(set)
        for k in self.groups:
            # a full name that took in a surname is a person, though the surname's mentions
            # may have tipped its vote (`Tarantino` tagged as an organisation)
            if " " in k and (self.vote(k) == "PERSON" or self.find(k) in self.people):
                by_first[name_skeleton(k)[0]].add(k)
        for key in [k for k in self.groups if " " not in k]:
            if self.find(key) != key or len(self.members[key]) > 1:
                continue  # already part of someone's name
            skel = name_skeleton(key)
            if not skel or self.vote(key) != "PERSON" or country_code(key):
                continue  # `Jordan` the tagger took for a person is not Jordan Peterson
            if any(_close_spellings(end, key) for end in ends.get(skel[0], ())):
                continue  # someone's surname, though fold_surnames found no single owner
            owners = {
                self.find(p)
                for p in by_first.get(skel[0], ())
                if _close_spellings(p.split()[0], key)
            }
            if len(owners) == 1:
                owner = next(iter(owners))
                self.join(owner, key, "the only full name that starts with it")
                self.people.add(owner)

    def clusters(self) -> list[list[str]]:
        return list(self.members.values())


def _trim_sentence_openers(
    docs: Sequence[Doc],
    groups: dict[str, list[Mention]],
    vote: Callable[[Sequence[Mention]], str],
) -> None:
    """Drop a capitalised sentence opener the tagger took into a name (`Laut Usama Rabi`).

    Only when the rest is spelled like another person's name in the story: a capital letter
    at the start of a sentence is no evidence that the word belongs to the name.
    """
    people = {name_skeleton(k): k for k, ms in groups.items() if " " in k and vote(ms) == "PERSON"}
    starts = {(d.id, s.start) for d in docs for s in d.sentences}
    for key in [k for k in groups if len(k.split()) >= 3]:
        rest = " ".join(key.split()[1:])
        match = people.get(name_skeleton(rest))
        mentions = groups[key]
        if match is None or not all((m.span.article_id, m.span.start) in starts for m in mentions):
            continue
        for m in groups.pop(key):
            cut = m.text.find(" ") + 1
            while cut < len(m.text) and m.text[cut] == " ":
                cut += 1
            span = Span(m.span.article_id, m.span.start + cut, m.span.end)
            groups.setdefault(name_key(m.text[cut:]), []).append(
                Mention(span, m.text[cut:], m.label)
            )


def _without_marks(mention: Mention) -> Mention:
    """Return the mention without the quotation marks the tagger took in at either end
    (`'wolf moon'`, `"Palestinian Joan of Arc`); one inside a name stays (`O'Brien`)."""
    text = mention.text
    start, end = 0, len(text)
    while start < end and (text[start].isspace() or text[start] in _EDGE_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_MARKS):
        if _POSSESSIVE.search(text, start, end):
            break  # `Grizzlies'`: a possessive, for `_without_possessive` to judge
        end -= 1
    return _cut(mention, start, end)


def _without_possessive(mention: Mention) -> Mention:
    """Return the mention without a possessive at its end (`Stephen Paddock's`,
    `Memphis Grizzlies'`); one inside a name stays (`New Year's Eve`)."""
    found = _POSSESSIVE.search(mention.text)
    return _cut(mention, 0, found.start()) if found else mention


def _cut(mention: Mention, start: int, end: int) -> Mention:
    """Return the part `start:end` of the mention's text as a mention (itself if whole)."""
    while end > start and mention.text[end - 1].isspace():
        end -= 1
    if start >= end or (start, end) == (0, len(mention.text)):
        return mention
    at = mention.span.start
    span = Span(mention.span.article_id, at + start, at + end)
    return Mention(span, mention.text[start:end], mention.label)


def _clean_mentions(docs: Sequence[Doc]) -> list[Mention]:
    """Return every mention of the story without quotation marks at its ends, and without a
    possessive where the name has several words, is a person's or is also written without it.

    A one-word company may end in one (`McDonald's`, `Lloyd's`): where the story never
    writes it without and the tagger does not call it a person, it is left; so are names
    that end in a plural owner (`Cincinnati Children's`, `New Year's`).
    """
    mentions = [_without_marks(m) if _EDGES.search(m.text) else m for d in docs for m in d.mentions]
    owned = [m.text[-1:] in _OWNED_ENDS and _POSSESSIVE.search(m.text) for m in mentions]
    plain = {m.text for m, cut in zip(mentions, owned, strict=True) if not cut}
    out = []
    for m, cut in zip(mentions, owned, strict=True):
        if not cut:
            out.append(m)
            continue
        bare = _without_possessive(m)
        words = bare.text.split()
        owner = len(words) > 1 and words[-1].lower() not in _OWNING_WORDS
        out.append(bare if owner or m.label == "PERSON" or bare.text in plain else m)
    return out


def _given_name_tail(mentions: Sequence[Mention]) -> bool:
    """Tell whether a name ends in the second part of a hyphenated given name (`Kim
    Jong-un`, `Moon Jae-in`), as any of its mentions writes it: that part is nobody's
    surname (`UN` is not Kim Jong-un, though `Kim Jong Un` is written too)."""
    tails = [m.text.split()[-1].rpartition("-")[2] for m in mentions if "-" in m.text]
    return any(t[:1].islower() or len(t) <= 3 for t in tails)


def _opener_names(docs: Sequence[Doc], groups: dict[str, list[Mention]]) -> set[str]:
    """Return the names of several words that only open sentences, all in one article.

    Such a name may be a headline or a sentence start the tagger ran into a name
    (`Overjoyed Cubs fans celebrate`, `SpaceX Set To Launch World's Most Powerful Rocket`):
    the capital letters that make it look like one name are no evidence there.
    """
    starts = {d.id: sorted(s.start for s in d.sentences) for d in docs}
    texts = {d.id: d.article.text for d in docs}

    def opens(m: Mention) -> bool:
        firsts = starts.get(m.span.article_id, [])
        at = bisect_right(firsts, m.span.start) - 1  # the sentence holding the mention
        if at < 0:
            return False
        gap = texts[m.span.article_id][firsts[at] : m.span.start]
        return all(c.isspace() or c in _EDGE_MARKS for c in gap)

    return {
        key
        for key, ms in groups.items()
        if " " in key and len({m.span.article_id for m in ms}) == 1 and all(map(opens, ms))
    }


def _cut_to_known_names(
    docs: Sequence[Doc], groups: dict[str, list[Mention]], doubtful: set[str]
) -> None:
    """Cut a doubtful name down to a name the story uses more often, where what is cut off
    are common words (`Tranquilizing Harambe` to `Harambe`, `SpaceX Set To Launch World's`
    to `SpaceX`). A word is common when the story also writes it in lower case; the longest
    part that is such a name is kept. `Overjoyed Cubs` stays as it is unless `overjoyed`
    appears in lower case."""
    if not doubtful:
        return
    lower = {
        w
        for d in docs
        for token in d.article.text.split()
        if (w := token.strip(_PUNCTUATION)).isalpha() and w.islower()
    }  # words of running text, not of addresses or handles (`pittsburgh` in a link)
    for key in sorted(doubtful):
        mentions = groups[key]
        cuts = [_known_part(m, groups, len(mentions), lower) for m in mentions]
        if all(cuts):
            del groups[key]
            for cut in filter(None, cuts):
                groups[name_key(cut.text)].append(cut)


def _known_part(
    mention: Mention, groups: dict[str, list[Mention]], more_than: int, lower: set[str]
) -> Mention | None:
    """Return the longest leading or trailing part of the mention that is a name with more
    than `more_than` mentions, if every word cut off is written in lower case somewhere."""
    words = [(w.start(), w.end()) for w in re.finditer(r"\S+", mention.text)]
    if any(mention.text[a:b].islower() for a, b in words):
        return None  # `Port of Duisburg`: a name with a small word inside is written as one
    for n in range(len(words) - 1, 0, -1):
        for kept, dropped in ((words[:n], words[n:]), (words[-n:], words[:-n])):
            start, end = kept[0][0], kept[-1][1]
            key = name_key(mention.text[start:end])
            if len(groups.get(key, ())) <= more_than:
                continue
            cut = [name_key(mention.text[a:b]) for a, b in dropped]
            if all(w and all(part in lower for part in w.split()) for w in cut):
                return _cut(mention, start, end)
    return None


def _drop_common_words(
    docs: Sequence[Doc], clusters: list[list[str]], groups: dict[str, list[Mention]]
) -> list[list[str]]:
    """Drop a lone capitalised word that only opens sentences and is elsewhere lower case.

    `Canal officials said ...` and the German `Laut ...` ("according to") reach the tagger as
    names only because a sentence starts with them; where the story also writes the word in
    lower case (`the canal`) and never capitalises it inside a sentence, it is no name. A
    word that joined another name (`May` folded into `Theresa May`) is kept.
    """
    starts = {(d.id, s.start) for d in docs for s in d.sentences}
    suspects: dict[str, list[str]] = {}
    for keys in clusters:
        if len(keys) != 1 or " " in keys[0]:
            continue
        texts = {m.text for m in groups[keys[0]]}
        if len(texts) != 1:
            continue
        word = next(iter(texts))
        if (
            word[:1].isupper()
            and word[1:].islower()
            and word.isalpha()
            and all((m.span.article_id, m.span.start) in starts for m in groups[keys[0]])
        ):
            suspects[word] = keys
    if not suspects:
        return clusters
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, (w.lower() for w in suspects))) + r")\b")
    seen = {m.group(1) for d in docs for m in pattern.finditer(d.article.text)}
    dropped = {id(keys) for word, keys in suspects.items() if word.lower() in seen}
    return [keys for keys in clusters if id(keys) not in dropped]


def _core_and_initials(key: str) -> tuple[str, tuple[str, ...]]:
    """Split a person's name key into the name without middle initials or a country after
    `of`, and those initials (`george h w bush`: `george bush`, (h, w))."""
    words = _without_country(key).split()
    initials = tuple(w for w in words[1:-1] if len(w) == 1)
    core = " ".join(w for i, w in enumerate(words) if len(w) > 1 or i in {0, len(words) - 1})
    return core, initials


def _without_country(key: str) -> str:
    """Return a name key without a country after `of` (`emmanuel macron of france`)."""
    words = key.split()
    if "of" in words[1:-1] and country_code(" ".join(words[words.index("of") + 1 :])):
        return " ".join(words[: words.index("of")])
    return key


def _close_spellings(a: str, b: str) -> bool:
    """Tell whether two keys with one skeleton are spelled alike (and are not two countries)."""
    codes = {country_code(a), country_code(b)}
    if None not in codes and len(codes) == 2:
        return False  # Iran / Oran style: two known places
    short = min(len(a), len(b)) <= 5
    return fuzz.ratio(a, b) >= (SPELLING_RATIO + 10 if short else SPELLING_RATIO)


def _stated_aliases(
    docs: Sequence[Doc],
    groups: dict[str, list[Mention]],
    vote: Callable[[Sequence[Mention]], str],
) -> list[tuple[str, str]]:
    """Find `Name (Other name)` in the articles: the text itself says both are one thing.

    Unless the brackets are a label rather than a second name: a country after a name that
    is no place (`Andrei Ivanov (Russia)`), or, within one article, the same bracket after
    several names or several brackets after one name (a results table, a party list).
    """
    pairs: set[tuple[str, str]] = set()
    for doc in docs:
        text = doc.article.text
        found_here = set()
        for m in doc.mentions:
            found = _ALIAS_AFTER.match(text, m.span.end)
            if found is None:
                continue
            key, other = name_key(m.text), name_key(found.group(1))
            if other not in groups or other == key or key not in groups:
                continue
            if country_code(other) and vote(groups[key]) not in _ANY_PLACE:
                continue
            found_here.add((key, other))
        after = Counter(other for _, other in found_here)
        before = Counter(key for key, _ in found_here)
        pairs.update((k, o) for k, o in found_here if after[o] == 1 and before[k] == 1)
    return sorted(pairs)


def _surface(mentions: Sequence[Mention]) -> str:
    return Counter(m.text for m in mentions).most_common(1)[0][0]


def _vote(mentions: Sequence[Mention], said: Evidence) -> str:
    """Return the mentions' type: each votes with the model's label, or twice with its words'.

    A tie goes to the type the words gave, then to the first in `_TYPE_ORDER`.
    """
    counts: Counter[str] = Counter()
    worded: Counter[str] = Counter()
    for m in mentions:
        words = said.get((m.span.article_id, m.span.end))
        counts[words or m.label] += 1 if words is None else 2
        worded[words or ""] += 1
    top = max((counts[t], worded[t]) for t in counts)
    return next(t for t in (*_TYPE_ORDER, *counts) if (counts[t], worded[t]) == top)


def _entity(keys: list[str], links: _Links) -> Entity:
    mentions = [m for k in keys for m in links.groups[k]]
    surfaces = Counter(m.text for m in mentions)
    name = _display_name(
        max(
            surfaces,
            key=lambda s: (
                not is_acronym(s),
                " " in name_key(s),
                surfaces[s],
                _without_country(name_key(s)) == name_key(s),  # "Macron", not "... of France"
                len(s.split()),
                s,
            ),
        ),
        surfaces,
    )
    root = links.find(keys[0])
    return Entity(
        id=content_id(min(keys, key=lambda k: (-len(links.groups[k]), k)), prefix="e"),
        name=name,
        # a surname folded into a person's full name is that person, whatever its labels say
        type="PERSON" if links.people & set(keys) else links.type_of(mentions),
        aliases=tuple(sorted(s for s in surfaces if s != name)),  # "the ..." forms included
        article_ids=tuple(sorted({m.span.article_id for m in mentions})),
        mentions=tuple(sorted(m.span for m in mentions)),
        evidence=tuple(links.why.get(root, ())),
    )


def _display_name(name: str, surfaces: Iterable[str]) -> str:
    """Drop a leading "the" that writers put in lower case mid-sentence: it is not part of it.

    "the Suez Canal Authority" is named "Suez Canal Authority"; "The Hague", which writers
    capitalise wherever it stands, keeps its article.
    """
    if name[:4].lower() == "the " and any(s.startswith("the ") for s in surfaces):
        return name[4:]
    return name


def alias_index(entities: Sequence[Entity]) -> dict[str, str]:
    """Map every name key of every entity to that entity's id."""
    index: dict[str, str] = {}
    for ent in entities:
        for name in (ent.name, *ent.aliases):
            index.setdefault(name_key(name), ent.id)
    return index
