"""The real extractor on short wordings written for this test, one case per wording family.

Expectations follow the output contract (EXTRACTION.md): persons compare by their
ASCII-folded, lower-cased token sets, places by identifier. The model loads once: every
article below goes through one `Pipeline.extract` call.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest

from localties.model import ArticleResult
from localties.model.article import RawArticle
from localties.pipeline import Pipeline

Result = dict[str, Any]
ANY = object()  # an expectation that is not checked

# id -> (text, published)
ARTICLES: dict[str, tuple[str, str | None]] = {
    # --- meetings -------------------------------------------------------------------------
    "mt_received": (
        "Hanoi (VNA) – Prime Minister Pham Minh Chinh received Governor of Japan's Kanagawa "
        "prefecture Kuroiwa Yuji in Hanoi on November 20.",
        "2022-11-20",
    ),
    "mt_reception": (
        "President Vo Van Thuong hosted a reception for Governor of Japan's Tochigi prefecture "
        "Fukuda Tomikazu in Hanoi on March 7.",
        "2023-03-08",
    ),
    "mt_courtesy": (
        "Vietnamese Ambassador to Japan Pham Quang Hieu paid a courtesy call on Governor of "
        "Chiba prefecture Kumagai Toshihito in Chiba city on June 5.",
        "2023-06-06",
    ),
    "mt_met_with": (
        "Chairman of the Hanoi People's Committee Tran Sy Thanh met with Governor of Japan's "
        "Osaka prefecture Yoshimura Hirofumi in Osaka on October 12.",
        "2023-10-13",
    ),
    "mt_talks": (
        "Secretary of the Bac Giang provincial Party Committee Duong Van Thai held talks with "
        "Governor of Fukuoka prefecture Hattori Seitaro in Fukuoka city on September 4.",
        "2023-09-05",
    ),
    "mt_working": (
        "Deputy Prime Minister Tran Luu Quang had a working session with Governor of Japan's "
        "Gunma prefecture Yamamoto Ichita in Hanoi on July 18.",
        "2023-07-19",
    ),
    "mt_phone": (
        "Chairman of the Da Nang People's Committee Le Trung Chinh held phone talks with "
        "Governor of Japan's Hyogo prefecture Saito Motohiko on May 10.",
        "2023-05-11",
    ),
    "mt_at_meeting": (
        "Vice President Vo Thi Anh Xuan received Governor of Japan's Aichi prefecture Omura "
        "Hideaki in Hanoi on April 3. At the meeting, Xuan said Vietnam values Aichi's "
        "investment in manufacturing and hopes for more cooperation in vocational training.",
        "2023-04-04",
    ),
    "mt_headline": (
        "PM receives Hiroshima Governor\n"
        "Prime Minister Pham Minh Chinh received Governor of Hiroshima prefecture Yuzaki "
        "Hidehiko in Hanoi on August 21.",
        "2023-08-22",
    ),
    "mt_planned": (
        "Prime Minister Pham Minh Chinh will meet Governor of Japan's Kanagawa prefecture "
        "Kuroiwa Yuji in Hanoi next week to discuss labour cooperation.",
        "2022-11-10",
    ),
    # --- title shapes ---------------------------------------------------------------------
    "ti_governor_of": (
        "Governor of Japan's Kanagawa prefecture Yuji Kuroiwa visited a vocational school in "
        "Hanoi on November 19. Kuroiwa said Kanagawa wants to welcome more Vietnamese students.",
        "2022-11-20",
    ),
    "ti_comma": (
        "Kuroiwa Yuji, governor of Kanagawa prefecture of Japan, visited a vocational school in "
        "Hanoi on November 19. Kuroiwa said the prefecture hopes to host more Vietnamese nurses.",
        "2022-11-20",
    ),
    "ti_short": (
        "Vietnamese Ambassador to Japan Pham Quang Hieu met Kuroiwa Yuji in Yokohama on May 12. "
        "Kanagawa Governor Kuroiwa said the prefecture would welcome more Vietnamese students.",
        "2023-05-13",
    ),
    "ti_hcmc": (
        "Vice Chairman of the Ho Chi Minh City People's Committee Vo Van Hoan welcomed a "
        "business delegation from Osaka on June 2. Hoan said the city hopes to attract more "
        "Japanese investment in high technology.",
        "2023-06-03",
    ),
    "ti_dpm": (
        "Deputy Prime Minister Tran Hong Ha attended a forum on Japanese investment in Hanoi "
        "on June 8. Ha said Vietnam would keep improving its business climate.",
        "2023-06-09",
    ),
    # --- dates ----------------------------------------------------------------------------
    "dt_evening": (
        "Prime Minister Pham Minh Chinh received Governor of Japan's Kanagawa prefecture "
        "Kuroiwa Yuji in Hanoi on November 15 evening.",
        "2022-11-17",
    ),
    "dt_interval": (
        "During his visit to Vietnam from November 16-18, Governor of Japan's Kanagawa "
        "prefecture Kuroiwa Yuji met with Prime Minister Pham Minh Chinh in Hanoi.",
        "2022-11-20",
    ),
    "dt_no_year": (
        "Prime Minister Pham Minh Chinh received Governor of Japan's Kanagawa prefecture "
        "Kuroiwa Yuji in Hanoi on November 15.",
        None,
    ),
    "dt_weekday": (
        "Chairman of the Hanoi People's Committee Tran Sy Thanh received Governor of Japan's "
        "Fukuoka prefecture Hattori Seitaro in Hanoi on Thursday.",
        "2023-11-25",
    ),
    "dt_in_year": (
        "Hyogo prefecture and Da Nang city signed a memorandum of understanding on "
        "cooperation in 2018.",
        "2023-05-02",
    ),
    "dt_since": (
        "Chiba prefecture and Quang Ninh province have been implementing a cooperation "
        "agreement since 2015.",
        "2023-05-02",
    ),
    "dt_last_year": (
        "Shizuoka prefecture and Thanh Hoa province signed a memorandum of understanding on "
        "human resources cooperation last year.",
        "2024-03-05",
    ),
    # --- agreements -----------------------------------------------------------------------
    "ag_in_line_with": (
        "Shiga prefecture will train 50 caregivers from Hue city this year in line with the "
        "memorandum of understanding the two localities signed in 2021.",
        "2024-02-01",
    ),
    "ag_just_implemented": (
        "Kochi prefecture and Binh Dinh province said their friendship agreement has just "
        "been implemented in tourism and fisheries.",
        "2024-02-01",
    ),
    "ag_signed": (
        "Japan's Saitama prefecture and Vietnam's Ha Nam province signed a memorandum of "
        "understanding on cooperation in industry and vocational training on October 3.",
        "2023-10-04",
    ),
    "ag_renewed": (
        "The memorandum of understanding on economic cooperation between Kanagawa prefecture "
        "and Ho Chi Minh City was signed in 2018 and renewed in 2021.",
        "2023-02-14",
    ),
    "ag_planned": (
        "Gifu prefecture and Nghe An province will sign a cooperation agreement on labour and "
        "education next month.",
        "2023-09-01",
    ),
    # --- statements -----------------------------------------------------------------------
    "st_group_object_subject": (
        "Chairman of the Nghe An People's Committee Nguyen Duc Trung received Governor Miyashita "
        "Soichiro of Aomori and Governor Takuya Tasso of Iwate in Vinh city on April 9. Trung "
        "asked the governors to send more nursing trainers to the province. The Japanese "
        "governors pledged to welcome more interns from Nghe An.",
        "2024-04-10",
    ),
    "st_they_agreed": (
        "Governor of Yamanashi prefecture Nagasaki Kotaro held talks with Chairman of the Dong "
        "Thap People's Committee Pham Thien Nghia in Kofu on May 7. They agreed to send "
        "farming trainees and hold a fruit fair next year.",
        "2024-05-08",
    ),
    "st_asked": (
        "Governor of Japan's Tochigi prefecture Fukuda Tomikazu asked Vinh Phuc province to "
        "create favourable conditions for Tochigi firms investing there.",
        "2023-11-21",
    ),
    "st_urged": (
        "Chairman of the Bac Ninh provincial People's Committee Vuong Quoc Tuan urged Japan's "
        "Saitama prefecture to encourage more of its firms to invest in Bac Ninh.",
        "2023-10-04",
    ),
    "st_called_on": (
        "Secretary of the Thai Binh provincial Party Committee Ngo Dong Hai called on Japan's "
        "Okayama prefecture to expand cooperation with the province in agriculture.",
        "2023-08-10",
    ),
    "st_suggested": (
        "Governor of Japan's Nagano prefecture Abe Shuichi suggested that Hai Phong city open "
        "a trade promotion office in Nagano.",
        "2023-08-10",
    ),
    "st_pledged": (
        "Governor of Japan's Ibaraki prefecture Oigawa Kazuhiko pledged to help Lam Dong "
        "province develop high-tech agriculture.",
        "2023-08-10",
    ),
    "st_affirmed": (
        "Chairman of the Quang Ninh provincial People's Committee Cao Tuong Huy affirmed his "
        "commitment to facilitating investment by firms from Japan's Yamaguchi prefecture.",
        "2023-08-10",
    ),
    "st_said_would": (
        "Governor of Japan's Toyama prefecture Nitta Hachiro met Chairman of the Binh Dinh "
        "People's Committee Pham Anh Tuan in Toyama on June 3. Nitta said he would support "
        "exchanges of students and nurses between the two localities.",
        "2024-06-04",
    ),
    "st_coordinated_will": (
        "Japan's Shimane prefecture and the northern province of Ha Nam will strengthen their "
        "links in vocational training under a plan unveiled on March 12.",
        "2024-03-13",
    ),
    "st_confidence_not_commitment": (
        "Chairman of the Kien Giang People's Committee Lam Minh Thanh received Governor of "
        "Japan's Tokushima prefecture Goto Masanori in Rach Gia on July 9. Thanh voiced "
        "confidence that Tokushima would continue to support the province.",
        "2024-07-10",
    ),
    "st_whole_side": (
        "Chairman of the Ben Tre provincial People's Committee Tran Ngoc Tam received Governor "
        "of Japan's Akita prefecture Sato Norihisa in Ben Tre on May 2. Tam called on Japanese "
        "businesses to invest more in coconut processing.",
        "2024-05-03",
    ),
    "st_ready": (
        "Governor of Japan's Shizuoka prefecture Suzuki Yasutomo said Shizuoka is ready to "
        "receive more trainees from Thanh Hoa province.",
        "2024-08-10",
    ),
    # --- statements read from the parse and the discourse ----------------------------------
    "st_focus_subject": (
        "Cooperation with Japan is a priority, President Luong Cuong told Governor of "
        "Japan's Shiga prefecture Mikazuki Taizo at a meeting in Hanoi on May 14. He "
        "called on Japanese companies to open more plants in Vietnam.",
        "2025-05-15",
    ),
    "st_role_of_place": (
        "Chairman of the Da Nang People's Committee Le Trung Chinh and Chairman of the "
        "Kumamoto Prefectural Assembly Matsuda Yasuo signed a friendship memorandum in "
        "Da Nang on March 3. After the signing, the chairman of the Da Nang People's "
        "Committee proposed direct flights between the two places.",
        "2025-03-04",
    ),
    "st_head_of_government": (
        "Prime Minister Pham Minh Chinh received Governor of Japan's Niigata prefecture "
        "Hanazumi Hideyo in Hanoi on June 2. At the meeting, the head of government "
        "suggested that Niigata open a rice research centre with Vietnamese "
        "universities.",
        "2025-06-03",
    ),
    "st_look_forward": (
        "Governor of Japan's Miyazaki prefecture Kono Shunji met Chairman of the Lam "
        "Dong People's Committee Tran Hong Thai in Da Lat on April 8. Kono said he "
        "looked forward to receiving support from Lam Dong for a flower exchange "
        "programme.",
        "2025-04-09",
    ),
    "st_passive_invited": (
        "Governor of Japan's Toyama prefecture Nitta Hachiro met Secretary of the Hai "
        "Duong Party Committee Tran Duc Thang in Toyama on July 2. The two first met "
        "when Thang was invited to Toyama in 2023.",
        "2025-07-03",
    ),
    "st_hope_can": (
        "Chairman of the Can Tho People's Committee Tran Viet Truong met Governor of "
        "Japan's Kagawa prefecture Ikeda Toyohito in Can Tho on August 1. Truong voiced "
        "the hope that Kagawa firms can open more food processing plants in the city.",
        "2025-08-02",
    ),
    "st_expected_commitment": (
        "Governor of Japan's Oita prefecture Sato Kiichiro will visit Binh Duong "
        "province next week. He and the provincial chairman are expected to confirm "
        "their commitment to a new industrial park.",
        "2025-09-01",
    ),
    "st_will_visit": (
        "Governor of Japan's Okayama prefecture Ibaraki Ryuta will make his first visit "
        "to Thai Binh province in October.",
        "2025-09-01",
    ),
    "st_proposed_clause_addressee": (
        "Chairman of the Hai Phong People's Committee Nguyen Van Tung received a "
        "delegation of the Friendship Association of Japan's Kyoto prefecture led by "
        "its Chairman Nishida Shoji on May 20. Tung proposed the association deepen its "
        "links with Hai Phong in culture.",
        "2025-05-21",
    ),
    "st_ambassador_one_word": (
        "Ambassador Lan visited Tottori prefecture on June 4. Ambassador Lan voiced the "
        "hope that Tottori would welcome more Vietnamese trainees.",
        "2025-06-05",
    ),
    "pe_later_office": (
        "Prime Minister Pham Minh Chinh received Wang Ning, member of the Central "
        "Committee of the Communist Party of China, Secretary of the Yunnan Provincial "
        "Party Committee, in Hanoi on April 1.",
        "2025-04-02",
    ),
    "st_second_frame": (
        "Chairman of the Da Nang People's Committee Luong Nguyen Minh Triet received Governor "
        "of Japan's Hyogo prefecture Saito Motohiko in Da Nang on May 3. Triet thanked Saito "
        "for his support. The same day, Triet also met Governor of Japan's Saga prefecture "
        "Yamaguchi Yoshinori. He asked his guest to send more nursing lecturers to the city.",
        "2025-05-04",
    ),
    "mt_medal": (
        "Deputy Prime Minister Tran Hong Ha presented the Friendship Order to Governor of "
        "Japan's Nagano prefecture Abe Shuichi in Hanoi on April 4.",
        "2025-04-05",
    ),
    "ag_coordinated_subject": (
        "Savannakhet and Salavan provinces signed a cooperation memorandum with Quang Tri "
        "province in Dong Ha on June 1.",
        "2025-06-02",
    ),
    "tie_dash_pairs": (
        "Governor of Japan's Saga prefecture Yamaguchi Yoshinori met Chairman of the Can Tho "
        "People's Committee Tran Viet Truong in Can Tho on June 9. He named partnerships such "
        "as Nagasaki – Hai Phong, Saga – Can Tho and Oita – Da Nang as models for cooperation.",
        "2025-06-10",
    ),
    "fa_strong": (
        "Governor of Japan's Gunma prefecture Yamamoto Ichita met Vietnamese residents in "
        "Maebashi on May 2. Gunma is home to a 3,600-strong Vietnamese community.",
        "2025-05-03",
    ),
    "fa_companies_of": (
        "Governor of Japan's Hyogo prefecture Saito Motohiko visited Da Nang on July 1. Some "
        "70 companies of Hyogo are operating in Vietnam.",
        "2025-07-02",
    ),
    # --- exchange events ------------------------------------------------------------------
    "ev_festival": (
        "A Japanese culture festival organised by Shiga prefecture took place in Hue city on "
        "March 18, with tea ceremonies and drum performances.",
        "2023-03-19",
    ),
    "ev_seminar": (
        "The Binh Duong provincial People's Committee held an investment promotion seminar "
        "for Japanese firms in Tokyo on July 5.",
        "2023-07-06",
    ),
    # --- ties -----------------------------------------------------------------------------
    "tie_between": (
        "The two sides agreed to strengthen the cooperation between Tochigi and Vinh Phuc in "
        "agriculture and education.",
        "2023-11-21",
    ),
    "tie_country": (
        "Governor of Japan's Aichi prefecture Omura Hideaki said Aichi wants to expand "
        "cooperation with Vietnam in the automobile industry.",
        "2023-04-04",
    ),
    "tie_locality": (
        "Governor of Japan's Aichi prefecture Omura Hideaki said Aichi wants to expand "
        "cooperation with Vietnam, especially with Binh Duong province, in the automobile "
        "industry.",
        "2023-04-04",
    ),
    # --- facts ----------------------------------------------------------------------------
    "fa_diaspora": (
        "Nearly 30,000 Vietnamese live in Kanagawa, one of the largest Vietnamese communities "
        "in Japan.",
        "2022-11-20",
    ),
    "fa_words": ("Six Vietnamese firms have invested in Kanagawa so far.", "2022-11-20"),
    "fa_more_than": (
        "More than 200 Japanese firms have invested in Bac Ninh province.",
        "2023-10-04",
    ),
    "fa_about": ("About 1,500 Vietnamese live and work in Tottori prefecture.", "2023-10-04"),
    "fa_capital": ("Japanese firms have invested USD 1.2 billion in Hai Phong city.", "2023-10-04"),
    "fa_flight": (
        "Vietnam Airlines operates a direct flight between Da Nang and Osaka.",
        "2023-10-04",
    ),
    # --- topics ---------------------------------------------------------------------------
    "tp_labour": (
        "Chairman of the Nghe An provincial People's Committee Nguyen Duc Trung asked Japan's "
        "Gifu prefecture to receive more technical interns from the province.",
        "2023-09-01",
    ),
    "tp_domestic": (
        "Incumbent Kuroiwa Yuji won a fourth term in the Kanagawa gubernatorial election on "
        "Sunday, defeating two rivals. Turnout was about 40 percent.",
        "2023-04-10",
    ),
    # --- near misses: partners outside Japan ----------------------------------------------
    "nm_korea": (
        "Bac Ninh province and South Korea's Gyeonggi-do signed a memorandum of understanding "
        "on economic cooperation in Bac Ninh on May 15. Before the signing, Chairman of the "
        "Bac Ninh provincial People's Committee Vuong Quoc Tuan received Governor of "
        "Gyeonggi-do Kim Dong-yeon.",
        "2023-05-16",
    ),
    "nm_laos": (
        "Quang Tri province and Laos's Savannakhet province signed a cooperation agreement for "
        "the 2023-2025 period in Dong Ha city on March 10.",
        "2023-03-11",
    ),
    "nm_china": (
        "Secretary of the Lang Son provincial Party Committee Nguyen Quoc Doan held talks with "
        "Chairman of the Guangxi Zhuang Autonomous Region Lan Tianli in Nanning on February "
        "20. The two sides agreed to boost trade between Lang Son and Guangxi.",
        "2023-02-21",
    ),
    # --- evidence -------------------------------------------------------------------------
    "evidence": (
        "Hà Nội (VNA) – Prime Minister Phạm Minh Chính received Governor of Japan's Kanagawa "
        "prefecture Kuroiwa Yuji in Hà Nội on November 20.\n"
        "Japanese Ambassador Yamada Takio attends the meeting (Photo: VNA)\n"
        "Chính asked Kanagawa to support the nearly 30,000 Vietnamese living in the "
        "prefecture.",
        "2022-11-20",
    ),
}


@pytest.fixture(scope="module")
def results(pipeline: Pipeline) -> dict[str, Result]:
    raws = [RawArticle(id=key, text=text, published=pub) for key, (text, pub) in ARTICLES.items()]
    results = pipeline.extract(raws)
    return {out.id: out.to_contract() for out in results if isinstance(out, ArticleResult)}


def _key(name: str | None) -> frozenset[str]:
    """The contract's person identity: ASCII-folded, lower-cased token set."""
    text = unicodedata.normalize("NFKD", (name or "").replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return frozenset(re.findall(r"[a-z0-9]+", text))


def _persons(out: Result) -> list[Result]:
    return [e for e in out["entities"] if e["type"] == "person"]


def _place_ids(out: Result) -> set[str]:
    return {e["id"] for e in out["entities"] if e["type"] == "place"}


def _person(people: list[Result], name: str) -> Result:
    found = [p for p in people if _key(p["name"]) == _key(name)]
    assert found, f"no {name!r} among {[p['name'] for p in people]}"
    return found[0]


def _pairs(out: Result) -> set[frozenset[str]]:
    return {frozenset((t["a"], t["b"])) for t in out["ties"]}


def _only_meeting(out: Result) -> Result:
    meetings = out["meetings"]
    assert len(meetings) == 1, meetings
    meeting: Result = meetings[0]
    return meeting


def _records(out: Result) -> Iterator[Result]:
    for component in ("meetings", "agreements", "statements", "exchange_events", "ties", "facts"):
        yield from out[component]


# --- meetings -----------------------------------------------------------------------------

# case, {name: (affiliation, role or ANY)}, date, place
MEETINGS: list[tuple[str, dict[str, tuple[str, object]], str, str | None]] = [
    ("mt_received", {"Pham Minh Chinh": ("VN", "host"), "Kuroiwa Yuji": ("JP-14", "guest")},
     "2022-11-20", "VN-HN"),
    ("mt_reception", {"Vo Van Thuong": ("VN", "host"), "Fukuda Tomikazu": ("JP-09", "guest")},
     "2023-03-07", "VN-HN"),
    ("mt_courtesy", {"Pham Quang Hieu": ("VN", "guest"), "Kumagai Toshihito": ("JP-12", "host")},
     "2023-06-05", "JP-12"),
    ("mt_met_with", {"Tran Sy Thanh": ("VN-HN", ANY), "Yoshimura Hirofumi": ("JP-27", ANY)},
     "2023-10-12", "JP-27"),
    ("mt_talks", {"Duong Van Thai": ("VN-54", ANY), "Hattori Seitaro": ("JP-40", ANY)},
     "2023-09-04", "JP-40"),
    ("mt_working", {"Tran Luu Quang": ("VN", ANY), "Yamamoto Ichita": ("JP-10", ANY)},
     "2023-07-18", "VN-HN"),
    ("mt_phone", {"Le Trung Chinh": ("VN-DN", ANY), "Saito Motohiko": ("JP-28", ANY)},
     "2023-05-10", None),
    ("mt_at_meeting", {"Vo Thi Anh Xuan": ("VN", "host"), "Omura Hideaki": ("JP-23", "guest")},
     "2023-04-03", "VN-HN"),
    ("mt_headline", {"Pham Minh Chinh": ("VN", "host"), "Yuzaki Hidehiko": ("JP-34", "guest")},
     "2023-08-21", "VN-HN"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "people", "date", "place"), MEETINGS, ids=[m[0] for m in MEETINGS]
)
def test_meeting_wordings(
    results: dict[str, Result],
    case: str,
    people: dict[str, tuple[str, object]],
    date: str,
    place: str | None,
) -> None:
    meeting = _only_meeting(results[case])
    participants = meeting["participants"]
    for name, (affiliation, role) in people.items():
        person = _person(participants, name)
        assert person["affiliation"] == affiliation, person
        if role is not ANY:
            assert person["role"] == role, person
    # Later one-word mentions ("Xuan said") are the same participant, not a new one.
    assert {_key(p["name"]) for p in participants} == {_key(n) for n in people}
    assert meeting["date"] == date
    assert meeting["place"] == place


def test_planned_meeting_is_no_meeting(results: dict[str, Result]) -> None:
    out = results["mt_planned"]
    assert out["meetings"] == []
    assert _key("Kuroiwa Yuji") in {_key(p["name"]) for p in _persons(out)}


PLAIN_MEETINGS = ["mt_received", "mt_reception", "mt_courtesy", "mt_met_with", "mt_talks",
                  "mt_working", "mt_phone", "mt_headline"]  # fmt: skip


@pytest.mark.parametrize("case", PLAIN_MEETINGS)
def test_plain_meeting_is_no_statement(results: dict[str, Result], case: str) -> None:
    # Nobody asks or promises anything in these sentences.
    assert results[case]["statements"] == []


# case, person, words the title must keep (its rank: "Deputy", "Vice")
RANKS = [
    ("mt_working", "Tran Luu Quang", "deputy prime minister"),
    ("mt_at_meeting", "Vo Thi Anh Xuan", "vice president"),
    ("ti_hcmc", "Vo Van Hoan", "vice chairman"),
    ("ti_dpm", "Tran Hong Ha", "deputy prime minister"),
]


@pytest.mark.parametrize(("case", "name", "rank"), RANKS)
def test_title_keeps_its_rank(results: dict[str, Result], case: str, name: str, rank: str) -> None:
    title = _person(_persons(results[case]), name)["title"] or ""
    assert rank in title.lower(), title


# --- title shapes -------------------------------------------------------------------------

TITLES = [
    ("ti_governor_of", "Yuji Kuroiwa", "JP-14"),
    ("ti_comma", "Kuroiwa Yuji", "JP-14"),
    ("ti_short", "Kuroiwa Yuji", "JP-14"),
    ("ti_short", "Pham Quang Hieu", "VN"),
    ("ti_hcmc", "Vo Van Hoan", "VN-SG"),
    ("ti_dpm", "Tran Hong Ha", "VN"),
]


@pytest.mark.parametrize(("case", "name", "affiliation"), TITLES)
def test_title_shapes_give_affiliation(
    results: dict[str, Result], case: str, name: str, affiliation: str
) -> None:
    people = _persons(results[case])
    assert _person(people, name)["affiliation"] == affiliation
    # A one-word later mention ("Kuroiwa said") resolves to the full name.
    singles = [p["name"] for p in people if len(_key(p["name"])) == 1]
    assert singles == []


# --- dates --------------------------------------------------------------------------------

MEETING_DATES = [
    ("mt_received", "2022-11-20"),  # on November 20, published 2022-11-20
    ("dt_evening", "2022-11-15"),
    ("dt_interval", "2022-11-16/2022-11-18"),
    ("dt_no_year", "XXXX-11-15"),
    ("dt_weekday", "2023-11-23"),  # the Thursday before Saturday 2023-11-25
]


@pytest.mark.parametrize(("case", "date"), MEETING_DATES)
def test_meeting_dates_are_edtf(results: dict[str, Result], case: str, date: str) -> None:
    assert _only_meeting(results[case])["date"] == date


AGREEMENT_DATES = [
    ("dt_in_year", "2018", ["JP-28", "VN-DN"]),
    ("dt_since", "2015", ["JP-12", "VN-13"]),
    ("dt_last_year", "2023", ["JP-22", "VN-21"]),
]


@pytest.mark.parametrize(("case", "date", "parties"), AGREEMENT_DATES)
def test_agreement_dates_are_edtf(
    results: dict[str, Result], case: str, date: str, parties: list[str]
) -> None:
    got = [(a["date"], sorted(a["parties"])) for a in results[case]["agreements"]]
    assert got == [(date, parties)]


def test_no_year_without_published_date(results: dict[str, Result]) -> None:
    out = results["dt_no_year"]
    assert out["article"]["published"] is None
    assert not any(re.match(r"\d{4}", m["date"] or "") for m in out["meetings"])


# --- agreements ---------------------------------------------------------------------------


def test_signed_mou_between_prefecture_and_province(results: dict[str, Result]) -> None:
    got = [(a["kind"], a["date"], sorted(a["parties"])) for a in results["ag_signed"]["agreements"]]
    assert got == [("signed", "2023-10-03", ["JP-11", "VN-63"])]


def test_signed_then_renewed_is_two_records(results: dict[str, Result]) -> None:
    got = {
        (a["kind"], a["date"], tuple(sorted(a["parties"])))
        for a in results["ag_renewed"]["agreements"]
    }
    assert got == {("signed", "2018", ("JP-14", "VN-SG")), ("renewed", "2021", ("JP-14", "VN-SG"))}


@pytest.mark.parametrize(
    ("case", "parties"),
    [("ag_in_line_with", ["JP-25", "VN-26"]), ("ag_just_implemented", ["JP-39", "VN-31"])],
)
def test_acting_under_an_agreement_is_implementing_it(
    results: dict[str, Result], case: str, parties: list[str]
) -> None:
    got = {(a["kind"], tuple(sorted(a["parties"]))) for a in results[case]["agreements"]}
    assert ("implemented", tuple(parties)) in got, results[case]["agreements"]


def test_will_sign_is_planned(results: dict[str, Result]) -> None:
    got = [(a["kind"], sorted(a["parties"])) for a in results["ag_planned"]["agreements"]]
    assert got == [("planned", ["JP-21", "VN-22"])]


# --- statements ---------------------------------------------------------------------------

STATEMENTS = [
    ("st_asked", "proposal", "Fukuda Tomikazu", "JP-09", "VN-70"),
    ("st_urged", "proposal", "Vuong Quoc Tuan", "VN-56", "JP-11"),
    ("st_called_on", "proposal", "Ngo Dong Hai", "VN-20", "JP-33"),
    ("st_suggested", "proposal", "Abe Shuichi", "JP-20", "VN-HP"),
    ("st_pledged", "commitment", "Oigawa Kazuhiko", "JP-08", "VN-35"),
    ("st_affirmed", "commitment", "Cao Tuong Huy", "VN-13", "JP-35"),
    ("st_ready", "commitment", "Suzuki Yasutomo", "JP-22", "VN-21"),
    ("st_said_would", "commitment", "Nitta Hachiro", "JP-16", "VN-31"),
    ("st_whole_side", "proposal", "Tran Ngoc Tam", "VN-50", "JP"),
]


def test_a_coordinated_subject_that_will_act_commits_both_sides(
    results: dict[str, Result],
) -> None:
    got = {(s["kind"], s["from"], s["to"]) for s in results["st_coordinated_will"]["statements"]}
    assert {("commitment", "JP-32", "VN-63"), ("commitment", "VN-63", "JP-32")} <= got, got


def test_what_a_speaker_is_confident_the_other_side_will_do_is_no_commitment(
    results: dict[str, Result],
) -> None:
    """ "voiced confidence that Tokushima would continue to support ...": a belief about the
    other side, neither side's commitment."""
    statements = results["st_confidence_not_commitment"]["statements"]
    assert not [s for s in statements if s["kind"] == "commitment"], statements


def test_they_agreed_commits_both_sides(results: dict[str, Result]) -> None:
    got = {(s["kind"], s["from"], s["to"]) for s in results["st_they_agreed"]["statements"]}
    assert {("commitment", "JP-19", "VN-45"), ("commitment", "VN-45", "JP-19")} <= got, got


def test_a_plural_office_stands_for_each_official(results: dict[str, Result]) -> None:
    """ "asked the governors": one proposal per governor; "the governors pledged": one
    commitment from each."""
    got = {
        (s["kind"], _key(s["speaker"]), s["from"], s["to"])
        for s in results["st_group_object_subject"]["statements"]
    }
    trung = _key("Nguyen Duc Trung")
    assert {("proposal", trung, "VN-22", "JP-02"), ("proposal", trung, "VN-22", "JP-03")} <= got
    assert ("commitment", _key("Miyashita Soichiro"), "JP-02", "VN-22") in got
    assert ("commitment", _key("Takuya Tasso"), "JP-03", "VN-22") in got


@pytest.mark.parametrize(("case", "kind", "speaker", "source", "target"), STATEMENTS)
def test_statement_wordings(
    results: dict[str, Result], case: str, kind: str, speaker: str, source: str, target: str
) -> None:
    statements = results[case]["statements"]
    got = {(s["kind"], _key(s["speaker"]), s["from"], s["to"]) for s in statements}
    assert (kind, _key(speaker), source, target) in got, statements


# --- statements read from the parse and the discourse ---------------------------------------

PARSED_STATEMENTS = [
    # "He" after "President X told Governor Y ...": the subject in focus, not the name last
    ("st_focus_subject", "proposal", "Luong Cuong", "VN", "JP"),
    # "the chairman of <place>" picks that chairman when the story has two
    ("st_role_of_place", "proposal", "Le Trung Chinh", "VN-DN", ANY),
    # "the head of government" is the Prime Minister
    ("st_head_of_government", "proposal", "Pham Minh Chinh", "VN", "JP-15"),
    # looking forward to the other side's support asks for it
    ("st_look_forward", "proposal", "Kono Shunji", "JP-45", "VN-35"),
    # "voiced the hope that X can ..." is a hope-clause like "would"
    ("st_hope_can", "proposal", "Tran Viet Truong", "VN-CT", "JP-37"),
    # the one asked is the association, not the city its clause names; "led by its
    # Chairman X" makes X the association's locality's
    ("st_proposed_clause_addressee", "proposal", "Nguyen Van Tung", "VN-HP", "JP-26"),
]


@pytest.mark.parametrize(("case", "kind", "speaker", "source", "target"), PARSED_STATEMENTS)
def test_statements_from_the_parse(
    results: dict[str, Result], case: str, kind: str, speaker: str, source: str, target: object
) -> None:
    statements = results[case]["statements"]
    got = {
        (s["kind"], _key(s["speaker"]), s["from"], ANY if target is ANY else s["to"])
        for s in statements
    }
    assert (kind, _key(speaker), source, target) in got, statements


@pytest.mark.parametrize("case", ["st_passive_invited", "st_expected_commitment", "st_will_visit"])
def test_no_statement_from_a_passive_a_forecast_or_a_journey(
    results: dict[str, Result], case: str
) -> None:
    """ "X was invited to Toyama" asks nothing of anyone named; "are expected to confirm
    their commitment" is the reporter's forecast; "will make his first visit" is a plan
    to travel, not a promise to the other side."""
    assert results[case]["statements"] == [], results[case]["statements"]


def test_a_titled_one_word_name_that_is_a_common_word(results: dict[str, Result]) -> None:
    """ "Ambassador Lan", twice: a person, though "lan" is a common word elsewhere."""
    persons = _persons(results["st_ambassador_one_word"])
    assert [(p["name"], p.get("title")) for p in persons] == [("Lan", "Ambassador")], persons


def test_a_later_office_naming_a_locality_gives_the_affiliation(
    results: dict[str, Result],
) -> None:
    """ "member of the Central Committee ..., Secretary of the Yunnan Provincial Party
    Committee": a local official of Yunnan."""
    persons = {p["name"]: p for p in _persons(results["pe_later_office"])}
    assert persons["Wang Ning"]["affiliation"] == "CN-YN", persons


def test_the_same_day_he_also_met_starts_another_encounter(results: dict[str, Result]) -> None:
    """ "The same day, Triet also met Governor Y": a second meeting, still in Da Nang, and
    what he asks next is asked of the guest of that one."""
    out = results["st_second_frame"]
    pairs = [
        ({_key(p["name"]) for p in m["participants"]}, m["place"], m["date"])
        for m in out["meetings"]
    ]
    triet = _key("Luong Nguyen Minh Triet")
    assert pairs == [
        ({triet, _key("Saito Motohiko")}, "VN-DN", "2025-05-03"),
        ({triet, _key("Yamaguchi Yoshinori")}, "VN-DN", "2025-05-03"),
    ], pairs
    got = {(s["kind"], s["from"], s["to"]) for s in out["statements"]}
    assert got == {("proposal", "VN-DN", "JP-41")}, out["statements"]


def test_presenting_an_order_to_a_guest_is_a_meeting(results: dict[str, Result]) -> None:
    (meeting,) = results["mt_medal"]["meetings"]
    assert {_key(p["name"]) for p in meeting["participants"]} == {
        _key("Tran Hong Ha"),
        _key("Abe Shuichi"),
    }
    assert (meeting["date"], meeting["place"]) == ("2025-04-04", "VN-HN")


def test_a_coordinated_subject_signs_one_agreement_each(results: dict[str, Result]) -> None:
    """ "Savannakhet and Salavan provinces signed ... with Quang Tri": each with Quang Tri."""
    got = {tuple(a["parties"]) for a in results["ag_coordinated_subject"]["agreements"]}
    assert got == {("LA-SV", "VN-25"), ("LA-SL", "VN-25")}, got


# --- exchange events ----------------------------------------------------------------------


def test_festival_in_a_named_city(results: dict[str, Result]) -> None:
    events = results["ev_festival"]["exchange_events"]
    assert ("festival", "VN-26") in {(e["kind"], e["place"]) for e in events}, events


def test_investment_seminar_with_date(results: dict[str, Result]) -> None:
    events = results["ev_seminar"]["exchange_events"]
    got = {(e["kind"], e["place"], e["date"]) for e in events}
    assert ("seminar", "JP-13", "2023-07-05") in got, events


# --- ties ---------------------------------------------------------------------------------


def test_cooperation_between_two_localities(results: dict[str, Result]) -> None:
    assert frozenset({"JP-09", "VN-70"}) in _pairs(results["tie_between"])


def test_locality_with_country_when_no_locality_named(results: dict[str, Result]) -> None:
    assert frozenset({"JP-23", "VN"}) in _pairs(results["tie_country"])


def test_locality_with_locality_replaces_country(results: dict[str, Result]) -> None:
    pairs = _pairs(results["tie_locality"])
    assert frozenset({"JP-23", "VN-57"}) in pairs
    assert frozenset({"JP-23", "VN"}) not in pairs


# --- facts --------------------------------------------------------------------------------


def _fact_places(fact: Result) -> tuple[str, ...] | frozenset[str]:
    kind = fact["kind"]
    if kind == "diaspora":
        return (fact["place"], fact["group"])
    if kind in {"trade_value", "air_route"}:
        return frozenset((fact["a"], fact["b"]))
    return (fact["origin"], fact["destination"])


FACTS: list[tuple[str, str, tuple[str, ...] | frozenset[str], float | None, str | None]] = [
    ("fa_diaspora", "diaspora", ("JP-14", "VN"), 30000, "nearly"),
    ("fa_words", "investing_firms", ("VN", "JP-14"), 6, None),
    ("fa_more_than", "investing_firms", ("JP", "VN-56"), 200, "over"),
    ("fa_about", "diaspora", ("JP-31", "VN"), 1500, "about"),
    ("fa_capital", "investment_capital", ("JP", "VN-HP"), 1_200_000_000, None),
    ("fa_flight", "air_route", frozenset({"VN-DN", "JP-27"}), None, None),
]


@pytest.mark.parametrize(("case", "kind", "places", "value", "approx"), FACTS)
def test_fact_wordings(
    results: dict[str, Result],
    case: str,
    kind: str,
    places: tuple[str, ...] | frozenset[str],
    value: float | None,
    approx: str | None,
) -> None:
    facts = results[case]["facts"]
    got = {(f["kind"], _fact_places(f), f["value"], f["approx"]) for f in facts}
    assert (kind, places, value, approx) in got, facts


# --- topics -------------------------------------------------------------------------------


def test_technical_interns_are_labour(results: dict[str, Result]) -> None:
    assert "labour" in results["tp_labour"]["topics"]


def test_domestic_story_yields_only_entities(results: dict[str, Result]) -> None:
    out = results["tp_domestic"]
    for component in ("meetings", "agreements", "statements", "exchange_events", "ties", "facts"):
        assert out[component] == [], (component, out[component])
    assert out["topics"] == []
    assert _key("Kuroiwa Yuji") in {_key(p["name"]) for p in _persons(out)}
    assert "JP-14" in _place_ids(out)


# --- near misses: partners outside Japan --------------------------------------------------


def _all_place_ids(out: Result) -> set[str]:
    ids = set(_place_ids(out))
    for agreement in out["agreements"]:
        ids.update(agreement["parties"])
    for meeting in out["meetings"]:
        ids.update(p["affiliation"] for p in meeting["participants"] if p["affiliation"])
        ids.add(meeting["place"] or "")
    for pair in _pairs(out):
        ids.update(pair)
    ids.discard("")
    return ids


def test_vietnam_korea_records(results: dict[str, Result]) -> None:
    out = results["nm_korea"]
    got = [(a["kind"], sorted(a["parties"])) for a in out["agreements"]]
    assert got == [("signed", ["KR-41", "VN-56"])]
    participants = _only_meeting(out)["participants"]
    assert _person(participants, "Vuong Quoc Tuan")["affiliation"] == "VN-56"
    assert _person(participants, "Kim Dong-yeon")["affiliation"] == "KR-41"
    assert frozenset({"KR-41", "VN-56"}) in _pairs(out)
    assert not any(i.startswith("JP") for i in _all_place_ids(out)), _all_place_ids(out)


def test_vietnam_laos_records(results: dict[str, Result]) -> None:
    out = results["nm_laos"]
    got = [(a["kind"], sorted(a["parties"])) for a in out["agreements"]]
    assert got == [("signed", ["LA-SV", "VN-25"])]
    assert frozenset({"LA-SV", "VN-25"}) in _pairs(out)
    assert not any(i.startswith("JP") for i in _all_place_ids(out)), _all_place_ids(out)


def test_vietnam_china_records(results: dict[str, Result]) -> None:
    out = results["nm_china"]
    meeting = _only_meeting(out)
    assert _person(meeting["participants"], "Nguyen Quoc Doan")["affiliation"] == "VN-09"
    assert _person(meeting["participants"], "Lan Tianli")["affiliation"] == "CN-GX"
    assert meeting["date"] == "2023-02-20"
    assert meeting["place"] == "CN-GX"
    assert frozenset({"CN-GX", "VN-09"}) in _pairs(out)
    assert not any(i.startswith("JP") for i in _all_place_ids(out)), _all_place_ids(out)


# --- evidence -----------------------------------------------------------------------------


def test_evidence_indexes_the_original_text(results: dict[str, Result]) -> None:
    text = ARTICLES["evidence"][0]
    out = results["evidence"]
    meeting = _only_meeting(out)
    quoted = "".join(text[s["start"] : s["end"]] for s in meeting["evidence"])
    assert "Phạm Minh Chính received Governor of Japan's Kanagawa prefecture Kuroiwa Yuji" in quoted
    chinh = _person(_persons(out), "Pham Minh Chinh")
    assert "Phạm Minh Chính" in {text[m["start"] : m["end"]] for m in chinh["mentions"]}
    assert out["statements"], "Chính asked Kanagawa ... is a proposal"
    for statement in out["statements"]:
        quoted = "".join(text[s["start"] : s["end"]] for s in statement["evidence"])
        assert "Chính asked Kanagawa" in quoted


def test_caption_yields_nothing(results: dict[str, Result]) -> None:
    text = ARTICLES["evidence"][0]
    out = results["evidence"]
    caption_start = text.index("Japanese Ambassador Yamada")
    caption_end = text.index("(Photo: VNA)") + len("(Photo: VNA)")
    assert _key("Yamada Takio") not in {_key(p["name"]) for p in _persons(out)}
    for record in _records(out):
        for span in record["evidence"]:
            assert span["end"] <= caption_start or span["start"] >= caption_end, record
    for entity in out["entities"]:
        for span in entity["mentions"]:
            assert span["end"] <= caption_start or span["start"] >= caption_end, entity


@pytest.mark.parametrize("case", sorted(ARTICLES))
def test_every_evidence_span_is_inside_the_text(results: dict[str, Result], case: str) -> None:
    text = ARTICLES[case][0]
    for record in _records(results[case]):
        assert record["evidence"], record
        for span in record["evidence"]:
            assert 0 <= span["start"] < span["end"] <= len(text), record
            assert text[span["start"] : span["end"]].strip(), record


# --- December conventions: carrying out an agreement; ranks and syllables in names --------

ARTICLES.update(
    {
        "ag_carry_out_signed": (
            "Hanoi (VNA) - Deputy Prime Minister Tran Luu Quang asked Saga prefecture to keep "
            "carrying out the labour agreement that Saga and Hai Duong province signed in May 2021.",
            "2023-06-01",
        ),
        "ag_under_agreement": (
            "Ehime prefecture and Hai Phong city have widened their cooperation in trade and "
            "education under the Friendship Cooperation Agreement.",
            "2023-06-01",
        ),
        "ag_under_content": (
            "Okayama prefecture and Nam Dinh province signed an MoU on March 2.\n"
            "Under the MoU, the two localities will expand exchanges in education.",
            "2023-03-03",
        ),
        "nm_rank_in_name": (
            "Hanoi (VNA) - Prime Minister Pham Minh Chinh received Governor of Japan's Mie "
            "prefecture Ichimi Katsuyuki on June 2. PM Chinh asked Mie to send more investors.",
            "2023-06-03",
        ),
        "nm_syllable_kept": (
            "Vice Chairman of the Quang Ngai provincial People's Committee Tran Phuoc Toan "
            "received Governor of Shiga prefecture Mikazuki Taizo on May 3.",
            "2023-05-04",
        ),
    }
)


def _acts(result: Result) -> set[tuple[str, tuple[str, ...]]]:
    return {(a["kind"], tuple(sorted(a["parties"]))) for a in result["agreements"]}


def test_carrying_out_a_signed_agreement_is_both_acts(results: dict[str, Result]) -> None:
    assert _acts(results["ag_carry_out_signed"]) == {
        ("signed", ("JP-41", "VN-61")),
        ("implemented", ("JP-41", "VN-61")),
    }


def test_cooperation_under_an_agreement_is_implemented(results: dict[str, Result]) -> None:
    assert _acts(results["ag_under_agreement"]) == {("implemented", ("JP-38", "VN-HP"))}


def test_what_an_mou_provides_is_no_implementation(results: dict[str, Result]) -> None:
    assert _acts(results["ag_under_content"]) == {("signed", ("JP-33", "VN-67"))}


def test_a_rank_is_never_part_of_a_name(results: dict[str, Result]) -> None:
    names = {e["name"] for e in results["nm_rank_in_name"]["entities"] if e["type"] == "person"}
    assert names == {"Pham Minh Chinh", "Ichimi Katsuyuki"}


def test_a_vietnamese_syllable_is_not_split_as_glued_words(results: dict[str, Result]) -> None:
    names = {e["name"] for e in results["nm_syllable_kept"]["entities"] if e["type"] == "person"}
    assert "Tran Phuoc Toan" in names


# --- meetings named by their circumstances --------------------------------------------------

ARTICLES.update(
    {
        "mt_told_at_meeting": (
            "Japan is a key partner, President Vo Van Thuong told Sato Kenji, the Governor of "
            "Japan's Yamagata prefecture at a March 4 meeting in Hanoi.",
            "2023-03-05",
        ),
        "mt_while_hosting": (
            "While hosting a delegation from Aomori prefecture led by its Governor Miyashita "
            "Soichiro in Hanoi on May 8, Deputy Prime Minister Tran Hong Ha praised the visit.",
            "2024-05-09",
        ),
        "mt_gave_them": (
            "A delegation from Toyama prefecture led by its Governor Nitta Hachiro visited Ha "
            "Tinh province on April 3.\n"
            "Chairman of the provincial People's Committee Vo Trong Hai gave them a warm "
            "reception.",
            "2024-04-04",
        ),
        "mt_visiting": (
            "Chairman of the Da Nang People's Committee Le Trung Chinh on June 7 received "
            "visiting Governor of Japan's Ishikawa prefecture Hase Hiroshi.",
            "2023-06-08",
        ),
        "mt_the_official": (
            "Hanoi (VNA) - Deputy Prime Minister Tran Hong Ha has called for more cooperation "
            "with Japanese localities.\n"
            "In a reception for Vice Governor of Japan's Kochi prefecture Hamada Seiji in Hanoi "
            "on July 2, the official highlighted the ties between the two countries.",
            "2023-07-03",
        ),
        "mt_misspelt_prefecture": (
            "President Vo Van Thuong received Tanaka Ichiro, the Vice Governor of Japan's "
            "Shizuoko prefecture, in Hanoi on October 2.",
            "2023-10-03",
        ),
    }
)


def _meeting_people(out: Result) -> dict[str, str | None]:
    meeting = _only_meeting(out)
    return {p["name"]: p["affiliation"] for p in meeting["participants"]}


@pytest.mark.parametrize(
    ("case", "people", "place"),
    [
        ("mt_told_at_meeting", {"Vo Van Thuong": "VN", "Sato Kenji": "JP-06"}, "VN-HN"),
        ("mt_while_hosting", {"Tran Hong Ha": "VN", "Miyashita Soichiro": "JP-02"}, "VN-HN"),
        ("mt_gave_them", {"Vo Trong Hai": "VN-23", "Nitta Hachiro": "JP-16"}, "VN-23"),
        ("mt_visiting", {"Le Trung Chinh": "VN-DN", "Hase Hiroshi": "JP-17"}, "VN-DN"),
        ("mt_the_official", {"Tran Hong Ha": "VN", "Hamada Seiji": "JP-39"}, "VN-HN"),
        ("mt_misspelt_prefecture", {"Vo Van Thuong": "VN", "Tanaka Ichiro": "JP-22"}, "VN-HN"),
    ],
)
def test_meetings_named_by_their_circumstances(
    results: dict[str, Result], case: str, people: dict[str, str], place: str
) -> None:
    assert _meeting_people(results[case]) == people
    assert _only_meeting(results[case])["place"] == place


# --- ties: place anaphors, located places, metonyms -----------------------------------------

ARTICLES.update(
    {
        "tie_anaphor": (
            "Prime Minister Pham Minh Chinh visited Tottori prefecture on May 2.\n"
            "He hoped the Japanese prefecture would explore cooperation with Thai Binh and "
            "Bac Giang provinces.",
            "2023-05-03",
        ),
        "tie_located": (
            "Vice Chairman of the Da Nang People's Committee Tran Chi Cuong attended the Mekong "
            "business forum in Kobe, Japan, to promote cooperation in trade.",
            "2023-05-03",
        ),
        "tie_metonym": (
            "Japan and Vietnam agreed to work together, while Vietnam keeps its ties with Moscow.",
            "2023-05-03",
        ),
    }
)


def test_the_japanese_prefecture_is_the_story_prefecture(results: dict[str, Result]) -> None:
    assert _pairs(results["tie_anaphor"]) >= {
        frozenset(("JP-31", "VN-20")),
        frozenset(("JP-31", "VN-54")),
    }
    assert not any("JP" in pair for pair in _pairs(results["tie_anaphor"]))


def test_the_country_that_locates_a_venue_is_no_side(results: dict[str, Result]) -> None:
    assert frozenset(("JP", "VN-DN")) not in _pairs(results["tie_located"])


def test_a_foreign_capital_standing_for_its_government_is_no_tie(
    results: dict[str, Result],
) -> None:
    assert not any("RU-MOW" in pair for pair in _pairs(results["tie_metonym"]))


# --- exchange events: coordinated events, places inside names, long place phrases ----------

ARTICLES.update(
    {
        "ev_coordinated": (
            "Vice Chairman of the Hai Phong People's Committee Le Anh Quan led a delegation to "
            "attend the Smart City Conference 2024 and the Industrial Fair 2024 in Yokohama, Japan.",
            "2024-06-01",
        ),
        "ev_place_in_name": (
            "Da Nang businesses will join the KOBE Food Fair 2024 at the invitation of Hyogo "
            "prefecture, Da Nang officials said.",
            "2024-06-01",
        ),
        "ev_name_tail": (
            "A Can Tho delegation visited the Expo 2025 Osaka to promote cooperation with "
            "Japanese localities.",
            "2025-06-01",
        ),
        "ev_long_place": (
            "More than 300 students attended the 2nd Shizuoka festival in the central coastal "
            "city of Quy Nhon on May 3, organised with Japan's Shizuoka prefecture.",
            "2024-05-04",
        ),
        "ev_between": (
            "Mie prefecture and Ninh Binh province have run a youth exchange programme between "
            "Ise city and Ninh Binh province since 2019.",
            "2024-05-04",
        ),
    }
)


def _events(result: Result) -> set[tuple[str, str | None]]:
    return {(e["kind"], e["place"]) for e in result["exchange_events"]}


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("ev_coordinated", {("seminar", "JP-14"), ("fair", "JP-14")}),
        ("ev_place_in_name", {("fair", "JP-28")}),
        ("ev_name_tail", {("fair", "JP-27")}),
        ("ev_long_place", {("festival", "VN-31")}),
        ("ev_between", {("programme", None)}),
    ],
)
def test_exchange_event_places(
    results: dict[str, Result], case: str, expected: set[tuple[str, str | None]]
) -> None:
    assert _events(results[case]) == expected


