"""Process a crawl: ingest, per-article stages in resumable shards, corpus stages per window.

Layout of a run folder:

    inputs.jsonl                 what became of every input (ingested, duplicate, skipped)
    shards/part-00000.parquet    per-article results, one row per article (`doc` is JSON)
    shards/_done.jsonl           finished shards; a rerun skips them (resume)
    briefs/<window>/brief.*      one brief per time window (corpus stages ran per block)
    briefs/<window>/stories.jsonl  that window's stories, one JSON record a line (for the store)
    run.json                     counts, blocks, stories and where the time went

The same `Pipeline` runs on every engine; engines only decide where stages run. With a store
(`db`), the run's articles and stories are loaded into it at the end (`storyline.store.runs`).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from storyline.codec import doc_from_json, from_data, to_data
from storyline.engines import Engine, make_engine
from storyline.errors import InputError, StorylineError
from storyline.ingest import IngestResult, read_inputs
from storyline.ingest.fetch import FetchPolicy
from storyline.model import Article, Brief, Doc, InputRecord, Story, content_id
from storyline.pipeline import DEFAULT_STAGES, Pipeline, build_pipeline
from storyline.render import write_brief
from storyline.shards import ShardStore, read_column, read_docs
from storyline.stories import build_stories

if TYPE_CHECKING:
    from storyline.store.runs import LoadReport

#: Articles per Parquet shard: large enough for cheap files, small enough to redo on resume.
SHARD_SIZE = 1000
WINDOWS = ("day", "week", "month", "all")
STORIES = "stories.jsonl"  # beside each window's brief
_NUMBER = re.compile(r"(?<!HTTP )(?<!status )\b\d+\b")  # "only 12 words" -> "only N words"

#: Wraps the stream of processed docs, e.g. to draw a progress bar (no total is known).
Tracker = Callable[[Iterator[Doc]], Iterable[Doc]]


@dataclass
class BlockResult:
    """One time window's corpus stages: how many articles and stories, and where they went."""

    window: str
    articles: int
    stories: int
    facts: int
    brief: str | None


@dataclass
class RunResult:
    """What a run did, for the summary line and `run.json`."""

    out_dir: str
    engine: str
    inputs: dict[str, int] = field(default_factory=dict)
    skip_reasons: dict[str, int] = field(default_factory=dict)
    articles: int = 0
    shards_written: int = 0
    shards_resumed: int = 0
    blocks: list[BlockResult] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    shards: list[str] = field(default_factory=list)  # this run's shard files, in input order
    paths: list[str] = field(default_factory=list)  # the inputs as given
    stored: LoadReport | None = None  # what loading into the store did (with `db`)


def window_of(published: str | None, window: str) -> str:
    """Return the time-window key of a publication date ('undated' when there is none)."""
    if window == "all":
        return "all"
    if not published:
        return "undated"
    day = date.fromisoformat(published[:10])
    if window == "day":
        return day.isoformat()
    if window == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.strftime("%Y-%m")


def run_corpus(
    paths: Sequence[str],
    out_dir: str | Path,
    *,
    engine: Engine | None = None,
    stages: Sequence[str] = DEFAULT_STAGES,
    shard_size: int = SHARD_SIZE,
    window: str = "week",
    stories: bool = True,
    fetch: FetchPolicy | None = None,
    track: Tracker | None = None,
    db: str | Path | None = None,
) -> RunResult:
    """Run the pipeline over every input into `out_dir`; finished shards from before are kept.

    With `db`, the run's articles and stories are then loaded into that store.
    """
    if window not in WINDOWS:
        raise StorylineError(f"unknown window {window!r}: use one of {', '.join(WINDOWS)}")
    started = time.perf_counter()
    out = Path(out_dir)
    engine = engine or make_engine()
    if db is not None:
        from storyline.store.runs import check_store  # the store needs DuckDB: import it here

        check_store(db)
    result = RunResult(str(out), type(engine).__name__, paths=list(paths))
    store = ShardStore(out / "shards")
    pipeline = build_pipeline(stages)
    timer: dict[str, float] = defaultdict(float)
    with (out / "inputs.jsonl").open("w", encoding="utf-8") as log:
        articles = _ingest(read_inputs(paths, fetch=fetch), log, result, timer)
        _process(articles, pipeline, engine, store, shard_size, result, timer, track)
    result.shards = store.files()
    if not result.shards:
        raise InputError("no usable article in the inputs; see inputs.jsonl for each reason")
    if stories:
        t0 = time.perf_counter()
        result.blocks = _corpus(result.shards, window, out / "briefs", engine)
        timer["corpus_stages"] += time.perf_counter() - t0
    if db is not None:
        from storyline.store.runs import load_run

        t0 = time.perf_counter()
        result.stored = load_run(result, db)
        timer["load_store"] += time.perf_counter() - t0
    total = time.perf_counter() - started
    pipeline_s = total - sum(timer.values())
    result.seconds = {k: round(v, 2) for k, v in {**timer, "per_article_stages": pipeline_s,
                                                    "total": total}.items()}  # fmt: skip
    (out / "run.json").write_text(json.dumps(asdict(result), indent=2), encoding="utf-8")
    return result


