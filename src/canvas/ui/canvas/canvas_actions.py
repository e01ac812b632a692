"""UI layer: the canvas's commands and their actions — the one path from a shortcut to an edit.

Select all, delete, rename, copy/cut/paste/duplicate through the system clipboard, tidy-up,
zoom, and finding free space for a new card or a paste. Every change goes through the document controller
as one undoable step; selection is view state and is only set, never undone.

:class:`CanvasActions` is an object the view owns (``view.canvas_actions``). Its QActions
carry the shortcuts and are added to the view, so they work in the editor and in a view
on its own alike; the main window puts the same actions in its menus and toolbar.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any, Protocol

from PySide6.QtCore import QMimeData, QObject, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

from canvas.core.annotation_edits import AddGroup, AddNote
from canvas.core.catalog import KINDS
from canvas.core.clipboard import copy_fragment, paste_fragment
from canvas.core.edits import Batch
from canvas.ui.actions import make_action
from canvas.ui.canvas.arrange import apply_positions, view_aspect
from canvas.ui.canvas.items.component_item import ComponentItem
from canvas.ui.canvas.items.group_frame import GroupFrame
from canvas.ui.canvas.items.note_item import NoteItem
from canvas.ui.canvas.items.style import CARD_HEIGHT, CARD_WIDTH, GRID
from canvas.ui.canvas.mime import FRAGMENT_MIME
from canvas.ui.canvas.scene import DesignScene
from canvas.ui.document import Document, named

#: How far a duplicate (and a paste, unless the mouse is over the canvas) lands from its
#: original, at least: two grid steps, then on to the nearest free space.
PASTE_OFFSET = 2 * GRID
#: Clearance kept around a card placed by :meth:`CanvasActions.free_position_near`.
_CLEARANCE = 24.0
_KEYS = QKeySequence.StandardKey
#: While the canvas has focus only: Delete or Ctrl+A typed into the inspector edit the text.
_ON_CANVAS = Qt.ShortcutContext.WidgetWithChildrenShortcut


class CanvasView(Protocol):
    """What the canvas commands need of the view they act in."""

    @property
    def design_scene(self) -> DesignScene: ...

    @property
    def document(self) -> Document: ...

    def show_status(self, text: str) -> None: ...

    def snap_point(self, x: float, y: float) -> tuple[float, float]: ...

    def visible_scene_rect(self) -> QRectF: ...

    def viewport_centre_in_scene(self) -> QPointF: ...

    def pointer_scene_pos(self) -> QPointF | None: ...

    def start_rename(self, component_id: str) -> bool: ...

    def ids_rect(self, component_ids: Iterable[str]) -> QRectF: ...

    def centre_on_ids(self, component_ids: list[str]) -> None: ...

    def fit_all(self) -> None: ...

    def zoom_in(self) -> None: ...

    def zoom_out(self) -> None: ...

    def zoom_reset(self) -> None: ...


class CanvasActions(QObject):
    """The edit commands of one canvas view and the actions (with shortcuts) that call them."""

    def __init__(self, view: CanvasView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.cut_action = make_action(self, "Cu&t", self.cut_selection, _KEYS.Cut, "edit-cut", _ON_CANVAS)
        self.copy_action = make_action(self, "&Copy", self.copy_selection, _KEYS.Copy, "edit-copy", _ON_CANVAS)
        self.paste_action = make_action(self, "&Paste", self.paste, _KEYS.Paste, "edit-paste", _ON_CANVAS)
        self.duplicate_action = make_action(self, "D&uplicate", self.duplicate, "Ctrl+D", context=_ON_CANVAS)
        self.delete_action = make_action(
            self, "&Delete", self.delete_selection, [_KEYS.Delete, "Backspace"], "edit-delete", _ON_CANVAS
        )
        self.rename_action = make_action(self, "&Rename", self.rename_selected, "F2", context=_ON_CANVAS)
        self.select_all_action = make_action(
            self, "Select &All", self.select_all, _KEYS.SelectAll, "edit-select-all", _ON_CANVAS
        )
        self.zoom_in_action = make_action(self, "Zoom &In", view.zoom_in, [_KEYS.ZoomIn, "Ctrl+="], "zoom-in")
        self.zoom_out_action = make_action(self, "Zoom &Out", view.zoom_out, _KEYS.ZoomOut, "zoom-out")
        self.zoom_reset_action = make_action(self, "&Actual Size", view.zoom_reset, "Ctrl+0", "zoom-original")
        self.fit_action = make_action(self, "&Fit to Window", view.fit_all, ["Ctrl+1", "Ctrl+Shift+F"], "zoom-fit-best")
        self.tidy_action = make_action(self, "&Tidy Up", self.tidy_up, "Ctrl+L")

    def all_actions(self) -> list[QAction]:
        """Every action of the canvas (the view adds them to itself for their shortcuts)."""
        return [
            self.cut_action,
            self.copy_action,
            self.paste_action,
            self.duplicate_action,
            self.delete_action,
            self.rename_action,
            self.select_all_action,
            self.zoom_in_action,
            self.zoom_out_action,
            self.zoom_reset_action,
            self.fit_action,
            self.tidy_action,
        ]

    @property
    def _scene(self) -> DesignScene:
        return self.view.design_scene

    @property
    def _document(self) -> Document:
        return self.view.document

    # --- selection -----------------------------------------------------------------------
    def select_all(self) -> None:
        self._scene.select_all()

    def delete_selection(self) -> None:
        """Delete the selected components (with their links), links and notes, and dissolve
        the selected groups (their members stay), as one undo step."""
        scene = self._scene
        comps, links = scene.selected_component_ids(), scene.selected_link_ids()
        notes, groups = scene.selected_note_ids(), scene.selected_group_ids()
        if not comps and not links and not notes and not groups:
            return
        what = self._document.delete(comps, links, note_ids=notes, group_ids=groups)
        self.view.show_status(f"Deleted {what}")  # "Deleted 'Ranker' and 3 links"

    def rename_selected(self) -> bool:
        """Open the in-place rename box over the one selected card."""
        comps = self._scene.selected_component_ids()
        if len(comps) != 1:
            self.view.show_status("Select one component to rename it")
            return False
        return self.view.start_rename(comps[0])

    # --- clipboard -----------------------------------------------------------------------
    def copy_selection(self) -> bool:
        """Put the selected components, the links among them, the selected notes and the
        groups all of whose members are selected on the clipboard."""
        comps, notes = self._scene.selected_component_ids(), self._scene.selected_note_ids()
        if not comps and not notes:
            self.view.show_status("Select components or notes to copy")
            return False
        fragment = copy_fragment(self._document.design, comps, notes)
        text = json.dumps(fragment, ensure_ascii=False)
        mime = QMimeData()
        mime.setData(FRAGMENT_MIME, text.encode("utf-8"))
        mime.setText(text)
        QGuiApplication.clipboard().setMimeData(mime)
        self.view.show_status(_count_text(len(comps), len(fragment["links"]), "Copied", len(notes)))
        return True

    def cut_selection(self) -> None:
        if self.copy_selection():
            comps, links = self._scene.selected_component_ids(), self._scene.selected_link_ids()
            notes = self._scene.selected_note_ids()
            self.view.show_status(f"Cut {self._document.delete(comps, links, verb='Cut', note_ids=notes)}")

    def can_paste(self) -> bool:
        """Whether the clipboard holds components of ours."""
        mime = QGuiApplication.clipboard().mimeData()
        return mime is not None and mime.hasFormat(FRAGMENT_MIME)

    def paste(self, at: QPointF | None = None) -> list[str]:
        """Paste the clipboard's components with new ids, on free space: with the fragment's
        top-left card at ``at`` (a scene position: the context menu's Paste Here) or under
        the mouse when it is over the canvas, else just off the copied cards — in each case
        moved on to the nearest spot where the pasted cards cover no card. The pasted
        components become the selection. Returns their ids."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not mime.hasFormat(FRAGMENT_MIME):
            self.view.show_status("The clipboard holds no ML System Canvas components")
            return []
        text = bytes(mime.data(FRAGMENT_MIME).data()).decode("utf-8", errors="replace")
        try:
            fragment = json.loads(text)
            where = at if at is not None else self.view.pointer_scene_pos()
            batch, new_ids = paste_fragment(self._document.design, fragment, self._paste_shift(fragment, where))
        except (ValueError, TypeError, KeyError) as exc:  # pydantic's ValidationError is a ValueError
            self.view.show_status(f"Cannot paste: {str(exc).splitlines()[0]}")
            return []
        if not batch.edits:
            return []
        cards = fragment.get("components", [])
        batch.text = f"Paste {named([str(c.get('label', '')) for c in cards]) if cards else _notes_text(batch)}"
        self._document.apply(batch)
        self._show_new(new_ids, "Pasted", batch)
        return new_ids

    def _paste_shift(self, fragment: dict[str, Any], at: QPointF | None) -> tuple[float, float]:
        """How far to move the fragment's cards and notes so they land on free space: with
        their top-left corner at ``at``, or (``None``) just off where they are, then on to
        the nearest spot where they cover no card."""
        if not isinstance(fragment, dict):
            return 0.0, 0.0  # paste_fragment says what is wrong with it
        rects = [self._copied_card_rect(raw) for raw in fragment.get("components") or []]
        rects += [_copied_note_rect(raw) for raw in fragment.get("notes") or []]
        if not rects:
            return 0.0, 0.0  # nothing to place
        bounds = rects[0]
        for rect in rects[1:]:
            bounds = bounds.united(rect)
        if at is None:
            wanted = bounds.topLeft() + QPointF(PASTE_OFFSET, PASTE_OFFSET)
        else:
            wanted = QPointF(*self.view.snap_point(at.x(), at.y()))
        spot = self._free_spot(bounds.translated(wanted - bounds.topLeft()))
        return round(spot.x() - bounds.left()), round(spot.y() - bounds.top())

    def _copied_card_rect(self, raw: dict[str, Any]) -> QRectF:
        """A copied card's rectangle: its size is its original's when that is on the canvas."""
        item = self._scene.component_item(str(raw.get("id", "")))
        size = item.card_rect().size() if item is not None else QSizeF(CARD_WIDTH, CARD_HEIGHT)
        return QRectF(QPointF(float(raw["position"]["x"]), float(raw["position"]["y"])), size)

    def duplicate(self) -> list[str]:
        """Copy the selection beside itself, on free space, without touching the clipboard."""
        comps, notes = self._scene.selected_component_ids(), self._scene.selected_note_ids()
        if not comps and not notes:
            return []
        fragment = copy_fragment(self._document.design, comps, notes)
        batch, new_ids = paste_fragment(self._document.design, fragment, self._paste_shift(fragment, None))
        batch.text = f"Duplicate {self._document.describe(comps, note_ids=notes)}"
        self._document.apply(batch)
        self._show_new(new_ids, "Duplicated", batch)
        return new_ids

    def _show_new(self, new_ids: list[str], verb: str, batch: Batch) -> None:
        """Select what a paste added (cards, notes, frames) and bring it into view."""
        notes = [e.note.id for e in batch.edits if isinstance(e, AddNote)]
        groups = [e.group.id for e in batch.edits if isinstance(e, AddGroup)]
        self._scene.select_ids(new_ids, note_ids=notes, group_ids=groups)
        if new_ids:
            rect = self.view.ids_rect(new_ids)
            if not self.view.visible_scene_rect().contains(rect):
                self.view.centre_on_ids(new_ids)
        self.view.show_status(_count_text(len(new_ids), 0, verb, len(notes)))

    # --- placing and arranging -----------------------------------------------------------
    def tidy_up(self) -> None:
        """Lay the design out left to right by flow, shaped like the view, as one undoable move."""
        from canvas.core.layout import tidy_layout  # networkx: imported on first use, not at start-up

        positions = tidy_layout(self._document.design, view_aspect(self.view))
        moved = apply_positions(self._document, positions, "Tidy up", notes=True)
        if not moved:
            self.view.show_status("The design is already tidy")
            return
        self.view.fit_all()
        self.view.show_status(f"Tidied up {moved} components")

    def free_position_near(self, point: QPointF) -> QPointF:
        """The model position (top-left corner) of a card centred as near ``point`` as
        possible without overlapping another card; pass it to ``Document.add_component``."""
        self._scene.complete_build()  # the cards of a big design just opened are all in the way
        x0, y0 = self.view.snap_point(point.x() - CARD_WIDTH / 2, point.y() - CARD_HEIGHT / 2)
        return self._free_spot(QRectF(x0, y0, CARD_WIDTH, CARD_HEIGHT))

    def _free_spot(self, rect: QRectF) -> QPointF:
        """The top-left corner nearest ``rect``'s where a rectangle of its size (with some
        clearance) covers no card, note or group frame: searched ring by ring in steps of two grid cells, so a
        snapped position stays snapped. Past that, right of the whole design."""
        step = 2 * GRID
        for ring in range(0, 60):
            span = range(-ring, ring + 1)
            cells = [(i, j) for i in span for j in span if max(abs(i), abs(j)) == ring]
            cells.sort(key=lambda c: math.hypot(c[0] * step, c[1] * step * 1.5))
            for i, j in cells:
                spot = rect.translated(i * step, j * step)
                if self._is_free(spot):
                    return spot.topLeft()
        return QPointF(self._scene.items_bounds().right() + step, rect.top())

    def _is_free(self, rect: QRectF) -> bool:
        """No card or note within the clearance, and no group frame's edge across it (a
        card half over a frame would look like a member; the paper inside a big frame is
        free)."""
        area = rect.adjusted(-_CLEARANCE, -_CLEARANCE, _CLEARANCE, _CLEARANCE)
        for item in self._scene.items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if isinstance(item, (ComponentItem, NoteItem)):
                return False
            if isinstance(item, GroupFrame) and not item.sceneBoundingRect().contains(area):
                return False
        return True

    def add_component_at_centre(self, kind: str) -> str:
        """Add a ``kind`` card at a free spot near the middle of the view; returns its id."""
        p = self.free_position_near(self.view.viewport_centre_in_scene())
        cid = self._document.add_component(kind, p.x(), p.y())
        self._scene.select_ids([cid])
        if not self.view.visible_scene_rect().contains(self.view.ids_rect([cid])):
            self.view.centre_on_ids([cid])
        self.view.show_status(f"Added {KINDS[kind].short_label}" if kind in KINDS else "Added a component")
        return cid


def _count_text(components: int, links: int, verb: str, notes: int = 0, groups: int = 0) -> str:
    counts = (("component", components), ("link", links), ("note", notes), ("group", groups))
    parts = [f"{n} {noun}{'s' if n != 1 else ''}" for noun, n in counts if n]
    return f"{verb} {' and '.join(parts)}" if parts else verb


def _copied_note_rect(raw: dict[str, Any]) -> QRectF:
    """A copied note's rectangle, from its saved position and size."""
    size = raw.get("size") or {}
    at = QPointF(float(raw["position"]["x"]), float(raw["position"]["y"]))
    return QRectF(at, QSizeF(float(size.get("width", 220.0)), float(size.get("height", 120.0))))


def _notes_text(batch: Batch) -> str:
    """How a paste of notes alone is named: "note", "3 notes"."""
    n = sum(isinstance(e, AddNote) for e in batch.edits)
    return "note" if n == 1 else f"{n} notes"
