"""Core layer: where notes go when Tidy Up moves the cards, Qt-free.

A note usually explains the cards next to it, so it follows the card nearest to it: it
keeps its offset from that card. Where that lands it on a card (or on a note placed
before it), it takes the nearest free spot on the grid instead, or, in a layout too dense
for one nearby, a spot just below the cards. A note whose nearest card did not move stays
where it is, unless a moved card now covers it.
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
_SEARCH_RINGS = 30


def place_notes(design: Design, positions: Positions) -> Positions:
    """New top-left corners for the notes that should move when the components move to
    ``positions`` (component id -> top-left); notes that stay are left out."""
    if not design.notes or not positions:
        return {}
    before = {cid: (c.position.x, c.position.y) for cid, c in design.components.items()}
    after = {**before, **positions}
    cards = CardIndex({cid: Rect(x, y, CARD_WIDTH, CARD_HEIGHT) for cid, (x, y) in after.items()}, reach=_GAP)
    bottom = max(y for _x, y in after.values()) + CARD_HEIGHT + 2 * _GAP
    moving: list[tuple[str, Rect]] = []
    placed: list[Rect] = []
    for nid, note in design.notes.items():
        x, y, w, h = note.position.x, note.position.y, note.size.width, note.size.height
        nearest = _nearest_card(before, x + w / 2, y + h / 2)
        if nearest is not None and after[nearest] != before[nearest]:
            (ox, oy), (nx_, ny) = before[nearest], after[nearest]
            moving.append((nid, Rect(x + nx_ - ox, y + ny - oy, w, h)))  # follows its card
        elif any(after[c] != before[c] for c in cards.in_box(x, y, x + w, y + h)):
            moving.append((nid, Rect(x, y, w, h)))  # a moved card now covers it
        else:
            placed.append(Rect(x, y, w, h))  # stays: the others keep off it
    out: Positions = {}
    for nid, wanted in moving:
        x, y = _free_spot(cards, placed, wanted, bottom)
        placed.append(Rect(x, y, wanted.w, wanted.h))
        note = design.notes[nid]
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


#: Grid offsets around a spot, nearest first.
_RINGS = sorted(
    ((i, j) for i in range(-_SEARCH_RINGS, _SEARCH_RINGS + 1) for j in range(-_SEARCH_RINGS, _SEARCH_RINGS + 1)),
    key=lambda s: (math.hypot(s[0], s[1]), s),
)


def _free_spot(cards: CardIndex, notes: list[Rect], wanted: Rect, bottom: float) -> tuple[float, float]:
    """``wanted``'s corner, or the nearest grid point from it where the note touches no card
    and no note placed before it; failing that, below the cards, clear of the notes."""
    w, h = wanted.w, wanted.h

    def free(px: float, py: float) -> bool:
        if cards.in_box(px - _GAP, py - _GAP, px + w + _GAP, py + h + _GAP):
            return False
        here = Rect(px, py, w, h)
        return not any(rects_overlap(here, other, _GAP) for other in notes)

    if free(wanted.x, wanted.y):
        return wanted.x, wanted.y
    x0, y0 = snap(wanted.x), snap(wanted.y)
    for i, j in _RINGS:
        if free(x0 + i * GRID, y0 + j * GRID):
            return x0 + i * GRID, y0 + j * GRID
    x, y = x0, snap(bottom)
    while not free(x, y):
        x += snap(w) + GRID
    return x, y
