"""Core layer: what the link router works with — link ends, routes, the cards as obstacles.

Kept apart from ``routing.py`` so the passes that space routes out (``route_ports.py``,
``route_lanes.py``) share these types without importing the router itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from canvas.core.geometry import Point, Side


class LinkEnds(NamedTuple):
    """What the router needs of a link: its id and the ids of its two cards."""

    id: str
    source: str
    target: str


@dataclass(frozen=True, slots=True)
class Route:
    """A link's path: ``points`` from the source's border to the target's border (the
    arrow tip), every segment horizontal or vertical; the sides the ends sit on."""

    points: tuple[Point, ...]
    source_side: Side
    target_side: Side

    def with_points(self, points: Sequence[Point]) -> Route:
        return Route(tuple(points), self.source_side, self.target_side)


class Obstacles(Protocol):
    """What spacing routes out needs to know of the cards (the router answers)."""

    def clear(self, pts: Sequence[Point], source: str, target: str, segments: range | None = None) -> bool:
        """Whether those segments of the polyline (default all) pass no card; the first
        and last, the stubs at the ports, may touch their own card."""
        ...

    def room(self, axis: int, coord: float, lo: float, hi: float) -> tuple[float, float]:
        """Between which coordinates a segment on the line ``coord`` (``axis`` 0: a
        vertical line x = coord) spanning [lo, hi] may lie and still pass no card."""
        ...
