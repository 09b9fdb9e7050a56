#!/usr/bin/env python3
"""Regenerate the golden extraction outputs that `tests/test_golden.py` compares against.

The golden files are what `localties extract --json` prints, byte for byte, on three
article sets: the shared dev corpus, the bundled sample and the project's hold-out set.
A refactoring must leave them unchanged; a change of rules or data that changes the
output is committed together with the regenerated files, so the diff shows every
record it changed. Run it only on purpose:

usage:
    python scripts/golden.py            # rewrite tests/data/golden/*.jsonl
    python scripts/golden.py --check    # exit 1 if any golden file differs from the output
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden"
SETS: dict[str, Path] = {
    "dev": ROOT.parent / "shared" / "corpus" / "dev",
    "sample": ROOT / "src" / "localties" / "data" / "sample",
    "holdout": ROOT / "tests" / "data" / "holdout" / "articles",
}


def article_files(folder: Path) -> list[str]:
    """The article files of a set, sorted, without annotation files."""
    return [str(p) for p in sorted(folder.glob("*.json")) if not p.name.endswith(".gold.json")]


def extract_json(folder: Path) -> bytes:
    """What `localties extract --json` prints for every article of the folder."""
    from localties.cli import cli

    result = CliRunner().invoke(cli, ["extract", "--json", *article_files(folder)])
    if result.exit_code != 0:
        raise SystemExit(f"extract failed on {folder}: {result.output[-500:]}")
    return result.stdout_bytes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    GOLDEN.mkdir(parents=True, exist_ok=True)
    stale = []
    for name, folder in SETS.items():
        if not folder.is_dir():
            print(f"skipped {name}: {folder} not found", file=sys.stderr)
            continue
        output = extract_json(folder)
        path = GOLDEN / f"{name}.jsonl"
        if args.check:
            if not path.exists() or path.read_bytes() != output:
                stale.append(name)
        else:
            path.write_bytes(output)
            lines = output.count(b"\n")
            print(f"wrote {path.relative_to(ROOT)} ({lines} articles)")
    if stale:
        print("golden output differs: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
