"""Notes and groups in the main window: menus, toolbar and shortcuts, the inspector following
the selection, context menus, and unsaved notes and groups surviving a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence

from canvas.io.recovery_store import RecoveryStore
from canvas.ui.files.recovery import offer_recovery
from canvas.ui.files.safety_dialogs import RecoveryChoice
from canvas.ui.inspector.group_form import GroupForm
from canvas.ui.inspector.note_form import NoteForm
from tests.ui.files.test_recovery import _answers, _orphan
from tests.ui.shell.test_context_menu import Menus, card_centre, right_click, window  # noqa: F401 - a fixture
from tests.ui.ui_fixtures import isolated_settings, make_window, sample_design  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def texts(menu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_arrange_menu_and_toolbar_offer_notes_and_groups(window) -> None:
    assert texts(window.arrange_menu)[-3:] == ["Add Note", "Group", "Ungroup"]
    assert "Tidy Up" in texts(window.arrange_menu)
    toolbar = [a.text().replace("&", "") for a in window.toolbar.actions()]
    assert "Add Note" in toolbar and "Group" in toolbar
    a = window.view.annotation_actions
    assert a.group_action.shortcut() == QKeySequence("Ctrl+G")
    assert a.ungroup_action.shortcut() == QKeySequence("Ctrl+Shift+G")
    # Snap to Grid gave Ctrl+Shift+G up: no shortcut is bound twice
    assert window.snap_action.shortcut() == QKeySequence("Ctrl+'")


def test_ctrl_g_in_the_window_groups_and_the_inspector_names_it(qtbot, window) -> None:
    window.scene.select_ids(["model-1", "deployment-1"])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    (gid,) = window.document.design.groups
    form = window.inspector.form
    assert isinstance(form, GroupForm) and form.label_edit is not None
    form.label_edit.setText("Online serving")
    form.label_edit.editingFinished.emit()
    assert window.document.design.groups[gid].label == "Online serving"
    assert window.document.undo_stack.count() == 2
    window.undo_action.trigger()
    assert window.document.design.groups[gid].label == "Group"


def test_selecting_a_note_shows_its_page(qtbot, window) -> None:
    nid = window.document.annotations.add_note(0, 300, "Why batch")
    window.scene.select_ids([], note_ids=[nid])
    assert isinstance(window.inspector.form, NoteForm)


def test_context_menus_for_a_note_a_frame_and_the_background(qtbot, window) -> None:
    doc = window.document
    nid = doc.annotations.add_note(0, 300, "x")
    gid = doc.annotations.group(["model-1", "deployment-1"], "Online serving")
    menus = Menus(choose="Duplicate")
    window.popup_menu = menus
    right_click(qtbot, window, window.scene.annotations.note_item(nid).sceneBoundingRect().center())
    assert menus.shown[0][:4] == ["Cut", "Copy", "Duplicate", "Delete"]
    assert len(doc.design.notes) == 2
    frame = window.scene.annotations.frame(gid).scene_rect()
    menus = Menus(choose="Ungroup")
    window.popup_menu = menus
    right_click(qtbot, window, QPointF(frame.right() - 20, frame.top() + 8))
    assert menus.shown[0] == ["Delete", "Ungroup"] and not doc.design.groups
    menus = Menus(choose="Add Note Here")
    window.popup_menu = menus
    visible = window.view.visible_scene_rect()
    empty = next(
        QPointF(x, y)
        for y in range(int(visible.top()) + 40, int(visible.bottom()) - 40, 40)
        for x in range(int(visible.left()) + 40, int(visible.right()) - 40, 40)
        if not window.scene.items(QPointF(x, y))
    )
    right_click(qtbot, window, empty)
    assert "Add Note Here" in menus.shown[0] and len(doc.design.notes) == 3
    # a card's menu groups and ungroups too
    menus = Menus(choose="Group")
    window.popup_menu = menus
    window.scene.select_ids(["model-1", "deployment-1"])
    right_click(qtbot, window, card_centre(window, "model-1"))
    assert "Group" in menus.shown[0] and len(doc.design.groups) == 1


def test_unsaved_notes_and_groups_are_autosaved_and_restored(
    qtbot,
    make_window,
    monkeypatch,
    private_recovery_folder: Path,  # noqa: F811
) -> None:
    window, _ = make_window()
    window.recovery.timer.setInterval(50)
    window.document.replace(sample_design())
    window.document.annotations.add_note(0, 300, "Online path")
    window.document.annotations.group(["model-1", "deployment-1"], "Online serving")
    with qtbot.waitSignal(window.recovery.autosaved, timeout=3000):
        pass
    entry = RecoveryStore(private_recovery_folder).read(window.recovery.path)
    assert entry.design.snapshot() == window.document.design.snapshot()
    # as if the process had died: the next start offers it, and restores the frame and the note
    _orphan(private_recovery_folder, entry.design, None)
    again, _ = make_window()
    _answers(monkeypatch, RecoveryChoice.RESTORE)
    offer_recovery(again, lambda: pytest.fail("no second window needed"))
    (gid,) = again.document.design.groups
    assert again.scene.annotations.frame(gid) is not None
    assert [n.text for n in again.document.design.notes.values()] == ["Online path"]
    assert again.scene.annotations.note_item(next(iter(again.document.design.notes))) is not None
