"""Core layer: plain rectangles, sides and a grid index of cards, Qt-free.

The router (``routing.py``) and the layout (``layout.py``) ask the same two questions
thousands of times: which card does this axis-parallel segment pass through, and which
cards lie in this box. :class:`CardIndex` answers both from a uniform grid of buckets, so
a question costs the few buckets it touches rather than a scan of every card.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Literal, NamedTuple

Point = tuple[float, float]
Side = Literal["left", "right", "top", "bottom"]

#: The outward unit normal of each side of a card.
NORMAL: dict[Side, Point] = {"left": (-1.0, 0.0), "right": (1.0, 0.0), "top": (0.0, -1.0), "bottom": (0.0, 1.0)}


class Rect(NamedTuple):
    """An axis-parallel rectangle: top-left corner, width and height (scene units)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def side_centre(self, side: Side) -> Point:
        if side == "left":
            return (self.x, self.cy)
        if side == "right":
            return (self.right, self.cy)
        if side == "top":
            return (self.cx, self.y)
        return (self.cx, self.bottom)


def segment_hits_rect(x1: float, y1: float, x2: float, y2: float, r: Rect, inflate: float) -> bool:
    """Whether the axis-parallel segment passes through the inside of ``r`` grown by
    ``inflate`` on every side (touching its border does not count)."""
    lo_x, hi_x = (x1, x2) if x1 <= x2 else (x2, x1)
    lo_y, hi_y = (y1, y2) if y1 <= y2 else (y2, y1)
    rx, ry, rw, rh = r
    return hi_x > rx - inflate and lo_x < rx + rw + inflate and hi_y > ry - inflate and lo_y < ry + rh + inflate


def rects_overlap(a: Rect, b: Rect, gap: float = 0.0) -> bool:
    """Whether two rectangles come closer than ``gap`` (touching is not overlapping)."""
    return a.x < b.x + b.w + gap and b.x < a.x + a.w + gap and a.y < b.y + b.h + gap and b.y < a.y + a.h + gap


