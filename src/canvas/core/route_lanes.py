"""Core layer: routed links kept off each other — lanes in a channel, then repairs.

After ports are spread (``route_ports.py``), middle segments (between two bends) of
different links may still lie on one line, overlapping. :func:`nudge_all` moves each such
group into lanes :data:`LANE` apart, centred on the line or shifted to fit between the
cards on either side, in the order that makes their neighbouring segments cross least
(tried pairwise, both ways round). :func:`repair` then looks for any segment still lying
on another link's (a port run meeting a neighbour's jog, say) and moves a middle segment
next to it to a free lane. :func:`nudge_some` does both for the few routes made again
after a drag, against the routes left in place.

Every move is checked against the cards (``obstacles``); one that would pass through a
card is not made.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence

from canvas.core.geometry import Point
from canvas.core.route_model import LinkEnds, Obstacles, Route

#: Distance between two lanes in a channel.
LANE = 8.0
#: How many lanes on either side of its line a segment may be moved to.
MAX_LANES = 4

_STRETCH = 200.0
#: Clusters of up to so many segments are ordered pair by pair.
_EXACT_CLUSTER = 24
_Segment = tuple[int, int, float, float, float]  # index, axis of the line's coordinate, coordinate, lo, hi


def _segments(points: Sequence[Point], interior: bool = False) -> list[_Segment]:
    """The segments (only those between two bends when ``interior``), each as (index,
    axis of its line's coordinate — 0 for a vertical line —, coordinate, lo, hi)."""
    out = []
    first, last = (1, len(points) - 2) if interior else (0, len(points) - 1)
    for i in range(first, last):
        (x1, y1), (x2, y2) = points[i], points[i + 1]
        if x1 == x2 and y1 != y2:
            out.append((i, 0, x1, min(y1, y2), max(y1, y2)))
        elif y1 == y2 and x1 != x2:
            out.append((i, 1, y1, min(x1, x2), max(x1, x2)))
    return out


def _segment(points: Sequence[Point], n: int) -> tuple[int, float, float, float] | None:
    """Segment ``n`` as (axis of its line's coordinate, coordinate, lo, hi); None if empty."""
    (x1, y1), (x2, y2) = points[n], points[n + 1]
    if x1 == x2 and y1 != y2:
        return (0, x1, min(y1, y2), max(y1, y2))
    if y1 == y2 and x1 != x2:
        return (1, y1, min(x1, x2), max(x1, x2))
    return None


class SegmentLines:
    """The segments of placed routes, by the line they lie on and, along it, by stretches
    of :data:`_STRETCH` (a long line of a big design holds hundreds of segments)."""

    def __init__(self) -> None:
        self._lines: dict[tuple[int, float, int], list[tuple[float, float, str]]] = {}

    @staticmethod
    def _keys(axis: int, coord: float, lo: float, hi: float) -> list[tuple[int, float, int]]:
        c = round(coord, 1)
        return [(axis, c, n) for n in range(math.floor(lo / _STRETCH), math.floor(hi / _STRETCH) + 1)]

    def add(self, lid: str, route: Route) -> None:
        for _, axis, coord, lo, hi in _segments(route.points):
            for key in self._keys(axis, coord, lo, hi):
                self._lines.setdefault(key, []).append((lo, hi, lid))

    def remove(self, lid: str, route: Route) -> None:
        for _, axis, coord, lo, hi in _segments(route.points):
            for key in self._keys(axis, coord, lo, hi):
                stretch = self._lines.get(key)
                if stretch is not None and (lo, hi, lid) in stretch:
                    stretch.remove((lo, hi, lid))

    def overlaps(self, axis: int, coord: float, lo: float, hi: float, lid: str) -> bool:
        """Whether another link has a segment on this line overlapping [lo, hi] by more than 1."""
        lines = self._lines
        c = round(coord, 1)
        for n in range(math.floor(lo / _STRETCH), math.floor(hi / _STRETCH) + 1):
            for a, b, other in lines.get((axis, c, n), ()):
                if a < hi - 1 and lo < b - 1 and other != lid:
                    return True
        return False


def _conflicts(low: Sequence[Point], i: int, high: Sequence[Point], k: int, axis: int) -> int:
    """How badly segment ``i`` of ``low`` and segment ``k`` of ``high``, side by side on
    neighbouring lanes with ``low`` at the smaller coordinate, clash: each neighbouring
    segment reaching across the other's lane costs 1 when it crosses it, 4 when it ends
    on it (the two links would touch)."""
    along = 1 - axis
    cost = 0
    for pts, j, other, m, towards in ((low, i, high, k, 1), (high, k, low, i, -1)):
        a, b = sorted((other[m][along], other[m + 1][along]))
        # the segment before j lies at the level of point j, the one after at point j + 1
        for far, level in ((pts[j - 1][axis], pts[j][along]), (pts[j + 2][axis], pts[j + 1][along])):
            if (far - pts[j][axis]) * towards > 0:
                if a < level < b:
                    cost += 1
                elif level in (a, b):
                    cost += 4
    return cost


def _moved(route: Route, i: int, axis: int, to: float) -> Route:
    pts = list(route.points)
    for k in (i, i + 1):
        x, y = pts[k]
        pts[k] = (to, y) if axis == 0 else (x, to)
    return route.with_points(pts)


def _place(
    routes: dict[str, Route],
    lid: str,
    i: int,
    axis: int,
    wanted: float,
    lines: SegmentLines,
    link: LinkEnds,
    obstacles: Obstacles,
    prefer: int,
    steps: int = 2 * MAX_LANES,
) -> bool:
    """Move segment ``i`` of ``lid`` to the free lane nearest ``wanted`` (trying the
    ``prefer`` side first, in half-lane steps) where it and its neighbours overlap no placed segment and pass
    no card. Whether it found one."""
    route = routes[lid]
    lo, hi = sorted((route.points[i][1 - axis], route.points[i + 1][1 - axis]))
    low, high = obstacles.room(axis, route.points[i][axis], lo, hi)
    near = range(max(0, i - 1), min(len(route.points) - 1, i + 2))
    for off in [0] + [s * k for k in range(1, steps + 1) for s in (prefer, -prefer)]:
        to = wanted + off * LANE / 2  # half lanes too: between two taken lanes
        if not low <= to <= high:
            continue
        new = route if to == route.points[i][axis] else _moved(route, i, axis, to)
        pts = new.points
        if any(lines.overlaps(*seg, lid) for n in near if (seg := _segment(pts, n)) is not None):
            continue
        if new is route or obstacles.clear(new.points, link.source, link.target, near):
            routes[lid] = new
            return True
    return False


def nudge_all(routes: dict[str, Route], links: Mapping[str, LinkEnds], obstacles: Obstacles) -> SegmentLines:
    """Spread every group of overlapping middle segments into lanes; then :func:`repair`.
    Returns the placed segments."""
    by_line: dict[tuple[int, float], list[tuple[float, float, str, int]]] = {}
    for lid, route in routes.items():
        for i, axis, coord, lo, hi in _segments(route.points, interior=True):
            by_line.setdefault((axis, round(coord, 1)), []).append((lo, hi, lid, i))
    for (axis, coord), segs in sorted(by_line.items()):
        segs.sort()
        cluster: list[tuple[float, float, str, int]] = []
        reach = -float("inf")
        for seg in segs + [(float("inf"), float("inf"), "", 0)]:
            if cluster and seg[0] >= reach - 1:
                if len(cluster) > 1:
                    _spread(cluster, axis, coord, routes, links, obstacles)
                cluster, reach = [], -float("inf")
            cluster.append(seg)
            reach = max(reach, seg[1])
    lines = SegmentLines()
    for lid, route in routes.items():
        lines.add(lid, route)
    repair(routes, list(routes), links, lines, obstacles)
    return lines


def _spread(
    cluster: list[tuple[float, float, str, int]],
    axis: int,
    coord: float,
    routes: dict[str, Route],
    links: Mapping[str, LinkEnds],
    obstacles: Obstacles,
) -> None:
    """Put the overlapping segments of one line into neighbouring lanes, as a block
    centred on the line or shifted to fit between the cards on either side."""

    def order(a: tuple[float, float, str, int], b: tuple[float, float, str, int]) -> int:
        """-1 if ``a`` clashes less on the lower lane, 1 if on the higher, 0 if alike."""
        pa, pb = routes[a[2]].points, routes[b[2]].points
        ab, ba = _conflicts(pa, a[3], pb, b[3], axis), _conflicts(pb, b[3], pa, a[3], axis)
        return (ab > ba) - (ab < ba)

    cluster[:] = _lane_order(cluster, order)
    n = len(cluster)
    span = (n - 1) * LANE
    first = coord - span / 2
    low, high = obstacles.room(axis, coord, min(s[0] for s in cluster), max(s[1] for s in cluster))
    if high - low >= span:
        first = min(max(first, low), high - span)
    for j, (_, _, lid, i) in enumerate(cluster):
        route = routes[lid]
        to = first + j * LANE
        new = _moved(route, i, axis, to)
        link = links[lid]
        if obstacles.clear(new.points, link.source, link.target, range(i - 1, i + 2)):
            routes[lid] = new


def _lane_order(
    cluster: list[tuple[float, float, str, int]],
    order: Callable[[tuple[float, float, str, int], tuple[float, float, str, int]], int],
) -> list[tuple[float, float, str, int]]:
    """The segments of a cluster from the lowest lane up: every pair that clashes less one
    way round is put that way (a topological order; ties by link id), as far as the
    pairs agree. Pairs that clash alike leave each other free, which a plain sort by
    ``order`` would not (it needs a total order, and ties broken by id make cycles)."""
    n = len(cluster)
    if n > _EXACT_CLUSTER:  # a big cluster (a very dense design): a plain sort

        def total(a: tuple[float, float, str, int], b: tuple[float, float, str, int]) -> int:
            return order(a, b) or (a[2] > b[2]) - (a[2] < b[2])

        return sorted(cluster, key=functools.cmp_to_key(total))
    after: list[list[int]] = [[] for _ in range(n)]
    waiting = [0] * n
    for i in range(n):
        for j in range(i + 1, n):
            c = order(cluster[i], cluster[j])
            if c:
                low, high = (i, j) if c < 0 else (j, i)
                after[low].append(high)
                waiting[high] += 1
    left = sorted(range(n), key=lambda k: cluster[k][2])
    out: list[tuple[float, float, str, int]] = []
    while left:
        # the first (by id) with nothing left to wait for; in a cycle, the first by id
        k = next((k for k in left if waiting[k] == 0), left[0])
        left.remove(k)
        out.append(cluster[k])
        for m in after[k]:
            waiting[m] -= 1
    return out


def repair(
    routes: dict[str, Route],
    which: Iterable[str],
    links: Mapping[str, LinkEnds],
    lines: SegmentLines,
    obstacles: Obstacles,
) -> None:
    """For each route in ``which`` with a segment lying on another link's, move a middle
    segment at or next to it to a free lane (``lines`` holds every placed route and is
    kept up to date)."""
    for lid in which:
        route = routes[lid]
        for k, axis, coord, lo, hi in _segments(route.points):
            if not lines.overlaps(axis, coord, lo, hi, lid):
                continue
            movable = [
                (i, a, MAX_LANES) for i, a, _, _, _ in _segments(route.points, interior=True) if k - 1 <= i <= k + 1
            ]
            movable.sort(key=lambda m: m[0] != k)
            # a port run along a long side (top, bottom) may slide a little along it
            if (
                k == 0
                and route.source_side in ("top", "bottom")
                or k == len(route.points) - 2
                and route.target_side in ("top", "bottom")
            ):
                movable.append((k, axis, 4))
            for i, a, steps in movable:  # (a route's own segments never count against it)
                if _place(routes, lid, i, a, route.points[i][a], lines, links[lid], obstacles, 1, steps):
                    break
            if routes[lid] is not route:
                lines.remove(lid, route)
                route = routes[lid]
                lines.add(lid, route)


def nudge_some(
    routes: dict[str, Route],
    which: Sequence[str],
    links: Mapping[str, LinkEnds],
    lines: SegmentLines,
    obstacles: Obstacles,
) -> None:
    """Put the routes ``which`` (not in ``lines``) on lanes free of the others'; adds them."""
    for lid in which:
        lines.add(lid, routes[lid])
    repair(routes, which, links, lines, obstacles)
