"""Indirect speech: `X said that ...`, `X told Y ...`, `X warned ...`, `according to X, ...`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.stages.quotes.cues import (
    CHANNEL_NOUNS,
    CLAUSE_ONLY,
    FINDING_NOUNS,
    RECIPIENT_VERBS,
    is_according,
    is_act,
    is_as_clause,
    is_cue,
    is_impersonal,
    subject_of,
)
from storyline.stages.quotes.syntax import Parse

if TYPE_CHECKING:
    from storyline.stages.quotes import Found

_PUNCT = frozenset({"PUNCT", "SPACE"})
_OPENING_MARKS = frozenset({'"', "\u201c", "''", "``"})
#: Prepositions whose object is what a cue reports: "warned of", "talked about"; "to" and
#: "for" only after the verbs they belong to ("referred to", "called for"), since "spoke to
#: reporters" and "spoke for an hour" name an audience and a time.
_CONTENT_PREPS = frozenset({"about", "of", "against"})
_VERB_PREPS = {"to": frozenset({"refer", "respond", "point", "object"}),
               "for": frozenset({"call", "ask", "push", "advocate"})}  # fmt: skip
#: What may follow an object and still be part of the content: "called it a disaster",
#: "accused him of lying", "urged Congress to act", "described it as a mistake".
_OBJECT_TAIL = frozenset({"oprd", "xcomp", "ccomp"})
_TAIL_PREPS = frozenset({"of", "for", "as"})
#: Cue verbs whose object or infinitive is not what they report ("added sand", "wrote a book").
_NO_OBJECT = CLAUSE_ONLY | RECIPIENT_VERBS | frozenset({"write", "charge", "observe", "maintain"})
_NO_INFINITIVE = frozenset({"continue", "add"})
#: Verbs through which a finding speaks with a plain object: "a poll shows Clinton ahead".
_SHOW_VERBS = frozenset({"show", "find"})
#: One-word answers that are all someone said: "46 percent said yes".
_ANSWERS = frozenset({"yes", "no", "so"})
#: Words that cannot be the content of a speech act on their own.
_NOT_CONTENT = frozenset({"that", "this", "it", "what", "which", "nothing", "something"})


def find_indirect(p: Parse, used: set[int], quoted: set[int]) -> list[Found]:
    """Return reported clauses whose cue no direct quote has taken."""
    from storyline.stages.quotes import Found

    found: list[Found] = []
    for i in range(len(p.toks)):
        if i in used or i in quoted:
            continue
        got = _reported(p, i)
        if got is None:
            continue
        content, last, subject = got
        parts = _runs(p, content)
        if parts:
            found.append(Found(parts, False, i, subject=subject, quoted=set(), cue_last=last))
    return found


def _reported(p: Parse, i: int) -> tuple[list[int], int | None, int | None] | None:
    """Return (content, cue's last token, source token) when token `i` cues reported speech."""
    last = subject = None
    if is_cue(p, i):
        content = _content(p, i)
        if not content and (finding := _finding(p, i)):
            content = finding
        elif not content and p.toks[i].lemma.lower() not in _NO_OBJECT:
            content, last = _object(p, i)
        elif not content and p.dependents(i, "xcomp") and p.dependents(i, "dobj"):
            # "asked her to call": the person addressed and what they were asked
            content = p.subtree(p.dependents(i, "dobj")[0]) + p.subtree(p.dependents(i, "xcomp")[0])
    elif is_act(p, i):
        content = p.subtree(p.dependents(i, "ccomp")[0]) if p.dependents(i, "ccomp") else []
        if not content:
            content, last = _object(p, i)
    elif (subject := _channel(p, i)) is not None:
        return _minus(p, p.head(i), i), i, subject
    else:
        return None
    if not content:
        return None
    if not is_according(p, i) and subject_of(p, i) is None and not is_impersonal(p, i):
        return None  # a cue with no subject ("when asked about it, ..."): nobody speaks
    return content, last, subject


def _finding(p: Parse, i: int) -> list[int]:
    """`Polls show Clinton ahead`: what a poll or a record shows, when that is its subject."""
    if p.toks[i].lemma.lower() not in _SHOW_VERBS:
        return []
    subjects = p.dependents(i, "nsubj")
    if not subjects or p.toks[subjects[0]].lemma.lower() not in FINDING_NOUNS:
        return []
    if not p.dependents(i, "dobj"):
        return []
    return [t for c in p.children[i] if c > i for t in p.subtree(c)]


def _channel(p: Parse, i: int) -> int | None:
    """`In a new poll, Smith leads`: return the poll (the source) when `i` is such an `in`."""
    tok = p.toks[i]
    if p.word(i).lower() != "in" or tok.dep != "prep" or p.toks[tok.head].dep != "ROOT":
        return None
    if p.sentence_bounds(tok.start)[0] != tok.start:
        return None  # only a sentence that opens with it: "In the poll, ..."
    head = tok.head
    if p.toks[head].pos not in {"VERB", "AUX"} or is_cue(p, head) or is_act(p, head):
        return None  # "said in a statement": the verb is the cue
    for noun in p.dependents(i, "pobj"):
        if p.toks[noun].lemma.lower() in CHANNEL_NOUNS:
            return noun
    return None


def _content(p: Parse, cue: int) -> list[int]:
    """Return the tokens of what the cue reports: its clause, or the clause it hangs from."""
    if is_according(p, cue):
        return _minus(p, p.head(cue), cue)
    clauses = p.dependents(cue, "ccomp") or _channel_clause(p, cue)
    if clauses:
        return p.subtree(clauses[0])
    tok = p.toks[cue]
    if tok.dep == "parataxis" or (is_as_clause(p, cue) and not p.dependents(cue, "dobj")):
        # "The ship was stuck, officials said." and "The ship, officials said, was stuck."
        # "As the Times reported, the ship was stuck."
        return _minus(p, tok.head, cue)
    for clause in p.dependents(cue, "advcl"):
        tree = p.subtree(clause)
        # "450 ships were waiting, said the authority": a clause with its own subject before
        # the cue, set off by a comma, is what the cue reports.
        if tree[-1] < cue and p.dependents(clause, "nsubj", "nsubjpass") and _comma_before(p, cue):
            return tree
    return []


def _object(p: Parse, cue: int) -> tuple[list[int], int | None]:
    """Return what a speech act is about, from its object, infinitive or preposition.

    "denied the report", "promised to cut taxes", "called the plan a disaster", "accused him
    of lying"; with no object, a preposition's object ("warned of a crisis"), in which case
    the preposition ends the cue (returned second).
    """
    after = sorted(c for c in p.children[cue] if c > cue)
    objects = [c for c in after if p.toks[c].dep == "dobj"]
    if objects:
        if (
            p.toks[cue].lemma.lower() == "call"
            and not p.dependents(cue, "oprd", "xcomp")
            and not _quoted_after(p, objects[0])
        ):
            return [], None  # "called him" is a phone call; "called him a liar" is speech
        tokens = p.subtree(objects[0])
        for c in after:
            dep, word = p.toks[c].dep, p.word(c).lower()
            if c > objects[0] and (dep in _OBJECT_TAIL or (dep == "prep" and word in _TAIL_PREPS)):
                tokens += p.subtree(c)
        if len(tokens) == 1 and p.word(tokens[0]).lower() in _NOT_CONTENT:
            return [], None
        return tokens, None
    predicates = [c for c in after if p.toks[c].dep == "oprd"]
    if predicates:
        return p.subtree(predicates[0]), None  # "called the new tax unfair"
    infinitives = [c for c in after if p.toks[c].dep == "xcomp" and p.dependents(c, "aux")]
    if infinitives and p.toks[cue].lemma.lower() not in _NO_INFINITIVE:
        return p.subtree(infinitives[0]), None
    # "said legalizing it would create jobs", "reported raising $9 million"
    gerunds = [c for c in after if p.toks[c].dep == "xcomp" and p.toks[c].tag == "VBG"]
    if gerunds and is_cue(p, cue):
        return p.subtree(gerunds[0]), None
    # "said yes", "said no", "said so"
    answers = [c for c in after if c == cue + 1 and p.word(c).lower() in _ANSWERS]
    if answers and p.toks[cue].lemma.lower() == "say":
        return answers, cue  # the cue is the verb alone: "said" in "said so"
    for prep in after:
        word = p.word(prep).lower()
        if p.toks[prep].dep == "prep" and (
            word in _CONTENT_PREPS or p.toks[cue].lemma.lower() in _VERB_PREPS.get(word, ())
        ):
            objs = p.dependents(prep, "pobj", "pcomp")
            if objs and prep == cue + 1:
                return p.subtree(objs[0]), prep
    return [], None


def _quoted_after(p: Parse, noun: int) -> bool:
    """`called the plan "a disaster"`: a quotation follows the noun inside its phrase.

    The parse hangs such a quoted label on the noun (as an apposition or a modifier), where
    `called the "Meet the Press" host` has the quotation before the noun.
    """
    return any(i > noun and p.word(i) in _OPENING_MARKS for i in p.subtree(noun))


#: Links from a cue through its modifiers and objects to a noun the parse may hang the
#: reported clause on: "said on Friday during a news conference that ...", "told the
#: audience at his rally that ...".
_TO_CHANNEL = frozenset({"prep", "pobj", "dobj", "dative", "npadvmod", "advmod"})
#: Prepositions that lead to what the cue is about, whose clause is not the cue's:
#: "responding to questions about claims that ...".
_TOPIC_PREPS = _CONTENT_PREPS | frozenset(_VERB_PREPS)


def _channel_clause(p: Parse, cue: int) -> list[int]:
    """`said in a statement that ...`: the parse may hang the `that` clause on a noun after
    the cue (its medium, occasion, day or audience), within a few links of it."""
    if p.toks[cue].lemma.lower() in CLAUSE_ONLY:
        return []  # "showed no sign that ...": not the verb's own clause
    todo = [
        (c, 1)
        for c in p.children[cue]
        if c > cue and p.toks[c].dep in _TO_CHANNEL and p.word(c).lower() not in _TOPIC_PREPS
    ]
    while todo:
        node, depth = todo.pop()
        for clause in p.children[node]:
            dep = p.toks[clause].dep
            if dep in {"acl", "ccomp", "relcl"} and _opens_with_that(p, clause):
                return [clause]
            if dep in _TO_CHANNEL and depth < 4 and p.word(clause).lower() not in _TOPIC_PREPS:
                todo.append((clause, depth + 1))
    return []


def _opens_with_that(p: Parse, clause: int) -> bool:
    first = p.subtree(clause)[0]
    return p.toks[first].dep == "mark" and p.word(first).lower() == "that"


def _comma_before(p: Parse, cue: int) -> bool:
    return cue > 0 and p.word(cue - 1) == ","


def _minus(p: Parse, head: int, cut: int) -> list[int]:
    """Return the subtree of `head` without the subtree of `cut`."""
    if head == cut:
        return []
    removed = set(p.subtree(cut))
    return [i for i in p.subtree(head) if i not in removed]


def _runs(p: Parse, tokens: list[int]) -> list[tuple[int, int]]:
    """Split tokens into contiguous runs and return each as a trimmed character range."""
    runs: list[list[int]] = []
    for i in sorted(tokens):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    out: list[tuple[int, int]] = []
    for run in runs:
        if all(p.toks[i].pos in _PUNCT for i in run):
            continue
        bounds = p.char_range(run)
        if bounds is not None:
            out.append(bounds)
    return out
