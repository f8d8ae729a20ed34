"""Tests for the evaluation harness: scoring, runner convention, gate and dataset errors."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

import evals.__main__ as runner
from evals.extraction import (
    Page,
    aggregate,
    exact_match,
    match_counts,
    score,
    shingles,
)

REPO = Path(__file__).resolve().parent.parent

BODIES = [
    (
        "The city council voted on Tuesday to expand the harbour ferry service to three new "
        "stops, after months of complaints from commuters on the eastern shore.\n\n"
        "Council member Ana Ruiz said the new route would cut travel times by half for "
        "thousands of residents who currently depend on a single overcrowded bus line.\n\n"
        "The expansion is expected to cost twelve million dollars and to open next spring, "
        "pending approval from the regional transport authority."
    ),
    (
        "Researchers at the national weather institute reported that last month was the "
        "wettest October on record, with rainfall nearly double the long-term average.\n\n"
        "Flooding closed dozens of roads in the northern valleys, and farmers said the late "
        "harvest had been damaged in several districts across the region.\n\n"
        "The institute warned that similar extremes were becoming more frequent and urged "
        "local governments to update their drainage plans before next winter."
    ),
    (
        "A small publisher in the old town has won this year's national book prize for a "
        "debut novel about three generations of a fishing family on the northern coast.\n\n"
        "The judges praised the novel's quiet language and its careful portrait of a "
        "community slowly changing as younger people moved away to the cities.\n\n"
        "The author, a former schoolteacher, said she had written most of the book in the "
        "early mornings over a period of seven years before finding a publisher."
    ),
]


def _html(body: str) -> str:
    """Wrap an article body in a page with navigation and footer boilerplate."""
    paragraphs = "".join(f"<p>{para}</p>" for para in body.split("\n\n"))
    return (
        "<html><head><title>Local news</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/sport'>Sport</a> <a href='/weather'>Weather</a></nav>"
        f"<article><h1>Local news</h1>{paragraphs}</article>"
        "<footer>Copyright Example Media. All rights reserved. Contact us.</footer>"
        "</body></html>"
    )


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """Write a three-page dataset laid out like shared/data/extraction/scrapinghub."""
    folder = tmp_path / "extraction" / "scrapinghub"
    (folder / "html").mkdir(parents=True)
    truth = {}
    for i, body in enumerate(BODIES):
        page_id = f"page{i}"
        with gzip.open(folder / "html" / f"{page_id}.html.gz", "wt", encoding="utf-8") as fh:
            fh.write(_html(body))
        truth[page_id] = {"articleBody": body, "url": f"https://example.com/news/{page_id}"}
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


@pytest.fixture
def only_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limit the registry to `extraction` so later evals need no fixtures here."""
    monkeypatch.setattr(runner, "REGISTRY", {"extraction": runner.REGISTRY["extraction"]})


def _floors(tmp_path: Path, f1: float) -> Path:
    """Write a floors file holding one F1 floor for extraction."""
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"extraction": {"f1": f1}}), encoding="utf-8")
    return path


# --- scoring -----------------------------------------------------------------------------


