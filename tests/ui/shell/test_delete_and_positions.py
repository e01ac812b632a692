"""In the real window: deleting a connected card says how many links went with it, and a
drag with snapping off still saves whole-number positions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt

from canvas.ui.canvas.items.style import CARD_HEIGHT, CARD_WIDTH
from tests.ui.gestures import drag
from tests.ui.ui_fixtures import focused_window, isolated_settings, make_window, sample_design  # noqa: F401


@pytest.fixture
def window(focused_window):  # type: ignore[no-untyped-def]
    window, recorder = focused_window
    window.document.replace(sample_design())
    window.recorder = recorder  # answers Save As with recorder.save_path
    return window


def test_deleting_a_connected_card_counts_its_links(qtbot, window):
    document = window.document
    document.connect("req-1", "model-1")  # 'Ranker' now has two links
    document.undo_stack.clear()
    window.scene.select_ids(["model-1"])
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert "model-1" not in document.design.components and not document.design.links
    assert document.undo_stack.undoText() == "Delete 'Ranker' and 2 links"
    assert window.statusBar().currentMessage() == "Deleted 'Ranker' and 2 links"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(document.design.links) == 2 and window.scene.link_item("link-1") is not None
    # one card, no links: nothing to count; a link alone says so
    window.scene.select_ids(["monitoring-1"])
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert document.undo_stack.undoText() == "Delete 'Monitor'"
    window.scene.select_ids([], ["link-1"])
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert document.undo_stack.undoText() == "Delete link"


def test_a_drag_without_snapping_saves_whole_numbers(qtbot, window, tmp_path: Path):
    view = window.view
    view.set_snap(False)
    view._zoom_to(0.73)  # a zoom where one screen pixel is a fraction of a design unit
    item = window.scene.component_item("monitoring-1")
    start = item.pos() + QPointF(CARD_WIDTH / 2, CARD_HEIGHT / 2)
    drag(qtbot, view, start, start + QPointF(57.3, 33.9))
    moved = window.document.design.components["monitoring-1"].position
    assert (moved.x, moved.y) != (660, 0)
    assert moved.x == int(moved.x) and moved.y == int(moved.y)  # rounded by the model
    assert item.pos() == QPointF(moved.x, moved.y)  # and the card sits where the model says
    window.recorder.save_path = str(tmp_path / "moved.json")
    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = json.loads((tmp_path / "moved.json").read_text(encoding="utf-8"))
    for component in saved["components"]:
        assert all(type(v) is int for v in component["position"].values()), component