ARTICLES.update(
    {
        "ag_wish_sign": (
            "Hanoi (VNA) - President Vo Van Thuong received Governor of Japan's Iwate prefecture "
            "Tasso Takuya on May 2.\n"
            "He hoped the prefecture would send more trainees to Vietnam and sign a memorandum "
            "of understanding with Vietnam's Ministry of Labour.",
            "2023-05-03",
        ),
        "ag_anaphor_party": (
            "Hanoi (VNA) - Deputy Prime Minister Tran Hong Ha received Governor of Japan's Oita "
            "prefecture Sato Kiichiro on May 2.\n"
            "Sato said the prefecture is implementing a cooperation agreement with the Vietnamese "
            "Ministry of Agriculture and Rural Development.",
            "2023-05-03",
        ),
    }
)


def test_a_wish_to_sign_is_planned(results: dict[str, Result]) -> None:
    assert _acts(results["ag_wish_sign"]) == {("planned", ("JP-03", "VN"))}


def test_the_prefecture_is_the_story_prefecture_as_a_party(results: dict[str, Result]) -> None:
    assert _acts(results["ag_anaphor_party"]) == {("implemented", ("JP-44", "VN"))}


ARTICLES.update(
    {
        "fc_glued_figure": (
            "Governor of Japan's Toyama prefecture Nitta Hachiro met the Vietnamese ambassador.\n"
            "There are over 4,200Vietnamese people living in Toyama.",
            "2023-05-03",
        ),
        "fc_fdi_projects": (
            "Tran Hong Ha said there had been 35 foreign direct investment projects from Japan "
            "to Thanh Hoa province by June.",
            "2023-07-03",
        ),
        "nm_address": (
            "Governor of Japan's Kyoto prefecture Nishiwaki Takatoshi met Ambassador Pham Quang "
            "Hieu.\nAddress: Tokyo, Shibuya-ku, Yoyogi-cho, 5-1",
            "2023-07-03",
        ),
    }
)


