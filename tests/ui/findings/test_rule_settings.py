"""Design ▸ Rule settings: disabling a rule or changing its severity, through the dialog's
own widgets, is one undo step saved in the design; the live findings follow."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from canvas.core.model import RuleSetting, Severity
from canvas.core.rules import RULES
from canvas.io import load_design, save_design
from canvas.ui.findings.rule_settings_dialog import RuleSettingsDialog
from tests.ui.findings_rig import Rig, rig  # noqa: F401 - fixture

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

RULE = "component.disconnected"


def _dialog(rig: Rig) -> RuleSettingsDialog:
    dialog = RuleSettingsDialog(rig.document)
    rig.qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    return dialog


def test_lists_every_rule_with_its_current_setting(rig: Rig) -> None:
    rig.document.set_rule_setting("feedback.not-captured", RuleSetting(enabled=False))
    rig.document.set_rule_setting("model.unevaluated", RuleSetting(severity=Severity.ERROR))
    dialog = _dialog(rig)
    assert dialog.table.rowCount() == len(RULES)
    assert [dialog.table.item(r, 1).text() for r in range(len(RULES))] == [r.id for r in RULES]
    assert not dialog.enabled_boxes["feedback.not-captured"].isChecked()
    assert not dialog.severity_combos["feedback.not-captured"].isEnabled()
    assert dialog.severity_combos["model.unevaluated"].currentData() == "error"
    assert dialog.severity_combos[RULE].currentText() == "Default (warning)"
    assert dialog.changes() == {}


def test_disabling_a_rule_hides_its_findings_and_undo_brings_them_back(rig: Rig, tmp_path) -> None:
    rig.settle(lambda: rig.document.add_component("data_source", 0, 600, "Orphan"))
    assert rig.live(RULE)
    dialog = _dialog(rig)
    rig.qtbot.mouseClick(dialog.enabled_boxes[RULE], Qt.MouseButton.LeftButton)
    assert dialog.changes() == {RULE: RuleSetting(enabled=False)}
    rig.settle(lambda: rig.qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton))
    assert not dialog.isVisible()
    assert rig.document.design.settings.rules == {RULE: RuleSetting(enabled=False)}
    assert not [f for f in rig.checker.findings if f.rule == RULE]
    assert rig.panel.item_for(RULE) is None
    assert rig.status.text() == "0 errors, 0 warnings"

    # saved in the file
    path = tmp_path / "d.json"
    save_design(rig.document.design, path)
    assert load_design(path).settings.rules[RULE].enabled is False

    rig.settle(rig.document.undo_stack.undo)
    assert rig.document.design.settings.rules == {}
    assert rig.panel.item_for(RULE) is not None
    assert rig.status.text() == "0 errors, 1 warning"


def test_changing_severity_moves_the_finding_to_another_group(rig: Rig) -> None:
    rig.settle(lambda: rig.document.add_component("data_source", 0, 600, "Orphan"))
    dialog = _dialog(rig)
    combo = dialog.severity_combos[RULE]
    combo.setCurrentIndex(combo.findData("error"))
    dialog.enabled_boxes["feedback.not-captured"].setChecked(False)
    before = rig.document.undo_stack.count()
    rig.settle(dialog.accept)
    assert rig.document.undo_stack.count() == before + 1  # two rules, one undo step
    assert rig.document.undo_stack.undoText() == "Change rule settings"
    (finding,) = rig.live(RULE)
    assert finding.severity is Severity.ERROR
    assert Severity.ERROR in rig.panel.groups()
    assert rig.status.text() == "1 error, 0 warnings"
    rig.settle(rig.document.undo_stack.undo)
    assert rig.live(RULE)[0].severity is Severity.WARNING


def test_restore_defaults_removes_the_entries(rig: Rig) -> None:
    rig.document.set_rule_setting(RULE, RuleSetting(enabled=False))
    rig.document.set_rule_setting("model.unevaluated", RuleSetting(severity=Severity.INFO))
    dialog = _dialog(rig)
    rig.qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.changes() == {RULE: None, "model.unevaluated": None}
    dialog.accept()
    assert rig.document.design.settings.rules == {}


def test_choosing_the_default_severity_explicitly_stores_nothing(rig: Rig) -> None:
    dialog = _dialog(rig)
    combo = dialog.severity_combos[RULE]
    combo.setCurrentIndex(combo.findData("warning"))  # same as the default
    assert dialog.changes() == {}
    cancel_count = rig.document.undo_stack.count()
    dialog.accept()
    assert rig.document.undo_stack.count() == cancel_count
