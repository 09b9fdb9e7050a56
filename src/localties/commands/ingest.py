"""Commands `ingest`, `articles`, `show` and `demo`: getting articles in and looking at them."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from localties.clean import clean
from localties.errors import InputError, LocaltiesError, StoreError
from localties.ingest import (
    DEFAULT_MAX_BYTES,
    Ingested,
    article_from_record,
    decode_text,
    read_inputs,
)
from localties.model.article import CleanView, Excluded
from localties.store import (
    DB_ENV,
    DEFAULT_DB,
    ArticleSummary,
    SQLiteStore,
    StoredArticle,
    open_store,
)
from localties.version import EXTRACTOR_VERSION

F = TypeVar("F", bound=Callable[..., Any])

_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]i?b?|b)?\s*$", re.I)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def db_option(func: F) -> F:
    """The `--db` option every command takes."""
    option = click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar=DB_ENV,
        default=DEFAULT_DB,
        show_default=True,
        show_envvar=True,
        help="SQLite database file (created if missing).",
    )
    return option(func)


def quiet_option(func: F) -> F:
    """The `--quiet` option: no progress bar and no summary, errors only."""
    return click.option("-q", "--quiet", is_flag=True, help="Print errors only.")(func)


def parse_size(value: str) -> int:
    """Parse a byte count such as `10485760`, `512K` or `10M`."""
    match = _SIZE.match(value)
    if not match:
        raise click.BadParameter(f"{value!r} is not a size such as 2000000, 512K or 10M")
    return int(match.group(1)) * _UNITS[(match.group(2) or "")[:1].lower()]


def _open(db: Path) -> SQLiteStore:
    try:
        return open_store(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def progress_bar(console: Console, quiet: bool, *, total: bool) -> Progress:
    """A progress display on stderr (off with --quiet); `total` when the count is known."""
    columns = [SpinnerColumn(), TextColumn("{task.description}")]
    if total:
        columns += [BarColumn(), MofNCompleteColumn()]
    else:
        columns += [TextColumn("{task.completed} done")]
    return Progress(*columns, TimeElapsedColumn(), console=console, disable=quiet, transient=True)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option(
    "--max-size",
    default=str(DEFAULT_MAX_BYTES),
    show_default=True,
    help="Largest file (or JSONL line) accepted, in bytes; K and M suffixes work.",
)
@quiet_option
def ingest(paths: tuple[str, ...], db: Path, max_size: str, quiet: bool) -> None:
    """Read articles from files, directories or stdin into the database.

    PATHS are .txt, .html, .json or .jsonl files, directories (searched recursively)
    or - for JSONL on standard input. An article keeps its `id` if the input has one,
    else it is named by a hash of its content. Re-ingesting the same text changes
    nothing; a changed text under the same id is stored as a new version. Each bad
    input is reported on one line and skipped; the exit status is 1 if any was.

    Example:

    \b
        localties ingest --db news.db articles/ extra/page.html
        cat feed.jsonl | localties ingest --db news.db -
    """
    limit = parse_size(max_size)
    console = _stderr()
    counts: Counter[str] = Counter()
    with _open(db) as store, progress_bar(console, quiet, total=False) as progress:
        task = progress.add_task("ingesting", total=None)
        for item in read_inputs(paths, max_bytes=limit):
            counts[_store_one(store, item, console)] += 1
            progress.advance(task)
    if not quiet:
        click.echo(
            f"{counts['added']} added, {counts['updated']} updated (new version), "
            f"{counts['unchanged']} unchanged, {counts['failed']} failed -> {db}"
        )
    if counts["failed"]:
        click.get_current_context().exit(1)


def _store_one(store: SQLiteStore, item: Ingested | InputError, console: Console) -> str:
    if isinstance(item, InputError):
        console.print(Text(f"error: {item}"), soft_wrap=True)
        return "failed"
    try:
        return store.add_article(item.article, raw=item.html)
    except LocaltiesError as exc:
        console.print(Text(f"error: {exc}"), soft_wrap=True)
        return "failed"


@click.command()
@db_option
@click.option("-s", "--search", help="Full-text query over titles and story text.")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--all", "everything", is_flag=True, help="No limit.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def articles(db: Path, search: str | None, limit: int, everything: bool, as_json: bool) -> None:
    """List stored articles, newest first, or those matching a search.

    The search ignores case and diacritics (Pham finds Phạm) and accepts FTS5
    syntax: `Chiba AND agriculture`, `"Da Nang"`, `invest*`.

    Example:

    \b
        localties articles --db news.db --search "Kanagawa festival" --limit 5
    """
    with _open(db) as store:
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
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Metadata, story, excluded parts, records.")
def show(article_id: str, db: Path, as_json: bool) -> None:
    """Show one article: its metadata and story, with the parts that are not story marked.

    Captions, agency tags, bylines and site boilerplate are printed dim and struck
    through, each labelled with the reason it was excluded.

    Example:

    \b
        localties show --db news.db 000_8cab08dcb6c6f0f1
    """
    with _open(db) as store:
        stored = store.get_article(article_id)
        if stored is None:
            raise click.ClickException(f"no article {article_id!r} in {db}")
        counts = store.record_counts(article_id)
        extraction = store.get_extraction(article_id) if as_json else None
    view = clean(stored.to_raw())
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
    stored: StoredArticle, view: CleanView, extraction: dict[str, Any] | None
) -> dict[str, Any]:
    data = asdict(stored)
    data.pop("raw")
    data.update(
        story=view.text,
        source=view.source,
        dateline=view.dateline,
        excluded=[asdict(e) for e in view.excluded],
        extraction=extraction,
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
def demo(db: Path, quiet: bool) -> None:
    """Ingest and extract the bundled sample articles, then tell how to look at them.

    Safe to re-run: known articles are not stored twice, and each article's
    extraction results are replaced, not added to.

    Example:

    \b
        localties demo --db demo.db && localties articles --db demo.db
    """
    from localties.extract import extract_articles

    samples = sample_files()
    if not samples:
        raise click.ClickException("no sample articles are bundled with this installation")
    console = _stderr()
    outcomes: Counter[str] = Counter()
    ids: list[str] = []
    with _open(db) as store, progress_bar(console, quiet, total=True) as progress:
        task = progress.add_task("ingesting", total=len(samples))
        for resource in samples:
            for item in _read_sample(resource):
                outcome = _store_one(store, item, console)
                outcomes[outcome] += 1
                if isinstance(item, Ingested) and outcome != "failed":
                    ids.append(item.article.id)
            progress.advance(task)
        progress.update(task, description="extracting", completed=0, total=len(ids))
        for result in extract_articles(store.iter_articles(ids)):
            store.replace_extraction(result.id, result, EXTRACTOR_VERSION)
            progress.advance(task)
        counts = store.record_counts()
    if not quiet:
        _demo_summary(db, len(ids), outcomes, counts)
    if outcomes["failed"]:
        click.get_current_context().exit(1)


def _demo_summary(db: Path, n: int, outcomes: Counter[str], counts: dict[str, int]) -> None:
    click.echo(
        f"{n} sample articles in {db} ({outcomes['added']} added, {outcomes['updated']} updated, "
        f"{outcomes['unchanged']} unchanged, {outcomes['failed']} failed)"
    )
    click.echo("records: " + (", ".join(f"{k} {v}" for k, v in counts.items()) or "none"))
    click.echo("look at them with:")
    click.echo(f"  localties articles --db {db}")
    click.echo(f"  localties show --db {db} ID")
    click.echo(f'  sqlite3 {db} "SELECT kind, count(*) FROM records GROUP BY kind"')


COMMANDS: list[click.Command] = [ingest, articles, show, demo]
