"""A learned tagger for attribution parts: each token is cue, source, content or none.

A linear-chain CRF (python-crfsuite) over features of storyline's own parse, trained on the
train split of PolNeAR by `python -m evals.train_quotes`. The rules find reported speech with
high precision; the tagger adds the attributions they miss (belief and intention verbs,
nominal cues, unusual verbs), whose source and content the rule machinery then builds.
The tags are BIO over three roles: `B-CUE`, `I-CUE`, `B-SOURCE`, ..., `O`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from storyline.errors import ModelError
from storyline.stages.quotes.marks import find_passages
from storyline.stages.quotes.syntax import Parse

MODEL_FILE = "attribution.crfsuite"
#: Children whose presence tells a verb reports something: "said that", "wants to".
_CHILD_DEPS = frozenset({"ccomp", "xcomp", "nsubj", "dobj", "mark"})


def model_path() -> Path:
    """Return where the trained model lives inside the package."""
    return Path(str(resources.files("storyline.stages.quotes").joinpath(MODEL_FILE)))


# What the training eval may switch: another model file (one trained on part of train).
_settings: dict[str, Path | None] = {"path": None}


def use_model(path: Path | None) -> None:
    """Tag with the model at `path` instead of the package's (None: the package's)."""
    _settings["path"] = path
    _tagger.cache_clear()


@lru_cache(maxsize=1)
def _tagger() -> object:
    import pycrfsuite

    path = _settings["path"] or model_path()
    if not path.is_file():
        raise ModelError(
            f"the attribution tagger's model {path} is missing; reinstall storyline or "
            "train it with `python -m evals.train_quotes`"
        )
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def sentence_ranges(p: Parse) -> list[range]:
    """Return the token ranges of the doc's sentences (the whole doc when none are marked)."""
    if not p.doc.sentences:
        return [range(len(p.toks))]
    out = []
    for sent in p.doc.sentences:
        rng = p.tokens_in(sent.start, sent.end)
        if len(rng):
            out.append(rng)
    return out


def _quoted_tokens(p: Parse) -> set[int]:
    """Return the tokens inside quotation marks."""
    inside: set[int] = set()
    for passage in find_passages(p.text):
        for a, b in passage.parts:
            inside.update(p.tokens_in(a, b))
    return inside


def features(p: Parse) -> list[list[list[str]]]:
    """Return each sentence's token features, as crfsuite's lists of feature strings."""
    base, near = _token_features(p)
    lemmas = [tok.lemma.lower() for tok in p.toks]
    out = []
    for rng in sentence_ranges(p):
        first, last = rng.start, rng.stop - 1
        seq = []
        for i in rng:
            feats = base[i] + [f"-1ll={lemmas[i - 1]}|{lemmas[i]}" if i > first else "BOS"]
            if i < last:
                feats.append(f"1ll={lemmas[i + 1]}|{lemmas[i]}")
            else:
                feats.append("EOS")
            for off in (-2, -1, 1, 2):
                if first <= i + off <= last:
                    feats += near[i + off][off]
            seq.append(feats)
        out.append(seq)
    return out


def _token_features(p: Parse) -> tuple[list[list[str]], list[dict[int, list[str]]]]:
    """Return each token's own features, and what it gives its neighbours at each offset."""
    quoted = _quoted_tokens(p)
    toks = p.toks
    base: list[list[str]] = []
    near: list[dict[int, list[str]]] = []
    for i, tok in enumerate(toks):
        lemma = tok.lemma.lower()
        head = toks[tok.head] if 0 <= tok.head < len(toks) else tok
        head_lemma = head.lemma.lower()
        feats = [
            "l=" + lemma, "t=" + tok.tag, "d=" + tok.dep, "p=" + tok.pos, "hl=" + head_lemma,
            "hd=" + head.dep, "hp=" + head.pos, "dl=" + tok.dep + "|" + head_lemma, "e=" + tok.ent,
        ]  # fmt: skip
        if p.text[tok.start : tok.start + 1].isupper():
            feats.append("cap")
        if i in quoted:
            feats.append("q")
        for dep in {toks[c].dep for c in p.children[i]} & _CHILD_DEPS:
            feats.append("k=" + dep)
            feats.append("kl=" + dep + "|" + lemma)
        if tok.head < i:
            feats.append("hleft")
        base.append(feats)
        near.append({
            -2: [f"-2l={lemma}", f"-2t={tok.tag}"],
            2: [f"2l={lemma}", f"2t={tok.tag}"],
            -1: [f"-1l={lemma}", f"-1t={tok.tag}", f"-1d={tok.dep}"],
            1: [f"1l={lemma}", f"1t={tok.tag}", f"1d={tok.dep}"],
        })  # fmt: skip
    return base, near


def tag(p: Parse) -> tuple[list[str], dict[int, float]]:
    """Return one BIO tag per token of the doc, and how sure the tagger is of each cue tag."""
    tagger = _tagger()
    tags = ["O"] * len(p.toks)
    sure: dict[int, float] = {}
    for rng, seq in zip(sentence_ranges(p), features(p), strict=True):
        labels = tagger.tag(seq)  # type: ignore[attr-defined]
        for t, (i, label) in enumerate(zip(rng, labels, strict=True)):
            tags[i] = label
            if label.endswith("CUE"):
                sure[i] = tagger.marginal(label, t)  # type: ignore[attr-defined]
    return tags, sure


def spans(tags: list[str], role: str) -> list[tuple[int, int]]:
    """Return the runs of one role as (first, last) token indices."""
    out: list[tuple[int, int]] = []
    for i, label in enumerate(tags):
        if label == "B-" + role or (label == "I-" + role and not (out and out[-1][1] == i - 1)):
            out.append((i, i))
        elif label == "I-" + role:
            out[-1] = (out[-1][0], i)
    return out
