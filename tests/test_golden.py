"""Golden output: `localties extract --json` prints exactly the committed bytes.

A refactoring must not change what the extractor prints. When a change of rules or
data is meant to change it, regenerate the files with `python scripts/golden.py` and
commit them with the change, so the diff shows every record it changed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("golden", ROOT / "scripts" / "golden.py")
assert _spec and _spec.loader
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)


@pytest.mark.parametrize("name", sorted(golden.SETS))
def test_extract_output_is_byte_identical_to_golden(name: str) -> None:
    folder = golden.SETS[name]
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    expected = (golden.GOLDEN / f"{name}.jsonl").read_bytes()
    output = golden.extract_json(folder)
    if output != expected:
        got, want = output.decode().splitlines(), expected.decode().splitlines()
        first = next(
            (i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b),
            min(len(got), len(want)),
        )
        pytest.fail(
            f"{name}: output differs from tests/data/golden/{name}.jsonl at article {first + 1} "
            f"({len(got)} articles, golden {len(want)}); if the change is meant, run "
            "`python scripts/golden.py` and commit the files",
            pytrace=False,
        )


@pytest.mark.parametrize("name", sorted(golden.SETS))
def test_every_golden_record_carries_its_evidence(name: str) -> None:
    """Every record keeps the span of the sentence that states it (ties drawn from an
    agreement's parties take the agreement's sentence)."""
    import json

    kinds = ("meetings", "agreements", "statements", "exchange_events", "ties", "facts")
    for line in (golden.GOLDEN / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        result = json.loads(line)
        for kind in kinds:
            for record in result[kind]:
                assert record["evidence"], (result["article"]["id"], kind, record)
