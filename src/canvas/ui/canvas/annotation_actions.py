"""UI layer: the canvas's commands for notes and groups, and their actions.

Add Note (N, on the canvas; or Ctrl+double-click the background), Arrange ▸ Group (Ctrl+G)
and Ungroup (Ctrl+Shift+G). Like :class:`~canvas.ui.canvas.canvas_actions.CanvasActions`,
an object the view owns (``view.annotation_actions``) whose QActions carry the shortcuts;
the main window puts the same actions in its menus and toolbar. It also turns the end of
a note's in-place edit or resize into the document edit. Every change is one undo step
through ``document.annotations``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QAction

from canvas.core.model import Size
from canvas.ui.actions import make_action
from canvas.ui.canvas.canvas_actions import CanvasView
from canvas.ui.canvas.items.component_item import ComponentItem
from canvas.ui.canvas.items.note_item import NoteItem
from canvas.ui.canvas.items.style import GRID

#: While the canvas has focus only (N typed into the inspector is text).
_ON_CANVAS = Qt.ShortcutContext.WidgetWithChildrenShortcut
_NOTE = Size()


class AnnotationActions(QObject):
    """Add notes, group and ungroup, in one canvas view."""

    def __init__(self, view: CanvasView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.add_note_action = make_action(self, "Add &Note", self.add_note, "N", context=_ON_CANVAS)
        self.add_note_action.setToolTip("Add a note: free text on the canvas (N, or Ctrl+double-click the canvas)")
        self.group_action = make_action(self, "&Group", self.group_selection, "Ctrl+G", context=_ON_CANVAS)
        self.group_action.setToolTip("Draw a named frame around the selected components (Ctrl+G)")
        self.ungroup_action = make_action(self, "&Ungroup", self.ungroup_selection, "Ctrl+Shift+G", context=_ON_CANVAS)
        layer = view.design_scene.annotations
        layer.note_text_committed.connect(lambda nid, text: view.document.annotations.set_note_text(nid, text))
        layer.note_resize_committed.connect(lambda nid, w, h: view.document.annotations.resize_note(nid, w, h))

    def all_actions(self) -> list[QAction]:
        return [self.add_note_action, self.group_action, self.ungroup_action]

    # --- notes ---------------------------------------------------------------------------
    def add_note(self) -> str:
        """A note at a free spot near the middle of the view, ready to type into."""
        return self.add_note_at(self.view.viewport_centre_in_scene())

    def add_note_at(self, point: QPointF, edit: bool = True) -> str:
        """A note centred as near ``point`` as no card or note is in the way; selected and,
        with ``edit``, its text being edited in place. Returns its id."""
        self.view.design_scene.complete_build()  # the cards of a big design just opened are in the way
        x, y = self._free_spot(point.x() - _NOTE.width / 2, point.y() - _NOTE.height / 2)
        nid = self.view.document.annotations.add_note(x, y)
        scene = self.view.design_scene
        scene.select_ids([], note_ids=[nid])
        item = scene.annotations.note_item(nid)
        if edit and item is not None:
            item.start_editing()
        self.view.show_status("Added a note: type its text, then click elsewhere")
        return nid

    def _free_spot(self, x0: float, y0: float) -> tuple[float, float]:
        """The nearest place for a new note clear of cards, notes and group frames."""
        x0, y0 = self.view.snap_point(x0, y0)
        step = 2 * GRID
        frames = [f.scene_rect() for f in self.view.design_scene.annotations.frames()]
        for ring in range(0, 40):
            span = range(-ring, ring + 1)
            cells = sorted(
                ((i, j) for i in span for j in span if max(abs(i), abs(j)) == ring), key=lambda c: c[0] ** 2 + c[1] ** 2
            )
            for i, j in cells:
                x, y = x0 + i * step, y0 + j * step
                rect = QRectF(x - 8, y - 8, _NOTE.width + 16, _NOTE.height + 16)
                if any(rect.intersects(frame) for frame in frames):
                    continue
                if not any(isinstance(it, (ComponentItem, NoteItem)) for it in self.view.design_scene.items(rect)):
                    return x, y
        return x0, y0

    # --- groups --------------------------------------------------------------------------
    def group_selection(self) -> str | None:
        """Put the selected components in a new group; its frame becomes the selection."""
        scene = self.view.design_scene
        comps = scene.selected_component_ids()
        if not comps:
            self.view.show_status("Select the components to group")
            return None
        gid = self.view.document.annotations.group(comps)
        if gid is not None:
            scene.select_ids([], group_ids=[gid])
            self.view.show_status(
                f"Grouped {len(comps)} component{'s' if len(comps) != 1 else ''}: name it in the inspector"
            )
        return gid

    def ungroup_selection(self) -> None:
        """Dissolve the selected frames and the groups of the selected components."""
        scene = self.view.design_scene
        layer = scene.annotations
        gids = dict.fromkeys(scene.selected_group_ids())
        for cid in scene.selected_component_ids():
            gid = layer.group_of(cid)
            if gid is not None:
                gids[gid] = None
        if not gids:
            self.view.show_status("Select a group's frame or its components to ungroup")
            return
        self.view.document.annotations.ungroup(list(gids))
        self.view.show_status(f"Ungrouped {len(gids)} group{'s' if len(gids) != 1 else ''}")
