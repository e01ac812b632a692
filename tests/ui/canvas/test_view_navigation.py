"""Zoom, pan, fit, snap, tidy-up and placing new cards: view state versus undoable edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from canvas.core.edits import MoveComponents
from canvas.core.layout import tidy_layout
from canvas.ui.canvas.items.component_item import ComponentItem
from canvas.ui.canvas.items.style import CARD_HEIGHT, CARD_WIDTH, GRID
from canvas.ui.canvas.view import MIN_ZOOM
from tests.ui.gestures import drag


def ctrl_wheel(view, at: QPoint, clicks: int) -> None:
    event = QWheelEvent(
        QPointF(at),
        QPointF(view.viewport().mapToGlobal(at)),
        QPoint(0, 0),
        QPoint(0, 120 * clicks),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_zoom_keys_work_on_a_view_of_its_own(qtbot, view):
    """The canvas's own actions carry the shortcuts: no window needed."""
    view.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(view, Qt.Key.Key_Equal, ctrl)
    assert view.zoom == 1.25
    qtbot.keyClick(view, Qt.Key.Key_Minus, ctrl)
    qtbot.keyClick(view, Qt.Key.Key_Minus, ctrl)
    assert abs(view.zoom - 0.8) < 1e-9
    qtbot.keyClick(view, Qt.Key.Key_0, ctrl)
    assert view.zoom == 1.0


def test_zoom_in_out_reset(qtbot, view):
    zooms: list[float] = []
    view.zoom_changed.connect(zooms.append)
    view.zoom_in()
    assert view.zoom == 1.25
    view.zoom_out()
    view.zoom_out()
    assert abs(view.zoom - 0.8) < 1e-9
    view.zoom_reset()
    assert view.zoom == 1.0
    assert zooms[-1] == 1.0 and len(zooms) == 4
    for _ in range(40):
        view.zoom_out()
    assert view.zoom == pytest.approx(MIN_ZOOM)


def test_ctrl_wheel_zooms_around_the_cursor(view):
    at = QPoint(700, 500)
    fixed = view.mapToScene(at)
    ctrl_wheel(view, at, 2)
    assert abs(view.zoom - 1.25**2) < 1e-9
    assert (view.mapFromScene(fixed) - at).manhattanLength() <= 2
    ctrl_wheel(view, at, -4)
    assert abs(view.zoom - 1.25**-2) < 1e-9
    assert (view.mapFromScene(fixed) - at).manhattanLength() <= 2


def test_fit_all_shows_every_card(view, scene, document):
    # the small design fits at 100 %; spread it so it needs zooming out
    document.apply(MoveComponents({"mon": ((480, 200), (2600, 1500))}))
    view.zoom_in()
    view.fit_all()
    assert view.zoom < 1.0
    visible = view.visible_scene_rect()
    for item in scene.component_items():
        assert visible.contains(item.sceneBoundingRect())
    document.apply(MoveComponents({"mon": ((2600, 1500), (480, 200))}))
    view.fit_all()
    assert view.zoom == 1.0  # never zooms in past 100 %


def test_middle_button_and_space_drag_pan_without_editing(qtbot, view, scene, document):
    before = view.mapToScene(QPoint(500, 350))
    drag(qtbot, view, QPointF(300, 400), QPointF(200, 300), button=Qt.MouseButton.MiddleButton)
    after = view.mapToScene(QPoint(500, 350))
    assert abs(after.x() - before.x() - 100) <= 2 and abs(after.y() - before.y() - 100) <= 2
    qtbot.keyPress(view, Qt.Key.Key_Space)
    # Space+drag starting on a card pans instead of moving the card
    start = scene.component_item("model").pos() + QPointF(CARD_WIDTH / 2, CARD_HEIGHT / 2)
    drag(qtbot, view, start, start + QPointF(-150, 0))
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert abs(view.mapToScene(QPoint(500, 350)).x() - after.x() - 150) <= 2
    assert document.undo_stack.count() == 0 and scene.selected_component_ids() == []


