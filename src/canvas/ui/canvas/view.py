"""UI layer: the canvas view — gestures, zoom and pan, palette drops.

Gestures turn into controller calls; the view never edits the design itself:

* drop a palette kind -> ``Document.add_component`` at the cursor (snapped if snap is on),
  into the group whose frame it lands in;
* drag cards -> they move visually, and on release ONE ``Document.move`` for all of them
  (with the notes dragged along, and the cards dropped into or out of a group's frame);
* Ctrl+double-click the background -> a note there, its text being edited;
* drag from an output port (found within a few screen pixels at any zoom, a ring marks
  it: :mod:`canvas.ui.canvas.port_hover`), or Shift+drag a card -> ``Document.connect`` on
  release; beside the pointer a bubble says what a release would do or why the link
  would be refused (:mod:`canvas.ui.canvas.gesture_hint`), gone when the gesture ends;
* drag an end of a selected link onto another card -> ``Document.reattach`` on release
  (:mod:`canvas.ui.canvas.reattach_gesture`; refused for the same reasons);
* arrow keys -> a move per key press, a run of them one undo step; Escape cancels a link
  being drawn, else clears the selection;
* double-click a card (or F2) -> rename it in place (:mod:`canvas.ui.canvas.rename_editor`);
* Ctrl+wheel zooms around the cursor, the middle button or Space+drag pans, the wheel scrolls;
* a right click selects what is under it (unless it is already selected) and asks for the
  context menu (:attr:`DesignView.context_menu_requested`; the main window builds it).

The view owns its commands (copy, paste, delete, tidy up, zoom …) as
:attr:`DesignView.canvas_actions` and :attr:`DesignView.arrange_actions` (align, distribute),
whose QActions carry the shortcuts: a key reaches its
command through its action only (:mod:`canvas.ui.canvas.canvas_actions`).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QCursor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from canvas.core.catalog import KINDS
from canvas.ui.canvas.annotation_actions import AnnotationActions
from canvas.ui.canvas.arrange import ArrangeActions
from canvas.ui.canvas.canvas_actions import CanvasActions
from canvas.ui.canvas.connect_gesture import ConnectGesture
from canvas.ui.canvas.empty_hint import EmptyCanvasHint
from canvas.ui.canvas.gesture_hint import GestureHint
from canvas.ui.canvas.items.component_item import ComponentItem
from canvas.ui.canvas.items.group_frame import GroupFrame
from canvas.ui.canvas.items.link_item import LinkItem
from canvas.ui.canvas.items.note_item import NoteItem
from canvas.ui.canvas.items.style import CARD_HEIGHT, CARD_WIDTH, GRID, LEGIBLE_PIXELS, LOD_DETAIL, LOD_SCALE
from canvas.ui.canvas.mime import KIND_MIME
from canvas.ui.canvas.port_hover import PortHover, output_port_near
from canvas.ui.canvas.reattach_gesture import ReattachGesture, end_at
from canvas.ui.canvas.rename_editor import CardRenamer
from canvas.ui.canvas.scene import DesignScene

#: What a click can select (a context menu acts on it, a Ctrl+double-click beside it adds a note).
_SELECTABLE = (ComponentItem, LinkItem, NoteItem, GroupFrame)
MIN_ZOOM = 0.02
#: Above this many cards a fitted design is an overview: no label size is worked out to open it.
_LEGIBLE_CHECK_LIMIT = 500
MAX_ZOOM = 4.0
ZOOM_STEP = 1.25
#: Keyed by QKeyEvent.key() (an int; Qt.Key compares equal to it).
_ARROWS: dict[int, tuple[int, int]] = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


class DesignView(QGraphicsView):
    """The interactive canvas on a :class:`DesignScene`."""

    #: A sentence for the status bar (refused links, what was pasted, …).
    status_message = Signal(str)
    #: The zoom factor changed (1.0 = 100 %).
    zoom_changed = Signal(float)
    #: The view was moved to show something (a finding, a find match, the overview).
    navigated = Signal()
    #: A context menu is wanted: (global position, scene position, whether on a card or link).
    context_menu_requested = Signal(QPoint, QPointF, bool)

    def __init__(self, scene: DesignScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.design_scene = scene  # a Python reference, or the scene may be collected
        self.document = scene.document
        self._snap = False
        self._connect: ConnectGesture | None = None
        self._reattach: ReattachGesture | None = None
        self._pan_last: QPointF | None = None
        self._space_held = False
        self._bounds: QRectF | None = None
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        # Qt's default: the exact dirty region (a drag repaints only what it uncovers).
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._rect_timer = QTimer(self)
        self._rect_timer.setSingleShot(True)
        self._rect_timer.setInterval(0)
        self._rect_timer.timeout.connect(self._update_scene_rect)
        #: The ring on the output port a press would draw a link from (any zoom).
        self.port_hover = PortHover(scene)
        #: The bubble beside the pointer while a link is drawn or re-attached.
        self.gesture_hint = GestureHint(self.viewport())
        scene.layout_changed.connect(self._layout_changed)
        scene.rebuilt.connect(self._cancel_gestures)
        self._update_scene_rect()
        #: The canvas's commands and their shortcut-carrying actions.
        self.canvas_actions = CanvasActions(self, parent=self)
        self.addActions(self.canvas_actions.all_actions())
        #: Add notes, group and ungroup.
        self.annotation_actions = AnnotationActions(self, parent=self)
        self.addActions(self.annotation_actions.all_actions())
        #: Tidy Up Selection, Align and Distribute (the Arrange menu).
        self.arrange_actions = ArrangeActions(self, parent=self)
        self.addActions(self.arrange_actions.all_actions())
        self.renamer = CardRenamer(self, scene)
        self.zoom_changed.connect(self.renamer.place)
        self.empty_hint = EmptyCanvasHint(self, self.document)

    # --- what the canvas actions use -------------------------------------------------------
    def show_status(self, text: str) -> None:
        """Say something in the status bar (through :attr:`status_message`)."""
        self.status_message.emit(text)

    @property
    def snap(self) -> bool:
        """Whether dropped, dragged and pasted cards snap to the 20-unit grid."""
        return self._snap

    @snap.setter
    def snap(self, on: bool) -> None:
        self.set_snap(on)

    def set_snap(self, on: bool) -> None:
        self._snap = bool(on)
        self.design_scene.snap_step = GRID if self._snap else 0.0

    def snap_point(self, x: float, y: float) -> tuple[float, float]:
        if not self._snap:
            return x, y
        return round(x / GRID) * GRID, round(y / GRID) * GRID

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def viewport_centre_in_scene(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def pointer_scene_pos(self) -> QPointF | None:
        """The scene position under the mouse pointer, or ``None`` when the pointer is not
        over the canvas (over a menu, a panel or another window)."""
        at = QCursor.pos()
        if QApplication.widgetAt(at) is not self.viewport():
            return None
        return self.mapToScene(self.viewport().mapFromGlobal(at))

    def start_rename(self, component_id: str) -> bool:
        """Open the in-place rename box over a card."""
        return self.renamer.start(component_id)

    # --- zoom ----------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_in(self) -> None:
        self._zoom_to(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_to(self.zoom / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self._zoom_to(1.0)

    def set_zoom(self, scale: float) -> None:
        """Zoom to ``scale`` (1.0 = 100 %) around the middle of the canvas."""
        self._zoom_to(scale)

    def fit_all(self) -> None:
        """Show the whole design (never zooming in past 100 %)."""
        bounds = self.design_scene.items_bounds()
        if bounds.isNull():
            self.zoom_reset()
            return
        self.fit_rect(bounds)

    def show_design(self) -> None:
        """Show a design just opened: all of it when its labels are legible so (three in
        four at least :data:`LEGIBLE_PIXELS` on screen); otherwise, on a small screen, zoom
        in until they are and show the design's top-left corner, where its flow starts (Fit
        to Window still shows it all). A design too big for labels when fitted stays an
        overview."""
        bounds = self.design_scene.items_bounds()
        self.fit_all()
        scale = self.zoom
        if bounds.isNull() or not LOD_SCALE <= scale < LOD_DETAIL:
            return
        if len(self.document.design.components) > _LEGIBLE_CHECK_LIMIT:
            return
        cards = self.design_scene.component_items()
        # The size three labels in four reach: one long label does not hide the design.
        sizes = sorted(card.shown_text(scale).font.pixelSize() for card in cards)
        typical = sizes[len(sizes) // 4] if sizes else 0
        if typical <= 0 or typical * scale >= LEGIBLE_PIXELS:
            return
        zoom = min(LEGIBLE_PIXELS / typical, LOD_DETAIL)
        self._set_scale(zoom)
        self._update_scene_rect(extra=bounds)
        vp = self.viewport().rect()
        margin = 30.0
        self.centerOn(bounds.left() - margin + vp.width() / 2 / zoom, bounds.top() - margin + vp.height() / 2 / zoom)
        self.zoom_changed.emit(zoom)

    def fit_rect(self, rect: QRectF) -> None:
        margin = 30.0
        r = rect.adjusted(-margin, -margin, margin, margin)
        vp = self.viewport().rect()
        scale = min(vp.width() / max(r.width(), 1.0), vp.height() / max(r.height(), 1.0), 1.0)
        scale = max(MIN_ZOOM, scale)
        self._set_scale(scale)
        self._update_scene_rect(extra=r)
        self.centerOn(r.center())
        self.zoom_changed.emit(scale)

    def centre_on_ids(self, component_ids: list[str]) -> None:
        """Scroll (and zoom out if needed, never in past 100 %) to show these components."""
        rect = self.ids_rect(component_ids)
        if rect.isNull():
            return
        visible = self.visible_scene_rect()
        if rect.width() > visible.width() * 0.95 or rect.height() > visible.height() * 0.95:
            self.fit_rect(rect)
        else:
            self.centre_on_rect(rect)

    def ids_rect(self, component_ids: Iterable[str]) -> QRectF:
        """The scene rectangle covering these components' cards (null when none is shown)."""
        rect = QRectF()
        for cid in component_ids:
            item = self.design_scene.component_item(cid)
            if item is not None:
                rect = rect.united(item.sceneBoundingRect())
        return rect

    def centre_on_rect(self, rect: QRectF) -> None:
        """Scroll so ``rect`` is in the middle, growing the scrollable area if needed."""
        self._update_scene_rect(extra=rect)
        self.centerOn(rect.center())
        self.navigated.emit()

    def _zoom_to(self, scale: float, anchor: QPoint | None = None) -> None:
        scale = min(MAX_ZOOM, max(MIN_ZOOM, scale))
        if abs(scale - self.zoom) < 1e-9:
            return
        anchor = anchor if anchor is not None else self.viewport().rect().center()
        fixed = self.mapToScene(anchor)
        before = self.visible_scene_rect()
        self._set_scale(scale)
        self._update_scene_rect(extra=before)
        delta = self.mapFromScene(fixed) - anchor
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + delta.y())
        self.zoom_changed.emit(scale)

    def _set_scale(self, scale: float) -> None:
        self.setTransform(QTransform.fromScale(scale, scale))
        self.design_scene.set_coarse(scale < LOD_SCALE)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self._zoom_to(self.zoom * ZOOM_STEP**steps, event.position().toPoint())
            event.accept()
            return
        super().wheelEvent(event)

    # --- the scrollable area ---------------------------------------------------------------
    def _layout_changed(self) -> None:
        self._bounds = None
        self.port_hover.clear()  # its card may have moved or gone; the next pointer move finds it again
        self._rect_timer.start()

    def _update_scene_rect(self, extra: QRectF | None = None) -> None:
        """Scrollable area: the design plus a viewport of room on every side, so zooming
        around the cursor and panning past the edges always work."""
        if self._bounds is None:
            self._bounds = self.design_scene.items_bounds()
        rect = self.visible_scene_rect()
        if not self._bounds.isNull():
            rect = rect.united(self._bounds)
        if extra is not None:
            rect = rect.united(extra)
        mx, my = self.viewport().width() / self.zoom, self.viewport().height() / self.zoom
        self.setSceneRect(rect.adjusted(-mx, -my, mx, my))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scene_rect()

    # --- palette drops -------------------------------------------------------------------
    @staticmethod
    def _dropped_kind(event: QDropEvent) -> str | None:
        mime = event.mimeData()
        if mime is None or not mime.hasFormat(KIND_MIME):
            return None
        kind = bytes(mime.data(KIND_MIME).data()).decode("utf-8", errors="replace").strip()
        return kind if kind in KINDS else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_kind(event) is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()  # e.g. a design file: the main window opens it

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)  # type: ignore[arg-type]

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        kind = self._dropped_kind(event)
        if kind is None:
            event.ignore()
            return
        at = self.mapToScene(event.position().toPoint())
        x, y = self.snap_point(at.x() - CARD_WIDTH / 2, at.y() - CARD_HEIGHT / 2)
        self.design_scene.complete_build()  # a drop into a group's frame: the frames come with the items
        cid = self.document.add_component(kind, x, y, group=self.design_scene.annotations.group_at(at))
        self.design_scene.select_ids([cid])
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.status_message.emit(f"Added {KINDS[kind].short_label}")

    # --- mouse ---------------------------------------------------------------------------
    def _component_at(self, view_pos: QPoint) -> ComponentItem | None:
        for item in self.items(view_pos):
            if isinstance(item, ComponentItem):
                return item
        return None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self._connect is not None or self._reattach is not None or self._pan_last is not None:
            event.accept()
            return
        hit = next((i for i in self.items(event.pos()) if isinstance(i, _SELECTABLE)), None)
        scene = self.design_scene
        if hit is None:
            scene.select_ids([])  # the background's menu acts on the whole design
        elif not hit.isSelected():
            if isinstance(hit, ComponentItem):
                scene.select_ids([hit.component_id])
            elif isinstance(hit, LinkItem):
                scene.select_ids([], [hit.link_id])
            elif isinstance(hit, NoteItem):
                scene.select_ids([], note_ids=[hit.note_id])
            else:
                scene.select_ids([], group_ids=[hit.group_id])
        self.context_menu_requested.emit(event.globalPos(), self.mapToScene(event.pos()), hit is not None)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space_held):
            self._pan_last = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if button == Qt.MouseButton.LeftButton and self._connect is None:
            pos = event.position().toPoint()
            grabbed = end_at(self.design_scene, self.mapToScene(pos), self.zoom)  # a selected link's end
            if grabbed is not None:
                self._reattach = ReattachGesture(self.design_scene, *grabbed)
                self._reattach.move(self.mapToScene(pos))
                event.accept()
                return
            self.port_hover.clear()
            # An output port within reach (a constant distance on screen, even just off the
            # card) draws a link; so does Shift+drag from anywhere on a card.
            item = output_port_near(self.design_scene, self.mapToScene(pos), self.zoom)
            if item is None and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                item = self._component_at(pos)
            if item is not None:
                self._connect = ConnectGesture(self.design_scene, item)
                self._connect.move(self.mapToScene(pos))
                event.accept()
                return
        super().mousePressEvent(event)
        # A left press that no item took starts a rubber band (frames: only when enclosed).
        band = button == Qt.MouseButton.LeftButton and self.design_scene.mouseGrabberItem() is None
        self.design_scene.annotations.band_selecting = band

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._connect is None and self._pan_last is None:
            pos = event.position().toPoint()
            item = self._component_at(pos)
            if item is not None and item.port_at(item.mapFromScene(self.mapToScene(pos)), self.zoom) is None:
                self.design_scene.select_ids([item.component_id])
                self.start_rename(item.component_id)
                event.accept()
                return
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if ctrl and not any(isinstance(i, _SELECTABLE) for i in self.items(pos)):
                self.annotation_actions.add_note_at(self.mapToScene(pos))
                event.accept()
                return
        super().mouseDoubleClickEvent(event)
        event.accept()  # on the background too: the canvas's, not the parent window's

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_last is not None:
            delta = event.position() - self._pan_last
            self._pan_last = event.position()
            self._update_scene_rect()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))
            event.accept()
            return
        gesture = self._connect or self._reattach
        if gesture is None and event.buttons() == Qt.MouseButton.NoButton:
            self.port_hover.follow(self.mapToScene(event.position().toPoint()), self.zoom)
        if gesture is not None:
            pos = event.position().toPoint()
            gesture.move(self.mapToScene(pos))
            theme = self.design_scene.theme
            colour = theme.refused if gesture.refusal else theme.ok
            self.gesture_hint.show_at(gesture.note, colour, theme.card, pos)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.port_hover.clear()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_last is not None and event.button() in (Qt.MouseButton.MiddleButton, Qt.MouseButton.LeftButton):
            self._pan_last = None
            if self._space_held:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        if self._reattach is not None and event.button() == Qt.MouseButton.LeftButton:
            moving, self._reattach = self._reattach, None
            self._end_hint()
            card = moving.finish(self.mapToScene(event.position().toPoint()))
            if card is not None:
                refusal = self.document.reattach(moving.link.link_id, moving.end, card.component_id)
                if refusal is None:
                    self.status_message.emit(f"Re-attached the link to {card.label}")
            event.accept()
            return
        if self._connect is not None and event.button() == Qt.MouseButton.LeftButton:
            gesture, self._connect = self._connect, None
            self._end_hint()
            target = gesture.finish(self.mapToScene(event.position().toPoint()))
            if target is not None:
                self._finish_connect(gesture.source, target)
            event.accept()
            return
        super().mouseReleaseEvent(event)
        self.design_scene.annotations.band_selecting = False
        event.accept()  # a rubber band's release is ours too, not the parent window's
        self._commit_drag()

    def _finish_connect(self, source: ComponentItem, target: ComponentItem) -> None:
        link_id, refusal = self.document.connect(source.component_id, target.component_id)
        if refusal is None and link_id is not None:
            self.status_message.emit(f"Linked {source.label} to {target.label}")

    def _commit_drag(self) -> None:
        """One undoable move for every card and note the drag moved, with the groups the
        cards were dropped into or dragged out of (the model follows on release)."""
        layer = self.design_scene.annotations
        moved, moved_notes, groups = self.design_scene.take_dragged(), layer.take_dragged_notes(), layer.take_regroup()
        if not moved and not moved_notes:
            return
        comps, notes = self.document.design.components, self.document.design.notes
        moves: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {}
        for cid in sorted(moved):
            item = self.design_scene.component_item(cid)
            if item is None or cid not in comps:
                continue
            old = (comps[cid].position.x, comps[cid].position.y)
            moves[cid] = (old, (item.pos().x(), item.pos().y()))
        note_moves: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {}
        for nid in sorted(moved_notes):
            note_item = layer.note_item(nid)
            if note_item is not None and nid in notes:
                note_moves[nid] = ((notes[nid].position.x, notes[nid].position.y), (note_item.x(), note_item.y()))
        self.document.move(moves, note_moves, groups)

    def _end_hint(self) -> None:
        """The gesture is over: its bubble goes, and so does anything it left in the status bar."""
        self.gesture_hint.clear()
        self.status_message.emit("")

    def _cancel_gestures(self) -> None:
        for gesture in (self._connect, self._reattach):
            if gesture is not None:
                gesture.cancel()
        if self._connect is not None or self._reattach is not None:
            self._end_hint()
        self._connect = self._reattach = None
        self._pan_last = None
        self._bounds = None
        self.port_hover.clear()

    # --- keyboard ------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.design_scene.focusItem() is not None:  # a note being written in place takes every key
            super().keyPressEvent(event)
            return
        key = event.key()
        mods = event.modifiers()
        if key == Qt.Key.Key_Escape:
            if self._connect is not None or self._reattach is not None:
                self._cancel_gestures()
            else:
                self.design_scene.clearSelection()
        elif key == Qt.Key.Key_Space and not mods & Qt.KeyboardModifier.ControlModifier:
            if not event.isAutoRepeat():
                self._space_held = True
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif key in _ARROWS and not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            if not self._nudge(*_ARROWS[key]):
                super().keyPressEvent(event)
                return
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = False
            if self._pan_last is None:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def _nudge(self, dx: int, dy: int) -> bool:
        """Move the selected cards and notes one grid step; a run of presses is one undo step."""
        ids = self.design_scene.selected_component_ids()
        notes = self.design_scene.selected_note_ids()
        if not ids and not notes:
            return False
        self.document.nudge(ids, dx * GRID, dy * GRID, notes)
        return True
