"""Read NewsWCL50's CoNLL token file (`coref/newswcl50/NewsWCL50.conll`).

NewsWCL50 (Hamborg et al. 2019): five outlets' articles, from left to right, on each of 10
events of spring 2018, one token per line: document, sentence, token number, word and the
coreference brackets of the concepts the token belongs to (`(0_USA_Trump_ACTOR`, `-`).
The clustering eval rebuilds the articles from it, the coreference eval the person chains.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from evals import DatasetError

NEWSWCL_FILE = "NewsWCL50.conll"


@dataclass(frozen=True, slots=True)
class Token:
    """One token line: its document (`3/-/3_L`), sentence, place in it, word and brackets."""

    doc: str
    sentence: int
    number: int
    word: str
    brackets: str


def read_tokens(folder: Path) -> Iterator[Token]:
    """Yield every token of the file, in order; a malformed line is a `DatasetError`."""
    path = folder / NEWSWCL_FILE
    if not path.is_file():
        raise DatasetError(f"no {NEWSWCL_FILE} in {folder}")
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or not cols[1].isdigit() or not cols[2].isdigit():
                raise DatasetError(f"{path.name}:{number}: not a CoNLL token line")
            brackets = cols[4] if len(cols) > 4 else "-"
            yield Token(cols[0], int(cols[1]), int(cols[2]), cols[3], brackets)
