#!/usr/bin/env python3
"""Run the extraction property (`tests/property_cases.py`) for many generated articles.

Each case is an article with any text, title and publication date (agency-prose pieces
mixed with arbitrary Unicode); extraction must return a result whose offsets index the
text, whose dates are valid EDTF and whose contract object parses back to itself.
Prints the number of cases run and failures found (hypothesis shrinks the first one).

usage:
    python scripts/property_run.py --cases 100000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from localties.model.article import RawArticle
from localties.pipeline import Pipeline
from property_cases import articles, check


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=100_000)
    args = ap.parse_args()
    pipeline = Pipeline()
    count = [0]
    start = time.perf_counter()

    @settings(
        max_examples=args.cases,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(raw=articles)
    def run(raw: RawArticle) -> None:
        count[0] += 1
        (result,) = list(pipeline.extract([raw]))
        check(result, raw)

    try:
        run()
    except Exception as exc:  # the shrunk counterexample is printed by hypothesis
        print(f"FAILED after {count[0]:,} cases: {exc!r}")
        return 1
    print(f"{count[0]:,} cases, 0 failures, {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
