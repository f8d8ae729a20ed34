"""Find events in each sentence: who did what to whom, where and when, with a PLOVER type.

Reads the clauses of `clauses.py` (no model call): the actor is the clause's subject (the
"by" agent of a passive), the target the object or the party an action is aimed at
("threatened further action against Russia"), the place a named place under "in"/"at", the
time a dated expression of the sentence. Negation and modality come with the clause: "did
not agree" is negated, "plans to visit" is planned, "threatened to" is a THREATEN event.
When the sentence names no place or time, an earlier sentence of the same paragraph may.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import replace

from storyline.model import (
    Actor,
    Doc,
    Event,
    Evidence,
    Figure,
    Mention,
    Span,
    TimeExpr,
    content_id,
)
from storyline.pipeline import stage
from storyline.stages.actors import make_actor
from storyline.stages.claims import NON_EVENT_VERBS
from storyline.stages.clauses import CUE_VERBS, Clause, children_of, clauses_of, trimmed
from storyline.stages.event_types import VERB_TYPES, Typing, as_intent, classify, resolve_violence

_SKIP_SENTENCES = frozenset({"question", "keyword-list", "call-to-action", "opinion"})
#: Verbs of state, not action: "weighs 200,000 tonnes" is no event.
_STATIVE = frozenset(
    "be have weigh measure cost contain include consist belong own know mean need seem appear "
    "remain become lie stand get let".split()
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Prepositions that name whom an action is aimed at.
_TARGET_PREPS = frozenset("against with to on at into toward towards from for over upon".split())
_PLACE_PREPS = frozenset("in at near outside inside across into throughout around off".split())
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_DEATH = frozenset({"kill", "die", "dead", "death", "toll", "murder", "massacre"})
_HURT = frozenset({"injure", "wound", "hurt", "injured", "wounded"})


def token_range(doc: Doc, start: int, end: int) -> range:
    """Return the indices of the tokens inside `[start, end)` (kept for the story modules)."""
    return doc.token_range(start, end)


@stage(
    "events.v1",
    requires=["tokens", "sentences", "mentions", "figures", "times", "skipped"],
    provides=["events"],
)
def add_events(doc: Doc) -> Doc:
    """Add the article's events, one per action clause that names who acts or is acted on."""
    kids = children_of(doc)
    # The claims stage already said which sentences are questions, calls to action, ...
    passed = {(s.span.start, s.span.end) for s in doc.skipped if s.reason in _SKIP_SENTENCES}
    found: list[Event] = []
    for sent in doc.sentences:
        span = trimmed(doc, sent)
        if span.end <= span.start or (span.start, span.end) in passed:
            continue
        found.extend(_with_context(doc, found, e) for e in _events_in(doc, span, kids))
    return doc.with_(events=tuple(found))


def _events_in(doc: Doc, span: Span, kids: list[list[int]]) -> Iterable[Event]:
    """Yield the sentence's events: a typed reporting act first ("warned that"), then clauses."""
    inside = token_range(doc, span.start, span.end)
    root = next((i for i in inside if doc.tokens[i].dep == "ROOT"), None)
    if root is None:
        return
    lemma = doc.tokens[root].lemma.lower()
    reports = any(doc.tokens[k].dep in {"ccomp", "parataxis"} for k in kids[root])
    clauses = clauses_of(doc, span, kids)
    if lemma in CUE_VERBS and reports:
        demanded = next((c for c in clauses if c.modality == "obligation"), None)
        if lemma in VERB_TYPES or demanded is not None:
            # "warned that ...", "said the rebels must ...": the speech act is the event
            event = _event(doc, kids, span, root, None, demanded)
            if event is not None:
                yield event
    for clause in clauses:
        event = _event(doc, kids, span, clause.predicate, clause)
        if event is not None:
            yield event


