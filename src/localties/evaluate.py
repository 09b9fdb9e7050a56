"""Placeholder: scoring (being written)."""

from pathlib import Path
from typing import Any


def score_files(gold_dir: Path, predictions: Path, *, details: bool = False) -> dict[str, Any]:
    raise NotImplementedError


def format_report(report: dict[str, Any]) -> str:
    raise NotImplementedError
