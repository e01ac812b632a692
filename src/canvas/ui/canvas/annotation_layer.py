"""UI layer: the notes and group frames of a scene, kept in step with the document.

The :class:`~canvas.ui.canvas.scene.DesignScene` owns one layer (``scene.annotations``).
It keeps one item per note and per group, listens to the document's note and group
signals, and keeps each frame around its members: a member added, removed, moved or
resized marks its group's frame, and the frames marked are placed once the document has
finished the edit (``design_changed``), so a tidy-up of thousands of cards places each
frame once. During a drag the scene tells the layer which cards move; the layer moves the
dragged notes, and frames follow live (:mod:`canvas.ui.canvas.group_gestures`).

The layer is the notes' and frames' :class:`~canvas.ui.canvas.items.host.AnnotationHost`.
It never edits the design: the end of a resize or of editing a note in place comes out as
a signal, which the view turns into a document edit.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QRectF, Signal
from PySide6.QtWidgets import QGraphicsItem

from canvas.ui.canvas.group_gestures import GroupDrag, frame_at
from canvas.ui.canvas.items.annotation_style import frame_rect
from canvas.ui.canvas.items.group_frame import GroupFrame
from canvas.ui.canvas.items.note_item import NoteItem
from canvas.ui.canvas.items.style import Theme

if TYPE_CHECKING:  # the scene owns the layer and imports this module
    from canvas.ui.canvas.scene import DesignScene


class AnnotationLayer(QObject):
    """Note items and group frames of one scene."""

    #: Editing a note in place ended: (note id, text).
    note_text_committed = Signal(str, str)
    #: Resizing a note by its handle ended: (note id, width, height).
    note_resize_committed = Signal(str, float, float)

    def __init__(self, scene: DesignScene) -> None:
        super().__init__(scene)
        self.scene = scene
        self.document = scene.document
        self._notes: dict[str, NoteItem] = {}
        self._frames: dict[str, GroupFrame] = {}
        self._group_of: dict[str, str] = {}
        self._dirty: set[str] = set()
        self._drag: GroupDrag | None = None
        self._drag_notes: list[tuple[NoteItem, float, float]] = []
        self._dragged_notes: set[str] = set()
        self._target: GroupFrame | None = None
        self._regroup: dict[str, str | None] = {}
        #: Set by the view while a rubber band selects.
        self.band_selecting = False
        doc = self.document
        doc.note_added.connect(self._on_note_added)
        doc.note_removed.connect(self._on_note_removed)
        doc.note_changed.connect(self._on_note_changed)
        doc.group_added.connect(self._on_group_changed)
        doc.group_changed.connect(self._on_group_changed)
        doc.group_removed.connect(self._on_group_removed)
        for signal in (doc.component_added, doc.component_removed, doc.component_changed, doc.component_moved):
            signal.connect(self._member_changed)
        doc.design_changed.connect(self.place_frames)

    # --- what the host gives the items ---------------------------------------------------
    @property
    def theme(self) -> Theme:
        return self.scene.theme

    def drag_items(self, grabbed: QGraphicsItem, press: QPointF, now: QPointF) -> None:
        self.scene.drag_items(grabbed, press, now)

    def end_drag(self) -> None:
        self.scene.end_drag()

    def note_text_edited(self, note_id: str, text: str) -> None:
        self.note_text_committed.emit(note_id, text)

    def note_resized(self, note_id: str, width: float, height: float) -> None:
        self.scene.invalidate_bounds()
        self.note_resize_committed.emit(note_id, width, height)

    # --- queries -------------------------------------------------------------------------
    def note_item(self, note_id: str) -> NoteItem | None:
        return self._notes.get(note_id)

    def frame(self, group_id: str) -> GroupFrame | None:
        return self._frames.get(group_id)

    def note_items(self) -> list[NoteItem]:
        return list(self._notes.values())

    def frames(self) -> list[GroupFrame]:
        return list(self._frames.values())

    def items(self) -> list[QGraphicsItem]:
        return [*self._frames.values(), *self._notes.values()]

    def group_of(self, component_id: str) -> str | None:
        return self._group_of.get(component_id)

    def members(self, group_id: str) -> list[str]:
        group = self.document.design.groups.get(group_id)
        return list(group.members) if group is not None else []

    def group_at(self, point: QPointF) -> str | None:
        """The group whose frame holds ``point`` (the smallest, if frames nest)."""
        return frame_at({gid: f.scene_rect() for gid, f in self._frames.items()}, point)

    def selected_note_ids(self) -> list[str]:
        """Selected notes, in the design's order."""
        chosen = {i.note_id for i in self.scene.selectedItems() if isinstance(i, NoteItem)}
        return [n for n in self.document.design.notes if n in chosen]

    def selected_group_ids(self) -> list[str]:
        """Groups whose frame is selected, in the design's order."""
        chosen = {i.group_id for i in self.scene.selectedItems() if isinstance(i, GroupFrame)}
        return [g for g in self.document.design.groups if g in chosen]

    def bounds(self) -> QRectF:
        """Everything the notes and frames draw (null when there are none)."""
        rect = QRectF()
        for item in self.items():
            rect = rect.united(item.sceneBoundingRect())
        return rect

    # --- building ------------------------------------------------------------------------
    def clear(self) -> None:
        self._end_session()
        self._regroup = {}
        self._dragged_notes.clear()
        for note in reversed(self._notes.values()):
            note.finish_editing(commit=False)
            self.scene.removeItem(note)
        for frame in reversed(self._frames.values()):
            self._remove_frame(frame)
        self._notes.clear()
        self._frames.clear()
        self._group_of.clear()
        self._dirty.clear()

    def build(self) -> None:
        design = self.document.design
        for gid in design.groups:
            self._add_frame(gid)
        for nid in design.notes:
            self._add_note(nid)
        self.place_frames()

    def update_items(self) -> None:
        """Repaint every note and frame (the theme changed)."""
        for item in self.items():
            item.update()
        for frame in self._frames.values():
            frame.label_item.update()

    def _add_note(self, nid: str) -> None:
        item = NoteItem(self.document.design.notes[nid], host=self)
        self._notes[nid] = item
        self.scene.addItem(item)

    def _add_frame(self, gid: str) -> None:
        group = self.document.design.groups[gid]
        frame = GroupFrame(group, host=self)
        self._frames[gid] = frame
        for m in group.members:
            self._group_of[m] = gid
        self._dirty.add(gid)
        self.scene.addItem(frame)
        self.scene.addItem(frame.label_item)

    def _remove_frame(self, frame: GroupFrame) -> None:
        self.scene.removeItem(frame.label_item)
        self.scene.removeItem(frame)

    # --- document signals ----------------------------------------------------------------
    def _on_note_added(self, nid: str) -> None:
        if nid not in self._notes and nid in self.document.design.notes:
            self._add_note(nid)
            self._layout_changed()

    def _on_note_removed(self, nid: str) -> None:
        item = self._notes.pop(nid, None)
        self._dragged_notes.discard(nid)
        if item is not None:
            item.finish_editing(commit=False)
            self.scene.removeItem(item)
            self._layout_changed()

    def _on_note_changed(self, nid: str) -> None:
        item = self._notes.get(nid)
        note = self.document.design.notes.get(nid)
        if item is not None and note is not None:
            item.update_from_model(note)
            self._layout_changed()

    def _on_group_changed(self, gid: str) -> None:
        group = self.document.design.groups.get(gid)
        if group is None:
            return
        frame = self._frames.get(gid)
        if frame is None:
            self._add_frame(gid)
            return
        for m, g in list(self._group_of.items()):
            if g == gid and m not in group.members:
                del self._group_of[m]
        for m in group.members:
            self._group_of[m] = gid
        frame.update_from_model(group)
        self._dirty.add(gid)

    def _on_group_removed(self, gid: str) -> None:
        frame = self._frames.pop(gid, None)
        self._group_of = {m: g for m, g in self._group_of.items() if g != gid}
        self._dirty.discard(gid)
        if frame is not None:
            if frame is self._target:
                self._target = None
            self._remove_frame(frame)
            self._layout_changed()

    def _member_changed(self, cid: str) -> None:
        gid = self._group_of.get(cid)
        if gid is not None:
            self._dirty.add(gid)

    def place_frames(self) -> None:
        """Put each frame marked since the last call around its members."""
        if not self._dirty:
            return
        dirty, self._dirty = self._dirty, set()
        for gid in dirty:
            frame = self._frames.get(gid)
            if frame is not None:
                frame.set_rect(self._frame_rect(self.members(gid)))
        self._layout_changed()

    def _frame_rect(self, members: Iterable[str]) -> QRectF:
        bounds = []
        for m in members:
            card = self.scene.component_item(m)
            if card is not None:
                bounds.append(card.sceneBoundingRect())
        return frame_rect(bounds)

    def _layout_changed(self) -> None:
        self.scene.invalidate_bounds()
        self.scene.layout_changed.emit()

    # --- dragging ------------------------------------------------------------------------
    def drag_parts(self, selected: Iterable[QGraphicsItem], grabbed: QGraphicsItem) -> tuple[set[str], list[NoteItem]]:
        """What a drag from ``grabbed`` moves besides the selected cards: the members of
        the frames among ``selected`` and ``grabbed``, and the notes among them."""
        members: set[str] = set()
        notes: list[NoteItem] = []
        for item in (*selected, grabbed):
            if isinstance(item, GroupFrame):
                members.update(self.members(item.group_id))
            elif isinstance(item, NoteItem) and item not in notes:
                notes.append(item)
        return members, notes

    def begin_drag(self, cards: Collection[str], notes: list[NoteItem]) -> None:
        """A drag of these cards and notes starts (its first mouse move)."""
        groups = self.document.design.groups
        self._drag_notes = [(n, n.x(), n.y()) for n in notes]
        self._dragged_notes.clear()
        self._drag = GroupDrag(
            cards,
            {gid: g.members for gid, g in groups.items()},
            {gid: f.scene_rect() for gid, f in self._frames.items()},
            self._card_bounds,
        )

    def _card_bounds(self, cid: str) -> QRectF:
        card = self.scene.component_item(cid)
        return card.sceneBoundingRect() if card is not None else QRectF()

    def drag_step(self, dx: float, dy: float, step: float, grabbed: str | None) -> None:
        """The mouse moved by (dx, dy) since the press: move the dragged notes, let the
        touched frames follow and mark the frame ``grabbed`` (a card) would join."""
        for item, x, y in self._drag_notes:
            x, y = x + dx, y + dy
            if step:
                x, y = round(x / step) * step, round(y / step) * step
            if x != item.x() or y != item.y():
                item.setPos(x, y)
                self._dragged_notes.add(item.note_id)
        drag = self._drag
        if drag is None:
            return
        for gid in drag.touched:
            frame = self._frames.get(gid)
            if frame is not None:
                frame.set_rect(drag.frame_now(gid))
        target = None
        if grabbed is not None:
            joins = drag.target_of(grabbed)
            if joins is not None and joins != drag.group_of.get(grabbed):
                target = self._frames.get(joins)
        if target is not self._target:
            if self._target is not None:
                self._target.set_drop_target(False)
            if target is not None:
                target.set_drop_target(True)
            self._target = target
        if self._drag_notes or drag.touched:
            self.scene.invalidate_bounds()

    def finish_drag(self) -> None:
        """The button was released (or pressed again): what the drag did to the groups is
        kept for the view to commit (:meth:`take_regroup`)."""
        if self._drag is not None:
            self._regroup = self._drag.assignments()
        self._end_session()

    def _end_session(self) -> None:
        if self._target is not None:
            self._target.set_drop_target(False)
            self._target = None
        self._drag = None
        self._drag_notes = []

    def take_dragged_notes(self) -> set[str]:
        """Ids of the notes the user moved since the last call (the view commits them)."""
        moved, self._dragged_notes = self._dragged_notes, set()
        return moved

    def take_regroup(self) -> dict[str, str | None]:
        """The group changes the last drag makes on release: card id -> group id or ``None``."""
        out, self._regroup = self._regroup, {}
        return out