def test_plain_wheel_scrolls(view):
    at = QPoint(500, 350)
    before = view.mapToScene(at)
    event = QWheelEvent(
        QPointF(at),
        QPointF(view.viewport().mapToGlobal(at)),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom == 1.0 and view.mapToScene(at).y() > before.y()


def test_tidy_up_is_one_undoable_move(view, scene, document):
    document.apply(MoveComponents({"dep": ((720, 0), (-500, 900)), "src": ((0, 0), (800, -300))}))
    document.undo_stack.clear()
    before = {cid: (c.position.x, c.position.y) for cid, c in document.design.components.items()}
    expected = tidy_layout(document.design)
    view.canvas_actions.tidy_up()
    assert document.undo_stack.count() == 1 and document.undo_stack.text(0) == "Tidy up"
    after = {cid: (c.position.x, c.position.y) for cid, c in document.design.components.items()}
    assert after == expected != before
    assert after["src"][0] < after["train"][0] < after["model"][0] < after["dep"][0]
    assert all(scene.component_item(c).pos() == QPointF(*p) for c, p in after.items())
    document.undo_stack.undo()
    assert {cid: (c.position.x, c.position.y) for cid, c in document.design.components.items()} == before
    assert scene.component_item("dep").pos() == QPointF(-500, 900)


def test_free_position_near_avoids_cards(view, scene, document):
    on_model = scene.component_item("model").pos() + QPointF(CARD_WIDTH / 2, CARD_HEIGHT / 2)
    spot = view.canvas_actions.free_position_near(on_model)
    rect = scene.component_item("model").sceneBoundingRect()
    new_rect = QRectF(spot.x(), spot.y(), CARD_WIDTH, CARD_HEIGHT)
    for item in scene.component_items():
        assert not new_rect.intersects(QRectF(item.pos().x(), item.pos().y(), CARD_WIDTH, CARD_HEIGHT))
    assert (new_rect.center() - rect.center()).manhattanLength() < 300
    empty = QPointF(200, 500)
    assert view.canvas_actions.free_position_near(empty) == QPointF(200 - CARD_WIDTH / 2, 500 - CARD_HEIGHT / 2)


def test_add_component_at_centre_twice_never_overlaps(view, scene, document):
    a = view.canvas_actions.add_component_at_centre("evaluation")
    b = view.canvas_actions.add_component_at_centre("evaluation")
    pa, pb = document.design.components[a].position, document.design.components[b].position
    assert abs(pa.x - pb.x) >= CARD_WIDTH or abs(pa.y - pb.y) >= CARD_HEIGHT
    assert scene.selected_component_ids() == [b]
    assert document.undo_stack.count() == 2


def test_snap_places_on_grid(view, document):
    view.set_snap(True)
    cid = view.canvas_actions.add_component_at_centre("monitoring")
    p = document.design.components[cid].position
    assert p.x % GRID == 0 and p.y % GRID == 0
    view.set_snap(False)
    assert view.snap is False


def test_centre_on_ids_scrolls_to_far_components(view, scene, document):
    document.apply(MoveComponents({"mon": ((480, 200), (5000, 4000))}))
    assert not view.visible_scene_rect().contains(scene.component_item("mon").sceneBoundingRect())
    view.centre_on_ids(["mon"])
    assert view.visible_scene_rect().contains(scene.component_item("mon").sceneBoundingRect())
    assert view.zoom == 1.0
    view.centre_on_ids(["src", "mon"])  # too far apart for 100 %: zooms out
    visible = view.visible_scene_rect()
    assert view.zoom < 1.0
    assert visible.contains(scene.component_item("src").sceneBoundingRect())
    assert visible.contains(scene.component_item("mon").sceneBoundingRect())


def test_view_state_is_not_undoable(qtbot, view, scene, document):
    view.zoom_in()
    view.canvas_actions.select_all()
    view.fit_all()
    assert document.undo_stack.count() == 0
    assert isinstance(scene.items(scene.component_item("src").sceneBoundingRect().center())[0], ComponentItem)


def test_a_card_added_at_the_centre_keeps_off_notes_and_group_frames(view, scene, document):
    """Double-clicking a palette kind puts the card on free paper: not on a note, not across
    a group's frame (where it would look like a member)."""
    centre = view.viewport_centre_in_scene()
    nid = document.annotations.add_note(centre.x() - 150, centre.y() - 100, "Why this design")
    document.annotations.resize_note(nid, 300, 200)
    gid = document.annotations.group(["model"], "Online serving")
    cid = view.canvas_actions.add_component_at_centre("monitoring")
    p = document.design.components[cid].position
    card = QRectF(p.x, p.y, CARD_WIDTH, CARD_HEIGHT)
    note = next(iter(scene.annotations.note_items()))
    frame = scene.annotations.frame(gid)
    assert not card.intersects(note.sceneBoundingRect())
    outline = frame.sceneBoundingRect()
    assert not card.intersects(outline) or outline.contains(card)
    assert cid not in document.design.groups[gid].members
