"""The `storyline` command: a thin layer over the library; each command calls one function."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.errors import StorylineError
from storyline.model import Brief, Doc, Story

if TYPE_CHECKING:
    from storyline.run import RunResult

# The commands import the pipeline, models and renderers when they run, so that `--help`
# and the store commands start without loading spaCy.


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
    help="Folder for brief.html, brief.md, brief.json (with several stories: an index there "
    "and one brief per story under stories/).",
)
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: up to the number of cores; 1 = no workers).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
    help="Brief a story stored in this store instead: PATHS is then the story's id.",
)
def brief(
    paths: tuple[str, ...], out_dir: str, processes: int | None, quiet: bool, db: str | None
) -> None:
    """Write a brief of the articles in PATHS (files, folders, globs, '-' for stdin).

    With no PATHS, runs on the bundled sample story. With --db FILE, PATHS is one story id
    (or a unique prefix) and the brief is the stored story's.

    Example: storyline brief ~/articles/ --out brief/
    """
    from storyline.brief import make_brief, sample_paths
    from storyline.engines import make_engine
    from storyline.render import write_brief

    if db is not None:
        _brief_from_store(db, paths, out_dir, quiet)
        return
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
    count = len(result.stories)
    console.print(
        f"[bold]{count} {'story' if count == 1 else 'stories'}[/bold], "
        f"{status['ingested']} articles used, "
        f"{status['duplicate']} duplicate, {status['skipped']} skipped"
    )
    if count == 1:
        _story_detail(console, result, result.stories[0])
    else:
        _story_lines(console, result)
    for rec in result.inputs:
        if rec.status == "skipped":
            console.print(f"  skipped {rec.path}: {rec.reason}", markup=False, highlight=False)
    top = written[:3]  # write_brief returns the top-level files first, then each story's
    extra = (len(written) - len(top)) // 3
    more = f" and {extra} story briefs in {Path(top[0]).parent / 'stories'}" if extra else ""
    console.print("\nwrote " + ", ".join(top) + more, markup=False, highlight=False)


def _story_detail(console: Console, result: Brief, story: Story) -> None:
    """Print one story's best-supported facts and every conflict."""
    from storyline.render.view import outlet_names

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


#: With several stories, the summary lists this many and counts the rest.
_LISTED_STORIES = 25


def _story_lines(console: Console, result: Brief) -> None:
    """Print one line per story: size, independent sources, dates and title."""
    from storyline.render.index import span_label

    console.print()
    for story in result.stories[:_LISTED_STORIES]:
        independent = sum(1 for p in story.sources if p.signals.copy_of is None)
        corroborated = sum(1 for f in story.facts if f.status == "corroborated")
        console.print(
            f"  {len(story.article_ids):>4} articles ({independent} independent), "
            f"{corroborated} corroborated facts, {span_label(story)}: {story.title}",
            markup=False,
            highlight=False,
        )
    hidden = len(result.stories) - _LISTED_STORIES
    if hidden > 0:
        console.print(f"  ... and {hidden} more stories", markup=False, highlight=False)


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["plover-json", "rows-json", "table"]),
    default="plover-json",
    show_default=True,
    help="PLOVER records, flat rows in PLOVER field names, or a tab-separated table.",
)
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: up to the number of cores; 1 = no workers).",
)
def events(paths: tuple[str, ...], fmt: str, processes: int | None) -> None:
    """Print the events of the articles in PATHS: who did what to whom, in PLOVER form.

    With no PATHS, runs on the bundled sample story.

    Example: storyline events ~/articles/ --format plover-json > events.json
    """
    from storyline.brief import make_brief, sample_paths
    from storyline.engines import make_engine
    from storyline.render.plover import export_events

    try:
        result = make_brief(list(paths) or sample_paths(), engine=make_engine(processes))
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(export_events(result, fmt), nl=False)


# --- The store and the web app: ingest, stories, search, show, export, serve. ---------------

