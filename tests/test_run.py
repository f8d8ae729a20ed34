"""`storyline run`: shards in input order, resume on rerun, same results on every engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.brief import make_brief, sample_paths
from storyline.cli import main
from storyline.engines import LocalEngine, SerialEngine
from storyline.render.json import brief_to_dict
from storyline.run import iter_docs, run_corpus, window_of

WORDS = "The council of Springfield met on Tuesday and voted to spend money on buses. " * 3


def write_articles(folder: Path, count: int, changed: int | None = None) -> list[str]:
    paths = []
    for i in range(count):
        path = folder / f"a{i:03d}.json"
        extra = " It was changed." if i == changed else ""
        record = {
            "title": f"Story {i}",
            "text": f"Article {i}. {WORDS}{extra}",
            "published": f"2021-03-{1 + i % 28:02d}",
            "source": f"Outlet {i % 5}",
        }
        path.write_text(json.dumps(record), encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.parametrize(
    ("published", "window", "key"),
    [
        ("2021-03-24", "day", "2021-03-24"),
        ("2021-03-24", "week", "2021-W12"),
        ("2021-03-24", "month", "2021-03"),
        ("2021-03-24", "all", "all"),
        (None, "week", "undated"),
    ],
)
def test_window_keys(published: str | None, window: str, key: str) -> None:
    assert window_of(published, window) == key


def test_run_writes_shards_in_order_and_resumes(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    paths = write_articles(tmp_path / "in", 25)
    out = tmp_path / "out"
    first = run_corpus(paths, out, engine=SerialEngine(), stages=(), shard_size=10, stories=False)
    assert (first.articles, first.shards_written, first.shards_resumed) == (25, 3, 0)
    titles = [d.article.title for d in iter_docs(first.shards)]
    assert titles == [f"Story {i}" for i in range(25)]
    again = run_corpus(paths, out, engine=SerialEngine(), stages=(), shard_size=10, stories=False)
    assert (again.shards_written, again.shards_resumed) == (0, 3)
    # one changed article: only its shard is redone
    write_articles(tmp_path / "in", 25, changed=12)
    third = run_corpus(paths, out, engine=SerialEngine(), stages=(), shard_size=10, stories=False)
    assert (third.shards_written, third.shards_resumed) == (1, 2)
    assert len(list(iter_docs(third.shards))) == 25
    logged = (out / "inputs.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(logged) == 25 and json.loads(logged[0])["status"] == "ingested"


def test_run_blocks_by_window(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    paths = write_articles(tmp_path / "in", 12)
    result = run_corpus(paths, tmp_path / "out", engine=SerialEngine(), stages=(), window="week")
    assert [b.window for b in result.blocks] == ["2021-W09", "2021-W10"]
    assert sum(b.articles for b in result.blocks) == 12
    assert all(Path(str(b.brief)).exists() for b in result.blocks)
    summary = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert summary["articles"] == 12 and "total" in summary["seconds"]


def test_run_cli_refuses_inputs_with_no_article(tmp_path: Path) -> None:
    runner = CliRunner()
    empty = runner.invoke(
        main, ["run", str(tmp_path / "nothing.json"), "--out", str(tmp_path / "e")]
    )
    assert empty.exit_code == 1 and "no usable article" in empty.output


@pytest.mark.model
def test_run_on_the_sample_gives_make_briefs_stories(tmp_path: Path) -> None:
    result = run_corpus(sample_paths(), tmp_path, engine=SerialEngine(), window="all")
    [block] = result.blocks
    run_brief = json.loads(Path(str(block.brief)).read_text(encoding="utf-8"))
    direct = brief_to_dict(make_brief(sample_paths(), engine=SerialEngine()))
    assert run_brief["stories"] == json.loads(json.dumps(direct["stories"]))


@pytest.mark.model
def test_ray_engine_gives_the_same_output_as_the_local_engine(tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="the Ray engine is the optional extra storyline[ray]")
    from storyline.engines.ray import RayEngine

    (tmp_path / "in").mkdir()
    paths = write_articles(tmp_path / "in", 30)
    local = run_corpus(
        paths, tmp_path / "local", engine=LocalEngine(2), shard_size=16, window="all"
    )
    engine = RayEngine(num_cpus=2)
    try:
        ray = run_corpus(paths, tmp_path / "ray", engine=engine, shard_size=16, window="all")
    finally:
        engine.shutdown()
    assert list(iter_docs(ray.shards)) == list(iter_docs(local.shards))
    assert [b.window for b in ray.blocks] == [b.window for b in local.blocks]
    for a, b in zip(local.blocks, ray.blocks, strict=True):
        assert Path(str(a.brief)).read_text() == Path(str(b.brief)).read_text()


@pytest.mark.model
def test_run_cli_fetches_a_feed_only_with_allow_private(tmp_path: Path) -> None:
    from tests.ingest.test_feeds import rss
    from tests.ingest.webserver import Route, article_html, serve

    routes = {"/a": Route(article_html("Bridge opens")), "/b": Route(article_html("Bridge shut"))}
    runner = CliRunner()
    with serve(routes) as site:
        site.routes["/feed"] = Route(
            rss(site.base, ["/a", "/b"]), content_type="application/rss+xml"
        )
        feed = f"{site.base}/feed"
        refused = runner.invoke(main, ["run", feed, "--out", str(tmp_path / "r"), "--no-stories"])
        allowed = runner.invoke(
            main, ["run", feed, "--out", str(tmp_path / "a"), "--no-stories", "--allow-private"]
        )
    assert refused.exit_code == 1 and "no usable article" in refused.output
    logged = json.loads((tmp_path / "r" / "inputs.jsonl").read_text(encoding="utf-8"))
    assert "blocked" in logged["reason"]
    assert allowed.exit_code == 0, allowed.output
    assert "2 articles from 2 inputs" in allowed.output
