"""The inspector cuts nothing a user needs to read: hints wrap under their fields, a narrow
choice box elides with the whole text as its tooltip and a full-width list; a business
requirement's targets are apart from its own latency and cost, which fold away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QWidget

from canvas.core.catalog import KINDS
from canvas.ui.document import Document
from canvas.ui.inspector.inspector import Inspector
from canvas.ui.inspector.inspector_forms import OWN_COST_TITLE, ComponentForm
from canvas.ui.inspector.property_editors import NOT_SET
from tests.ui.ui_fixtures import sample_design, shown

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def inspector(qtbot):  # type: ignore[no-untyped-def]
    return shown(qtbot, Inspector(Document(sample_design())), 320, 1200)


def form_of(inspector: Inspector, cid: str) -> ComponentForm:
    inspector.set_selection([cid])
    assert isinstance(inspector.form, ComponentForm)
    return inspector.form


def group_title(widget: QWidget) -> str | None:
    """The title of the group box a widget is in, if any."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QGroupBox):
        parent = parent.parentWidget()
    return parent.title() if parent is not None else None


def test_a_requirements_targets_are_apart_from_its_own_latency_and_cost(qtbot, inspector):
    document = inspector.document
    form = form_of(inspector, "req-1")
    editors = form.editors
    for name in ("objective", "latency_slo_ms", "monthly_budget"):
        assert group_title(editors[name]) == "Requirement", name
    section = form.own_cost
    assert section is not None and section.toggle.text() == OWN_COST_TITLE
    assert not editors["latency_ms"].isVisible() and not editors["monthly_cost"].isVisible()  # folded away
    qtbot.mouseClick(section.toggle, Qt.MouseButton.LeftButton)
    assert editors["latency_ms"].isVisible() and editors["monthly_cost"].isVisible()
    explanation = section.body.findChildren(QLabel)[0].text()
    assert "Latency SLO" in explanation and "Monthly budget" in explanation and "targets" in explanation
    spin = editors["latency_ms"].spin
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "5")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert document.design.components["req-1"].properties == {"latency_ms": 5}  # not the SLO
    assert document.undo_stack.undoText() == "Set Latency of 'Grow sales'"


def test_a_requirement_with_its_own_cost_shows_it_open(inspector):
    inspector.document.set_property("req-1", "monthly_cost", 300)
    form = form_of(inspector, "req-1")
    assert form.own_cost is not None and form.own_cost.is_expanded()
    assert form.editors["monthly_cost"].isVisible()


def test_other_kinds_keep_latency_and_cost_in_their_form(inspector):
    form = form_of(inspector, "deployment-1")
    assert form.own_cost is None
    assert form.editors["latency_ms"].isVisible() and group_title(form.editors["latency_ms"]) is None


def test_every_description_is_a_whole_wrapped_hint_under_its_field(inspector):
    for cid in ("req-1", "model-1", "deployment-1", "monitoring-1", "feature-pipeline-1"):
        form = form_of(inspector, cid)
        kind = KINDS[inspector.document.design.components[cid].kind]
        for attr in kind.all_attributes:
            if not attr.description or attr.name == "ml_fit":
                continue
            hint = form.findChild(QLabel, f"{attr.name}.hint")
            assert hint is not None and hint.text() == attr.description, (cid, attr.name)
            assert hint.wordWrap()
        for editor in form.editors.values():
            edit = getattr(editor, "edit", None)
            if edit is not None:  # a text field's placeholder is short: its description is the hint
                assert edit.placeholderText() in (NOT_SET, "(mixed)")


# Offscreen, a combo box's popup cannot raise itself or grab the keyboard (it still opens).
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
def test_a_narrow_choice_box_elides_with_a_tooltip_and_lists_its_choices_whole(qtbot, inspector):
    inspector.resize(230, 900)
    combo = form_of(inspector, "model-1").editors["origin"].combo
    qtbot.waitUntil(lambda: combo.shown_text() != combo.currentText())
    assert combo.currentText() == "not set (default trained)"
    assert combo.shown_text().endswith("…") and combo.toolTip() == combo.currentText()
    assert combo.mapTo(inspector, QPoint(combo.width(), 0)).x() <= inspector.width()  # inside the dock
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    popup = combo.view()
    qtbot.waitUntil(popup.isVisible)
    widest = max(popup.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
    assert popup.width() >= widest
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    inspector.resize(420, 900)
    qtbot.waitUntil(lambda: combo.shown_text() == combo.currentText())
    assert combo.toolTip() == ""  # whole again: the attribute's own tooltip shows
