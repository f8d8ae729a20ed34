"""Choose the numbers of `storyline.stories.matching` on the ECB+ dev topics.

python -m evals.reconcile_calibrate [--limit N]
    [--stage thresholds|weights|joint|posting|predicate]

Runs the `reconcile_ecbplus` scoring on the dev split (odd topics) once per setting, with
the setting patched into the module for that run only, and prints one JSON line per
setting. The test split is never read. The rule for picking a setting is in
docs/EVALUATION.md; this script only measures.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from itertools import product

from evals import resolve_data
from evals.reconcile import SUBPATH, prepare, score
from storyline.stories import matching

REPORTED = (
    "pair_precision",
    "pair_recall",
    "pair_f1",
    "clear_pair_precision",
    "clear_pair_recall",
    "clear_pair_f1",
    "corroborated_recall",
    "status_macro_f1",
    "facts",
)


@dataclass(frozen=True, slots=True)
class Setting:
    """One choice of matching's numbers."""

    weights: matching.Weights = field(default_factory=matching.Weights)
    match: float = matching.MATCH_THRESHOLD
    link: float = matching.LINK_THRESHOLD
    posting: int = matching.MAX_POSTING


@contextmanager
def patched(s: Setting) -> Iterator[None]:
    """Put a setting into the matching module for the duration of a block."""
    saved = (
        matching.similarity.__defaults__,
        matching.group_claims.__defaults__,
        matching.LINK_THRESHOLD,
        matching.MAX_POSTING,
    )
    group_defaults = matching.group_claims.__defaults__ or ()
    matching.similarity.__defaults__ = (s.weights,)
    matching.group_claims.__defaults__ = (s.match, *group_defaults[1:])
    matching.LINK_THRESHOLD, matching.MAX_POSTING = s.link, s.posting
    try:
        yield
    finally:
        (
            matching.similarity.__defaults__,
            matching.group_claims.__defaults__,
            matching.LINK_THRESHOLD,
            matching.MAX_POSTING,
        ) = saved


def grid(stage: str, base: Setting) -> list[Setting]:
    """Return the settings one calibration stage tries around a base setting."""
    if stage == "thresholds":
        return [
            Setting(base.weights, m, lk, base.posting)
            for m, lk in product(
                (0.25, 0.3, 0.35, 0.4, 0.45, 0.47, 0.5, 0.55, 0.6),
                (0.2, 0.25, 0.3, 0.35, 0.4, 0.45),
            )
        ]
    if stage == "weights":
        w = base.weights
        out = []
        for emb, words, fig in product((0.4, 0.5, 0.6, 0.7), (0.2, 0.35, 0.5), (0.2, 0.3)):
            weights = dataclasses.replace(w, embedding=emb, words=words, figure=fig)
            out.append(Setting(weights, base.match, base.link, base.posting))
        return out
    if stage == "joint":
        w = base.weights
        return [
            Setting(
                dataclasses.replace(w, embedding=emb, words=words),
                m,
                lk,
                base.posting,
            )
            for emb, words, m, lk in product(
                (0.4, 0.5), (0.35, 0.5), (0.4, 0.45, 0.47, 0.5), (0.3, 0.35, 0.4)
            )
        ]
    if stage == "predicate":
        return [
            Setting(dataclasses.replace(base.weights, predicate=wp), m, base.link, base.posting)
            for wp, m in product((0.0, 0.05, 0.1, 0.15), (0.40, 0.42, 0.45, 0.47))
        ]
    return [Setting(base.weights, base.match, base.link, p) for p in (5, 10, 20, 60, 200)]


def main(argv: Sequence[str] | None = None) -> int:
    """Score each setting of one stage on dev and print it with its metrics."""
    parser = argparse.ArgumentParser(prog="python -m evals.reconcile_calibrate")
    parser.add_argument("--data", metavar="DIR")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N dev stories")
    parser.add_argument(
        "--stage",
        choices=("thresholds", "weights", "joint", "posting", "predicate"),
        default="thresholds",
    )
    parser.add_argument("--match", type=float, default=matching.MATCH_THRESHOLD)
    parser.add_argument("--link", type=float, default=matching.LINK_THRESHOLD)
    args = parser.parse_args(argv)
    data = prepare(resolve_data(SUBPATH, args.data), "dev", args.limit, cache=True)
    base = Setting(match=args.match, link=args.link)
    for setting in grid(args.stage, base):
        with patched(setting):
            found = score(data)
        row = {"setting": asdict(setting), **{k: found[k] for k in REPORTED}}
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
