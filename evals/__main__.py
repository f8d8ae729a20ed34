"""Run storyline's evaluations: one by name, all as a scoreboard, or all as a floor gate.

python -m evals NAME [--data DIR]   run one eval; the last line is its metrics as JSON
python -m evals                     run every eval and print a scoreboard
python -m evals --gate              run every eval and fail when a metric is below its floor
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from evals import DatasetError, Metrics, resolve_data

FLOORS_PATH = Path(__file__).resolve().parent / "floors.json"
EXIT_BELOW_FLOOR = 1
EXIT_SETUP = 2


@dataclass(frozen=True, slots=True)
class Anchor:
    """A published score for another system on the same dataset."""

    system: str
    version: str
    metrics: Mapping[str, float]


@dataclass(frozen=True, slots=True)
class EvalSpec:
    """How to run one eval and what to print beside its numbers."""

    module: str  # imported only when run, so one eval never pays for another's dependencies
    subpath: str  # dataset folder under the shared data root
    title: str
    columns: tuple[str, ...]  # metrics shown in the scoreboard, in order
    anchors: tuple[Anchor, ...] = ()
    # Rows measured in the same run under a metric-name prefix: (label, prefix).
    same_run: tuple[tuple[str, str], ...] = ()
    # Needs software the project does not install by default: run by name only, never by
    # `python -m evals` or the gate.
    optional: bool = False


def _prf(f1: float, precision: float, recall: float, accuracy: float) -> dict[str, float]:
    """Return an anchor's metrics keyed the way our evals name them."""
    return {"f1": f1, "precision": precision, "recall": recall, "accuracy": accuracy}


# Anchors for `extraction` come from the benchmark README, https://github.com/scrapinghub/
# article-extraction-benchmark#results: "Results of the latest evaluation" (trafilatura,
# readability_js), "Results of the previous evaluation that did not re-run" (newspaper4k,
# news_please, readability-lxml) and "Results of the initial evaluation, done in November
# 2019" (AutoExtract, Zyte's commercial service). trafilatura's own docs only link there.
EXTRACTION_ANCHORS = (
    Anchor("trafilatura", "2.0.0", _prf(0.958, 0.938, 0.978, 0.293)),
    Anchor("newspaper4k", "0.9.3.1", _prf(0.949, 0.964, 0.934, 0.326)),
    Anchor("news-please", "1.6.16", _prf(0.948, 0.964, 0.933, 0.326)),
    Anchor("Readability.js", "0.6.0", _prf(0.947, 0.914, 0.982, 0.166)),
    Anchor("readability-lxml", "0.8.4.1", _prf(0.922, 0.913, 0.931, 0.315)),
    Anchor("AutoExtract", "Nov 2019", _prf(0.970, 0.984, 0.956, 0.470)),
)

