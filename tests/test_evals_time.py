"""Scoring of the time evals: the TE3 timex metrics and the 5W1H `when` accuracy (no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals import DatasetError
from evals.tempeval import (
    Counts,
    Timex,
    align,
    held_out,
    load_corpus,
    metrics,
    parse_tml,
    score_document,
)
from evals.when import article_text, load, score

TML = (
    '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>T1</DOCID>\n'
    '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-06" functionInDocument="CREATION_TIME">'
    "19980306</TIMEX3></DCT>\n<TEXT>\nThe talks "
    '<EVENT eid="e1" class="OCCURRENCE">ended</EVENT> '
    '<TIMEX3 tid="t1" type="DATE" value="1998-03-05">Thursday</TIMEX3> after '
    '<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> &amp; more.\n'
    "</TEXT>\n</TimeML>\n"
)


def test_parse_tml_gives_plain_text_offsets_and_skips_the_dct(tmp_path: Path) -> None:
    path = tmp_path / "T1.tml"
    path.write_text(TML, encoding="utf-8")
    doc = parse_tml(path)
    assert doc.dct == "1998-03-06"
    assert [(doc.text[t.start : t.end], t.type, t.value) for t in doc.timexes] == [
        ("Thursday", "DATE", "1998-03-05"),
        ("three days", "DURATION", "P3D"),
    ]
    assert "<" not in doc.text and "& more" in doc.text


def test_load_corpus_needs_timebank_or_aquaint(tmp_path: Path) -> None:
    with pytest.raises(DatasetError):
        load_corpus(tmp_path)


def test_held_out_split_is_fixed_and_about_a_fifth() -> None:
    names = [f"doc{i}" for i in range(1000)]
    share = sum(held_out(n) for n in names) / len(names)
    assert 0.15 < share < 0.25
    assert [held_out(n) for n in names] == [held_out(n) for n in names]


def _t(start: int, end: int, type_: str = "DATE", value: str = "1998-03-05") -> Timex:
    return Timex(start, end, type_, value)


def test_overlap_is_relaxed_identical_extent_is_strict() -> None:
    gold = [_t(0, 14, value="1998-03-05"), _t(20, 30, "DURATION", "P3D")]
    system = [_t(6, 14, value="1998-03-05"), _t(20, 30, "DURATION", "P2D"), _t(40, 45)]
    c = score_document(gold, system)
    assert (c.gold, c.system) == (2, 3)
    assert (c.relaxed_gold, c.strict_gold) == (2, 1)
    assert (c.type_match, c.value_match) == (2, 1)
    m = metrics(c)
    assert m["relaxed_precision"] == round(2 / 3, 4)
    assert m["relaxed_recall"] == 1.0
    relaxed_f1 = 2 * (2 / 3) / (2 / 3 + 1)
    assert m["relaxed_f1"] == round(relaxed_f1, 4)
    # TE3 ranks by attribute F1: the attribute's accuracy over relaxed matches times relaxed F1.
    assert m["value_f1"] == round(0.5 * relaxed_f1, 4)
    assert m["type_f1"] == round(relaxed_f1, 4)


def test_alignment_is_one_to_one_largest_overlap_first() -> None:
    gold = [_t(0, 5), _t(6, 20)]
    system = [_t(3, 18)]
    assert align(gold, system) == {1: 0}


def test_counts_add_up_across_documents() -> None:
    total = Counts()
    total.add(score_document([_t(0, 5)], [_t(0, 5)]))
    total.add(score_document([_t(0, 5)], []))
    assert (total.gold, total.system, total.strict_gold) == (2, 1, 1)
    assert metrics(total)["strict_recall"] == 0.5


def test_empty_system_output_scores_zero_not_an_error() -> None:
    assert metrics(score_document([_t(0, 5)], []))["value_f1"] == 0.0


def test_when_loads_only_articles_with_a_parsed_date(tmp_path: Path) -> None:
    def article(name: str, parsed: str | None) -> None:
        when = {"annotated": [{"text": "Tuesday", **({"parsed": parsed} if parsed else {})}]}
        raw = {"title": "T", "description": "D", "text": "B", "fiveWoneH": {"when": when}}
        (tmp_path / f"{name}.json").write_text(json.dumps(raw), encoding="utf-8")

    article("a", "2016-11-08")
    article("b", None)
    [only] = load(tmp_path)
    assert only["gold"] == "2016-11-08"
    assert article_text(only) == "T\n\nD\n\nB"


def test_when_score_counts_misses_and_coverage() -> None:
    accuracy, coverage = score(["2016-11-08", "2016-11-09"], ["2016-11-08", None])
    assert (accuracy, coverage) == (0.5, 0.5)


def test_heideltime_output_maps_back_to_original_offsets() -> None:
    from evals.heideltime import parse_output

    text = "Profits & sales fell on Friday.\nThe firm will report again in two weeks."
    timeml = (
        '<?xml version="1.0"?>\n<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n<TimeML>\n'
        'Profits &amp; sales fell on <TIMEX3 tid="t1" type="DATE" value="1998-03-06">Friday'
        "</TIMEX3>.\nThe firm will report again in "
        '<TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3>.\n\n</TimeML>\n'
    )
    found = parse_output(timeml, text)
    assert [(text[t.start : t.end], t.type, t.value) for t in found] == [
        ("Friday", "DATE", "1998-03-06"),
        ("two weeks", "DURATION", "P2W"),
    ]


def test_heideltime_output_that_does_not_fit_the_text_is_an_error() -> None:
    from evals.heideltime import parse_output

    with pytest.raises(ValueError, match="cannot place"):
        parse_output('<TimeML>\n<TIMEX3 type="DATE" value="2001">2001</TIMEX3>\n</TimeML>', "x")


def test_optional_evals_stay_out_of_the_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    import evals.__main__ as runner

    ran: list[str] = []
    monkeypatch.setattr(runner, "run_eval", lambda name: ran.append(name) or {})
    monkeypatch.setattr(runner, "scoreboard", lambda name, metrics: [])
    runner.run_all()
    assert "tempeval_heideltime" not in ran
    assert "tempeval" in ran


def test_bootstrap_gap_is_paired_over_documents() -> None:
    from evals.heideltime import bootstrap_gap

    gold = [Timex(0, 6, "DATE", "1998-03-06")]
    right = score_document(gold, [Timex(0, 6, "DATE", "1998-03-06")])
    wrong = score_document(gold, [Timex(0, 6, "DATE", "1998-03-07")])
    better = bootstrap_gap([right, right, wrong], [wrong, right, wrong], rounds=200)
    assert better["value_f1_gap"] == pytest.approx(1 / 3, abs=1e-3)
    assert 0 <= better["value_f1_gap_low"] <= better["value_f1_gap"] <= better["value_f1_gap_high"]
    assert 0.5 < better["value_f1_win_share"] < 1.0  # resamples without document 0 tie
    same = bootstrap_gap([right, wrong], [right, wrong], rounds=50)
    assert same["value_f1_gap"] == 0 and same["value_f1_win_share"] == 0
