"""The clean stage: story view, offset map, publication date, source, dateline, glued words."""

from __future__ import annotations

from pathlib import Path

import pytest

from localties.clean import clean as clean_with
from localties.glue import split_word
from localties.knowledge import load_knowledge
from localties.model.article import CleanView, RawArticle
from localties.textfold import fold

PROTECTED = load_knowledge().protected_words


def clean(raw: RawArticle) -> CleanView:
    """Clean as the pipeline does, with the packaged names protected from glue splitting."""
    return clean_with(raw, PROTECTED)


SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED_PUBLISHED = {
    "000_8cab08dcb6c6f0f1": "2022-11-20",
    "001_69993931f58f7698": None,
    "002_e36e2714c04eb8a0": None,
    "003_9a2226254f246457": "2023-11-29",
    "004_b756b061c916abe7": "2023-07-27",
}


def view_of(text: str, **kw: str) -> tuple[str, RawArticle]:
    raw = RawArticle(id="t", text=text, **kw)
    return clean(raw).text, raw


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    if not SEEDS.is_dir():
        pytest.skip("the shared seed articles are not beside the repository")
    return {p.stem: p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def test_seed_publication_dates(seeds: dict[str, str]) -> None:
    assert {name: clean(RawArticle(id=name, text=t)).published for name, t in seeds.items()} == (
        SEED_PUBLISHED
    )


def test_no_word_of_the_see_more_block_reaches_the_story(seeds: dict[str, str]) -> None:
    text = seeds["002_e36e2714c04eb8a0"]
    block = text[text.index("See more") :]
    view = clean(RawArticle(id="002", text=text)).text
    assert "Kanagawa" in view and "16,000" in view
    for word in ("See more", "Kazakh", "Turkmen", "BRICS", "Erdogan", "Thongloun", "Kazan"):
        assert word in block
        assert word not in view


def test_offsets_point_into_the_original(seeds: dict[str, str]) -> None:
    for name, text in seeds.items():
        view = clean(RawArticle(id=name, text=text))
        assert len(view.offsets) == len(view.text) + 1
        for i, ch in enumerate(view.text):
            if ch.isalpha():
                original = text[view.offsets[i]]
                assert fold(original)[0].startswith(ch) or ch == " ", (name, i, ch, original)


def test_captions_agency_tags_and_datelines() -> None:
    text = (
        " date 2022-11-20 President Nguyen Xuan Phuc (right) shakes hands with the governor. "
        "(Photo: VNA)\n\nHanoi (VNA) – President Nguyen Xuan Phuc on November 20 received "
        "the governor./."
    )
    view = clean(RawArticle(id="t", text=text))
    assert view.published == "2022-11-20"
    assert view.source == "VNA"
    assert view.dateline == "Hanoi"
    assert "shakes hands" not in view.text
    assert "(VNA)" not in view.text and "/." not in view.text
    assert "received the governor" in view.text
    reasons = {e.reason for e in view.excluded}
    assert {"header", "caption", "dateline", "agency_tag"} <= reasons


@pytest.mark.parametrize(
    ("text", "dateline", "source"),
    [
        ("HÀ NỘI – Prime Minister Phạm Minh Chính met the governor. VNS", "HÀ NỘI", "VNS"),
        ("TOKYO — The chairman received the governor. — VNA/VNS", "TOKYO", "VNA/VNS"),
        (
            "Chiba, March 21 (Jiji Press)--Former Chiba Mayor won the election.",
            "Chiba",
            "Jiji Press",
        ),
        (
            "Hanoi: President Vo Van Thuong hosted a reception.\n\nSource: Vietnam News Agency",
            "Hanoi",
            "VNA",
        ),
        ("The delegation visited Hanoi on Monday (Photo: VOV).", None, None),
    ],
)
def test_datelines_and_sources(text: str, dateline: str | None, source: str | None) -> None:
    view = clean(RawArticle(id="t", text=text))
    assert view.dateline == dateline
    assert view.source == source


def test_byline_date_but_never_an_event_date() -> None:
    byline = (
        "Yen Bai, Mimasaka enhance cooperation\n\n  •  Tuesday, November 21, 2023\n\nLeaders met."
    )
    assert clean(RawArticle(id="t", text=byline)).published == "2023-11-21"
    event = "Leaders met on November 21, 2023 in Yen Bai to discuss cooperation."
    assert clean(RawArticle(id="t", text=event)).published is None


def test_input_metadata_date_wins() -> None:
    view = clean(RawArticle(id="t", text=" date 2020-01-01 Text.", published="2021-02-03T08:00:00"))
    assert view.published == "2021-02-03"


@pytest.mark.parametrize(
    ("glued", "fixed"),
    [
        ("Hanoion November 16", "Hanoi on November 16"),
        ("TheVietnamese Government", "The Vietnamese Government"),
        ("Ata reception", "At a reception"),
        ("Dungsaid the", "Dung said the"),
        ("Economic,trade and", "Economic, trade and"),
        ("the country.Dam said", "the country. Dam said"),
        ("the Lao nation.PM Sonexay said", "the Lao nation. PM Sonexay said"),
        ("the delegation ledby Governor Abe", "the delegation led by Governor Abe"),
        ("met in Hanoi.He said", "met in Hanoi. He said"),
        ("the community inparticular", "the community in particular"),
    ],
)
def test_glued_words_are_split(glued: str, fixed: str) -> None:
    assert view_of(glued)[0] == fixed


@pytest.mark.parametrize(
    "word", ["Kuroiwa", "Phuc", "Seitaro", "Akamine", "Mimasaka", "VNUA", "MoIT", "Abe", "Hekou"]
)
def test_names_are_not_split(word: str) -> None:
    assert split_word(word, PROTECTED) == (word,)


def test_diacritics_fold_and_map_back() -> None:
    text = "Phạm Minh Chính visited Đà Nẵng."
    view = clean(RawArticle(id="t", text=text))
    assert view.text == "Pham Minh Chinh visited Da Nang."
    start = view.text.index("Da Nang")
    span = view.to_original(start, start + len("Da Nang"))
    assert text[span.start : span.end] == "Đà Nẵng"


def test_duplicated_caption_lines_are_dropped() -> None:
    caption = "Mimasaka Mayor Hagiwara Seiji pays a courtesy call to Secretary Do Duc Duy."
    text = f"Leaders met on November 21.\n\n{caption}\n{caption}\n\nThey agreed to cooperate."
    view, _ = view_of(text)
    assert "Do Duc Duy" not in view
    assert "They agreed to cooperate." in view


@pytest.mark.parametrize(
    "byline",
    ["Updated: 21/11/2023 10:05", "2023-11-21 10:05", "Published on 21 November 2023",
     "November 21, 2023 - 21:39", "  •  Tuesday, November 21, 2023"],
)  # fmt: skip
def test_byline_formats(byline: str) -> None:
    text = f"Yen Bai and Mimasaka enhance cooperation\n{byline}\nLeaders met on November 20."
    assert clean(RawArticle(id="t", text=text)).published == "2023-11-21"


@pytest.mark.parametrize(
    ("byline", "published"),
    [
        (
            "ANI | Osaka | Updated: 14-03-2022 09:10 IST | Created: 14-03-2022 09:10 IST",
            "2022-03-14",
        ),
        ("08:41:02 AM | 5/10/2020", "2020-10-05"),
        ("Monday, 18:02, 09/11/2015", "2015-11-09"),
        ("Tuesday, 03/03/2026 - 10:15", "2026-03-03"),
        ("July 9 , 2024", "2024-07-09"),
    ],
)
def test_byline_shapes_give_the_publication_date(byline: str, published: str) -> None:
    view = clean(RawArticle(id="t", text=f"A headline\n{byline}\nHanoi (VNA) - The story."))
    assert view.published == published
    assert any(e.reason == "byline" for e in view.excluded)


def test_a_date_inside_a_sentence_is_no_byline() -> None:
    text = "A headline\nIn 2019 about 1,500 people met on 12/5/2019 at the fair in Hanoi and more."
    assert clean(RawArticle(id="t", text=text)).published is None
