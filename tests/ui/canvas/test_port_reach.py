"""Ports are hit from a constant distance on screen at every zoom, with a hover cue; the
card's own shape has no hole where its input port overlaps it. Real mouse events."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLineF, QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from canvas.ui.canvas.items.style import CARD_HEIGHT, CARD_WIDTH
from tests.ui.gestures import drag, vp_point


def at_zoom(view, scene, scale: float) -> None:
    view.set_zoom(scale)
    view.centre_on_rect(scene.items_bounds())
    QApplication.processEvents()  # the deferred scroll-area update, before positions are read
    assert view.zoom == scale


def centre(scene, cid: str) -> QPointF:
    return scene.component_item(cid).pos() + QPointF(CARD_WIDTH / 2, CARD_HEIGHT / 2)


def new_links(document) -> list[tuple[str, str]]:
    return [(lk.source, lk.target) for lid, lk in document.design.links.items() if lid not in ("l1", "l2", "l3")]


@pytest.mark.parametrize("scale", [0.25, 1.0])
@pytest.mark.parametrize("offset", [QPoint(4, 0), QPoint(0, -4), QPoint(-3, 3)], ids=["right", "above", "inside"])
def test_a_press_4_pixels_off_the_output_port_draws_a_link(qtbot, view, scene, document, scale, offset):
    at_zoom(view, scene, scale)
    vp = view.viewport()
    press = vp_point(view, scene.component_item("dep").output_port_pos()) + offset
    target = vp_point(view, scene.component_item("mon").input_port_pos() + QPointF(CARD_WIDTH / 4, 0))
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=press)
    for i in range(1, 5):
        qtbot.mouseMove(vp, press + (target - press) * i / 4)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=target)
    assert new_links(document) == [("dep", "mon")]
    assert document.undo_stack.count() == 1
    assert scene.component_item("dep").pos() == QPointF(720, 0)  # a link drawn, no card dragged
    document.undo_stack.undo()
    assert new_links(document) == []


def test_hovering_near_an_output_port_zoomed_out_shows_the_cue(qtbot, view, scene):
    at_zoom(view, scene, 0.25)
    vp = view.viewport()
    port = scene.component_item("model").output_port_pos()
    qtbot.mouseMove(vp, vp_point(view, port) + QPoint(5, 2))
    assert view.port_hover.card is scene.component_item("model")
    cue = view.port_hover.cue
    assert cue.scene() is scene and cue.isVisible() and cue.pos() == port
    # the cue is as large on screen as at 100 %: it ignores the view's zoom
    assert cue.deviceTransform(view.viewportTransform()).mapRect(cue.boundingRect()).width() >= 14
    qtbot.mouseMove(vp, vp_point(view, centre(scene, "src")))  # the middle of another card
    assert view.port_hover.card is None and cue.scene() is None


def test_shift_drag_from_the_middle_of_a_card_connects_zoomed_out(qtbot, view, scene, document):
    at_zoom(view, scene, 0.25)
    drag(qtbot, view, centre(scene, "dep"), centre(scene, "mon"), modifier=Qt.KeyboardModifier.ShiftModifier)
    assert new_links(document) == [("dep", "mon")] and document.undo_stack.count() == 1


def test_a_press_where_the_input_port_overlaps_the_card_drags_the_card(qtbot, view, scene, document):
    card = scene.component_item("train")
    inside = card.pos() + QPointF(4, CARD_HEIGHT / 2 + 2)  # on the card and on its input port's disc
    assert card.shape().contains(card.mapFromScene(inside))
    drag(qtbot, view, inside, inside + QPointF(60, 40))
    assert scene.selected_component_ids() == ["train"]
    assert (document.design.components["train"].position.x, document.design.components["train"].position.y) == (
        300.0,
        40.0,
    )
    assert document.undo_stack.count() == 1 and not new_links(document)


def test_zoomed_out_a_press_on_a_card_next_to_another_cards_port_drags_that_card(qtbot, view, scene, document):
    document.move({"mon": ((480.0, 200.0), (720.0 + CARD_WIDTH + 24.0, 0.0))})  # 24 units right of dep's port
    at_zoom(view, scene, 0.25)
    mon = scene.component_item("mon")
    on_edge = mon.pos() + QPointF(4, 26)  # on the card, 4 units in
    reach = QLineF(on_edge, scene.component_item("dep").output_port_pos()).length()
    assert reach < 8 / 0.25  # within 8 screen pixels of dep's output port
    count = document.undo_stack.count()
    drag(qtbot, view, on_edge, on_edge + QPointF(0, 200))
    assert not new_links(document)
    assert document.design.components["mon"].position.y == 200.0 and document.undo_stack.count() == count + 1


@pytest.mark.parametrize("scale", [0.05, 0.08])
def test_far_zoomed_out_a_card_is_dragged_by_most_of_its_body(qtbot, view, scene, document, scale):
    """At the zoom a 3,000-card design is fitted at, 8 screen pixels are half a card or
    more: on the card's body the port's reach stops at a quarter of its width."""
    at_zoom(view, scene, scale)
    card = scene.component_item("dep")
    start = card.pos() + QPointF(CARD_WIDTH * 0.55, CARD_HEIGHT / 2)
    before = card.pos()
    drag(qtbot, view, start, start + QPointF(0, 2000))
    assert document.design.components["dep"].position.y == pytest.approx(before.y() + 2000, abs=40)
    assert document.undo_stack.count() == 1 and not new_links(document)


def test_the_port_ring_survives_its_scene_being_deleted(qapp):
    """While shown, the ring belongs to the scene; a scene deleted first takes it along, and
    the hover helper makes a new one instead of touching the dead one."""
    import shiboken6

    from canvas.ui.canvas.port_hover import PortHover
    from canvas.ui.canvas.scene import DesignScene
    from canvas.ui.document import Document
    from tests.ui.ui_fixtures import sample_design

    scene = DesignScene(Document(sample_design()), dark=False)
    hover = PortHover(scene)
    hover.show(scene.component_items()[0])
    shiboken6.delete(scene)
    assert not shiboken6.isValid(hover.cue)
    hover.clear()  # no "already deleted" error
    assert shiboken6.isValid(hover.cue) and hover.cue.scene() is None
