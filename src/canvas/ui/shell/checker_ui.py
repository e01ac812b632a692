"""UI layer: puts the checker into a main window — live checking, the Findings and Analysis
docks, the Figure 1-1 coverage dock, the canvas outlines, the status-bar summary and the
Design ▸ Rule settings action.

Kept out of ``main_window.py`` so the window stays "menus and docks, nothing else": the
window calls :func:`install_checker_ui` once, after its menus exist, and hands it the menus
and the dock it fills.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from canvas.core.catalog import Box
from canvas.ui.analysis.analysis_panel import AnalysisPanel
from canvas.ui.analysis.coverage_view import CoverageView
from canvas.ui.canvas.scene import DesignScene
from canvas.ui.canvas.view import DesignView
from canvas.ui.document import Document
from canvas.ui.findings.checker_service import CheckerService
from canvas.ui.findings.findings_overlay import FindingsOverlay
from canvas.ui.findings.findings_panel import FindingsPanel
from canvas.ui.findings.findings_status import FindingsStatus


@dataclass
class CheckerUi:
    checker: CheckerService
    overlay: FindingsOverlay
    findings_panel: FindingsPanel
    analysis_panel: AnalysisPanel
    coverage_view: CoverageView
    coverage_dock: QDockWidget
    status: FindingsStatus
    rule_settings_action: QAction

    def shutdown(self) -> None:
        """Stop the worker thread (the window is closing)."""
        self.checker.shutdown()


def install_checker_ui(
    window: QMainWindow,
    document: Document,
    scene: DesignScene,
    view: DesignView,
    *,
    design_menu: QMenu,
    panels_menu: QMenu | None = None,
    palette_dock: QDockWidget | None = None,
    filter_palette: Callable[[Box | None], None] | None = None,
    debounce_ms: int = 250,
) -> CheckerUi:
    """Create the checker's widgets for ``document`` on ``scene``/``view``, dock them in
    ``window`` and connect them.

    What they fill is handed in: ``design_menu`` gets Rule Settings…, ``panels_menu`` the
    new docks' toggles, the coverage dock goes under ``palette_dock``, and a click on a
    Figure 1-1 box calls ``filter_palette(box)`` (and shows the palette's dock).
    """
    checker = CheckerService(document, debounce_ms=debounce_ms, parent=window)
    overlay = FindingsOverlay(scene, checker, parent=window)
    findings = FindingsPanel(document, checker, scene, view, window)
    analysis = AnalysisPanel(document, checker, window)
    # Like an IDE's problems view: under the canvas, between the side panels.
    window.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, findings)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, analysis)
    window.tabifyDockWidget(findings, analysis)
    findings.raise_()
    window.resizeDocks([findings], [230], Qt.Orientation.Vertical)

    coverage = CoverageView(document)
    coverage_dock = QDockWidget("Figure 1-1", window)
    coverage_dock.setObjectName("coverage_dock")
    coverage_dock.setWidget(coverage)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, coverage_dock)
    if palette_dock is not None:
        window.splitDockWidget(palette_dock, coverage_dock, Qt.Orientation.Vertical)
    if filter_palette is not None:
        coverage.box_clicked.connect(filter_palette)
        if palette_dock is not None:
            coverage.box_clicked.connect(lambda _box: _show_dock(palette_dock))

    status = FindingsStatus(checker)
    window.statusBar().addPermanentWidget(status)
    status.clicked.connect(findings.show_and_raise)

    action = QAction("&Rule Settings…", window)
    action.setStatusTip("Turn rules off or change their severity for this design")
    action.triggered.connect(lambda _checked=False: _edit_rule_settings(document, window))
    design_menu.addAction(action)
    if panels_menu is not None:
        for dock in (findings, analysis, coverage_dock):
            panels_menu.addAction(dock.toggleViewAction())
    return CheckerUi(checker, overlay, findings, analysis, coverage, coverage_dock, status, action)


def _edit_rule_settings(document: Document, window: QMainWindow) -> None:
    from canvas.ui.findings.rule_settings_dialog import edit_rule_settings  # the rules load with it

    edit_rule_settings(document, window)


def _show_dock(dock: QDockWidget) -> None:
    dock.show()
    dock.raise_()
