"""List the conflicts storyline flags in ECB+ stories, for reading (ECB+ labels no conflicts).

python -m evals.conflicts_ecbplus [--split dev|test|all] [--data DIR] [--width 200]

Each ECB+ story (one seminal event's articles, as `reconcile_ecbplus` builds them) is
reconciled as `storyline brief` reconciles a story; every conflict is printed with the
first sentence of each value, then one JSON line counts them by kind. ECB+ stories are
sports results, disasters and arrests told by many outlets: a second set of real stories,
beside the giveme5w1h brief (`python -m evals.conflicts`), to read false conflicts on.
docs/EVALUATION.md has our reading of both splits.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence

from evals import DatasetError, resolve_data
from evals.reconcile import SUBPATH, prepare
from storyline.stories.copies import find_copies
from storyline.stories.reconcile import reconcile


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--data", metavar="DIR")
    parser.add_argument("--width", type=int, default=200, help="characters of each sentence")
    args = parser.parse_args(argv)
    try:
        data = prepare(resolve_data(SUBPATH, args.data), args.split, None, cache=True)
    except DatasetError as err:
        print(err, file=sys.stderr)
        return 2
    kinds: Counter[str] = Counter()
    facts = 0
    for gold, docs in data.stories:
        found = reconcile(docs, find_copies([d.article for d in docs]), data.embedder)
        facts += len(found)
        for fact in found:
            for conflict in fact.conflicts:
                kinds[conflict.slot.split(":")[0]] += 1
                print(f"#{sum(kinds.values())} [{conflict.slot}] {gold[0].name}")
                for variant in conflict.variants:
                    first = variant.evidence[0].text if variant.evidence else ""
                    print(f"    = {variant.value}: {first[: args.width]}")
    data.embedder.save()
    summary = {
        "split": args.split,
        "stories": len(data.stories),
        "facts": facts,
        "conflicts": sum(kinds.values()),
        "by_kind": dict(sorted(kinds.items())),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
