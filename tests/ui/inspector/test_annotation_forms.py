"""The inspector's pages for notes and groups: each committed change is one undo step, and
undo shows in the form again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from canvas.ui.document import Document
from canvas.ui.inspector.group_form import GroupForm
from canvas.ui.inspector.inspector import Inspector
from canvas.ui.inspector.inspector_forms import ComponentForm
from canvas.ui.inspector.note_form import NoteForm
from tests.ui.ui_fixtures import sample_design

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def setup(qtbot):
    document = Document(sample_design())
    notes = document.annotations
    notes.add_note(0, 300, "Online path")
    notes.add_note(300, 300, "Offline path", color="blue")
    document.set_label("deployment-1", "Online API & cache")
    notes.group(["model-1", "deployment-1"], "Online serving")
    notes.group(["feature-pipeline-1"], "Team Ads")
    document.undo_stack.clear()
    inspector = Inspector(document)
    qtbot.addWidget(inspector)
    inspector.resize(380, 700)
    inspector.show()
    return document, inspector


def test_one_note_edits_its_text_and_colour(qtbot, setup) -> None:
    document, inspector = setup
    inspector.set_selection([], [], ["note-1"])
    form = inspector.form
    assert isinstance(form, NoteForm) and form.text_edit is not None
    assert form.text_edit.toPlainText() == "Online path" and form.colours.buttons["yellow"].isChecked()
    form.text_edit.setFocus()
    qtbot.keyClick(form.text_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.text_edit, ": p99 under 150 ms")
    assert document.undo_stack.count() == 0  # not yet: typing is not an edit
    qtbot.keyClick(form.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert document.design.notes["note-1"].text == "Online path: p99 under 150 ms"
    assert document.undo_stack.count() == 1
    qtbot.mouseClick(form.colours.buttons["green"], Qt.MouseButton.LeftButton)
    assert document.design.notes["note-1"].color == "green" and document.undo_stack.count() == 2
    assert document.undo_stack.undoText() == "Colour note"
    document.undo_stack.undo()
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: form.text_edit.toPlainText() == "Online path")
    assert form.colours.buttons["yellow"].isChecked()


def test_several_notes_share_one_colour_change(qtbot, setup) -> None:
    document, inspector = setup
    inspector.set_selection([], [], ["note-1", "note-2"])
    form = inspector.form
    assert isinstance(form, NoteForm) and form.text_edit is None
    assert not any(b.isChecked() for b in form.colours.buttons.values())  # mixed
    qtbot.mouseClick(form.colours.buttons["pink"], Qt.MouseButton.LeftButton)
    assert {n.color for n in document.design.notes.values()} == {"pink"}
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Colour 2 notes"


def test_a_group_is_renamed_recoloured_and_ungrouped(qtbot, setup) -> None:
    document, inspector = setup
    (online, ads) = document.design.groups
    inspector.set_selection([], [], [], [online])
    form = inspector.form
    assert isinstance(form, GroupForm) and form.label_edit is not None
    assert form.label_edit.text() == "Online serving"
    assert "2 components" in form.title.text() and form.members.text() == "Ranker, Online API & cache"
    form.label_edit.selectAll()
    qtbot.keyClicks(form.label_edit, "Real-time path")
    qtbot.keyClick(form.label_edit, Qt.Key.Key_Return)
    assert document.design.groups[online].label == "Real-time path"
    assert document.undo_stack.undoText() == "Rename group 'Online serving' to 'Real-time path'"
    qtbot.mouseClick(form.colours.buttons["orange"], Qt.MouseButton.LeftButton)
    assert document.design.groups[online].color == "orange"
    qtbot.mouseClick(form.ungroup_button, Qt.MouseButton.LeftButton)
    assert online not in document.design.groups and ads in document.design.groups
    assert {"model-1", "deployment-1"} <= set(document.design.components)
    assert document.undo_stack.count() == 3 and document.undo_stack.undoText() == "Ungroup 'Real-time path'"
    document.undo_stack.undo()
    assert document.design.groups[online].label == "Real-time path"


def test_several_groups_recolour_and_ungroup_together(qtbot, setup) -> None:
    document, inspector = setup
    gids = list(document.design.groups)
    inspector.set_selection([], [], [], gids)
    form = inspector.form
    assert isinstance(form, GroupForm) and form.label_edit is None and "2 groups" in form.title.text()
    qtbot.mouseClick(form.colours.buttons["purple"], Qt.MouseButton.LeftButton)
    assert {g.color for g in document.design.groups.values()} == {"purple"}
    assert document.undo_stack.undoText() == "Colour 2 groups"
    qtbot.mouseClick(form.ungroup_button, Qt.MouseButton.LeftButton)
    assert not document.design.groups and document.undo_stack.count() == 2


def test_components_take_precedence_and_mixed_notes_and_groups_show_the_design(setup) -> None:
    document, inspector = setup
    inspector.set_selection(["model-1"], [], ["note-1"], list(document.design.groups))
    assert isinstance(inspector.form, ComponentForm)
    inspector.set_selection([], [], ["note-1"], list(document.design.groups))
    assert not isinstance(inspector.form, (NoteForm, GroupForm, ComponentForm))


def test_a_deleted_note_leaves_its_page(setup) -> None:
    document, inspector = setup
    inspector.set_selection([], [], ["note-1"])
    document.delete([], [], note_ids=["note-1"])
    inspector.refresh()
    assert not isinstance(inspector.form, NoteForm)
