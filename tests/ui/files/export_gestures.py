"""Gestures on File ▸ Export's dialog, shared by the export tests: open it with Ctrl+E, step
its format box with the arrow keys, type the file, press Export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt


def open_with_ctrl_e(qtbot, window):  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.exports.dialog is not None and window.exports.dialog.isVisible())
    return window.exports.dialog


def type_path(qtbot, dialog, path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog.path_edit.selectAll()
    qtbot.keyClicks(dialog.path_edit, str(path))


def choose_format(qtbot, dialog, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """Step through the format box with the arrow keys, as a keyboard user does."""
    combo = dialog.format_combo
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentData() != fmt:
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def export_button(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
