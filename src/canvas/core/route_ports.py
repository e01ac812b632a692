"""Core layer: the ends of routed links spread along the side of a card they share.

After each link has its own route (``routing.py``, all ends at a side's middle),
:func:`spread_ports` spreads the ends on one side of a card along it, ordered so that
links turning up take the upper slots (the one turning first uppermost), straight ones
the middle and links turning down the lower ones: the order that crosses least. The run
of segments leaving a port moves with it; a moved route that would pass through a card
(asked of ``obstacles``) keeps its end where it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from canvas.core.geometry import Point, Rect, Side
from canvas.core.route_model import LinkEnds, Obstacles, Route

#: Distance between two ends on one side of a card.
PORT_SPACING = 10.0
#: Ends keep this far from a card's corners.
_CORNER = 8.0


def spread_ports(
    routes: dict[str, Route],
    links: Mapping[str, LinkEnds],
    by_card: Mapping[str, Mapping[str, None]],
    cards: Mapping[str, Rect],
    obstacles: Obstacles,
    sides: set[tuple[str, Side]] | None,
) -> list[str]:
    """Spread the ends on each card side in ``sides`` (all sides when None) along it;
    updates ``routes`` and returns the ids of the routes that changed."""
    groups: dict[tuple[str, Side], list[tuple[str, bool]]] = {}
    if sides is None:
        for lid, route in routes.items():
            link = links[lid]
            groups.setdefault((link.source, route.source_side), []).append((lid, True))
            groups.setdefault((link.target, route.target_side), []).append((lid, False))
    else:
        for cid, side in sorted(sides):
            ends = groups.setdefault((cid, side), [])
            for lid in by_card.get(cid, {}):
                found = routes.get(lid)
                if found is None:
                    continue
                if links[lid].source == cid and found.source_side == side:
                    ends.append((lid, True))
                if links[lid].target == cid and found.target_side == side:
                    ends.append((lid, False))
    moved: dict[str, None] = {}
    for (cid, side), ends in groups.items():
        if not ends or cid not in cards:
            continue
        ends.sort(key=lambda e: _end_key(routes[e[0]], e[1], e[0]))
        for (lid, at_source), slot in zip(ends, _slots(cards[cid], side, len(ends)), strict=True):
            route = routes[lid]
            new = _shift_end(route, at_source, side, slot)
            if new is route:
                continue
            link = links[lid]
            if obstacles.clear(new.points, link.source, link.target, _changed(route.points, new.points)):
                routes[lid] = new
                moved[lid] = None
    return list(moved)


def _changed(old: Sequence[Point], new: Sequence[Point]) -> range | None:
    """The segments of ``new`` touching a point that differs from ``old`` (None: all)."""
    if len(old) != len(new):
        return None
    moved = [k for k, (p, q) in enumerate(zip(old, new, strict=True)) if p != q]
    if not moved:
        return range(0)
    return range(max(0, moved[0] - 1), min(len(new) - 1, moved[-1] + 1))


def _along(side: Side) -> int:
    """The coordinate (0: x, 1: y) that varies along a side."""
    return 1 if side in ("left", "right") else 0


def _end_key(route: Route, at_source: bool, lid: str) -> tuple[int, float, float, str]:
    """Where an end goes among those on its side: links turning up first (the one turning
    nearest the card uppermost), straight ones, then links turning down (the one turning
    nearest lowest); of two turning at the same distance, the one going farther is
    outermost, so neither crosses the other."""
    pts = route.points if at_source else route.points[::-1]
    axis = _along(route.source_side if at_source else route.target_side)
    start = pts[0]
    for k in range(1, len(pts)):
        if pts[k][axis] != start[axis]:
            dist = abs(pts[k - 1][1 - axis] - start[1 - axis])
            turn = pts[k][axis] - start[axis]
            return (0, dist, turn, lid) if turn < 0 else (2, -dist, turn, lid)
    return (1, 0.0, 0.0, lid)


def _slots(r: Rect, side: Side, n: int) -> list[float]:
    length, centre = (r.h, r.cy) if _along(side) == 1 else (r.w, r.cx)
    step = min(PORT_SPACING, (length - 2 * _CORNER) / max(n - 1, 1))
    return [centre + (i - (n - 1) / 2) * step for i in range(n)]


def _shift_end(route: Route, at_source: bool, side: Side, slot: float) -> Route:
    """The route with the end on ``side`` moved to ``slot`` along it; the run of segments
    leaving the port moves with it (a straight route gets a jog half-way)."""
    axis = _along(side)
    pts = list(route.points if at_source else route.points[::-1])
    delta = slot - pts[0][axis]
    if abs(delta) < 1e-9:
        return route
    limit = len(pts) - 1
    if len(pts) == 2:
        limit = 2
        mid = (pts[0][1 - axis] + pts[1][1 - axis]) / 2
        if axis == 1:
            pts = [pts[0], (mid, pts[0][1]), (mid, pts[1][1]), pts[1]]
        else:
            pts = [pts[0], (pts[0][0], mid), (pts[1][0], mid), pts[1]]
    start = pts[0][axis]
    k = 0
    while k < limit and pts[k][axis] == start:
        x, y = pts[k]
        pts[k] = (x + delta, y) if axis == 0 else (x, y + delta)
        k += 1
    points = tuple(pts) if at_source else tuple(pts[::-1])
    return route.with_points(points)
