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
#: Speech acts whose content is their object, never a quote: "called the plan a disaster",
#: "accused X of Y", "referring to X". Cues only for indirect speech, and only with an object.
ACT_VERBS = frozenset({
    "call", "describe", "criticize", "criticise", "accuse", "cite", "refer", "urge", "defend",
    "praise", "denounce", "blame", "dismiss", "reject", "question", "blast", "mock", "decry",
    "condemn", "applaud", "endorse", "recommend", "demand", "talk", "discuss", "speak",
    "highlight", "tout", "characterize", "characterise", "label", "dub", "brand", "ridicule",
    "hail", "credit", "assail", "chide", "rebuke", "scold", "fault", "slam", "lambaste",
    "point", "request", "thank", "apologize", "apologise", "attack", "decline",
})  # fmt: skip
#: Findings that speak for their authors, as in "In a new poll, Smith leads by five points".
CHANNEL_NOUNS = frozenset({"poll", "survey", "study", "report", "analysis"})
#: Findings and records that show something: "polls show ...", "records show ...".
FINDING_NOUNS = CHANNEL_NOUNS | frozenset({
    "record", "document", "data", "figure", "filing", "result", "statistic", "tally", "count",
    "review", "audit", "research", "average", "census", "number",
})  # fmt: skip
#: Cue verbs whose object is the person addressed ("told reporters"), not what was said.
RECIPIENT_VERBS = frozenset({"tell", "ask", "inform", "notify", "assure", "remind", "answer"})
_SUBJECTS = ("nsubj", "nsubjpass")
#: Texts that speak for whoever issued them: "a statement saying ...".
DOCUMENT_NOUNS = frozenset({
    "statement", "letter", "email", "e-mail", "message", "release", "tweet", "post", "note",
    "memo", "ad", "advertisement", "video",
})  # fmt: skip
#: Prepositions before a participle cue whose speaker is the clause's subject: "by saying".
_PARTICIPLE_PREPS = frozenset({"by", "after", "before", "while", "in", "without"})
#: Words before a cue verb that belong to the cue: "has also said", "did not deny", "to tell".
_CUE_LEFT = frozenset({"aux", "auxpass", "neg", "advmod"})
#: Modifiers after a cue verb that belong to the cue: "said Sunday", "said in a statement".
_CUE_RIGHT = frozenset({"npadvmod", "advmod", "prep", "prt"})
#: The one preposition whose phrase stays in the cue, as it mostly names the medium ("in a
#: statement", "in an email"); "said of Apple", "said at a rally", "said during the debate"
#: and "said on Tuesday" name the topic, the occasion or the day, which PolNeAR mostly leaves
#: out of the cue.
_CUE_PREPS = frozenset({"in"})
#: Where words were spoken, not the medium they came in: "said in an interview".
_OCCASIONS = frozenset({"interview", "speech", "debate", "hearing", "meeting", "conference",
                        "call", "appearance", "address", "conversation", "session"})  # fmt: skip
#: Parts of a subject's phrase that say more than who spoke: "Jones, who ...", "Jones on Monday".
_VERBS = frozenset({"VERB", "AUX"})
#: What a bare `as` clause may hold besides its verb: "as the Times first reported on Tuesday".
_AS_CLAUSE = frozenset({"mark", "advmod", "nsubj", "aux", "auxpass", "agent", "npadvmod",
                        "prep", "punct", "neg"})  # fmt: skip
#: Links from a verb up to the verb whose subject it shares.
_CLIMB = frozenset({"conj", "advcl"})
_SOURCE_CUT = frozenset({"acl", "npadvmod"})


def is_cue(p: Parse, i: int) -> bool:
    """Tell whether token `i` is a speech verb or the `according` of `according to`."""
    tok = p.toks[i]
    if tok.pos in {"VERB", "AUX"} and tok.lemma.lower() in CUE_VERBS and tok.dep != "amod":
        return not (tok.lemma.lower() == "add" and not _speaks(p, i))
    return is_according(p, i)


