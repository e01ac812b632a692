"""The Analysis tab in the window as it first opens: both charts on screen at the dock's
default height, and a bar under the mouse says its value in a tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QToolTip, QWidget

from canvas.ui.analysis.hbar_chart import MIN_PLOT_PX
from tests.ui.ui_fixtures import isolated_settings, make_window  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints", "does not support raise")


@pytest.fixture
def analysis(qtbot, make_window):  # noqa: F811
    """A window of the default test size on the recommender template, Analysis in front."""
    window, _ = make_window()
    qtbot.waitUntil(lambda: window.layout_keeper.is_settled)
    assert window.files.new_from_template("recommender")
    panel = window.checker_ui.analysis_panel
    panel.show()
    panel.raise_()
    qtbot.waitUntil(lambda: bool(panel.cost_bars) and bool(panel.latency_bars))
    return window, panel


def _shown_part(widget: QWidget, within: QWidget) -> QRect:
    """The part of ``widget`` inside ``within``'s rectangle, in ``within``'s coordinates."""
    top_left = widget.mapTo(within, widget.rect().topLeft())
    return QRect(top_left, widget.size()).intersected(within.rect())


def test_both_charts_are_on_screen_at_the_default_dock_height(qtbot, analysis) -> None:
    window, panel = analysis
    assert panel.height() < 0.4 * window.height()  # the default: a short dock under the canvas
    scroll = panel.widget()
    viewport = scroll.viewport()
    for chart in (panel.latency_chart, panel.cost_chart):
        plot = chart.plot
        qtbot.waitUntil(plot.isVisible)
        shown = _shown_part(plot, viewport)
        assert shown.size() == plot.size(), (chart.title.text(), shown, plot.geometry())  # not cut
        assert plot.height() >= MIN_PLOT_PX
    assert scroll.verticalScrollBar().maximum() == 0  # nothing to scroll to


def test_hovering_a_bar_shows_its_value_in_a_tooltip(qtbot, analysis) -> None:
    _window, panel = analysis
    chart = panel.cost_chart
    bar = max(chart.bars, key=lambda b: b.width)
    pos = chart.data_to_widget(bar.start + bar.width / 2, float(bar.row)).toPoint()
    qtbot.mouseMove(chart.plot.viewport(), pos)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == bar.tip
    assert "$" in QToolTip.text()  # the figure with its unit
    qtbot.mouseMove(chart.plot.viewport(), chart.data_to_widget(0.0, len(chart.row_labels) + 5.0).toPoint())
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_the_tooltip_stays_when_the_pointer_rests_and_the_hover_ends_when_it_leaves(qtbot, analysis) -> None:
    """Resting on a bar, Qt asks the plot for a tooltip (a ToolTip help event): the answer
    is the bar's values, not an empty tip that hides them. Leaving the plot clears the
    outline and the read-out line."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication

    _window, panel = analysis
    chart = panel.cost_chart
    bar = max(chart.bars, key=lambda b: b.width)
    viewport = chart.plot.viewport()
    pos = chart.data_to_widget(bar.start + bar.width / 2, float(bar.row)).toPoint()
    qtbot.mouseMove(viewport, pos)
    qtbot.waitUntil(QToolTip.isVisible)
    # The scene answers Qt's tooltip request with the first item under the pointer that has one.
    under = [item for item in chart.plot.items(pos) if item.toolTip()]
    assert under and under[0] is chart._highlight and chart._highlight.toolTip() == bar.tip
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos)))
    assert QToolTip.isVisible() and QToolTip.text() == bar.tip

    QApplication.sendEvent(viewport, QEvent(QEvent.Type.Leave))
    assert chart.hover_text == ""
    assert not chart._highlight.isVisible()
    assert "$" not in chart.readout.text()


@pytest.mark.parametrize("width", [300, 420, 900])
def test_a_limit_lines_label_stays_inside_the_plot(qtbot, width) -> None:
    """A long budget label next to a line near the right end: on its side when it fits,
    else on the other, else shortened — never cut off by the plot's edge."""
    from canvas.core.analysis import Bar, Line
    from canvas.ui.analysis.hbar_chart import HBarChart

    chart = HBarChart("Monthly cost by Figure 1-1 box", "monthly cost ($)")
    qtbot.addWidget(chart)
    chart.resize(width, 260)
    chart.show()
    qtbot.waitExposed(chart)
    whole = "Budget $20,000 ('Business requirement for the ranking service')"
    chart.set_data(
        ["Total $15,300", "Data", "Infrastructure"],
        [Bar(0, 0, 15300, "#607D8B", "", ""), Bar(1, 0, 3000, "#1E88E5", "", ""), Bar(2, 0, 4000, "#455A64", "", "")],
        [Line(20000, whole)],
    )
    qtbot.wait(50)
    view = chart.plot.getPlotItem().getViewBox().sceneBoundingRect()
    label = chart._line_labels[0][0]
    assert view.adjusted(-1, -1, 1, 1).contains(label.sceneBoundingRect()), (width, label.sceneBoundingRect(), view)
    shown = chart.line_label_texts()[0]
    assert shown == whole or (shown.endswith("…") and whole.startswith(shown[:-1]))
    if width >= 900:
        assert shown == whole
