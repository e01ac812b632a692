"""GUI tests of the inspector: every edit is one document call (one undo step), undo refreshes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from canvas.core.catalog import ML_FIT_CRITERIA
from canvas.ui.document import Document
from canvas.ui.inspector.inspector import Inspector
from canvas.ui.inspector.inspector_forms import ComponentForm, LinkForm, shared_attributes
from canvas.ui.inspector.property_editors import (
    BoolEditor,
    ChecklistEditor,
    CommaListEditor,
    EnumEditor,
    MlFitEditor,
    NumberEditor,
    StringEditor,
)
from tests.ui.ui_fixtures import isolated_settings, make_window, sample_design  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def setup(qtbot):
    document = Document(sample_design())
    inspector = Inspector(document)
    qtbot.addWidget(inspector)
    inspector.resize(380, 900)
    inspector.show()
    return document, inspector


def _props(document: Document, cid: str) -> dict:
    return document.design.components[cid].properties


def _form(inspector: Inspector) -> ComponentForm:
    assert isinstance(inspector.form, ComponentForm)
    return inspector.form


def test_nothing_selected_edits_design_name(qtbot, setup) -> None:
    document, inspector = setup
    page = inspector.form
    page.name_edit.setText("Shop ranking")
    page.name_edit.editingFinished.emit()
    assert document.design.name == "Shop ranking"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: page.name_edit.text() == "Sample")


def test_editor_types_follow_catalogue(setup) -> None:
    document, inspector = setup
    inspector.set_selection(["req-1"])
    editors = _form(inspector).editors
    assert isinstance(editors["latency_slo_ms"], NumberEditor)
    assert editors["latency_slo_ms"].spin.suffix() == " ms"
    assert editors["monthly_budget"].spin.prefix() == "$ "
    assert isinstance(editors["objective"], StringEditor)
    assert isinstance(editors["ml_fit"], MlFitEditor)
    inspector.set_selection(["deployment-1"])
    editors = _form(inspector).editors
    assert isinstance(editors["mode"], EnumEditor)
    assert editors["mode"].combo.currentText() == "online"
    assert editors["latency_ms"].spin.value() == 40
    inspector.set_selection(["feature-pipeline-1"])
    assert isinstance(_form(inspector).editors["online_store"], BoolEditor)
    inspector.set_selection(["monitoring-1"])
    assert isinstance(_form(inspector).editors["signals"], ChecklistEditor)
    document.add_component("evaluation", 0, 300)
    inspector.set_selection(["evaluation-1"])
    assert isinstance(_form(inspector).editors["metrics"], CommaListEditor)


def test_number_typed_then_cleared_then_undone(qtbot, setup) -> None:
    document, inspector = setup
    inspector.set_selection(["model-1"])
    spin = _form(inspector).editors["latency_ms"].spin
    assert spin.text() == "not set"
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "12.5")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert _props(document, "model-1")["latency_ms"] == 12.5
    assert document.undo_stack.count() == 1
    _form(inspector).editors["latency_ms"].clear_button.click()
    assert "latency_ms" not in _props(document, "model-1")
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert _props(document, "model-1")["latency_ms"] == 12.5
    qtbot.waitUntil(lambda: spin.value() == 12.5)
    document.undo_stack.undo()
    assert "latency_ms" not in _props(document, "model-1")
    qtbot.waitUntil(lambda: spin.text() == "not set")


def test_whole_numbers_are_saved_as_ints(setup) -> None:
    document, inspector = setup
    inspector.set_selection(["req-1"])
    _form(inspector).editors["latency_slo_ms"].spin.setValue(100)
    assert _props(document, "req-1")["latency_slo_ms"] == 100
    assert isinstance(_props(document, "req-1")["latency_slo_ms"], int)


def test_enum_and_not_set(qtbot, setup) -> None:
    document, inspector = setup
    inspector.set_selection(["deployment-1"])
    combo: QComboBox = _form(inspector).editors["mode"].combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # online -> batch
    assert _props(document, "deployment-1")["mode"] == "batch"
    assert document.undo_stack.count() == 1
    combo.setCurrentIndex(0)  # "not set"
    combo.activated.emit(0)
    assert "mode" not in _props(document, "deployment-1")
    document.undo_stack.undo()
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: combo.currentText() == "online")
    assert _props(document, "deployment-1")["mode"] == "online"


def test_bool_checkbox(qtbot, setup) -> None:
    document, inspector = setup
    inspector.set_selection(["feature-pipeline-1"])
    check = _form(inspector).editors["online_store"].check
    assert not check.isChecked()
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
    assert _props(document, "feature-pipeline-1")["online_store"] is True
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: not check.isChecked())


def test_label_edit(qtbot, setup) -> None:
    document, inspector = setup
    inspector.set_selection(["model-1"])
    edit = _form(inspector).label_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Re-ranker")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert document.design.components["model-1"].label == "Re-ranker"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: edit.text() == "Ranker")


def test_ml_fit_checklist_and_verdict(qtbot, setup) -> None:
    document, inspector = setup
    inspector.set_selection(["req-1"])
    editor: MlFitEditor = _form(inspector).editors["ml_fit"]
    assert "Not answered" in editor.verdict.text()
    for key in ML_FIT_CRITERIA:
        combo = editor.combos[key]
        combo.setCurrentIndex(combo.findData(True))
        combo.activated.emit(combo.currentIndex())
    assert _props(document, "req-1")["ml_fit"] == {k: True for k in ML_FIT_CRITERIA}
    assert document.undo_stack.count() == len(ML_FIT_CRITERIA)
    assert "ML fits." in editor.verdict.text()
    combo = editor.combos["cheap_mistakes"]
    combo.setCurrentIndex(combo.findData(False))
    combo.activated.emit(combo.currentIndex())
    assert _props(document, "req-1")["ml_fit"]["cheap_mistakes"] is False
    assert "ML may not fit" in editor.verdict.text() and "no human in the loop" in editor.verdict.text()
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: editor.combos["cheap_mistakes"].currentData() is None)
    assert "ML fits." in editor.verdict.text()
    # Answering "not answered" to everything removes the property.
    for _ in ML_FIT_CRITERIA:
        document.undo_stack.undo()
    assert "ml_fit" not in _props(document, "req-1")
    qtbot.waitUntil(lambda: "Not answered" in editor.verdict.text())


def test_monitoring_signals_checklist(qtbot, setup) -> None:
    document, inspector = setup
    inspector.set_selection(["monitoring-1"])
    editor: ChecklistEditor = _form(inspector).editors["signals"]
    editor.list.item(0).setCheckState(Qt.CheckState.Checked)
    editor.list.item(2).setCheckState(Qt.CheckState.Checked)
    assert _props(document, "monitoring-1")["signals"] == ["data drift", "accuracy"]
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: editor.checked() == ["data drift"])


def test_free_form_properties(qtbot, setup) -> None:
    document, inspector = setup
    inspector.set_selection(["model-1"])
    free = _form(inspector).free
    assert free.keys() == ["team_size"]
    free.add_button.click()
    assert _props(document, "model-1")["property"] == ""
    qtbot.waitUntil(lambda: free.keys() == ["team_size", "property"])
    free.table.item(1, 1).setText("true")
    assert _props(document, "model-1")["property"] is True
    free.table.item(1, 1).setText("0.25")
    assert _props(document, "model-1")["property"] == 0.25
    free.table.item(1, 1).setText("vector db")
    assert _props(document, "model-1")["property"] == "vector db"
    qtbot.waitUntil(lambda: free.table.item(1, 1).text() == "vector db")
    free.table.item(1, 0).setText("store")
    assert list(_props(document, "model-1")) == ["algorithm", "team_size", "store"]
    qtbot.waitUntil(lambda: free.keys() == ["team_size", "store"])
    free.table.setCurrentCell(0, 0)
    free.remove_button.click()
    assert "team_size" not in _props(document, "model-1")
    assert document.undo_stack.count() == 6
    for _ in range(6):
        document.undo_stack.undo()
    assert _props(document, "model-1") == {"algorithm": "GBDT", "team_size": 3}
    qtbot.waitUntil(lambda: free.keys() == ["team_size"])
    assert free.table.item(0, 1).text() == "3"


def test_free_form_refuses_bad_keys(qtbot, setup) -> None:
    document, inspector = setup
    inspector.set_selection(["model-1"])
    free = _form(inspector).free
    messages = []
    free.report = messages.append
    free.table.item(0, 0).setText("algorithm")  # taken by a catalogue attribute
    free.table.item(0, 0).setText("")
    assert document.undo_stack.count() == 0
    assert free.table.item(0, 0).text() == "team_size"
    assert [m for m in messages if m] == [
        "This component already has a property named 'algorithm'.",
        "A property needs a name.",
    ]
    # A catalogue name of another kind is free on this one, but a common one must fit its type.
    document.set_property("model-1", "note", "slow")
    qtbot.waitUntil(lambda: "note" in free.keys())  # noqa: SIM118 - the editor's keys(), not a dict's
    row = free.keys().index("note")
    free.table.item(row, 0).setText("latency_ms")
    assert "latency_ms" not in _props(document, "model-1")
    assert "non-negative number" in messages[-1]
    # With a value that fits, the property moves into the typed attribute.
    document.set_property("model-1", "note", 30)
    qtbot.waitUntil(lambda: free.table.item(row, 1).text() == "30")
    free.table.item(row, 0).setText("latency_ms")
    assert _props(document, "model-1")["latency_ms"] == 30
    qtbot.waitUntil(lambda: _form(inspector).editors["latency_ms"].spin.value() == 30)
    assert "latency_ms" not in free.keys()  # noqa: SIM118 - the editor's keys()


def test_multi_selection_edits_shared_attributes(qtbot, setup) -> None:
    document, inspector = setup
    inspector.set_selection(["deployment-1", "deployment-2", "model-1"])
    form = _form(inspector)
    assert set(form.editors) == {"feedback_mitigation", "latency_ms", "monthly_cost"}
    assert form.label_edit is None and form.free is None
    assert form.editors["latency_ms"].spin.text() == "(mixed)"
    form.editors["latency_ms"].spin.setValue(7)
    assert [_props(document, c).get("latency_ms") for c in ("deployment-1", "deployment-2", "model-1")] == [7, 7, 7]
    assert document.undo_stack.count() == 1
    qtbot.waitUntil(lambda: form.editors["latency_ms"].spin.text() == "7 ms")
    form.editors["latency_ms"].clear_button.click()
    assert all("latency_ms" not in _props(document, c) for c in ("deployment-1", "deployment-2", "model-1"))
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert _props(document, "deployment-1")["latency_ms"] == 40
    assert "latency_ms" not in _props(document, "model-1")
    qtbot.waitUntil(lambda: form.editors["latency_ms"].spin.text() == "(mixed)")
    # Two deployments share their kind's attributes too.
    inspector.set_selection(["deployment-1", "deployment-2"])
    form = _form(inspector)
    assert "mode" in form.editors and form.editors["mode"].combo.currentText() == "(mixed)"
    form.editors["mode"].combo.setCurrentIndex(2)
    form.editors["mode"].combo.activated.emit(2)
    assert [_props(document, c)["mode"] for c in ("deployment-1", "deployment-2")] == ["batch", "batch"]
    assert document.undo_stack.count() == 1


def test_shared_attributes_of_unrelated_kinds() -> None:
    assert [a.name for a in shared_attributes(["users", "model"])] == ["latency_ms", "monthly_cost"]
    assert [a.name for a in shared_attributes(["deployment", "deployment"])][:1] == ["mode"]


def test_link_shows_ends_meaning_and_edits_label(qtbot, setup) -> None:
    document, inspector = setup
    inspector.set_selection([], ["link-1"])
    form = inspector.form
    assert isinstance(form, LinkForm)
    assert "Ranker" in form.title.text() and "Online API" in form.title.text()
    assert "flows into" in form.meaning.text()
    form.label_edit.setText("model artefact")
    form.label_edit.editingFinished.emit()
    assert document.design.links["link-1"].label == "model artefact"
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: form.label_edit.text() == "")


def test_selection_follows_document(qtbot, setup) -> None:
    document, inspector = setup
    inspector.set_selection(["model-1"])
    document.delete(["model-1"])
    qtbot.waitUntil(lambda: not isinstance(inspector.form, ComponentForm))
    document.undo_stack.undo()
    inspector.set_selection(["model-1"])
    document.replace(sample_design())
    assert inspector.component_ids == []


def test_ctrl_z_in_a_committed_field_undoes_the_design(qtbot, make_window) -> None:  # noqa: F811
    """Typing in a field, Ctrl+Z undoes the typing; once Enter has committed it, Ctrl+Z and
    Ctrl+Shift+Z undo and redo the design, as Edit ▸ Undo says."""
    window, _ = make_window()
    window.document.replace(sample_design())
    window.activateWindow()  # the window's Undo/Redo shortcuts need it active
    qtbot.waitUntil(window.isActiveWindow)
    window.scene.select_ids(["model-1"])
    form = window.inspector.form
    assert isinstance(form, ComponentForm)
    spin = form.editors["latency_ms"].spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "30")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert _props(window.document, "model-1")["latency_ms"] == 30
    qtbot.keyClick(spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "latency_ms" not in _props(window.document, "model-1")
    assert window.inspector.form is form and spin.hasFocus()  # refreshed in place, focus kept
    qtbot.keyClick(spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _props(window.document, "model-1")["latency_ms"] == 30
    label = window.inspector.form.label_edit
    label.setFocus()
    qtbot.keyClicks(label, "X")  # uncommitted typing: Ctrl+Z is the field's own
    qtbot.keyClick(label, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert label.text() == "Ranker" and _props(window.document, "model-1")["latency_ms"] == 30


def test_a_long_label_shows_its_beginning(setup) -> None:
    document, inspector = setup
    cid = next(iter(document.design.components))
    document.set_label(cid, "Candidate generation model (two-tower retrieval, refreshed nightly from clicks)")
    inspector.set_selection([cid])
    assert isinstance(inspector.form, ComponentForm) and inspector.form.label_edit is not None
    assert inspector.form.label_edit.cursorPosition() == 0  # the start is in view, not the end