def _facts(result: Result) -> set[tuple[object, ...]]:
    return {
        (f["kind"], *[f.get(k) for k in ("place", "group", "origin", "destination")], f["value"])
        for f in result["facts"]
    }


def test_a_figure_glued_to_its_word_is_read(results: dict[str, Result]) -> None:
    assert ("diaspora", "JP-16", "VN", None, None, 4200) in _facts(results["fc_glued_figure"])


def test_projects_after_several_words(results: dict[str, Result]) -> None:
    assert ("investment_projects", None, None, "JP", "VN-21", 35) in _facts(
        results["fc_fdi_projects"]
    )


def test_an_address_is_no_person(results: dict[str, Result]) -> None:
    names = {e["name"] for e in results["nm_address"]["entities"] if e["type"] == "person"}
    assert not any("cho" in n.lower() for n in names)


ARTICLES["nm_cut_off"] = (
    "Chairman of the Hue People's Committee Nguyen Van Phuong received Governor of Japan's "
    "Nara prefecture Yamashita Makoto on June 5 and agreed to work with Nara Prefe",
    "2025-06-06",
)


def test_a_name_the_text_breaks_off_in_is_no_person(results: dict[str, Result]) -> None:
    names = {e["name"] for e in results["nm_cut_off"]["entities"] if e["type"] == "person"}
    assert names == {"Nguyen Van Phuong", "Yamashita Makoto"}


