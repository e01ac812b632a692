"""Core layer: the router's way for a long link — along the free corridors of the layout.

When none of the router's candidate shapes of a long link is clear (the link crosses a
big design, from one block of cards to another), the link is routed along corridors:
the cards are cut recursively (an XY cut) at every gap at least two clearances wide,
along the axis with the widest gap, into slabs; the middle line of each gap is a
corridor, free over the slab it cuts, and ends on the corridors (or the frame) bounding
that slab. A* over the corridors' meeting points, costing length and a bend each time
the route turns, from the corridors met straight out of the source's sides to those met
straight out of the target's. In a Tidy Up's layout the corridors are the gaps between
layers, between blocks and between columns of blocks.

The corridors are made once, in O(n log n) for n cards; a card moved afterwards blocks the
corridors it lands on (its old place is left unused) until so many cards have moved that
the router makes them again.
"""

from __future__ import annotations

import bisect
import heapq
import math

from canvas.core.geometry import NORMAL, CardIndex, Point, Rect, Side

_SIDES: tuple[Side, ...] = ("right", "bottom", "top", "left")
#: What leaving (entering) through each side costs, as in the router's ranking.
_OUT_COST = {"right": 0.0, "bottom": 20.0, "top": 20.0, "left": 80.0}
_IN_COST = {"left": 0.0, "top": 20.0, "bottom": 20.0, "right": 80.0}
#: How far the frame around everything lies from the outermost cards.
_FRAME = 40.0
#: The weight of A*'s estimate of what is left: above 1 it finds a path a little longer,
#: at most this many times the shortest, after far fewer steps (weighted A*).
_GREED = 2.0
#: A search gives up after so many places (a few ms), leaving the link its plain shape.
_MAX_STEPS = 20000

Line = tuple[int, float, float, float]  # axis (0: a vertical line x = c), c, lo, hi
_State = tuple[Point, int]  # where the search is, and on which corridor (< 0: arrived)


