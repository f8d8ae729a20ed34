"""Give an event clause its PLOVER type from the words of its action.

Our own lexicon: verbs (and verb + particle) per type; verbs whose type depends on their
object ("sent troops" mobilises, "sent aid" aids, "lifted the curfew" concedes); nouns that
carry the event after a light verb ("held talks"); violent verbs, ASSAULT unless armed forces
act (then FIGHT). Then PLOVER's own coding rules: an intention is itself an event ("will
visit" is AGREE, "would boycott" THREATEN), and refusing to cooperate is REJECT.
Tuned on the odd-numbered (dev) half of the PLOVER gold records only (see evals/plover.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.model import Actor, Doc

#: The PLOVER event types we code, in the ontology's order (cooperation first).
TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE",
    "ASSAULT", "FIGHT",
)  # fmt: skip
#: Names the 2016-2018 PLOVER drafts (and their gold records) gave two of these types.
OLDER_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE"}
COOPERATIVE = frozenset(
    {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE"}
)
CONFLICTUAL = frozenset({"SANCTION", "COERCE", "ASSAULT", "FIGHT", "PROTEST", "MOBILIZE"})

_VERBS = {
    "AGREE": "agree consent settle commit reconcile accept offer",
    "CONSULT": "meet visit discuss negotiate consult telephone phone confer host mediate tour "
    "convene",
    "SUPPORT": "praise support back endorse defend welcome commend applaud recognize "
    "recognise apologize apologise forgive sign thank congratulate hail upgrade restore "
    "rally reaffirm approve salute laud embrace favor favour reassure honor honour",
    "COOPERATE": "cooperate collaborate share extradite coordinate ally partner exchange",
    "AID": "donate fund aid assist grant help rescue shelter feed lend finance subsidize subsidise",
    "CONCEDE": "concede yield accede relent compromise ease lift allow permit legalize "
    "legalise pardon soften reverse abolish acquiesce bow",
    "RETREAT": "withdraw retreat release free surrender disarm demobilize demobilise "
    "evacuate return resign disengage repatriate unblock reopen",
    "INVESTIGATE": "investigate probe inspect examine audit interrogate question monitor "
    "scrutinize scrutinise",
    "REQUEST": "demand urge ask request appeal press petition plead implore order pressure "
    "pressurize pressurise beg invite require exhort",
    "ACCUSE": "accuse blame criticize criticise condemn denounce complain allege deplore "
    "censure rebuke slam sue decry castigate lambaste chide fault summon reprimand berate "
    "charge indict convict prosecute impeach assail scold",
    "REJECT": "reject refuse deny decline veto rebuff dismiss oppose spurn resist defy renege "
    "snub ignore repudiate disavow",
    "THREATEN": "threaten warn menace intimidate",
    "PROTEST": "protest demonstrate march riot picket revolt mutiny",
    "MOBILIZE": "mobilize mobilise patrol fortify rearm conscript muster amass",
    "SANCTION": "sanction suspend sever expel recall cancel freeze downgrade embargo boycott "
    "blacklist withhold postpone",
    "COERCE": "arrest detain seize confiscate ban prevent deport jail imprison occupy "
    "restrict censor raid evict outlaw deface vandalize vandalise sentence impound disperse "
    "suppress repress bar forbid prohibit dissolve annex",
    "ASSAULT": "kidnap abduct hijack torture assassinate massacre murder behead rape stab "
    "execute explode beat lynch detonate torch loot ransack maim slaughter assault",
    "FIGHT": "fight clash shell invade bombard battle repel overrun pound strafe retake "
    "recapture skirmish besiege",
}
_PHRASAL = {
    "cut off": "SANCTION", "break off": "SANCTION", "call for": "REQUEST",
    "call on": "REQUEST", "call upon": "REQUEST", "pull out": "RETREAT",
    "pull back": "RETREAT", "hand over": "RETREAT", "step down": "RETREAT",
    "back down": "CONCEDE", "give up": "CONCEDE", "turn down": "REJECT", "look into": "INVESTIGATE",
    "crack down": "COERCE", "blow up": "ASSAULT", "shoot down": "FIGHT", "lash out": "ACCUSE",
    "speak out": "ACCUSE", "force out": "COERCE", "set fire": "COERCE", "rule out": "REJECT",
    "brush aside": "REJECT", "round up": "COERCE", "gun down": "ASSAULT", "shut down": "COERCE",
    "walk out": "PROTEST",
}  # fmt: skip
#: Violent verbs: (the type when others act, the type when armed forces act).
_VIOLENT = {
    **dict.fromkeys("attack kill bomb shoot strike hit wound ambush storm".split(),
                    ("ASSAULT", "FIGHT")),
    "capture": ("COERCE", "FIGHT"),
    "block": ("PROTEST", "COERCE"),
    "blockade": ("PROTEST", "COERCE"),
}  # fmt: skip
_NOUNS = {
    "AGREE": "agreement deal accord pact treaty settlement",
    "CONSULT": "talk meeting visit negotiation summit consultation discussion conference mediation",
    "SUPPORT": "support apology recognition endorsement",
    "COOPERATE": "cooperation exercise drill game",
    "AID": "aid assistance donation loan relief",
    "RETREAT": "ceasefire truce withdrawal release amnesty",
    "INVESTIGATE": "investigation inquiry probe inspection",
    "REQUEST": "appeal demand request call reminder",
    "ACCUSE": "criticism complaint condemnation accusation lawsuit",
    "THREATEN": "threat warning ultimatum",
    "PROTEST": "protest demonstration rally march boycott sit-in strike",
    "MOBILIZE": "alert deployment mobilization mobilisation",
    "SANCTION": "sanction embargo suspension",
    "COERCE": "curfew crackdown arrest blockade ban siege emergency",
    "ASSAULT": "attack bombing massacre assassination kidnapping",
    "FIGHT": "offensive airstrike shelling bombardment battle clash fighting war fire artillery",
}
#: What is sent or handed over: "sent arms" is AID, "sent troops" MOBILIZE.
_GOODS = {
    **dict.fromkeys("arms arm weapon medicine food supply grain money peacekeeper".split(), "AID"),
    **dict.fromkeys("troop force soldier warship".split(), "MOBILIZE"),
    **dict.fromkeys("inspector observer investigator monitor".split(), "INVESTIGATE"),
}
#: Verbs whose type is their object's: "held talks", "imposed a curfew".
_LIGHT = frozenset(
    "hold make issue announce launch stage carry conduct take express impose begin start "
    "reach pay mount declare file lodge put remain resume institute introduce enforce "
    "complete open insist gather converge assemble join".split()
)
#: Verbs that move what they name: "sent aid", "deployed troops", "handed over medicine".
_TRANSFERS = frozenset(
    "send dispatch deploy station mass strengthen boost increase bolster reinforce hand "
    "deliver provide give supply ship airlift".split()
)
_CARRIERS = _LIGHT | _TRANSFERS
#: Verbs that stop what their object names: ending talks sanctions, ending a curfew concedes.
_STOPPERS = frozenset(
    "end halt stop suspend cut freeze break sever cancel terminate prohibit withhold lift "
    "ease relax remove scrap".split()
)
_RESTRICTIONS = frozenset(
    "curfew ban sanction embargo blockade siege restriction emergency law".split()
)
_TIES = frozenset("tie relation link contact".split())
_ENVOYS = frozenset(
    "inspector observer monitor peacekeeper ambassador diplomat envoy worker staff".split()
)
#: Verbs of intention: "offered to hand over", "swore to fight".
_INTENT_VERBS = frozenset("offer swear vow pledge promise intend".split())
#: Nouns that say little until their modifier does: "mediation efforts".
_GENERIC = frozenset("effort process plan programme program operation campaign mission".split())
#: Verbs that take in observers: receiving inspectors is a RETREAT in PLOVER.
_RECEIVERS = frozenset("receive admit allow accept welcome".split())
_MODES = {
    "telephone": "phone", "phone": "phone", "visit": "visit", "host": "host",
    "demonstrate": "demo", "march": "demo", "rally": "demo", "riot": "riot",
    "boycott": "boycott", "arrest": "arrest", "detain": "arrest", "jail": "arrest",
    "confiscate": "confiscate", "seize": "confiscate", "deport": "deport", "ban": "ban",
    "curfew": "curfew", "kidnap": "abduct", "abduct": "abduct", "hijack": "abduct",
    "torture": "torture", "assassinate": "assassinate", "beat": "beat", "bomb": "explosives",
    "explode": "explosives", "expel": "expel", "release": "release", "free": "release",
    "ceasefire": "ceasefire", "truce": "ceasefire", "disarm": "disarm", "block": "obstruct",
}  # fmt: skip
_REFUSALS = frozenset({"fail", "refuse", "decline"})

VERB_TYPES = {w: t for t, words in _VERBS.items() for w in words.split()}
NOUN_TYPES = {w: t for t, words in _NOUNS.items() for w in words.split()}
_KNOWN = frozenset(
    {*VERB_TYPES, *_VIOLENT, *_CARRIERS, *_STOPPERS, *_RECEIVERS, *_REFUSALS,
     *(p.split()[0] for p in _PHRASAL), *_INTENT_VERBS, "threaten", "prepare", "shun"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Typing:
    """An event's type, its PLOVER mode, and the type it takes when armed forces act."""

    type: str | None
    mode: str | None = None
    armed: str | None = None  # "attacked": ASSAULT, but FIGHT when the army attacks
    final: bool = False  # the frame fixed the type ("threatened to"): no intent rule applies