def test_perfect_match_scores_one() -> None:
    text = "The quick brown fox jumps over the lazy dog."
    assert match_counts(text, text) == (1.0, 0.0, 0.0)
    assert aggregate([match_counts(text, text)]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_punctuation_and_whitespace_do_not_count() -> None:
    assert match_counts("Hello, world!\n\nIt rains.", "Hello world It rains") == (1.0, 0.0, 0.0)
    assert exact_match("Hello, world!", "Hello world") == 1.0
    assert exact_match("Hello world", "hello world") == 0.0


def test_short_text_is_one_shingle() -> None:
    assert shingles("two words") == {("two", "words"): 1}
    assert shingles("") == {}


def test_partial_overlap_matches_hand_computed_value() -> None:
    # truth shingles: (a b c d), (b c d e), (c d e f); prediction has the first two only,
    # so tp=2, fp=0, fn=1: precision 1, recall 2/3, F1 = 2 * 1 * 2/3 / (5/3) = 0.8.
    counts = match_counts("a b c d e f", "a b c d e")
    assert counts == pytest.approx((2 / 3, 0.0, 1 / 3))
    result = aggregate([counts])
    assert result["precision"] == pytest.approx(1.0)
    assert result["recall"] == pytest.approx(2 / 3)
    assert result["f1"] == pytest.approx(0.8)


def test_empty_prediction_counts_in_recall_but_not_precision() -> None:
    perfect = match_counts("a b c d e", "a b c d e")
    empty = match_counts("a b c d e", "")
    assert empty == (0.0, 0.0, 1.0)
    result = aggregate([perfect, empty])
    # Precision averages only the page that predicted something; recall averages both.
    assert result["precision"] == pytest.approx(1.0)
    assert result["recall"] == pytest.approx(0.5)
    assert result["f1"] == pytest.approx(2 / 3)


def test_score_reports_accuracy_over_all_pages() -> None:
    pages = [Page("a", "", None, "one two three four five"), Page("b", "", None, "six seven")]
    result = score(pages, ["one two three four five", "six"])
    assert result["accuracy"] == 0.5
    assert result["f1_std"] >= 0.0


# --- runner ------------------------------------------------------------------------------


def test_last_line_is_json_metrics(data_root: Path) -> None:
    folder = data_root / "extraction" / "scrapinghub"
    proc = subprocess.run(
        [sys.executable, "-m", "evals", "extraction", "--data", str(folder)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    metrics = json.loads(proc.stdout.strip().splitlines()[-1])
    assert metrics["pages"] == 3
    for key in ("f1", "precision", "recall", "accuracy", "baseline_trafilatura_f1"):
        assert 0.0 <= metrics[key] <= 1.0
    assert metrics["f1"] > 0.9
    assert "seconds" in metrics


def test_env_var_sets_data_root(
    data_root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STORYLINE_DATA", str(data_root))
    assert runner.main(["extraction"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["pages"] == 3


@pytest.mark.usefixtures("only_extraction")
def test_gate_fails_when_floor_is_above_score(
    data_root: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("STORYLINE_DATA", str(data_root))
    assert runner.main(["--gate", "--floors", str(_floors(tmp_path, 1.01))]) == 1
    out = capsys.readouterr().out
    assert "FAIL extraction.f1" in out
    assert out.splitlines()[-1].startswith("gate: FAILED")


@pytest.mark.usefixtures("only_extraction")
def test_gate_passes_when_floors_are_met(
    data_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYLINE_DATA", str(data_root))
    assert runner.main(["gate", "--floors", str(_floors(tmp_path, 0.5))]) == 0


def test_missing_dataset_is_one_line_error_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert runner.main(["extraction", "--data", str(tmp_path / "absent")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "dataset folder not found" in captured.err


def test_missing_default_dataset_names_the_env_var(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STORYLINE_DATA", str(tmp_path))
    assert runner.main(["extraction"]) == 2
    assert "STORYLINE_DATA" in capsys.readouterr().err


def test_missing_page_file_is_a_dataset_error(
    data_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = data_root / "extraction" / "scrapinghub"
    (folder / "html" / "page1.html.gz").unlink()
    assert runner.main(["extraction", "--data", str(folder)]) == 2
    assert "page1.html.gz" in capsys.readouterr().err


def test_check_floors_flags_unknown_eval_and_missing_metric() -> None:
    failures = runner.check_floors(
        {"extraction": {"f1": 0.9}}, {"extraction": {"recall": 0.5}, "nope": {"f1": 0.1}}
    )
    assert any("extraction.recall: not reported" in line for line in failures)
    assert any("nope: no such eval" in line for line in failures)


def test_malformed_floors_file_is_a_setup_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "floors.json"
    path.write_text('{"extraction": {"f1": "high"}}', encoding="utf-8")
    assert runner.main(["--gate", "--floors", str(path)]) == 2
    assert "floors file" in capsys.readouterr().err


def test_checked_in_floors_name_registered_evals() -> None:
    floors = runner.load_floors(runner.FLOORS_PATH)
    assert set(floors) <= set(runner.REGISTRY)


def test_coref_metrics_on_a_known_example() -> None:
    from evals.coref import b_cubed, ceaf_e, muc, score

    key = [{"a", "b", "c"}, {"d"}]
    resp = [{"a", "b"}, {"c", "d"}]
    assert muc(key, resp) == (1, 2)  # one link of two found
    num, den = b_cubed(key, resp)
    assert (num, den) == (2 * 2 / 3 + 1 / 3 + 1, 4)
    aligned, nk, nr = ceaf_e(key, resp)
    assert (round(aligned, 4), nk, nr) == (round(0.8 + 2 / 3, 4), 2, 2)
    perfect = score([({"a": "1", "b": "1"}, {"a": "x", "b": "x"})])
    assert perfect["conll_f1"] == 1.0


def test_newswcl_people_are_named_actor_mentions_only(tmp_path: Path) -> None:
    from evals.coref import load_newswcl

    rows = [  # (sentence, token, word, brackets)
        (0, 0, "President", "(0_USA_Trump_ACTOR"),
        (0, 1, "Trump", "0_USA_Trump_ACTOR)"),
        (0, 2, "met", "-"),
        (0, 3, "Kim", "(0_PRK_Kim_ACTOR"),
        (0, 4, "Jong", "-"),
        (0, 5, "-", "-"),
        (0, 6, "un", "0_PRK_Kim_ACTOR)"),
        (0, 7, "in", "-"),
        (0, 8, "Korea", "(0_PRK_COUNTRY)"),
        (1, 0, "the", "(0_USA_Trump_ACTOR"),
        (1, 1, "president", "0_USA_Trump_ACTOR)"),
        (1, 2, "and", "-"),
        (1, 3, "Pompeo", "(0_USA_USA-I_ACTOR-I)"),
    ]
    lines = [f"0/-/0_L\t{s}\t{t}\t{w}\t{b}" for s, t, w, b in rows]
    (tmp_path / "NewsWCL50.conll").write_text("\n".join(lines) + "\n", encoding="utf-8")
    people = load_newswcl(tmp_path)
    assert [(m.text, m.chain, m.topic) for m in people] == [
        ("President Trump", "0_USA_Trump_ACTOR", "0"),
        ("Kim Jong-un", "0_PRK_Kim_ACTOR", "0"),
    ]


def test_quote_scoring_trims_marks_and_needs_cue_overlap() -> None:
    from evals.quotes import Attribution, Tally, score_article

    text = '"It will reopen," Lopez said.'
    gold = [Attribution(((18, 23),), ((24, 28),), ((0, 17),), True)]
    pred = [Attribution(((18, 23),), ((24, 28),), ((1, 15),), True)]
    tallies = {r: Tally() for r in ("cue", "source", "content")}
    score_article(text, pred, gold, tallies)
    assert all(t.exact()[2] == 1.0 for t in tallies.values())
    wrong_cue = [Attribution(((18, 23),), ((1, 3),), ((1, 15),), True)]
    tallies = {r: Tally() for r in ("cue", "source", "content")}
    score_article(text, wrong_cue, gold, tallies)
    assert tallies["source"].exact()[2] == 0.0


def test_quote_agreement_pairs_annotators_of_one_text_only() -> None:
    from evals.quote_agreement import agreement
    from evals.quotes import Article_, Attribution

    text = '"It will reopen," Lopez said.'
    said = Attribution(((18, 23),), ((24, 28),), ((0, 17),), True)
    lopez = Attribution(((18, 23),), ((18, 23),), ((0, 17),), True)  # cue on the name
    files = [
        Article_("text-a_ann1", text, (said,)),
        Article_("text-a_ann2", text, (said,)),
        Article_("text-a_ann3", text, (lopez,)),
        Article_("text-b_ann1", text, (lopez,)),  # one file only: not compared
    ]
    m = agreement(files)
    assert (m["texts"], m["annotator_pairs"]) == (1, 6)
    # Of the 6 ordered pairs, 2 agree on the cue (ann1/ann2 both ways): tp 2, fp 4, fn 4.
    assert m["cue_exact_f1"] == round(2 / 6, 4)
    assert m["content_overlap_f1"] == 1.0


def test_ner_reads_iob_spans() -> None:
    from evals.ner import spans

    tags = ["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]
    assert list(spans(tags, 0)) == [
        (0, 0, 2, "PER"),
        (0, 3, 4, "LOC"),
        (0, 4, 5, "LOC"),
        (0, 5, 6, "ORG"),
    ]


# --- events: PLOVER gold records and Giveme5W1H (scoring only; no model) ---


def test_plover_split_is_by_record_number_parity() -> None:
    from evals.plover import Record

    def rec(rid: str) -> Record:
        return Record(rid, "t", "AGREE", (), (), None)

    assert rec("PLOVER-GSR01-AGREE-0001").split == "dev"
    assert rec("PLOVER-GSR01-AGREE-0002").split == "test"


def test_plover_scores_types_codes_and_missing_predictions() -> None:
    from evals.plover import Prediction, Record, macro_f1
    from evals.plover import score as plover_score

    records = [
        Record("a-0001", "t", "AGREE", ("USA",), ("RUS",), "GOV"),
        Record("a-0002", "t", "ASSAULT", ("IRQ", "USA"), (), None),
        Record("a-0003", "t", "AGREE", (), ("FRA",), None),
    ]
    predictions = [
        Prediction("AGREE", "USA", "RUS", "GOV"),
        Prediction("AGREE", "USA", None, None),
        Prediction(None, None, "DEU", None),
    ]
    m = plover_score(records, predictions)
    assert m["type_accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["typed_share"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["source_code_accuracy"] == 1.0  # USA is one of the compound actor's codes
    assert m["target_code_accuracy"] == 0.5
    # AGREE: tp 1, fp 1, fn 1 -> F1 0.5; ASSAULT: F1 0 -> macro 0.25
    assert macro_f1(["AGREE", "ASSAULT", "AGREE"], ["AGREE", "AGREE", None]) == 0.25


def test_plover_reads_gold_and_maps_older_type_names(tmp_path: Path) -> None:
    from evals.plover import load_records

    gold = [
        {"id": "X-DOCUMENT-0001", "event": "DOCUMENT"},
        {"id": "X-DEMAND-0001", "event": "DEMAND", "text": "A asked B.",
         "source": [{"actorText": "A", "code": "USA", "sector": "CVLalb"}], "target": ""},
    ]  # fmt: skip
    (tmp_path / "PLOVER_GSR_CAMEO.txt").write_text(json.dumps(gold), encoding="utf-8")
    [record] = load_records(tmp_path)
    assert record.type == "REQUEST"
    assert record.source_codes == ("USA",) and record.target_codes == ()
    assert record.source_sector == "CVL"


def test_five_w1h_matching_rule() -> None:
    from evals.five_w1h import matches, token_f1

    assert token_f1("Several people", "Several people") == 1.0
    assert token_f1("the Croydon tram", "Croydon") == pytest.approx(2 / 3)
    assert matches("in Croydon", ["Croydon", "a tunnel"])
    assert not matches("died", ["Several dead and dozens injured"])
    assert matches("Wednesday", ["at 6am"], "2016-11-09", ["2016-11-09"])


def test_five_w1h_scores_only_judged_answers() -> None:
    from evals.five_w1h import GoldArticle
    from evals.five_w1h import score as w_score

    def art(who: tuple[str, ...]) -> GoldArticle:
        empty = {w: () for w in ("what", "when", "where", "why", "how")}
        return GoldArticle("id", "c", "t", "x", None, {"who": who, **empty}, ())

    none = dict.fromkeys(("what", "when", "where", "why", "how"))
    answers = [
        {"who": ("Donald Trump", None), **none},
        {"who": ("Obama", None), **none},
        {"who": None, **none},
        {"who": ("Someone", None), **none},  # coders gave no phrase: not judged
    ]
    articles = [art(("Donald Trump",)), art(("Hillary Clinton",)), art(("X",)), art(())]
    m = w_score(articles, answers)
    assert m["precision_who"] == 0.5
    assert m["coverage_who"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["precision_4w"] == 0.5


def test_five_w1h_split_keeps_each_news_event_in_one_split() -> None:
    from evals.five_w1h import GoldArticle, splits

    arts = [GoldArticle(str(i), c, "t", "x", None, {}, ()) for i, c in enumerate("abcab")]
    assert splits(arts) == {"a": "dev", "b": "test", "c": "dev"}
