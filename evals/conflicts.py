"""List the conflicts of a brief for reading: no dataset labels conflicts, so people judge them.

python -m evals.conflicts BRIEF.json [--width 200]

Prints each conflict (story, slot, each value with its first sentence) and each quote group
whose outlets give the quote to different speakers, then one JSON line: the number of
conflicts, of conflicting facts and of facts, conflicts by kind, and the number of quote
groups and of those with a speaker conflict. Run it on
`storyline brief ../shared/data/clustering/giveme5w1h-news_cluster --out DIR` (DIR/brief.json)
to read what a folder of real stories yields; docs/EVALUATION.md has our reading of it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("brief", type=Path, help="a brief.json written by `storyline brief`")
    parser.add_argument("--width", type=int, default=200, help="characters of each sentence")
    args = parser.parse_args(argv)
    try:
        brief = json.loads(args.brief.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        print(f"cannot read {args.brief}: {err}", file=sys.stderr)
        return 2
    stories = brief.get("stories", [brief])
    kinds: Counter[str] = Counter()
    facts = conflicting = 0
    for story in stories:
        for fact in story.get("facts", []):
            facts += 1
            conflicting += bool(fact["conflicts"])
            for conflict in fact["conflicts"]:
                kinds[conflict["slot"].split(":")[0]] += 1
                print(f"#{sum(kinds.values())} [{conflict['slot']}] {story['title'][:60]}")
                for variant in conflict["variants"]:
                    first = variant["evidence"][0]["text"] if variant["evidence"] else ""
                    print(f"    = {variant['value']}: {first[: args.width]}")
    groups, disputed = _speaker_conflicts(stories, args.width)
    summary = {
        "conflicts": sum(kinds.values()),
        "conflicting_facts": conflicting,
        "facts": facts,
        "by_kind": dict(sorted(kinds.items())),
        "quote_groups": groups,
        "speaker_conflicts": disputed,
    }
    print(json.dumps(summary))
    return 0


def _speaker_conflicts(stories: list[dict[str, Any]], width: int) -> tuple[int, int]:
    """Print each quote group flagged as a speaker conflict; return (groups, flagged)."""
    groups: set[str] = set()
    flagged: dict[str, list[dict[str, Any]]] = {}
    for story in stories:
        names = {e["id"]: e["name"] for e in story.get("entities", [])}
        for quote in story.get("quotes", []):
            if quote.get("group"):
                groups.add(quote["group"])
            if quote.get("speaker_conflict"):
                flagged.setdefault(quote["group"], []).append(quote)
        mine = {q["group"] for q in story.get("quotes", []) if q.get("speaker_conflict")}
        for group in sorted(mine):
            print(f"speaker conflict in {story['title'][:60]}")
            for quote in flagged[group]:
                who = names.get(quote["speaker_entity"], quote["speaker"])
                print(f"    {who} ({quote['cue']}): {quote['text'][:width]}")
    return len(groups), len(flagged)


if __name__ == "__main__":
    sys.exit(main())
