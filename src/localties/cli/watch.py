"""Command `watch`: follow RSS/Atom feeds, taking each new story into the database."""

from __future__ import annotations

import re
import time

import click
from rich.text import Text

from localties.cli.options import db_option, open_db, parse_size, pipeline, quiet_option, stderr
from localties.ingest import DEFAULT_MAX_BYTES
from localties.store import Target

COMMANDS: list[click.Command] = []
_EVERY = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd]?)$")


def parse_every(value: str) -> float:
    """`15m`, `1h`, `90s`, `30` (seconds) -> seconds."""
    match = _EVERY.match(value.strip().lower())
    if not match or float(match.group(1)) <= 0:
        raise click.BadParameter(
            f"{value!r} is not a period such as 90s, 15m, 1h", param_hint="--every"
        )
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


@click.command()
@click.argument("feeds", nargs=-1, required=True)
@db_option
@click.option("--once", is_flag=True, help="Poll each feed one time and exit (for cron and tests).")
@click.option("--every", default="15m", show_default=True, help="How often to poll: 90s, 15m, 1h.")
@click.option(
    "--host-interval", default=1.0, show_default=True, type=click.FloatRange(0),
    help="Seconds between two requests to one site.",
)  # fmt: skip
@click.option(
    "--max-size", default=str(DEFAULT_MAX_BYTES), show_default=True,
    help="Largest page or feed read, in bytes; K and M suffixes work.",
)  # fmt: skip
@click.option(
    "--allow-private-urls", is_flag=True,
    help="Fetch from private or loopback addresses (refused by default).",
)  # fmt: skip
@click.option(
    "--prefilter", is_flag=True,
    help="Skip stories that name no two countries' places or officials before the model.",
)  # fmt: skip
@quiet_option
def watch(
    feeds: tuple[str, ...], db: Target, once: bool, every: str, host_interval: float,
    max_size: str, allow_private_urls: bool, prefilter: bool, quiet: bool,
) -> None:  # fmt: skip
    """Follow RSS or Atom feeds: store and extract every new story they list.

    Each poll is a conditional GET (an unchanged feed costs one short answer); a story
    is taken once however often feeds repeat it, fetched with the site's robots.txt
    respected, a pause between requests to one site, retries with backoff, a timeout
    and a size cap. A page gone for good is not asked for again; one that failed for
    now is tried at the next poll. Stories keep their URL, and the page's own date
    (else the feed's). The knowledge base is updated after each feed.

    Example:

    \b
        localties watch --db news.db --once https://example.org/news/rss
        localties watch --db news.db --every 15m https://a.example/rss https://b.example/atom.xml
    """
    from localties.sources import Fetcher, Policy

    period = parse_every(every)
    policy = Policy(
        max_bytes=parse_size(max_size), interval=host_interval, allow_private=allow_private_urls
    )
    console = stderr()
    run = pipeline(prefilter=prefilter)
    failed = False
    with Fetcher(policy) as fetcher:
        while True:
            with open_db(db) as store:
                for outcome in run.follow_feeds(store, fetcher, feeds):
                    for error in outcome.errors:
                        console.print(Text(f"error: {error}"), soft_wrap=True)
                    failed |= outcome.status == "failed"
                    if quiet:
                        continue
                    if outcome.status == "polled":
                        click.echo(
                            f"{outcome.feed}: {outcome.items} item(s), {outcome.new} new, "
                            f"{outcome.stored} stored, {outcome.extracted} extracted, "
                            f"{len(outcome.errors)} failed"
                        )
                    else:
                        click.echo(f"{outcome.feed}: {outcome.status}")
            if once:
                break
            time.sleep(period)
    if failed:
        click.get_current_context().exit(1)


COMMANDS.append(watch)
