"""UI layer: the inspector's pages — one form for selected components, one for a link.

A form is built once per selection (its editors depend on the kinds selected) and then
only refreshed in place from the design, so an editor is never destroyed while it is
emitting. Each attribute's description is a word-wrapped hint under its field. A business
requirement's targets (objective, latency SLO, monthly budget) are grouped under
"Requirement"; its own latency and cost, rarely set, fold away below so they are not
mistaken for the SLO and the budget. Forms report edits as signals; the
:class:`~canvas.ui.inspector.inspector.Inspector` turns them into document calls.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from canvas.core.catalog import BOXES, COMMON_ATTRIBUTES_BY_NAME, KINDS, Attribute, link_meaning
from canvas.core.model import Component, Design
from canvas.ui.canvas.palette import kind_icon
from canvas.ui.inspector.collapsible_section import CollapsibleSection
from canvas.ui.inspector.free_properties import FreePropertiesEditor
from canvas.ui.inspector.property_editors import UNSET, AttributeEditor, MlFitEditor, editor_for


def show_start(edit: QLineEdit, text: str) -> None:
    """Put ``text`` in a line edit showing its beginning (Qt shows the end of a long text
    set from code); a field being typed in keeps its cursor."""
    edit.setText(text)
    if not edit.hasFocus():
        edit.setCursorPosition(0)


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


#: The kind whose own latency and cost fold away (its attributes are the system's targets).
REQUIREMENT = "business_requirement"
OWN_COST_TITLE = "Its own latency and cost"
OWN_COST_HINT = (
    "Only if the requirement itself costs something to run (a vendor contract, a review team). "
    "The Latency SLO and the Monthly budget above are targets: the checker compares them with "
    "the latency of the request paths and the monthly cost of the whole design."
)


def _form(owner: QWidget | None = None) -> QFormLayout:
    """A caption | field form, laid on ``owner`` (or on nothing yet, to be added to a layout)."""
    form = QFormLayout(owner) if owner is not None else QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return form


def _hint(text: str, parent: QWidget) -> QLabel:
    """A description under a field: small, grey, wrapped, never cut."""
    hint = _small(text, parent)
    hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return hint


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
        form = _form()
        if self.single:
            self.label_edit = QLineEdit(self)
            self.label_edit.setObjectName("label")
            self.label_edit.editingFinished.connect(self._label_finished)
            form.addRow("Label", self.label_edit)
        layout.addLayout(form)

        self.editors: dict[str, AttributeEditor] = {}
        shared = shared_attributes(self.kinds)
        own_cost = [a for a in shared if a.name in COMMON_ATTRIBUTES_BY_NAME]
        #: The requirement's own latency and cost, folded away (``None`` for other kinds).
        self.own_cost: CollapsibleSection | None = None
        ml_fit: MlFitEditor | None = None
        if set(self.kinds) == {REQUIREMENT}:
            group = QGroupBox("Requirement", self)
            targets = _form(group)
            for attr in shared:
                if attr.name not in COMMON_ATTRIBUTES_BY_NAME:
                    ml_fit = self._add_row(targets, attr, group) or ml_fit
            layout.addWidget(group)
        else:
            for attr in shared:
                ml_fit = self._add_row(form, attr, self) or ml_fit

        if ml_fit is not None:
            group = QGroupBox("When to use ML (ch. 1)", self)
            inner = QVBoxLayout(group)
            inner.addWidget(ml_fit)
            layout.addWidget(group)

        if set(self.kinds) == {REQUIREMENT} and own_cost:
            self.own_cost = CollapsibleSection(OWN_COST_TITLE, self)
            self.own_cost.setObjectName("own_cost")
            rows = _form(self.own_cost.body)
            rows.setContentsMargins(0, 0, 0, 0)
            rows.addRow(_hint(OWN_COST_HINT, self.own_cost.body))
            for attr in own_cost:
                self._add_row(rows, attr, self.own_cost.body)
            layout.addWidget(self.own_cost)
        self._folded_for_values = False

        self.free: FreePropertiesEditor | None = None
        if self.single:
            group = QGroupBox("Your properties", self)
            inner = QVBoxLayout(group)
            self.free = FreePropertiesEditor(group)
            inner.addWidget(self.free)
            layout.addWidget(group)
        layout.addStretch(1)

    def _add_row(self, form: QFormLayout, attr: Attribute, parent: QWidget) -> MlFitEditor | None:
        """The attribute's caption, editor and hint; the When-to-use-ML editor is returned
        instead (it gets a group of its own)."""
        editor = editor_for(attr, parent)
        editor.setObjectName(attr.name)
        editor.committed.connect(lambda value, name=attr.name: self.attribute_edited.emit(name, value))
        self.editors[attr.name] = editor
        if isinstance(editor, MlFitEditor):
            return editor
        caption = QLabel(attr.label, parent)
        caption.setWordWrap(True)  # a narrow dock wraps "Feedback-loop mitigation"
        caption.setToolTip(attr.description)
        caption.setBuddy(editor)
        form.addRow(caption, editor)
        if attr.description:
            hint = _hint(attr.description, parent)
            hint.setObjectName(f"{attr.name}.hint")
            form.addRow("", hint)
        return None

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
            show_start(self.label_edit, comps[0].label)
        for name, editor in self.editors.items():
            values = [c.properties.get(name, UNSET) for c in comps]
            mixed = any(v != values[0] for v in values[1:])
            editor.set_value(values[0], mixed)
        if self.own_cost is not None and not self._folded_for_values:
            # Shown open when the requirement already has its own latency or cost (once:
            # folding it again stays folded).
            self._folded_for_values = True
            if any(c.properties.get(a) is not None for c in comps for a in COMMON_ATTRIBUTES_BY_NAME):
                self.own_cost.set_expanded(True)
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
            show_start(self.label_edit, link.label)
