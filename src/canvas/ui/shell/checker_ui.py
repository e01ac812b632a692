"""UI layer: puts the checker into a main window — live checking, the Findings and Analysis
docks, the Figure 1-1 coverage dock, the canvas outlines, the status-bar summary and the
Design ▸ Rule settings action.

Kept out of ``main_window.py`` so the window stays "menus and docks, nothing else": the
window calls :func:`install_checker_ui` once, after its menus exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from canvas.ui.analysis.analysis_panel import AnalysisPanel
from canvas.ui.findings.checker_service import CheckerService
from canvas.ui.analysis.coverage_view import CoverageView
from canvas.ui.document import Document
from canvas.ui.findings.findings_overlay import FindingsOverlay
from canvas.ui.findings.findings_panel import FindingsPanel
from canvas.ui.findings.findings_status import FindingsStatus
from canvas.ui.findings.rule_settings_dialog import edit_rule_settings
from canvas.ui.canvas.scene import DesignScene
from canvas.ui.canvas.view import DesignView


class _Window(Protocol):
    """What the checker needs from the main window."""

    document: Document
    scene: DesignScene
    view: DesignView


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


def install_checker_ui(window: QMainWindow, *, debounce_ms: int = 250) -> CheckerUi:
    """Create and dock the checker's widgets in ``window`` and connect them.

    ``window`` has ``document``, ``scene`` and ``view``; when it also has ``palette_panel``
    (a click on a Figure 1-1 box filters it), ``palette_dock`` (coverage goes under it) and
    ``panels_menu`` (the new docks get toggles there), those are used too.
    """
    w: _Window = window  # type: ignore[assignment]
    checker = CheckerService(w.document, debounce_ms=debounce_ms, parent=window)
    overlay = FindingsOverlay(w.scene, checker, parent=window)
    findings = FindingsPanel(w.document, checker, w.scene, w.view, window)
    analysis = AnalysisPanel(w.document, checker, window)
    # Like an IDE's problems view: under the canvas, between the side panels.
    window.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, findings)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, analysis)
    window.tabifyDockWidget(findings, analysis)
    findings.raise_()
    window.resizeDocks([findings], [230], Qt.Orientation.Vertical)

    coverage = CoverageView(w.document)
    coverage_dock = QDockWidget("Figure 1-1", window)
    coverage_dock.setObjectName("coverage_dock")
    coverage_dock.setWidget(coverage)
    palette_dock = getattr(window, "palette_dock", None)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, coverage_dock)
    if isinstance(palette_dock, QDockWidget):
        window.splitDockWidget(palette_dock, coverage_dock, Qt.Orientation.Vertical)
    palette = getattr(window, "palette_panel", None)
    if palette is not None and hasattr(palette, "filter_box"):
        coverage.box_clicked.connect(palette.filter_box)
        if isinstance(palette_dock, QDockWidget):
            coverage.box_clicked.connect(lambda _box: _show_dock(palette_dock))

    status = FindingsStatus(checker)
    window.statusBar().addPermanentWidget(status)
    status.clicked.connect(findings.show_and_raise)

    action = QAction("&Rule Settings…", window)
    action.setStatusTip("Turn rules off or change their severity for this design")
    action.triggered.connect(lambda _checked=False: edit_rule_settings(w.document, window))
    design_menu = _design_menu(window)
    design_menu.addAction(action)
    panels_menu = getattr(window, "panels_menu", None)
    if isinstance(panels_menu, QMenu):
        for dock in (findings, analysis, coverage_dock):
            panels_menu.addAction(dock.toggleViewAction())
    return CheckerUi(checker, overlay, findings, analysis, coverage, coverage_dock, status, action)


def _design_menu(window: QMainWindow) -> QMenu:
    """The window's Design menu (created before Help if it has none)."""
    bar = window.menuBar()
    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text().replace("&", "") == "Design":
            return menu
    menu = QMenu("&Design", bar)
    help_action = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
    if help_action is not None:
        bar.insertMenu(help_action, menu)
    else:
        bar.addMenu(menu)
    return menu


def _show_dock(dock: QDockWidget) -> None:
    dock.show()
    dock.raise_()