def classify(doc: Doc, kids: list[list[int]], pred: int, frame: int | None) -> Typing:
    """Return the type of the event whose main verb is `pred` (under the frame verb, if any)."""
    frame_lemma = doc.tokens[frame].lemma.lower() if frame is not None else ""
    if frame_lemma == "threaten":
        return Typing("THREATEN", final=True)
    found = _by_verb(doc, kids, pred)
    lemma = verb_lemma(doc, pred)
    if found.type is None:
        found = _by_helper(doc, kids, pred)
        if lemma in _INTENT_VERBS and found.type is not None:
            return Typing(as_intent(found.type, "promised", False), found.mode, final=True)
    if frame_lemma in {"prepare", "ready"} and found.type in CONFLICTUAL:
        return Typing("MOBILIZE", final=True)  # readying force is a show of force
    if lemma in _REFUSALS and found.type in COOPERATIVE | {"AGREE"}:
        return Typing("REJECT", final=True)
    return found


def _by_helper(doc: Doc, kids: list[list[int]], pred: int) -> Typing:
    """Type a verb we do not know by the verb under it: "continued to send", "to protest"."""
    for k in kids[pred]:
        tok = doc.tokens[k]
        purpose = tok.dep == "advcl" and any(doc.tokens[j].dep == "aux" for j in kids[k])
        if tok.pos == "VERB" and (tok.dep == "xcomp" or purpose):
            found = _by_verb(doc, kids, k)
            if found.type is not None:
                return found
    return Typing(None)


