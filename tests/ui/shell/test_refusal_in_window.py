"""In the real window: a refused link's reason is read beside the pointer, not in the
status bar (where the zoom label cut it), and nothing of it stays once the gesture ends."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from canvas.core.edits import link_problem
from canvas.ui.canvas.items.style import CARD_HEIGHT, CARD_WIDTH
from tests.ui.gestures import drag, vp_point
from tests.ui.ui_fixtures import focused_window, isolated_settings, make_window, sample_design  # noqa: F401


def test_the_reason_shows_beside_the_pointer_and_the_status_bar_is_left_clear(qtbot, focused_window):  # noqa: F811
    window, _ = focused_window
    window.document.replace(sample_design())
    QApplication.processEvents()  # the start-up fit
    view, scene, document = window.view, window.scene, window.document
    reason = link_problem(document.design, "monitoring-1", "req-1")
    assert reason
    window.show_status("Opened Sample")  # something else the status bar said before
    target = scene.component_item("req-1").pos() + QPointF(CARD_WIDTH / 2, CARD_HEIGHT / 2)
    drag(qtbot, view, scene.component_item("monitoring-1").output_port_pos(), target, release=False)
    assert view.gesture_hint.isVisible() and view.gesture_hint.text() == reason
    assert reason not in window.statusBar().currentMessage()
    assert view.viewport().rect().contains(view.gesture_hint.geometry())
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, target))
    assert not view.gesture_hint.isVisible()
    assert window.statusBar().currentMessage() == ""
    assert document.undo_stack.count() == 0 and len(document.design.links) == 1
