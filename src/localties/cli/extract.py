"""Commands `extract` and `evaluate`: records out of articles, and how good they are."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from functools import partial
from pathlib import Path

import click

from localties.cli.options import (
    db_option,
    jobs_option,
    open_db,
    pipeline,
    progress_bar,
    quiet_option,
    stderr,
    text_value,
)
from localties.errors import ExtractionError, InputError, printable
from localties.evaluate import format_report, score_files
from localties.ingest import read_inputs
from localties.model.article import RawArticle
from localties.pipeline import ExtractOutcome, PairSource
from localties.store import DbUrl, Target
from localties.version import extractor_version


@click.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--json", "as_json", is_flag=True, help="Print one contract object per article (JSONL)."
)
@click.option(
    "--id",
    "ids",
    multiple=True,
    callback=text_value,
    help="With a database: only these article ids.",
)
@click.option(
    "--new",
    "only_new",
    is_flag=True,
    help="With a database: only articles without a current extraction.",
)
@click.option(
    "--prefilter", is_flag=True,
    help="Skip, before the language model, stories that name no two countries' places or "
    "officials (their result holds only metadata, marked skipped).",
)  # fmt: skip
@click.option(
    "--dask", "dask_address", default=None, metavar="SCHEDULER",
    help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or local:N "
    "for N local worker processes. With a PostgreSQL --db the workers write the results "
    "themselves.",
)  # fmt: skip
@jobs_option
@db_option
@quiet_option
def extract(
    paths: tuple[str, ...],
    as_json: bool,
    ids: tuple[str, ...],
    only_new: bool,
    prefilter: bool,
    dask_address: str | None,
    jobs: int,
    db: Target,
    quiet: bool,
) -> None:
    """Extract meetings, agreements, statements, events, ties, facts, topics and entities.

    With PATHS and --json, reads the files (.txt, .html, .json, .jsonl, folders, `-`
    for JSONL on stdin) and prints one object per article as EXTRACTION.md defines
    it. Without --json, extracts the articles stored in the database (all, or those
    named with --id, or with --new those without a current extraction: none yet, one
    made by other rules or data, or one of an older text) and stores the records with
    the extractor version, replacing an article's earlier records in one transaction;
    then it brings the knowledge base up to date. --prefilter skips irrelevant news
    cheaply (for crawls where most stories are about something else).

    Example:

    \b
        localties extract --json article.json > records.jsonl
        localties ingest --db news.db news/ && localties extract --db news.db
        localties extract --db crawl.db --new --prefilter
        localties extract --db crawl.db --new --dask local:2
    """
    with ExitStack() as stack:
        pairs: PairSource | None = None
        if dask_address:
            from localties.cluster import ClusterError, connect, extract_pairs, store_pairs

            try:
                client = stack.enter_context(connect(dask_address))
            except ClusterError as exc:
                raise click.ClickException(str(exc)) from exc
            if isinstance(db, DbUrl) and not as_json:  # the workers write to the shared store
                pairs = partial(store_pairs, client=client, prefilter=prefilter, location=db.url)
            else:
                pairs = partial(extract_pairs, client=client, prefilter=prefilter)
        _extract(paths, as_json, ids, only_new, prefilter, pairs, jobs, db, quiet)


def _extract(
    paths: tuple[str, ...],
    as_json: bool,
    ids: tuple[str, ...],
    only_new: bool,
    prefilter: bool,
    pairs: PairSource | None,
    jobs: int,
    db: Target,
    quiet: bool,
) -> None:
    failed = 0
    run = pipeline(prefilter=prefilter)
    if as_json:
        if not paths:
            raise click.UsageError("--json needs PATHS to read (or `-` for stdin)")

        def articles() -> Iterator[RawArticle]:
            nonlocal failed
            for item in read_inputs(paths):
                if isinstance(item, InputError):
                    failed += 1
                    click.echo(f"error: {item}", err=True)
                    continue
                yield item.article

        results = (r for _, r in pairs(articles())) if pairs else run.extract(articles(), jobs=jobs)
        for result in results:
            if isinstance(result, ExtractOutcome):  # never with --json: nothing is stored
                continue
            if isinstance(result, ExtractionError):
                failed += 1
                click.echo(f"error: {result}", err=True)
                continue
            sys.stdout.write(json.dumps(result.to_contract(), ensure_ascii=False) + "\n")
        sys.exit(1 if failed else 0)
    if paths:
        raise click.UsageError(
            "PATHS go with --json; to extract files into the database, ingest them first"
        )
    console = stderr()
    with open_db(db) as store, progress_bar(console, quiet, total=True) as progress:
        missing = [i for i in ids if store.get_article(i) is None]
        for article_id in missing:
            failed += 1
            console.print(f"error: no article {printable(article_id)!r} in {db}", markup=False)
        ids = tuple(i for i in ids if i not in missing)
        if only_new:
            ids = (*ids, *store.stale_ids(extractor_version()))
            if not ids and not missing:
                if not quiet:
                    click.echo("every article has a current extraction; nothing to do")
                return
        done = 0
        task = progress.add_task("extracting", total=len(ids) if ids else store.count_articles())
        wanted = list(ids) if ids or missing or only_new else None
        for outcome in run.extract_store(store, wanted, jobs=jobs, pairs=pairs):
            progress.advance(task)
            if outcome.error is not None:
                failed += 1
                console.print(f"error: {outcome.error}", markup=False)
                continue
            done += 1
        if done:  # every article, or just the events the extracted ones can touch
            run.consolidate(store, wanted)
        if not quiet:
            counts = store.record_counts()
            summary = ", ".join(f"{k} {n}" for k, n in sorted(counts.items())) or "none"
            click.echo(
                f"extracted {done} article(s) with {extractor_version()}; records: {summary}"
            )
    if failed:
        sys.exit(1)


@click.command()
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("predictions", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--details", is_flag=True, help="Print each article's misses and extras.")
def evaluate(gold_dir: Path, predictions: Path, as_json: bool, details: bool) -> None:
    """Score predictions (JSONL from `extract --json`) against NAME.gold.json files.

    Prints precision, recall and F1 per component and the headline F1 (the mean F1 of
    meeting_pairs_dated, entities.person, entities.place, agreements, ties, facts and
    topics), micro-averaged over the articles, as the extraction contract defines.

    Example:

    \b
        localties extract --json corpus/*.json > pred.jsonl
        localties evaluate corpus/ pred.jsonl
    """
    report = score_files(gold_dir, predictions, details=details)
    if as_json:
        click.echo(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        click.echo(format_report(report))


COMMANDS: list[click.Command] = [extract, evaluate]
