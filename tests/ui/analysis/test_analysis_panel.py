"""The Analysis panel: latency along the slowest serving path against the SLO, and cost by
Figure 1-1 box against the budget — values equal the design's, and both follow edits live."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from canvas.core.analysis import OVER
from canvas.core.catalog import Box
from canvas.core.model import Design
from canvas.ui.analysis.analysis_panel import AnalysisPanel
from canvas.ui.document import Document
from canvas.ui.findings.checker_service import CheckerService
from tests.ui.findings_designs import served_design

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")


class Charts:
    def __init__(self, qtbot, design: Design) -> None:
        self.qtbot = qtbot
        self.document = Document(design)
        self.checker = CheckerService(self.document, debounce_ms=10)
        self.window = QMainWindow()
        qtbot.addWidget(self.window)
        self.panel = AnalysisPanel(self.document, self.checker)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.window.resize(1100, 900)
        self.window.show()
        qtbot.waitExposed(self.window)
        qtbot.waitUntil(lambda: not self.checker.busy)  # the first check brings the figures

    def settle(self, action) -> None:
        with self.qtbot.waitSignal(self.checker.findings_ready, timeout=5000):
            action()


@pytest.fixture
def charts(qtbot) -> Iterator[Charts]:
    c = Charts(qtbot, served_design())
    yield c
    c.checker.shutdown()


def _latencies(design: Design, ids: list[str]) -> list[float]:
    return [float(design.components[c].properties["latency_ms"]) for c in ids]


def test_latency_bars_equal_the_components_latency(charts: Charts) -> None:
    ((iface, parts),) = charts.panel.latency_bars
    assert iface == "app"
    ids = [cid for cid, _ in parts]
    assert ids == ["feat", "model", "dep"]
    assert [lat for _, lat in parts] == _latencies(charts.document.design, ids) == [25.0, 40.0, 15.0]
    drawn = charts.panel.latency_chart.bars
    assert sum(b.width for b in drawn) == 80.0
    assert [b.start for b in drawn] == [0.0, 25.0, 65.0]  # stacked
    assert not any(b.over for b in drawn)
    assert charts.panel.slo_line_value == 100.0
    assert charts.panel.latency_chart.row_labels == ["Home feed"]


def test_latency_follows_edits_and_exceeding_part_is_red(charts: Charts) -> None:
    charts.settle(lambda: charts.document.set_property("model", "latency_ms", 70))
    ((_, parts),) = charts.panel.latency_bars
    assert dict(parts)["model"] == 70.0
    drawn = charts.panel.latency_chart.bars
    over = [b for b in drawn if b.over]
    # 25 + 70 + 15 = 110 against 100: the deployment's last 10 ms are beyond the SLO
    assert [(b.start, b.width) for b in over] == [(100.0, 10.0)]
    assert all(b.colour in OVER for b in over)
    assert sum(b.width for b in drawn) == 110.0


def test_slo_line_moves_with_the_requirement(charts: Charts) -> None:
    assert charts.panel.slo_line_value == 100.0
    charts.settle(lambda: charts.document.set_property("req", "latency_slo_ms", 60))
    assert charts.panel.slo_line_value == 60.0
    assert charts.panel.slo_lines == [("app", 60.0)]
    assert [(b.start, b.width) for b in charts.panel.latency_chart.bars if b.over] == [(60.0, 5.0), (65.0, 15.0)]
    charts.settle(lambda: charts.document.delete_property("req", "latency_slo_ms"))
    assert charts.panel.slo_line_value is None
    assert "latency_slo_ms" in charts.panel.latency_chart.note.text()


def test_hover_shows_the_value(charts: Charts) -> None:
    chart = charts.panel.latency_chart
    pos = chart.data_to_widget(45.0, 0.0)  # inside the model's segment (25..65)
    charts.qtbot.mouseMove(chart.plot.viewport(), pos.toPoint())
    charts.qtbot.waitUntil(lambda: bool(chart.hover_text))
    assert "'Ranker'" in chart.hover_text and "40 ms" in chart.hover_text and "SLO 100 ms" in chart.hover_text
    assert "Ranker 40 ms" in chart.visible_labels()


def test_cost_by_box_and_budget(charts: Charts) -> None:
    assert dict(charts.panel.cost_bars) == {
        Box.DATA: 1000.0,
        Box.FEATURES: 900.0,
        Box.ALGORITHMS: 2000.0,
        Box.DEPLOY_MONITOR_UPDATE: 2100.0,
        Box.INFRASTRUCTURE: 1200.0,
    }
    assert charts.panel.cost_total == 7200.0
    assert charts.panel.budget_lines == [10000.0]
    rows = charts.panel.cost_chart.row_labels
    assert rows[0] == "Total $7,200" and rows[1:] == [
        "Data",
        "Features",
        "ML algorithms",
        "Deploy/monitor/update",
        "Infrastructure",
    ]
    assert not any(b.over for b in charts.panel.cost_chart.bars)
    assert "Evaluation" in charts.panel.cost_chart.note.text()  # a box with components but no cost

    charts.settle(lambda: charts.document.set_property("train", "monthly_cost", 6000))
    assert dict(charts.panel.cost_bars)[Box.ALGORITHMS] == 6000.0
    assert charts.panel.cost_total == 11200.0
    assert sum(b.width for b in charts.panel.cost_chart.bars if b.over) == 1200.0
    charts.settle(lambda: charts.document.set_property("req", "monthly_budget", 12000))
    assert charts.panel.budget_lines == [12000.0]
    assert not any(b.over for b in charts.panel.cost_chart.bars)


def test_empty_states_say_what_to_fill_in(qtbot) -> None:
    design = served_design()
    for comp in design.components.values():
        comp.properties = {k: v for k, v in comp.properties.items() if k not in ("latency_ms", "monthly_cost")}
    c = Charts(qtbot, design)
    try:
        assert c.panel.latency_chart.empty_text == "Set latency_ms on components to see the request path."
        assert c.panel.cost_chart.empty_text.startswith("Set monthly_cost on components")
        assert "$10,000 budget" in c.panel.cost_chart.empty_text
        assert c.panel.latency_bars == [("app", [])]
        c.settle(lambda: c.document.set_property("model", "latency_ms", 12))
        assert c.panel.latency_chart.empty_text == ""
        assert c.panel.latency_bars == [("app", [("model", 12.0)])]
    finally:
        c.checker.shutdown()
    d = Charts(qtbot, Design())
    try:
        assert "Add an Interface" in d.panel.latency_chart.empty_text
    finally:
        d.checker.shutdown()


def test_hidden_panel_catches_up_when_shown(charts: Charts) -> None:
    charts.panel.hide()
    charts.settle(lambda: charts.document.set_property("model", "latency_ms", 50))
    assert dict(charts.panel.latency_bars[0][1])["model"] == 40.0  # not recomputed while hidden
    charts.panel.show()
    assert dict(charts.panel.latency_bars[0][1])["model"] == 50.0


def test_two_interfaces_with_different_slos_get_one_line_each(qtbot) -> None:
    design = served_design()
    from canvas.core.model import Component, Link, Position

    design.components["api"] = Component(
        id="api", kind="interface", label="Partner API", position=Position(x=1540, y=0), properties={"latency_ms": 5}
    )
    design.components["req2"] = Component(
        id="req2", kind="business_requirement", label="Partner SLA", properties={"latency_slo_ms": 50}
    )
    design.components["m2"] = Component(id="m2", kind="model", label="Partner model", properties={"latency_ms": 30})
    design.components["dep2"] = Component(id="dep2", kind="deployment", label="Partner service")
    edges = [("req2", "m2"), ("m2", "dep2"), ("dep2", "api"), ("feat", "dep2")]
    for i, (s, t) in enumerate(edges):
        design.links[f"x{i}"] = Link(id=f"x{i}", source=s, target=t)
    c = Charts(qtbot, design)
    try:
        assert dict(c.panel.slo_lines) == {"app": 100.0, "api": 50.0}
        assert sorted((ln.row, ln.value) for ln in c.panel.latency_chart.lines) == [(0, 100.0), (1, 50.0)]
        assert c.panel.slo_line_value == 50.0
        assert c.panel.latency_chart.row_labels == ["Home feed", "Partner API"]
        assert dict(c.panel.latency_bars)["api"] == [("feat", 25.0), ("m2", 30.0), ("api", 5.0)]
    finally:
        c.checker.shutdown()


def test_figures_of_a_big_design_are_computed_off_the_gui_thread(qtbot, monkeypatch) -> None:
    import threading

    from canvas.core import analysis
    from tests.ui.findings_designs import big_design

    threads: list[str] = []
    shared: list[bool] = []
    original = analysis.chart_data

    def spy(design: Design, ctx=None):
        threads.append(threading.current_thread().name)
        shared.append(ctx is not None and ctx.design is design and "serving" in vars(ctx.g))  # the check's own
        return original(design, ctx)

    monkeypatch.setattr(analysis, "chart_data", spy)  # the panel looks it up at each run
    c = Charts(qtbot, big_design(2_000))
    try:
        assert threads and all(name.startswith("checker") for name in threads)
        assert shared and all(shared)  # the figures reuse the graph views the rules built
        assert c.panel.cost_chart.empty_text.startswith("Set monthly_cost")
    finally:
        c.checker.shutdown()


def test_many_interfaces_show_those_closest_to_their_slo() -> None:
    from canvas.core.analysis import LatencyRow, latency_note, shown_rows

    rows = [LatencyRow(f"i{n}", (("m", float(n)),), float(n), 100.0 if n % 2 else None, None) for n in range(100)]
    shown = shown_rows(rows, limit=10)
    assert [r.interface for r in shown] == [f"i{n}" for n in range(81, 100, 2)]  # the slowest against an SLO
    assert latency_note(rows, len(shown)).startswith("Showing the 10 of 100 interfaces")
