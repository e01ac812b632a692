"""UI layer: the Analysis panel — latency along the slowest serving path against the SLO,
and monthly cost by Figure 1-1 box against the budget (pyqtgraph).

Its figures are computed in the checker's pass — on the checker's thread for big designs —
and drawn when the checker publishes (the design has settled after an edit); with no
checker, a short debounce after ``design_changed`` recomputes them here. A hidden panel
keeps the latest figures and draws them when it is shown — a dock tabbed behind another
one counts as hidden (Qt calls it visible). The charts themselves (and pyqtgraph, with
numpy: ~40 MB) are only created when the panel is first drawn: it starts tabbed behind
Findings, and start-up does not pay for a library it may never show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QBoxLayout, QDockWidget, QFrame, QScrollArea, QWidget

from canvas.core.catalog import Box
from canvas.core.model import Design
from canvas.ui.document import Document
from canvas.ui.findings.checker_service import CheckerService

if TYPE_CHECKING:
    from canvas.core.analysis import ChartData, LatencyRow
    from canvas.core.rules import Context, Finding
    from canvas.ui.analysis.hbar_chart import HBarChart


class AnalysisPanel(QDockWidget):
    def __init__(
        self,
        document: Document,
        checker: CheckerService | None = None,
        parent: QWidget | None = None,
        debounce_ms: int = 250,
    ) -> None:
        super().__init__("Analysis", parent)
        self.setObjectName("analysis_dock")
        self.document = document
        self.checker = checker
        self._data: ChartData | None = None  # the latest figures
        self._drawn: ChartData | None = None  # the figures on screen

        self._charts: tuple[HBarChart, HBarChart] | None = None
        body = _ChartsBody(self)
        self._column = body.charts
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.setWidget(scroll)

        self.visibilityChanged.connect(self._visibility_changed)
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self.refresh)
        if checker is not None:
            # The figures are computed in the checker's pass (on its thread for big designs).
            checker.add_analysis(_ANALYSIS, _chart_data)  # schedules a check: figures follow
            checker.findings_ready.connect(self._on_findings)
        else:
            document.design_changed.connect(self._timer.start)
            self.refresh()

    # --- the charts, created when first needed --------------------------------------------
    @property
    def latency_chart(self) -> HBarChart:
        return self._ensure_charts()[0]

    @property
    def cost_chart(self) -> HBarChart:
        return self._ensure_charts()[1]

    def _ensure_charts(self) -> tuple[HBarChart, HBarChart]:
        if self._charts is None:
            from canvas.ui.analysis.hbar_chart import HBarChart

            body = self._column.parentWidget()
            latency = HBarChart("Request latency — slowest online path per interface", "latency (ms)", body)
            cost = HBarChart("Monthly cost by Figure 1-1 box", "monthly cost ($)", body)
            self._column.addWidget(latency, 1)
            self._column.addWidget(cost, 1)
            self._charts = (latency, cost)
        return self._charts

    # --- what is plotted (read by tests) -------------------------------------------------
    @property
    def _rows(self) -> list[LatencyRow]:
        return self._drawn.latency if self._drawn is not None else []

    @property
    def latency_bars(self) -> list[tuple[str, list[tuple[str, float]]]]:
        """Per interface: the (component id, latency_ms) segments of its slowest path."""
        return [(row.interface, list(row.parts)) for row in self._rows]

    @property
    def slo_lines(self) -> list[tuple[str, float]]:
        """(interface, SLO in ms) for every path that has an SLO."""
        return [(row.interface, row.slo) for row in self._rows if row.slo is not None]

    @property
    def slo_line_value(self) -> float | None:
        """The SLO line drawn (the tightest one when paths have different SLOs)."""
        return min((ln.value for ln in self.latency_chart.lines), default=None)

    @property
    def cost_bars(self) -> list[tuple[Box, float]]:
        return list(self._drawn.cost.per_box) if self._drawn is not None else []

    @property
    def cost_total(self) -> float:
        return self._drawn.cost.total if self._drawn is not None else 0.0

    @property
    def budget_lines(self) -> list[float]:
        return [ln.value for ln in self.cost_chart.lines]

    # --- refreshing ----------------------------------------------------------------------
    def _on_findings(self, _findings: list[Finding]) -> None:
        assert self.checker is not None
        data = self.checker.analysis(_ANALYSIS)
        if data is not None:  # None: the analysis failed (the checker logged why)
            self._show(data)

    def refresh(self) -> None:
        """Recompute the figures from the design as it is now, on this thread, and draw them."""
        self._show(_chart_data(self.document.design))

    def _show(self, data: ChartData) -> None:
        self._data = data
        if self._on_screen():
            self._draw()

    def _on_screen(self) -> bool:
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def _catch_up(self) -> None:
        # Figures of an older design wait: the check of the current one is on its way.
        if self._data is not self._drawn and (self.checker is None or self.checker.current):
            self._draw()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._on_screen():
            self._catch_up()

    def _visibility_changed(self, visible: bool) -> None:
        if visible:  # also when its tab comes to the front
            self._catch_up()

    def _draw(self) -> None:
        from canvas.core.analysis import (
            cost_bars,
            cost_empty_text,
            cost_note,
            latency_bars,
            latency_empty_text,
            latency_note,
            shown_rows,
        )

        data = self._data
        if data is None:
            return
        self._drawn = data
        design = self.document.design
        labels = {cid: c.label for cid, c in design.components.items()}
        rows = shown_rows(data.latency)
        empty = latency_empty_text(design, rows)
        if empty:
            self.latency_chart.show_empty(empty)
        else:
            bars, lines = latency_bars(design, rows)
            self.latency_chart.set_data([labels.get(r.interface, r.interface) for r in rows], bars, lines)
            self.latency_chart.set_note(latency_note(data.latency, len(rows)))

        empty = cost_empty_text(data.cost)
        if empty:
            self.cost_chart.show_empty(empty)
        else:
            bars, lines, row_labels = cost_bars(design, data.cost)
            self.cost_chart.set_data(row_labels, bars, lines)
            self.cost_chart.set_note(cost_note(data.cost))


_ANALYSIS = "analysis_panel.charts"


def _chart_data(design: Design, ctx: Context | None = None) -> ChartData:
    """The figures of ``design``, from the graph facts its check built (``ctx``) when there
    is one (the analysis, like the rules, loads with the first check)."""
    from canvas.core.analysis import chart_data

    return chart_data(design, ctx)


#: From this width on the two charts stand side by side (each keeps ~250 px); narrower,
#: they are stacked and the panel scrolls.
SIDE_BY_SIDE_WIDTH = 500


class _ChartsBody(QWidget):
    """Holds the two charts: side by side in a wide dock (the default, under the canvas, is
    wide and short), one above the other in a narrow one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.charts = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.charts.setContentsMargins(0, 0, 0, 0)
        self.charts.setSpacing(4)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.charts.direction() != direction:
            self.charts.setDirection(direction)
