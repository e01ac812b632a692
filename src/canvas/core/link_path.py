"""Core layer: how a routed link is drawn — its corner points turned into path steps.

The router (``routing.py``) gives corner points only. This turns them into the steps of a
path — straight lines, quadratic corners, one cubic — that the GUI replays on a
``QPainterPath`` (``lineTo`` / ``quadTo`` / ``cubicTo``) and that an SVG or PDF export can
write as is, so both draw the same link:

* ``"orthogonal"`` (the default look): straight segments with corners rounded by
  ``radius`` (less where a segment is too short for it);
* ``"curved"`` (a per-design choice): a short forward link that is a plain Z becomes one
  cubic with horizontal ends, as links were drawn before routing; any other route is
  smoothed through its corners (each corner a quadratic control point, joined at the
  segments' middles), which stays inside the corridor the route keeps clear.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from canvas.core.geometry import Point

LinkStyle = Literal["orthogonal", "curved"]
#: ``("L", x, y)`` line to, ``("Q", cx, cy, x, y)`` quadratic, ``("C", c1x, c1y, c2x, c2y, x, y)`` cubic.
PathStep = tuple[float | str, ...]

#: The corner radius of the orthogonal look.
CORNER_RADIUS = 8.0


def path_steps(
    points: Sequence[Point], style: LinkStyle = "orthogonal", radius: float = CORNER_RADIUS
) -> list[PathStep]:
    """The steps drawing the route ``points`` after a move to ``points[0]``."""
    if len(points) < 2:
        return []
    if style == "curved":
        if (
            len(points) == 4
            and points[0][1] == points[1][1]
            and points[2][1] == points[3][1]
            and points[3][0] > points[0][0]
        ):
            (sx, sy), (mx, _), _, (tx, ty) = points
            return [("C", mx, sy, mx, ty, tx, ty)]
        return _corners(points, math.inf)
    return _corners(points, radius)


def _corners(points: Sequence[Point], radius: float) -> list[PathStep]:
    """Lines between the points, each corner cut by a quadratic of up to ``radius``
    (never more than half of either segment at it, so neighbouring corners do not meet)."""
    steps: list[PathStep] = []
    for i in range(1, len(points) - 1):
        (ax, ay), (bx, by), (cx, cy) = points[i - 1], points[i], points[i + 1]
        d_in, d_out = abs(bx - ax) + abs(by - ay), abs(cx - bx) + abs(cy - by)
        r = min(radius, d_in / 2, d_out / 2)
        if r <= 0:
            continue
        ux, uy = (bx - ax) / d_in, (by - ay) / d_in
        vx, vy = (cx - bx) / d_out, (cy - by) / d_out
        steps.append(("L", bx - ux * r, by - uy * r))
        steps.append(("Q", bx, by, bx + vx * r, by + vy * r))
    steps.append(("L", *points[-1]))
    return steps


def point_at_half(points: Sequence[Point]) -> Point:
    """The point half-way along the polyline (where a link's label goes)."""
    lengths = [abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in zip(points, points[1:], strict=False)]
    left = sum(lengths) / 2
    for (a, b), length in zip(zip(points, points[1:], strict=False), lengths, strict=True):
        if left <= length and length > 0:
            t = left / length
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        left -= length
    return points[-1]
