"""Split a parsed sentence into clauses: one per predicate, with subject, modality and source.

Works on the dependency parse kept in `Doc.tokens` (no model call): the main verb; a
coordinated verb with its own subject ("X closed the road and police arrested Y"); the
content of reported speech ("the ministry said that ..."), attributed to the speaker; the
verb under "is expected to" / "plans to", marked as not (yet) having happened.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace

from storyline.model import Doc, Span, Token

#: Reporting verbs: what they introduce is attributed to their subject.
CUE_VERBS = frozenset({
    "say", "tell", "add", "state", "warn", "explain", "announce", "insist", "claim", "note",
    "argue", "write", "declare", "confirm", "deny", "admit", "stress", "report", "estimate",
    "predict", "allege", "acknowledge", "suggest", "indicate", "show", "reveal", "assert",
})  # fmt: skip
#: Verbs (and adjectives) that put what follows in the future or in doubt.
_FRAMES = {
    "expect": "expected", "likely": "expected", "predict": "expected", "forecast": "expected",
    "plan": "planned", "intend": "planned", "aim": "planned", "schedule": "planned",
    "set": "planned", "due": "planned", "prepare": "planned", "hope": "hoped",
    "want": "wanted", "seek": "wanted", "try": "attempted", "attempt": "attempted",
    "threaten": "threatened", "promise": "promised", "vow": "promised", "pledge": "promised",
    "propose": "proposed", "may": "possible", "could": "possible", "might": "possible",
}  # fmt: skip
_AUX_MODALITY = {
    "will": "future", "shall": "future", "'ll": "future", "wo": "future",
    "would": "possible", "could": "possible", "may": "possible", "might": "possible",
    "can": "possible", "should": "obligation", "must": "obligation",
}  # fmt: skip
_HEDGES = frozenset(
    {
        "reportedly",
        "allegedly",
        "apparently",
        "purportedly",
        "supposedly",
        "possibly",
        "probably",
        "presumably",
        "rumoured",
        "rumored",
    }
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NEGATORS = frozenset({"never", "no", "nobody", "none", "nothing", "neither", "nor"})
#: Reporting verbs whose content the speaker says is not so: "denied his campaign colluded"
#: reports that it did not collude, as "said his campaign did not collude" does.
_DENIALS = frozenset({"deny"})
_NOTS = frozenset({"not", "n't"})
#: Subordinating words under which a clause is still reported as having happened: "after the
#: ship was refloated" states the refloating, "if the ship is freed" and "before it sank" do not.
ASSERTING_MARKS = frozenset({
    "after", "because", "since", "as", "although", "though", "while", "once", "when", "whereas",
})  # fmt: skip
_PREDICATE_POS = frozenset({"VERB", "AUX"})
#: Clauses that can sit inside a noun phrase ("the man who never left", "a ship carrying none").
_INNER = frozenset({"relcl", "acl", "advcl", "ccomp"})


@dataclass(frozen=True, slots=True)
class Clause:
    """One predicate of a sentence and what goes with it."""

    predicate: int  # token index
    tokens: tuple[int, ...]
    start: int
    end: int
    subject: str | None
    negated: bool
    modality: str | None
    hedged: bool
    attribution: str | None
    subject_head: str | None = None  # the subject's head word, lower case; None for a pronoun


def trimmed(doc: Doc, sent: Span) -> Span:
    """Return the sentence span without surrounding whitespace."""
    chunk = doc.article.text[sent.start : sent.end]
    lead = len(chunk) - len(chunk.lstrip())
    return Span(doc.article.id, sent.start + lead, sent.start + len(chunk.rstrip()))


def children_of(doc: Doc) -> list[list[int]]:
    """Return each token's dependents (the parse keeps only heads)."""
    kids: list[list[int]] = [[] for _ in doc.tokens]
    for i, tok in enumerate(doc.tokens):
        if tok.head != i:
            kids[tok.head].append(i)
    return kids


def subtree(kids: list[list[int]], top: int) -> set[int]:
    """Return a token and everything below it."""
    out, todo = set(), [top]
    while todo:
        i = todo.pop()
        if i not in out:
            out.add(i)
            todo.extend(kids[i])
    return out