def _ingest(
    results: Iterable[IngestResult], log: TextIO, result: RunResult, timer: dict[str, float]
) -> Iterator[Article]:
    """Yield ingested articles, logging every input record and timing the reading."""
    inputs, reasons = Counter[str](), Counter[str]()
    it = iter(results)
    while True:
        t0 = time.perf_counter()
        got = next(it, None)
        timer["ingest"] += time.perf_counter() - t0
        if got is None:
            break
        inputs[got.record.status] += 1
        if got.record.reason:
            reasons[_NUMBER.sub("N", got.record.reason)] += 1
        log.write(json.dumps(asdict(got.record)) + "\n")
        result.inputs, result.skip_reasons = dict(inputs), dict(reasons)
        if got.article is not None:
            yield got.article


def _process(
    articles: Iterator[Article],
    pipeline: Pipeline,
    engine: Engine,
    store: ShardStore,
    shard_size: int,
    result: RunResult,
    timer: dict[str, float],
    track: Tracker | None,
) -> None:
    """Stream articles through the engine, cutting the output into shards in input order."""
    planned: deque[tuple[int, str, int]] = deque()  # (shard, digest, size) sent to the engine

    def todo() -> Iterator[Doc]:
        for index, batch in enumerate(_chunks(articles, shard_size)):
            result.articles += len(batch)
            digest = content_id(*pipeline.names, *(a.id for a in batch))
            if store.is_done(index, digest):
                result.shards_resumed += 1
                continue
            planned.append((index, digest, len(batch)))
            yield from (Doc(article=a) for a in batch)

    stream = engine.map(pipeline, todo())
    done: list[Doc] = []
    for doc in track(stream) if track else stream:
        done.append(doc)
        if len(done) == planned[0][2]:
            index, digest, _ = planned.popleft()
            t0 = time.perf_counter()
            store.write(index, digest, done)
            timer["write_shards"] += time.perf_counter() - t0
            result.shards_written += 1
            done = []


def _chunks(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _corpus(files: list[str], window: str, briefs: Path, engine: Engine) -> list[BlockResult]:
    """Run the corpus stages once per time window; blocks are independent, so run them apart."""
    blocks: dict[str, dict[str, list[int]]] = {}
    for name, row, published in read_column(files, "published"):
        key = window_of(published if isinstance(published, str) else None, window)
        blocks.setdefault(key, {}).setdefault(name, []).append(row)
    jobs = [(rows, key, str(briefs / key)) for key, rows in sorted(blocks.items())]
    return list(engine.each(corpus_block, jobs))


def corpus_block(job: tuple[dict[str, list[int]], str, str]) -> BlockResult:
    """Build the stories of one window's docs and write their brief (runs in any worker)."""
    rows, key, out = job
    docs = [doc_from_json(text) for text in read_docs(rows)]
    inputs = tuple(InputRecord(d.article.path or d.id, "ingested", None, d.id) for d in docs)
    found = build_stories(docs)
    brief = Brief(inputs=inputs, articles=tuple(d.article for d in docs), stories=found)
    written = write_brief(brief, out)
    with (Path(out) / STORIES).open("w", encoding="utf-8") as fh:
        for story in found:
            fh.write(json.dumps(to_data(story), ensure_ascii=False, separators=(",", ":")) + "\n")
    facts = sum(len(s.facts) for s in found)
    return BlockResult(key, len(docs), len(found), facts, str(written[0]))


def iter_docs(shard_files: Sequence[str]) -> Iterator[Doc]:
    """Yield the processed docs of a run (`RunResult.shards`), in input order."""
    for name in shard_files:
        yield from (doc_from_json(str(text)) for _, _, text in read_column([name], "doc"))


def iter_stories(blocks: Sequence[BlockResult]) -> Iterator[tuple[str, list[Story]]]:
    """Yield each block's window and the stories its corpus stages built."""
    for block in blocks:
        if block.brief is None:
            continue
        lines = (Path(block.brief).parent / STORIES).read_text(encoding="utf-8").splitlines()
        yield block.window, [from_data(Story, json.loads(line)) for line in lines if line]


def read_input_log(out_dir: str | Path) -> list[InputRecord]:
    """Return what became of every input of the last run in `out_dir` (`inputs.jsonl`)."""
    lines = (Path(out_dir) / "inputs.jsonl").read_text(encoding="utf-8").splitlines()
    return [InputRecord(**json.loads(line)) for line in lines if line]