ARTICLES.update(
    {
        "st_hope_will": (
            "Hanoi (VNA) - President Vo Van Thuong received Governor of Japan's Ehime prefecture "
            "Nakamura Tokihiro on May 2.\n"
            "Thuong expressed his hope that Ehime will continue to support the Vietnamese "
            "community in the prefecture.",
            "2023-05-03",
        ),
        "st_hope_then_pledge": (
            "Hanoi (VNA) - President Vo Van Thuong received Governor of Japan's Ehime prefecture "
            "Nakamura Tokihiro on May 2.\n"
            "Nakamura said he hoped more Vietnamese would come to Ehime, and pledged that the "
            "prefecture will keep supporting Vietnamese workers.",
            "2023-05-03",
        ),
    }
)


def _statements(result: Result) -> set[tuple[str, str, str]]:
    return {(s["kind"], s["from"], s["to"]) for s in result["statements"]}


def test_a_will_inside_a_hope_is_a_proposal_only(results: dict[str, Result]) -> None:
    assert _statements(results["st_hope_will"]) == {("proposal", "VN", "JP-38")}


def test_a_pledge_after_a_hope_is_still_a_commitment(results: dict[str, Result]) -> None:
    assert ("commitment", "JP-38", "VN") in _statements(results["st_hope_then_pledge"])