# Citron (BBC R&D) model en_2021-11-15 on the PARC 3.0 test split, from its model card,
# https://github.com/bbc/citron/blob/main/models/en_2021-11-15/README.md ("Overall
# Performance"). A different corpus from ours (PARC 3.0, WSJ), scored by the same rules.
CITRON_ANCHOR = Anchor(
    "Citron (PARC 3.0 test)",
    "en_2021-11-15",
    {"cue_exact_f1": 0.823, "source_exact_f1": 0.820, "content_exact_f1": 0.593,
     "content_overlap_f1": 0.833},
)  # fmt: skip
# Barhom et al. 2019, "Revisiting Joint Modeling of Cross-document Entity and Event
# Coreference Resolution" (ACL), ECB+ test topics, gold mentions, all entity mentions
# (not only names): CoNLL F1 70.9 for entities.
BARHOM_ANCHOR = Anchor(
    "Barhom et al. 2019 (ECB+ test, all entities)", "ACL 2019", {"conll_f1": 0.709}
)
# No published score exists for automatic coding of the PLOVER gold records: our numbers
# become the reference. Giveme5W1H (Hamborg et al., 2019, "Giveme5W1H: A Universal System
# for Extracting Main Events from News Articles") reports precision 0.82 on who, what, when
# and where, judged by people on its own gold set; ours is an automatic match (see
# evals/five_w1h.py), so the two are comparable only loosely.
FIVE_W1H_ANCHORS = (Anchor("Giveme5W1H (human-judged)", "2019", {"precision_4w": 0.82}),)
# Anchors for `tempeval`: Task A value F1 on the TempEval-3 platinum test set, from the TE3
# overview (UzZaman et al., 2013, SemEval-2013 Task 1), as given with the task: HeidelTime
# 77.61, SUTime 67.38. The paper's other columns could not be checked offline, so only value
# F1 is listed. They were
# measured on the platinum set, which is not in the shared data: our numbers are on a held-out
# fifth of TBAQ-cleaned (TE3's training data), so the comparison is indicative only.
TEMPEVAL_ANCHORS = (
    Anchor("HeidelTime", "TE3 platinum", {"value_f1": 0.7761}),
    Anchor("SUTime", "TE3 platinum", {"value_f1": 0.6738}),
)
# FNC-1 competition test set, official score as a percentage of the maximum: SOLAT in the
# SWEN (Talos Intelligence) won with 82.02 and UCL Machine Reading came third with 81.72
# (Riedel et al. 2017, "A simple but tough-to-beat baseline for the Fake News Challenge
# stance detection task", arXiv:1707.03264). Both were trained on the FNC-1 train set; ours
# is untrained, so the comparison is indicative only.
FNC1_ANCHORS = (
    Anchor("SOLAT in the SWEN (FNC-1 winner, trained)", "2017", {"fnc_score": 82.02}),
    Anchor("UCL Machine Reading (Riedel et al., trained)", "2017", {"fnc_score": 81.72}),
)

