"""Live findings in the editor: an edit that creates a finding shows it in the Findings
panel, as an outline and badge on the canvas and in the status bar; fixing it clears all
three. Edits are real gestures (palette drop, port-to-port drag, Delete key) where the
editor has one, and Document calls otherwise."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from canvas.core.model import Severity
from tests.ui.findings_designs import served_design
from tests.ui.findings_rig import Rig, rig  # noqa: F401 - fixture
from tests.ui.gestures import drag, drop_kind

# The offscreen platform cannot resize top-level windows to their hints; harmless here.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _outlined(rig: Rig) -> dict[str, tuple[str | None, int]]:
    return {i.component_id: (i.severity, i.finding_count) for i in rig.scene.component_items() if i.severity}


def test_clean_design_shows_nothing(rig: Rig) -> None:
    assert rig.checker.findings == []
    assert rig.panel.shown_findings() == []
    assert _outlined(rig) == {}
    assert rig.status.text() == "0 errors, 0 warnings"
    top = rig.panel.tree.topLevelItem(0)
    assert rig.panel.tree.topLevelItemCount() == 1
    assert top.text(0) == "No findings: the checker has nothing to say about this design."


def test_a_design_just_opened_says_it_is_being_checked_not_that_it_has_no_findings(rig: Rig) -> None:
    def top() -> str:
        return rig.panel.tree.topLevelItem(0).text(0)

    rig.settle(lambda: rig.document.replace(served_design()))
    assert top() == "No findings: the checker has nothing to say about this design."
    rig.document.move({"dep": ((0.0, 0.0), (40.0, 40.0))})  # an edit: the findings stand meanwhile
    assert top() == "No findings: the checker has nothing to say about this design."
    rig.document.replace(served_design())  # another design: its check is still to come
    assert top() == "Checking the design…"
    rig.qtbot.waitUntil(lambda: rig.checker.current, timeout=5000)
    assert top() == "No findings: the checker has nothing to say about this design."
    rig.document.set_name("Renamed")  # the checker busy already (an edit to check)...
    rig.document.replace(served_design())  # ...when another design is opened (as at start-up)
    assert top() == "Checking the design…"


def test_dropped_component_is_flagged_then_connecting_it_clears_the_flags(rig: Rig) -> None:
    rig.look_at(1400, 300)
    rig.settle(lambda: drop_kind(rig.view, "monitoring", QPointF(1340, 470)))
    new = list(rig.document.design.components)[-1]
    assert rig.document.design.components[new].kind == "monitoring"

    # the panel
    row = rig.panel.item_for("component.disconnected", new)
    assert row is not None
    assert rig.panel.finding_of(row).severity is Severity.WARNING  # type: ignore[union-attr]
    assert "Monitoring" in row.text(0) and row.text(1) == "component.disconnected"
    assert row.text(2) == "The whole ML system · ch. 1"
    # the canvas
    item = rig.scene.component_item(new)
    assert item is not None and (item.severity, item.finding_count) == ("warning", 1)
    assert "component.disconnected" in item.tooltip_text()
    # the status bar
    assert rig.status.text() == "0 errors, 1 warning"

    # Fix it with the connect gesture: from the deployment's output port to the new card.
    dep = rig.scene.component_item("dep")
    assert dep is not None
    rig.settle(lambda: drag(rig.qtbot, rig.view, dep.output_port_pos(), item.sceneBoundingRect().center()))
    assert any(lk.source == "dep" and lk.target == new for lk in rig.document.design.links.values())
    assert rig.panel.item_for("component.disconnected") is None
    assert (item.severity, item.finding_count) == (None, 0)
    assert "component.disconnected" not in item.tooltip_text()
    assert rig.status.text() == "0 errors, 0 warnings"


def test_deleting_the_monitor_link_flags_the_model_and_undo_clears_it(rig: Rig) -> None:
    link = next(lk.id for lk in rig.document.design.links.values() if (lk.source, lk.target) == ("dep", "mon"))
    rig.settle(lambda: rig.document.delete([], [link]))
    assert {f.rule for f in rig.checker.findings} >= {"model.unmonitored", "model.no-update-loop"}
    assert rig.panel.item_for("model.unmonitored", "model") is not None
    assert rig.scene.component_item("model").severity == "error"  # type: ignore[union-attr]
    assert rig.status.text().startswith("1 error")

    rig.settle(rig.document.undo_stack.undo)
    assert rig.checker.findings == []
    assert rig.panel.shown_findings() == []
    assert rig.scene.component_item("model").severity is None  # type: ignore[union-attr]
    assert rig.status.text() == "0 errors, 0 warnings"


def test_slow_path_outlines_components_and_links_of_the_path(rig: Rig) -> None:
    rig.settle(lambda: rig.document.set_property("model", "latency_ms", 90))
    (slo,) = rig.live("slo.latency-exceeded")
    assert slo.components[0] == "app" and set(slo.components) == {"app", "feat", "model", "dep"}
    for cid in ("app", "feat", "model", "dep"):
        assert rig.scene.component_item(cid).severity == "error"  # type: ignore[union-attr]
    assert slo.links and all(rig.scene.link_item(lid).severity == "error" for lid in slo.links)  # type: ignore[union-attr]
    assert rig.status.text() == "1 error, 0 warnings"

    rig.settle(lambda: rig.document.set_property("model", "latency_ms", 40))
    assert _outlined(rig) == {}
    assert all(lk.severity is None for lk in rig.scene.link_items())
    assert rig.panel.shown_findings() == []


def test_worst_severity_wins_and_badge_counts_findings(rig: Rig) -> None:
    link = next(lk.id for lk in rig.document.design.links.values() if (lk.source, lk.target) == ("eval", "dep"))
    rig.settle(lambda: rig.document.delete([], [link]))  # the model is no longer served
    model = rig.scene.component_item("model")
    assert model is not None
    mine = [f for f in rig.checker.findings if "model" in f.components and not f.suppressed]
    assert model.finding_count == len(mine) >= 2
    assert model.severity == min((f.severity for f in mine), key=lambda s: s.rank).value


def test_clicking_a_finding_selects_and_centres_its_items(rig: Rig) -> None:
    rig.settle(lambda: rig.document.set_property("model", "latency_ms", 90))
    rig.view.centerOn(QPointF(-3000, -3000))  # look away first
    row = rig.panel.item_for("slo.latency-exceeded")
    assert row is not None
    rect = rig.panel.tree.visualItemRect(row)
    rig.qtbot.mouseClick(rig.panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    finding = rig.panel.finding_of(row)
    assert finding is not None
    assert finding.links  # a path finding: its links are selected too
    assert set(rig.scene.selected_component_ids()) == set(finding.components)
    assert set(rig.scene.selected_link_ids()) == set(finding.links)
    visible = rig.view.visible_scene_rect()
    assert visible.contains(rig.scene.component_item("model").sceneBoundingRect().center())  # type: ignore[union-attr]


def test_status_bar_click_opens_the_panel(rig: Rig) -> None:
    rig.panel.hide()
    rig.qtbot.mouseClick(rig.status, Qt.MouseButton.LeftButton)
    assert rig.panel.isVisible()


def test_status_bar_says_checking_while_an_edit_is_pending(rig: Rig) -> None:
    rig.document.set_property("model", "latency_ms", 90)
    assert rig.checker.busy and "checking…" in rig.status.text()
    rig.qtbot.waitUntil(lambda: not rig.checker.busy, timeout=5000)
    assert rig.status.text() == "1 error, 0 warnings"


def test_filters_by_severity_and_text(rig: Rig) -> None:
    rig.settle(lambda: rig.document.set_property("model", "latency_ms", 90))  # an error
    rig.settle(lambda: rig.document.add_component("data_source", 0, 600, "Orphan"))  # a warning
    assert set(rig.panel.groups()) == {Severity.ERROR, Severity.WARNING}
    assert rig.panel.severity_buttons[Severity.ERROR].text() == "1"

    rig.qtbot.mouseClick(rig.panel.severity_buttons[Severity.ERROR], Qt.MouseButton.LeftButton)
    assert set(rig.panel.groups()) == {Severity.WARNING}
    rig.qtbot.mouseClick(rig.panel.severity_buttons[Severity.ERROR], Qt.MouseButton.LeftButton)

    rig.qtbot.keyClicks(rig.panel.filter_edit, "orphan")
    rig.qtbot.waitUntil(lambda: [f.rule for f in rig.panel.shown_findings()] == ["component.disconnected"])
    rig.panel.filter_edit.clear()
    rig.qtbot.keyClicks(rig.panel.filter_edit, "ch. 1, 7")  # by box / chapter
    rig.qtbot.waitUntil(lambda: [f.rule for f in rig.panel.shown_findings()] == ["slo.latency-exceeded"])


def test_opening_another_design_never_shows_the_old_marks_on_it(rig: Rig) -> None:
    rig.settle(lambda: rig.document.set_property("model", "latency_ms", 90))
    assert rig.scene.component_item("model").severity == "error"  # type: ignore[union-attr]
    fresh = served_design()  # same ids, clean
    rig.document.replace(fresh)
    # the scene was rebuilt for the new design; the old findings must not be painted on it
    assert not rig.checker.current
    assert _outlined(rig) == {}
    rig.qtbot.waitUntil(lambda: rig.checker.current and not rig.checker.busy)
    assert rig.checker.findings == [] and _outlined(rig) == {}
    assert rig.status.text() == "0 errors, 0 warnings"
