"""Offset look-ups that stay linear in the article's length.

The rules ask again and again which mention lies inside a span, or which span holds an
offset; scanning every mention for every question made a long article cost the square
(or cube) of its length. These indexes answer by binary search over sorted offsets.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


class Covered:
    """Which character offsets lie inside some span: a bitmap of the text's length, so
    marking a span and asking about an offset both cost no more than the span."""

    __slots__ = ("_bits",)

    def __init__(self, length: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._bits = bytearray(length + 1)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        start, end = max(start, 0), min(end, len(self._bits))
        if end > start:
            self._bits[start:end] = b"\x01" * (end - start)

    def __contains__(self, offset: int) -> bool:
        return 0 <= offset < len(self._bits) and bool(self._bits[offset])


class SpanIndex:
    """Spans sorted by start, for "does some span hold [a, b)"."""

    __slots__ = ("_ends", "_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._ends = [e for _, e in ordered]
        reach, far = [], -1
        for _, end in ordered:  # the furthest end among the spans up to each one
            far = max(far, end)
            reach.append(far)
        self._reach = reach

    def holding(self, start: int, end: int, slack: int = 0) -> bool:
        """Whether some span holds [start, end) (its end may fall `slack` short)."""
        i = bisect_right(self._starts, start) - 1
        while i >= 0 and self._reach[i] + slack >= end:
            if self._ends[i] + slack >= end:
                return True
            i -= 1
        return False
