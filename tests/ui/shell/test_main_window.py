"""GUI tests of the main window's wiring: palette -> view, selection -> inspector, actions,
status bar, theme and window state persistence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication

from canvas.ui.canvas.palette import mime_data_for
from canvas.ui.inspector.inspector_forms import ComponentForm, LinkForm
from canvas.ui.settings import dark_theme_preferred
from tests.ui.ui_fixtures import isolated_settings, make_window, sample_design  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_double_click_in_palette_adds_at_view_centre(qtbot, make_window) -> None:
    window, _ = make_window()
    tree = window.palette_panel.tree
    entry = window.palette_panel.entry("monitoring")
    rect = tree.visualItemRect(entry)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    comps = window.document.design.components
    assert [c.kind for c in comps.values()] == ["monitoring"]
    cid = next(iter(comps))
    assert window.scene.selected_component_ids() == [cid]
    item = window.scene.component_item(cid)
    assert window.view.visible_scene_rect().contains(item.sceneBoundingRect())
    # The selection reached the inspector.
    assert isinstance(window.inspector.form, ComponentForm) and window.inspector.component_ids == [cid]
    assert window.document.undo_stack.count() == 1


def test_palette_drop_on_view_adds_there(qtbot, make_window) -> None:
    window, _ = make_window()
    viewport = window.view.viewport()
    mime = mime_data_for("data_source")
    pos = QPointF(200, 150)
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event in (
        QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, buttons, mods),
        QDragMoveEvent(pos.toPoint(), Qt.DropAction.CopyAction, mime, buttons, mods),
        QDropEvent(pos, Qt.DropAction.CopyAction, mime, buttons, mods),
    ):
        QApplication.sendEvent(viewport, event)
        assert event.isAccepted()
    comps = list(window.document.design.components.values())
    assert [c.kind for c in comps] == ["data_source"]
    centre = window.scene.component_item(comps[0].id).sceneBoundingRect().center()
    dropped = window.view.mapToScene(pos.toPoint())
    assert abs(centre.x() - dropped.x()) < 40 and abs(centre.y() - dropped.y()) < 40


def test_selection_drives_inspector(qtbot, make_window) -> None:
    window, _ = make_window()
    window.document.replace(sample_design())
    window.scene.select_ids(["deployment-1", "deployment-2"])
    assert window.inspector.component_ids == ["deployment-1", "deployment-2"]
    window.scene.select_ids([], ["link-1"])
    assert isinstance(window.inspector.form, LinkForm)
    window.scene.select_ids([])
    assert window.inspector.component_ids == [] and window.inspector.link_ids == []


def test_menus_and_standard_shortcuts(make_window) -> None:
    window, _ = make_window()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Arrange", "&Design", "&Help"]
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.view.canvas_actions.duplicate_action.shortcut() == QKeySequence("Ctrl+D")
    assert window.view.canvas_actions.zoom_reset_action.shortcut() == QKeySequence("Ctrl+0")
    assert QKeySequence("Ctrl+1") in window.view.canvas_actions.fit_action.shortcuts()
    assert QKeySequence("Ctrl+Shift+F") in window.view.canvas_actions.fit_action.shortcuts()
    assert window.view.canvas_actions.tidy_action.shortcut() == QKeySequence("Ctrl+L")
    assert window.files.save_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    file_menu = window.menuBar().actions()[0].menu()
    assert "Open &Recent" in [a.text() for a in file_menu.actions()]


def test_edit_actions_reach_the_view(qtbot, make_window) -> None:
    window, _ = make_window()
    window.document.replace(sample_design())
    window.view.canvas_actions.select_all_action.trigger()
    assert len(window.scene.selected_component_ids()) == 6
    window.scene.select_ids(["model-1"])
    window.view.canvas_actions.duplicate_action.trigger()
    assert len(window.document.design.components) == 7
    window.view.canvas_actions.delete_action.trigger()  # deletes the duplicate (now selected)
    assert len(window.document.design.components) == 6
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert len(window.document.design.components) == 6
    window.redo_action.trigger()
    assert len(window.document.design.components) == 7


def test_a_shortcut_on_the_canvas_makes_exactly_one_edit(qtbot, make_window) -> None:
    """One path from a key to its command: the canvas's action (no second handler)."""
    window, _ = make_window()
    window.document.replace(sample_design())
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    window.scene.select_ids(["model-1"])
    stack = window.document.undo_stack
    qtbot.keyClick(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert stack.count() == 1 and len(window.document.design.components) == 7
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)  # the duplicate is selected
    assert stack.count() == 2 and len(window.document.design.components) == 6
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stack.index() == 1 and len(window.document.design.components) == 7


def test_delete_key_in_inspector_edits_text_not_design(qtbot, make_window) -> None:
    window, _ = make_window()
    window.document.replace(sample_design())
    window.scene.select_ids(["model-1"])
    edit = window.inspector.form.label_edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.setCursorPosition(0)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert "model-1" in window.document.design.components
    assert edit.text() == "anker"


def test_zoom_actions_update_status(make_window) -> None:
    window, _ = make_window()
    window.view.canvas_actions.zoom_reset_action.trigger()
    assert window.zoom_label.text() == "100%"
    window.view.canvas_actions.zoom_in_action.trigger()
    assert window.zoom_label.text() == "125%"
    window.view.canvas_actions.zoom_out_action.trigger()
    window.view.canvas_actions.zoom_out_action.trigger()
    assert window.zoom_label.text() == "80%"


def test_status_bar_shows_view_messages(make_window) -> None:
    window, _ = make_window()
    window.view.status_message.emit("Refused: a model cannot host anything")
    assert window.statusBar().currentMessage() == "Refused: a model cannot host anything"


def test_undo_history_dock(make_window) -> None:
    window, _ = make_window()
    assert not window.history_dock.isVisible()
    window.history_action.trigger()
    assert window.history_dock.isVisible()
    window.document.set_name("x")
    assert window.undo_view.model().rowCount() == 2  # <original> and the edit


def test_dark_palette_toggle_persists(make_window, isolated_settings) -> None:  # noqa: F811
    window, _ = make_window()
    assert not window.dark_action.isChecked()
    window.dark_action.trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    assert window.scene.theme.dark
    assert dark_theme_preferred(isolated_settings)
    again, _ = make_window()
    assert again.dark_action.isChecked() and again.scene.theme.dark
    again.dark_action.trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() >= 128
    assert not dark_theme_preferred(isolated_settings)


def test_window_state_and_snap_persist(make_window, isolated_settings) -> None:  # noqa: F811
    window, _ = make_window()
    window.snap_action.trigger()
    window.palette_dock.hide()
    assert window.close()
    assert isolated_settings.value("window/geometry") is not None
    again, _ = make_window()
    assert again.snap_action.isChecked() and again.view.snap
    assert not again.palette_dock.isVisible()
