"""UI layer: the inspector's page for selected groups — name, colour, members, Ungroup.

Forms only emit signals; the inspector turns them into ``document.annotations`` calls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from canvas.core.model import GROUP_COLORS, Design
from canvas.ui.inspector.color_choice import ColorChoice
from canvas.ui.inspector.inspector_forms import show_start


class GroupForm(QWidget):
    """Edits one group's name and colour, or the colour of several; dissolves them."""

    label_edited = Signal(str)
    color_chosen = Signal(str)
    ungroup_clicked = Signal()

    def __init__(self, design: Design, group_ids: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ids = list(group_ids)
        single = len(self.ids) == 1
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.members = QLabel(self)
        self.members.setObjectName("group_members")
        self.members.setTextFormat(Qt.TextFormat.PlainText)  # labels are shown as typed ("Drift & KPI")
        self.members.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.members)
        form = QFormLayout()
        self.label_edit: QLineEdit | None = None
        if single:
            self.label_edit = QLineEdit(self)
            self.label_edit.setObjectName("group_label")
            self.label_edit.setPlaceholderText("e.g. Online serving, Offline training, Team Ads")
            self.label_edit.editingFinished.connect(self._label_finished)
            form.addRow("Name", self.label_edit)
        self.colours = ColorChoice(GROUP_COLORS, note=False, parent=self)
        self.colours.chosen.connect(self.color_chosen)
        form.addRow("Colour", self.colours)
        layout.addLayout(form)
        hint = QLabel(
            "Drop a card into the frame to add it; drag it out to take it out. Dragging the "
            "frame's name moves the whole group. Ungroup removes the frame; the components stay.",
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.ungroup_button = QPushButton("Ungroup" if single else f"Ungroup all {len(self.ids)}", self)
        self.ungroup_button.clicked.connect(self.ungroup_clicked)
        layout.addWidget(self.ungroup_button)
        layout.addStretch(1)
        self.refresh(design)

    def refresh(self, design: Design) -> None:
        """Show the design's current values (never emits)."""
        groups = [design.groups[g] for g in self.ids if g in design.groups]
        if not groups:
            return
        if len(self.ids) == 1:
            group = groups[0]
            self.title.setText(f"<b>Group</b> · {len(group.members)} component{'s' * (len(group.members) != 1)}")
            names = [design.components[m].label for m in group.members if m in design.components]
            self.members.setText(", ".join(names))
            if self.label_edit is not None and self.label_edit.text() != group.label:
                show_start(self.label_edit, group.label)
        else:
            count = sum(len(g.members) for g in groups)
            self.title.setText(f"<b>{len(groups)} groups selected</b> · {count} components")
            self.members.setText(", ".join(g.label for g in groups))
        colours = {g.color for g in groups}
        self.colours.set_current(colours.pop() if len(colours) == 1 else None)

    def _label_finished(self) -> None:
        assert self.label_edit is not None
        text = self.label_edit.text().strip()
        if text:
            self.label_edited.emit(text)
