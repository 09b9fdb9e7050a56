"""The model: PlaceId, EDTF dates, and the contract's one JSON shape (round trips)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from localties.model import ArticleResult, Edtf, Fact, PlaceId

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIRS = [
    ROOT.parent / "shared" / "corpus" / "dev",
    ROOT / "tests" / "data" / "gold",
    ROOT / "tests" / "data" / "holdout" / "gold",
]


@pytest.mark.parametrize(
    ("code", "country", "local", "region"),
    [("VN", "VN", False, False), ("JP-14", "JP", True, False), ("VN-SG", "VN", True, False),
     ("JP-KANTO", "JP", True, True), ("KR-41", "KR", True, False)],
)  # fmt: skip
def test_place_id_properties(code, country, local, region):
    place = PlaceId(code)
    assert (place.country, place.is_local, place.is_region) == (country, local, region)
    assert place == code and json.dumps(place) == json.dumps(code)


@pytest.mark.parametrize("bad", ["", "vn", "JP_14", "JP-", "Japan", "JP-14-1", None, 14])
def test_place_id_rejects_what_is_not_one(bad):
    with pytest.raises(ValueError, match="not a place identifier"):
        PlaceId(bad)


@pytest.mark.parametrize(
    ("text", "lower", "upper"),
    [
        ("2022-11-20", date(2022, 11, 20), date(2022, 11, 20)),
        ("2023-07", date(2023, 7, 1), date(2023, 7, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2018", date(2018, 1, 1), date(2018, 12, 31)),
        ("2017-11-16/2017-11-18", date(2017, 11, 16), date(2017, 11, 18)),
        ("XXXX-11-15", None, None),
        ("XXXX-02-29", None, None),  # a leap day may be right in an unknown year
    ],
)
def test_edtf_bounds(text, lower, upper):
    value = Edtf(text)
    assert (value.lower, value.upper, str(value)) == (lower, upper, text)
    assert value.year_known == (lower is not None)


@pytest.mark.parametrize(
    "bad",
    ["2022-02-30", "2023-02-29", "XXXX-11-31", "2022-13-01", "0000-01-01", "2022-00",
     "2022-11-20/2022-11-19", "20221120", "November 2022", "2022-11-20/2022-11-21/2022-11-22"],
)  # fmt: skip
def test_edtf_rejects_impossible_dates(bad):
    assert not Edtf.valid(bad)
    with pytest.raises(ValueError):
        Edtf(bad)


def test_fact_shape_follows_its_kind():
    fact = Fact(kind="diaspora", value=3000, approx="about", place=PlaceId("JP-14"),
                group=PlaceId("VN"))  # fmt: skip
    assert list(fact.to_contract()) == [
        "kind", "place", "group", "value", "approx", "as_of", "evidence"
    ]  # fmt: skip
    route = Fact(kind="air_route", value=None, approx=None, a=PlaceId("VN-HN"), b=PlaceId("JP-40"))
    assert list(route.to_contract()) == ["kind", "a", "b", "value", "approx", "evidence"]


def test_every_golden_output_round_trips_byte_for_byte():
    lines = 0
    for path in sorted((ROOT / "tests" / "data" / "golden").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parsed = ArticleResult.from_contract(json.loads(line))
            assert json.dumps(parsed.to_contract(), ensure_ascii=False) == line
            lines += 1
    assert lines >= 39


def test_every_gold_file_parses_as_a_result():
    parsed = 0
    for folder in GOLD_DIRS:
        for path in sorted(folder.glob("*.gold.json")):
            result = ArticleResult.from_contract(json.loads(path.read_text(encoding="utf-8")))
            assert result.article.id
            parsed += 1
    assert parsed >= 39


def test_a_malformed_contract_object_is_refused():
    with pytest.raises((ValueError, KeyError, TypeError)):
        ArticleResult.from_contract({"article": {"id": "x"}, "ties": [{"a": "Japan", "b": "VN"}]})
    with pytest.raises((ValueError, KeyError, TypeError)):
        ArticleResult.from_contract({"article": {"id": "x"}, "meetings": [{"date": "2022-02-30"}]})