_db_option = click.option(
    "--db",
    required=True,
    envvar="STORYLINE_DB",
    type=click.Path(dir_okay=False),
    help="The store file (DuckDB); default from $STORYLINE_DB.",
)
_json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@contextmanager
def _store_errors() -> Iterator[None]:
    """Turn errors a user can cause into one line and exit code 1."""
    try:
        yield
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@click.argument("paths", nargs=-1)
@_db_option
@click.option("--story", default=None, help="Add the new articles to this stored story (id).")
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: up to the number of cores; 1 = no workers).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1, max=1000),
    default=16,
    show_default=True,
    help="Articles per committed batch.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def ingest(
    paths: tuple[str, ...],
    db: str,
    story: str | None,
    processes: int | None,
    batch_size: int,
    quiet: bool,
) -> None:
    """Add the articles in PATHS to the store and update the stories they join.

    Idempotent (an article already stored is skipped) and resumable (re-run a killed ingest to
    finish it). New articles are clustered into the stored stories of their time (the story of
    their event, or a new one), or all join the story given with --story. With no PATHS,
    ingests the bundled sample story.

    Example: storyline ingest ~/articles/ --db news.duckdb
    """
    from storyline.brief import sample_paths
    from storyline.engines import make_engine
    from storyline.store import ingest as ingest_paths

    err = Console(stderr=True, quiet=quiet, emoji=False)
    chosen = list(paths) or sample_paths()
    if not paths:
        err.print("[dim]No inputs given: using the bundled sample story.[/dim]")
    with _store_errors():
        report = ingest_paths(
            chosen,
            db,
            story=story,
            engine=make_engine(processes),
            batch_size=batch_size,
            track=None if quiet else _progress(err),
        )
    if quiet:
        return
    status = Counter(r.status for r in report.inputs)
    click.echo(
        f"{len(report.new_article_ids)} new articles, {len(report.stored_article_ids)} already "
        f"stored, {status['duplicate']} duplicate, {status['skipped']} skipped; "
        f"{len(report.stories_updated)} stories updated: {', '.join(report.stories_updated)}"
    )
    for rec in report.inputs:
        if rec.status == "skipped":
            click.echo(f"  skipped {rec.path}: {rec.reason}")


@main.command()
@_db_option
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@_json_option
def stories(db: str, limit: int, as_json: bool) -> None:
    """List the stored stories, newest first.

    Example: storyline stories --db news.duckdb
    """
    from storyline.store import count_stories, list_stories, read_store

    with _store_errors(), read_store(db) as con:
        total, rows = count_stories(con), list_stories(con, limit=limit)
    if as_json:
        _echo_json({"total": total, "stories": [asdict(r) for r in rows]})
        return
    click.echo(f"{total} stories")
    for r in rows:
        click.echo(
            f"{r.id}  {r.latest_published or '----------'}  {r.article_count:>3} articles "
            f"{r.source_count:>3} sources  {r.corroborated:>3} corroborated "
            f"{r.conflicting:>2} conflicting  {r.title}"
        )


@main.command()
@click.argument("query")
@_db_option
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@_json_option
def search(query: str, db: str, limit: int, as_json: bool) -> None:
    """Search the store: people and organisations by name, articles by BM25 full text.

    Example: storyline search "Ever Given" --db news.duckdb
    """
    from storyline.store import read_store
    from storyline.store import search as search_store

    with _store_errors(), read_store(db) as con:
        found = search_store(con, query, limit=limit)
    if as_json:
        _echo_json(asdict(found))
        return
    for e in found.entities:
        click.echo(f"entity  {e.id}  {e.name} ({e.type}), in {e.stories} stories")
    for s in found.stories:
        click.echo(f"story   {s.id}  {s.title}")
    for a in found.articles:
        click.echo(f"article {a.id}  {a.score:.2f}  {a.source or '-'}: {a.title}")
        click.echo(f"        {a.snippet}")
    if not (found.entities or found.articles):
        click.echo(f"nothing matches {found.query!r}")


@main.command()
@click.argument("story")
@_db_option
@_json_option
def show(story: str, db: str, as_json: bool) -> None:
    """Show one stored story: counts, the best-supported facts and every conflict.

    STORY is the story's id or a unique prefix of it. --json prints its brief JSON.

    Example: storyline show s1a2b --db news.duckdb
    """
    from storyline.store import load_story, read_store, resolve_story

    with _store_errors(), read_store(db) as con:
        stored = load_story(con, resolve_story(con, story))
    if stored is None:  # pragma: no cover  (resolve_story found it in the same snapshot)
        raise click.ClickException(f"story {story!r} has not been built yet")
    if as_json:
        _echo_json(stored.brief)
        return
    summary = stored.summary
    click.echo(f"{summary.id}  updated {summary.updated_at}")
    brief_obj = Brief(inputs=(), articles=tuple(stored.articles.values()), stories=(stored.story,))
    _show_stories(Console(emoji=False), brief_obj)


