"""Core layer: orthogonal link routes that go around cards, Qt-free.

A route is a polyline of axis-parallel segments from a point on the source card's border
to a point on the target card's border. The GUI draws it with rounded corners (the
default look) or smoothed (``path_steps`` turns the corner points into either).

How a link is routed (in the spirit of draw.io's orthogonal edge style and libavoid's
orthogonal router, kept small and fast enough for thousands of links):

1. Each end leaves its card through a side (right, left, top, bottom) by a short stub of
   :data:`CLEARANCE`, so no segment runs along a card's border.
2. Candidate shapes between the two stubs — an L, a Z with its middle segment in a free
   channel (a card's edge plus the clearance, or half-way), a U over or under "the
   system between them" (the block of cards spanning the ends' x range, grown while the
   gaps between its rows are narrow) — are ranked by length, bends and how conventional
   their sides are (out on the right, in on the left), and the first that passes no card
   wins. How far the lines through the two stubs are free is asked once per side pair
   (``CardIndex.free_run``), which rules out most candidates of a long link before any
   is costed or checked. A link pointing backwards (feedback) therefore goes over or under the cards
   between its ends, not through them.
3. If no candidate is clear, a shortest path with bend costs on a sparse grid of channel
   lines around the ends (``route_grid.py``) is taken; for a long link, or where that
   grid has no way, a path along the free corridors between the cards
   (``route_corridors.py``: the gaps of a recursive cut of the cards, A* with bend costs);
   if even that fails (ends inside other cards), the plain conventional shape is kept.
4. Ends sharing a side of a card are spread along it, and overlapping middle segments are
   pushed apart into lanes (``route_ports.py``, ``route_lanes.py``), so parallel links stay apart.

:class:`LinkRouter` keeps the cards in a grid index and the routes, so after a drag only
the moved cards' links are routed again (a few ms); :func:`route_all` routes a whole design
(4,500 links in well under a second).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from canvas.core.geometry import NORMAL, CardIndex, Point, Rect, Side
from canvas.core.route_corridors import Corridors
from canvas.core.route_grid import grid_route
from canvas.core.route_lanes import LANE, MAX_LANES, SegmentLines, nudge_all, nudge_some
from canvas.core.route_model import LinkEnds, Route
from canvas.core.route_ports import spread_ports

#: Distance every segment keeps from every card (and the length of the stub at a port).
CLEARANCE = 10.0
#: What one bend costs, in scene units of length, when candidate routes are ranked.
BEND_COST = 40.0
#: Rows of cards closer than this (between borders) count as one block to go around; the
#: block grows by at most so many steps (in a design of thousands, a feedback link goes
#: around its neighbourhood, not around a column of hundreds of cards).
BLOCK_GAP = 50.0
_BLOCK_STEPS = 6
#: Channels are taken from the cards between two ends up to this area, else from the
#: cards within this reach of either end.
_NEAR_AREA = 1200.0 * 800.0
_NEAR_REACH = 300.0
_FAR_PAIRS = 4
#: The corridors between the cards serve until so many cards have moved (each blocks the
#: corridors it lands on), then are made again.
_CORRIDORS_KEPT = 200
#: How many channel lines near the middle between the ends are tried, on each axis.
_CHANNELS = 6
#: How far beyond the ends' span the free stretch of the lines through the stubs is
#: looked up at once (a candidate's leg reaching farther is checked on its own).
_RUN_REACH = 240.0
#: Side pairs tried, with what choosing them costs beyond length and bends.
_PAIRS: tuple[tuple[Side, Side, float], ...] = (
    ("right", "left", 0.0),
    ("bottom", "top", 20.0),
    ("top", "bottom", 20.0),
    ("right", "top", 30.0),
    ("right", "bottom", 30.0),
    ("bottom", "left", 30.0),
    ("top", "left", 30.0),
    ("top", "top", 40.0),
    ("bottom", "bottom", 40.0),
    ("right", "right", 80.0),
    ("left", "left", 80.0),
    ("left", "right", 150.0),
)


def route_all(cards: Mapping[str, Rect], links: Iterable[LinkEnds], clearance: float = CLEARANCE) -> dict[str, Route]:
    """Routes for every link whose two cards are in ``cards``."""
    return LinkRouter(cards, links, clearance).route_all()


def route_some(
    cards: Mapping[str, Rect],
    links: Iterable[LinkEnds],
    which: Iterable[str],
    routes: Mapping[str, Route],
    clearance: float = CLEARANCE,
) -> dict[str, Route]:
    """Routes again the links ``which`` among ``links`` whose other routes are ``routes``;
    returns every route that changed (``which`` and links whose ports shifted beside
    them). Builds an index each call: an editor keeps a :class:`LinkRouter` instead."""
    router = LinkRouter(cards, links, clearance)
    router.set_routes(routes)
    return router.reroute(which)


class LinkRouter:
    """The cards, links and current routes of one design, for routing all and then a few."""

    def __init__(self, cards: Mapping[str, Rect], links: Iterable[LinkEnds], clearance: float = CLEARANCE) -> None:
        self.clearance = clearance
        self.index = CardIndex(cards, reach=clearance)
        self.links: dict[str, LinkEnds] = {}
        self.by_card: dict[str, dict[str, None]] = {}
        self.routes: dict[str, Route] = {}
        self._lines = SegmentLines()
        self._corridors: Corridors | None = None  # made when a long link first needs them
        self._corridors_moved = 0  # how many cards moved since they were made
        for link in links:
            self.add_link(link)

    # --- the model changing ----------------------------------------------------------
    def add_link(self, link: LinkEnds) -> None:
        """Know a link (route it with :meth:`reroute`)."""
        self.links[link.id] = link
        self.by_card.setdefault(link.source, {})[link.id] = None
        self.by_card.setdefault(link.target, {})[link.id] = None

    def remove_link(self, link_id: str) -> None:
        link = self.links.pop(link_id, None)
        if link is None:
            return
        for cid in (link.source, link.target):
            self.by_card.get(cid, {}).pop(link_id, None)
        old = self.routes.pop(link_id, None)
        if old is not None:
            self._lines.remove(link_id, old)

    def move_card(self, card_id: str, rect: Rect | None) -> None:
        """A card moved, grew or appeared (``rect``) or went away (None)."""
        self.index.move(card_id, rect)
        if self._corridors is not None:
            self._corridors_moved += 1
            if rect is not None:
                self._corridors.block(rect)

    def links_of(self, card_ids: Iterable[str]) -> list[str]:
        """The ids of the links touching any of these cards, each once."""
        found: dict[str, None] = {}
        for cid in card_ids:
            found.update(self.by_card.get(cid, {}))
        return list(found)

    def set_routes(self, routes: Mapping[str, Route]) -> None:
        """Take routes computed before (by another router) as the current ones."""
        for lid, route in routes.items():
            if lid in self.links:
                self._set(lid, route)

    # --- routing ---------------------------------------------------------------------
    def route_all(self) -> dict[str, Route]:
        """Route every link from scratch; returns (and keeps) all the routes."""
        self.routes = {}
        self._lines = SegmentLines()
        cards = self.index.cards
        for lid, link in self.links.items():
            if link.source in cards and link.target in cards:
                self.routes[lid] = self._route(link)
        ends = {lid: self.links[lid] for lid in self.routes}
        spread_ports(self.routes, ends, self.by_card, cards, self, None)
        self._lines = nudge_all(self.routes, self.links, self)
        return dict(self.routes)

    def reroute(self, link_ids: Iterable[str]) -> dict[str, Route]:
        """Route these links again (after their cards moved); returns every route that
        changed, these and their neighbours on shared card sides."""
        cards = self.index.cards
        changed: dict[str, Route] = {}
        sides: set[tuple[str, Side]] = set()
        for lid in link_ids:
            link = self.links.get(lid)
            old = self.routes.get(lid)
            if old is not None:
                self._lines.remove(lid, old)
                del self.routes[lid]
                if link is not None:
                    sides.update(((link.source, old.source_side), (link.target, old.target_side)))
            if link is None or link.source not in cards or link.target not in cards:
                continue
            route = self._route(link)
            self.routes[lid] = changed[lid] = route
            sides.update(((link.source, route.source_side), (link.target, route.target_side)))
        # The other links at those card sides may get new port slots: take them off the
        # lanes, spread the ports, and put every touched route back into a lane.
        before: dict[str, Route] = {}
        for lid in self.links_of(cid for cid, _ in sides):
            if lid not in changed and lid in self.routes:
                before[lid] = self.routes[lid]
                self._lines.remove(lid, before[lid])
        spread_ports(self.routes, self.links, self.by_card, cards, self, sides)
        nudge_some(self.routes, list(changed) + list(before), self.links, self._lines, self)
        changed.update((lid, r) for lid, r in before.items() if self.routes[lid] != r)
        return {lid: self.routes[lid] for lid in changed}

    def _set(self, lid: str, route: Route) -> None:
        old = self.routes.get(lid)
        if old is not None:
            self._lines.remove(lid, old)
        self.routes[lid] = route
        self._lines.add(lid, route)

    # --- one link --------------------------------------------------------------------
    def _route(self, link: LinkEnds) -> Route:
        cards = self.index.cards
        s, t = cards[link.source], cards[link.target]
        if link.source == link.target:
            return _self_loop(s, self.clearance)
        m = self.clearance
        if t.x >= s.right + 2 * m:  # forward: the usual Z from right to left, if clear
            route = self._first_clear(link, [("right", "left", 0.0)], quick=True)
            if route is not None:
                return route
        route = self._first_clear(link, _PAIRS, quick=False)
        if route is not None:
            return route
        points = None if _far(s, t) else grid_route(self.index, link.source, link.target, m, BEND_COST)
        if points is None:
            points = self._along_corridors(link, s, t)
        if points is not None:
            return Route(_simplify(points[0]), points[1], points[2])
        return self._fallback(link)

    def _along_corridors(self, link: LinkEnds, s: Rect, t: Rect) -> tuple[list[Point], Side, Side] | None:
        """The link's way along the corridors between the cards (made when first needed,
        and again once many cards have moved since)."""
        if self._corridors is None or self._corridors_moved > _CORRIDORS_KEPT:
            self._corridors, self._corridors_moved = Corridors(self.index, self.clearance), 0
        return self._corridors.route(s, t, link.source, link.target, BEND_COST)

    def _first_clear(self, link: LinkEnds, pairs: Sequence[tuple[Side, Side, float]], quick: bool) -> Route | None:
        """The cheapest clear candidate over the side pairs (best first, pruned)."""
        cards = self.index.cards
        s, t = cards[link.source], cards[link.target]
        m = self.clearance
        ranked = []
        for s_side, t_side, penalty in pairs:
            p, q = s.side_centre(s_side), t.side_centre(t_side)
            a, b = _stub(p, s_side, m), _stub(q, t_side, m)
            bound = abs(a[0] - b[0]) + abs(a[1] - b[1]) + 2 * m + BEND_COST * _min_bends(a, s_side, b, t_side)
            ranked.append((bound + penalty, s_side, t_side, p, q, a, b, penalty))
        ranked.sort(key=lambda r: r[0])
        if _far(s, t):  # a long link in a big design: its likeliest sides only
            del ranked[_FAR_PAIRS:]
        hit = self.index.segment_hit
        inflate = m - 0.5
        if not quick and ranked:
            # The two Ls come first among the candidates of the cheapest side pair: one as
            # cheap as its bound and clear is the answer, found without the channels.
            bound, s_side, t_side, p, q, a, b, penalty = ranked[0]
            d_in = NORMAL[t_side]
            da, db = NORMAL[s_side], (-d_in[0], -d_in[1])
            if hit(*p, *a, inflate, (link.source,)) is None and hit(*b, *q, inflate, (link.target,)) is None:
                for c in (b[0], a[0]):
                    if _z_cost(a, b, 0, c, da, db, m) + penalty <= bound and self._z_clear(a, b, 0, c, True):
                        return Route(_simplify(_z_points(p, a, b, q, 0, c)), s_side, t_side)
        channels = None if quick else self._channels(s, t)
        best: tuple[float, Side, Side, Point, Point, Point, Point, int, float] | None = None
        for bound, s_side, t_side, p, q, a, b, penalty in ranked:
            if best is not None and bound >= best[0]:
                break
            if hit(*p, *a, inflate, (link.source,)) is not None or hit(*b, *q, inflate, (link.target,)) is not None:
                continue  # a stub passes through a card: no shape of this pair is clear
            d_in = NORMAL[t_side]
            da, db = NORMAL[s_side], (-d_in[0], -d_in[1])
            if channels is None:  # quick: the Z through the middle, checked as it is
                c = (a[0] + b[0]) / 2
                if self._z_clear(a, b, 0, c, True):
                    best = (_z_cost(a, b, 0, c, da, db, m) + penalty, s_side, t_side, p, q, a, b, 0, c)
                continue
            # Many candidates: how far the lines through the stubs are free rules out most
            # of them before they are costed or checked.
            runs = {axis: self._runs(a, b, axis) for axis in (0, 1)}
            scored = []
            for i, (axis, c) in enumerate(_middles(a, b, *channels)):
                legs = _legs_clear(runs[axis], c)
                if legs is not False:
                    scored.append((_z_cost(a, b, axis, c, da, db, m) + penalty, i, axis, c, legs))
            scored.sort(key=lambda z: z[:2])
            for cost, _, axis, c, legs in scored:
                if best is not None and cost >= best[0]:
                    break
                if self._z_clear(a, b, axis, c, legs is None):
                    best = (cost, s_side, t_side, p, q, a, b, axis, c)
                    break
        if best is None:
            return None
        _, s_side, t_side, p, q, a, b, axis, c = best
        return Route(_simplify(_z_points(p, a, b, q, axis, c)), s_side, t_side)

    def _runs(self, a: Point, b: Point, axis: int) -> tuple[float, float, tuple[float, float], tuple[float, float]]:
        """How far the lines through the stubs ``a`` and ``b`` along ``axis`` (0: x) are
        free, looked at within the ends' span and :data:`_RUN_REACH` beyond: the window
        looked at, and the free stretch of each line."""
        lo = min(a[axis], b[axis]) - _RUN_REACH
        hi = max(a[axis], b[axis]) + _RUN_REACH
        inflate = self.clearance - 0.5
        at_a, at_b = (self.index.free_run(axis, e[1 - axis], e[axis], lo, hi, inflate) for e in (a, b))
        return lo, hi, at_a, at_b

    def _z_clear(self, a: Point, b: Point, axis: int, c: float, check_legs: bool) -> bool:
        """Whether the Z from stub ``a`` to stub ``b`` with its middle segment on the line
        ``c`` (``axis`` 0: a vertical line x = c) passes no card; its legs on the lines
        through the stubs are known to be clear unless ``check_legs``."""
        hit = self.index.segment_hit
        inflate = self.clearance - 0.5
        (ax, ay), (bx, by) = a, b
        if axis == 0:
            legs = ((ax, ay, c, ay), (c, by, bx, by))
            middle = (c, ay, c, by)
        else:
            legs = ((ax, ay, ax, c), (bx, c, bx, by))
            middle = (ax, c, bx, c)
        if check_legs and any(hit(*leg, inflate) is not None for leg in legs):
            return False
        return hit(*middle, inflate) is None

    def _channels(self, s: Rect, t: Rect) -> tuple[list[float], list[float], list[float], list[float]]:
        """Lines a middle segment may take between two cards: beside the cards near them
        (x, then y), and around the block of cards between them (x, then y). A feedback
        link gets no lines between the block's rows: it goes around, not through."""
        m = self.clearance
        cards = self.index.cards
        backward = t.right + 2 * m <= s.x
        near_x: set[float] = set()
        near_y: set[float] = set()
        box = (min(s.x, t.x) - m, min(s.y, t.y) - m, max(s.right, t.right) + m, max(s.bottom, t.bottom) + m)
        if _far(s, t):  # the channels by either end
            reach = _NEAR_REACH
            near = self.index.in_box(s.x - reach, s.y - reach, s.right + reach, s.bottom + reach)
            near += self.index.in_box(t.x - reach, t.y - reach, t.right + reach, t.bottom + reach)
        else:
            near = self.index.in_box(*box)
        for cid in near:
            r = cards[cid]
            near_x.update((r.x - m, r.right + m))
            if not backward:
                near_y.update((r.y - m, r.bottom + m))
        top, bottom = self._block(min(s.x, t.x), max(s.right, t.right), min(s.y, t.y), max(s.bottom, t.bottom), 1)
        around_y = [top - m, bottom + m]
        around_x: list[float] = []
        if s.x < t.right and t.x < s.right:  # one above the other: around on the left or right too
            left, right = self._block(min(s.y, t.y), max(s.bottom, t.bottom), min(s.x, t.x), max(s.right, t.right), 0)
            around_x = [left - m, right + m]
        return sorted(near_x), sorted(near_y), around_x, around_y

    def _block(self, lo: float, hi: float, start_lo: float, start_hi: float, axis: int) -> tuple[float, float]:
        """The extent along ``axis`` (1: y, 0: x) of the block of cards lying across
        [lo, hi] on the other axis, grown from [start_lo, start_hi] over gaps narrower
        than :data:`BLOCK_GAP` (in at most ``_BLOCK_STEPS`` steps)."""
        a, b = start_lo, start_hi
        g = BLOCK_GAP
        extent = self.index.extent
        low, high = a, b  # grow from the strips just outside what is known
        for _ in range(_BLOCK_STEPS):
            if axis == 1:
                na = min(a, extent(lo, a - g, hi, low, 1)[0])
                nb = max(b, extent(lo, high, hi, b + g, 1)[1])
            else:
                na = min(a, extent(a - g, lo, low, hi, 0)[0])
                nb = max(b, extent(high, lo, b + g, hi, 0)[1])
            if na == a and nb == b:
                break
            low, high, a, b = a, b, na, nb
        return a, b

    def clear(self, pts: Sequence[Point], source: str, target: str, segments: range | None = None) -> bool:
        """Whether no segment (of those in ``segments``, default all) passes through a
        card; the first and last, the stubs at the ports, may touch their own card."""
        hit = self.index.segment_hit
        inflate = self.clearance - 0.5
        last = len(pts) - 2
        for i in segments if segments is not None else range(last + 1):
            (x1, y1), (x2, y2) = pts[i], pts[i + 1]
            if x1 == x2 and y1 == y2:
                continue
            skip = (source,) if i == 0 else (target,) if i == last else ()
            if hit(x1, y1, x2, y2, inflate, skip) is not None:
                return False
        return True

    def room(self, axis: int, coord: float, lo: float, hi: float) -> tuple[float, float]:
        """Between which coordinates a middle segment on the line ``coord`` spanning
        [lo, hi] may lie and keep the clearance (looking a few lanes either way)."""
        return self.index.free_range(axis, coord, lo, hi, (MAX_LANES + 1) * LANE, self.clearance - 0.5)

    def _fallback(self, link: LinkEnds) -> Route:
        cards = self.index.cards
        s, t = cards[link.source], cards[link.target]
        p, q = s.side_centre("right"), t.side_centre("left")
        a, b = _stub(p, "right", self.clearance), _stub(q, "left", self.clearance)
        return Route(_simplify(_z_horizontal(p, a, b, q, (a[0] + b[0]) / 2)), "right", "left")


