"""UI layer: how the editor makes a QAction — its text, shortcut(s), icon and what it calls.

A shortcut is bound in one place only, its action: the window, the canvas and the file
actions all make theirs here, and no widget handles the same keys a second time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence

Shortcut = QKeySequence | QKeySequence.StandardKey | str


def make_action(
    parent: QObject,
    text: str,
    slot: Callable[[], object],
    shortcut: Shortcut | Sequence[Shortcut] | None = None,
    icon: str = "",
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> QAction:
    """An action that calls ``slot()`` when triggered (by its menu entry or its shortcut)."""
    action = _action(parent, text, shortcut, icon, context)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def make_toggle(
    parent: QObject,
    text: str,
    slot: Callable[[bool], object],
    shortcut: Shortcut | None = None,
) -> QAction:
    """A checkable action that calls ``slot(checked)`` when toggled."""
    action = _action(parent, text, shortcut, "", Qt.ShortcutContext.WindowShortcut)
    action.setCheckable(True)
    action.toggled.connect(lambda on: slot(on))
    return action


def _action(
    parent: QObject, text: str, shortcut: Shortcut | Sequence[Shortcut] | None, icon: str, context: Qt.ShortcutContext
) -> QAction:
    action = QAction(QIcon.fromTheme(icon) if icon else QIcon(), text, parent)
    if isinstance(shortcut, (QKeySequence, QKeySequence.StandardKey, str)):
        action.setShortcut(QKeySequence(shortcut))
    elif shortcut is not None:
        action.setShortcuts([QKeySequence(s) for s in shortcut])
    action.setShortcutContext(context)
    return action
