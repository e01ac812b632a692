"""The checker inside the real main window: docks, status bar, Design ▸ Rule Settings,
outlines on the window's own canvas, the coverage view driving the palette."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from canvas.core.catalog import Box
from canvas.ui.shell.checker_ui import CheckerUi
from tests.ui.findings_designs import served_design
from tests.ui.ui_fixtures import isolated_settings, make_window  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _checker_ui(window) -> CheckerUi:
    ui: CheckerUi = window.checker_ui
    return ui


def test_window_shows_findings_everywhere(qtbot, make_window) -> None:
    window, _ = make_window()
    ui = _checker_ui(window)
    ui.checker.set_debounce(10)
    with qtbot.waitSignal(ui.checker.findings_ready, timeout=5000):
        window.document.replace(served_design())
    assert ui.status.text() == "0 errors, 0 warnings"
    with qtbot.waitSignal(ui.checker.findings_ready, timeout=5000):
        window.document.set_property("model", "latency_ms", 90)
    assert ui.status.text() == "1 error, 0 warnings"
    assert window.scene.component_item("model").severity == "error"
    assert ui.findings_panel.item_for("slo.latency-exceeded") is not None
    # drawn only when on screen: a dock tabbed behind Findings has an empty visible region
    panel = ui.analysis_panel
    assert panel.slo_line_value == 100.0 or not panel.isVisible() or panel.visibleRegion().isEmpty()

    # the status bar opens the findings dock
    ui.findings_panel.hide()
    qtbot.mouseClick(ui.status, Qt.MouseButton.LeftButton)
    assert ui.findings_panel.isVisible()

    # Design > Rule Settings… exists; the docks can be toggled from View > Panels
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions() if a.menu()}
    assert ui.rule_settings_action in menus["Design"].actions()
    toggles = {a.text() for a in window.panels_menu.actions()}
    assert {"Findings (1)", "Analysis", "Figure 1-1"} <= toggles  # the title counts live findings


def test_coverage_click_filters_the_window_palette(qtbot, make_window) -> None:
    window, _ = make_window()
    ui = _checker_ui(window)
    ui.coverage_dock.show()
    qtbot.waitExposed(ui.coverage_view)
    rect = ui.coverage_view.box_rect(Box.FEATURES)
    qtbot.mouseClick(ui.coverage_view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.palette_panel.visible_kinds() == ["feature_pipeline"]
