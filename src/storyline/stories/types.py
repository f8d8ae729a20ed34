"""What an article's own words say a name is: the evidence that outweighs the model's label.

The small spaCy model gets some names wrong every time it meets them (`the Dutch port of
Rotterdam` as a person, `the Japanese company Shoei Kisen Kaisha` as a person), so counting
its labels across mentions cannot fix them. Articles usually say what a name is, though:

- a descriptor noun next to the name: `the company Shoei Kisen Kaisha`, `Osama Rabie,
  chairman of ...`, `President Abdel Fattah al-Sisi`, `the port of Rotterdam`;
- the name's own last word: `Great Bitter Lake`, `Suez Canal Authority`.

`type_evidence` reads those from a parsed doc. The resolver counts a mention with evidence
for the type its words give, twice over, in place of the model's label.
"""

from __future__ import annotations

from collections.abc import Mapping

from storyline.model import Doc, Mention
from storyline.names import country_code, name_key

#: Nouns that say what the name beside them (in apposition, or as its title) is.
DESCRIPTORS: Mapping[str, str] = {
    **dict.fromkeys(
        (
            "chairman chairwoman chairperson spokesman spokeswoman spokesperson minister "
            "president senator governor mayor ambassador secretary lawyer attorney professor "
            "economist analyst official director founder editor reporter journalist actor "
            "actress singer coach captain king queen prince princess pope diplomat general "
            "sheikh ceo executive chancellor premier judge prosecutor inspector"
        ).split(),
        "PERSON",
    ),
    **dict.fromkeys(
        (
            "company firm corporation conglomerate agency authority ministry regulator insurer "
            "lender bank airline carrier manufacturer maker retailer broadcaster newspaper "
            "publisher party charity organisation organization union club university "
            "startup operator shipowner"
        ).split(),
        "ORG",
    ),
    **dict.fromkeys("city town village port capital province county district".split(), "GPE"),
    **dict.fromkeys("river lake sea ocean mountain island desert peninsula".split(), "LOC"),
}
#: Nouns whose `of` names what they are: `the port of Rotterdam` (not `the president of X`).
_PLACE_OF = frozenset(
    "city town village port province county district island republic kingdom".split()
)
#: A name's last word that says what it is: `Great Bitter Lake`, `Suez Canal Authority`.
#: Only words that mean one type wherever they close a name (not `Union`, `Bank`, `City`).
NAME_ENDINGS: Mapping[str, str] = {
    **dict.fromkeys(
        (
            "authority ministry agency company corporation corp inc ltd llc plc council "
            "committee commission party university association institute foundation "
            "organisation organization airlines airways"
        ).split(),
        "ORG",
    ),
    **dict.fromkeys(
        "lake river sea ocean mountains gulf bay strait desert valley peninsula".split(),
        "LOC",
    ),
    "canal": "FAC",
}
#: Word endings that make an organisation of the word that closes a name (`Shipmanagement`).
_ORG_SUFFIXES = ("management", "holdings")
#: The types the evidence can overturn (dates, numbers and laws are not names to retype).
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT"})

Evidence = dict[tuple[str, int], str]  # (article id, mention end) -> type


def type_evidence(doc: Doc) -> Evidence:
    """Return the type a mention's own words give it, for the mentions that have one."""
    out: Evidence = {}
    for mention in doc.mentions:
        if mention.label not in NAME_TYPES:
            continue
        said = _from_name(mention) or _from_context(doc, mention)
        if said is not None:
            out[mention.span.article_id, mention.span.end] = said
    return out


def _from_name(mention: Mention) -> str | None:
    words = mention.text.split()
    if len(words) < 2:
        return None  # a lone `Canal` or `Authority` is a fragment, not a name
    if country_code(name_key(mention.text)):
        return None  # `Dominican Republic`, `Russian Federation`: the country's own name
    last = words[-1].strip(".,'\u2019").lower()
    if last in NAME_ENDINGS:
        return NAME_ENDINGS[last]
    return "ORG" if last.endswith(_ORG_SUFFIXES) else None


def _from_context(doc: Doc, mention: Mention) -> str | None:
    """Return the type a descriptor noun attached to the mention's head gives it."""
    inside = doc.token_range(mention.span.start, mention.span.end)
    if not inside:
        return None
    toks = doc.tokens
    heads = [i for i in inside if toks[i].head not in inside or toks[i].head == i]
    if len(heads) != 1:
        return None
    h = heads[0]
    tok = toks[h]
    up = tok.head
    # `Rabie, chairman of ...`, `Sisi, the president`: a descriptor in apposition below it
    # `President Sisi`, `the company Shoei Kisen Kaisha`: a title or class noun before it
    for c in range(max(0, inside.start - 8), min(len(toks), inside.stop + 12)):
        if c in inside or toks[c].head not in inside or toks[c].pos != "NOUN":
            continue
        beside = toks[c].dep == "appos" or (toks[c].dep == "compound" and c < inside.start)
        if beside and (said := DESCRIPTORS.get(toks[c].lemma.lower())):
            return said
    if not 0 <= up < len(toks) or up in inside:
        return None
    above = toks[up]
    # `the company Shoei Kisen Kaisha` parsed the other way: the name in apposition to it
    if tok.dep == "appos" and above.pos == "NOUN":
        return DESCRIPTORS.get(above.lemma.lower())
    # `the port of Rotterdam`
    if tok.dep == "pobj" and above.lemma.lower() == "of" and 0 <= above.head < len(toks):
        noun = toks[above.head]
        if noun.pos == "NOUN" and noun.lemma.lower() in _PLACE_OF and above.head < h:
            return "GPE"
    return None
