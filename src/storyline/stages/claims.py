"""Break sentences into atomic, checkable claims with slots; say why other sentences are skipped.

A claim is one predicate of a sentence (the main verb, a coordinated verb with its own
subject, or what a source is reported to have said) with its subject, figures, dates, places,
negation, modality (an expectation is not a report) and who asserts it.
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.model import Claim, Doc, Skipped, Span, Token, content_id
from storyline.names import name_key
from storyline.pipeline import stage
from storyline.stages.clauses import (
    Clause,
    children_of,
    clauses_of,
    subordinate_clauses,
    trimmed,
)

#: Verbs that carry opinion or mood rather than a reportable event.
NON_EVENT_VERBS = frozenset({
    "think", "believe", "feel", "hope", "wonder", "seem", "wish", "like", "love", "hate",
    "imagine", "guess", "suppose", "doubt", "want", "prefer",
})  # fmt: skip
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV"})
_STOP_LEMMAS = frozenset({
    "be", "have", "do", "say", "also", "then", "so", "not", "more", "very", "just", "only",
    "other", "such", "even", "still", "now", "there", "here", "when", "where", "accord", "tell",
    "which", "who", "what", "-PRON-", "as", "well", "however", "already",
})  # fmt: skip
#: Verbs of state: a sentence that names nothing and only says how things are ("The lesson is
#: ...", "None of this is free") is comment, not a checkable event.
STATIVE_VERBS = frozenset({"be", "have", "seem", "become", "remain", "look", "appear", "sound",
                           "feel", "get", "do", "know"})  # fmt: skip
#: Subjects that do not say who acted, so a sentence that names nothing else cannot be checked.
_VAGUE_SUBJECTS = frozenset({"you", "these", "those", "everyone", "someone", "nobody",
                             "none", "one", "some", "many", "all", "who", "which", "him",
                             "her", "them"})  # fmt: skip
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_FIRST_PERSON = frozenset({"i", "we", "us", "our", "my", "me"})
_PRONOUNS = frozenset({"it", "he", "she", "they", "this", "that", "we", "i", "you", "there"})
_NO_DOER = _PRONOUNS | _FIRST_PERSON | _VAGUE_SUBJECTS
_CALL_WORDS = frozenset(
    {
        "let",
        "please",
        "keep",
        "check",
        "share",
        "subscribe",
        "click",
        "join",
        "read",
        "follow",
        "sign",
        "watch",
        "don't",
        "do",
    }
)


@stage(
    "claims.v2",
    requires=["tokens", "sentences", "mentions", "figures", "times", "quotes"],
    provides=["claims", "skipped"],
)
def add_claims(doc: Doc) -> Doc:
    """Add the article's claims, and the sentences skipped as not checkable with why."""
    claims: list[Claim] = []
    skipped: list[Skipped] = []
    kids = children_of(doc)
    for sent in doc.sentences:
        span = trimmed(doc, sent)
        reason = skip_reason(doc, span)
        found = [] if reason else list(_claims_in(doc, span, kids))
        if not found:
            skipped.append(Skipped(span, reason or "no-content"))
        claims.extend(found)
    return doc.with_(claims=tuple(claims), skipped=tuple(skipped))


def skip_reason(doc: Doc, span: Span) -> str | None:
    """Return why a sentence holds no checkable claim, or None when it may hold one."""
    sentence = doc.article.text[span.start : span.end]
    words = sentence.split()
    if sentence.rstrip("\"\u201d\u2019' )]").endswith("?"):  # also "[What are the Panama Papers?]"
        return "question"
    indices = list(doc.token_range(span.start, span.end))
    toks = [doc.tokens[i] for i in indices]
    segments = [seg.split() for seg in sentence.split(",")]
    if len(segments) >= 4 and all(len(seg) <= 5 for seg in segments):
        return "keyword-list"  # "Suez Canal blocked, Ever Given news, Ever Given stuck, ..."
    if _is_call_to_action(doc, toks):
        return "call-to-action"
    finite = [t for t in toks if t.tag in {"VBD", "VBZ", "VBP", "MD"}]
    root = next((i for i in indices if doc.tokens[i].dep == "ROOT"), None)
    if len(words) < 5 or not (finite or _verb_with_subject(doc, toks, root)):
        return "fragment"
    subject = _subject_word(doc, toks)
    lemma = doc.tokens[root].lemma.lower() if root is not None else ""
    if lemma in NON_EVENT_VERBS and subject in _FIRST_PERSON:
        return "opinion"
    if sentence.rstrip().endswith("!"):
        return "exclamation"
    return None