ARTICLES["mt_activity_place"] = (
    "Prime Minister Pham Minh Chinh, who urged Gifu businesses to invest in Vietnam, met "
    "Governor of Japan's Gifu prefecture Furuta Hajime on December 16 during his visit to Gifu.",
    "2023-12-17",
)


def test_where_an_activity_is_is_not_where_the_meeting_is(results: dict[str, Result]) -> None:
    assert _only_meeting(results["mt_activity_place"])["place"] == "JP-21"


# --- read from the parse: instruments, wished signings, routes to come --------------------

ARTICLES.update(
    {
        "ag_joint_statement": (
            "Okinawa prefecture and Khanh Hoa province signed a joint statement on tourism "
            "cooperation in Nha Trang on April 4.",
            "2024-04-05",
        ),
        "ag_deal_inked": (
            "Tottori prefecture and Lao Cai province will deepen ties under a deal inked by "
            "the two sides on June 6.",
            "2024-06-07",
        ),
        "ag_far_wish_sign": (
            "Chairman of the Hung Yen provincial People's Committee Tran Quoc Van received "
            "Governor of Japan's Kagawa prefecture Ikeda Toyohito in Hung Yen on May 2.\n"
            "Van suggested that Kagawa and the province widen exchanges of students, nurses "
            "and farm trainees, build a joint committee for investment, and sign a friendship "
            "agreement.",
            "2024-05-03",
        ),
        "ag_the_agreement_again": (
            "Yamagata prefecture and Thai Nguyen province signed a cooperation agreement in "
            "2021.\n"
            "Officials said that the cooperation agreement has been implemented in health care "
            "and education.",
            "2024-05-03",
        ),
        "fa_route_to_come": (
            "Governor of Japan's Ishikawa prefecture Hase Hiroshi met Chairman of the Hue "
            "People's Committee Nguyen Van Phuong on May 2. Hase said he would promote the "
            "opening of direct flights between Komatsu and Hue.",
            "2024-05-03",
        ),
    }
)