#: The claims and events stages both read every sentence's clauses, one right after the other
#: on the same batch of docs: keep the clauses of the last docs seen, keyed by their tokens.
_RECENT: OrderedDict[int, tuple[tuple[Token, ...], dict[tuple[int, int], tuple[Clause, ...]]]] = (
    OrderedDict()
)
_RECENT_DOCS = 64


def clauses_of(doc: Doc, span: Span, kids: list[list[int]]) -> list[Clause]:
    """Return the sentence's clauses, reported content first attributed to its speaker.

    The clauses depend on the tokens and the text only, so a doc's later stages reuse them.
    """
    if not doc.tokens:
        return []
    key = id(doc.tokens)
    entry = _RECENT.get(key)
    if entry is None or entry[0] is not doc.tokens:  # the entry holds its tokens: ids stay unique
        entry = (doc.tokens, {})
        _RECENT[key] = entry
        if len(_RECENT) > _RECENT_DOCS:
            _RECENT.popitem(last=False)
    found = entry[1].get((span.start, span.end))
    if found is None:
        found = entry[1][span.start, span.end] = tuple(_clauses(doc, span, kids))
    return list(found)


def _clauses(doc: Doc, span: Span, kids: list[list[int]]) -> list[Clause]:
    inside = set(doc.token_range(span.start, span.end))
    root = next((i for i in sorted(inside) if doc.tokens[i].dep == "ROOT"), None)
    if root is None:
        return []
    attribution, source_tokens = _according_to(doc, kids, inside)
    cover, frame, cue_tokens = _main_predicates(doc, kids, root)
    denial = False
    if cue_tokens is not None:
        attribution = attribution or _subject_text(doc, kids, root)
        source_tokens |= cue_tokens
        # "did not deny that ..." asserts nothing either way, so only a plain denial counts
        denial = doc.tokens[root].lemma.lower() in _DENIALS and not any(
            doc.tokens[k].dep == "neg" for k in kids[root]
        )
    for extra in _with_conjuncts(doc, kids, list(cover)):
        cover.setdefault(extra, extra)
    hedged = _hedged(doc, kids, inside)
    clauses = []
    for top, top_cover in cover.items():
        mine = subtree(kids, top_cover)
        nested = [t for t in cover if t not in (top, top_cover) and t in mine]
        toks = (mine - set().union(*(subtree(kids, t) for t in nested)) - source_tokens) & inside
        if not toks:
            continue
        framed = top != top_cover
        clause = _clause(doc, kids, top, toks, frame if framed else None, hedged, attribution)
        if clause.subject is None and (framed or doc.tokens[top].dep == "conj"):
            # "is expected to reopen", "... and can carry": the subject sits on the head verb
            shared = top_cover if framed else doc.tokens[top].head
            clause = replace(
                clause,
                subject=_subject_text(doc, kids, shared),
                subject_head=_subject_head(doc, kids, shared),
            )
        if denial:
            clause = replace(clause, negated=not clause.negated)
        clauses.append(clause)
    return clauses


def subordinate_clauses(doc: Doc, span: Span, kids: list[list[int]]) -> list[Clause]:
    """Return the clauses a sentence states in passing, under one of its clauses' predicates.

    "Traffic resumed after the Ever Given was refloated" also reports the refloating. Only
    an adverbial clause with a subject of its own and an asserting mark counts; the words
    stay in the main clause too, whose claim is unchanged.
    """
    inside = set(doc.token_range(span.start, span.end))
    out = []
    for parent in clauses_of(doc, span, kids):
        for k in kids[parent.predicate]:
            tok = doc.tokens[k]
            if tok.dep != "advcl" or tok.pos not in _PREDICATE_POS or k not in inside:
                continue
            marks = _marks(doc, kids, k)
            words = {doc.tokens[m].lemma.lower() for m in marks}
            has_subject = any(doc.tokens[m].dep in _SUBJECTS for m in kids[k])
            if not (has_subject and words) or words - ASSERTING_MARKS:
                continue  # "if the ship is freed", "before it sank", "after being refloated"
            toks = (subtree(kids, k) - set(marks)) & inside
            out.append(_clause(doc, kids, k, toks, None, parent.hedged, parent.attribution))
    return out


