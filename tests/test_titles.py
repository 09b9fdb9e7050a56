"""Title phrases: normalised title, the place they name, level, and the contract's affiliation."""

from __future__ import annotations

import pytest

from localties.knowledge import load_knowledge
from localties.resolve.titles import Title, affiliation, normalise_title

TITLES = load_knowledge().titles
parse_title = TITLES.parse
split_titled_name = TITLES.split_titled_name
title_near = TITLES.near


@pytest.mark.parametrize(
    ("text", "title", "place", "name"),
    [
        ("Governor of Chiba Morita Kensaku", "Governor", "JP-12", "Morita Kensaku"),
        (
            "Vice Chairman of the HCM City People's Committee Vo Van Hoan",
            "Vice Chairman of the People's Committee", "VN-SG", "Vo Van Hoan",
        ),
        ("Kuroiwa Yuji, governor of Kanagawa prefecture of Japan", "Governor", "JP-14",
         "Kuroiwa Yuji"),
        ("Kanagawa Governor Kuroiwa", "Governor", "JP-14", "Kuroiwa"),
        ("Governor of Japan's Kanagawa prefecture Yuji Kuroiwa", "Governor", "JP-14",
         "Yuji Kuroiwa"),
        ("Okinawa Gov. Denny Tamaki", "Governor", "JP-47", "Denny Tamaki"),
        ("Mr. Azuma Masaru, Deputy Governor of Shiga Prefecture in Japan", "Vice Governor", "JP-25",
         "Azuma Masaru"),
        ("Hirata Ken, Nagasaki prefecture's deputy governor", "Vice Governor", "JP-42",
         "Hirata Ken"),
        ("Governor of the Ai-chi province, Hideaki Ohmura", "Governor", "JP-23", "Hideaki Ohmura"),
        ("Okinawa Prefectural Assembly Speaker Noboru Akamine",
         "Chairman of the Prefectural Assembly", "JP-47", "Noboru Akamine"),
        ("Shungaku Yanai, chairman of the Yamaguchi Prefectural Assembly",
         "Chairman of the Prefectural Assembly", "JP-35", "Shungaku Yanai"),
        ("Chairman of the People's Committee of Yen Bai province Tran Huy Tuan",
         "Chairman of the People's Committee", "VN-06", "Tran Huy Tuan"),
        ("Vo Van Minh, chairman of the HCM City People's Council",
         "Chairman of the People's Council", "VN-SG", "Vo Van Minh"),
        ("Former Chiba Mayor Toshihito Kumagai", "Mayor", "JP-12", "Toshihito Kumagai"),
        ("Governor of Nagasaki Kotaro Nagasaki", "Governor", "JP-42", "Kotaro Nagasaki"),
        ("Governor Nagasaki Kotaro", "Governor", None, "Nagasaki Kotaro"),  # a known name wins
    ],
)  # fmt: skip
def test_local_titles_split_and_carry_the_first_level_unit(text, title, place, name):
    parsed, found = split_titled_name(text)
    assert (parsed.title, parsed.place, parsed.level, found) == (title, place, "local", name)
    assert affiliation(parsed) == place


@pytest.mark.parametrize(
    ("text", "title", "country", "name"),
    [
        ("Chinese Ambassador to Japan Wu Jianghao", "Ambassador", "CN", "Wu Jianghao"),
        ("Vu Chi Mai, Consulate General of Vietnam in Fukuoka", "Consul General", "VN",
         "Vu Chi Mai"),
        ("Vietnamese Ambassador Pham Quang Hieu", "Ambassador", "VN", "Pham Quang Hieu"),
        ("Deputy Prime Minister and Minister of Foreign Affairs Pham Binh Minh",
         "Deputy Prime Minister", "VN", "Pham Binh Minh"),
        ("Permanent Deputy PM Truong Hoa Binh", "Permanent Deputy Prime Minister", "VN",
         "Truong Hoa Binh"),
        ("National Assembly (NA) Vice Chairman Tran Quang Phuong",
         "Vice Chairman of the National Assembly", "VN", "Tran Quang Phuong"),
        ("Chairman of the Vietnamese National Assembly Tran Thanh Man",
         "Chairman of the National Assembly", "VN", "Tran Thanh Man"),
        ("Deputy Minister of Industry and Trade Nguyen Sinh Nhat Tan",
         "Deputy Minister of Industry and Trade", "VN", "Nguyen Sinh Nhat Tan"),
        ("Party General Secretary Nguyen Phu Trong", "General Secretary", "VN", "Nguyen Phu Trong"),
        ("Chinese President Xi Jinping", "President", "CN", "Xi Jinping"),
        ("Ms. Obuchi Yuko, member of the House of Representatives of Japan",
         "Member of the House of Representatives", "JP", "Obuchi Yuko"),
    ],
)  # fmt: skip
def test_national_titles_carry_the_country(text, title, country, name):
    parsed, found = split_titled_name(text, "VN")
    assert (parsed.title, parsed.level, found) == (title, "national", name)
    assert affiliation(parsed, "VN") == country


