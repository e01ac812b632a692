"""UI layer: the inspector dock — edits the selected component(s) or link through the document.

It shows one of five pages: the design (nothing selected: its name), a
:class:`~canvas.ui.inspector.inspector_forms.ComponentForm` (one or several components), a
:class:`~canvas.ui.inspector.inspector_forms.LinkForm`, a
:class:`~canvas.ui.inspector.note_form.NoteForm` (notes) or a
:class:`~canvas.ui.inspector.group_form.GroupForm` (groups' frames). Every committed change becomes exactly one
document call, hence one undo step. Document signals (edits, undo, redo, a replaced
design) schedule a refresh on the next event-loop turn, so many changes at once refresh
once and no editor is rebuilt while it is still emitting.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from canvas.ui.document import Document
from canvas.ui.inspector.field_undo import pass_undo_to_design
from canvas.ui.inspector.group_form import GroupForm
from canvas.ui.inspector.inspector_forms import ComponentForm, LinkForm, show_start
from canvas.ui.inspector.note_form import NoteForm
from canvas.ui.inspector.property_editors import UNSET
from canvas.ui.inspector.wheel_guard import wheel_only_when_focused


class _DesignPage(QWidget):
    """Shown when nothing is selected: the design's name and a hint."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("design_name")
        self.name_edit.editingFinished.connect(self._name_finished)
        hint = QLabel(
            "Select a component or a link on the canvas to edit it. Drag kinds from the palette "
            "(or double-click them) to add components; drag from a port to connect.",
            self,
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Design name", self.name_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)

    def refresh(self) -> None:
        if self.name_edit.text() != self.document.design.name:
            show_start(self.name_edit, self.document.design.name)

    def _name_finished(self) -> None:
        name = self.name_edit.text().strip()
        if name:
            self.document.set_name(name)
        else:
            self.refresh()


class Inspector(QWidget):
    """Edits what is selected; call :meth:`set_selection` when the canvas selection changes."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.component_ids: list[str] = []
        self.link_ids: list[str] = []
        self.note_ids: list[str] = []
        self.group_ids: list[str] = []
        self.form: ComponentForm | LinkForm | NoteForm | GroupForm | _DesignPage | None = None
        self._form_key: tuple[Any, ...] = ()
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.refresh)
        document.component_changed.connect(self._changed)
        document.link_changed.connect(self._changed)
        document.component_removed.connect(self._changed)
        document.link_removed.connect(self._changed)
        document.design_changed.connect(self._schedule)
        document.design_replaced.connect(self._design_replaced)
        self.refresh()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(340, 640)

    # --- selection -----------------------------------------------------------------------
    def set_selection(
        self,
        component_ids: Iterable[str],
        link_ids: Iterable[str] = (),
        note_ids: Iterable[str] = (),
        group_ids: Iterable[str] = (),
    ) -> None:
        self.component_ids = list(component_ids)
        self.link_ids = list(link_ids)
        self.note_ids = list(note_ids)
        self.group_ids = list(group_ids)
        self.refresh()

    def _design_replaced(self) -> None:
        self.set_selection([], [], [], [])

    def _changed(self, item_id: str) -> None:
        if item_id in self.component_ids or item_id in self.link_ids:
            self._schedule()

    def _schedule(self) -> None:
        self._timer.start()

    # --- building and refreshing ---------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild the page if the selection's shape changed, then show current values."""
        self._timer.stop()
        design = self.document.design
        self.component_ids = [c for c in self.component_ids if c in design.components]
        self.link_ids = [lid for lid in self.link_ids if lid in design.links]
        self.note_ids = [n for n in self.note_ids if n in design.notes]
        self.group_ids = [g for g in self.group_ids if g in design.groups]
        if self.component_ids:
            key: tuple[Any, ...] = ("components", tuple(self.component_ids), len(self.link_ids))
        elif len(self.link_ids) == 1 and not self.note_ids and not self.group_ids:
            key = ("link", self.link_ids[0])
        elif self.note_ids and not self.group_ids:
            key = ("notes", tuple(self.note_ids))
        elif self.group_ids and not self.note_ids:
            key = ("groups", tuple(self.group_ids))
        else:
            key = ("design", len(self.link_ids))
        if key != self._form_key or self.form is None:
            self._form_key = key
            self._set_form(self._build(key))
        assert self.form is not None
        if isinstance(self.form, _DesignPage):
            self.form.refresh()
        else:
            self.form.refresh(design)

    def _build(self, key: tuple[Any, ...]) -> ComponentForm | LinkForm | NoteForm | GroupForm | _DesignPage:
        design = self.document.design
        if key[0] == "components":
            form = ComponentForm(design, self.component_ids, len(self.link_ids))
            form.label_edited.connect(self._set_label)
            form.attribute_edited.connect(self._set_attribute)
            if form.free is not None:
                form.free.value_set.connect(self._set_free)
                form.free.key_renamed.connect(self._rename_free)
                form.free.key_removed.connect(self._remove_free)
            return form
        if key[0] == "link":
            link_form = LinkForm(design, key[1])
            link_form.label_edited.connect(self._set_link_label)
            return link_form
        annotations = self.document.annotations
        if key[0] == "notes":
            note_form = NoteForm(design, list(key[1]))
            if len(key[1]) == 1:
                note_form.text_edited.connect(lambda text, nid=key[1][0]: annotations.set_note_text(nid, text))
            note_form.color_chosen.connect(lambda colour, ids=key[1]: annotations.set_note_color(ids, colour))
            return note_form
        if key[0] == "groups":
            group_form = GroupForm(design, list(key[1]))
            if len(key[1]) == 1:
                group_form.label_edited.connect(lambda label, gid=key[1][0]: annotations.rename_group(gid, label))
            group_form.color_chosen.connect(lambda colour, ids=key[1]: annotations.set_group_color(ids, colour))
            group_form.ungroup_clicked.connect(lambda ids=key[1]: annotations.ungroup(ids))
            return group_form
        return _DesignPage(self.document)

    def _set_form(self, form: ComponentForm | LinkForm | NoteForm | GroupForm | _DesignPage) -> None:
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()  # it may be the sender of the signal being handled
        self.form = form
        self.scroll_area.setWidget(form)
        pass_undo_to_design(form)
        wheel_only_when_focused(form)  # the wheel scrolls the inspector, never edits a value

    # --- edits: each is one document call, one undo step ----------------------------------
    def _set_label(self, label: str) -> None:
        if len(self.component_ids) == 1:
            self.document.set_label(self.component_ids[0], label)

    def _set_attribute(self, name: str, value: Any) -> None:
        ids = list(self.component_ids)
        if not ids:
            return
        if value is UNSET:
            self.document.delete_properties(ids, name)
        elif len(ids) == 1:
            self.document.set_property(ids[0], name, value)
        else:
            self.document.set_properties(ids, name, value)
        self._schedule()

    def _set_free(self, key: str, value: Any) -> None:
        if len(self.component_ids) == 1:
            self.document.set_property(self.component_ids[0], key, value)

    def _rename_free(self, old: str, new: str) -> None:
        if len(self.component_ids) == 1:
            self.document.rename_property(self.component_ids[0], old, new)

    def _remove_free(self, key: str) -> None:
        if len(self.component_ids) == 1:
            self.document.delete_property(self.component_ids[0], key)

    def _set_link_label(self, label: str) -> None:
        if len(self.link_ids) == 1:
            self.document.set_link_label(self.link_ids[0], label)