REGISTRY: dict[str, EvalSpec] = {
    "extraction": EvalSpec(
        module="evals.extraction",
        subpath="extraction/scrapinghub",
        title="HTML extraction (scrapinghub article-extraction-benchmark)",
        columns=("f1", "precision", "recall", "accuracy"),
        anchors=EXTRACTION_ANCHORS,
        same_run=(
            ("trafilatura.extract defaults", "baseline_trafilatura"),
            ("trafilatura, benchmark's call", "benchmark_trafilatura"),
        ),
    ),
    "quotes": EvalSpec(
        module="evals.quotes",
        subpath="quotes/polnear",
        title="Quotes: speaker, cue and content (PolNeAR dev; rules + opt-in attributions.v1)",
        columns=("cue_exact_f1", "source_exact_f1", "content_exact_f1", "content_overlap_f1"),
        anchors=(CITRON_ANCHOR,),
        same_run=(("quotes.v1 alone (rules, speech only)", "rules"),),
    ),
    "coref_meantime": EvalSpec(
        module="evals.coref",
        subpath="coref/meantime",
        title="Named-entity coreference across documents (MEANTIME, gold mentions)",
        columns=(
            "muc_f1",
            "b3_f1",
            "ceafe_f1",
            "conll_f1",
            "crosslingual_conll_f1",
            "heldout_conll_f1",
            "heldout_crosslingual_conll_f1",
        ),
        anchors=(BARHOM_ANCHOR,),
    ),
    "coref_ecbplus": EvalSpec(
        module="evals.coref",
        subpath="coref/ecbplus",
        title="Named-entity coreference across documents (ECB+ topics 1-35, gold mentions)",
        columns=("muc_f1", "b3_f1", "ceafe_f1", "conll_f1"),
        anchors=(BARHOM_ANCHOR,),
    ),
    "coref_newswcl": EvalSpec(
        module="evals.coref",
        subpath="coref/newswcl50",
        title="People across five outlets' articles (NewsWCL50 person chains, named mentions)",
        columns=("muc_f1", "b3_f1", "ceafe_f1", "conll_f1"),
    ),
    "ner": EvalSpec(
        module="evals.ner",
        subpath="ner/conll2003",
        title="NER sanity check (CoNLL-2003 English test, OntoNotes labels mapped)",
        columns=(
            "f1",
            "precision",
            "recall",
            "per_f1",
            "org_f1",
            "loc_f1",
            "misc_f1",
            "doc_f1_heldout",
            "typed_f1_heldout",
        ),
    ),
    "plover": EvalSpec(
        module="evals.plover",
        subpath="events/plover",
        title="PLOVER gold records, test split (event type, actor codes)",
        columns=("type_accuracy", "type_macro_f1", "source_code_accuracy", "target_code_accuracy"),
    ),
    "five_w1h": EvalSpec(
        module="evals.five_w1h",
        subpath="5w1h/giveme5w1h-gold",
        title="Giveme5W1H gold, test split (5W1H phrases matched)",
        columns=(
            "precision_4w",
            "precision_who",
            "precision_what",
            "precision_when",
            "precision_where",
            "precision_why",
            "precision_how",
        ),
        anchors=FIVE_W1H_ANCHORS,
    ),
    "tempeval": EvalSpec(
        module="evals.tempeval",
        subpath="time/tempeval3/TBAQ-cleaned",
        title="TempEval-3 Task A timexes (TBAQ-cleaned, held-out fifth; anchors: platinum set)",
        columns=("value_f1", "type_f1", "relaxed_f1", "strict_f1"),
        anchors=TEMPEVAL_ANCHORS,
        same_run=(
            ("storyline on the development part", "dev"),
            ("spaCy DATE/TIME + dateparser", "baseline"),
        ),
    ),
    "tempeval_heideltime": EvalSpec(
        module="evals.heideltime",
        subpath="time/tempeval3/TBAQ-cleaned",
        title="TempEval-3 Task A timexes: storyline and HeidelTime 2.2.1 run here (TBAQ)",
        columns=("value_f1", "type_f1", "relaxed_f1", "strict_f1"),
        anchors=TEMPEVAL_ANCHORS,
        same_run=(
            ("HeidelTime on the same held-out fifth", "heideltime"),
            ("storyline on the development part (tuned on)", "dev"),
            ("HeidelTime on the development part", "heideltime_dev"),
        ),
        optional=True,
    ),
    "when": EvalSpec(
        module="evals.when",
        subpath="5w1h/giveme5w1h-gold",
        title="Giveme5W1H gold: main-event date (when) matches the parsed gold date",
        columns=("accuracy",),
        same_run=(("baseline: publication date", "baseline_publication"),),
    ),
    # No published system scores this task (our construction from ECB+ annotations); the
    # same-run "every pair same" row shows what the base rate alone gives.
    "reconcile_ecbplus": EvalSpec(
        module="evals.reconcile",
        subpath="coref/ecbplus",
        title="Reconciliation: claim matching and status (ECB+ test topics, even numbers)",
        columns=(
            "pair_f1",
            "pair_precision",
            "pair_recall",
            "clear_pair_f1",
            "status_macro_f1",
            "corroborated_recall",
        ),
        same_run=(("every pair 'same'", "baseline_all_same"),),
    ),
    "fact_pairs": EvalSpec(
        module="evals.fact_pairs",
        subpath="clustering/giveme5w1h-news_cluster",
        title="Fact grouping: sentences of one fact that state the same thing (giveme5w1h)",
        columns=("precision", "same_kept", "labelled_found", "grouped_pairs", "grouped_labelled"),
        same_run=(("development events", "dev"),),
    ),
    "stance_fnc1": EvalSpec(
        module="evals.stance",
        subpath="stance/fnc1",
        title="Stance, untrained (FNC-1 competition test, odd Body IDs)",
        columns=(
            "fnc_score",
            "macro_f1",
            "agree_f1",
            "disagree_f1",
            "discuss_f1",
            "unrelated_f1",
        ),
        anchors=FNC1_ANCHORS,
        same_run=(("all 'unrelated'", "baseline_unrelated"),),
    ),
}

