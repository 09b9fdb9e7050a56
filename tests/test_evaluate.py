"""Scoring: the rules of EXTRACTION.md §Scoring, and agreement with the shared reference scorer.

The reference scorer and the dev corpus sit beside the repository
(`<repo>/../shared/tools/score.py`, `<repo>/../shared/corpus/dev`); the comparisons
skip when they are absent. Prediction sets are made from the gold files themselves,
perturbed in the ways extraction goes wrong.
"""

from __future__ import annotations

import contextlib
import copy
import importlib.util
import io
import json
import random
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from localties.errors import InputError
from localties.evaluate import (
    COMPONENTS,
    HEADLINE,
    date_agrees,
    format_report,
    person_key,
    score_files,
)

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "corpus" / "dev"
SCORER = REPO.parent / "shared" / "tools" / "score.py"

Doc = dict[str, Any]
Scenario = Callable[[list[Doc], random.Random], tuple[list[Doc], list[Doc]]]


# -- fixtures and helpers ---------------------------------------------------------------


@pytest.fixture(scope="module")
def reference() -> ModuleType:
    if not SCORER.is_file():
        pytest.skip("reference scorer not found beside the repository")
    spec = importlib.util.spec_from_file_location("reference_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dev_golds() -> list[Doc]:
    files = sorted(DEV.glob("*.gold.json"))
    if not files:
        pytest.skip("dev corpus not found beside the repository")
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def run_reference(module: ModuleType, gold_dir: Path, predictions: Path, *flags: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        module.main([str(gold_dir), str(predictions), *flags])
    return out.getvalue()


def write_gold(folder: Path, golds: list[Doc]) -> Path:
    folder.mkdir()
    for gold in golds:
        path = folder / f"{gold['article']['id']}.gold.json"
        path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return folder


def write_jsonl(path: Path, docs: list[Doc]) -> Path:
    lines = [json.dumps(doc, ensure_ascii=False) for doc in docs]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def persons(doc: Doc) -> list[Doc]:
    return [e for e in doc.get("entities") or [] if e.get("type") == "person"]


def rename(doc: Doc, old: str, new: str) -> None:
    """Write person `old` as `new` in the entities and meeting participants of doc."""
    for entity in persons(doc):
        if entity["name"] == old:
            entity["name"] = new
    for meeting in doc.get("meetings") or []:
        for person in meeting.get("participants") or []:
            if person.get("name") == old:
                person["name"] = new


def other_day(date: str, rng: random.Random) -> str:
    return f"{date[:8]}{rng.randint(1, 28):02d}"


# -- perturbations of one document -------------------------------------------------------


def drop_meeting(doc: Doc, rng: random.Random) -> None:
    if doc.get("meetings"):
        doc["meetings"].pop(rng.randrange(len(doc["meetings"])))


def change_dates(doc: Doc, rng: random.Random) -> None:
    for meeting in doc.get("meetings") or []:
        date = meeting.get("date")
        choice = rng.randrange(6)
        if choice == 0:
            meeting["date"] = None
        elif choice == 1:
            meeting["date"] = "2011-02-03"
        elif date and len(date) == 10 and choice == 2:
            meeting["date"] = other_day(date, rng)
        elif date and len(date) == 10 and choice == 3:
            meeting["date"] = "XXXX" + date[4:]
        elif date and len(date) == 10 and choice == 4:
            meeting["date"] = f"{date}/{date[:8]}28"
        elif date:
            meeting["date"] = date[:7]


def add_person(doc: Doc, rng: random.Random) -> None:
    name = f"Extra Person {rng.randrange(1000)}"
    doc.setdefault("entities", []).append({"type": "person", "name": name})
    if doc.get("meetings"):
        participants = doc["meetings"][0].setdefault("participants", [])
        participants.append({"name": name, "affiliation": rng.choice(["KR", "JP-13", "VN-HN"])})


def use_aliases(doc: Doc, rng: random.Random) -> None:
    for entity in persons(doc):
        if entity.get("aliases"):
            rename(doc, entity["name"], rng.choice(entity["aliases"]))


def reorder_names(doc: Doc, rng: random.Random) -> None:
    for entity in persons(doc):
        words = entity["name"].split()
        rng.shuffle(words)
        rename(doc, entity["name"], " ".join(words).upper())


def wrong_published(doc: Doc, rng: random.Random) -> None:
    doc["article"]["published"] = rng.choice([None, "1999-01-01", "2023-11-20"])


def shuffle_records(doc: Doc, rng: random.Random) -> None:
    """Changes that must not matter: order of pair members and of parties, value noise."""
    for tie in doc.get("ties") or []:
        tie["a"], tie["b"] = tie.get("b"), tie.get("a")
    for agreement in doc.get("agreements") or []:
        agreement["parties"] = list(reversed(agreement.get("parties") or []))
    for fact in doc.get("facts") or []:
        if fact.get("kind") in ("trade_value", "air_route"):
            fact["a"], fact["b"] = fact.get("b"), fact.get("a")
        if isinstance(fact.get("value"), int | float):
            fact["value"] += 0.0001
    rng.shuffle(doc.get("topics") or [])


def break_records(doc: Doc, rng: random.Random) -> None:
    """Changes that must matter: wrong values and kinds, lost places, topics and ties."""
    for fact in doc.get("facts") or []:
        if isinstance(fact.get("value"), int | float):
            fact["value"] = fact["value"] * 1.1
        if fact.get("kind") == "diaspora":
            fact["place"], fact["group"] = fact.get("group"), fact.get("place")
    for agreement in doc.get("agreements") or []:
        agreement["kind"] = "planned"
    for statement in doc.get("statements") or []:
        statement["to"] = None
    places = [e for e in doc.get("entities") or [] if e.get("type") == "place"]
    if places:
        doc["entities"].remove(rng.choice(places))
    if doc.get("topics"):
        doc["topics"] = [*doc["topics"][1:], "tourism"]
    if doc.get("ties"):
        doc["ties"].pop()
    for event in doc.get("exchange_events") or []:
        event["place"] = "JP-13"
    for meeting in doc.get("meetings") or []:
        meeting["place"] = rng.choice([None, "VN-SG", meeting.get("place")])


PERTURBATIONS = [
    drop_meeting,
    change_dates,
    add_person,
    use_aliases,
    reorder_names,
    wrong_published,
    shuffle_records,
    break_records,
]


# -- scenarios: (gold, predictions) --------------------------------------------------------


def applying(*steps: Callable[[Doc, random.Random], None], share: float = 1.0) -> Scenario:
    """Predictions = gold with `steps` applied to a `share` of the articles."""

    def scenario(golds: list[Doc], rng: random.Random) -> tuple[list[Doc], list[Doc]]:
        preds = copy.deepcopy(golds)
        for doc in preds:
            if rng.random() < share:
                for step in steps:
                    step(doc, rng)
        return golds, preds

    return scenario


def missing_articles(golds: list[Doc], rng: random.Random) -> tuple[list[Doc], list[Doc]]:
    preds = [copy.deepcopy(g) for i, g in enumerate(golds) if i % 4]
    preds.append({"article": {"id": "not-in-gold"}, "topics": ["trade"]})
    return golds, preds


def loose_gold_dates(golds: list[Doc], rng: random.Random) -> tuple[list[Doc], list[Doc]]:
    """Gold dated by month, year, interval, unknown year or not at all; predictions vary."""
    gold = copy.deepcopy(golds)
    for doc in gold:
        for meeting in doc.get("meetings") or []:
            date = meeting.get("date")
            if not date or len(date) != 10 or date.startswith("X"):
                continue
            meeting["date"] = rng.choice(
                [
                    date[:7],
                    date[:4],
                    f"{date[:8]}01/{date[:8]}20",
                    "XXXX" + date[4:],
                    None,
                    f"XXXX-{date[5:8]}01/XXXX-{date[5:8]}20",
                ]
            )
    preds = copy.deepcopy(golds)
    for doc in preds:
        change_dates(doc, rng)
    return gold, preds


def one_word_gold(golds: list[Doc], rng: random.Random) -> tuple[list[Doc], list[Doc]]:
    """Gold names some persons by one word; predictions give the full name (or another)."""
    gold = copy.deepcopy(golds)
    preds = copy.deepcopy(golds)
    for gdoc, pdoc in zip(gold, preds, strict=True):
        for entity in persons(gdoc)[::2]:
            full = entity["name"]
            rename(gdoc, full, rng.choice(full.split()))
            if rng.random() < 0.3:
                rename(pdoc, full, f"{full.split()[-1]} Someone")
    return gold, preds


def repeated_pairs(golds: list[Doc], rng: random.Random) -> tuple[list[Doc], list[Doc]]:
    """The same pair meets twice; greedy matching decides which dated prediction counts."""
    gold = copy.deepcopy(golds)
    for doc in gold:
        meetings = doc.get("meetings") or []
        if meetings:
            again = copy.deepcopy(meetings[0])
            again["date"] = rng.choice([None, "2020-05", "2020-05-04"])
            meetings.append(again)
    preds = copy.deepcopy(gold)
    for doc in preds:
        change_dates(doc, rng)
    return gold, preds


SCENARIOS: dict[str, Scenario] = {
    "gold": applying(),
    "missing_articles": missing_articles,
    "loose_gold_dates": loose_gold_dates,
    "one_word_gold": one_word_gold,
    "repeated_pairs": repeated_pairs,
    **{step.__name__: applying(step) for step in PERTURBATIONS},
    **{f"mixed_{n}": applying(*PERTURBATIONS, share=0.5) for n in range(3)},
}


# -- agreement with the reference scorer ---------------------------------------------------

# Scenarios whose predictions differ from gold only in ways the scoring ignores.
HARMLESS = frozenset({"gold", "shuffle_records", "reorder_names", "use_aliases"})


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_figures_agree_with_reference(
    name: str, reference: ModuleType, dev_golds: list[Doc], tmp_path: Path
) -> None:
    rng = random.Random(name)
    gold, preds = SCENARIOS[name](copy.deepcopy(dev_golds), rng)
    gold_dir = write_gold(tmp_path / "gold", gold)
    predictions = write_jsonl(tmp_path / "pred.jsonl", preds)

    ours = score_files(gold_dir, predictions)
    theirs = json.loads(run_reference(reference, gold_dir, predictions, "--json"))

    assert ours == theirs
    assert list(ours["components"]) == list(COMPONENTS)
    f1s = {row["f1"] for row in ours["components"].values()}
    if name in HARMLESS:
        assert f1s == {1.0} and ours["headline_f1"] == 1.0
    else:
        assert min(f1s) < 1.0


def test_text_report_matches_reference(
    reference: ModuleType, dev_golds: list[Doc], tmp_path: Path
) -> None:
    gold, preds = SCENARIOS["mixed_0"](copy.deepcopy(dev_golds), random.Random(7))
    gold_dir = write_gold(tmp_path / "gold", gold)
    predictions = write_jsonl(tmp_path / "pred.jsonl", preds)
    expected = run_reference(reference, gold_dir, predictions)
    assert format_report(score_files(gold_dir, predictions)) + "\n" == expected


def test_prediction_folder_scores_as_jsonl(
    reference: ModuleType, dev_golds: list[Doc], tmp_path: Path
) -> None:
    gold, preds = SCENARIOS["mixed_1"](copy.deepcopy(dev_golds), random.Random(3))
    gold_dir = write_gold(tmp_path / "gold", gold)
    folder = tmp_path / "pred"
    folder.mkdir()
    for i, doc in enumerate(preds):
        (folder / f"{i:03d}.json").write_text(json.dumps(doc), encoding="utf-8")
    ours = score_files(gold_dir, folder)
    assert ours == json.loads(run_reference(reference, gold_dir, folder, "--json"))
    assert ours == score_files(gold_dir, write_jsonl(tmp_path / "pred.jsonl", preds))


# -- the rules themselves ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ("2022-11-20", "2022-11-20", True),
        ("2022-11-20", "2022-11-21", False),
        ("2022-11-20", "2022-11", False),  # a month does not give the day gold asks for
        ("2022-11-20", None, False),
        ("XXXX-11-15", "2022-11-15", True),  # unknown year: any year
        ("XXXX-11-15", "XXXX-11-15", True),
        ("XXXX-11-15", "2022-11-16", False),
        ("2023-07", "2023-07-27", True),  # a month accepts any day in it
        ("2023-07", "2023-07", True),
        ("2023-07", "2023-08-01", False),
        ("2018", "2018-05-06", True),  # a year accepts any day in it
        ("2018", "2019-05-06", False),
        ("2025-03-03/2025-03-07", "2025-03-05", True),  # an interval contains the date
        ("2025-03-03/2025-03-07", "2025-03-07", True),
        ("2025-03-03/2025-03-07", "2025-03-08", False),
        ("2025-03-03/2025-03-07", "2025-03-04/2025-03-09", True),  # interval start inside
        ("XXXX-03-03/XXXX-03-07", "2019-03-05", True),
        ("XXXX-03-03/XXXX-03-07", "2019-04-05", False),
        (None, "2022-11-20", True),  # null gold accepts anything
        (None, None, True),
    ],
)
def test_date_agreement(gold: str | None, pred: str | None, expected: bool) -> None:
    assert date_agrees(gold, pred) is expected