def test_a_joint_statement_and_a_deal_are_instruments(results: dict[str, Result]) -> None:
    assert _acts(results["ag_joint_statement"]) == {("signed", ("JP-47", "VN-34"))}
    assert _acts(results["ag_deal_inked"]) == {("signed", ("JP-31", "VN-02"))}


def test_a_signing_asked_for_far_from_the_verb_is_planned(results: dict[str, Result]) -> None:
    assert _acts(results["ag_far_wish_sign"]) == {("planned", ("JP-37", "VN-66"))}


def test_the_agreement_named_again_keeps_its_parties(results: dict[str, Result]) -> None:
    assert _acts(results["ag_the_agreement_again"]) == {
        ("signed", ("JP-06", "VN-69")),
        ("implemented", ("JP-06", "VN-69")),
    }


def test_a_route_still_to_come_is_no_fact(results: dict[str, Result]) -> None:
    assert not [f for f in results["fa_route_to_come"]["facts"] if f["kind"] == "air_route"]
    existing = results["fa_flight"]["facts"]
    assert [f["kind"] for f in existing] == ["air_route"]


ARTICLES.update(
    {
        "st_two_localities_will": (
            "Chairman of the Ninh Binh People's Committee Pham Quang Ngoc received Governor of "
            "Japan's Fukui prefecture Sugimoto Tatsuji in Ninh Binh on May 2. Sugimoto said "
            "the two localities will collaborate on heritage tourism.",
            "2024-05-03",
        ),
        "st_background_agreement": (
            "Chairman of the Ninh Binh People's Committee Pham Quang Ngoc received Governor of "
            "Japan's Fukui prefecture Sugimoto Tatsuji in Ninh Binh on May 2. The visit marks "
            "the MoU of 2019, under which the two localities agreed to share heritage expertise.",
            "2024-05-03",
        ),
    }
)