def _stub(p: Point, side: Side, length: float) -> Point:
    nx, ny = NORMAL[side]
    return (p[0] + nx * length, p[1] + ny * length)


def _z_horizontal(p: Point, a: Point, b: Point, q: Point, x: float) -> list[Point]:
    return [p, a, (x, a[1]), (x, b[1]), b, q]


def _far(s: Rect, t: Rect) -> bool:
    """Whether two cards are so far apart that the box between them holds too much to
    search through (then only what lies near either end is looked at)."""
    return (max(s.right, t.right) - min(s.x, t.x)) * (max(s.bottom, t.bottom) - min(s.y, t.y)) > _NEAR_AREA


def _nearest(values: list[float], around: float, n: int) -> list[float]:
    return sorted(values, key=lambda v: abs(v - around))[:n]


def _middles(
    a: Point,
    b: Point,
    near_x: list[float],
    near_y: list[float],
    around_x: list[float],
    around_y: list[float],
) -> list[tuple[int, float]]:
    """The lines (axis 0: vertical x = c, 1: horizontal y = c) a candidate Z between the
    stubs ``a`` and ``b`` may have its middle segment on: the two Ls (a Z whose middle
    starts or ends at a stub), the channels nearest half-way, and around the block of
    cards between the ends (a U)."""
    mid_x, mid_y = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    xs = {mid_x, a[0], b[0], *around_x, *_nearest(near_x, mid_x, _CHANNELS)}
    ys = {mid_y, a[1], b[1], *around_y, *_nearest(near_y, mid_y, _CHANNELS)}
    return [(0, b[0]), (0, a[0])] + [(0, x) for x in sorted(xs)] + [(1, y) for y in sorted(ys)]


