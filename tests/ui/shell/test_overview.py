"""The Overview dock: the whole design in miniature with the canvas's visible area as a
rectangle; a press jumps there, a drag of the rectangle pans the canvas. Real mouse events."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor

from canvas.core.catalog import KINDS
from canvas.ui.shell.overview_dock import Overview
from tests.ui.ui_fixtures import isolated_settings, make_window  # noqa: F401 - fixtures


@pytest.fixture
def overview(qtbot, view, document) -> Overview:
    document.move({"mon": ((480.0, 200.0), (3000.0, 2000.0))})  # a design bigger than the view
    document.undo_stack.clear()
    widget = Overview(view)
    qtbot.addWidget(widget)
    widget.resize(300, 200)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def centre(view) -> QPointF:
    return view.viewport_centre_in_scene()


def close(a: QPointF, b: QPointF, tolerance: float) -> bool:
    return abs(a.x() - b.x()) <= tolerance and abs(a.y() - b.y()) <= tolerance


def test_a_press_outside_the_rectangle_centres_the_canvas_there(qtbot, overview, view, document):
    target = overview.from_scene(view.design_scene.component_item("mon").card_rect()).center()
    assert not overview.view_rect().contains(target)
    qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, pos=target.toPoint())
    card = view.design_scene.component_item("mon").card_rect()
    assert view.visible_scene_rect().contains(card.center())
    assert close(centre(view), overview.to_scene(target.toPoint().toPointF()), 2 / overview._scale()[0])
    assert overview.view_rect().contains(target)  # the rectangle follows the canvas
    assert document.undo_stack.count() == 0


def test_dragging_the_rectangle_pans_the_canvas_by_as_much(qtbot, overview, view):
    scale = overview._scale()[0]
    start = overview.view_rect().center().toPoint()
    before = centre(view)
    qtbot.mousePress(overview, Qt.MouseButton.LeftButton, pos=start)
    assert close(centre(view), before, 1)  # taking the rectangle does not move it
    for step in range(1, 6):
        qtbot.mouseMove(overview, start + QPoint(10 * step, 6 * step))
    qtbot.mouseRelease(overview, Qt.MouseButton.LeftButton, pos=start + QPoint(50, 30))
    moved = centre(view) - before
    assert close(moved, QPointF(50 / scale, 30 / scale), 2 / scale)


def test_the_miniature_shows_every_card_in_its_kinds_colour(overview, view):
    """Each card a block of its kind's colour, where it is in the design (the canvas's
    rectangle tints what it covers a little, and its border may cross a block)."""
    image = overview.grab().toImage()
    ratio = image.devicePixelRatio()

    def near(got: QColor, want: QColor) -> bool:
        return all(abs(a - b) <= 40 for a, b in zip(got.getRgb()[:3], want.getRgb()[:3], strict=True))

    for item in view.design_scene.component_items():
        block = overview.from_scene(item.card_rect())
        want = QColor(KINDS[item.kind].colour)
        samples = [QPointF(block.left() + block.width() * f, block.center().y()) * ratio for f in (0.25, 0.5, 0.75)]
        assert sum(near(image.pixelColor(p.toPoint()), want) for p in samples) >= 2, item.component_id


def test_the_window_docks_an_overview_with_a_toggle(make_window):  # noqa: F811 - the fixture
    window, _ = make_window()
    dock = window.overview_dock
    assert isinstance(dock.widget(), Overview) and dock.widget().view is window.view
    assert dock.toggleViewAction() in window.panels_menu.actions()
    assert dock.toggleViewAction().shortcut().toString() == "Ctrl+Shift+O"
