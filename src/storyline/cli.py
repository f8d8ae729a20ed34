"""The `storyline` command: a thin layer over the library; each command calls one function."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.brief import make_brief, sample_paths
from storyline.engines import make_engine
from storyline.errors import StorylineError
from storyline.ingest.fetch import FetchPolicy
from storyline.model import Brief, Doc
from storyline.render import write_brief
from storyline.render.view import outlet_names
from storyline.run import RunResult, check_store, run_corpus


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storyline")
def main() -> None:
    """Turn news articles about one event into a verified, source-attributed brief."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--out",
    "out_dir",
    default="brief",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for brief.html, brief.md, brief.json.",
)
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: up to the number of cores; 1 = no workers).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def brief(paths: tuple[str, ...], out_dir: str, processes: int | None, quiet: bool) -> None:
    """Write a brief of the articles in PATHS (files, folders, globs, '-' for stdin).

    With no PATHS, runs on the bundled sample story.

    Example: storyline brief ~/articles/ --out brief/
    """
    err = Console(stderr=True, quiet=quiet, emoji=False)
    chosen = list(paths) or sample_paths()
    if not paths:
        err.print("[dim]No inputs given: using the bundled sample story.[/dim]")
    try:
        result = make_brief(
            chosen, engine=make_engine(processes), track=None if quiet else _progress(err)
        )
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from None
    written = write_brief(result, out_dir)
    if not quiet:
        _summary(Console(emoji=False), result, [str(p) for p in written])


def _progress(console: Console):  # type: ignore[no-untyped-def]
    """Return a tracker that draws a progress bar on a terminal and stays quiet when piped."""

    def track(docs: Iterator[Doc], total: int) -> Iterable[Doc]:
        if not console.is_terminal:
            yield from docs
            return
        columns = (
            TextColumn("analysing articles"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("articles", total=total)
            for doc in docs:
                bar.advance(task)
                yield doc

    return track


def _summary(console: Console, result: Brief, written: list[str]) -> None:
    """Print stories, input accounting, the best-supported facts and every conflict."""
    status = Counter(r.status for r in result.inputs)
    console.print(
        f"[bold]{len(result.stories)} story[/bold], {status['ingested']} articles used, "
        f"{status['duplicate']} duplicate, {status['skipped']} skipped"
    )
    for story in result.stories:
        names = outlet_names(story, {a.id: a for a in result.articles})
        counts = Counter(f.status for f in story.facts)
        console.print(
            f"\n[bold]{escape(story.title)}[/bold]\n  {len(story.facts)} facts: "
            f"{counts['corroborated']} corroborated, {counts['conflicting']} conflicting, "
            f"{counts['single-source']} single-source"
        )
        for fact in [f for f in story.facts if f.status == "corroborated"][:5]:
            console.print(
                f"  + {fact.text} ({fact.independent_sources} independent sources)",
                markup=False,
                highlight=False,
            )
        for fact in (f for f in story.facts if f.conflicts):
            for conflict in fact.conflicts:
                sides = "; ".join(
                    f"{v.value} ({', '.join(names[a] for a in v.article_ids)})"
                    for v in conflict.variants
                )
                console.print(
                    f"  ! conflict on {conflict.slot}: {sides}", markup=False, highlight=False
                )
    for rec in result.inputs:
        if rec.status == "skipped":
            console.print(f"  skipped {rec.path}: {rec.reason}", markup=False, highlight=False)
    console.print("\nwrote " + ", ".join(written), markup=False, highlight=False)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out",
    "out_dir",
    default="run",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for shards, briefs, inputs.jsonl and run.json; a rerun resumes in it.",
)
@click.option("--db", default=None, help="DuckDB file to load the results into (needs the store).")
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where the stages run: local processes, or Ray (pip install 'storyline[ray]').",
)
@click.option("--ray-address", default=None, help="Ray cluster to join (default: start one).")
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (local) or CPUs (a local Ray); default: the cores, up to 4.",
)
@click.option(
    "--shard-size", type=click.IntRange(min=1), default=1000, show_default=True,
    help="Articles per Parquet shard (the unit a rerun skips).",
)  # fmt: skip
@click.option(
    "--window",
    type=click.Choice(["day", "week", "month", "all"]),
    default="week",
    show_default=True,
    help="Time window of a corpus block: stories are built within each.",
)
@click.option("--no-stories", is_flag=True, help="Only the per-article stages and shards.")
@click.option(
    "--allow-private", is_flag=True, help="Let feeds and URLs reach private or loopback hosts."
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def run(
    paths: tuple[str, ...],
    out_dir: str,
    db: str | None,
    engine: str,
    ray_address: str | None,
    processes: int | None,
    shard_size: int,
    window: str,
    no_stories: bool,
    allow_private: bool,
    quiet: bool,
) -> None:
    """Process a crawl (WARC, feeds, URL lists, files) into shards and briefs per time window.

    Example: storyline run CC-NEWS-20210324.warc.gz --out run/ --engine local
    """
    err = Console(stderr=True, quiet=quiet, emoji=False)
    try:
        if db is not None:
            check_store(db)
        result = run_corpus(
            list(paths),
            out_dir,
            engine=make_engine(processes, engine, ray_address),
            shard_size=shard_size,
            window=window,
            stories=not no_stories,
            fetch=FetchPolicy(allow_private=allow_private),
            track=None if quiet else _counter(err),
        )
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from None
    if not quiet:
        _run_summary(Console(emoji=False), result)


def _counter(console: Console):  # type: ignore[no-untyped-def]
    """Return a tracker that counts processed articles on a terminal."""

    def track(docs: Iterator[Doc]) -> Iterable[Doc]:
        if not console.is_terminal:
            yield from docs
            return
        columns = (TextColumn("analysing articles"), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("articles", total=None)
            for doc in docs:
                bar.advance(task)
                yield doc

    return track


def _run_summary(console: Console, result: RunResult) -> None:
    """Print input accounting, shards, blocks and where the time went."""
    inputs = result.inputs
    console.print(
        f"{result.articles} articles from {sum(inputs.values())} inputs: "
        f"{inputs.get('ingested', 0)} ingested, {inputs.get('duplicate', 0)} duplicate, "
        f"{inputs.get('skipped', 0)} skipped; {result.shards_written} shards written, "
        f"{result.shards_resumed} resumed ({result.engine})",
        markup=False,
        highlight=False,
    )
    for reason, count in sorted(result.skip_reasons.items(), key=lambda kv: -kv[1])[:8]:
        console.print(f"  skipped {count} x {reason}", markup=False, highlight=False)
    for block in result.blocks:
        console.print(
            f"  {block.window}: {block.articles} articles, {block.stories} stories, "
            f"{block.facts} facts -> {block.brief}",
            markup=False,
            highlight=False,
        )
    spent = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
    console.print(f"time: {spent}\nwrote {result.out_dir}", markup=False, highlight=False)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