def test_person_key_folds_accents_case_and_order() -> None:
    assert person_key("Phạm Minh Chính") == person_key("chinh PHAM minh")
    assert person_key("Đỗ Văn Đức") == frozenset({"do", "van", "duc"})
    assert person_key("Kuroiwa Yuji") != person_key("Kuroiwa Yuko")
    assert person_key("") is None and person_key(None) is None


def gold_article(article_id: str, published: str | None = None) -> Doc:
    return {
        "article": {"id": article_id, "published": published},
        "meetings": [
            {
                "date": "XXXX-11-15",
                "place": "VN-HN",
                "participants": [
                    {"name": "Koike", "affiliation": "JP-13"},
                    {"name": "Pham Minh Tinh", "affiliation": "VN"},
                ],
            }
        ],
        "entities": [
            {"type": "person", "name": "Koike"},
            {"type": "person", "name": "Pham Minh Tinh", "aliases": ["Phạm Minh Chính"]},
            {"type": "place", "id": "VN-HN"},
        ],
        "ties": [{"a": "JP-13", "b": "VN-HN"}],
        "topics": ["labour"],
    }


def test_aliases_and_one_word_names_match(tmp_path: Path) -> None:
    gold_dir = write_gold(tmp_path / "gold", [gold_article("a", "2022-11-20")])
    pred = gold_article("a", "2022-11-20")
    rename(pred, "Koike", "Yuriko Koike")
    rename(pred, "Pham Minh Tinh", "Pham Minh Chinh")
    pred["meetings"][0]["date"] = "2022-11-15"
    report = score_files(gold_dir, write_jsonl(tmp_path / "p.jsonl", [pred]))
    assert report["headline_f1"] == 1.0
    assert report["components"]["meeting_pairs_dated"]["tp"] == 1
    assert report["components"]["entities.person"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "tp": 2,
        "fp": 0,
        "fn": 0,
    }