def _event(
    doc: Doc,
    kids: list[list[int]],
    span: Span,
    pred: int,
    clause: Clause | None,
    demanded: Clause | None = None,
) -> Event | None:
    tok = doc.tokens[pred]
    lemma = tok.lemma.lower()
    if tok.pos not in {"VERB", "AUX"} or lemma in NON_EVENT_VERBS:
        return None
    frame = tok.head if tok.dep == "xcomp" and clause is not None and clause.modality else None
    typing = classify(doc, kids, pred, frame)
    if demanded is not None:
        typing = Typing("REQUEST")
    if typing.type is None and (lemma in _STATIVE or lemma in CUE_VERBS):
        return None  # a state or a statement, not an act
    actor_tok, target_tok = _parties(doc, kids, pred, frame)
    if demanded is not None:
        target_tok = _subject(doc, kids, demanded.predicate)
    actor = make_actor(doc, kids, actor_tok) if actor_tok is not None else None
    target = make_actor(doc, kids, target_tok) if target_tok is not None else None
    if actor is None and target is None:
        return None
    negated = clause.negated if clause else _negated(doc, kids, pred)
    modality = clause.modality if clause else None
    kind = resolve_violence(typing, actor) if _has_party(actor, target) else None
    if not typing.final:
        conditional = _conditional(doc, kids, pred if frame is None else frame)
        kind = as_intent(kind, _would(doc, kids, pred, modality), negated, conditional)
    action = _action_span(doc, kids, pred, frame)
    aid, text = doc.article.id, doc.article.text
    taken = [a.span for a in (actor, target) if a is not None]
    lo, hi = (clause.start, clause.end) if clause else (span.start, span.end)
    dead, injured = _casualties(doc, kids, span)
    return Event(
        id=content_id(aid, str(action.start), str(action.end), prefix="ev"),
        type=kind,
        action=text[action.start : action.end],
        action_span=action,
        evidence=(Evidence(span, text[span.start : span.end]),),
        actor=actor,
        target=target,
        place=_place(doc, kids, span, lo, hi, taken),
        time=_time(doc, span, lo, hi),
        negated=negated,
        modality=modality,
        mode=typing.mode,
        dead=dead,
        injured=injured,
        size=_size(doc, actor) if kind in {"PROTEST", "MOBILIZE"} else None,
        article_ids=(aid,),
    )


def _with_context(doc: Doc, earlier: list[Event], event: Event) -> Event:
    """Fill a missing place or time from an earlier event of the same paragraph; set the date."""
    place, time = event.place, event.time
    text = doc.article.text
    for prior in reversed(earlier):
        if "\n" in text[prior.action_span.end : event.action_span.start]:
            break
        place = place or prior.place
        time = time or prior.time
    date = time.value if time is not None else None
    return replace(event, place=place, time=time, date=date)


def _subject(doc: Doc, kids: list[list[int]], pred: int) -> int | None:
    """Return the subject of a verb, climbing from "and then X" or "to X" to the verb it shares."""
    for _ in range(3):
        found = next((k for k in kids[pred] if doc.tokens[k].dep in _SUBJECTS), None)
        if found is not None:
            return found
        if doc.tokens[pred].dep not in {"conj", "xcomp"} or doc.tokens[pred].head == pred:
            return None
        pred = doc.tokens[pred].head
    return None


def _parties(
    doc: Doc, kids: list[list[int]], pred: int, frame: int | None
) -> tuple[int | None, int | None]:
    """Return the actor's and the target's head tokens; a passive's subject is its target."""
    subject = _subject(doc, kids, frame if frame is not None else pred)
    if subject is not None and doc.tokens[subject].dep == "nsubjpass":
        return _agent(doc, kids, pred), subject
    target = _target(doc, kids, pred)
    if target is None and frame is not None:
        target = _target(doc, kids, frame)
    if target is None:  # "demanded that the US cancel": the one asked to act
        content = next((k for k in kids[pred] if doc.tokens[k].dep == "ccomp"), None)
        target = _subject(doc, kids, content) if content is not None else None
    return subject, target


def _would(doc: Doc, kids: list[list[int]], pred: int, modality: str | None) -> str | None:
    """Tell "would" apart: in reported speech it is the future seen from the past."""
    text = doc.article.text
    for k in kids[pred]:
        tok = doc.tokens[k]
        if tok.dep == "aux" and text[tok.start : tok.end].lower() in {"would", "'d"}:
            return "would"
    return modality


def _has_party(actor: Actor | None, target: Actor | None) -> bool:
    """Tell whether the event involves a political party at all: a coded, sector or named actor.

    "It had suspended traffic" is an act, but no PLOVER event between parties.
    """
    return any(
        a is not None and (a.code or a.sector or a.label in _ACTOR_ENTS) for a in (actor, target)
    )


def _conditional(doc: Doc, kids: list[list[int]], pred: int) -> bool:
    """Tell whether the action hangs on a condition ("unless the president ...")."""
    for k in kids[pred]:
        if doc.tokens[k].dep == "advcl":
            marks = {doc.tokens[j].lemma.lower() for j in kids[k] if doc.tokens[j].dep == "mark"}
            if marks & {"unless", "if"}:
                return True
    return False


def _agent(doc: Doc, kids: list[list[int]], pred: int) -> int | None:
    for k in kids[pred]:
        if doc.tokens[k].dep == "agent":
            return next((j for j in kids[k] if doc.tokens[j].dep == "pobj"), None)
    return None