def _legs_clear(runs: tuple[float, float, tuple[float, float], tuple[float, float]], c: float) -> bool | None:
    """Whether the legs of a Z from the stubs to its middle line ``c`` are clear, by the
    free stretches ``runs`` of their lines (see ``LinkRouter._runs``); None when a leg
    reaches beyond the window looked at and is free up to its edge."""
    lo, hi, *stretches = runs
    unknown = False
    for low, high in stretches:
        if low <= c <= high:
            continue
        if (c < low and low > lo) or (c > high and high < hi):
            return False
        unknown = True
    return None if unknown else True


def _z_points(p: Point, a: Point, b: Point, q: Point, axis: int, c: float) -> list[Point]:
    if axis == 0:
        return _z_horizontal(p, a, b, q, c)
    return [p, a, (a[0], c), (b[0], c), b, q]


def _z_cost(a: Point, b: Point, axis: int, c: float, da: Point, db: Point, stub: float) -> float:
    """What a candidate costs — its length plus :data:`BEND_COST` per bend (a reversal
    counts as two) — for the Z from stub ``a`` (left heading ``da``) to stub ``b``
    (entered heading ``db``) through the line ``c``, without making its points."""
    (ax, ay), (bx, by) = a, b
    if axis == 0:
        legs = ((c - ax, 0.0), (0.0, by - ay), (bx - c, 0.0))
    else:
        legs = ((0.0, c - ay), (bx - ax, 0.0), (0.0, by - c))
    length = 2 * stub
    bends = 0
    px, py = da
    for dx, dy in legs:
        if dx or dy:
            length += abs(dx) + abs(dy)
            sx, sy = (dx > 0) - (dx < 0), (dy > 0) - (dy < 0)
            bends += _turn(px, py, sx, sy)
            px, py = sx, sy
    return length + BEND_COST * (bends + _turn(px, py, *db))