def is_act(p: Parse, i: int) -> bool:
    """Tell whether token `i` is a speech-act verb (see `ACT_VERBS`)."""
    tok = p.toks[i]
    return tok.pos == "VERB" and tok.lemma.lower() in ACT_VERBS and tok.dep != "amod"


def is_according(p: Parse, i: int) -> bool:
    """Tell whether token `i` is `according` followed by `to`."""
    tok = p.toks[i]
    if tok.end - tok.start != len("according"):
        return False  # most tokens: no need to slice the text
    return (
        p.word(i).lower() == "according" and i + 1 < len(p.toks) and p.word(i + 1).lower() == "to"
    )


def _speaks(p: Parse, i: int) -> bool:
    """`add` is speech with a clause ("adding that ...") or a subject and no object."""
    if p.dependents(i, "ccomp"):
        return True
    return bool(p.dependents(i, *_SUBJECTS)) and not p.dependents(i, "dobj")


def cue_range(p: Parse, i: int, last: int | None = None) -> tuple[int, int]:
    """Return the characters of the cue: `according to`, or the verb with its own modifiers.

    The verb's auxiliaries, negation and adverbs just before it ("has also said") and its day
    and medium just after it ("said Sunday in a statement") are part of the cue, as long as
    they run on without a gap. A phrase that tells the topic, occasion or date ends the cue
    ("said of Apple at a rally", "said in an interview"). `last` ends the cue at a given token
    instead ("talked about").
    """
    if is_according(p, i):
        return p.toks[i].start, p.toks[i + 1].end
    first = i
    while first - 1 >= 0 and p.head(first - 1) == i and p.toks[first - 1].dep in _CUE_LEFT:
        first -= 1
    if last is not None:
        return p.toks[first].start, p.toks[last].end
    last = i
    # Only `say` keeps its medium ("said in a statement"); after other verbs the `in` phrase
    # is the work the words stand in ("wrote in the letter", "declared in his speech").
    says = p.toks[i].lemma.lower() == "say"
    for child in sorted(c for c in p.children[i] if c > i):
        if child != last + 1 or p.toks[child].dep not in _CUE_RIGHT:
            break
        if p.toks[child].dep == "prep" and not (says and _names_medium(p, child)):
            break
        tree = p.subtree(child)
        if tree[-1] - tree[0] + 1 != len(tree) or any(p.toks[t].pos in _VERBS for t in tree):
            break  # not one run of words, or it holds a clause: "in a statement that ..."
        last = tree[-1]
    return p.toks[first].start, p.toks[last].end


def _names_medium(p: Parse, prep: int) -> bool:
    """Tell whether a preposition after a cue names its medium: not a date ("in April")."""
    if p.word(prep).lower() not in _CUE_PREPS:
        return False
    objects = p.dependents(prep, "pobj")
    return not any(
        p.toks[o].ent in {"DATE", "TIME"} or p.toks[o].lemma.lower() in _OCCASIONS for o in objects
    )


