"""UI layer: the mouse wheel over the inspector scrolls it — it never edits a design.

Spin boxes, combo boxes and sliders take a wheel turn as a new value, so scrolling down a
long form would change every field the pointer crossed (one undo step each). Here those
editors take the wheel only while they have the keyboard focus (a click or Tab gives it;
the wheel alone does not: ``Qt.StrongFocus``). Otherwise the editor leaves the wheel
event unhandled and Qt passes it on to its parents, up to the scroll area, which scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QComboBox, QWidget

#: The editors that change their value on a wheel turn.
WHEEL_EDITORS = (QAbstractSpinBox, QComboBox, QAbstractSlider)
_GUARDED = "_canvas_wheel_guarded"


class _WheelOnlyWhenFocused(QObject):
    """Passes a wheel turn over an editor on to the scroll area unless the editor has the
    focus and the pointer has moved since the inspector last scrolled: a focused field
    that scrolling brings under a still pointer does not take the next turns."""

    def __init__(self) -> None:
        super().__init__()
        self._scrolled_at: QPointF | None = None  # where the pointer was when the panel scrolled

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn:
            self._scrolled_at = None  # a field just given the focus takes the next turn
            return False
        if event.type() != QEvent.Type.Wheel or not isinstance(event, QWheelEvent):
            return False
        at = event.globalPosition()
        if not isinstance(watched, WHEEL_EDITORS):  # the form: the wheel scrolls the panel
            self._scrolled_at = at
            return False
        if isinstance(watched, QWidget) and watched.hasFocus() and at != self._scrolled_at:
            return False  # the user pointed at the focused field: it takes the wheel
        self._scrolled_at = at
        event.ignore()  # not handled here: Qt offers it to the parents (the scroll area)
        return True


_FILTER = _WheelOnlyWhenFocused()


def wheel_only_when_focused(root: QWidget) -> None:
    """Apply the rule to every spin box, combo box and slider under ``root`` (call once a
    form is built; calling it again skips the editors already guarded)."""
    if not root.property(_GUARDED):
        root.setProperty(_GUARDED, True)
        root.installEventFilter(_FILTER)  # sees the turns that scroll the panel
    for editor in root.findChildren(QWidget):
        if not isinstance(editor, WHEEL_EDITORS) or editor.property(_GUARDED):
            continue
        editor.setProperty(_GUARDED, True)
        editor.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a wheel turn does not give it focus
        editor.installEventFilter(_FILTER)
