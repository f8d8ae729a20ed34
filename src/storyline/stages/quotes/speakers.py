"""Name the speaker: the subject itself, or the person a pronoun or description points back to.

No coreference model is available, so this follows the parse and the article's own wording:
a pronoun goes to the nearest earlier named subject of a compatible gender; a description
("the chairman", "the ministry") to the one person the article gave that title, or the one
organisation whose name holds that word. Anything less certain stays unresolved.
"""

from __future__ import annotations

from storyline.model import Mention
from storyline.names import name_key
from storyline.stages.quotes.syntax import Parse

_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_MALE = frozenset({"he", "him", "his"})
_FEMALE = frozenset({"she", "her", "hers"})
_ORG_PRONOUNS = frozenset({"it", "its"})
_MALE_WORDS = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "spokesman", "chairman",
                         "father", "brother", "son", "husband", "uncle", "man", "boy",
                         "congressman", "businessman"})  # fmt: skip
_FEMALE_WORDS = frozenset({"mrs", "mrs.", "ms", "ms.", "lady", "dame", "queen", "princess",
                           "spokeswoman", "chairwoman", "mother", "sister", "daughter", "wife",
                           "aunt", "woman", "girl", "congresswoman", "businesswoman"})  # fmt: skip
#: How far back (characters) a pronoun may reach for its antecedent.
PRONOUN_REACH = 1200


def named_speaker(p: Parse, subject: int, source: list[int]) -> Mention | None:
    """Return the named mention a source phrase refers to, or None when it is not certain."""
    word = p.word(subject).lower()
    tok = p.toks[subject]
    if _has_conjoined_names(p, subject):
        return None  # "Mitchell Weiss and Leslie Weiss": no single speaker
    if tok.pos == "PRON" or tok.tag in {"PRP", "WP"}:
        if tok.tag == "WP" and tok.dep in {"nsubj", "nsubjpass"}:
            return _relative_antecedent(p, subject)
        return resolve_pronoun(p, subject, word)
    direct = _mention_for(p, subject, source)
    if direct is not None:
        return direct
    if tok.pos in {"NOUN", "PROPN"}:
        return resolve_description(p, subject, source)
    return None


def _mention_for(p: Parse, subject: int, source: list[int]) -> Mention | None:
    """Return the speaker-like mention that holds the subject, or one in apposition to it."""
    m = p.mention_at.get(subject)
    if m is not None and m.label in _SPEAKER_LABELS and name_key(m.text):
        return m
    for i in p.dependents(subject, "appos", "compound"):
        m = p.mention_at.get(i)
        if m is not None and m.label == "PERSON":
            return m
    for i in source:
        m = p.mention_at.get(i)
        if m is not None and m.label == "PERSON" and p.toks[i].head == subject:
            return m
    return None


def _has_conjoined_names(p: Parse, subject: int) -> bool:
    return any(p.mention_at.get(c) is not None for c in p.dependents(subject, "conj"))


def _relative_antecedent(p: Parse, rel: int) -> Mention | None:
    """Return the name a `who` refers to: "Jones, who said ..." gives Jones."""
    verb = p.head(rel)
    if p.toks[verb].dep != "relcl":
        return None
    noun = p.head(verb)
    return _mention_for(p, noun, p.subtree(noun))


def gender_of(p: Parse, mention: Mention) -> str | None:
    """Return "m" or "f" when the article marks the person's gender by a title or noun."""
    tokens = list(p.tokens_in(mention.span.start, mention.span.end))
    if not tokens:
        return None
    near = set(tokens)
    for i in tokens:
        near.update(p.children[i])
        if p.toks[i].dep == "appos":
            near.add(p.head(i))
    if tokens[0] > 0:
        near.add(tokens[0] - 1)
    words = {p.word(i).lower() for i in near if i not in tokens} | {p.word(tokens[0]).lower()}
    if words & _MALE_WORDS:
        return "m"
    if words & _FEMALE_WORDS:
        return "f"
    return None


def resolve_pronoun(p: Parse, at: int, word: str) -> Mention | None:
    """Resolve he/she/it to the nearest earlier named subject of a compatible kind; a name
    between quotation marks is someone the quoted speaker talks about, not the speaker."""
    if word in _MALE or word in _FEMALE:
        want_label, want_gender = "PERSON", ("m" if word in _MALE else "f")
    elif word in _ORG_PRONOUNS:
        want_label, want_gender = "ORG", None
    else:
        return None  # I, we, you, they: the author, a group, or too vague to name
    start = p.toks[at].start
    candidates = [
        m
        for m in p.doc.mentions
        if m.label == want_label
        and m.span.end <= start
        and start - m.span.start <= PRONOUN_REACH
        and name_key(m.text)
        and not p.in_quotes(m.span.start)  # `"Quentin came in my trailer," she says`
    ]
    compatible = [
        m for m in candidates if want_gender is None or gender_of(p, m) in {None, want_gender}
    ]
    subjects = [m for m in compatible if _is_subject(p, m)]
    pool = subjects or compatible
    return max(pool, key=lambda m: m.span.start) if pool else None


def _is_subject(p: Parse, m: Mention) -> bool:
    for i in p.tokens_in(m.span.start, m.span.end):
        dep = p.toks[i].dep
        if dep in {"nsubj", "nsubjpass"} or (
            dep == "appos" and p.toks[p.head(i)].dep in {"nsubj", "nsubjpass"}
        ):
            return True
    return False


def resolve_description(p: Parse, subject: int, source: list[int]) -> Mention | None:
    """Resolve "the chairman" or "the ministry" to the one name the article gave it."""
    noun = p.toks[subject].lemma.lower()
    # "a spokesman for the ministry": the organisation speaks through its spokesperson.
    for i in source:
        m = p.mention_at.get(i)
        if m is not None and m.label == "ORG" and p.toks[p.head(i)].dep in {"prep"}:
            return m
    if p.dependents(subject, "relcl", "acl", "prep"):
        # "the company that manages the vessel" singles out someone the bare title may not
        # fit; resolving it to the last "company" named would be a guess.
        return None
    titled = _titled_people(p, noun, before=p.toks[subject].start)
    if len({name_key(m.text).split()[-1] for m in titled}) == 1:
        return max(titled, key=lambda m: m.span.start)
    orgs = [
        m
        for m in p.doc.mentions
        if m.label == "ORG"
        and m.span.end <= p.toks[subject].start
        and noun in name_key(m.text).split()
    ]
    if len({name_key(m.text) for m in orgs}) == 1:
        return orgs[-1]
    return None


def _titled_people(p: Parse, noun: str, before: int) -> list[Mention]:
    """Return earlier PERSON mentions that the article calls `noun` (title or apposition)."""
    if p.titles is None:
        p.titles = [(m, _title_words(p, m)) for m in p.doc.mentions if m.label == "PERSON"]
    return [m for m, words in p.titles if m.span.start < before and noun in words]


def _title_words(p: Parse, m: Mention) -> frozenset[str]:
    """Return the lemmas a named person's mention is linked to: its words, titles, appositions."""
    if not name_key(m.text):
        return frozenset()
    tokens = list(p.tokens_in(m.span.start, m.span.end))
    linked: set[int] = set(tokens)
    for i in tokens:
        linked.update(p.dependents(i, "appos", "compound"))
        if p.toks[i].dep == "appos":
            linked.add(p.head(i))
    return frozenset(p.toks[i].lemma.lower() for i in linked)
