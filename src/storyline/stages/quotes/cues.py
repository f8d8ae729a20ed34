"""Cue words that introduce reported speech, and the subject that names who spoke."""

from __future__ import annotations

from storyline.stages.quotes.syntax import Parse

#: Lemmas of verbs that introduce reported speech (and reports that speak: "a poll showed").
CUE_VERBS = frozenset({
    "say", "tell", "add", "state", "warn", "explain", "announce", "insist", "claim", "note",
    "argue", "write", "declare", "confirm", "deny", "admit", "stress", "remark", "reply",
    "comment", "suggest", "acknowledge", "caution", "recall", "continue", "ask", "report",
    "tweet", "respond", "predict", "promise", "vow", "pledge", "allege", "estimate",
    "conclude", "concede", "emphasize", "emphasise", "reveal", "indicate", "assert",
    "maintain", "contend", "complain", "testify", "mention", "observe", "agree", "answer",
    "joke", "quip", "recount", "retort", "scoff", "boast", "brag", "exclaim", "shout",
    "whisper", "post", "counter", "charge", "assure", "inform", "notify", "propose", "repeat",
    "reiterate", "proclaim", "lament", "muse", "show", "find",
})  # fmt: skip
#: Cues that need a clause to be speech ("a poll showed that ..."), never a bare quote.
CLAUSE_ONLY = frozenset({"show", "find", "propose", "continue", "add", "post"})
_SUBJECTS = ("nsubj", "nsubjpass")


def is_cue(p: Parse, i: int) -> bool:
    """Tell whether token `i` is a speech verb or the `according` of `according to`."""
    tok = p.toks[i]
    if tok.pos in {"VERB", "AUX"} and tok.lemma.lower() in CUE_VERBS and tok.dep != "amod":
        return not (tok.lemma.lower() == "add" and not _speaks(p, i))
    return is_according(p, i)


def is_according(p: Parse, i: int) -> bool:
    """Tell whether token `i` is `according` followed by `to`."""
    return (
        p.word(i).lower() == "according" and i + 1 < len(p.toks) and p.word(i + 1).lower() == "to"
    )


def _speaks(p: Parse, i: int) -> bool:
    """`add` is speech only with a subject and no object ("he added", not "added sand")."""
    return bool(p.dependents(i, *_SUBJECTS)) and not p.dependents(i, "dobj")


def cue_range(p: Parse, i: int) -> tuple[int, int]:
    """Return the characters of the cue: the verb, or `according to`."""
    last = i + 1 if is_according(p, i) else i
    return p.toks[i].start, p.toks[last].end


def subject_of(p: Parse, cue: int) -> int | None:
    """Return the token that names who speaks through `cue`: its subject, or `to`'s object."""
    if is_according(p, cue):
        objs = p.dependents(cue + 1, "pobj") or p.dependents(cue, "pobj")
        return objs[0] if objs else None
    subjects = p.dependents(cue, *_SUBJECTS)
    if subjects:
        return subjects[0]
    tok = p.toks[cue]
    if tok.dep in {"conj", "xcomp", "advcl"} and tok.head != cue:
        # "He smiled and said ...", "he went on to say ...": the subject belongs to the head.
        inherited = p.dependents(tok.head, *_SUBJECTS)
        return inherited[0] if inherited else None
    if tok.dep == "relcl":
        return None  # "Jones, who said ...": the relative pronoun is the subject, handled above
    return None


def source_tokens(p: Parse, subject: int, exclude: set[int]) -> list[int]:
    """Return the speaker's noun phrase: the subject's subtree, cut at any quoted words."""
    tokens = [i for i in p.subtree(subject) if i not in exclude]
    if not tokens:
        return []
    # Keep the contiguous run around the subject itself.
    run = [subject]
    lo = hi = subject
    members = set(tokens)
    while lo - 1 in members:
        lo -= 1
    while hi + 1 in members:
        hi += 1
    run = list(range(lo, hi + 1))
    return run
