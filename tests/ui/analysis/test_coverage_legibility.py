"""The Figure 1-1 panel is legible in the window as it first opens: its box titles are
written at a readable size and each fits its box whole (wrapped at word boundaries)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF

from canvas.ui.analysis.coverage_view import _WRAP_CENTRE, LAYOUT
from tests.ui.findings_designs import served_design
from tests.ui.ui_fixtures import isolated_settings, make_window  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_box_titles_are_readable_and_whole_at_the_default_dock_size(qtbot, make_window):  # noqa: F811
    window, _ = make_window()  # 1200 × 800, docks at their first-start sizes
    window.document.replace(served_design())
    view = window.checker_ui.coverage_view
    qtbot.waitUntil(lambda: view.height() > 150)
    for box in LAYOUT:
        font, area, title = view.title_font(box)
        assert font.pixelSize() >= 10, (box, font.pixelSize(), view.size())  # it was 8 px
        metrics = QFontMetricsF(font)
        assert max(metrics.horizontalAdvance(word) for word in title.split()) <= area.width(), box
        assert metrics.boundingRect(area, int(_WRAP_CENTRE), title).height() <= area.height(), box
