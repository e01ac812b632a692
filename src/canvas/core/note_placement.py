"""Core layer: where notes go when Tidy Up moves the cards, Qt-free.

A note usually explains the cards next to it, so it follows the card nearest to it: it
keeps its offset from that card. Where that lands it on a card (or on a note placed
before it), it takes the nearest free spot on the grid instead. Notes far from any moved
card stay where they are.
"""

from __future__ import annotations

import math

from canvas.core.geometry import CardIndex, Rect, rects_overlap
from canvas.core.layering import GRID, snap
from canvas.core.layout import CARD_HEIGHT, CARD_WIDTH, Positions
from canvas.core.model import Design

#: Room kept between a note and a card it was moved off.
_GAP = GRID
#: How far (in grid steps) a free spot is looked for around where the note would go.
_SEARCH_RINGS = 60


def place_notes(design: Design, positions: Positions) -> Positions:
    """New top-left corners for the notes that should move when the components move to
    ``positions`` (component id -> top-left); notes that stay are left out."""
    if not design.notes or not positions:
        return {}
    before = {cid: (c.position.x, c.position.y) for cid, c in design.components.items()}
    after = {**before, **positions}
    cards = CardIndex({cid: Rect(x, y, CARD_WIDTH, CARD_HEIGHT) for cid, (x, y) in after.items()}, reach=_GAP)
    placed: list[Rect] = []
    out: Positions = {}
    for nid, note in design.notes.items():
        x, y, w, h = note.position.x, note.position.y, note.size.width, note.size.height
        nearest = _nearest_card(before, x + w / 2, y + h / 2)
        if nearest is not None:
            (ox, oy), (nx_, ny) = before[nearest], after[nearest]
            x, y = x + nx_ - ox, y + ny - oy
        x, y = _free_spot(cards, placed, x, y, w, h)
        placed.append(Rect(x, y, w, h))
        if (x, y) != (note.position.x, note.position.y):
            out[nid] = (x, y)
    return out


def _nearest_card(cards: Positions, cx: float, cy: float) -> str | None:
    """The card whose centre is nearest (cx, cy)."""
    best, best_d = None, math.inf
    for cid, (x, y) in cards.items():
        d = math.hypot(x + CARD_WIDTH / 2 - cx, y + CARD_HEIGHT / 2 - cy)
        if d < best_d:
            best, best_d = cid, d
    return best


def _free_spot(cards: CardIndex, notes: list[Rect], x: float, y: float, w: float, h: float) -> tuple[float, float]:
    """(x, y), or the nearest grid point from it where a w x h note touches no card and no
    note placed before it."""

    def free(px: float, py: float) -> bool:
        if cards.in_box(px - _GAP, py - _GAP, px + w + _GAP, py + h + _GAP):
            return False
        here = Rect(px, py, w, h)
        return not any(rects_overlap(here, other, _GAP) for other in notes)

    if free(x, y):
        return x, y
    x0, y0 = snap(x), snap(y)
    for ring in range(1, _SEARCH_RINGS):
        spots = [(i, j) for i in range(-ring, ring + 1) for j in range(-ring, ring + 1) if max(abs(i), abs(j)) == ring]
        spots.sort(key=lambda s: (math.hypot(s[0], s[1]), s))
        for i, j in spots:
            px, py = x0 + i * GRID, y0 + j * GRID
            if free(px, py):
                return px, py
    return x, y