class Corridors:
    """The free corridors between the cards, and shortest routes along them."""

    def __init__(self, index: CardIndex, clearance: float) -> None:
        self.index = index
        self.clearance = clearance
        self.lines: list[Line] = []
        self._stops: list[list[float]] = []  # per line, the coordinates along it where others meet it
        self._at: dict[Point, list[int]] = {}  # meeting point -> the lines through it
        self.blocked: set[int] = set()  # lines a card moved onto since they were made
        cards = index.cards
        if not cards:
            return
        pad = 2 * clearance + _FRAME
        x1 = min(r.x for r in cards.values()) - pad
        y1 = min(r.y for r in cards.values()) - pad
        x2 = max(r.right for r in cards.values()) + pad
        y2 = max(r.bottom for r in cards.values()) + pad
        left, top = self._line(0, x1, y1, y2), self._line(1, y1, x1, x2)
        right, bottom = self._line(0, x2, y1, y2), self._line(1, y2, x1, x2)
        for v in (left, right):
            for h in (top, bottom):
                self._meet(v, h)
        self._cut(list(cards), (x1, y1, x2, y2), (left, top, right, bottom))
        self._extend((x1, y1, x2, y2))
        self._by_axis: list[list[tuple[float, int]]] = [
            sorted((c, k) for k, (axis, c, _, _) in enumerate(self.lines) if axis == a) for a in (0, 1)
        ]
        self._stops = [sorted(set(stops)) for stops in self._stops]

    # --- making the corridors ----------------------------------------------------------
    def _line(self, axis: int, c: float, lo: float, hi: float) -> int:
        self.lines.append((axis, c, lo, hi))
        self._stops.append([])
        return len(self.lines) - 1

    def _meet(self, a: int, b: int) -> None:
        """Lines ``a`` and ``b`` (one vertical, one horizontal) meet."""
        va, vb = (a, b) if self.lines[a][0] == 0 else (b, a)
        x, y = self.lines[va][1], self.lines[vb][1]
        self._stops[va].append(y)
        self._stops[vb].append(x)
        self._at.setdefault((x, y), []).extend((va, vb))

    def _cut(self, ids: list[str], region: tuple[float, float, float, float], sides: tuple[int, int, int, int]) -> None:
        """Cut the cards ``ids`` of ``region`` (bounded by the lines ``sides``: left, top,
        right, bottom) at their gaps, recursively (with a stack: designs are deep)."""
        cards = self.index.cards
        least = 2 * self.clearance + 2
        stack = [(ids, region, sides)]
        while stack:
            ids, (x1, y1, x2, y2), (left, top, right, bottom) = stack.pop()
            if len(ids) <= 1:
                continue
            best: tuple[float, int, list[float]] | None = None
            for axis in (0, 1):
                gaps = _gaps([cards[c] for c in ids], axis, least)
                if gaps and (best is None or max(gaps)[0] > best[0]):
                    best = (max(gaps)[0], axis, [mid for _, mid in sorted(gaps, key=lambda g: g[1])])
            if best is None:
                continue  # cards too close to part: the router's other ways serve them
            _, axis, mids = best
            lo, hi = (x1, x2) if axis == 0 else (y1, y2)
            bounds = [lo, *mids, hi]
            new = [left if axis == 0 else top]
            for mid in mids:
                k = self._line(axis, mid, *((y1, y2) if axis == 0 else (x1, x2)))
                for end in (top, bottom) if axis == 0 else (left, right):
                    self._meet(k, end)
                new.append(k)
            new.append(right if axis == 0 else bottom)
            slabs: list[list[str]] = [[] for _ in range(len(mids) + 1)]
            for c in ids:
                r = cards[c]
                slabs[bisect.bisect(mids, r.cx if axis == 0 else r.cy)].append(c)
            for k, slab in enumerate(slabs):
                if axis == 0:
                    stack.append((slab, (bounds[k], y1, bounds[k + 1], y2), (new[k], top, new[k + 1], bottom)))
                else:
                    stack.append((slab, (x1, bounds[k], x2, bounds[k + 1]), (left, new[k], right, new[k + 1])))

    def _extend(self, frame: tuple[float, float, float, float]) -> None:
        """Stretch every corridor as far as it stays free (a gap between two cards of one
        column of a drawing often goes on between the cards of the next), and make the
        meeting points again: where any two cross or touch."""
        x1, y1, x2, y2 = frame
        inflate = self.clearance - 0.5
        run = self.index.free_run
        for k, (axis, c, lo, hi) in enumerate(self.lines):
            if lo in (x1, y1) and hi in (x2, y2):
                continue  # the frame, or a cut across all of it
            start = (lo + hi) / 2
            low, high = run(1 - axis, c, start, *((x1, x2) if axis == 1 else (y1, y2)), inflate)
            self.lines[k] = (axis, c, min(lo, low), max(hi, high))
        # Gaps in neighbouring columns stretched into one another are one corridor.
        merged: list[Line] = []
        for axis, c, lo, hi in sorted(self.lines):
            if merged and merged[-1][:2] == (axis, c) and lo <= merged[-1][3]:
                merged[-1] = (axis, c, merged[-1][2], max(hi, merged[-1][3]))
            else:
                merged.append((axis, c, lo, hi))
        self.lines = merged
        self._stops = [[] for _ in self.lines]
        self._at = {}
        vertical = sorted((c, k) for k, (axis, c, _, _) in enumerate(self.lines) if axis == 0)
        xs = [c for c, _ in vertical]
        for h, (axis, y, lo, hi) in enumerate(self.lines):
            if axis != 1:
                continue
            for i in range(bisect.bisect_left(xs, lo), bisect.bisect_right(xs, hi)):
                x, v = vertical[i]
                _, _, vlo, vhi = self.lines[v]
                if vlo <= y <= vhi:
                    self._meet(v, h)

    def block(self, r: Rect) -> None:
        """A card came to ``r``: the corridors passing it (or nearer than the clearance)
        are no longer taken."""
        m = self.clearance
        for axis, (lo, hi, a, b) in enumerate(((r.x, r.right, r.y, r.bottom), (r.y, r.bottom, r.x, r.right))):
            lines = self._by_axis[axis]
            for i in range(bisect.bisect_left(lines, (lo - m, -1)), bisect.bisect_right(lines, (hi + m, math.inf))):
                _, k = lines[i]
                _, _, start, end = self.lines[k]
                if start < b + m and a - m < end:
                    self.blocked.add(k)

    # --- routing along them ------------------------------------------------------------
    def route(
        self, s: Rect, t: Rect, source: str, target: str, bend_cost: float
    ) -> tuple[list[Point], Side, Side] | None:
        """The cheapest path ``[port, stub, ..., stub, port]`` from card ``s`` to card
        ``t`` along the corridors, and its two sides; None if none joins them."""
        m = self.clearance
        starts = self._joins(s, source, m)
        ends = self._joins(t, target, m)
        if not starts or not ends:
            return None
        # The points where the ends join a corridor are stops on it for this search only.
        extra: dict[int, list[float]] = {}
        for _, line, point, _ in starts + ends:
            extra.setdefault(line, []).append(point[1] if self.lines[line][0] == 0 else point[0])
        goal: dict[tuple[Point, int], list[tuple[float, Side]]] = {}
        for side, line, point, length in ends:
            goal.setdefault((point, line), []).append((length + _IN_COST[side] + bend_cost, side))
        x1, y1, x2, y2 = t.x - m, t.y - m, t.right + m, t.bottom + m

        def near(point: Point) -> float:  # what is left at least, weighted: a greedier search
            return _GREED * (max(x1 - point[0], 0.0, point[0] - x2) + max(y1 - point[1], 0.0, point[1] - y2))

        blocked = self.blocked
        came: dict[_State, _State | None] = {}
        first_side: dict[_State, Side] = {}
        # Ordered by estimate, then the farthest come first: among the many equally short
        # paths of a grid of corridors, A* then follows one instead of widening over all.
        heap: list[tuple[float, float, int, _State, _State | None, Side | None]] = []
        for side, line, point, length in starts:
            cost = length + _OUT_COST[side] + bend_cost
            first_side[(point, line)] = side
            heap.append((cost + near(point), -cost, len(heap), (point, line), None, None))
        heapq.heapify(heap)
        n = len(heap)
        while heap and len(came) < _MAX_STEPS:
            _, minus_cost, _, state, prev, into = heapq.heappop(heap)
            if state in came:
                continue
            came[state] = prev
            cost = -minus_cost
            point, line = state
            if into is not None:  # the target reached through its side ``into``
                chain: list[Point] = []
                at: _State | None = prev
                root = state
                while at is not None:
                    chain.append(at[0])
                    root, at = at, came[at]
                chain.reverse()
                return self._path(chain, s, t, first_side[root], into, m), first_side[root], into
            for more, side in goal.get(state, ()):
                done = (point, -1 - _SIDES.index(side))
                if done not in came:
                    heapq.heappush(heap, (cost + more, -(cost + more), n, done, state, side))
                    n += 1
            axis, c, _, _ = self.lines[line]
            along = point[1] if axis == 0 else point[0]
            for to in _beside(self._stops[line], extra.get(line, ()), along):
                nxt = ((c, to) if axis == 0 else (to, c), line)
                if nxt not in came:
                    new = cost + abs(to - along)
                    heapq.heappush(heap, (new + near(nxt[0]), -new, n, nxt, state, None))
                    n += 1
            for other in self._at.get(point, ()):  # turning onto a corridor crossing here
                if other != line and (point, other) not in came and other not in blocked:
                    new = cost + bend_cost
                    heapq.heappush(heap, (new + near(point), -new, n, (point, other), state, None))
                    n += 1
        return None

    def _path(self, chain: list[Point], s: Rect, t: Rect, s_side: Side, t_side: Side, m: float) -> list[Point]:
        p, q = s.side_centre(s_side), t.side_centre(t_side)
        a = (p[0] + NORMAL[s_side][0] * m, p[1] + NORMAL[s_side][1] * m)
        b = (q[0] + NORMAL[t_side][0] * m, q[1] + NORMAL[t_side][1] * m)
        return [p, a, *chain, b, q]

    def _joins(self, r: Rect, cid: str, m: float) -> list[tuple[Side, int, Point, float]]:
        """For each side of card ``r``, the corridor met straight out of it (beyond the
        stub) with nothing in between: (side, line, meeting point, length from the port)."""
        out = []
        hit = self.index.segment_hit
        for side in _SIDES:
            p = r.side_centre(side)
            nx_, ny = NORMAL[side]
            a = (p[0] + nx_ * m, p[1] + ny * m)
            axis = 0 if nx_ else 1  # a ray along x meets vertical lines (axis 0)
            sign = nx_ if nx_ else ny
            start, across = (a[0], a[1]) if axis == 0 else (a[1], a[0])
            lines = self._by_axis[axis]
            if sign > 0:
                k = bisect.bisect_right(lines, (start, math.inf))
            else:
                k = bisect.bisect_left(lines, (start, -math.inf)) - 1
            while 0 <= k < len(lines):
                c, line = lines[k]
                _, _, lo, hi = self.lines[line]
                if lo <= across <= hi and line not in self.blocked:
                    point = (c, across) if axis == 0 else (across, c)
                    if hit(*p, *point, m - 0.5, (cid,)) is None:
                        out.append((side, line, point, m + abs(c - start)))
                    break
                k += 1 if sign > 0 else -1
        return out


def _beside(stops: list[float], extra: list[float] | tuple[()], along: float) -> list[float]:
    """The stops nearest ``along`` on either side of it, among the sorted ``stops`` and a
    few ``extra``."""
    k = bisect.bisect_left(stops, along)
    below = stops[k - 1] if k > 0 else None
    if k < len(stops) and stops[k] == along:
        k += 1
    above = stops[k] if k < len(stops) else None
    for e in extra:
        if e < along and (below is None or e > below):
            below = e
        elif e > along and (above is None or e < above):
            above = e
    return [v for v in (below, above) if v is not None]


def _gaps(rects: list[Rect], axis: int, least: float) -> list[tuple[float, float]]:
    """The gaps at least ``least`` wide between the rectangles' extents along ``axis``
    (0: x): (width, middle) each."""
    spans = sorted((r.x, r.right) if axis == 0 else (r.y, r.bottom) for r in rects)
    out = []
    reach = spans[0][1]
    for lo, hi in spans[1:]:
        if lo - reach >= least:
            out.append((lo - reach, (lo + reach) / 2))
        reach = max(reach, hi)
    return out
