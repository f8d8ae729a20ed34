"""Which rules run for a language, and which candidates the parse shows are not times
("May" the modal verb, "2000 people", "the Sunday Times")."""

from __future__ import annotations

import re

from storyline.model import Doc, Token
from storyline.stages.dates.grammar import Candidate

#: Rules that read any language: numbers in calendar shapes.
_NEUTRAL = ("date_iso", "date_numeric", "clock24", "range_years")
#: Rules for languages whose month and weekday names the lexicon knows.
_FOREIGN = (*_NEUTRAL, "date_foreign", "weekday_foreign", "day_foreign", "year_edge")
_LEXICON_LANGUAGES = frozenset({"de", "fr", "es", "it", "nl", "pt"})
#: Entity labels under which a weekday or month is a name, not a time.
_NAME_LABELS = frozenset(
    {"ORG", "PERSON", "GPE", "FAC", "WORK_OF_ART", "PRODUCT", "LAW", "NORP", "LOC"}
)
#: Nouns a four-digit number counts rather than dates ("2000 people").
_COUNTED = frozenset({
    "people", "persons", "troops", "soldiers", "workers", "employees", "jobs", "tons", "tonnes",
    "ships", "vessels", "cars", "homes", "houses", "feet", "metres", "meters", "miles", "km",
    "kilometres", "kilometers", "yards", "pounds", "dollars", "euros", "barrels", "shares",
    "points", "votes", "students", "children", "men", "women", "deaths", "cases", "containers",
    "rooms", "acres", "hectares", "words", "pages", "units", "copies", "members", "delegates",
    "residents", "refugees", "police", "officers", "prisoners", "passengers", "rounds",
})  # fmt: skip
#: Words before "May" or "March" that make it the month rather than the verb.
_MONTH_CUES = frozenset({
    "in", "since", "until", "till", "by", "from", "through", "of", "during", "before", "after",
    "early", "late", "mid", "last", "next", "this", "between", "and", "or", "to", "end", "on",
    "each", "every", "mid-", "around", "as",
})  # fmt: skip
_ENGLISH_ONLY_IN_FOREIGN = frozenset({"date_foreign", "weekday_foreign", "day_foreign"})


def rules_for(lang: str) -> tuple[str, ...] | None:
    """Return the rule names to run for an article language (None: every English rule)."""
    if lang in ("en", ""):
        return None
    if lang in _LEXICON_LANGUAGES:
        return _FOREIGN
    return _NEUTRAL


def plausible(doc: Doc, cand: Candidate) -> bool:
    """Tell whether the parse agrees a candidate is a temporal expression."""
    if cand.rule in _ENGLISH_ONLY_IN_FOREIGN and (doc.article.language or "en") == "en":
        return False
    if cand.rule == "duration" and _fraction(doc.article.text, cand):
        return False
    inside = doc.token_range(cand.start, cand.end)
    if not inside:
        return True
    tokens = [doc.tokens[i] for i in inside]
    if cand.rule != "holiday" and all(t.ent in _NAME_LABELS for t in tokens):
        return False
    if cand.rule == "month":
        return _month_is_month(doc, cand, inside)
    if cand.rule == "year_edge" and len(tokens) == 1:
        return _year_is_year(doc, inside.start)
    if cand.rule == "ref_word":
        return _ref_word_ok(doc, cand, inside)
    return not (cand.rule in _TITLE_RULES and _title_cased(doc, cand, inside))


#: Rules whose words, all capitalised inside a sentence, name a show or a paper rather than
#: a time ("CBS's '60 Minutes'", "ABC's 'This Week With David Brinkley'").
_TITLE_RULES = frozenset({"duration", "unit_rel", "unit_the"})


def _title_cased(doc: Doc, cand: Candidate, inside: range) -> bool:
    """Tell an expression whose unit word is capitalised though it does not start a sentence."""
    words = doc.article.text[cand.start : cand.end].split()
    if not words[-1].istitle():  # "Minutes", not "minutes" nor an all-capitals "WEEK"
        return False
    sent = doc.sentence_of(cand.start)
    return (
        sent is not None and sent.start < cand.start and doc.tokens[inside.start].start > sent.start
    )


