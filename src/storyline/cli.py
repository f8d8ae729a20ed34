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
from storyline.model import Brief, Doc
from storyline.render import write_brief
from storyline.render.view import outlet_names


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
    from storyline.render.plover import export_events

    try:
        result = make_brief(list(paths) or sample_paths(), engine=make_engine(processes))
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(export_events(result, fmt), nl=False)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
