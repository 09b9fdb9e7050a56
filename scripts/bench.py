#!/usr/bin/env python3
"""Benchmark extraction speed and memory against a bare spaCy pass over the same texts.

Streams the articles of a folder of `.json` files (the dev corpus by default), repeated
until `--articles` have gone through, in two passes within one run:

    end-to-end   `localties.pipeline.Pipeline.extract` (clean, `nlp.pipe`, extractors)
    bare spaCy   `nlp.pipe(texts)` with the same pipeline, batching and processes,
                 consuming the docs and nothing else

and prints a Markdown table of articles and words per second, the ratio of the two
times, and the peak resident memory after a quarter, half and all of the articles of
the end-to-end pass (it should stay flat). The bare pass reads each article's text as
given; extraction pipes its cleaned view, which is usually a little shorter.

Peak memory comes from `getrusage`: `RUSAGE_SELF` is this process only. spaCy's worker
processes (`--jobs 2`) are children, which `RUSAGE_CHILDREN` covers only once they have
exited, so while they run their peak is read from /proc (Linux) instead.

usage:
    python scripts/bench.py                        # dev corpus, 2000 articles, 1 process
    python scripts/bench.py --articles 500 --jobs 2 path/to/articles/
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import platform
import resource
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy

from localties.ingest import articles_only, read_inputs
from localties.model.article import RawArticle
from localties.nlp import MODEL
from localties.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
MIB = 1024 * 1024
# ru_maxrss is in kibibytes on Linux and in bytes on macOS.
RU_UNIT = 1 if sys.platform == "darwin" else 1024


@dataclasses.dataclass(frozen=True, slots=True)
class Pass:
    """What one timed pass did."""

    name: str
    articles: int
    words: int
    seconds: float

    @property
    def per_second(self) -> tuple[float, float]:
        return self.articles / self.seconds, self.words / self.seconds


@dataclasses.dataclass(frozen=True, slots=True)
class MemorySample:
    """Peak resident memory (MiB) once `articles` results had come out."""

    articles: int
    main: float
    workers: float | None


def corpus(folder: Path, limit: int) -> Iterator[RawArticle]:
    """The folder's articles, re-read and repeated until `limit` have been yielded.

    Repeats get distinct ids (`ID#2`, `ID#3`, ...). Nothing is held beyond one article.
    """
    done = 0
    round_ = 1
    while done < limit:
        found = False
        for article in articles_only(read_inputs([folder])):
            found = True
            if round_ > 1:
                article = dataclasses.replace(article, id=f"{article.id}#{round_}")
            yield article
            done += 1
            if done == limit:
                return
        if not found:
            raise SystemExit(f"no articles in {folder}")
        round_ += 1


def counting(articles: Iterable[RawArticle], words: list[int]) -> Iterator[RawArticle]:
    """Pass the articles through, adding up their words in `words[0]`."""
    for article in articles:
        words[0] += len(article.text.split())
        yield article


def peak_rss_main() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * RU_UNIT / MIB


def peak_rss_children() -> float:
    """Largest peak of the exited child processes (0 when none has exited)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * RU_UNIT / MIB


def peak_rss_workers() -> float | None:
    """Largest peak of the running child processes, from /proc (None where unavailable)."""
    peaks = []
    for child in multiprocessing.active_children():
        try:
            status = Path(f"/proc/{child.pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) * 1024 / MIB)
    return max(peaks) if peaks else None


def run_end_to_end(
    pipeline: Pipeline, folder: Path, limit: int, jobs: int, checkpoints: set[int]
) -> tuple[Pass, list[MemorySample]]:
    words = [0]
    samples = [MemorySample(0, peak_rss_main(), None)]
    done = 0
    start = time.perf_counter()
    results = pipeline.extract(counting(corpus(folder, limit), words), jobs=jobs)
    for _ in results:
        done += 1
        if done in checkpoints:
            samples.append(MemorySample(done, peak_rss_main(), peak_rss_workers()))
    seconds = time.perf_counter() - start
    return Pass("end-to-end (`Pipeline.extract`)", done, words[0], seconds), samples


def run_bare(pipeline: Pipeline, folder: Path, limit: int, jobs: int, batch_size: int) -> Pass:
    nlp = pipeline.nlp
    words = [0]
    done = 0
    start = time.perf_counter()
    texts = (article.text for article in counting(corpus(folder, limit), words))
    for _ in nlp.pipe(texts, n_process=jobs, batch_size=batch_size):
        done += 1
    seconds = time.perf_counter() - start
    return Pass("bare spaCy (`nlp.pipe`)", done, words[0], seconds)


def warm_up(pipeline: Pipeline, folder: Path) -> None:
    """Load the model and the extractors' data before anything is timed."""
    for _ in pipeline.extract(corpus(folder, 5)):
        pass


def speed_table(passes: list[Pass]) -> list[str]:
    lines = [
        "| pass | articles | words | seconds | articles/s | words/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for p in passes:
        per_article, per_word = p.per_second
        lines.append(
            f"| {p.name} | {p.articles} | {p.words} | {p.seconds:.1f} "
            f"| {per_article:.1f} | {per_word:,.0f} |"
        )
    return lines


def memory_table(samples: list[MemorySample], jobs: int) -> list[str]:
    lines = [
        "| articles done | peak RSS, main process (MiB) | peak RSS, largest worker (MiB) |",
        "| ---: | ---: | ---: |",
    ]
    for s in samples:
        done = f"{s.articles}" if s.articles else "0 (model and data loaded)"
        worker = "n/a (no workers)" if jobs == 1 else _mib(s.workers)
        lines.append(f"| {done} | {s.main:.0f} | {worker} |")
    return lines


def _mib(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=DEFAULT_CORPUS,
        help="folder of .json articles (default: the dev corpus)",
    )
    ap.add_argument("--articles", type=int, default=2000, help="articles per pass (default 2000)")
    ap.add_argument("--jobs", type=int, choices=(1, 2), default=1, help="processes: the bare pass parses in them, the pipeline extracts in them")
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size (default 32)")
    args = ap.parse_args(argv)
    if args.articles < 1:
        ap.error("--articles must be positive")
    checkpoints = {max(1, args.articles // 4), max(1, args.articles // 2), args.articles}

    pipeline = Pipeline(batch_size=args.batch_size)
    warm_up(pipeline, args.corpus)
    print("running end-to-end ...", file=sys.stderr, flush=True)
    end_to_end, samples = run_end_to_end(
        pipeline, args.corpus, args.articles, args.jobs, checkpoints
    )
    exited_workers = peak_rss_children()
    print("running bare spaCy ...", file=sys.stderr, flush=True)
    bare = run_bare(pipeline, args.corpus, args.articles, args.jobs, args.batch_size)

    print(
        f"Model `{MODEL}` (spaCy {spacy.__version__}), Python {platform.python_version()}, "
        f"{multiprocessing.cpu_count()} CPUs; `--jobs {args.jobs}`, batch size {args.batch_size}, "
        f"{args.corpus.name}/ repeated to {args.articles} articles."
    )
    print()
    print("\n".join(speed_table([bare, end_to_end])))
    print()
    print(f"End-to-end / bare spaCy time: {end_to_end.seconds / bare.seconds:.2f}x")
    print()
    print("\n".join(memory_table(samples, args.jobs)))
    if args.jobs > 1:
        print()
        print(f"Largest peak of the exited workers (`RUSAGE_CHILDREN`): {exited_workers:.0f} MiB")


if __name__ == "__main__":
    main()
