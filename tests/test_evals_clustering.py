"""Clustering and near-copy evals: scoring by hand-computed values, loaders on tiny data."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from bench.scaling import bcubed as bench_bcubed
from bench.scaling import measure
from evals import DatasetError
from evals.clusterdata import bcubed, ecb_text, load_ecbplus, load_newswcl, pairwise
from evals.nearcopies import make_copy
from tests.conftest import make_article


def test_bcubed_matches_a_hand_computed_example() -> None:
    # gold {a,b,c} {d}; predicted {a,b} {c,d}
    # precision: a 1, b 1, c 1/2, d 1/2 -> 0.75; recall: a 2/3, b 2/3, c 1/3, d 1 -> 2/3
    result = bcubed(["x", "x", "y", "y"], ["g", "g", "g", "h"])
    assert result["precision"] == pytest.approx(0.75)
    assert result["recall"] == pytest.approx(2 / 3)
    assert result["f1"] == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


def test_pairwise_and_perfect_scores() -> None:
    # predicted pairs: ab, cd; gold pairs: ab, ac, bc -> precision 1/2, recall 1/3
    result = pairwise(["x", "x", "y", "y"], ["g", "g", "g", "h"])
    assert (result["precision"], result["recall"]) == pytest.approx((0.5, 1 / 3))
    assert bcubed([1, 2, 2], ["a", "b", "b"])["f1"] == 1.0


def test_benchmark_bcubed_agrees_with_the_eval_one() -> None:
    rng = np.random.default_rng(3)
    pred, gold = rng.integers(0, 5, 200), rng.integers(0, 7, 200)
    p, r = bench_bcubed(pred, gold)
    ref = bcubed(pred.tolist(), gold.tolist())
    assert (p, r) == pytest.approx((ref["precision"], ref["recall"]))


TOKENS = [
    (0, "http"), (0, ":"), (0, "/"), (0, "x.com"),
    (1, "Star"), (1, "enters"), (1, "rehab"),
    (2, "She"), (2, "did"), (2, "n't"), (2, "say"), (2, ","), (2, "`` no"), (2, "''"), (2, "."),
]  # fmt: skip
ECB = (
    '<Document doc_name="1_2ecbplus.xml">'
    + "".join(
        f'<token t_id="{i}" sentence="{s}" number="{i}">{t}</token>'
        for i, (s, t) in enumerate(TOKENS, 1)
    )
    + "</Document>"
)


def test_ecb_text_drops_the_url_line_and_detokenises(tmp_path: Path) -> None:
    (tmp_path / "1").mkdir()
    (tmp_path / "1" / "1_2ecbplus.xml").write_text(ECB, encoding="utf-8")
    text, url = ecb_text(tmp_path / "1" / "1_2ecbplus.xml")
    assert url == "http:/x.com"
    assert text == 'Star enters rehab\nShe didn\'t say, "no".'
    [item] = load_ecbplus(tmp_path)
    assert item.labels == {"topic": "1", "event": "1ecbplus"} and item.split == "dev"
    assert item.article is not None and item.article.title == "Star enters rehab"


CONLL = """#begin document 3/-/3_L; part 000
3/-/3_L\t0\t0\tDNC\t(3_DNC_ACTOR\t
3/-/3_L\t0\t1\tsues\t-\t
3/-/3_L\t0\t2\t\\n\t-\t

3/-/3_L\t1\t0\tIt\t-\t
3/-/3_L\t1\t1\tdid\t-\t
3/-/3_L\t1\t2\tn't\t-\t
3/-/3_L\t1\t3\twait\t-\t
3/-/3_L\t1\t4\t.\t-\t
#end document
#begin document 4/-/4_RR; part 000
4/-/4_RR\t0\t0\tIran\t-\t
#end document
"""


def test_newswcl_loader_rebuilds_text_and_labels_by_event(tmp_path: Path) -> None:
    (tmp_path / "NewsWCL50.conll").write_text(CONLL, encoding="utf-8")
    first, second = load_newswcl(tmp_path)
    assert first.article is not None and first.article.text == "DNC sues\nIt didn't wait."
    assert first.article.title == "DNC sues" and first.labels == {"event": "3"}
    assert (first.name, first.split, second.split) == ("3_L", "dev", "test")
    (tmp_path / "NewsWCL50.conll").write_text("3/-/3_L\tx\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"NewsWCL50\.conll:1"):
        load_newswcl(tmp_path)


def test_made_copies_keep_most_of_the_original_and_record_their_changes() -> None:
    body = "\n".join(f"Paragraph {i} says something about the council vote." for i in range(8))
    original = make_article(body, title="Council votes", published="2022-01-01")
    copy = make_copy(original, "New headline", random.Random(1), 1)
    assert copy.original_id == original.id and copy.article.title == "New headline"
    assert {"boilerplate", "headline"} <= set(copy.changes) and len(copy.changes) >= 3
    assert copy.article.published in {"2022-01-01", "2022-01-02"}


@pytest.mark.parametrize("stage", ["generate", "dedupe", "cluster"])
def test_benchmark_stages_run_on_a_small_stream(stage: str) -> None:
    result = measure(stage, 600)
    assert result["articles"] == 600 and result["peak_mb"] >= result["base_mb"]  # type: ignore[operator]
    if stage == "cluster":
        assert 0.5 < result["bcubed_f1"] <= 1.0  # type: ignore[operator]
    if stage == "dedupe":
        assert result["copy_recall"] > 0.8  # type: ignore[operator]


def test_clusterdev_reports_dev_mistakes_and_never_touches_held_out() -> None:
    from evals.clusterdata import Item
    from evals.clusterdev import report
    from storyline.stories.cluster import DEFAULT_CONFIG
    from storyline.stories.cluster.features import ArticleFeatures

    quake = {"e:nepal": 2.0, "t:earthquake": 3.0, "t:kathmandu": 3.0, "n:7800": 1.0}
    other = {"e:germany": 2.0, "t:election": 3.0, "t:bundestag": 3.0, "w:coalition": 1.0}
    rows = [  # (name, event, split, terms): "c" is another event worded like the quake
        ("a", "1", "dev", quake),
        ("b", "1", "dev", quake),
        ("c", "3", "dev", quake),
        ("d", "5", "dev", other),
        ("e", "5", "dev", {"e:peru": 2.0, "t:flood": 3.0, "t:lima": 3.0}),
        ("t", "2", "test", quake),
    ]
    items, features = [], {}
    for name, event, split, terms in rows:
        article = make_article(f"text of {name}", title=f"headline {name}")
        items.append(Item(name, {"event": event}, split, article))
        features[article.id] = ArticleFeatures(article.id, None, terms, article.title)
    lines = report(items, features, DEFAULT_CONFIG)
    text = "\n".join(lines)
    assert lines[0].startswith("dev BCubed")
    assert "mixed story" in text and "{'1': 2, '3': 1}" in text
    assert "split event 5: story sizes [1, 1]" in text
    assert "headline t" not in text  # the held-out article is never clustered