def test_the_two_localities_will_commits_both(results: dict[str, Result]) -> None:
    got = {(s["kind"], s["from"], s["to"]) for s in results["st_two_localities_will"]["statements"]}
    assert {("commitment", "JP-18", "VN-18"), ("commitment", "VN-18", "JP-18")} <= got, got


def test_what_an_old_agreement_holds_is_no_commitment(results: dict[str, Result]) -> None:
    statements = results["st_background_agreement"]["statements"]
    assert not [s for s in statements if s["kind"] == "commitment"], statements


ARTICLES.update(
    {
        "st_wants_to_give_and_take": (
            "Chairman of the Phu Yen People's Committee Ta Anh Tuan received Governor of "
            "Japan's Miyazaki prefecture Kono Shunji in Tuy Hoa on May 2. Phu Yen wants to "
            "learn from Miyazaki's experience in cattle breeding. Miyazaki wants to share its "
            "know-how with Phu Yen.",
            "2024-05-03",
        ),
    }
)


def test_wanting_to_take_asks_and_wanting_to_give_commits(results: dict[str, Result]) -> None:
    got = {
        (s["kind"], s["from"], s["to"]) for s in results["st_wants_to_give_and_take"]["statements"]
    }
    assert {("proposal", "VN-32", "JP-45"), ("commitment", "JP-45", "VN-32")} <= got, got


