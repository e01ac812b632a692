"""UI layer: the inspector's page for selected notes — the text of one, the colour of all.

The text is committed when the editor loses focus (or on Ctrl+Enter): one edit per
change, as in place on the canvas. Forms only emit signals; the inspector turns them
into ``document.annotations`` calls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from canvas.core.model import NOTE_COLORS, Design
from canvas.ui.inspector.color_choice import ColorChoice


class NoteTextEdit(QPlainTextEdit):
    """A plain-text editor that says when its text is done: focus leaving it, Ctrl+Enter."""

    committed = Signal(str)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.committed.emit(self.toPlainText())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.committed.emit(self.toPlainText())
            event.accept()
            return
        super().keyPressEvent(event)


class NoteForm(QWidget):
    """Edits one note's text and colour, or the colour of several."""

    text_edited = Signal(str)
    color_chosen = Signal(str)

    def __init__(self, design: Design, note_ids: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ids = list(note_ids)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        single = len(self.ids) == 1
        title = "<b>Note</b>" if single else f"<b>{len(self.ids)} notes selected</b>"
        self.title = QLabel(title, self)
        hint = QLabel(
            "Free text on the canvas, for people: the checker ignores it. Double-click a note to "
            "write in place; drag its corner to resize it."
            if single
            else "The colour applies to all of them.",
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(hint)
        form = QFormLayout()
        self.text_edit: NoteTextEdit | None = None
        if single:
            self.text_edit = NoteTextEdit(self)
            self.text_edit.setObjectName("note_text")
            self.text_edit.setPlaceholderText("e.g. Online path: p99 under 150 ms. Features from the online store.")
            self.text_edit.committed.connect(self._text_committed)
            form.addRow("Text", self.text_edit)
        self.colours = ColorChoice(NOTE_COLORS, note=True, parent=self)
        self.colours.chosen.connect(self.color_chosen)
        form.addRow("Colour", self.colours)
        layout.addLayout(form)
        layout.addStretch(1)
        self.refresh(design)

    def refresh(self, design: Design) -> None:
        """Show the design's current values (never emits)."""
        notes = [design.notes[n] for n in self.ids if n in design.notes]
        if not notes:
            return
        if self.text_edit is not None and self.text_edit.toPlainText() != notes[0].text:
            self.text_edit.setPlainText(notes[0].text)
        colours = {n.color for n in notes}
        self.colours.set_current(colours.pop() if len(colours) == 1 else None)

    def _text_committed(self, text: str) -> None:
        self.text_edited.emit(text)
