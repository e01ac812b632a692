"""Core layer: the router's last resort — a shortest orthogonal path on a channel grid.

When none of the router's few candidate shapes is clear (cards packed tightly by hand),
this searches a sparse grid whose lines are the cards' edges plus the clearance, around
the two ends, with a cost per bend (Dijkstra over grid point and heading, as libavoid's
orthogonal visibility graph, much simplified). It is slower than the candidates, so the
grid is kept to the neighbourhood of the ends and to a bounded number of cards.
"""

from __future__ import annotations

import bisect
import heapq

from canvas.core.geometry import NORMAL, CardIndex, Point, Side

#: How far around the two cards the grid reaches, and how many cards it may hold.
_PAD = 160.0
_MAX_CARDS = 40
_SIDES: tuple[Side, ...] = ("right", "bottom", "top", "left")
#: The cost of leaving (entering) through each side, as in the router's ranking.
_OUT_COST = {"right": 0.0, "bottom": 20.0, "top": 20.0, "left": 80.0}
_IN_COST = {"left": 0.0, "top": 20.0, "bottom": 20.0, "right": 80.0}
_STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))


def grid_route(
    index: CardIndex, source: str, target: str, clearance: float, bend_cost: float
) -> tuple[list[Point], Side, Side] | None:
    """The cheapest clear path ``[port, stub, ..., stub, port]`` and its two sides, or
    None when the neighbourhood is too crowded to search or has no way through."""
    cards = index.cards
    s, t = cards[source], cards[target]
    x1, y1 = min(s.x, t.x) - _PAD, min(s.y, t.y) - _PAD
    x2, y2 = max(s.right, t.right) + _PAD, max(s.bottom, t.bottom) + _PAD
    near = index.in_box(x1, y1, x2, y2)
    if len(near) > _MAX_CARDS:
        return None
    m = clearance
    ports: dict[tuple[bool, Side], tuple[Point, Point]] = {}
    for is_source, r in ((True, s), (False, t)):
        for side in _SIDES:
            p = r.side_centre(side)
            n = NORMAL[side]
            ports[(is_source, side)] = (p, (p[0] + n[0] * m, p[1] + n[1] * m))
    xs = sorted(
        {x1, x2} | {a[0] for _, a in ports.values()} | {v for c in near for v in (cards[c].x - m, cards[c].right + m)}
    )
    ys = sorted(
        {y1, y2} | {a[1] for _, a in ports.values()} | {v for c in near for v in (cards[c].y - m, cards[c].bottom + m)}
    )
    blocked_x, blocked_y = _blocked_edges(index, near, xs, ys, m - 0.5)

    starts = {
        (xs.index(a[0]), ys.index(a[1]), _step_of(side)): _OUT_COST[side] + m
        for (is_src, side), (_, a) in ports.items()
        if is_src
    }
    goals = {
        (xs.index(a[0]), ys.index(a[1]), _step_of(side, inward=True)): side
        for (is_src, side), (_, a) in ports.items()
        if not is_src
    }
    best: dict[tuple[int, int, int], float] = {}
    came: dict[tuple[int, int, int], tuple[int, int, int] | None] = {}
    heap: list[tuple[float, int, tuple[int, int, int], tuple[int, int, int] | None]] = [
        (cost, n, state, None) for n, (state, cost) in enumerate(sorted(starts.items()))
    ]
    heapq.heapify(heap)
    pushed = len(heap)
    while heap:
        cost, _, state, prev = heapq.heappop(heap)
        if state in best:
            continue
        best[state] = cost
        came[state] = prev
        if state in goals:
            return _path(state, came, xs, ys, ports, goals[state])
        i, j, d = state
        for nd in range(4):
            if nd == d:
                ni, nj = i + _STEPS[d][0], j + _STEPS[d][1]
                if not (0 <= ni < len(xs) and 0 <= nj < len(ys)):
                    continue
                if (_STEPS[d][1] == 0 and (min(i, ni), j) in blocked_x) or (
                    _STEPS[d][0] == 0 and (i, min(j, nj)) in blocked_y
                ):
                    continue
                step = abs(xs[ni] - xs[i]) + abs(ys[nj] - ys[j])
                nxt, extra = (ni, nj, d), step
            elif _STEPS[nd][0] == -_STEPS[d][0] and _STEPS[nd][1] == -_STEPS[d][1]:
                continue  # no turning back
            else:
                nxt, extra = (i, j, nd), bend_cost
            if nxt in goals:
                extra += _IN_COST[goals[nxt]]
            if nxt not in best:
                heapq.heappush(heap, (cost + extra, pushed, nxt, state))
                pushed += 1
    return None


def _step_of(side: Side, inward: bool = False) -> int:
    n = NORMAL[side]
    step = (-int(n[0]), -int(n[1])) if inward else (int(n[0]), int(n[1]))
    return _STEPS.index(step)


def _blocked_edges(
    index: CardIndex, near: list[str], xs: list[float], ys: list[float], inflate: float
) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Grid edges passing through a card: (i, j) is the edge from (i, j) to (i + 1, j)
    in the first set, to (i, j + 1) in the second. Every card edge is a grid line, so an
    edge passes through a card exactly when its middle does."""
    mid_x = [(a + b) / 2 for a, b in zip(xs, xs[1:], strict=False)]
    mid_y = [(a + b) / 2 for a, b in zip(ys, ys[1:], strict=False)]
    blocked_x: set[tuple[int, int]] = set()
    blocked_y: set[tuple[int, int]] = set()
    for cid in near:
        r = index.cards[cid]
        lo_x, hi_x, lo_y, hi_y = r.x - inflate, r.right + inflate, r.y - inflate, r.bottom + inflate
        rows = range(bisect.bisect_right(ys, lo_y), bisect.bisect_left(ys, hi_y))
        cols = range(bisect.bisect_right(xs, lo_x), bisect.bisect_left(xs, hi_x))
        for i in range(bisect.bisect_right(mid_x, lo_x), bisect.bisect_left(mid_x, hi_x)):
            blocked_x.update((i, j) for j in rows)
        for j in range(bisect.bisect_right(mid_y, lo_y), bisect.bisect_left(mid_y, hi_y)):
            blocked_y.update((i, j) for i in cols)
    return blocked_x, blocked_y


def _path(
    goal: tuple[int, int, int],
    came: dict[tuple[int, int, int], tuple[int, int, int] | None],
    xs: list[float],
    ys: list[float],
    ports: dict[tuple[bool, Side], tuple[Point, Point]],
    t_side: Side,
) -> tuple[list[Point], Side, Side]:
    states = []
    state: tuple[int, int, int] | None = goal
    while state is not None:
        states.append(state)
        state = came[state]
    states.reverse()
    first = states[0]
    s_side = next(
        side
        for (is_src, side), (_, a) in ports.items()
        if is_src and a == (xs[first[0]], ys[first[1]]) and _step_of(side) == first[2]
    )
    points = [ports[(True, s_side)][0]] + [(xs[i], ys[j]) for i, j, _ in states] + [ports[(False, t_side)][0]]
    return points, s_side, t_side
