"""Generate a synthetic story of n articles whose claims are already extracted.

Every article reports a random subset of one event's facts, each in one of several
paraphrases, with shared figures and dates (now and then a rival figure, so conflicts
occur), plus background sentences of its own full of local names. Popular facts appear in
most articles and rare ones in a few, as in real coverage, so blocking sees what it sees on
real stories: a few very common terms (dropped once their postings pass the cap), many
rare ones.

The claims are built directly with the fields the claims stage fills (keywords, entities,
figures, dates, attribution, clause), so a benchmark times reconciliation, not spaCy.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from storyline.model import Article, Claim, Doc, Figure, Span, TimeExpr, content_id
from storyline.names import name_key

_STOP = frozenset(
    "a an the of in on at to for from by with and or but as is was were are be been has have "
    "had that which who it its their his her they he she this these after before over into "
    "than about more said says according".split()
)
CITY, COMPANY, OFFICIAL, AGENCY = "Harwick", "Delmont Chemicals", "Maria Okafor", "the fire service"
DAY = "2024-03-05"


@dataclass(frozen=True, slots=True)
class Slot:
    """A figure a fact states: its value, unit and counted noun."""

    value: float
    unit: str | None
    counts: str | None


# Each fact: (paraphrases, figure slot or None, dated). Paraphrases use {n} for the figure.
FACTS: list[tuple[list[str], Slot | None, bool]] = [
    (
        [
            "A fire broke out at the {company} plant in {city} on March 5.",
            "Fire tore through the {company} factory in {city} on March 5.",
            "A blaze erupted on March 5 at a {company} site on the edge of {city}.",
        ],
        None,
        True,
    ),
    (
        [
            "At least {n} workers were killed in the fire, {official} said.",
            "The blaze killed {n} employees, according to {official}.",
            "{official} said {n} people died at the plant.",
        ],
        Slot(12, None, "worker"),
        False,
    ),
    (
        [
            "{n} people were taken to hospital with burns.",
            "Hospitals in {city} treated {n} injured workers.",
            "Some {n} people were injured, {agency} said.",
        ],
        Slot(40, None, "people"),
        False,
    ),
    (
        [
            "Firefighters needed nine hours to bring the blaze under control.",
            "It took {agency} nine hours to put out the fire.",
            "Crews fought the flames for nine hours before they were out.",
        ],
        None,
        False,
    ),
    (
        [
            "Damage to the plant is estimated at ${n} million.",
            "The company put the cost of the damage at ${n} million.",
            "Insurers estimate ${n} million in losses at the factory.",
        ],
        Slot(85, "USD", None),
        False,
    ),
    (
        [
            "{company} said it had suspended production at all its sites.",
            "Production at every {company} site has been halted, the firm said.",
            "The chemical maker stopped work at all of its plants.",
        ],
        None,
        False,
    ),
    (
        [
            "Residents within {n} kilometres were told to keep their windows shut.",
            "People living within {n} km of the plant were asked to stay indoors.",
            "Authorities warned households within {n} km to close their windows.",
        ],
        Slot(3, "km", None),
        False,
    ),
    (
        [
            "Prosecutors in {city} have opened an investigation into the cause of the fire.",
            "An inquiry into what started the blaze has been opened by prosecutors.",
            "{city} prosecutors launched a criminal investigation on March 6.",
        ],
        None,
        True,
    ),
    (
        [
            "The plant employs about {n} people and makes industrial solvents.",
            "Around {n} staff work at the factory, which produces solvents.",
            "The solvent factory has a workforce of roughly {n}.",
        ],
        Slot(600, None, "people"),
        False,
    ),
    (
        [
            "{official}, the regional governor, visited the site on March 6.",
            "Governor {official} toured the damaged plant on March 6.",
            "On March 6 {official} came to see the ruins of the factory.",
        ],
        None,
        True,
    ),
    (
        [
            "The plant had failed a safety inspection in {n}.",
            "Inspectors found safety breaches at the site in {n}.",
            "A {n} inspection flagged fire-safety problems at the factory.",
        ],
        Slot(2021, None, None),
        False,
    ),
    (
        [
            "Shares in {company} fell {n}% on Wednesday.",
            "{company} stock dropped {n} percent after the fire.",
            "Investors sent {company} shares down {n}%.",
        ],
        Slot(14, "%", None),
        False,
    ),
]
# How often each fact is reported: the first ones by nearly everyone, the last by few.
POPULARITY = [0.95, 0.9, 0.7, 0.5, 0.5, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1]
_SYLLABLES = "ka lo mi ren dus tor bel an vi sor gal pem fi rud os tan mer li zo har".split()
_BACKGROUND = [
    "{person}, who lives on {street}, said she heard a loud bang around noon.",
    "{person} runs a bakery on {street} and closed it for the day.",
    "Smoke could be seen from {place}, {person} said.",
    "{person}, a retired teacher, said the plant had worried neighbours for years.",
    "Traffic on {street} was diverted towards {place} for the afternoon.",
]


def _word(rng: random.Random, parts: int = 3) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _render(rng: random.Random, fact: int) -> tuple[str, float | None]:
    """Return one paraphrase of a fact and the figure value it states."""
    phrases, slot, _ = FACTS[fact]
    value = None if slot is None else slot.value
    if value is not None and rng.random() < 0.08:
        value = round(value * rng.choice([0.5, 1.5, 2.0]))  # a rival figure: a conflict
    text = rng.choice(phrases).format(
        n=f"{value:g}" if value is not None else "",
        company=COMPANY,
        city=CITY,
        official=OFFICIAL,
        agency=AGENCY,
    )
    return text[0].upper() + text[1:], value


def _claim(article_id: str, start: int, text: str, fact: int | None, value: float | None) -> Claim:
    span = Span(article_id, start, start + len(text))
    words = re.findall(r"[A-Za-z]+", text)
    names = [n for n in (COMPANY, CITY, OFFICIAL) if n in text]
    name_words = {w for n in names for w in n.split()}
    keywords = sorted({w.lower() for w in words if w.lower() not in _STOP and w not in name_words})
    figures: tuple[Figure, ...] = ()
    if fact is not None and value is not None and FACTS[fact][1] is not None:
        slot = FACTS[fact][1]
        assert slot is not None
        found = re.search(r"\d[\d,.]*", text)
        fig_span = Span(article_id, start + found.start(), start + found.end()) if found else span
        figures = (
            Figure(
                fig_span,
                text[found.start() : found.end()] if found else "",
                value,
                slot.unit,
                slot.counts,
            ),
        )
    times: tuple[TimeExpr, ...] = ()
    dated = re.search(r"March \d", text)
    if dated:
        day = f"2024-03-0{dated.group(0)[-1]}"
        times = (
            TimeExpr(
                Span(article_id, start + dated.start(), start + dated.end()),
                dated.group(0),
                day,
                "date",
            ),
        )
    return Claim(
        id=content_id(article_id, str(start), prefix="c"),
        span=span,
        text=text,
        entities=tuple(sorted(name_key(n) for n in names)),
        predicate=None,
        keywords=tuple(keywords),
        figures=figures,
        times=times,
        attribution=OFFICIAL if "said" in text and OFFICIAL in text else None,
        clause=span,
    )


def make_story(n_articles: int, seed: int = 0) -> list[Doc]:
    """Return n synthetic articles about one event, with their claims."""
    rng = random.Random(seed)
    docs = []
    for k in range(n_articles):
        chosen = [f for f, p in enumerate(POPULARITY) if rng.random() < p]
        sentences: list[tuple[str, int | None, float | None]] = []
        for fact in chosen:
            text, value = _render(rng, fact)
            sentences.append((text, fact, value))
        for _ in range(rng.randint(3, 7)):
            line = rng.choice(_BACKGROUND).format(
                person=f"{_word(rng, 2)} {_word(rng)}",
                street=f"{_word(rng)} Street",
                place=_word(rng),
            )
            sentences.append((line, None, None))
        rng.shuffle(sentences)
        text = "\n".join(s for s, _, _ in sentences)
        article_id = content_id(str(seed), str(k), text, prefix="a")
        claims, at = [], 0
        for sentence, fact, value in sentences:
            claims.append(_claim(article_id, at, sentence, fact, value))
            at += len(sentence) + 1
        article = Article(
            id=article_id,
            text=text,
            title=f"Article {k}",
            source=f"outlet{k}",
            published=f"2024-03-0{5 + k % 3}",
        )
        docs.append(Doc(article=article, claims=tuple(claims)))
    return docs