def _marks(doc: Doc, kids: list[list[int]], verb: int) -> list[int]:
    """Return the words that subordinate a clause: its `mark` ("after", "if") and a leading
    "when" or "once", which the parser attaches as an adverb."""
    return [
        m
        for m in kids[verb]
        if doc.tokens[m].dep == "mark"
        or (
            doc.tokens[m].dep == "advmod"
            and doc.tokens[m].lemma.lower() in ASSERTING_MARKS
            and m < verb
        )
    ]


def _main_predicates(
    doc: Doc, kids: list[list[int]], root: int
) -> tuple[dict[int, int], str | None, set[int] | None]:
    """Return {predicate: token whose subtree the clause covers}, the framing modality and
    the reporting tokens ("officials said") when the root reports speech."""
    lemma = doc.tokens[root].lemma.lower()
    content = [
        k
        for k in kids[root]
        if doc.tokens[k].dep in {"ccomp", "parataxis"} and doc.tokens[k].pos in _PREDICATE_POS
    ]
    tops = content if lemma in CUE_VERBS and content else [root]
    cover: dict[int, int] = {}
    frame = None
    for top in tops:
        predicate, found = _unframe(doc, kids, top)
        cover[predicate] = top
        frame = frame or found
    if lemma in CUE_VERBS and content:
        reported = set().union(*(subtree(kids, k) for k in content))
        return cover, frame, subtree(kids, root) - reported
    return cover, frame, None


def _unframe(doc: Doc, kids: list[list[int]], top: int) -> tuple[int, str | None]:
    """Look through "is expected to X" / "plans to X" to X, keeping the frame as modality."""
    xcomp = [k for k in kids[top] if doc.tokens[k].dep == "xcomp"]
    frame = _FRAMES.get(doc.tokens[top].lemma.lower()) or _frame_of_adjective(doc, kids, top)
    if frame and xcomp:
        return xcomp[0], frame
    return top, None


def _frame_of_adjective(doc: Doc, kids: list[list[int]], root: int) -> str | None:
    """Catch "is likely to" / "is due to", where the frame word is the root's complement."""
    for k in kids[root]:
        if doc.tokens[k].dep == "acomp" and doc.tokens[k].lemma.lower() in _FRAMES:
            return _FRAMES[doc.tokens[k].lemma.lower()]
    return None


def _with_conjuncts(doc: Doc, kids: list[list[int]], tops: list[int]) -> list[int]:
    """Add coordinated predicates: "is 400 m long and can carry 20,000 containers" is two."""
    out = list(tops)
    todo = list(tops)
    while todo:
        head = todo.pop()
        for k in kids[head]:
            tok = doc.tokens[k]
            if tok.dep == "conj" and tok.pos in _PREDICATE_POS and k not in out:
                out.append(k)
                todo.append(k)
    return out


def _according_to(doc: Doc, kids: list[list[int]], inside: set[int]) -> tuple[str | None, set[int]]:
    """Return the source named by "according to X" and the tokens of that phrase."""
    text = doc.article.text
    for i in sorted(inside):
        tok = doc.tokens[i]
        if text[tok.start : tok.end].lower() != "according":
            continue
        phrase = subtree(kids, i)
        objects = [k for k in phrase if doc.tokens[k].dep == "pobj"]
        if objects:
            obj = subtree(kids, objects[0])
            return _text_of(doc, obj), phrase
    return None, set()


def _auxiliary_negated(doc: Doc, kids: list[list[int]], top: int) -> bool:
    """Tell whether the predicate's auxiliary carries its negation.

    With a typographic apostrophe the model often hangs `n\u2019t` on the auxiliary as
    punctuation (`didn\u2019t derail`), where a straight one makes it the verb's `neg`.
    """
    return any(
        doc.tokens[k].dep == "aux"
        and any(doc.tokens[g].lemma.lower().replace("\u2019", "'") in _NOTS for g in kids[k])
        for k in kids[top]
    )


