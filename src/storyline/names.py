"""Name keys: the form two spellings of one name share (no case, accents, titles or 's)."""

from __future__ import annotations

import unicodedata

_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "drs", "prof", "president", "prime", "minister", "chancellor", "king",
    "queen", "prince", "general", "gen", "lt", "col", "sir", "lord", "chairman", "secretary",
    "senator", "sen", "rep", "governor", "gov", "mayor", "judge", "captain", "capt", "admiral",
})  # fmt: skip
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def name_key(name: str) -> str:
    """Return the key two spellings of one name share: no case, accents, titles or 's."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.translate(_APOSTROPHES).replace("'s", "").replace(".", " ")
    words = [w for w in plain.lower().replace("-", " ").split() if w]
    while words and (words[0] in _TITLES or words[0] == "the"):
        words = words[1:]
    return " ".join(words)
