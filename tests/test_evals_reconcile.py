"""Tests for the reconciliation evals' reading and scoring (ECB+, FNC-1); no model is loaded."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from evals import cache as eval_cache
from evals.ecbplus import GoldDoc, GoldSentence, parse_document, stories
from evals.reconcile import (
    CORROBORATED,
    SINGLE,
    chain_articles,
    gold_status,
    pair_counts,
    pair_metrics,
    prf,
    scored_sentences,
    split_of,
    status_counts,
    status_metrics,
    story_result,
)
from evals.stance import (
    Sentence,
    Settings,
    Text,
    class_f1,
    classify,
    fnc_score,
    read_pairs,
)
from evals.stance import metrics as stance_metrics
from evals.stance import split_of as fnc_split_of
from storyline.model import Article, Doc, Evidence, Fact, Span

ECB_XML = """<Document doc_name="7_2ecbplus.xml" doc_id="X">
<token t_id="1" sentence="0" number="0">Police</token>
<token t_id="2" sentence="0" number="1">arrested</token>
<token t_id="3" sentence="0" number="2">Smith</token>
<token t_id="4" sentence="0" number="3">.</token>
<token t_id="5" sentence="1" number="0">Smith</token>
<token t_id="6" sentence="1" number="1">denied</token>
<token t_id="7" sentence="1" number="2">it</token>
<token t_id="8" sentence="2" number="0">Nothing</token>
<token t_id="9" sentence="2" number="1">else</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="2"><token_anchor t_id="3"/></HUMAN_PART_PER>
<NEG_ACTION_REPORTING m_id="3"><token_anchor t_id="6"/></NEG_ACTION_REPORTING>
<ACTION_OCCURRENCE m_id="4"><token_anchor t_id="9"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="10" RELATED_TO="" TAG_DESCRIPTOR="arrest" instance_id="ACT1"/>
<HUMAN_PART_PER m_id="11" RELATED_TO="" TAG_DESCRIPTOR="smith" instance_id="HUM1"/>
<ACTION_REPORTING m_id="12" RELATED_TO="" TAG_DESCRIPTOR="deny" instance_id="ACT2"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><target m_id="10"/></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="2" note="HUM1"><source m_id="2"/><target m_id="11"/></CROSS_DOC_COREF>
<CROSS_DOC_COREF r_id="3" note="ACT2"><source m_id="3"/><target m_id="12"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="4"><source m_id="4"/><target m_id="1"/></INTRA_DOC_COREF>
</Relations>
</Document>"""


def test_ecbplus_rebuilds_text_one_sentence_a_line_with_event_chains_only() -> None:
    doc = parse_document("7_2ecbplus.xml", ECB_XML)
    assert doc is not None
    assert (doc.topic, doc.kind, doc.story) == (7, "ecbplus", "7ecbplus")
    assert doc.text == "Police arrested Smith .\nSmith denied it\nNothing else"
    chains = [s.chains for s in doc.sentences]
    # The person chain is not an event; the intra-document relation is not cross-document.
    assert chains == [frozenset({"ACT1"}), frozenset({"ACT2"}), frozenset()]
    for sent in doc.sentences:
        assert "\n" not in doc.text[sent.start : sent.end]
    assert doc.sentence_at(doc.text.index("denied")) == doc.sentences[1]


@pytest.mark.parametrize(
    ("name", "xml"),
    [("7_2ecbplus.xml", "<Document><token"), ("notes.xml", ECB_XML), ("7_2ecb.xml", "<a/>")],
)
def test_ecbplus_rejects_broken_or_foreign_files(name: str, xml: str) -> None:
    assert parse_document(name, xml) is None


def _gold(name: str, topic: int, chains: list[set[str]]) -> GoldDoc:
    lines = [f"sentence {i} of {name}" for i in range(len(chains))]
    sents, at = [], 0
    for i, (line, cs) in enumerate(zip(lines, chains, strict=True)):
        sents.append(GoldSentence(i, at, at + len(line), frozenset(cs)))
        at += len(line) + 1
    kind = "ecbplus" if name.endswith("plus.xml") else "ecb"
    return GoldDoc(name, topic, kind, "\n".join(lines), tuple(sents))


def test_stories_group_by_topic_and_kind_in_numeric_order() -> None:
    docs = [
        _gold("10_1ecb.xml", 10, [set()]),
        _gold("2_1ecb.xml", 2, [set()]),
        _gold("2_1ecbplus.xml", 2, [set()]),
        _gold("2_3ecb.xml", 2, [set()]),
    ]
    grouped = stories(docs)
    assert list(grouped) == ["2ecb", "2ecbplus", "10ecb"]
    assert [d.name for d in grouped["2ecb"]] == ["2_1ecb.xml", "2_3ecb.xml"]
    assert (split_of(3), split_of(4)) == ("dev", "test")


def test_pair_counts_compare_shared_chains_with_shared_facts() -> None:
    a = ("a", 0), frozenset({"E1"})
    b = ("b", 0), frozenset({"E1", "E2"})
    c = ("c", 0), frozenset({"E3"})
    a2 = ("a", 1), frozenset({"E1"})  # same article as `a`: never a pair
    predicted = {
        ("a", 0): frozenset({"f1"}),
        ("b", 0): frozenset({"f1"}),
        ("c", 0): frozenset({"f1"}),
        ("a", 1): frozenset({"f1"}),
    }
    counts = pair_counts([a, b, c, a2], predicted)
    # a-b same/same, a-c diff/same, b-c diff/same, a2-b same/same, a2-c diff/same
    assert (counts["tp"], counts["fp"], counts["fn"], counts["tn"]) == (2, 3, 0, 0)
    # a-b share E1 but not E2: not clear-cut, left out of the clear counts
    assert (counts["clear_tp"], counts["clear_fp"]) == (0, 3)
    missed = pair_counts([a, b, c], {})
    assert (missed["fn"], missed["tn"]) == (1, 2)


def test_pair_metrics_and_all_same_baseline() -> None:
    found = pair_metrics(Counter(tp=2, fp=2, fn=2, tn=4))
    assert found["pair_precision"] == 0.5 and found["pair_recall"] == 0.5
    assert found["pairs"] == 10 and found["pairs_gold_same"] == 4
    # Calling all 10 pairs "same": precision 0.4, recall 1.
    assert found["baseline_all_same_pair_f1"] == round(2 * 0.4 / 1.4, 4)
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)


def test_status_from_chains_seen_in_two_articles() -> None:
    docs = [_gold("1_1ecb.xml", 1, [{"E1"}, {"E2"}]), _gold("1_2ecb.xml", 1, [{"E1"}, set()])]
    articles = chain_articles(docs)
    assert articles == Counter({"E1": 2, "E2": 1})
    assert gold_status(frozenset({"E2", "E1"}), articles) == CORROBORATED
    assert gold_status(frozenset({"E2"}), articles) == SINGLE
    sentences = scored_sentences(docs)
    assert [k for k, _ in sentences] == [("1_1ecb.xml", 0), ("1_1ecb.xml", 1), ("1_2ecb.xml", 0)]
    confusion = status_counts(sentences, articles, [("1_1ecb.xml", 0), ("1_1ecb.xml", 1)])
    assert confusion == Counter(
        {(CORROBORATED, CORROBORATED): 1, (SINGLE, CORROBORATED): 1, (CORROBORATED, SINGLE): 1}
    )
    found = status_metrics(confusion)
    assert found["corroborated_precision"] == 0.5 and found["corroborated_recall"] == 0.5
    assert found["single_precision"] == 0.0 and found["status_accuracy"] == round(1 / 3, 4)


def test_story_result_maps_fact_evidence_to_gold_sentences() -> None:
    gold = [_gold("1_1ecb.xml", 1, [{"E1"}, {"E2"}]), _gold("1_2ecb.xml", 1, [{"E1"}])]
    docs = [Doc(article=Article(id=f"a{i}", text=g.text, title="t")) for i, g in enumerate(gold)]
    s0, s1 = gold[0].sentences[0], gold[1].sentences[0]
    shared = Fact(
        "f1",
        "x",
        "corroborated",
        ("a0", "a1"),
        2,
        (
            Evidence(Span("a0", s0.start, s0.end), "x"),
            Evidence(Span("a1", s1.start + 2, s1.end), "x"),
        ),
    )
    lone = Fact(
        "f2",
        "y",
        "single-source",
        ("a0",),
        1,
        (Evidence(Span("a0", gold[0].sentences[1].start, gold[0].sentences[1].end), "y"),),
    )
    result = story_result(gold, docs, [shared, lone], copy_links=0)
    assert result.facts == {
        ("1_1ecb.xml", 0): {"f1"},
        ("1_2ecb.xml", 0): {"f1"},
        ("1_1ecb.xml", 1): {"f2"},
    }
    assert result.corroborated == {("1_1ecb.xml", 0), ("1_2ecb.xml", 0)}


def test_fnc_score_follows_the_official_weights() -> None:
    gold = ["agree", "disagree", "discuss", "unrelated"]
    assert fnc_score(gold, gold) == 1.0
    # Best is 3 * 1.0 + 0.25. Related-but-wrong-class earns 0.25; unrelated right 0.25.
    assert fnc_score(gold, ["discuss", "unrelated", "discuss", "unrelated"]) == pytest.approx(
        (0.25 + 0 + 1.0 + 0.25) / 3.25
    )
    assert fnc_score(gold, ["unrelated"] * 4) == pytest.approx(0.25 / 3.25)


def test_class_f1_and_macro() -> None:
    f1 = class_f1(["agree", "agree", "unrelated"], ["agree", "discuss", "unrelated"])
    assert f1["agree"] == pytest.approx(2 / 3) and f1["unrelated"] == 1.0
    assert f1["discuss"] == 0.0 and f1["disagree"] == 0.0
    assert f1["macro"] == pytest.approx((2 / 3 + 1.0) / 4)
    found = stance_metrics(["agree", "unrelated"], ["discuss", "unrelated"])
    assert found["relatedness_accuracy"] == 1.0


def _text(rows: list[tuple[list[float], Sentence]]) -> Text:
    vectors = np.array([v for v, _ in rows], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return Text(tuple(s for _, s in rows), vectors)


def _sentence(
    words: str, negated: bool = False, hedged: bool = False, refutes: bool = False
) -> Sentence:
    return Sentence(frozenset(words.split()), negated, hedged, refutes)


def test_classify_reads_relatedness_then_claim_signals() -> None:
    headline = _text([([1, 0, 0], _sentence("ship block canal"))])
    weights = {"ship": 1.0, "block": 1.0, "canal": 1.0}
    plain = _text([([1, 0.1, 0], _sentence("ship block canal")), ([0, 1, 0], _sentence("x"))])
    hedged = _text([([1, 0.1, 0], _sentence("ship block canal", hedged=True))])
    refuting = _text([([1, 0.1, 0], _sentence("ship canal hoax", refutes=True))])
    other = _text([([0, 0, 1], _sentence("football match"))])
    s = Settings(mix=0.5, related=0.4, top=1, agree=0.9, refute=1)
    assert classify(headline, plain, weights, s) == "agree"
    assert classify(headline, hedged, weights, s) == "discuss"
    assert classify(headline, refuting, weights, s) == "disagree"
    assert classify(headline, other, weights, s) == "unrelated"
    assert classify(headline, Text((), np.zeros((0, 3), np.float32)), weights, s) == "unrelated"


def test_read_pairs_keeps_known_bodies_and_labels(tmp_path: Path) -> None:
    (tmp_path / "competition_test_bodies.csv").write_text(
        'Body ID,articleBody\n1,"A body, with a comma"\n2,Another\n', encoding="utf-8"
    )
    (tmp_path / "competition_test_stances.csv").write_text(
        "Headline,Body ID,Stance\nH1,1,agree\nH2,3,agree\nH3,2,maybe\nH4,2,unrelated\n",
        encoding="utf-8",
    )
    bodies, pairs = read_pairs(tmp_path)
    assert bodies == {1: "A body, with a comma", 2: "Another"}
    assert [(p.headline, p.body_id, p.stance) for p in pairs] == [
        ("H1", 1, "agree"),
        ("H4", 2, "unrelated"),
    ]
    assert (fnc_split_of(2), fnc_split_of(3)) == ("dev", "test")


def test_cached_embedder_embeds_each_text_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []

    def fake(texts: list[str]) -> np.ndarray:
        calls.append(list(texts))
        return np.array([[float(len(t)), 1.0] for t in texts], dtype=np.float32)

    monkeypatch.setattr(eval_cache, "embed", fake)
    first = eval_cache.CachedEmbedder(tmp_path)
    out = first(["ab", "abc", "ab"])
    assert out.shape == (3, 2) and out[0][0] == 2.0 and out[1][0] == 3.0
    first.save()
    again = eval_cache.CachedEmbedder(tmp_path)(["abc"])
    assert again[0][0] == 3.0
    assert sorted(calls[0]) == ["ab", "abc"] and len(calls) == 1  # the file was read back


def test_the_conflict_listing_counts_what_a_brief_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from evals.conflicts import main as list_conflicts

    evidence = {"article_id": "a1", "start": 0, "end": 5, "text": "369 ships waited."}
    variant = {"value": "369", "article_ids": ["a1"], "evidence": [evidence]}
    conflict = {"slot": "figure:ship", "variants": [variant, {**variant, "value": "450"}]}
    facts = [{"conflicts": [conflict]}, {"conflicts": []}]
    quote = {"group": "q1", "speaker_conflict": True, "speaker_entity": "e1", "speaker": "Rabie",
             "cue": "said", "text": "The wind was not the main factor."}  # fmt: skip
    quotes = [quote, {**quote, "speaker_entity": "e2", "speaker": "Sisi"}, {"group": "q2"}]
    entities = [{"id": "e1", "name": "Osama Rabie"}]
    story = {"title": "Canal", "facts": facts, "quotes": quotes, "entities": entities}
    brief = tmp_path / "brief.json"
    brief.write_text(json.dumps({"stories": [story]}))
    assert list_conflicts([str(brief)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "#1 [figure:ship] Canal"
    assert "    Osama Rabie (said): The wind was not the main factor." in out
    assert "    Sisi (said): The wind was not the main factor." in out
    assert json.loads(out[-1]) == {
        "conflicts": 1,
        "conflicting_facts": 1,
        "facts": 2,
        "by_kind": {"figure": 1},
        "quote_groups": 2,
        "speaker_conflicts": 1,
    }
    assert list_conflicts([str(tmp_path / "missing.json")]) == 2


def test_the_ecbplus_conflict_listing_reports_a_missing_dataset(tmp_path: Path) -> None:
    from evals import conflicts_ecbplus

    assert conflicts_ecbplus.main(["--data", str(tmp_path / "none")]) == 2


def test_fact_pairs_scores_labelled_pairs_the_code_still_groups(tmp_path: Path) -> None:
    from evals.fact_pairs import Labelled, grouping, read_labels, score, sentence_hash
    from storyline.model import Story

    def ev(article: str, text: str) -> Evidence:
        return Evidence(Span(article, 0, len(text)), text)

    said = (ev("a", "Ships  wait."), ev("b", "Ships wait here."), ev("c", "Fans cheer."))
    two = Fact("f1", "x", "corroborated", ("a", "b", "c"), 3, said)
    one = Fact("f2", "y", "single-source", ("d",), 1, (ev("d", "Boats left."),))
    files = {"a": "a.json", "b": "b.json", "c": "c.json", "d": "d.json"}
    found = grouping([Story("s", "t", ("a", "b", "c", "d"), facts=(two, one))], files)
    key = {name: (f"{name}.json", sentence_hash(text)) for name, text in
           (("a", "Ships wait."), ("b", "Ships wait here."), ("c", "Fans cheer."),
            ("d", "Boats left."))}  # fmt: skip
    labels = [
        Labelled(key["a"], key["b"], "SAME"),  # grouped, and the same: counts for precision
        Labelled(key["a"], key["c"], "DIFFERENT"),  # grouped, yet different: a false merge
        Labelled(key["b"], key["d"], "SAME"),  # the same, but no longer grouped: not kept
        Labelled(key["a"], ("gone.json", "0" * 16), "SAME"),  # a sentence no fact holds
        Labelled(key["b"], key["c"], "UNCLEAR"),  # found, but left out of precision
    ]
    assert key["a"][1] == sentence_hash("Ships wait.")  # whitespace does not change the key
    assert score(labels, found) == {
        "precision": 0.5, "same_kept": 0.5, "labelled_found": 4, "labelled": 5,
    }  # fmt: skip
    table = tmp_path / "pairs.tsv"
    table.write_text("# comment\na.json\t1\tb.json\t2\tSAME\n", encoding="utf-8")
    assert read_labels(table) == [Labelled(("a.json", "1"), ("b.json", "2"), "SAME")]
