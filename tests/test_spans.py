"""The offset indexes answer as a scan over every span would, for any spans."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from localties.extract.spans import Covered, SpanIndex

spans = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 30)).map(lambda s: (s[0], s[0] + s[1])),
    max_size=40,
)
window = st.tuples(st.integers(0, 240), st.integers(0, 60)).map(lambda w: (w[0], w[0] + w[1]))


@given(spans, window, st.integers(0, 3))
def test_a_span_holding_a_window(
    found: list[tuple[int, int]], where: tuple[int, int], slack: int
) -> None:
    start, end = where
    expected = any(s <= start and end <= e + slack for s, e in found)
    assert SpanIndex(found).holding(start, end, slack) == expected


@given(spans, st.integers(-5, 260))
def test_covered_offsets(found: list[tuple[int, int]], offset: int) -> None:
    covered = Covered(250, found[: len(found) // 2])
    for start, end in found[len(found) // 2 :]:
        covered.add(start, end)
    expected = 0 <= offset <= 250 and any(s <= offset < min(e, 251) for s, e in found)
    assert (offset in covered) == expected