# Miranda, Znotins, Cohen and Barzdins, "Multilingual Clustering of Streaming News", EMNLP
# 2018 (https://aclanthology.org/D18-1483): about 0.94 F1 on their own English news stream.
# Different data and a different clustering metric: a reference point, not a like-for-like row.
MIRANDA_2018 = Anchor("Miranda et al. (own stream, different data)", "EMNLP 2018", {"f1": 0.94})
_CLUSTER_COLUMNS = ("f1", "precision", "recall", "pairwise_f1")
_CLUSTER_RUNS = (("development half", "dev"), ("all documents together", "all"))


def _clustering(subpath: str, events: str, extra: tuple[tuple[str, str], ...] = ()) -> EvalSpec:
    """Return the spec of a story-clustering eval (one module, one set of columns)."""
    return EvalSpec(
        module="evals.clustering",
        subpath=subpath,
        title=f"story clustering, {events} (BCubed; held-out half)",
        columns=_CLUSTER_COLUMNS,
        anchors=(MIRANDA_2018,),
        same_run=(*_CLUSTER_RUNS, *extra),
    )


REGISTRY.update(
    {
        "clustering-giveme": _clustering(
            "clustering/giveme5w1h-news_cluster", "giveme5w1h-news_cluster events"
        ),
        "clustering-ecbplus": _clustering(
            "coref/ecbplus",
            "ECB+ seminal events",
            (("held-out half against ECB+ topics", "topic"),),
        ),
        "clustering-newswcl": _clustering("coref/newswcl50", "NewsWCL50 events"),
        "copies": EvalSpec(
            module="evals.nearcopies",
            subpath="clustering/giveme5w1h-news_cluster",
            title="near-duplicates: syndicated copies made from real articles (pairwise)",
            columns=("f1", "precision", "recall", "canonical_accuracy"),
            same_run=(("streaming CopyDetector, MinHash estimates only", "lsh"),),
        ),
    }
)


class SetupError(Exception):
    """The floors file is missing or malformed."""


def run_eval(name: str, data: str | Path | None = None) -> Metrics:
    """Run one registered eval on its dataset folder and return its metrics."""
    spec = REGISTRY[name]
    folder = resolve_data(spec.subpath, data)
    module = importlib.import_module(spec.module)
    runner: Callable[[Path], Metrics] = module.run
    return runner(folder)


def _cell(value: float | int | None) -> str:
    """Format one scoreboard number, or a dash when the row does not report it."""
    return "-" if value is None else f"{value:.3f}"


def scoreboard(name: str, metrics: Metrics) -> list[str]:
    """Return the lines of one eval's table: ours, same-run comparisons, then published anchors."""
    spec = REGISTRY[name]
    rows: list[tuple[str, list[float | int | None]]] = [
        ("storyline (this run)", [metrics.get(col) for col in spec.columns])
    ]
    for label, prefix in spec.same_run:
        rows.append((f"{label} (this run)", [metrics.get(f"{prefix}_{c}") for c in spec.columns]))
    for anchor in spec.anchors:
        label = f"{anchor.system} {anchor.version} (published)"
        rows.append((label, [anchor.metrics.get(col) for col in spec.columns]))
    width = max(len(label) for label, _ in rows) + 2
    pages = metrics.get("pages")
    lines = [f"{name}: {spec.title}" + (f", {pages} pages" if pages is not None else "")]
    # A column is as wide as its name, so long metric names stay apart.
    cols = [max(11, len(col) + 2) for col in spec.columns]
    header = "".join(c.rjust(w) for c, w in zip(spec.columns, cols, strict=True))
    lines.append("  " + "system".ljust(width) + header)
    for label, values in rows:
        cells = "".join(_cell(v).rjust(w) for v, w in zip(values, cols, strict=True))
        lines.append("  " + label.ljust(width) + cells)
    return lines


