"""Suppressing from the Findings panel's context menu: a required reason, one undo step,
suppressed findings stay listed greyed with their reason; unsuppress; explain the rule."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from canvas.core.rules import RULES_BY_ID, Finding
from canvas.ui.findings import findings_panel
from canvas.ui.findings.findings_panel import FindingsPanel
from canvas.ui.findings.suppress_dialog import SuppressDialog
from tests.ui.findings_rig import Rig, rig  # noqa: F401 - fixture

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

RULE = "component.disconnected"


def _orphan(rig: Rig) -> str:
    cid = ""

    def add() -> None:
        nonlocal cid
        cid = rig.document.add_component("data_source", 0, 600, "Old CSV export")

    rig.settle(add)
    return cid


def _right_click_and_choose(rig: Rig, monkeypatch: pytest.MonkeyPatch, rule: str, component: str, text: str) -> None:
    """A real context-menu event on the row; the menu 'picks' the action named ``text``."""
    chosen: list[str] = []

    def pick(self: FindingsPanel, menu: QMenu, _pos: QPoint) -> None:
        action = next(a for a in menu.actions() if a.text() == text)
        assert action.isEnabled()
        chosen.append(text)
        action.trigger()

    monkeypatch.setattr(FindingsPanel, "exec_menu", pick)
    row = rig.panel.item_for(rule, component)
    assert row is not None
    pos = rig.panel.tree.visualItemRect(row).center()
    vp = rig.panel.tree.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, vp.mapToGlobal(pos))
    QApplication.sendEvent(vp, event)
    assert chosen == [text]


def test_suppress_from_context_menu_then_undo_redo(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    cid = _orphan(rig)
    asked: list[str] = []

    def reason(_parent: object, finding: object, rule: object) -> str:
        asked.append(finding.rule)  # type: ignore[attr-defined]
        return "  kept for the migration  "

    monkeypatch.setattr(findings_panel, "ask_reason", reason)
    rig.settle(lambda: _right_click_and_choose(rig, monkeypatch, RULE, cid, "Suppress…"))
    assert asked == [RULE]
    comp = rig.document.design.components[cid]
    assert [(s.rule, s.reason) for s in comp.suppressions] == [(RULE, "kept for the migration")]
    assert rig.document.undo_stack.count() == 2 and rig.document.undo_stack.undoText() == "Suppress finding"

    # still listed, greyed and italic, with the reason; no outline, not counted
    row = rig.panel.item_for(RULE, cid)
    assert row is not None
    assert rig.panel.finding_of(row).suppressed  # type: ignore[union-attr]
    assert "suppressed: kept for the migration" in row.text(0)
    assert row.font(0).italic() and row.foreground(0).color().name() == "#8a9199"
    assert "(1 suppressed)" in row.parent().text(0)
    assert rig.scene.component_item(cid).severity is None  # type: ignore[union-attr]
    assert rig.status.text() == "0 errors, 0 warnings"

    rig.settle(rig.document.undo_stack.undo)
    assert rig.document.design.components[cid].suppressions == []
    assert not rig.panel.finding_of(rig.panel.item_for(RULE, cid)).suppressed  # type: ignore[union-attr]
    assert rig.scene.component_item(cid).severity == "warning"  # type: ignore[union-attr]
    assert rig.status.text() == "0 errors, 1 warning"

    rig.settle(rig.document.undo_stack.redo)
    assert rig.panel.finding_of(rig.panel.item_for(RULE, cid)).suppressed  # type: ignore[union-attr]
    assert rig.scene.component_item(cid).severity is None  # type: ignore[union-attr]


def test_unsuppress_from_context_menu_round_trips(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    cid = _orphan(rig)
    rig.settle(lambda: rig.document.suppress(cid, RULE, "legacy"))
    rig.settle(lambda: _right_click_and_choose(rig, monkeypatch, RULE, cid, "Unsuppress"))
    assert rig.document.design.components[cid].suppressions == []
    assert rig.document.undo_stack.undoText() == "Unsuppress finding"
    assert rig.status.text() == "0 errors, 1 warning"
    rig.settle(rig.document.undo_stack.undo)
    assert rig.document.design.components[cid].suppression_for(RULE) is not None
    assert rig.status.text() == "0 errors, 0 warnings"


def test_cancelled_or_blank_reason_changes_nothing(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    cid = _orphan(rig)
    before = rig.document.undo_stack.count()
    for answer in (None, "   "):
        monkeypatch.setattr(findings_panel, "ask_reason", lambda *_a, _x=answer: _x)
        _right_click_and_choose(rig, monkeypatch, RULE, cid, "Suppress…")
        assert rig.document.undo_stack.count() == before
        assert rig.document.design.components[cid].suppressions == []


def test_suppress_dialog_needs_a_reason(qtbot) -> None:
    finding = Finding(RULE, RULES_BY_ID[RULE].severity, "'X' is not connected", ("x",))
    dialog = SuppressDialog(finding, RULES_BY_ID[RULE])
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "   ")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "demo only")
    assert dialog.ok_button.isEnabled() and dialog.reason == "demo only"


def test_explain_rule_from_context_menu(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    rig.settle(lambda: rig.document.set_property("model", "latency_ms", 90))
    _right_click_and_choose(rig, monkeypatch, "slo.latency-exceeded", "model", "Explain rule…")
    dialog = rig.panel.explain_dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    rule = RULES_BY_ID["slo.latency-exceeded"]
    for part in (
        "What it checks",
        "Why it matters",
        "How to fix it",
        rule.hint,
        rule.box_title,
        "chapters 1, 7",
        "Designing Machine Learning Systems",
        "over the 100 ms SLO",
    ):
        assert part in text, part
    dialog.close()


def test_finding_without_components_cannot_be_suppressed(rig: Rig) -> None:
    f = Finding("design.figure-coverage", RULES_BY_ID["design.figure-coverage"].severity, "x")
    rig.panel.set_findings([f])
    menu = rig.panel.context_menu_for(rig.panel.item_for("design.figure-coverage"))
    assert menu is not None
    suppress = next(a for a in menu.actions() if a.text() == "Suppress…")
    assert not suppress.isEnabled()