def _clause(
    doc: Doc,
    kids: list[list[int]],
    top: int,
    toks: set[int],
    frame: str | None,
    hedged: bool,
    attribution: str | None,
) -> Clause:
    words = [i for i in sorted(toks) if doc.tokens[i].pos not in {"PUNCT", "SPACE"}]
    while len(words) > 1 and doc.tokens[words[-1]].pos in {"CCONJ", "SCONJ"}:
        words.pop()  # "369 ships were waiting and" ends before the "and"
    first, last = (words[0], words[-1]) if words else (min(toks), max(toks))
    negated = (
        any(doc.tokens[k].dep == "neg" or _negator(doc, k) for k in kids[top])
        or _auxiliary_negated(doc, kids, top)
        or _subject_is_negative(doc, kids, top)
    )
    return Clause(
        predicate=top,
        tokens=tuple(sorted(toks)),
        start=doc.tokens[first].start,
        end=doc.tokens[last].end,
        subject=_subject_text(doc, kids, top),
        subject_head=_subject_head(doc, kids, top),
        negated=negated,
        modality=frame or _aux_modality(doc, kids, top),
        hedged=hedged,
        attribution=attribution,
    )


def _subject_is_negative(doc: Doc, kids: list[list[int]], top: int) -> bool:
    """ "No one was hurt", "nobody died": the negation sits in the subject. A clause inside
    the subject has its own negation: "the planets, which no-one will ever see, range in
    size" does not deny the ranging."""
    for k in kids[top]:
        if doc.tokens[k].dep in _SUBJECTS:
            phrase = subtree(kids, k)
            inner = [j for j in phrase if j != k and doc.tokens[j].dep in _INNER]
            own = phrase - set().union(*(subtree(kids, j) for j in inner))
            return any(_negator(doc, i) for i in own)
    return False


def _negator(doc: Doc, k: int) -> bool:
    """Tell whether token `k` is a negating word: `no one`, `never`, but not the `No.` of a
    rank or a number (`No. 1 Duke lost`, `No 10 said`) nor a cry (`screamed, "No, no!"`)."""
    lemma = doc.tokens[k].lemma.lower()
    if lemma != "no" or k + 1 == len(doc.tokens):
        return lemma in _NEGATORS
    nxt = doc.tokens[k + 1]
    word = doc.article.text[nxt.start : nxt.end]
    return not (word in {".", ",", "!"} or word[:1].isdigit() or doc.tokens[k].pos == "INTJ")


def _aux_modality(doc: Doc, kids: list[list[int]], top: int) -> str | None:
    text = doc.article.text
    for k in kids[top]:
        tok = doc.tokens[k]
        if tok.dep == "aux" and tok.tag == "MD":
            return _AUX_MODALITY.get(text[tok.start : tok.end].lower(), "possible")
    return None


def _hedged(doc: Doc, kids: list[list[int]], inside: set[int]) -> bool:
    """Tell whether the sentence carries a hedge ("reportedly", "is said to", "is believed to")."""
    for i in inside:
        tok = doc.tokens[i]
        if tok.lemma.lower() in _HEDGES:
            return True
        passive_report = tok.lemma.lower() in {"say", "believe", "report", "think", "understand"}
        if (
            passive_report
            and tok.tag == "VBN"
            and any(doc.tokens[k].dep == "xcomp" for k in kids[i])
        ):
            return True
    return False


def _subject_of(doc: Doc, kids: list[list[int]], top: int) -> int | None:
    """Return the token that is a predicate's subject, if it has one."""
    return next((k for k in kids[top] if doc.tokens[k].dep in _SUBJECTS), None)


def _subject_text(doc: Doc, kids: list[list[int]], top: int) -> str | None:
    k = _subject_of(doc, kids, top)
    return None if k is None else _text_of(doc, subtree(kids, k))


def _subject_head(doc: Doc, kids: list[list[int]], top: int) -> str | None:
    """Return the head word of a predicate's subject (`fighters` in `no captive Boko Haram
    fighters`), lower case; None for a pronoun or no subject, which name nothing."""
    k = _subject_of(doc, kids, top)
    if k is None:
        return None
    tok = doc.tokens[k]
    if tok.pos == "PRON" or tok.tag in {"PRP", "WP", "DT", "EX"}:
        return None
    return doc.article.text[tok.start : tok.end].lower()


def _text_of(doc: Doc, toks: set[int]) -> str:
    """Return the text covered by a set of tokens, at most 80 characters."""
    ordered = sorted(toks)
    start, end = doc.tokens[ordered[0]].start, doc.tokens[ordered[-1]].end
    return doc.article.text[start:end][:80]
