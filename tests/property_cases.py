"""Hypothesis strategies and the property every extraction must hold (shared by the test
and by `scripts/property_run.py`, which runs it for many more cases)."""

from __future__ import annotations

import json

from hypothesis import strategies as st

from localties.model import ArticleResult, Edtf
from localties.model.article import RawArticle

# Pieces of agency prose, so that generated texts reach the rules, not only the cleaner.
PIECES = [
    "Hanoi (VNA) - ", "Prime Minister Pham Minh Chinh ", "received ", "Governor of Japan's ",
    "Kanagawa prefecture ", "Kuroiwa Yuji ", "on November 20", ". ", "\n", "signed an MoU ",
    "with Quang Ninh province ", "in 2019", " date 2022-11-20 ", "(Photo: VNA)", "30,000 ",
    "Vietnamese live in Chiba", "festival in Da Nang ", "on February 30", "XXXX", "Đà Nẵng ",
    "Mr. ", "the two sides will ", "promote trade", "ÀÁẠ", "\u200b", "\t", "  ", ",", ";",
]  # fmt: skip
texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), min_size=1, max_size=40
).map("".join)
dates = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["2023-02-29", "2022-13-01", "0000-00-00", "9999-12-31", "2024-02-29T08:00"]),
)
articles = st.builds(
    lambda text, title, published: RawArticle(
        id="p", text=text, title=title, published=published, origin="hypothesis"
    ),
    texts,
    st.one_of(st.none(), st.text(max_size=30)),
    dates,
)


def check(result: object, raw: RawArticle) -> None:
    """The property: a result (never an exception), offsets inside the text, valid EDTF,
    and a contract object that parses back to itself."""
    assert isinstance(result, ArticleResult), result
    contract = result.to_contract()
    assert ArticleResult.from_contract(json.loads(json.dumps(contract))) == result
    size = len(raw.text)
    for _, record in result.records():
        for name in ("evidence", "mentions"):
            for span in getattr(record, name, ()):
                assert 0 <= span.start <= span.end <= size, (span, size)
        for name in ("date", "as_of"):
            value = getattr(record, name, None)
            assert value is None or Edtf.valid(str(value)), value
    published = result.article.published
    assert published is None or Edtf.valid(published), published