def _target(doc: Doc, kids: list[list[int]], pred: int) -> int | None:
    """Return whom the action is aimed at: a party named as object or after "against", "to"...

    A party (a country, a named person or body, a sector noun) wins over a plain thing;
    "cut off electricity to Nakhichevan" is aimed at Nakhichevan.
    """
    objects = [k for k in kids[pred] if doc.tokens[k].dep in {"dobj", "dative"}]
    candidates = list(objects)
    todo = [pred, *objects]
    for _ in range(3):  # "a suspension of air links with Serbia": through "of" to "with"
        nxt = []
        for head in todo:
            for k in kids[head]:
                if doc.tokens[k].dep != "prep":
                    continue
                pobj = [j for j in kids[k] if doc.tokens[j].dep == "pobj"]
                if doc.tokens[k].lemma.lower() in _TARGET_PREPS:
                    candidates += pobj
                nxt += pobj
        todo = nxt
    for k in candidates:
        if doc.tokens[k].ent in {"DATE", "TIME"}:
            continue
        if _is_party(doc, kids, k):
            return k
    objects = [k for k in objects if doc.tokens[k].ent not in {"DATE", "TIME"}]
    return objects[0] if objects else None


def _is_party(doc: Doc, kids: list[list[int]], head: int) -> bool:
    if doc.tokens[head].ent in _ACTOR_ENTS or doc.tokens[head].pos == "PROPN":
        return True
    actor = make_actor(doc, kids, head)
    return actor is not None and (actor.code is not None or actor.sector is not None)


def _action_span(doc: Doc, kids: list[list[int]], pred: int, frame: int | None) -> Span:
    """Return the words of the action: auxiliaries, negation, the frame and the particle."""
    parts = [pred]
    for verb in (pred, frame):
        if verb is None:
            continue
        parts.append(verb)
        parts += [k for k in kids[verb] if doc.tokens[k].dep in {"aux", "auxpass", "neg", "prt"}
                  and abs(k - pred) <= 6]  # fmt: skip
    lo, hi = min(parts), max(parts)
    return Span(doc.article.id, doc.tokens[lo].start, doc.tokens[hi].end)


def _negated(doc: Doc, kids: list[list[int]], pred: int) -> bool:
    return any(doc.tokens[k].dep == "neg" for k in kids[pred])


def _place(
    doc: Doc, kids: list[list[int]], span: Span, lo: int, hi: int, taken: list[Span]
) -> Mention | None:
    """Return the named place of the clause, one under "in"/"at" first, else of the sentence."""
    places = [m for m in doc.mentions if m.label in _PLACE_LABELS
              and span.start <= m.span.start < span.end
              and not any(t.start <= m.span.start < t.end for t in taken)]  # fmt: skip
    if not places:
        return None

    def rank(m: Mention) -> tuple[bool, bool, int]:
        return (not under_place_prep(doc, m), not lo <= m.span.start < hi, m.span.start)

    best = min(places, key=rank)
    return best if under_place_prep(doc, best) else None


def under_place_prep(doc: Doc, mention: Mention) -> bool:
    """Tell whether a place is named as where something is ("in Croydon", "near Suez")."""
    toks = token_range(doc, mention.span.start, mention.span.end)
    for i in toks:
        head = doc.tokens[i].head
        if head not in toks:
            return doc.tokens[i].dep == "pobj" and doc.tokens[head].lemma.lower() in _PLACE_PREPS
    return False


def _time(doc: Doc, span: Span, lo: int, hi: int) -> TimeExpr | None:
    """Return the clause's time expression, else the sentence's first one."""
    times = [t for t in doc.times if span.start <= t.span.start < span.end]
    inner = [t for t in times if lo <= t.span.start < hi]
    found = inner or times
    return found[0] if found else None


def _casualties(doc: Doc, kids: list[list[int]], span: Span) -> tuple[Figure | None, Figure | None]:
    """Return the counts of dead and injured the sentence gives ("killing at least 156 people")."""
    dead = injured = None
    for fig in doc.figures:
        if not span.start <= fig.span.start < span.end or fig.unit is not None:
            continue
        near = _heads_above(doc, fig.span.end - 1)  # the number, not "at least" before it
        if dead is None and near & _DEATH:
            dead = fig
        elif injured is None and near & _HURT:
            injured = fig
    return dead, injured


def _heads_above(doc: Doc, offset: int) -> set[str]:
    """Return the lemmas of the token at `offset` and of the three heads above it."""
    i = bisect_right(doc.tokens, offset, key=lambda t: t.start) - 1
    if i < 0 or offset >= doc.tokens[i].end:
        return set()
    seen: set[str] = set()
    for _ in range(4):
        seen.add(doc.tokens[i].lemma.lower())
        i = doc.tokens[i].head
    return seen


def _size(doc: Doc, actor: Actor | None) -> Figure | None:
    """Return how many took part, when the actor phrase counts them ("up to 100 Albanians")."""
    if actor is None:
        return None
    inside = [f for f in doc.figures if actor.span.start <= f.span.start < actor.span.end]
    return inside[0] if inside and inside[0].unit is None else None