def _turn(px: float, py: float, sx: float, sy: float) -> int:
    """Bends between two unit headings: none, one, or two for a reversal."""
    if sx == px and sy == py:
        return 0
    return 2 if (sx == -px and sy == -py) else 1


def _self_loop(r: Rect, m: float) -> Route:
    p, q = r.side_centre("right"), r.side_centre("top")
    points = (p, (r.right + 2 * m, p[1]), (r.right + 2 * m, r.y - 2 * m), (q[0], r.y - 2 * m), q)
    return Route(points, "right", "top")


def _min_bends(a: Point, s_side: Side, b: Point, t_side: Side) -> int:
    """The fewest bends any route from stub ``a`` (heading out of ``s_side``) to stub
    ``b`` (heading into its card through ``t_side``) can have."""
    sx, sy = NORMAL[s_side]
    tx, ty = -NORMAL[t_side][0], -NORMAL[t_side][1]
    vx, vy = b[0] - a[0], b[1] - a[1]
    ahead = vx * sx + vy * sy
    if (sx, sy) == (tx, ty):
        if ahead > 0 and vx * sy - vy * sx == 0:
            return 0
        return 2 if ahead > 0 else 4
    if (sx, sy) == (-tx, -ty):
        return 2
    return 1 if ahead >= 0 and vx * tx + vy * ty >= 0 else 3


def _simplify(pts: Sequence[Point]) -> tuple[Point, ...]:
    """Without repeated points and without points in the middle of a straight run."""
    out: list[Point] = []
    for p in pts:
        if out and out[-1] == p:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (ax == bx == p[0]) or (ay == by == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)