def _verb_with_subject(doc: Doc, toks: list[Token], root: int | None) -> bool:
    """Tell whether the sentence's root is a verb with a subject although no verb is tagged
    finite: the tagger reads some past tenses as participles (`A truck plowed into a
    crowd`), and headlines drop the auxiliary (`Gorilla Killed To Save Boy`)."""
    if root is None or doc.tokens[root].pos != "VERB":
        return False
    return any(t.head == root and t.dep in {"nsubj", "nsubjpass"} for t in toks)


def _is_call_to_action(doc: Doc, toks: list[Token]) -> bool:
    """Imperatives ("Share this post", "Keep checking back") and "we must" exhortations."""
    first = next((t for t in toks if t.pos not in {"PUNCT", "SPACE"}), None)
    if first is None:
        return False
    word = doc.article.text[first.start : first.end].lower()
    has_subject = any(t.dep in {"nsubj", "nsubjpass", "expl"} for t in toks if t.head == first.head)
    imperative = first.tag == "VB" and first.dep == "ROOT" and not has_subject
    return imperative or (word in _CALL_WORDS and first.dep == "ROOT")


def _subject_word(doc: Doc, toks: list[Token]) -> str:
    for t in toks:
        if t.dep in {"nsubj", "nsubjpass"} and doc.tokens[t.head].dep == "ROOT":
            return doc.article.text[t.start : t.end].lower()
    return ""


def _claims_in(doc: Doc, span: Span, kids: list[list[int]]) -> Iterable[Claim]:
    """Yield one claim per clause.

    A sentence that names, measures or dates something gives a claim per clause; one that
    does none of these only for clauses that report an event of their own subject
    (`Convoys left from both ends of the canal`), not comment (`The lesson is ...`) or a
    pronoun's deed (`She survived the attack`), whose actor only the context tells.
    """
    anchors = [m.span for m in doc.mentions] + [f.span for f in doc.figures]
    anchors += [t.span for t in doc.times]
    anchored = any(span.start <= a.start < span.end for a in anchors)
    speaker = _quote_speaker(doc, span)
    for clause in clauses_of(doc, span, kids) + subordinate_clauses(doc, span, kids):
        if not anchored and not _eventive(doc, clause):
            continue
        claim = _claim(doc, span, clause, speaker)
        if claim is not None:
            yield claim


def _eventive(doc: Doc, clause: Clause) -> bool:
    """Tell whether a clause reports an event: a verb of action with a subject naming who."""
    verb = doc.tokens[clause.predicate]
    if verb.pos != "VERB" or verb.lemma.lower() in STATIVE_VERBS:
        return False
    subject = (clause.subject or "").lower()
    return bool(subject) and subject not in _NO_DOER


def _claim(doc: Doc, span: Span, clause: Clause, quoted_by: str | None) -> Claim | None:
    lo, hi = clause.start, clause.end
    aid, text = doc.article.id, doc.article.text
    mentions = [m for m in doc.mentions if lo <= m.span.start < hi]
    figures = tuple(f for f in doc.figures if lo <= f.span.start < hi)
    times = tuple(t for t in doc.times if lo <= t.span.start < hi)
    lemma = doc.tokens[clause.predicate].lemma.lower()
    if lemma in NON_EVENT_VERBS or len(clause.tokens) < 3:
        return None
    keywords = sorted({
        doc.tokens[i].lemma.lower() for i in clause.tokens
        if doc.tokens[i].pos in _CONTENT_POS and doc.tokens[i].lemma.lower() not in _STOP_LEMMAS
        and doc.tokens[i].ent not in {"DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY", "PERCENT"}
    })  # fmt: skip
    return Claim(
        id=content_id(aid, str(span.start), str(lo), prefix="c"),
        span=span,
        text=text[span.start : span.end],
        entities=tuple(sorted({name_key(m.text) for m in mentions} - {""})),
        predicate=lemma,
        keywords=tuple(keywords),
        figures=figures,
        times=times,
        subject=clause.subject,
        negated=clause.negated,
        modality=clause.modality,
        hedged=clause.hedged,
        attribution=_named(clause.attribution) or quoted_by,
        places=tuple(sorted({name_key(m.text) for m in mentions if m.label in _PLACE_LABELS})),
        clause=Span(aid, lo, hi),
        subject_head=clause.subject_head,
    )


def _named(source: str | None) -> str | None:
    """Drop a pronoun as a source: "it is said that" names nobody."""
    return None if source is None or source.lower() in _PRONOUNS else source


def _quote_speaker(doc: Doc, span: Span) -> str | None:
    """Return the speaker of a direct quote that makes up the sentence, if the text names one."""
    for quote in doc.quotes:
        if span.start <= quote.span.start < span.end and quote.speaker and quote.speech:
            return quote.speaker
    return None