def load_floors(path: Path) -> dict[str, dict[str, float]]:
    """Read the floors file: {"eval": {"metric": floor}}."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SetupError(f"cannot read floors file {path}: {exc}") from exc
    shape_ok = isinstance(raw, dict) and all(
        isinstance(floors, dict)
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in floors.values())
        for floors in raw.values()
    )
    if not shape_ok:
        raise SetupError(f'floors file {path} must look like {{"eval": {{"metric": 0.9}}}}')
    return {name: {k: float(v) for k, v in floors.items()} for name, floors in raw.items()}


def check_floors(
    results: Mapping[str, Metrics], floors: Mapping[str, Mapping[str, float]]
) -> list[str]:
    """Return one line per floor, starting with "ok" when met and "FAIL" when not."""
    lines = []
    for name, metric_floors in floors.items():
        if name not in results:
            lines.append(f"FAIL {name}: no such eval was run (known: {', '.join(REGISTRY)})")
            continue
        for metric, floor in metric_floors.items():
            value = results[name].get(metric)
            if value is None:
                lines.append(f"FAIL {name}.{metric}: not reported (floor {floor})")
            elif value < floor:
                lines.append(f"FAIL {name}.{metric} = {value} is below its floor {floor}")
            else:
                lines.append(f"ok   {name}.{metric} = {value} (floor {floor})")
    return lines


def run_all() -> dict[str, Metrics]:
    """Run every registered eval on its default dataset and print its scoreboard."""
    results = {}
    for i, name in enumerate(n for n, spec in REGISTRY.items() if not spec.optional):
        results[name] = run_eval(name)
        # Print each table as soon as it is ready; later evals may take a while.
        print(("\n" if i else "") + "\n".join(scoreboard(name, results[name])), flush=True)
    return results


def gate(floors_path: Path) -> int:
    """Run every eval, print each floor check, and return non-zero when any floor is missed."""
    floors = load_floors(floors_path)
    lines = check_floors(run_all(), floors)
    print("\n".join(lines))
    failed = sum(1 for line in lines if line.startswith("FAIL"))
    if failed:
        print(f"gate: FAILED, {failed} of {len(lines)} floors not met ({floors_path})")
        return EXIT_BELOW_FLOOR
    print(f"gate: passed, {len(lines)} floors met ({floors_path})")
    return 0


def _parser() -> argparse.ArgumentParser:
    """Build the command-line parser."""
    parser = argparse.ArgumentParser(prog="python -m evals", description=__doc__.split("\n")[0])
    parser.add_argument(
        "name", nargs="?", choices=[*REGISTRY, "gate"], help="eval to run, or 'gate'"
    )
    parser.add_argument("--data", metavar="DIR", help="dataset folder for NAME")
    parser.add_argument("--gate", action="store_true", help="run all evals and check floors")
    parser.add_argument(
        "--floors", metavar="FILE", type=Path, default=FLOORS_PATH, help="floors JSON file"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, run what they ask for and return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    gating = args.gate or args.name == "gate"
    if args.data is not None and (args.name is None or gating):
        parser.error("--data needs an eval NAME")
    if args.gate and args.name not in (None, "gate"):
        parser.error("--gate runs every eval; do not also give NAME")
    try:
        if gating:
            return gate(args.floors)
        if args.name is None:
            results = run_all()
            print(json.dumps(results))
            return 0
        metrics = run_eval(args.name, args.data)
        print("\n".join(scoreboard(args.name, metrics)))
        print(json.dumps(metrics))
        return 0
    except (DatasetError, SetupError) as exc:
        print(f"evals: error: {exc}", file=sys.stderr)
        return EXIT_SETUP


if __name__ == "__main__":
    sys.exit(main())
