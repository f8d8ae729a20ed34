"""Story clustering at each setting of the speed/recall knob, on both datasets and all splits.

python -m evals.clusterknob       # prints BCubed F1 per effort (fast, balanced, thorough)
"""

from __future__ import annotations

import sys

from evals import resolve_data
from evals.clusterfit import DATASETS
from evals.clustering import load_items, process, score_split
from storyline.stories.cluster import DEFAULT_CONFIG


def main() -> int:
    """Score every effort level on each dataset's halves and on all of it."""
    for sub in DATASETS:
        name, items = load_items(resolve_data(sub))
        features = process(name, items)
        for effort in ("fast", "balanced", "thorough"):
            config = DEFAULT_CONFIG.with_effort(effort)
            scores = {
                s: score_split(items, features, s, config)["f1"] for s in ("test", "dev", "all")
            }
            print(f"{name} {effort}: " + ", ".join(f"{k} {v:.4f}" for k, v in scores.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