class CardIndex:
    """Cards in a uniform grid of buckets, for segment and box queries.

    A card is filed in every bucket its rectangle grown by ``reach`` touches, so a query
    with an inflation up to ``reach`` only needs the buckets the query itself touches."""

    def __init__(self, cards: Mapping[str, Rect], reach: float, cell: float = 240.0) -> None:
        self.cards: dict[str, Rect] = dict(cards)
        self.reach = reach
        self._cell = cell
        self._buckets: dict[tuple[int, int], list[str]] = {}
        for cid, r in cards.items():
            for key in self._keys(r.x - reach, r.y - reach, r.right + reach, r.bottom + reach):
                self._buckets.setdefault(key, []).append(cid)

    def _keys(self, x1: float, y1: float, x2: float, y2: float) -> Iterator[tuple[int, int]]:
        c = self._cell
        for i in range(math.floor(x1 / c), math.floor(x2 / c) + 1):
            for j in range(math.floor(y1 / c), math.floor(y2 / c) + 1):
                yield (i, j)

    def segment_hit(
        self, x1: float, y1: float, x2: float, y2: float, inflate: float, skip: Iterable[str] = ()
    ) -> str | None:
        """The first card (not in ``skip``) whose rectangle grown by ``inflate`` the
        axis-parallel segment passes through, or None."""
        lo_x, hi_x = (x1, x2) if x1 <= x2 else (x2, x1)
        lo_y, hi_y = (y1, y2) if y1 <= y2 else (y2, y1)
        cards, buckets, c = self.cards, self._buckets, self._cell
        for i in range(math.floor(lo_x / c), math.floor(hi_x / c) + 1):
            for j in range(math.floor(lo_y / c), math.floor(hi_y / c) + 1):
                for cid in buckets.get((i, j), ()):
                    rx, ry, rw, rh = cards[cid]
                    if (
                        hi_x > rx - inflate
                        and lo_x < rx + rw + inflate
                        and hi_y > ry - inflate
                        and lo_y < ry + rh + inflate
                        and cid not in skip
                    ):
                        return cid
        return None

    def free_range(
        self, axis: int, coord: float, lo: float, hi: float, reach: float, keep: float
    ) -> tuple[float, float]:
        """How far a segment on the line ``coord`` (``axis`` 0: a vertical line at x =
        coord) spanning [lo, hi] can move either way within ``reach`` and keep ``keep``
        from every card: (lowest, highest) coordinate."""
        low, high = coord - reach, coord + reach
        if axis == 0:
            box = (coord - reach - keep, lo, coord + reach + keep, hi)
        else:
            box = (lo, coord - reach - keep, hi, coord + reach + keep)
        x1, y1, x2, y2 = box
        cards, buckets, c = self.cards, self._buckets, self._cell
        for i in range(math.floor(x1 / c), math.floor(x2 / c) + 1):
            for j in range(math.floor(y1 / c), math.floor(y2 / c) + 1):
                for cid in buckets.get((i, j), ()):
                    rx, ry, rw, rh = cards[cid]
                    if not (rx < x2 and rx + rw > x1 and ry < y2 and ry + rh > y1):
                        continue
                    a, b = (rx - keep, rx + rw + keep) if axis == 0 else (ry - keep, ry + rh + keep)
                    if b <= coord:
                        low = max(low, b)
                    elif a >= coord:
                        high = min(high, a)
        return low, high

    def free_run(
        self, along: int, line: float, start: float, lo: float, hi: float, inflate: float
    ) -> tuple[float, float]:
        """How far a segment from ``start`` on the line ``line`` (``along`` 0: the
        horizontal line y = line, 1: the vertical x = line) can reach either way, within
        [lo, hi], passing no card grown by ``inflate`` (at most the index's reach): the
        (lowest, highest) end. A segment to any point between passes none, as
        :meth:`segment_hit` sees it. Buckets are looked at outwards from ``start``, until
        a card is met each way."""
        low, high = min(lo, start), max(hi, start)
        cards, buckets, c = self.cards, self._buckets, self._cell
        row = math.floor(line / c)
        first = math.floor(start / c)
        for step in (1, -1):
            k = first
            while (k * c <= high) if step > 0 else ((k + 1) * c >= low):
                for cid in buckets.get((k, row) if along == 0 else (row, k), ()):
                    rx, ry, rw, rh = cards[cid]
                    if along == 0:
                        if not ry - inflate < line < ry + rh + inflate:
                            continue
                        a, b = rx - inflate, rx + rw + inflate
                    elif not rx - inflate < line < rx + rw + inflate:
                        continue
                    else:
                        a, b = ry - inflate, ry + rh + inflate
                    if b <= start:
                        low = max(low, b)
                    elif a >= start:
                        high = min(high, a)
                    else:
                        return start, start
                k += step
        return low, high

    def move(self, cid: str, rect: Rect | None) -> None:
        """File card ``cid`` at ``rect`` (None: remove it)."""
        old = self.cards.get(cid)
        reach = self.reach
        if old is not None:
            for key in self._keys(old.x - reach, old.y - reach, old.right + reach, old.bottom + reach):
                bucket = self._buckets.get(key)
                if bucket is not None and cid in bucket:
                    bucket.remove(cid)
        cards = self.cards
        if rect is None:
            cards.pop(cid, None)
            return
        cards[cid] = rect
        for key in self._keys(rect.x - reach, rect.y - reach, rect.right + reach, rect.bottom + reach):
            self._buckets.setdefault(key, []).append(cid)

    def extent(self, x1: float, y1: float, x2: float, y2: float, axis: int) -> tuple[float, float]:
        """The lowest and highest coordinate (``axis`` 0: x, 1: y) reached by the cards
        overlapping the box, or (inf, -inf) when there are none."""
        lo, hi = float("inf"), -float("inf")
        cards = self.cards
        for key in self._keys(x1, y1, x2, y2):
            for cid in self._buckets.get(key, ()):
                r = cards[cid]
                rx, ry, rw, rh = r
                if rx < x2 and rx + rw > x1 and ry < y2 and ry + rh > y1:
                    a, b = (rx, rx + rw) if axis == 0 else (ry, ry + rh)
                    if a < lo:
                        lo = a
                    if b > hi:
                        hi = b
        return lo, hi

    def in_box(self, x1: float, y1: float, x2: float, y2: float) -> list[str]:
        """The cards overlapping the box, each once, in a stable order."""
        found: dict[str, None] = {}
        cards = self.cards
        for key in self._keys(x1, y1, x2, y2):
            for cid in self._buckets.get(key, ()):
                rx, ry, rw, rh = cards[cid]
                if rx < x2 and rx + rw > x1 and ry < y2 and ry + rh > y1:
                    found[cid] = None
        return sorted(found)