def test_counts_missing_articles_and_published(tmp_path: Path) -> None:
    gold_dir = write_gold(
        tmp_path / "gold", [gold_article("a"), gold_article("b", "2022-11-20"), gold_article("c")]
    )
    pred_a = gold_article("a", "2022-11-20")  # a date where gold has none: a false positive
    pred_a["meetings"][0]["participants"][1]["affiliation"] = "JP"  # same country: no pair
    report = score_files(gold_dir, write_jsonl(tmp_path / "p.jsonl", [pred_a]), details=True)
    assert report["articles"] == 3
    assert report["missing_predictions"] == 2
    published = report["components"]["published"]
    assert (published["tp"], published["fp"], published["fn"]) == (0, 1, 1)
    pairs = report["components"]["meeting_pairs"]
    assert (pairs["tp"], pairs["fp"], pairs["fn"]) == (0, 0, 3)
    assert report["details"]["a"]["meeting_pairs"]["missed"] == [["koike", "minh pham tinh"]]
    assert report["details"]["a"]["published"] == {"gold": None, "pred": "2022-11-20"}
    f1s = [report["components"][name]["f1"] for name in HEADLINE]
    assert report["headline_f1"] == round(sum(f1s) / len(f1s), 4)
    text = format_report(report)
    assert "## a" in text and text.endswith(f"headline F1 {report['headline_f1']:.4f}")


def test_gold_folder_without_gold_is_an_input_error(tmp_path: Path) -> None:
    predictions = write_jsonl(tmp_path / "p.jsonl", [gold_article("a")])
    with pytest.raises(InputError, match=r"no \*\.gold\.json"):
        score_files(tmp_path, predictions)
