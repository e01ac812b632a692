"""Help ▸ Keyboard Shortcuts (generated from the window's real actions) and Help ▸ About."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from canvas.cli import version
from canvas.ui.shell.help_menu import action_text, shortcut_text
from tests.ui.ui_fixtures import focused_window, isolated_settings, make_window  # noqa: F401 - fixtures


@pytest.fixture
def window(focused_window):  # type: ignore[no-untyped-def]
    return focused_window[0]


def open_shortcuts_with_f1(qtbot, window):  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help.shortcuts_dialog is not None and window.help.shortcuts_dialog.isVisible())
    return window.help.shortcuts_dialog


def test_the_help_menu_has_shortcuts_and_about(window):
    help_menu = window.menuBar().actions()[-1]
    assert help_menu.text() == "&Help"
    assert [a.text() for a in help_menu.menu().actions()] == ["&Keyboard Shortcuts…", "&About ML System Canvas"]


def test_f1_lists_every_action_that_has_a_shortcut(qtbot, window):
    window.document.add_component("model", 0, 0)  # Undo's menu text now names the edit
    dialog = open_shortcuts_with_f1(qtbot, window)
    rows = dialog.rows()
    with_keys = [a for a in window.findChildren(QAction) if shortcut_text(a) and a.associatedObjects()]
    assert len(with_keys) >= 20
    for action in with_keys:
        assert rows.get(action_text(action)) == shortcut_text(action), action.text()
    assert rows["Undo"] == QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)
    assert rows["Rename"] == QKeySequence("F2").toString(QKeySequence.SequenceFormat.NativeText)
    assert rows["Export"] == QKeySequence("Ctrl+E").toString(QKeySequence.SequenceFormat.NativeText)
    groups = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert groups[:3] == ["File", "Edit", "View"]  # in menu order


def test_the_list_is_made_from_the_actions_not_written_by_hand(qtbot, window):
    window.view.canvas_actions.tidy_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
    extra = QAction("Frobnicate", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+F"))
    window.addAction(extra)  # an action in no menu
    rows = open_shortcuts_with_f1(qtbot, window).rows()
    assert rows["Tidy Up"] == QKeySequence("Ctrl+Shift+L").toString(QKeySequence.SequenceFormat.NativeText)
    assert rows["Frobnicate"] == QKeySequence("Ctrl+Alt+F").toString(QKeySequence.SequenceFormat.NativeText)


def test_the_filter_box_narrows_the_list(qtbot, window):
    dialog = open_shortcuts_with_f1(qtbot, window)
    qtbot.keyClicks(dialog.filter, "zoom")
    assert sorted(dialog.visible_rows()) == ["Zoom In", "Zoom Out"]
    dialog.filter.clear()
    assert len(dialog.visible_rows()) == len(dialog.rows())


def test_about_says_what_it_is_its_version_book_and_license(qtbot, window):
    about = window.help.about_action
    about.trigger()
    dialog = window.help.about_dialog
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.text.text()
    assert version() in text and "ML System Canvas" in text
    assert "Designing Machine Learning Systems" in text and "Chip Huyen" in text and "Figure 1-1" in text
    assert "MIT" in text
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
