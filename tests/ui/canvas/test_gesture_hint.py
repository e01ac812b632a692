"""The bubble beside the pointer while a link is drawn: the matrix's reason, whole and
inside the canvas even at its right and bottom edges, gone when the gesture ends."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from canvas.core.edits import link_problem
from canvas.ui.canvas.items.style import CARD_HEIGHT, CARD_WIDTH
from tests.ui.gestures import drag, vp_point


def centre(scene, cid: str) -> QPointF:
    return scene.component_item(cid).pos() + QPointF(CARD_WIDTH / 2, CARD_HEIGHT / 2)


def put_in_corner(view, scene_pos: QPointF, inset: int = 6) -> None:
    """Scroll so ``scene_pos`` shows ``inset`` pixels from the viewport's bottom-right corner."""
    vp = view.viewport().rect()
    view.centre_on_rect(view.design_scene.items_bounds())
    QApplication.processEvents()
    shift = QPointF(vp.width() / 2 - inset, vp.height() / 2 - inset) / view.zoom
    view.centerOn(scene_pos - shift)
    QApplication.processEvents()


@pytest.mark.parametrize("end", ["release", "escape"])
def test_a_refused_link_says_why_beside_the_pointer_inside_the_canvas(qtbot, view, scene, document, end):
    far = document.add_component("data_source", 900.0, 400.0)  # bottom right of the monitor
    count = document.undo_stack.count()
    reason = link_problem(document.design, "mon", far)
    assert reason  # monitoring cannot feed a data source
    messages: list[str] = []
    view.status_message.connect(messages.append)
    put_in_corner(view, centre(scene, far))
    pointer = vp_point(view, centre(scene, far))
    assert view.viewport().rect().adjusted(0, 0, -20, -20).contains(pointer) is False  # at the very corner
    drag(qtbot, view, scene.component_item("mon").output_port_pos(), centre(scene, far), release=False)
    hint = view.gesture_hint
    assert scene.component_item(far)._connect_state == "refused"
    assert hint.isVisible() and hint.text() == reason
    assert view.viewport().rect().contains(hint.geometry())  # kept inside the canvas
    assert hint.height() >= hint.heightForWidth(hint.width())  # every wrapped line shows
    assert not hint.geometry().contains(pointer)  # beside the pointer, not under it
    if end == "release":
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=pointer)
    else:
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not hint.isVisible() and hint.text() == ""
    assert messages and messages[-1] == ""  # nothing of it left in the status bar
    assert scene.component_item(far)._connect_state is None
    assert document.undo_stack.count() == count and not any(lk.target == far for lk in document.design.links.values())


def test_a_valid_target_is_named_in_the_bubble(qtbot, view, scene):
    drag(qtbot, view, scene.component_item("dep").output_port_pos(), centre(scene, "mon"), release=False)
    assert view.gesture_hint.isVisible() and view.gesture_hint.text() == "Link to Monitor"
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.gesture_hint.isVisible()