def subject_of(p: Parse, cue: int) -> int | None:
    """Return the token that names who speaks through `cue`: its subject, or `to`'s object."""
    if is_according(p, cue):
        objs = p.dependents(cue + 1, "pobj") or p.dependents(cue, "pobj")
        return objs[0] if objs else None
    subjects = p.dependents(cue, *_SUBJECTS)
    if subjects:
        return None if is_impersonal(p, cue) else subjects[0]
    tok = p.toks[cue]
    if tok.tag == "VBN" and tok.dep == "advcl":
        if is_as_clause(p, cue):  # "As reported by the Times, ...": the agent reported it
            agents = [o for a in p.dependents(cue, "agent") for o in p.dependents(a, "pobj")]
            return agents[0] if agents else None
        return None  # "When asked about X, he said": he was asked; who asked is not said
    if tok.dep in {"conj", "xcomp", "advcl"} and tok.head != cue:
        # "He smiled and said ...", "he went on to say ...": the subject belongs to the head,
        # or to the first verb of a run ("they paused, rushed in and said ...", "he went
        # after Trump to hit his record, calling it a disgrace").
        head = tok.head
        inherited = p.dependents(head, *_SUBJECTS)
        for _ in range(3 if tok.tag != "VB" else 0):  # not "intended to say"
            up = p.toks[head]
            if inherited or up.dep not in _CLIMB or up.tag == "VBN" or p.head(head) == head:
                break  # "when asked to condemn X": who asked is not said
            head = p.head(head)
            inherited = p.dependents(head, *_SUBJECTS)
        return inherited[0] if inherited else None
    if tok.dep == "relcl":
        return None  # "Jones, who said ...": the relative pronoun is the subject, handled above
    if tok.tag == "VBG":
        return _participle_subject(p, cue)
    return None


def is_impersonal(p: Parse, cue: int) -> bool:
    """Tell whether a passive cue has the empty `it` for subject: "it is said that ...".

    Reported speech with no one to attribute it to: the quote stands, its speaker unknown.
    """
    return any(p.word(s).lower() == "it" for s in p.dependents(cue, "nsubjpass"))


def is_as_clause(p: Parse, i: int) -> bool:
    """Tell whether cue `i` heads a bare `as` clause: "as the Times reported", "as reported
    by ...", not "as she continues to ..." nor "as he told reporters he would"."""
    tok = p.toks[i]
    if tok.dep != "advcl" or tok.lemma.lower() in CLAUSE_ONLY:
        return False
    kids = [p.toks[c].dep for c in p.children[i]]
    return any(p.word(m).lower() == "as" for m in p.dependents(i, "mark", "advmod")) and all(
        dep in _AS_CLAUSE for dep in kids
    )


def _participle_subject(p: Parse, cue: int) -> int | None:
    """Return who speaks through a participle: "voters saying ...", "by saying ..."."""
    tok = p.toks[cue]
    head = p.toks[tok.head]
    if tok.dep == "acl" and head.pos in {"NOUN", "PROPN", "NUM", "PRON"}:
        if tok.lemma.lower() not in CUE_VERBS:
            return None  # "the media declaring Clinton the nominee": not reported speech
        if head.lemma.lower() not in DOCUMENT_NOUNS:
            return tok.head  # "50 percent saying she is prepared"
        # "issued a statement saying ...": the statement's author speaks
        if head.dep == "dobj":
            subjects = p.dependents(head.head, *_SUBJECTS)
            return subjects[0] if subjects else None
        return None
    if tok.dep == "pcomp" and p.word(tok.head).lower() in _PARTICIPLE_PREPS:
        subjects = p.dependents(p.head(tok.head), *_SUBJECTS)  # "he began by saying ..."
        return subjects[0] if subjects else None
    return None


def source_tokens(p: Parse, subject: int, exclude: set[int]) -> list[int]:
    """Return the speaker's noun phrase: the subject's subtree, cut at any quoted words."""
    tokens = [i for i in p.subtree(subject) if i not in exclude]
    if not tokens:
        return []
    # Drop what tells when or where the speaker spoke ("Jones, speaking in Ohio", "Jones on
    # Monday") and a relative clause that reports speech of its own ("Jones, who said ...").
    for child in p.children[subject]:
        dep = p.toks[child].dep
        if dep in _SOURCE_CUT or (dep == "relcl" and is_cue(p, child)):
            cut = set(p.subtree(child))
            tokens = [i for i in tokens if i not in cut]
    # Keep the contiguous run around the subject itself.
    lo = hi = subject
    members = set(tokens)
    while lo - 1 in members:
        lo -= 1
    while hi + 1 in members:
        hi += 1
    return list(range(lo, hi + 1))