def resolve_violence(typing: Typing, actor: Actor | None) -> str | None:
    """Use the armed type when an army or government acts (a militia is not an army)."""
    sector = actor.sector if actor else None
    militia = actor is not None and "militia" in actor.text.lower()
    if typing.armed and sector in {"MIL", "GOV", "COP"} and not militia:
        return typing.armed
    if typing.armed and typing.type == "PROTEST" and (actor is None or (actor.code is None
                                                      and sector is None)):  # fmt: skip
        return None  # "the ship blocked the canal" is no protest
    return typing.type


def as_intent(
    kind: str | None, modality: str | None, negated: bool, conditional: bool = False
) -> str | None:
    """Apply PLOVER's coding of intentions and refusals to a type.

    "will visit" expresses intent to cooperate (AGREE), "would boycott" is a threat
    (THREATEN), and so is any intention on a condition ("will withdraw unless ...");
    "did not agree" / "will not accept" is a refusal (REJECT).
    """
    if negated:
        return "REJECT" if kind in COOPERATIVE | {"AGREE"} else kind
    if modality in {"future", "planned", "promised", "proposed", "would"}:
        if conditional and kind in COOPERATIVE | CONFLICTUAL:
            return "THREATEN"
        if kind in COOPERATIVE:
            return "AGREE"
        if kind in CONFLICTUAL:
            return "THREATEN"
        if kind is None and modality == "promised":
            return "AGREE"
    return kind


def verb_lemma(doc: Doc, i: int) -> str:
    """Return a verb's lemma, mending the model's slips ("staged" -> "stag") from the word."""
    tok = doc.tokens[i]
    lemma = tok.lemma.lower()
    if lemma in _KNOWN:
        return lemma
    word = doc.article.text[tok.start : tok.end].lower()
    stems = [word, word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-4]]
    return next((s for s in stems if s in _KNOWN), lemma)


