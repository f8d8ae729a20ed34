"""Read the tense and modality of the clause a temporal expression belongs to.

"on Wednesday" in "ran aground on Wednesday" is the last Wednesday; in "will arrive on
Wednesday" the next one; in "said traffic would resume on Monday" (a plan reported in the
past) the coming Monday, today included. Plans, expectations and schedules are flagged so the
timeline can tell the planned from the reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.model import Doc, Token
from storyline.stages.dates.calendar import Direction

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "wil"})
#: "would" reports a plan from the past ("said traffic would resume on Monday"); "could",
#: "might" and the others say nothing about which way a weekday lies ("could not be located").
_MODAL_AUX = frozenset({"would", "'d"})
_HEDGE_AUX = frozenset({"could", "might", "may", "should", "can", "must"})
#: Verbs that make what they govern a plan or an expectation ("is scheduled to close Monday").
_PLAN_VERBS = frozenset({
    "plan", "schedule", "expect", "set", "due", "intend", "aim", "hope", "prepare", "propose",
    "promise", "vow", "threaten", "agree", "want", "seek", "decide", "pledge", "forecast",
})  # fmt: skip
_MAX_CLIMB = 6
#: Words that point ahead unless the clause tells a state that lasted up to the time ("were
#: waiting until Sunday"): deadlines, and plans ("the rally was set for Sunday").
_DEADLINE = re.compile(
    r"\b(?:as soon as|as early as|no later than|until|till|by|through|effective"
    r"|(?:set|scheduled|slated|planned|due)\s+for)\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Tense:
    """Where a clause's tense points, and whether it states a plan or expectation."""

    direction: Direction
    planned: bool = False


def tense_at(doc: Doc, start: int, end: int) -> Tense:
    """Return the tense of the clause that holds the characters `[start, end)`."""
    inside = doc.token_range(start, end)
    if not inside:
        return Tense("nearest")
    verb = _governing_verb(doc, inside)
    tense = Tense("nearest") if verb is None else _tense_of(doc, verb)
    before = doc.article.text[max(0, start - 20) : start]
    if _DEADLINE.search(before) and (
        tense.direction == "nearest" or (tense.direction == "past" and not _state_before(doc, verb))
    ):
        # "as soon as Tuesday", "until 9 a.m. Tuesday"; in the past tense a deadline that was
        # set, extended or postponed still lies ahead ("postponed until Tuesday morning")
        return Tense("forward", planned=True)
    return tense


def _state_before(doc: Doc, verb: int | None) -> bool:
    """Tell a state that lasted up to the time ("had not called him a suspect until Thursday",
    "were waiting until Sunday"): the pluperfect or the past progressive."""
    if verb is None:
        return False
    auxes = [doc.tokens[j] for j in _children(doc, verb) if doc.tokens[j].dep in ("aux", "auxpass")]
    had = any(_word(doc, a) == "had" for a in auxes)
    progressive = doc.tokens[verb].tag == "VBG" and any(a.lemma == "be" for a in auxes)
    return had or progressive


def _governing_verb(doc: Doc, inside: range) -> int | None:
    """Climb the parse from the expression to the first verb outside it."""
    i = inside.start
    for _ in range(_MAX_CLIMB + len(inside)):
        head = doc.tokens[i].head
        if head == i:
            break
        i = head
        if i in inside:
            continue
        if doc.tokens[i].pos in ("VERB", "AUX"):
            return i
    tok = doc.tokens[i]
    return i if tok.pos in ("VERB", "AUX") else _sentence_root(doc, inside.start)


def _sentence_root(doc: Doc, index: int) -> int | None:
    sent = doc.sentence_of(doc.tokens[index].start)
    if sent is None:
        return None
    for j in doc.token_range(sent.start, sent.end):
        if doc.tokens[j].dep == "ROOT" and doc.tokens[j].pos in ("VERB", "AUX"):
            return j
    return None


def _children(doc: Doc, index: int) -> list[int]:
    """Return the tokens whose head is `index`, searching the surrounding sentence only."""
    tok = doc.tokens[index]
    sent = doc.sentence_of(tok.start)
    span = doc.token_range(sent.start, sent.end) if sent else range(len(doc.tokens))
    return [j for j in span if j != index and doc.tokens[j].head == index]


def _word(doc: Doc, tok: Token) -> str:
    return doc.article.text[tok.start : tok.end].lower()


def _tense_of(doc: Doc, verb: int) -> Tense:
    """Read tense from a verb, its auxiliaries, and the verb that governs it."""
    tok = doc.tokens[verb]
    auxes = [doc.tokens[j] for j in _children(doc, verb) if doc.tokens[j].dep in ("aux", "auxpass")]
    words = {_word(doc, a) for a in auxes}
    if words & _FUTURE_AUX or _going_to(doc, verb):
        return Tense("future", planned=True)
    if words & _MODAL_AUX:
        return Tense("forward", planned=True)
    if words & _HEDGE_AUX:
        return Tense("nearest", planned=True)
    if _planned(doc, verb) or tok.lemma.lower() in ("plan", "schedule", "expect"):
        return Tense("forward", planned=True)
    tags = {a.tag for a in auxes} | {tok.tag}
    if tags & {"VBD"} or ("VBN" in tags and any(a.lemma == "have" for a in auxes)):
        return Tense("past")
    if tok.tag == "VBN" and not auxes:  # reduced relative: "the ship, freed on Monday"
        return Tense("past")
    if tok.tag in ("VBG", "VBN", "TO", "VB") and tok.head != verb:
        parent = doc.tokens[tok.head]
        if parent.pos in ("VERB", "AUX"):
            return _tense_of(doc, tok.head)
    return Tense("nearest")


def _going_to(doc: Doc, verb: int) -> bool:
    """Tell "is going to visit" (the verb under a progressive "going")."""
    tok = doc.tokens[verb]
    parent = doc.tokens[tok.head]
    return tok.dep == "xcomp" and parent.lemma == "go" and parent.tag == "VBG"


def _planned(doc: Doc, verb: int) -> bool:
    """Tell whether a plan verb governs this one ("planned to leave", "is set to resume")."""
    tok = doc.tokens[verb]
    if tok.lemma.lower() in ("due",):
        return True
    i = verb
    for _ in range(2):
        tok = doc.tokens[i]
        if tok.dep not in ("xcomp", "ccomp", "advcl") or tok.head == i:
            return False
        i = tok.head
        if doc.tokens[i].lemma.lower() in _PLAN_VERBS:
            return True
    return False
