"""Render the README screenshots of the checker in the editor, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/findings_screenshots.py [OUT_DIR]

Writes findings.png (canvas with outlines and badges, the Findings panel, the status-bar
summary) and analysis.png (latency and cost charts, Figure 1-1 coverage) to OUT_DIR
(default docs/screenshots). The design is the test suite's recommender, broken on purpose.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter  # noqa: E402

from canvas.core.model import Component, Link, Position  # noqa: E402
from canvas.ui.analysis.analysis_panel import AnalysisPanel  # noqa: E402
from canvas.ui.analysis.coverage_view import CoverageView  # noqa: E402
from canvas.ui.canvas.scene import DesignScene  # noqa: E402
from canvas.ui.canvas.view import DesignView  # noqa: E402
from canvas.ui.document import Document  # noqa: E402
from canvas.ui.findings.checker_service import CheckerService  # noqa: E402
from canvas.ui.findings.findings_overlay import FindingsOverlay  # noqa: E402
from canvas.ui.findings.findings_panel import FindingsPanel  # noqa: E402
from canvas.ui.findings.findings_status import FindingsStatus  # noqa: E402
from tests.ui.findings_designs import served_design  # noqa: E402


def broken_document() -> Document:
    d = served_design()
    d.components["model"].properties = {**d.components["model"].properties, "latency_ms": 70}
    d.components["train"].properties = {**d.components["train"].properties, "monthly_cost": 6000}
    d.components["model2"] = Component(
        id="model2",
        kind="model",
        label="Cold-start model",
        position=Position(x=880, y=-120),
        properties={"latency_ms": 20},
    )
    d.links["link-90"] = Link(id="link-90", source="feat", target="model2")
    d.links["link-91"] = Link(id="link-91", source="model2", target="dep")
    d.components["scratch"] = Component(
        id="scratch", kind="data_source", label="Old CSV export", position=Position(x=220, y=-120)
    )
    doc = Document(d)
    doc.suppress("model2", "model.no-business-objective", "covered by the ranking requirement")
    return doc


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    doc = broken_document()
    checker = CheckerService(doc, debounce_ms=0)
    scene = DesignScene(doc, dark=False)
    view = DesignView(scene)
    overlay = FindingsOverlay(scene, checker)
    panel = FindingsPanel(doc, checker, scene, view)
    status = FindingsStatus(checker)

    win = QMainWindow()
    win.setCentralWidget(view)
    win.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, panel)
    win.statusBar().addPermanentWidget(status)
    win.resize(1500, 780)
    win.show()
    QTest.qWaitForWindowExposed(win)
    win.resizeDocks([panel], [250], Qt.Orientation.Vertical)
    checker.check_now()
    item = panel.item_for("slo.latency-exceeded")
    if item is not None:
        panel.tree.setCurrentItem(item)
        finding = panel.finding_of(item)
        if finding is not None:
            panel.activate(finding)
    app.processEvents()
    view.fitInView(scene.items_bounds().adjusted(-20, -30, 20, 20), Qt.AspectRatioMode.KeepAspectRatio)
    app.processEvents()
    win.grab().save(str(out / "findings.png"))
    win.close()  # one window at a time: the pointer below must reach the chart

    analysis = AnalysisPanel(doc)  # no checker: computes its figures itself
    coverage = CoverageView(doc)
    side = QSplitter(Qt.Orientation.Horizontal)
    side.addWidget(analysis)
    side.addWidget(coverage)
    side.resize(1240, 560)
    side.setSizes([840, 400])
    side.show()
    QTest.qWaitForWindowExposed(side)
    chart = analysis.latency_chart
    pos = chart.data_to_widget(60.0, 0.0)  # point at the model's segment, as a user would
    QTest.mouseMove(chart.plot.viewport(), pos.toPoint())
    QTest.qWait(100)
    side.grab().save(str(out / "analysis.png"))
    del overlay
    checker.shutdown()
    print(f"wrote {out / 'findings.png'} and {out / 'analysis.png'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