def _month_is_month(doc: Doc, cand: Candidate, inside: range) -> bool:
    """Reject the modal "may", the verb "march" and lower-case month words."""
    word = cand.groups["month"]
    if word[:1].islower():
        return False
    if cand.groups.get("rel") or cand.groups.get("edge") or cand.groups.get("part"):
        return True
    tok = doc.tokens[inside.start]
    if word.lower() == "may" and tok.tag == "MD":
        return False
    if word.lower() in ("may", "march"):
        prev = doc.article.text[: cand.start].split()[-1:] or [""]
        return prev[0].lower() in _MONTH_CUES
    return True


def _year_is_year(doc: Doc, index: int) -> bool:
    """Reject a four-digit number that counts something ("2000 people")."""
    tok = doc.tokens[index]
    text = doc.article.text
    after = text[tok.end : tok.end + 20].split()[:1]
    if after and after[0].lower().strip(".,;:") in _COUNTED:
        return False
    before = text[max(0, tok.start - 7) : tok.start].lower()
    return not before.rstrip().endswith(("no.", "#", "$", "number"))


#: "Of" and a determiner after "three quarters": a share of something ("of its food")...
_OF_SHARE = re.compile(
    r"\s+of\s+(?:the|its|his|her|their|our|your|all|those|these|this|that|a|an)\b", re.IGNORECASE
)
#: ... unless what follows is a stretch of time ("of the year", "of a century").
_OF_TIME = re.compile(
    r"\s+of\s+(?:(?:the|this|that|its|a|an|last|next|fiscal)\s+)*(?:(?:fiscal\s+)?year"
    r"|century|decade|\d{4})\b",
    re.IGNORECASE,
)


def _fraction(text: str, cand: Candidate) -> bool:
    """Tell a share ("three-quarters of its food", "a quarter of the vote") from quarters of
    a year ("three quarters of the year", "a quarter of a century", "two quarters of losses")."""
    unit = (cand.groups.get("unit") or "").lower()
    num = (cand.groups.get("num") or "").lower()
    if unit not in ("quarter", "quarters") or num not in ("a", "one", "two", "three"):
        return False
    rest = text[cand.end : cand.end + 40]
    return bool(_OF_SHARE.match(rest)) and not _OF_TIME.match(rest)


def _ref_word_ok(doc: Doc, cand: Candidate, inside: range) -> bool:
    """Keep "current"/"future"/"recent" only as adjectives of time-like nouns or alone."""
    word = cand.groups["word"].lower()
    if word not in ("current", "future", "recent"):
        return True
    tok = doc.tokens[inside.start]
    if tok.pos != "ADJ":
        return word == "future" and tok.pos == "NOUN"
    return True


def as_rate(doc: Doc, cand: Candidate) -> Candidate:
    """Return "a day" after a counted noun as the rate it is ("two packs a day", "hundreds of
    interviews a day": a `SET`), else the candidate unchanged ("gave the workers a day off")."""
    groups = cand.groups
    unit = groups.get("unit", "").lower()
    if cand.rule != "duration" or set(groups) != {"num", "unit"} or unit not in _RATE_UNITS:
        return cand
    if groups["num"].lower() not in ("a", "an"):
        return cand
    inside = doc.token_range(cand.start, cand.end)
    if len(inside) != 2 or inside.start < 1:
        return cand
    tok = doc.tokens[inside.stop - 1]
    if tok.dep != "npadvmod":
        return cand
    before = doc.tokens[max(0, inside.start - 4) : inside.start - 1]
    counted = doc.tokens[tok.head].pos == "NOUN" or (
        doc.tokens[inside.start - 1].tag == "NNS"
        and any(t.tag == "CD" or _word(doc, t) == "of" for t in before)
    )
    return Candidate(cand.start, cand.end, "set_a_unit", {"unit": unit}) if counted else cand


_RATE_UNITS = frozenset({"hour", "day", "week", "month", "year"})


def _word(doc: Doc, tok: Token) -> str:
    return doc.article.text[tok.start : tok.end].lower()


_RANGE_CUT = re.compile(r"\s*(?:-|\u2013|\bto\b|\bthrough\b|\buntil\b|\btill\b|\band\b)\s*")


def range_split(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Return the extents of a range's two ends ("June 4" and "6, 2019" in "June 4 to 6, 2019")."""
    first_digit = re.search(r"\d", text)
    start_at = first_digit.start() if first_digit else 0
    m = _RANGE_CUT.search(text, start_at)
    if m is None:
        return None
    return (0, m.start()), (m.end(), len(text))
