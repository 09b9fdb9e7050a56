"""Commands `ingest`, `articles`, `show` and `demo`: getting articles in and looking at them."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress, TaskID
from rich.table import Table
from rich.text import Text

from localties.cli.options import (
    db_option,
    open_db,
    parse_size,
    pipeline,
    progress_bar,
    quiet_option,
    stderr,
    text_value,
)
from localties.errors import InputError
from localties.ingest import (
    DEFAULT_MAX_BYTES,
    Ingested,
    article_from_record,
    decode_text,
)
from localties.model import ArticleResult
from localties.model.article import CleanView, Excluded
from localties.pipeline import IngestOutcome
from localties.sources import read_sources
from localties.store import ArticleSummary, StoredArticle, Target


@click.command()
@click.argument("paths", nargs=-1)
@db_option
@click.option(
    "--urls", "urls_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A file of URLs to fetch, one per line (blank lines and # comments skipped).",
)  # fmt: skip
@click.option(
    "--max-size",
    default=str(DEFAULT_MAX_BYTES),
    show_default=True,
    help="Largest file (or JSONL line) accepted, in bytes; K and M suffixes work.",
)
@click.option(
    "--allow-private-urls", is_flag=True,
    help="Fetch URLs whose host is on a private or loopback address (refused by default).",
)  # fmt: skip
@quiet_option
def ingest(
    paths: tuple[str, ...],
    db: Target,
    urls_file: Path | None,
    max_size: str,
    allow_private_urls: bool,
    quiet: bool,
) -> None:
    """Read articles from files, directories, URLs or stdin into the database.

    PATHS are .txt, .html, .json or .jsonl files, directories (searched recursively),
    http(s) URLs of web pages (fetched once each; the URL names the article) or - for
    JSONL on standard input. An article keeps its `id` if the input has one,
    else it is named by a hash of its content. Re-ingesting the same text changes
    nothing; a changed text under the same id is stored as a new version. Each bad
    input is reported on one line and skipped; the exit status is 1 if any was.

    Example:

    \b
        localties ingest --db news.db articles/ extra/page.html
        localties ingest --db news.db https://example.org/news/gunma-visit
        localties ingest --db news.db --urls backlog.txt
        cat feed.jsonl | localties ingest --db news.db -
    """
    limit = parse_size(max_size)
    if urls_file is not None:
        lines = urls_file.read_text(encoding="utf-8", errors="replace").splitlines()
        paths = (
            *paths,
            *(u.strip() for u in lines if u.strip() and not u.lstrip().startswith("#")),
        )
    if not paths:
        raise click.UsageError("give PATHS or --urls FILE")
    console = stderr()
    counts: Counter[str] = Counter()
    run = pipeline()
    with open_db(db) as store, progress_bar(console, quiet, total=False) as progress:
        task = progress.add_task("ingesting", total=None)
        items = read_sources(paths, max_bytes=limit, allow_private=allow_private_urls)
        for outcome in run.ingest(store, items):
            counts[_report(outcome, console)] += 1
            progress.advance(task)
    if not quiet:
        click.echo(
            f"{counts['added']} added, {counts['updated']} updated (new version), "
            f"{counts['unchanged']} unchanged, {counts['failed']} failed -> {db}"
        )
    if counts["failed"]:
        click.get_current_context().exit(1)


def _report(outcome: IngestOutcome, console: Console) -> str:
    """Print a failed input's one-line error; return the outcome's name."""
    if outcome.error is not None:
        console.print(Text(f"error: {outcome.error}"), soft_wrap=True)
    return outcome.outcome


@click.command()
@db_option
@click.option(
    "-s", "--search", callback=text_value, help="Full-text query over titles and story text."
)
@click.option("-n", "--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--all", "everything", is_flag=True, help="No limit.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def articles(db: Target, search: str | None, limit: int, everything: bool, as_json: bool) -> None:
    """List stored articles, newest first, or those matching a search.

    The search ignores case and diacritics (Pham finds Phạm) and accepts FTS5
    syntax: `Chiba AND agriculture`, `"Da Nang"`, `invest*`.

    Example:

    \b
        localties articles --db news.db --search "Kanagawa festival" --limit 5
    """
    with open_db(db) as store:
        rows = store.list_articles(search=search, limit=None if everything else limit)
    if as_json:
        for row in rows:
            click.echo(json.dumps(asdict(row), ensure_ascii=False))
        return
    console = Console(highlight=False)
    console.print(_listing(rows, console.width))
    if not rows:
        click.echo("no matching articles" if search else f"no articles in {db}")


@click.command()
@click.argument("article_id", callback=text_value)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Metadata, story, excluded parts, records.")
def show(article_id: str, db: Target, as_json: bool) -> None:
    """Show one article: its metadata and story, with the parts that are not story marked.

    Captions, agency tags, bylines and site boilerplate are printed dim and struck
    through, each labelled with the reason it was excluded.

    Example:

    \b
        localties show --db news.db 000_8cab08dcb6c6f0f1
    """
    with open_db(db) as store:
        stored = store.get_article(article_id)
        if stored is None:
            raise click.ClickException(f"no article {article_id!r} in {db}")
        counts = store.record_counts(article_id)
        extraction = store.get_extraction(article_id) if as_json else None
    view = pipeline().clean(stored.to_raw())
    if as_json:
        click.echo(json.dumps(_show_json(stored, view, extraction), ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    console.print(_header(stored, view, counts))
    console.print()
    console.print(render_view(view, stored.text))


def _listing(rows: list[ArticleSummary], width: int) -> Table:
    """A table of articles that fits `width`: every column whole but the title."""
    table = Table(box=None, header_style="bold", pad_edge=False)
    widths = {
        "id": max((len(row.id) for row in rows), default=2),
        "v": 1,
        "published": 10,
        "source": max((len(row.source or "") for row in rows), default=0),
        "records": 7,
    }
    for name, size in widths.items():
        table.add_column(name, no_wrap=True, min_width=max(size, len(name)))
    room = width - sum(max(size, len(name)) + 2 for name, size in widths.items())
    table.add_column("title (or origin)", no_wrap=True, width=max(room, 12))
    for row in rows:
        title = Text(row.title or row.origin)
        title.truncate(max(room, 12), overflow="ellipsis")
        table.add_row(
            row.id,
            str(row.version),
            row.published or "",
            row.source or "",
            str(row.records),
            title,
        )
    return table


def _header(stored: StoredArticle, view: CleanView, counts: dict[str, int]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    fields = {
        "id": f"{stored.id} (version {stored.version})",
        "title": stored.title,
        "url": stored.url,
        "published": stored.published,
        "source": view.source,
        "dateline": view.dateline,
        "origin": stored.origin,
        "ingested": stored.ingested_at,
        "length": f"{len(stored.text)} chars, story {len(view.text)} chars",
        "records": ", ".join(f"{k} {n}" for k, n in counts.items()) or "not extracted",
    }
    for name, value in fields.items():
        if value:
            table.add_row(name, Text(value))
    return table


def render_view(view: CleanView, original: str) -> Text:
    """Return the story text with each excluded part of `original` inserted where it was.

    Excluded parts are dim and struck through, preceded by their reason in brackets.
    """
    excluded = sorted(view.excluded, key=lambda e: (e.start, e.end))
    out = Text()
    run: list[str] = []
    j = 0
    for i, char in enumerate(view.text):
        while j < len(excluded) and excluded[j].start <= view.offsets[i]:
            out.append("".join(run))
            run = []
            _append_excluded(out, original, excluded[j])
            if not char.isspace():
                gap = original[excluded[j].end : view.offsets[i]]
                out.append("\n" if "\n" in gap else " ")
            j += 1
        run.append(char)
    out.append("".join(run))
    for part in excluded[j:]:
        _append_excluded(out, original, part)
    return out


def _append_excluded(out: Text, original: str, part: Excluded) -> None:
    if out.plain and not out.plain[-1].isspace():
        out.append(" ")
    out.append(f"[{part.reason}]", style="italic dim")
    out.append(original[part.start : part.end], style="dim strike")


def _show_json(
    stored: StoredArticle, view: CleanView, extraction: ArticleResult | None
) -> dict[str, Any]:
    data = asdict(stored)
    data.pop("raw")
    data.update(
        story=view.text,
        source=view.source,
        dateline=view.dateline,
        excluded=[asdict(e) for e in view.excluded],
        extraction=extraction.to_contract() if extraction else None,
    )
    return data


# -- demo -----------------------------------------------------------------------------


def sample_files() -> list[Traversable]:
    """Return the bundled sample articles (`data/sample/*.json`), sorted by name."""
    folder = files("localties") / "data" / "sample"
    if not folder.is_dir():
        return []
    return sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)


def _read_sample(resource: Traversable) -> Iterator[Ingested | InputError]:
    source = f"sample/{resource.name}"
    try:
        record = json.loads(decode_text(resource.read_bytes(), source))
        yield article_from_record(record, source)
    except json.JSONDecodeError as exc:
        yield InputError(source, f"invalid JSON: {exc.msg}")
    except InputError as exc:
        yield exc


@click.command()
@db_option
@quiet_option
def demo(db: Target, quiet: bool) -> None:
    """Ingest and extract the bundled sample articles, then tell how to look at them.

    Safe to re-run: known articles are not stored twice, and each article's
    extraction results are replaced, not added to.

    Example:

    \b
        localties demo --db demo.db && localties articles --db demo.db
    """
    samples = sample_files()
    if not samples:
        raise click.ClickException("no sample articles are bundled with this installation")
    console = stderr()
    run = pipeline()
    outcomes: Counter[str] = Counter()
    ids: list[str] = []
    with open_db(db) as store, progress_bar(console, quiet, total=True) as progress:
        task = progress.add_task("ingesting", total=len(samples))
        for outcome in run.ingest(store, _read_samples(samples, progress, task)):
            outcomes[_report(outcome, console)] += 1
            if outcome.error is None and outcome.article_id:
                ids.append(outcome.article_id)
        progress.update(task, description="extracting", completed=0, total=len(ids))
        for extracted in run.extract_store(store, ids):
            if extracted.error is not None:
                outcomes["failed"] += 1
                console.print(Text(f"error: {extracted.error}"), soft_wrap=True)
            progress.advance(task)
        run.consolidate(store, ids)
        counts = store.record_counts()
    if not quiet:
        _demo_summary(db, len(ids), outcomes, counts)
    if outcomes["failed"]:
        click.get_current_context().exit(1)


def _read_samples(
    samples: list[Traversable], progress: Progress, task: TaskID
) -> Iterator[Ingested | InputError]:
    for resource in samples:
        yield from _read_sample(resource)
        progress.advance(task)


def _demo_summary(db: Target, n: int, outcomes: Counter[str], counts: dict[str, int]) -> None:
    click.echo(
        f"{n} sample articles in {db} ({outcomes['added']} added, {outcomes['updated']} updated, "
        f"{outcomes['unchanged']} unchanged, {outcomes['failed']} failed)"
    )
    click.echo("records: " + (", ".join(f"{k} {v}" for k, v in counts.items()) or "none"))
    click.echo("look at them with:")
    click.echo(f"  localties articles --db {db}")
    click.echo(f"  localties show --db {db} ID")
    shell = "sqlite3" if isinstance(db, Path) else "psql"
    click.echo(f'  {shell} "{db}" -c "SELECT kind, count(*) FROM records GROUP BY kind"'
               if shell == "psql" else
               f'  sqlite3 {db} "SELECT kind, count(*) FROM records GROUP BY kind"')  # fmt: skip
    click.echo(f"  localties serve --db {db}            # the dashboard on http://127.0.0.1:8000/")


COMMANDS: list[click.Command] = [ingest, articles, show, demo]