def test_title_without_a_place():
    parsed, name = split_titled_name("Vice Chairman of the municipal People's Committee Le Van A")
    assert parsed == Title("Vice Chairman of the People's Committee", None, "local")
    assert name == "Le Van A"
    assert affiliation(parsed) is None  # the place must come from the context


@pytest.mark.parametrize(
    ("phrase", "country", "expected", "aff"),
    [
        ("Secretary of Yunnan province's Party Committee", None,
         Title("Secretary of the Party Committee", "CN-YN", "local"), "CN-YN"),
        ("Director of the Hanoi Department of Industry and Trade", None,
         Title("Director", "VN-HN", "local"), "VN-HN"),
        ("President of Vietnam National University of Agriculture", None,
         Title("President", "VN", "other"), "VN"),
        ("Vietjet CEO", "VN", Title("CEO", "VN", "other"), "VN"),
        ("Governor of the State Bank of Vietnam", None, Title("Governor", "VN", "national"), "VN"),
        ("Japanese Ambassador to Vietnam", "VN", Title("Ambassador", "JP", "national"), "JP"),
        ("Ambassador to Japan", "VN", Title("Ambassador", "VN", "national"), "VN"),
        ("Foreign Minister", "JP", Title("Minister of Foreign Affairs", "JP", "national"), "JP"),
        ("Deputy Prime Minister", "VN", Title("Deputy Prime Minister", "VN", "national"), "VN"),
        ("its governor", None, Title("Governor", None, "local"), None),
    ],
)  # fmt: skip
def test_parse_title(phrase, country, expected, aff):
    parsed = parse_title(phrase, country)
    assert parsed == expected
    assert affiliation(parsed, country) == aff


def test_no_title():
    assert parse_title("the delegation from Kanagawa") is None
    assert split_titled_name("Kuroiwa Yuji") is None
    assert normalise_title("Gov.") == "Governor"
    assert normalise_title("NA Chairwoman") == "Chairman of the National Assembly"


def test_title_near_a_name_in_running_text():
    text = (
        "Hanoi (VNA) - Deputy Prime Minister Vu Duc Dam on November 18 received Governor "
        "of Japan's Kanagawa prefecture Kuroiwa Yuji now on a working visit. Dr. Vu Ngoc "
        "Huyen, Standing Deputy Secretary of the Party Committee, VNUA's Vice President, said."
    )
    start = text.index("Kuroiwa")
    near = title_near(text, start, start + len("Kuroiwa Yuji"))
    assert (near.title, near.place) == ("Governor", "JP-14")
    start = text.index("Vu Duc Dam")
    assert title_near(text, start, start + 10, "VN").title == "Deputy Prime Minister"
    start = text.index("Vu Ngoc")
    near = title_near(text, start, start + len("Vu Ngoc Huyen"), "VN")
    assert affiliation(near, "VN") == "VN"  # the apposition with a place-free national title


@pytest.mark.parametrize(
    ("text", "name", "title", "aff"),
    [
        # a title set off by a comma before an honorific
        ("Governor Tanaka Ken, Mayor of Sanjo City, Mr. Ono Jiro spoke.", "Ono Jiro", "Mayor", "JP-15"),
        # the name found by its family name alone, the given name before it
        ("The Governor of Japan's Mie prefecture, Aoki Taro, said.", "Taro", "Governor", "JP-24"),
        # a parenthesised abbreviation inside the title
        (
            "He received Vice Governor of the Republic of Korea (RoK)'s Gyeonggi province Park Min-su.",
            "Park Min-su",
            "Vice Governor",
            "KR-41",
        ),
        # `appointed to` as an apposition
        (
            "They met Dr. Sato Ichiro appointed to Honorary Consul of Vietnam in Sendai.",
            "Sato Ichiro",
            "Consul",
            "VN",
        ),
        # appositions with a parenthesised party name
        (
            "He hosted Chen Wei, member of the Communist Party of China (CPC), Secretary of "
            "the Yunnan Provincial Party Committee.",
            "Chen Wei",
            "Secretary of the Party Committee",
            "CN-YN",
        ),
        ("a delegation led by Vice Secretary of the Hanoi Party Committee Le Thi Hoa", "Le Thi Hoa",
         "Deputy Secretary of the Party Committee", "VN-HN"),
    ],
)  # fmt: skip
def test_title_near_written_apart(text, name, title, aff):
    start = text.index(name)
    near = title_near(text, start, start + len(name))
    assert near is not None
    assert (near.title, affiliation(near, "JP")) == (title, aff)


def test_locality_honorary_ambassador_and_occupations():
    tourism = parse_title("Da Nang's tourism ambassador in Osaka Prefecture")
    assert (tourism.level, tourism.place) == ("local", "VN-DN")
    assert parse_title("the sculptor").level == "other"
    assert (
        parse_title("Special Advisor to the Japan - Vietnam Friendship Alliance").level == "other"
    )