def _show_stories(console: Console, result: Brief) -> None:
    """Print each story's title, fact counts, best facts and conflicts (as `brief` does)."""
    from storyline.render.view import outlet_names

    for story in result.stories:
        names = outlet_names(story, {a.id: a for a in result.articles})
        counts = Counter(f.status for f in story.facts)
        console.print(
            f"{story.title}\n  {len(story.article_ids)} articles, {len(story.facts)} facts: "
            f"{counts['corroborated']} corroborated, {counts['conflicting']} conflicting, "
            f"{counts['single-source']} single-source",
            markup=False,
            highlight=False,
        )
        for fact in [f for f in story.facts if f.status == "corroborated"][:5]:
            console.print(
                f"  + {fact.text} ({fact.independent_sources} independent sources)",
                markup=False,
                highlight=False,
            )
        for fact in story.facts:
            for conflict in fact.conflicts:
                sides = "; ".join(
                    f"{v.value} ({', '.join(names[a] for a in v.article_ids)})"
                    for v in conflict.variants
                )
                console.print(
                    f"  ! conflict on {conflict.slot}: {sides}", markup=False, highlight=False
                )


@main.command()
@_db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet", "jsonl", "csv"]),
    default="parquet",
    show_default=True,
)
@click.option(
    "--out",
    "out_dir",
    default="export",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for one file per table (created if missing).",
)
def export(db: str, fmt: str, out_dir: str) -> None:
    """Export every table of the store, one file per table.

    Example: storyline export --db news.duckdb --format parquet --out export/
    """
    from storyline.store import export_tables, read_store

    with _store_errors(), read_store(db) as con:
        written = export_tables(con, Path(out_dir), fmt)  # type: ignore[arg-type]
    click.echo(f"wrote {len(written)} files to {out_dir}")


@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--threads", type=click.IntRange(1, 64), default=4, show_default=True)
def serve(db: str, host: str, port: int, threads: int) -> None:
    """Serve the store's stories in a web browser (read-only) and as JSON under /api/.

    Listens on localhost only unless --host says otherwise. Stop it with Ctrl-C.

    Example: storyline serve --db news.duckdb --port 8000
    """
    from storyline.web import serve_store

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: other machines can read this store", err=True)
    with _store_errors():
        serve_store(db, host=host, port=port, threads=threads)


def _brief_from_store(db: str, refs: tuple[str, ...], out_dir: str, quiet: bool) -> None:
    """Write the brief of one stored story (the `brief --db FILE STORY` form)."""
    from storyline.render import write_brief
    from storyline.store import read_store, resolve_story, story_brief

    if len(refs) != 1:
        raise click.UsageError("with --db, give exactly one story id (see 'storyline stories')")
    with _store_errors(), read_store(db) as con:
        result = story_brief(con, resolve_story(con, refs[0]))
    if result is None:  # pragma: no cover  (resolve_story found it in the same snapshot)
        raise click.ClickException(f"story {refs[0]!r} has not been built yet")
    written = write_brief(result, out_dir)
    if not quiet:
        _summary(Console(emoji=False), result, [str(p) for p in written])


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
@click.option(
    "--db",
    default=None,
    type=click.Path(dir_okay=False),
    help="Store (DuckDB) to load the run's articles and stories into; created if missing.",
)
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
    "--attributions",
    is_flag=True,
    help="Also run attributions.v1: beliefs, intentions and stances in the shards' quotes.",
)
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
    attributions: bool,
    allow_private: bool,
    quiet: bool,
) -> None:
    """Process a crawl (WARC, feeds, URL lists, files) into shards and briefs per time window.

    With --db FILE, the run's articles and stories are then loaded into that store, where
    'storyline stories', 'search' and 'serve' read them; a rerun adds nothing twice.

    Example: storyline run CC-NEWS-20210324.warc.gz --out run/ --db news.duckdb
    """
    from storyline.engines import make_engine
    from storyline.ingest.fetch import FetchPolicy
    from storyline.pipeline import DEFAULT_STAGES
    from storyline.run import run_corpus

    err = Console(stderr=True, quiet=quiet, emoji=False)
    try:
        result = run_corpus(
            list(paths),
            out_dir,
            engine=make_engine(processes, engine, ray_address),
            shard_size=shard_size,
            window=window,
            stories=not no_stories,
            stages=(*DEFAULT_STAGES, "attributions.v1") if attributions else DEFAULT_STAGES,
            fetch=FetchPolicy(allow_private=allow_private),
            track=None if quiet else _counter(err),
            db=db,
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
    if result.stored is not None:
        stored = result.stored
        console.print(
            f"  store: {stored.new_articles} new articles, {stored.stored_articles} already "
            f"stored; {len(stored.stories)} stories written, {len(stored.superseded)} replaced",
            markup=False,
            highlight=False,
        )
    spent = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
    console.print(f"time: {spent}\nwrote {result.out_dir}", markup=False, highlight=False)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
