"""UI layer: the inspector's pages — one form for selected components, one for a link.

A form is built once per selection (its editors depend on the kinds selected) and then
only refreshed in place from the design, so an editor is never destroyed while it is
emitting. Forms report edits as signals; the :class:`~canvas.ui.inspector.inspector.Inspector` turns
them into document calls.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from canvas.core.catalog import BOXES, KINDS, Attribute, link_meaning
from canvas.core.model import Component, Design
from canvas.ui.canvas.palette import kind_icon
from canvas.ui.inspector.free_properties import FreePropertiesEditor
from canvas.ui.inspector.property_editors import UNSET, AttributeEditor, MlFitEditor, editor_for


def shared_attributes(kinds: list[str]) -> list[Attribute]:
    """The catalogue attributes every one of ``kinds`` has (same name and type), in catalogue order."""
    if not kinds:
        return []
    first, *rest = (KINDS[k] for k in dict.fromkeys(kinds))
    shared = []
    for attr in first.all_attributes:
        if all((other := k.attribute(attr.name)) is not None and other.type is attr.type for k in rest):
            shared.append(attr)
    return shared


def _small(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label


class ComponentForm(QWidget):
    """Edits one component, or the shared attributes of several."""

    label_edited = Signal(str)
    #: ``(attribute name, value or UNSET)`` from a catalogue editor.
    attribute_edited = Signal(str, object)

    def __init__(self, design: Design, ids: list[str], link_count: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ids = list(ids)
        comps = [design.components[c] for c in self.ids]
        self.kinds = [c.kind for c in comps]
        self.single = len(comps) == 1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self._header(comps, link_count))

        self.label_edit: QLineEdit | None = None
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if self.single:
            self.label_edit = QLineEdit(self)
            self.label_edit.setObjectName("label")
            self.label_edit.editingFinished.connect(self._label_finished)
            form.addRow("Label", self.label_edit)

        self.editors: dict[str, AttributeEditor] = {}
        ml_fit: MlFitEditor | None = None
        for attr in shared_attributes(self.kinds):
            editor = editor_for(attr, self)
            editor.setObjectName(attr.name)
            editor.committed.connect(lambda value, name=attr.name: self.attribute_edited.emit(name, value))
            self.editors[attr.name] = editor
            if isinstance(editor, MlFitEditor):
                ml_fit = editor
                continue
            caption = QLabel(attr.label, self)
            caption.setWordWrap(True)  # a narrow dock wraps "Feedback-loop mitigation"
            caption.setToolTip(attr.description)
            caption.setBuddy(editor)
            form.addRow(caption, editor)
        layout.addLayout(form)

        if ml_fit is not None:
            group = QGroupBox("When to use ML (ch. 1)", self)
            inner = QVBoxLayout(group)
            inner.addWidget(ml_fit)
            layout.addWidget(group)

        self.free: FreePropertiesEditor | None = None
        if self.single:
            group = QGroupBox("Your properties", self)
            inner = QVBoxLayout(group)
            self.free = FreePropertiesEditor(group)
            inner.addWidget(self.free)
            layout.addWidget(group)
        layout.addStretch(1)

    def _header(self, comps: list[Component], link_count: int) -> QHBoxLayout:
        row = QHBoxLayout()
        kind = KINDS[comps[0].kind]
        icon = QLabel(self)
        icon.setPixmap(kind_icon(kind.id).pixmap(QSize(32, 32)))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(icon)
        text = QVBoxLayout()
        if self.single:
            box = BOXES[kind.box]
            chapter = "whole book" if kind.chapter == "all" else f"ch. {kind.chapter}"
            self.title = QLabel(f"<b>{kind.label}</b>", self)
            self.title.setWordWrap(True)  # long kind names must not widen the dock
            text.addWidget(self.title)
            text.addWidget(_small(f"{box.title} · {chapter} · id <code>{comps[0].id}</code>", self))
            description = _small(kind.description, self)
            description.setObjectName("description")
            text.addWidget(description)
        else:
            counts: dict[str, int] = {}
            for c in comps:
                counts[KINDS[c.kind].short_label] = counts.get(KINDS[c.kind].short_label, 0) + 1
            listed = ", ".join(f"{n} × {label}" for label, n in counts.items())
            extra = f" and {link_count} link{'s' * (link_count != 1)}" if link_count else ""
            self.title = QLabel(f"<b>{len(comps)} components selected</b>{extra}", self)
            self.title.setWordWrap(True)
            text.addWidget(self.title)
            text.addWidget(
                _small(f"{listed}. Edits apply to all of them; only the attributes they share are shown.", self)
            )
        row.addLayout(text, 1)
        return row

    def refresh(self, design: Design) -> None:
        """Show the design's current values (never emits)."""
        comps = [design.components[c] for c in self.ids if c in design.components]
        if not comps:
            return
        if self.label_edit is not None and self.label_edit.text() != comps[0].label:
            self.label_edit.setText(comps[0].label)
        for name, editor in self.editors.items():
            values = [c.properties.get(name, UNSET) for c in comps]
            mixed = any(v != values[0] for v in values[1:])
            editor.set_value(values[0], mixed)
        if self.free is not None:
            comp = comps[0]
            kind = KINDS[comp.kind]
            catalogue = {a.name for a in kind.all_attributes}
            free = {k: v for k, v in comp.properties.items() if k not in catalogue}
            self.free.set_properties(comp.kind, free, set(comp.properties))

    def _label_finished(self) -> None:
        assert self.label_edit is not None
        text = self.label_edit.text().strip()
        if text:
            self.label_edited.emit(text)


class LinkForm(QWidget):
    """A link's ends, what it means, and its editable label."""

    label_edited = Signal(str)

    def __init__(self, design: Design, link_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link_id = link_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.meaning = _small("", self)
        form = QFormLayout()
        self.label_edit = QLineEdit(self)
        self.label_edit.setObjectName("link_label")
        self.label_edit.setPlaceholderText("e.g. clicks, features, predictions")
        self.label_edit.editingFinished.connect(lambda: self.label_edited.emit(self.label_edit.text().strip()))
        form.addRow("Label", self.label_edit)
        layout.addWidget(self.title)
        layout.addWidget(self.meaning)
        layout.addLayout(form)
        layout.addStretch(1)
        self.refresh(design)

    def refresh(self, design: Design) -> None:
        link = design.links.get(self.link_id)
        if link is None:
            return
        src, tgt = design.components.get(link.source), design.components.get(link.target)
        src_label = src.label if src else link.source
        tgt_label = tgt.label if tgt else link.target
        self.title.setText(f"<b>{src_label}</b> → <b>{tgt_label}</b>")
        if src is not None:
            meaning = link_meaning(src.kind).value
            self.meaning.setText(f"Link <code>{link.id}</code>: {src_label} <i>{meaning}</i> {tgt_label}.")
        if self.label_edit.text() != link.label:
            self.label_edit.setText(link.label)
