"""UI layer: the Arrange menu's commands — Tidy Up Selection, Align and Distribute.

View ▸ Alignment Guides (:attr:`ArrangeActions.guides_action`) turns the snapping guides of
a drag on and off (:mod:`canvas.ui.canvas.align_guides`). Each command reads the selected
cards' rectangles from their items (a card's size is the
item's), works out new top-left corners with the plain functions :func:`aligned` and
:func:`distributed`, and makes them one undoable ``MoveComponents`` through the document
controller (:func:`apply_positions`, which Tidy Up uses too). Tidy Up lays the design out
towards the view's shape (:func:`view_aspect`).

:class:`ArrangeActions` is an object the view owns (``view.arrange_actions``), like the
canvas actions; the main window puts its actions in the Arrange menu.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Literal, Protocol

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QAction

from canvas.core.edits import MoveComponents
from canvas.core.geometry import Rect
from canvas.ui.actions import make_action, make_toggle
from canvas.ui.canvas.scene import DesignScene
from canvas.ui.document import Document

Alignment = Literal["left", "centre", "right", "top", "middle", "bottom"]
Positions = dict[str, tuple[float, float]]

_ALIGN_TEXT: dict[Alignment, str] = {
    "left": "Align &Left Edges",
    "centre": "Align &Centres",
    "right": "Align &Right Edges",
    "top": "Align &Top Edges",
    "middle": "Align &Middles",
    "bottom": "Align &Bottom Edges",
}


class ArrangeView(Protocol):
    """What arranging needs of the view it acts in."""

    @property
    def design_scene(self) -> DesignScene: ...

    @property
    def document(self) -> Document: ...

    def show_status(self, text: str) -> None: ...

    def visible_scene_rect(self) -> QRectF: ...

    def centre_on_ids(self, component_ids: list[str]) -> None: ...


def aligned(rects: Mapping[str, Rect], how: Alignment) -> Positions:
    """Top-left corners that line the cards up on the selection's left, centre or right
    (``top``, ``middle``, ``bottom``: on its top, middle or bottom); the other axis stays."""
    left, right = min(r.x for r in rects.values()), max(r.right for r in rects.values())
    top, bottom = min(r.y for r in rects.values()), max(r.bottom for r in rects.values())
    cx, cy = (left + right) / 2, (top + bottom) / 2
    place = {
        "left": lambda r: (left, r.y),
        "centre": lambda r: (cx - r.w / 2, r.y),
        "right": lambda r: (right - r.w, r.y),
        "top": lambda r: (r.x, top),
        "middle": lambda r: (r.x, cy - r.h / 2),
        "bottom": lambda r: (r.x, bottom - r.h),
    }[how]
    return {cid: place(r) for cid, r in rects.items()}


def distributed(rects: Mapping[str, Rect], axis: int) -> Positions:
    """Top-left corners with equal gaps between neighbouring cards along ``axis`` (0: x,
    1: y); the first and the last card (by their centres) stay where they are."""
    order = sorted(
        rects, key=lambda cid: (rects[cid].cx, rects[cid].cy) if axis == 0 else (rects[cid].cy, rects[cid].cx)
    )
    if len(order) < 3:
        return {cid: (rects[cid].x, rects[cid].y) for cid in order}
    first, last = rects[order[0]], rects[order[-1]]
    sizes = [rects[cid].w if axis == 0 else rects[cid].h for cid in order]
    start, end = (first.x, last.right) if axis == 0 else (first.y, last.bottom)
    gap = (end - start - sum(sizes)) / (len(order) - 1)
    out: Positions = {}
    at = start
    for cid, size in zip(order, sizes, strict=True):
        r = rects[cid]
        out[cid] = (at, r.y) if axis == 0 else (r.x, at)
        at += size + gap
    return out


def view_aspect(view: ArrangeView) -> float:
    """Width over height of what the view shows (what Tidy Up aims the drawing at)."""
    visible = view.visible_scene_rect()
    return max(0.2, min(5.0, visible.width() / max(visible.height(), 1.0)))


def apply_positions(document: Document, positions: Positions, text: str, notes: bool = False) -> int:
    """Move the components to ``positions`` as one undo step named ``text``; returns how
    many moved (none: nothing is pushed). ``notes``: the notes follow the cards near them
    and are kept off the cards (Tidy Up)."""
    design = document.design
    comps = design.components
    moves = {
        cid: ((comps[cid].position.x, comps[cid].position.y), xy)
        for cid, xy in positions.items()
        if cid in comps and (comps[cid].position.x, comps[cid].position.y) != xy
    }
    note_moves = {}
    if notes and moves:
        from canvas.core.note_placement import place_notes

        note_moves = {
            nid: ((design.notes[nid].position.x, design.notes[nid].position.y), xy)
            for nid, xy in place_notes(design, positions).items()
        }
    if moves:
        document.apply(MoveComponents(moves, text=text, note_moves=note_moves))
    return len(moves)


class ArrangeActions(QObject):
    """Tidy Up Selection, Align and Distribute for one canvas view, with their actions."""

    def __init__(self, view: ArrangeView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.tidy_selection_action = make_action(self, "Tidy Up &Selection", self.tidy_selection, "Ctrl+Shift+L")
        self.align_actions: dict[Alignment, QAction] = {
            how: make_action(self, text, partial(self.align, how)) for how, text in _ALIGN_TEXT.items()
        }
        self.distribute_horizontally_action = make_action(self, "Distribute &Horizontally", lambda: self.distribute(0))
        self.distribute_vertically_action = make_action(self, "Distribute &Vertically", lambda: self.distribute(1))
        self.guides_action = make_toggle(self, "Alignment &Guides", self._set_guides)
        self.guides_action.setChecked(True)

    def all_actions(self) -> list[QAction]:
        return [
            self.tidy_selection_action,
            *self.align_actions.values(),
            self.distribute_horizontally_action,
            self.distribute_vertically_action,
        ]

    def _set_guides(self, on: bool) -> None:
        self.view.design_scene.guides.enabled = on

    def _selected_rects(self) -> dict[str, Rect]:
        scene = self.view.design_scene
        out = {}
        for cid in scene.selected_component_ids():
            item = scene.component_item(cid)
            if item is not None:
                r: QRectF = item.card_rect()
                out[cid] = Rect(r.x(), r.y(), r.width(), r.height())
        return out

    def tidy_selection(self) -> None:
        """Lay out only the selected components, where they were, as one undo step."""
        chosen = self.view.design_scene.selected_component_ids()
        if len(chosen) < 2:
            self.view.show_status("Select two or more components to tidy up")
            return
        from canvas.core.layout import tidy_layout  # networkx: imported on first use

        positions = tidy_layout(self.view.document.design, aspect=view_aspect(self.view), only=chosen)
        moved = apply_positions(self.view.document, positions, f"Tidy up {len(chosen)} components", notes=True)
        self.view.show_status(f"Tidied up {moved} components" if moved else "The selection is already tidy")
        if moved:
            self.view.centre_on_ids(chosen)

    def align(self, how: Alignment) -> None:
        rects = self._selected_rects()
        if len(rects) < 2:
            self.view.show_status("Select two or more components to align")
            return
        text = _ALIGN_TEXT[how].replace("&", "")
        moved = apply_positions(self.view.document, aligned(rects, how), text)
        self.view.show_status(f"{text}: {moved} moved" if moved else "Already aligned")

    def distribute(self, axis: int) -> None:
        rects = self._selected_rects()
        if len(rects) < 3:
            self.view.show_status("Select three or more components to distribute")
            return
        text = "Distribute horizontally" if axis == 0 else "Distribute vertically"
        moved = apply_positions(self.view.document, distributed(rects, axis), text)
        self.view.show_status(f"{text}: {moved} moved" if moved else "Already evenly spaced")
