"""The bundled sample corpus parses, and its gold follows the extraction contract."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import ModuleType
from typing import Any

import pycountry
import pytest
from unidecode import unidecode

REPO = Path(__file__).resolve().parent.parent
GOLD_DIR = Path(__file__).parent / "data" / "gold"
VALIDATOR = REPO.parent / "shared" / "tools" / "validate_gold.py"

JP_REGIONS = frozenset(
    {"JP-TOHOKU", "JP-KANTO", "JP-CHUBU", "JP-KANSAI", "JP-CHUGOKU", "JP-SHIKOKU", "JP-KYUSHU"}
)
ISO_CODES = frozenset(c.alpha_2 for c in pycountry.countries) | frozenset(
    s.code for s in pycountry.subdivisions
)
# Record fields that hold a place identifier (a single one, or a list of them).
PLACE_FIELDS = {
    "meetings": ("place",),
    "agreements": ("parties",),
    "statements": ("from", "to"),
    "exchange_events": ("place", "organizer"),
    "ties": ("a", "b"),
    "facts": ("place", "group", "origin", "destination", "a", "b"),
}


def sample_files() -> list[Traversable]:
    folder = resources.files("localties") / "data" / "sample"
    return sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)


def load_samples() -> list[dict[str, Any]]:
    return [json.loads(f.read_text(encoding="utf-8")) for f in sample_files()]


def gold_paths() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.gold.json"))


def load_gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def place_ids(gold: dict[str, Any]) -> Iterator[str]:
    """Every place identifier a gold document refers to, outside evidence spans."""
    if gold["article"].get("dateline"):
        yield gold["article"]["dateline"]
    for component, fields in PLACE_FIELDS.items():
        for record in gold.get(component) or []:
            for field in fields:
                value = record.get(field)
                if isinstance(value, list):
                    yield from value
                elif value is not None:
                    yield value
    for meeting in gold.get("meetings") or []:
        for participant in meeting["participants"]:
            yield participant["affiliation"]
    for entity in gold.get("entities") or []:
        if entity["type"] == "place":
            yield entity["id"]


def folded(text: str) -> str:
    return unidecode(text).lower()


def test_samples_parse_with_unique_ids() -> None:
    samples = load_samples()
    assert len(samples) >= 14
    for sample in samples:
        assert isinstance(sample.get("id"), str) and sample["id"]
        assert isinstance(sample.get("text"), str) and sample["text"].strip()
        assert set(sample) <= {"id", "url", "title", "text", "published"}
    ids = [s["id"] for s in samples]
    assert len(ids) == len(set(ids))


def test_every_sample_has_matching_gold() -> None:
    sample_ids = {s["id"] for s in load_samples()}
    gold_ids = {load_gold(p)["article"]["id"] for p in gold_paths()}
    assert sample_ids == gold_ids
    for path in gold_paths():
        assert path.name == f"{load_gold(path)['article']['id']}.gold.json"


def shared_validator() -> ModuleType:
    if not VALIDATOR.is_file():
        pytest.skip("shared gold validator not available next to the repository")
    spec = importlib.util.spec_from_file_location("validate_gold", VALIDATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", gold_paths(), ids=lambda p: p.name)
def test_gold_passes_shared_validator(path: Path) -> None:
    validator = shared_validator()
    assert validator.check(str(path)) == []


@pytest.mark.parametrize("path", gold_paths(), ids=lambda p: p.name)
def test_gold_place_ids_are_known(path: Path) -> None:
    unknown = {p for p in place_ids(load_gold(path)) if p not in ISO_CODES | JP_REGIONS}
    assert not unknown


@pytest.mark.parametrize("path", gold_paths(), ids=lambda p: p.name)
def test_gold_persons_are_named_in_the_text(path: Path) -> None:
    gold = load_gold(path)
    texts = {s["id"]: folded(s["text"]) for s in load_samples()}
    text = texts[gold["article"]["id"]]
    persons = [e["name"] for e in gold["entities"] if e["type"] == "person"]
    assert all(folded(name) in text for name in persons)
    participants = {p["name"] for m in gold["meetings"] for p in m["participants"]}
    assert participants <= set(persons)
