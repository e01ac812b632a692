"""UI layer: the mouse wheel over the inspector scrolls it — it never edits a design.

Spin boxes, combo boxes and sliders take a wheel turn as a new value, so scrolling down a
long form would change every field the pointer crossed (one undo step each). Here those
editors take the wheel only while they have the keyboard focus (a click or Tab gives it;
the wheel alone does not: ``Qt.StrongFocus``). Otherwise the editor leaves the wheel
event unhandled and Qt passes it on to its parents, up to the scroll area, which scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QComboBox, QWidget

#: The editors that change their value on a wheel turn.
WHEEL_EDITORS = (QAbstractSpinBox, QComboBox, QAbstractSlider)
_GUARDED = "_canvas_wheel_guarded"


class _WheelOnlyWhenFocused(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()  # not handled here: Qt offers it to the parents (the scroll area)
            return True
        return False


_FILTER = _WheelOnlyWhenFocused()


def wheel_only_when_focused(root: QWidget) -> None:
    """Apply the rule to every spin box, combo box and slider under ``root`` (call once a
    form is built; calling it again skips the editors already guarded)."""
    for editor in root.findChildren(QWidget):
        if not isinstance(editor, WHEEL_EDITORS) or editor.property(_GUARDED):
            continue
        editor.setProperty(_GUARDED, True)
        editor.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a wheel turn does not give it focus
        editor.installEventFilter(_FILTER)