def test_a_one_word_name_resolves_through_its_title(knowledge: Any) -> None:
    """ "PM Phuc" in an undated story: the registry has one Prime Minister called Phuc;
    a one-word name with an office nobody of that name held stays unplaced."""
    from localties.extract.mentions import PersonCluster
    from localties.extract.people import describe

    for text, expected in (("PM Phuc praised the visit.", "VN"),
                           ("Governor Phuc praised the visit.", None)):  # fmt: skip
        start = text.index("Phuc")
        cluster = PersonCluster(frozenset({"phuc"}), "Phuc", [(start, start + 4)])
        assert describe(knowledge, cluster, text, None, {}).affiliation == expected, text


ARTICLES.update(
    {
        "st_he_not_own_side": (
            "Governor of Japan's Gifu prefecture Furuta Hajime met Chairman of the Hue People's "
            "Committee Nguyen Van Phuong in Hue on May 2. Furuta spoke about Gifu's farms. "
            "He urged Gifu prefecture to send more farm trainees to the city.",
            "2024-05-03",
        ),
    }
)


def test_he_who_would_address_his_own_side_is_the_other_speaker(
    results: dict[str, Result],
) -> None:
    """ "He urged Gifu prefecture ...", Gifu's governor being named last: the one who urges
    is the other side's person, since a side does not ask itself."""
    got = {
        (s["kind"], _key(s["speaker"]), s["from"], s["to"])
        for s in results["st_he_not_own_side"]["statements"]
    }
    assert ("proposal", _key("Nguyen Van Phuong"), "VN-26", "JP-21") in got, got


@pytest.mark.parametrize("case", sorted(ARTICLES))
def test_every_mention_is_listed_once(results: dict[str, Result], case: str) -> None:
    """A name that NER, the registry and a titled run all find is one mention."""
    for entity in results[case]["entities"]:
        spans = [(m["start"], m["end"]) for m in entity["mentions"]]
        assert len(spans) == len(set(spans)), entity


def test_localities_paired_by_dashes_are_tied_pair_by_pair(results: dict[str, Result]) -> None:
    """ "Nagasaki – Hai Phong, Saga – Can Tho and Oita – Da Nang": three ties, not nine."""
    got = {frozenset((t["a"], t["b"])) for t in results["tie_dash_pairs"]["ties"]}
    assert {
        frozenset(("JP-42", "VN-HP")),
        frozenset(("JP-41", "VN-CT")),
        frozenset(("JP-44", "VN-DN")),
    } <= got, got
    assert frozenset(("JP-42", "VN-CT")) not in got and frozenset(("JP-44", "VN-HP")) not in got


def test_a_strong_community_and_companies_of_a_place(results: dict[str, Result]) -> None:
    """ "a 3,600-strong Vietnamese community" in Gunma; "70 companies of Hyogo" operating
    in Vietnam."""
    (diaspora,) = results["fa_strong"]["facts"]
    assert (diaspora["kind"], diaspora["place"], diaspora["group"], diaspora["value"]) == (
        "diaspora", "JP-10", "VN", 3600,
    )  # fmt: skip
    (firms,) = results["fa_companies_of"]["facts"]
    assert (firms["kind"], firms["origin"], firms["destination"], firms["value"]) == (
        "investing_firms", "JP-28", "VN", 70,
    )  # fmt: skip
