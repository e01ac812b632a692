"""UI layer: the canvas commands the main window's actions call on the view.

Select all, delete, copy/cut/paste/duplicate through the system clipboard, tidy-up, and
finding a free spot for a new card. Every change goes through the document controller as
one undoable step; selection is view state and is only set, never undone.
:class:`CanvasActions` is mixed into :class:`canvas.ui.canvas.view.DesignView`.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QPointF, QRectF, Qt
from PySide6.QtGui import QGuiApplication

from canvas.core.catalog import KINDS
from canvas.core.clipboard import copy_fragment, paste_fragment
from canvas.core.edits import MoveComponents
from canvas.ui.document import Document, named
from canvas.ui.canvas.items.component_item import ComponentItem
from canvas.ui.canvas.items.style import CARD_HEIGHT, CARD_WIDTH, GRID
from canvas.ui.canvas.mime import FRAGMENT_MIME

if TYPE_CHECKING:
    from canvas.ui.canvas.scene import DesignScene

#: How far each paste (and each duplicate) lands from its original: two grid steps.
PASTE_OFFSET = 2 * GRID
#: Clearance kept around a card placed by :meth:`CanvasActions.free_position_near`.
_CLEARANCE = 16.0


class CanvasActions:
    """Edit commands of the canvas; expects ``document``, ``design_scene`` and the view API."""

    document: Document
    design_scene: DesignScene
    _paste_source: str = ""
    _paste_count: int = 0

    if TYPE_CHECKING:  # provided by DesignView / QGraphicsView
        def _emit_status(self, text: str) -> None: ...
        def snap_point(self, x: float, y: float) -> tuple[float, float]: ...
        def visible_scene_rect(self) -> QRectF: ...
        def fit_rect(self, rect: QRectF) -> None: ...
        def fit_all(self) -> None: ...
        def viewport_centre_in_scene(self) -> QPointF: ...
        def centre_on_rect(self, rect: QRectF) -> None: ...

    # --- selection -----------------------------------------------------------------------
    def select_all(self) -> None:
        self.design_scene.select_all()

    def delete_selection(self) -> None:
        """Delete the selected components (with their links) and links, as one undo step."""
        comps, links = self.design_scene.selected_component_ids(), self.design_scene.selected_link_ids()
        if not comps and not links:
            return
        self.document.delete(comps, links)
        self._emit_status(_count_text(len(comps), len(links), "Deleted"))

    # --- clipboard -----------------------------------------------------------------------
    def copy_selection(self) -> bool:
        """Put the selected components and the links among them on the clipboard."""
        comps = self.design_scene.selected_component_ids()
        if not comps:
            self._emit_status("Select components to copy")
            return False
        fragment = copy_fragment(self.document.design, comps)
        text = json.dumps(fragment, ensure_ascii=False)
        mime = QMimeData()
        mime.setData(FRAGMENT_MIME, text.encode("utf-8"))
        mime.setText(text)
        QGuiApplication.clipboard().setMimeData(mime)
        self._paste_source, self._paste_count = text, 0
        self._emit_status(_count_text(len(comps), len(fragment["links"]), "Copied"))
        return True

    def cut_selection(self) -> None:
        if self.copy_selection():
            comps, links = self.design_scene.selected_component_ids(), self.design_scene.selected_link_ids()
            self.document.delete(comps, links, verb="Cut")

    def can_paste(self) -> bool:
        """Whether the clipboard holds components of ours."""
        mime = QGuiApplication.clipboard().mimeData()
        return mime is not None and mime.hasFormat(FRAGMENT_MIME)

    def paste(self, at: QPointF | None = None) -> list[str]:
        """Paste the clipboard's components with new ids; each repeated paste lands further
        off, or, given ``at`` (a scene position: the context menu's Paste Here), with the
        fragment's top-left card there. The pasted components become the selection.
        Returns their ids."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not mime.hasFormat(FRAGMENT_MIME):
            self._emit_status("The clipboard holds no ML System Canvas components")
            return []
        text = bytes(mime.data(FRAGMENT_MIME).data()).decode("utf-8", errors="replace")
        if text != self._paste_source:
            self._paste_source, self._paste_count = text, 0
        try:
            fragment = json.loads(text)
            offset = PASTE_OFFSET * (self._paste_count + 1)
            shift = (offset, offset) if at is None else self._shift_to(fragment, at)
            batch, new_ids = paste_fragment(self.document.design, fragment, shift)
        except (ValueError, TypeError, KeyError) as exc:  # pydantic's ValidationError is a ValueError
            self._emit_status(f"Cannot paste: {str(exc).splitlines()[0]}")
            return []
        if not new_ids:
            return []
        self._paste_count += 1
        batch.text = f"Paste {named([str(c.get('label', '')) for c in fragment.get('components', [])])}"
        self.document.apply(batch)
        self._show_new(new_ids, "Pasted")
        return new_ids

    def _shift_to(self, fragment: dict[str, Any], at: QPointF) -> tuple[float, float]:
        """The offset that puts the fragment's top-left card at ``at`` (snapped if snap is on)."""
        cards = fragment.get("components") or []
        if not cards:
            return 0.0, 0.0
        left = min(float(c["position"]["x"]) for c in cards)
        top = min(float(c["position"]["y"]) for c in cards)
        x, y = self.snap_point(at.x(), at.y())
        return x - left, y - top

    def duplicate(self) -> list[str]:
        """Copy the selection in place (offset), without touching the clipboard."""
        comps = self.design_scene.selected_component_ids()
        if not comps:
            return []
        fragment = copy_fragment(self.document.design, comps)
        batch, new_ids = paste_fragment(self.document.design, fragment, (PASTE_OFFSET, PASTE_OFFSET))
        batch.text = f"Duplicate {self.document.describe(comps)}"
        self.document.apply(batch)
        self._show_new(new_ids, "Duplicated")
        return new_ids

    def _show_new(self, new_ids: list[str], verb: str) -> None:
        self.design_scene.select_ids(new_ids)
        rect = self._ids_rect(new_ids)
        if not self.visible_scene_rect().contains(rect):
            self.centre_on_ids(new_ids)
        self._emit_status(_count_text(len(new_ids), 0, verb))

    # --- placing and arranging -----------------------------------------------------------
    def centre_on_ids(self, component_ids: list[str]) -> None:
        """Scroll (and zoom out if needed, never in past 100 %) to show these components."""
        rect = self._ids_rect(component_ids)
        if rect.isNull():
            return
        visible = self.visible_scene_rect()
        if rect.width() > visible.width() * 0.95 or rect.height() > visible.height() * 0.95:
            self.fit_rect(rect)
        else:
            self.centre_on_rect(rect)

    def _ids_rect(self, component_ids: list[str]) -> QRectF:
        rect = QRectF()
        for cid in component_ids:
            item = self.design_scene.component_item(cid)
            if item is not None:
                rect = rect.united(item.sceneBoundingRect())
        return rect

    def tidy_up(self) -> None:
        """Lay the design out left to right by flow, as one undoable move."""
        design = self.document.design
        from canvas.core.layout import tidy_layout  # networkx: imported on first use, not at start-up

        positions = tidy_layout(design)
        moves = {
            cid: ((c.position.x, c.position.y), positions[cid])
            for cid, c in design.components.items()
            if cid in positions and (c.position.x, c.position.y) != positions[cid]
        }
        if not moves:
            self._emit_status("The design is already tidy")
            return
        self.document.apply(MoveComponents(moves, text="Tidy up"))
        self.fit_all()
        self._emit_status(f"Tidied up {len(moves)} components")

    def free_position_near(self, point: QPointF) -> QPointF:
        """The model position (top-left corner) of a card centred as near ``point`` as
        possible without overlapping another card; pass it to ``Document.add_component``."""
        x0, y0 = self.snap_point(point.x() - CARD_WIDTH / 2, point.y() - CARD_HEIGHT / 2)
        step = 2 * GRID
        for ring in range(0, 60):
            span = range(-ring, ring + 1)
            cells = [(i, j) for i in span for j in span if max(abs(i), abs(j)) == ring]
            cells.sort(key=lambda c: math.hypot(c[0] * step, c[1] * step * 1.5))
            for i, j in cells:
                x, y = x0 + i * step, y0 + j * step
                if self._is_free(x, y):
                    return QPointF(x, y)
        return QPointF(x0, y0)

    def _is_free(self, x: float, y: float) -> bool:
        rect = QRectF(x - _CLEARANCE, y - _CLEARANCE, CARD_WIDTH + 2 * _CLEARANCE, CARD_HEIGHT + 2 * _CLEARANCE)
        for item in self.design_scene.items(rect, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if isinstance(item, ComponentItem):
                return False
        return True

    def add_component_at_centre(self, kind: str) -> str:
        """Add a ``kind`` card at a free spot near the middle of the view; returns its id."""
        p = self.free_position_near(self.viewport_centre_in_scene())
        cid = self.document.add_component(kind, p.x(), p.y())
        self.design_scene.select_ids([cid])
        if not self.visible_scene_rect().contains(self._ids_rect([cid])):
            self.centre_on_ids([cid])
        self._emit_status(f"Added {KINDS[kind].short_label}" if kind in KINDS else "Added a component")
        return cid


def _count_text(components: int, links: int, verb: str) -> str:
    parts = [f"{components} component{'s' if components != 1 else ''}"] if components else []
    if links:
        parts.append(f"{links} link{'s' if links != 1 else ''}")
    return f"{verb} {' and '.join(parts)}" if parts else verb
