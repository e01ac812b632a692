"""The editor's checker wiring for tests, without the main window: a document, its scene
and view, the live checker (short debounce), the canvas overlay, the Findings panel and the
status-bar summary — connected the way the main window connects them.

Imported explicitly by the findings tests (not a conftest).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QMainWindow

from canvas.core.model import Design
from canvas.core.rules import Finding
from canvas.ui.canvas.scene import DesignScene
from canvas.ui.canvas.view import DesignView
from canvas.ui.document import Document
from canvas.ui.findings.checker_service import CheckerService
from canvas.ui.findings.findings_overlay import FindingsOverlay
from canvas.ui.findings.findings_panel import FindingsPanel
from canvas.ui.findings.findings_status import FindingsStatus
from tests.ui.findings_designs import served_design


@dataclass
class Rig:
    qtbot: object
    document: Document
    checker: CheckerService
    scene: DesignScene
    view: DesignView
    overlay: FindingsOverlay
    panel: FindingsPanel
    status: FindingsStatus

    def settle(self, action: Callable[[], object], timeout: int = 5000) -> list[Finding]:
        """Do ``action`` and wait for the checker to publish the findings it causes."""
        with self.qtbot.waitSignal(self.checker.findings_ready, timeout=timeout):  # type: ignore[attr-defined]
            action()
        assert self.checker.current
        return self.checker.findings

    def live(self, rule: str) -> list[Finding]:
        return [f for f in self.checker.findings if f.rule == rule and not f.suppressed]

    def look_at(self, x: float, y: float) -> None:
        self.view.zoom_reset()
        self.view.centerOn(QPointF(x, y))


def make_rig(qtbot: object, design: Design) -> Iterator[Rig]:
    document = Document(design)
    checker = CheckerService(document, debounce_ms=10)
    scene = DesignScene(document, dark=False)
    view = DesignView(scene)
    window = QMainWindow()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.setCentralWidget(view)
    overlay = FindingsOverlay(scene, checker)
    panel = FindingsPanel(document, checker, scene, view)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, panel)
    status = FindingsStatus(checker)
    window.statusBar().addPermanentWidget(status)
    status.clicked.connect(panel.show_and_raise)
    window.resize(1200, 1000)
    window.show()
    qtbot.waitExposed(window)  # type: ignore[attr-defined]
    rig = Rig(qtbot, document, checker, scene, view, overlay, panel, status)
    checker.check_now()
    try:
        yield rig
    finally:
        checker.shutdown()


@pytest.fixture
def rig(qtbot: object) -> Iterator[Rig]:
    """The recommender design, clean (no findings) to start with."""
    yield from make_rig(qtbot, served_design())
