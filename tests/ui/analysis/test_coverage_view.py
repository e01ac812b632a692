"""The Figure 1-1 coverage view: boxes light up with the design, and a click on a box
filters the palette to its kinds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from canvas.core.catalog import BOXES, FIGURE_BOXES, Box
from canvas.core.model import Component, Design
from canvas.ui.analysis.coverage_view import LAYOUT, CoverageView
from canvas.ui.canvas.palette import Palette
from canvas.ui.document import Document
from tests.ui.findings_designs import served_design

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _view(qtbot, design: Design) -> tuple[Document, CoverageView]:
    document = Document(design)
    view = CoverageView(document)
    qtbot.addWidget(view)
    view.resize(400, 240)
    view.show()
    qtbot.waitExposed(view)
    return document, view


def _pixel(view: CoverageView, box: Box) -> QColor:
    image = view.grab().toImage()
    rect = view.box_rect(box)
    ratio = image.devicePixelRatio()
    # a point inside the box, away from its centred title
    return image.pixelColor(int((rect.left() + 4) * ratio), int((rect.bottom() - 3) * ratio))


def test_all_nine_boxes_are_drawn() -> None:
    assert set(FIGURE_BOXES) <= set(LAYOUT)


def test_boxes_light_up_with_the_design(qtbot) -> None:
    document, view = _view(qtbot, Design())
    assert view.lit_boxes() == set()
    grey = _pixel(view, Box.DATA)
    assert grey.saturation() < 40  # grey when empty

    document.add_component("data_source", 0, 0)
    assert view.lit_boxes() == {Box.DATA}
    qtbot.waitUntil(lambda: _pixel(view, Box.DATA).name() == QColor(BOXES[Box.DATA].colour).name())
    assert _pixel(view, Box.EVALUATION).saturation() < 40

    document.undo_stack.undo()
    assert view.lit_boxes() == set()


def test_reference_design_lights_every_box(qtbot) -> None:
    _, view = _view(qtbot, served_design())
    assert view.lit_boxes() >= set(FIGURE_BOXES)
    assert view.counts()[Box.DATA] == 2 and view.counts()[Box.DEPLOY_MONITOR_UPDATE] == 3
    for box in FIGURE_BOXES:
        assert _pixel(view, box).name() == QColor(BOXES[box].colour).name(), box


def test_replacing_the_design_updates_the_view(qtbot) -> None:
    document, view = _view(qtbot, served_design())
    document.replace(Design(components={"m": Component(id="m", kind="model", label="M")}))
    assert view.lit_boxes() == {Box.ALGORITHMS}


def test_click_on_a_box_filters_the_palette(qtbot) -> None:
    _, view = _view(qtbot, Design())
    palette = Palette()
    qtbot.addWidget(palette)
    view.box_clicked.connect(palette.filter_box)
    with qtbot.waitSignal(view.box_clicked) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.box_rect(Box.EVALUATION).center().toPoint())
    assert blocker.args == [Box.EVALUATION]
    assert palette.visible_kinds() == ["evaluation"]
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.box_rect(Box.DEPLOY_MONITOR_UPDATE).center().toPoint())
    assert set(palette.visible_kinds()) == {"deployment", "monitoring", "continual_learning"}


def test_tooltip_names_the_box_and_its_kinds(qtbot) -> None:
    _, view = _view(qtbot, served_design())
    text = view.tooltip_for(Box.DATA)
    assert text.startswith("Data (ch. 3–4): 2 components.")
    assert "Data source" in text and "Training data" in text