def _by_verb(doc: Doc, kids: list[list[int]], pred: int) -> Typing:
    tok = doc.tokens[pred]
    lemma = verb_lemma(doc, pred)
    if tok.pos not in {"VERB", "AUX"}:
        return Typing(None)
    mode = _MODES.get(lemma)
    for k in kids[pred]:
        if doc.tokens[k].dep in {"prt", "prep", "dobj"}:
            phrasal = _PHRASAL.get(f"{lemma} {doc.tokens[k].lemma.lower()}")
            if phrasal:
                return Typing(phrasal, mode)
    noun = _object_noun(doc, kids, pred)
    by_object = _by_object(lemma, noun)
    if by_object is not None:
        return Typing(by_object, _MODES.get(noun or "", mode))
    if lemma in _VIOLENT:
        default, armed = _VIOLENT[lemma]
        return Typing(default, mode, armed)
    if lemma in VERB_TYPES:
        return Typing(VERB_TYPES[lemma], mode)
    return Typing(None)


def _by_object(verb: str, noun: str | None) -> str | None:
    """Return the type a verb takes from its object noun, or None to fall back to the verb."""
    if noun is None:
        return None
    if verb in _STOPPERS | {"shun"} and noun in {"work", "tool"}:
        return "PROTEST"  # "stopped work": a strike
    if verb in {"withdraw", "recall", "pull"} and noun in _ENVOYS:
        return "SANCTION"  # withdrawing inspectors or an ambassador reduces relations
    if verb in _STOPPERS:
        if noun in {"blockade", "siege"}:
            return "RETREAT"
        if noun in _RESTRICTIONS:
            return "CONCEDE"
        if noun in _TIES or NOUN_TYPES.get(noun) in COOPERATIVE | {"AGREE"}:
            return "SANCTION"
        return None
    if verb in _RECEIVERS and (_GOODS.get(noun) == "INVESTIGATE" or noun == "peacekeeper"):
        return "RETREAT"
    if verb in {"lodge", "file", "register"} and noun in {"protest", "complaint", "lawsuit"}:
        return "ACCUSE"
    if verb in {"impose", "declare", "institute", "introduce", "enforce"} and noun in {
        "sanction", "embargo"}:  # fmt: skip
        return "SANCTION"
    if verb in _TRANSFERS:
        return _GOODS.get(noun) or NOUN_TYPES.get(noun)
    if verb in _LIGHT:
        return NOUN_TYPES.get(noun)
    return None


def _object_noun(doc: Doc, kids: list[list[int]], pred: int) -> str | None:
    """Return the lemma of the verb's object: "held talks", "launched days of war games",
    "on alert"; a compound keeps its modifier ("hunger strike", "air strike")."""
    head = next((k for k in kids[pred] if doc.tokens[k].dep in {"dobj", "attr"}), None)
    if head is None:
        for k in kids[pred]:
            if doc.tokens[k].dep == "prep" and doc.tokens[k].lemma.lower() in {"on", "for"}:
                head = next((j for j in kids[k] if doc.tokens[j].dep == "pobj"), None)
                break
    if head is None or doc.tokens[head].pos not in {"NOUN", "PROPN"}:
        return None
    lemma = _compound(doc, kids, head)
    if lemma in _GENERIC:
        modifier = next((k for k in kids[head] if doc.tokens[k].dep == "compound"), None)
        lemma = doc.tokens[modifier].lemma.lower() if modifier is not None else lemma
    if lemma in NOUN_TYPES or lemma in _GOODS or lemma in _TIES or lemma in _RESTRICTIONS:
        return lemma
    for k in kids[head]:  # "10 days of war games", "a mission of observers"
        if doc.tokens[k].dep == "prep" and doc.tokens[k].lemma.lower() == "of":
            for j in kids[k]:
                if doc.tokens[j].dep == "pobj":
                    return _compound(doc, kids, j)
    return lemma


def _compound(doc: Doc, kids: list[list[int]], head: int) -> str:
    """Return a noun's lemma, read with its compound modifier where that changes the type."""
    lemma = doc.tokens[head].lemma.lower()
    for k in kids[head]:
        if doc.tokens[k].dep in {"compound", "amod"}:
            pair = f"{doc.tokens[k].lemma.lower()} {lemma}"
            if pair in _COMPOUNDS:
                return _COMPOUNDS[pair]
    return lemma


#: Compounds that name another event than their head: an air strike is no labour strike.
_COMPOUNDS = {"hunger strike": "sit-in", "air strike": "airstrike", "war game": "game",
              "martial law": "emergency", "peace talk": "talk", "rocket fire": "fire"}  # fmt: skip
