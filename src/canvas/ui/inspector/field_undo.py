"""UI layer: Ctrl+Z in an inspector field undoes the design once the field's text is committed.

A Qt line edit takes Undo/Redo for its own text, so after typing a latency and pressing
Enter, Ctrl+Z would only fiddle with the field while Edit ▸ Undo names the edit. Here a
field takes those keys only while it holds uncommitted typing (``QLineEdit.isModified``,
cleared when the field commits); otherwise they go to the window's Undo/Redo actions.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QWidget

_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
_HOOKED = "_canvas_undo_hooked"


class _CommittedFieldsUndoDesign(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            edit = _line_edit(watched)
            if edit is not None and not edit.isModified() and any(event.matches(k) for k in _KEYS):
                event.ignore()  # not the field's: the window's shortcut fires
                return True
        return False


_FILTER = _CommittedFieldsUndoDesign()


def _line_edit(widget: QObject) -> QLineEdit | None:
    if isinstance(widget, QLineEdit):
        return widget
    if isinstance(widget, QAbstractSpinBox):
        return widget.lineEdit()
    return None


def pass_undo_to_design(root: QWidget) -> None:
    """Apply the rule to every text field and spin box under ``root`` (call once a form is
    built). A spin box's key events may reach it or its inner line edit (its focus proxy):
    both are watched, and the spin box's commit clears the line edit's typing mark."""
    for field in [*root.findChildren(QLineEdit), *root.findChildren(QAbstractSpinBox)]:
        if field.property(_HOOKED):
            continue
        field.setProperty(_HOOKED, True)
        field.installEventFilter(_FILTER)
        if isinstance(field, QLineEdit) and isinstance(field.parent(), QAbstractSpinBox):
            continue  # committed by its spin box, below
        edit = _line_edit(field)
        if edit is not None and isinstance(field, (QLineEdit, QAbstractSpinBox)):
            field.editingFinished.connect(lambda e=edit: e.setModified(False))
