"""The place gazetteer: names, aliases, cities, regions, the 2025 merger, ambiguity."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pycountry
import pytest
from click.testing import CliRunner
from unidecode import unidecode

from localties.cli import cli
from localties.resolve.places import Gazetteer, load_gazetteer
from localties.resolve.places_text import fold

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"
FOCUS = ("VN", "JP", "KR", "CN", "LA")
UNITS = [s for c in FOCUS for s in pycountry.subdivisions.get(country_code=c) if not s.parent_code]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def resolved(gaz: Gazetteer, name: str, context: str = "") -> str | None:
    match = gaz.resolve(name, context)
    return match.place.id if match else None


@pytest.mark.parametrize("unit", UNITS, ids=[u.code for u in UNITS])
def test_every_focus_unit_round_trips_from_its_names(gaz: Gazetteer, unit: object) -> None:
    code, name = unit.code, unit.name  # type: ignore[attr-defined]
    # pycountry gives LA-VI and LA-VT one name, and CN-HK, CN-MO, CN-TW their
    # countries' names: the unit is then a candidate, not necessarily the first.
    assert code in [m.place.id for m in gaz.lookup(name)]
    assert code in [m.place.id for m in gaz.lookup(fold(name))]
    canonical = gaz.get(code).name
    assert gaz.lookup(canonical)[0].place.id == code
    assert canonical == unidecode(canonical)


def test_every_listed_alias_and_city_round_trips(gaz: Gazetteer) -> None:
    wrong = []
    for form in gaz.surface_forms():
        if form.kind == "demonym":
            continue
        best = gaz.lookup(form.text)
        if not best or (best[0].place.id != form.place_id and best[0].place.kind != "country"):
            wrong.append((form.text, form.place_id, best[0].place.id if best else None))
    focus = [w for w in wrong if w[1][:2] in FOCUS]
    assert focus == []


def test_every_country_resolves(gaz: Gazetteer) -> None:
    for country in pycountry.countries:
        assert gaz.get(country.alpha_2).kind == "country"
        if "," not in country.name:
            assert gaz.lookup(country.name)[0].place.id == country.alpha_2, country.name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("HCM City", "VN-SG"), ("HCMC", "VN-SG"), ("Ho Chi Minh City", "VN-SG"),
        ("Saigon", "VN-SG"), ("Hà Nội", "VN-HN"), ("Ha Noi", "VN-HN"), ("Hanoi", "VN-HN"),
        ("Thua Thien-Hue", "VN-26"), ("Thừa Thiên – Huế", "VN-26"), ("Hue", "VN-26"),
        ("Ba Ria-Vung Tau", "VN-43"), ("Ba Ria - Vung Tau", "VN-43"), ("Da Nang", "VN-DN"),
        ("Danang", "VN-DN"), ("Hai Phong", "VN-HP"), ("Haiphong", "VN-HP"),
        ("Can Tho", "VN-CT"), ("Quang Ninh province", "VN-13"), ("Tinh Yen Bai", "VN-06"),
        ("Lao Cai", "VN-02"), ("Binh Duong", "VN-57"), ("Dong Nai", "VN-39"),
        ("Thanh Hoa", "VN-21"), ("Nghe An", "VN-22"), ("Thua Thien Hue", "VN-26"),
        ("Gyeonggi-do", "KR-41"), ("Gyeonggi Province", "KR-41"), ("Jeju", "KR-49"),
        ("South Chungcheong", "KR-44"), ("Seoul", "KR-11"), ("Busan", "KR-26"),
        ("Guangxi Zhuang Autonomous Region", "CN-GX"), ("Yunnan", "CN-YN"),
        ("Yunnan Province", "CN-YN"), ("Khammouane", "LA-KH"), ("Luang Prabang", "LA-LP"),
        ("Vientiane", "LA-VT"), ("Vientiane Province", "LA-VI"), ("Kanagawa-ken", "JP-14"),
        ("Kanagawa Prefecture", "JP-14"), ("Kyoto-fu", "JP-26"), ("Tokyo-to", "JP-13"),
        ("Hyōgo", "JP-28"), ("Hokkaido", "JP-01"), ("Tokyo", "JP-13"),
    ],
)  # fmt: skip
def test_names_and_aliases(gaz: Gazetteer, name: str, expected: str) -> None:
    assert resolved(gaz, name) == expected


@pytest.mark.parametrize(
    ("city", "expected"),
    [
        ("Mimasaka", "JP-33"), ("Yokohama", "JP-14"), ("Kitakyushu", "JP-40"),
        ("Sakai City", "JP-27"), ("Kobe", "JP-28"), ("Hamamatsu", "JP-22"),
        ("Nagoya", "JP-23"), ("Sapporo", "JP-01"), ("Ha Long", "VN-13"), ("Nha Trang", "VN-34"),
        ("Vung Tau", "VN-43"), ("Bien Hoa", "VN-39"), ("Thu Dau Mot", "VN-57"),
        ("Da Lat", "VN-35"), ("Buon Ma Thuot", "VN-33"), ("Quy Nhon", "VN-31"),
        ("Hoi An", "VN-27"), ("Vinh City", "VN-22"), ("Kunming", "CN-YN"),
        ("Nanning", "CN-GX"), ("Suwon", "KR-41"), ("Pakse", "LA-CH"),
    ],
)  # fmt: skip
def test_cities_resolve_to_their_unit(gaz: Gazetteer, city: str, expected: str) -> None:
    match = gaz.resolve(city)
    assert match is not None
    assert match.place.id == expected
    assert match.via.startswith("city:")


def test_regions(gaz: Gazetteer) -> None:
    assert resolved(gaz, "Kinki") == resolved(gaz, "Kansai region") == "JP-KANSAI"
    assert resolved(gaz, "Kyushu") == "JP-KYUSHU"
    assert gaz.get("JP-KANTO").kind == "region"
    assert gaz.region_members("JP-KANTO") == tuple(f"JP-{n:02d}" for n in range(8, 15))
    assert "JP-47" in gaz.region_members("JP-KYUSHU")
    assert gaz.region_of("JP-33") == "JP-CHUGOKU"
    members = [m for r in ("TOHOKU", "KANTO", "CHUBU", "KANSAI", "CHUGOKU", "SHIKOKU", "KYUSHU")
               for m in gaz.region_members(f"JP-{r}")]  # fmt: skip
    assert sorted(members) == [f"JP-{n:02d}" for n in range(2, 48)]  # Hokkaido is JP-01


def test_vietnam_2025_merger(gaz: Gazetteer) -> None:
    assert gaz.successor("VN-57") == ("VN-SG", "2025-07-01")  # Binh Duong
    assert gaz.successor("VN-43") == ("VN-SG", "2025-07-01")
    assert gaz.successor("VN-40") == ("VN-35", "2025-07-01")  # Binh Thuan -> Lam Dong
    assert gaz.successor("VN-35") == ("VN-35", "2025-07-01")
    assert gaz.successor("VN-HN") is None  # untouched
    assert set(gaz.predecessors("VN-35")) == {"VN-35", "VN-40", "VN-72"}
    assert set(gaz.predecessors("VN-SG")) == {"VN-SG", "VN-57", "VN-43"}
    merged = {
        code
        for code in (s.code for s in UNITS if s.code.startswith("VN-"))
        if gaz.successor(code) and gaz.successor(code)[0] != code
    }  # type: ignore[index]
    assert len(merged) == 63 - 34


@pytest.mark.parametrize(
    ("word", "country"),
    [("Vietnamese", "VN"), ("Japanese", "JP"), ("Korean", "KR"), ("South Korean", "KR"),
     ("Chinese", "CN"), ("Lao", "LA"), ("Laotian", "LA"), ("Thai", "TH"), ("American", "US"),
     ("Koreans", "KR")],
)  # fmt: skip
def test_demonyms(gaz: Gazetteer, word: str, country: str) -> None:
    assert gaz.demonym(word) == country
    assert resolved(gaz, word) == country
    assert gaz.demonym("Kanagawa") is None


def test_ambiguity_prefecture_over_city_and_country_over_state(gaz: Gazetteer) -> None:
    assert resolved(gaz, "Hokkaido") == "JP-01"
    assert gaz.lookup("Tokyo")[0].place.kind == "admin1"
    assert resolved(gaz, "Georgia") == "GE"
    assert [m.place.id for m in gaz.lookup("Georgia")] == ["GE", "US-GA"]


@pytest.mark.parametrize("name", ["Chiba", "Saga", "Nara"])
def test_family_names_resolve_by_context(gaz: Gazetteer, name: str) -> None:
    assert resolved(gaz, name) is not None
    assert resolved(gaz, name, f"The delegation visited {name} last week.") is not None
    assert resolved(gaz, name, f"{name} Prefecture signed the plan.") is not None
    assert resolved(gaz, name, f"{name} Governor Tanaka said.") is not None
    assert resolved(gaz, name, f"Governor {name} Kazuo said.") is None
    assert resolved(gaz, name, f"Mr. {name} said.") is None
    assert resolved(gaz, name, f"Kazuo {name} said.") is None
    assert resolved(gaz, f"{name} Prefecture", f"Governor {name} Prefecture") is not None
    forms = {f.text: f.bare_ok for f in gaz.surface_forms() if f.text.startswith(name)}
    assert forms[name] is False
    assert forms[f"{name} Prefecture"] is True


def test_short_foreign_units_need_their_administrative_word(gaz: Gazetteer) -> None:
    assert gaz.lookup("Van")[0].place.id == "TR-65"
    assert resolved(gaz, "Van", "tea from Van Chan district") is None
    assert resolved(gaz, "Van Province") == "TR-65"
    assert resolved(gaz, "Nagasaki", "Nagasaki, 50, who ran as an independent") is None


def test_hue_is_the_city_unless_a_persons_name(gaz: Gazetteer) -> None:
    assert resolved(gaz, "Hue", "the ancient capital of Hue") == "VN-26"
    assert resolved(gaz, "Hue", "Ms. Nguyen Thi Hue, director, said") is None
    assert resolved(gaz, "Vinh", "Deputy Minister Tran Quoc Vinh said") is None
    assert resolved(gaz, "Hanoi", "talks in Hanoi on Monday") == "VN-HN"


@pytest.mark.parametrize("word", ["Nam", "Long", "Ha", "Kim", "Bac", "Ben", "Nice"])
def test_common_words_never_resolve_bare(gaz: Gazetteer, word: str) -> None:
    assert resolved(gaz, word) is None
    assert resolved(gaz, word, f"a visit to {word} province") is None


@pytest.mark.parametrize(("word", "country"), [("Chad", "TD"), ("Jordan", "JO")])
def test_given_names_need_a_place_cue(gaz: Gazetteer, word: str, country: str) -> None:
    assert resolved(gaz, word) is None
    assert resolved(gaz, word, f"{word} said he would come") is None
    assert resolved(gaz, word, f"exports to {word} rose") == country
    assert resolved(gaz, word.lower()) is None


def test_surface_forms_are_folded_and_suffixed(gaz: Gazetteer) -> None:
    forms = {(f.text, f.place_id): f for f in gaz.surface_forms()}
    for text in ("Kanagawa", "Kanagawa prefecture", "Kanagawa Prefecture", "Kanagawa-ken"):
        assert forms[text, "JP-14"].bare_ok
    assert ("HCM City", "VN-SG") in forms
    assert ("Quang Ninh province", "VN-13") in forms
    assert ("Yokohama City", "JP-14") in forms
    assert ("Vietnamese", "VN") in forms
    assert ("TOKYO", "JP-13") in forms
    assert ("Thua Thien Hue", "VN-26") in forms
    assert all(f.text == unidecode(f.text) for f in forms.values())
    assert len(forms) < 20_000


def gold_ids(gold: dict[str, list[dict[str, object]]]) -> set[str]:
    ids = {str(e["id"]) for e in gold["entities"] if e["type"] == "place"}
    for meeting in gold["meetings"]:
        ids.add(str(meeting["place"] or ""))
    for tie in gold["ties"]:
        ids |= {str(tie["a"]), str(tie["b"])}
    for fact in gold["facts"]:
        ids |= {str(fact[k]) for k in ("place", "group", "origin", "destination", "a", "b")
                if fact.get(k)}  # fmt: skip
    return ids - {""}


def wordings(gaz: Gazetteer, text: str) -> set[str]:
    """Surface forms present in `text`, and capitalised phrases (for odd spellings)."""
    present = {f.text for f in gaz.surface_forms() if f.text in text}
    word = r"[A-Z][A-Za-z]*(?:-[A-Za-z]+)*"
    phrases = re.findall(rf"{word}(?: {word}){{0,3}}", text)
    return present | set(phrases)


@pytest.mark.parametrize(
    "gold_path", sorted(DEV.glob("*.gold.json")) if DEV.exists() else [], ids=lambda p: p.stem
)
def test_every_gold_place_resolves_from_the_article_text(gaz: Gazetteer, gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = unidecode(json.loads(gold_path.with_name(gold_path.name.replace(".gold", "")).read_text(
        encoding="utf-8"))["text"])  # fmt: skip
    found: set[str] = set()
    for wording in wordings(gaz, text):
        for m in re.finditer(r"(?<![A-Za-z])" + re.escape(wording) + r"(?![a-z])", text):
            match = gaz.resolve(wording, text[max(0, m.start() - 60) : m.end() + 60])
            if match:
                found.add(match.place.id)
    assert gold_ids(gold) <= found


def test_dev_corpus_present_or_skipped() -> None:
    if not DEV.exists():
        pytest.skip("shared dev corpus not found")
    assert any(DEV.glob("*.gold.json"))


def test_get_unknown_raises(gaz: Gazetteer) -> None:
    with pytest.raises(KeyError):
        gaz.get("XX-99")
    assert gaz.get("VN-SG").name == "Ho Chi Minh City"
    assert gaz.get("JP").name == "Japan"
    assert gaz.lookup("Atlantis") == []


def test_cli_text_and_json() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["places", "HCM City"])
    assert result.exit_code == 0
    assert "VN-SG" in result.output
    result = runner.invoke(cli, ["places", "Chiba", "--context", "Governor Chiba Kazuo", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert rows[0]["id"] == "JP-12"
    assert rows[0]["chosen"] is False
    assert {"id", "name", "country", "kind", "why"} <= set(rows[0])
    result = runner.invoke(cli, ["places", "Georgia", "--json"])
    assert [r["id"] for r in json.loads(result.output)] == ["GE", "US-GA"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Joetsu City", "JP-15"),
        ("Kinokawa city", "JP-30"),
        ("city of Nasushiobara", "JP-09"),
        ("Joetsu", None),  # a bare municipality name may be a family name: only with `City`
        ("Vinh Phuk", "VN-70"),
        ("Moscow", "RU-MOW"),
    ],
)
def test_municipalities_resolve_with_their_administrative_word(gaz: Gazetteer, written, expected):
    match = gaz.resolve(written, f"They visited {written} last week.")
    assert (match.place.id if match else None) == expected


def test_municipality_surface_forms_carry_the_suffix(gaz: Gazetteer) -> None:
    forms = {(f.text, f.place_id) for f in gaz.surface_forms()}
    assert ("Sanjo City", "JP-15") in forms
    assert ("Sanjo town", "JP-15") in forms
    assert ("Sanjo", "JP-15") not in forms
