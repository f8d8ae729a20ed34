"""Name keys: the form two spellings of one name share (no case, accents, titles or 's)."""

from __future__ import annotations

import unicodedata

_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "drs", "prof", "president", "prime", "minister", "chancellor", "king",
    "queen", "prince", "general", "gen", "lt", "col", "sir", "lord", "chairman", "secretary",
    "senator", "sen", "rep", "governor", "gov", "mayor", "judge", "captain", "capt", "admiral",
    "former", "director", "sheriff", "rabbi", "reverend", "rev", "comedian", "comedienne",
    "detective", "sergeant", "sgt", "spokesman", "spokeswoman", "lawyer",
})  # fmt: skip
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
#: Articles a name may open with in the other languages storyline reads (`el Nasdaq`,
#: `het Witte Huis`, `l'UAW`); English `the` is dropped from every key.
_ARTICLES = frozenset({
    "el", "la", "los", "las", "il", "lo", "gli", "l'", "le", "les", "de", "het", "der", "die",
    "das",
})  # fmt: skip
#: Legal-form words a company name may end with (`Apple Inc.`, `Fiat Group SpA`).
_LEGAL_FORMS = frozenset({
    "inc", "corp", "corporation", "co", "company", "llc", "ltd", "plc", "spa", "nv", "ag", "sa",
    "gmbh", "group", "holdings",
})  # fmt: skip


def name_key(name: str) -> str:
    """Return the key two spellings of one name share: no case, accents, titles, `the` or 's.

    An elided Italian or French article is its own word (`L'UAW` gives `l' uaw`), so that
    `bare_name` can see it.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.translate(_APOSTROPHES).replace("'s", "").replace(".", " ")
    words = [w for w in plain.lower().replace("-", " ").split() if w]
    if words and words[0].startswith("l'") and len(words[0]) > 2:
        words[:1] = ["l'", words[0][2:]]
    while words and (words[0] in _TITLES or words[0] == "the"):
        words = words[1:]
    return " ".join(words)


def bare_name(key: str) -> str:
    """Return a name key without a leading article of another language or a legal form.

    `el nasdaq` and `apple inc` give `nasdaq` and `apple`; a key that is nothing else is
    returned as it is. Whether the bare and the full name are one thing is for the caller
    to decide (`Walt Disney Co.` is not `Walt Disney`).
    """
    words = key.split()
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words = words[:-1]
    return " ".join(words)


# Spelling families that transliterations and other languages swap for one another.
_SOUND_SWAPS = (
    ("tsch", "ch"), ("sch", "sh"), ("x", "ks"), ("ph", "f"), ("ck", "k"), ("q", "k"),
    ("w", "v"), ("z", "s"), ("g", "k"), ("j", "y"),
)  # fmt: skip
_VOWELS = frozenset("aeiouy")
#: Words that acronyms skip ("International Atomic Energy Agency" -> IAEA).
_ACRONYM_SKIP = frozenset({"of", "the", "for", "and", "on", "in", "de", "du", "des", "la", "le"})


def skeleton(word: str) -> str:
    """Return a word's consonant skeleton: the part transliterations of a name keep.

    `navalny`, `nawalny` and `navalnyy` give `nvln`; `gaddafi`, `qaddafi` and `kadhafi` give
    `kdf`; an initial vowel is kept as `a` so `osama` and `usama` both give `asm`.
    """
    w = word.lower()
    for a, b in _SOUND_SWAPS:
        w = w.replace(a, b)
    w = "".join(c for i, c in enumerate(w) if c != "h" or i == 0 or w[i - 1] in _VOWELS)
    w = "".join(c for c in w if c.isalpha())
    if not w:
        return ""
    head = "a" if w[0] in _VOWELS else w[0]
    body = [c for c in w[1:] if c not in _VOWELS]
    out = head
    for c in body:
        if c != out[-1]:
            out += c
    return out


def name_skeleton(key: str) -> tuple[str, ...]:
    """Return the skeleton of every word of a name key."""
    return tuple(skeleton(w) for w in key.split())


def acronym(key: str) -> str:
    """Return the initials of a multi-word name key, skipping small words."""
    words = [w for w in key.split() if w not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def is_acronym(surface: str) -> bool:
    """Tell whether a surface form is written as an acronym (`IAEA`, `U.N.`)."""
    letters = surface.replace(".", "").strip()
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


_COUNTRY_LANGUAGES = ("de", "es", "it", "nl", "fr", "pt")


def country_code(key: str) -> str | None:
    """Return the ISO 3166 alpha-3 code of a country name in English or a few other languages."""
    return _country_names().get(key)


def _country_names() -> dict[str, str]:
    global _COUNTRIES
    if _COUNTRIES is None:
        _COUNTRIES = _load_countries()
    return _COUNTRIES


_COUNTRIES: dict[str, str] | None = None


def _load_countries() -> dict[str, str]:
    """Map name keys of every country (its names and their translations) to its code."""
    try:
        import gettext

        import pycountry
    except ImportError:  # the knowledge is optional; without it only spellings are compared
        return {}
    translators = []
    for lang in _COUNTRY_LANGUAGES:
        try:
            translators.append(
                gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
            )
        except OSError:
            continue
    names: dict[str, str] = {}
    for country in pycountry.countries:
        forms = {getattr(country, attr, None) for attr in ("name", "official_name", "common_name")}
        for form in [f for f in forms if f]:
            for variant in (form, *(t.gettext(form) for t in translators)):
                key = name_key(variant.split(",")[0])
                if key:
                    names.setdefault(key, country.alpha_3)
        # Codes as headlines write them: "USA", "U.S." (the key of "U.S." is "u s").
        names.setdefault(country.alpha_3.lower(), country.alpha_3)
        names.setdefault(" ".join(country.alpha_2.lower()), country.alpha_3)
    return names
