"""Geometric checks shared by the routing and layout tests (core, no Qt)."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from pathlib import Path

from canvas.core.geometry import Point, Rect, segment_hits_rect
from canvas.core.model import Design
from canvas.core.routing import CLEARANCE, LinkEnds, Route
from canvas.io.load import load_design

CARD_W, CARD_H = 170.0, 64.0
TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "assets" / "templates").glob("*.json"))


def template(path: Path) -> Design:
    return load_design(path)


def cards_of(design: Design, positions: Mapping[str, tuple[float, float]] | None = None) -> dict[str, Rect]:
    out = {}
    for cid, c in design.components.items():
        x, y = positions[cid] if positions is not None else (c.position.x, c.position.y)
        out[cid] = Rect(x, y, CARD_W, CARD_H)
    return out


def ends_of(design: Design) -> list[LinkEnds]:
    return [LinkEnds(link.id, link.source, link.target) for link in design.links.values()]


def on_border(p: Point, r: Rect) -> bool:
    x, y = p
    on_vertical = x in (r.x, r.right) and r.y <= y <= r.bottom
    on_horizontal = y in (r.y, r.bottom) and r.x <= x <= r.right
    return on_vertical or on_horizontal


def route_problems(
    cards: Mapping[str, Rect], links: Sequence[LinkEnds], routes: Mapping[str, Route], margin: float = CLEARANCE - 1
) -> list[str]:
    """Every way the routes break the rules: an end off its card's border, a slanted
    segment, a segment through a card (its own cards only at the stubs) closer than
    ``margin``."""
    problems = []
    for link in links:
        route = routes[link.id]
        pts = route.points
        if not on_border(pts[0], cards[link.source]) or not on_border(pts[-1], cards[link.target]):
            problems.append(f"{link.id}: an end is off its card's border")
        for i, (a, b) in enumerate(zip(pts, pts[1:], strict=False)):
            if a[0] != b[0] and a[1] != b[1]:
                problems.append(f"{link.id}: segment {i} is slanted")
            for cid, r in cards.items():
                own_stub = (i == 0 and cid == link.source) or (i == len(pts) - 2 and cid == link.target)
                if not own_stub and segment_hits_rect(*a, *b, r, margin):
                    problems.append(f"{link.id} ({link.source} -> {link.target}): segment {i} crosses {cid}")
    return problems


def overlapping_segments(routes: Mapping[str, Route]) -> list[tuple[str, str]]:
    """Pairs of links with collinear segments overlapping by more than 1 unit."""
    lines: dict[tuple[int, float], list[tuple[float, float, str]]] = {}
    for lid, route in routes.items():
        for a, b in zip(route.points, route.points[1:], strict=False):
            if a[0] == b[0] and a[1] != b[1]:
                lines.setdefault((0, a[0]), []).append((min(a[1], b[1]), max(a[1], b[1]), lid))
            elif a[1] == b[1] and a[0] != b[0]:
                lines.setdefault((1, a[1]), []).append((min(a[0], b[0]), max(a[0], b[0]), lid))
    found = []
    for segs in lines.values():
        for i, (lo, hi, lid) in enumerate(segs):
            for lo2, hi2, lid2 in segs[i + 1 :]:
                if lid != lid2 and lo < hi2 - 1 and lo2 < hi - 1:
                    found.append((lid, lid2))
    return found


def crossings(routes: Mapping[str, Route]) -> int:
    """How many times a horizontal segment of one link crosses a vertical one of another
    (inside both, not at an end)."""
    horizontal: list[tuple[float, float, float, str]] = []
    vertical: list[tuple[float, float, float, str]] = []
    for lid, route in routes.items():
        for a, b in zip(route.points, route.points[1:], strict=False):
            if a[1] == b[1] and a[0] != b[0]:
                horizontal.append((a[1], min(a[0], b[0]), max(a[0], b[0]), lid))
            elif a[0] == b[0] and a[1] != b[1]:
                vertical.append((a[0], min(a[1], b[1]), max(a[1], b[1]), lid))
    horizontal.sort()
    levels = [h[0] for h in horizontal]
    count = 0
    for x, y1, y2, lid in vertical:
        for k in range(bisect.bisect_right(levels, y1), bisect.bisect_left(levels, y2)):
            _, x1, x2, other = horizontal[k]
            if other != lid and x1 < x < x2:
                count += 1
    return count
