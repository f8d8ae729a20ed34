"""Indirect speech: `X said that ...`, `X told Y ...`, `X warned ...`, `according to X, ...`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.stages.quotes.cues import is_according, is_cue, subject_of
from storyline.stages.quotes.syntax import Parse

if TYPE_CHECKING:
    from storyline.stages.quotes import Found

_PUNCT = frozenset({"PUNCT", "SPACE"})


def find_indirect(p: Parse, used: set[int], quoted: set[int]) -> list[Found]:
    """Return reported clauses whose cue no direct quote has taken."""
    from storyline.stages.quotes import Found

    found: list[Found] = []
    for i in range(len(p.toks)):
        if i in used or i in quoted or not is_cue(p, i):
            continue
        content = _content(p, i)
        if not content:
            continue
        if not is_according(p, i) and subject_of(p, i) is None:
            continue  # "it was said that ...": nobody to attribute it to
        parts = _runs(p, content)
        if parts:
            found.append(Found(parts, False, i, quoted=set()))
    return found


def _content(p: Parse, cue: int) -> list[int]:
    """Return the tokens of what the cue reports: its clause, or the clause it hangs from."""
    if is_according(p, cue):
        return _minus(p, p.head(cue), cue)
    clauses = p.dependents(cue, "ccomp") or _channel_clause(p, cue)
    if clauses:
        return p.subtree(clauses[0])
    tok = p.toks[cue]
    if tok.dep == "parataxis":
        # "The ship was stuck, officials said." and "The ship, officials said, was stuck."
        return _minus(p, tok.head, cue)
    for clause in p.dependents(cue, "advcl"):
        tree = p.subtree(clause)
        # "450 ships were waiting, said the authority": a clause with its own subject before
        # the cue, set off by a comma, is what the cue reports.
        if tree[-1] < cue and p.dependents(clause, "nsubj", "nsubjpass") and _comma_before(p, cue):
            return tree
    return []


def _channel_clause(p: Parse, cue: int) -> list[int]:
    """`said in a statement that ...`: the parse may hang the clause on the channel noun."""
    for prep in p.dependents(cue, "prep"):
        for noun in p.dependents(prep, "pobj"):
            for clause in p.dependents(noun, "acl", "ccomp"):
                first = p.subtree(clause)[0]
                if p.toks[first].dep == "mark" and p.word(first).lower() == "that":
                    return [clause]
    return []


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
