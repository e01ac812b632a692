"""Canvas gestures driven with real mouse, key and drop events; asserts on model, scene and undo stack."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl

from canvas.core.edits import link_problem
from canvas.ui.canvas.items.style import CARD_HEIGHT, CARD_WIDTH, GRID
from tests.ui.gestures import drag, drop, drop_kind, vp_point


def centre(scene, cid: str) -> QPointF:
    return scene.component_item(cid).pos() + QPointF(CARD_WIDTH / 2, CARD_HEIGHT / 2)


def out_port(scene, cid: str) -> QPointF:
    return scene.component_item(cid).output_port_pos()


def on_border(p: QPointF, r) -> bool:
    """Whether ``p`` lies on the rectangle's outline (within half a unit)."""
    inside = r.adjusted(-0.5, -0.5, 0.5, 0.5).contains(p)
    return inside and not r.adjusted(0.5, 0.5, -0.5, -0.5).contains(p)


def positions(document) -> dict[str, tuple[float, float]]:
    return {cid: (c.position.x, c.position.y) for cid, c in document.design.components.items()}


# --- adding by drop --------------------------------------------------------------------------


def test_drop_from_palette_adds_component_centred_on_cursor(view, scene, document):
    at = QPointF(300.0, 400.0)
    entered, dropped = drop_kind(view, "evaluation", at)
    assert entered and dropped
    assert document.undo_stack.count() == 1
    new = [c for c in document.design.components.values() if c.kind == "evaluation"]
    assert len(new) == 1
    comp = new[0]
    # centred on the cursor (the cursor lands on a whole pixel, hence the tolerance)
    assert abs(comp.position.x + CARD_WIDTH / 2 - at.x()) <= 1.0
    assert abs(comp.position.y + CARD_HEIGHT / 2 - at.y()) <= 1.0
    item = scene.component_item(comp.id)
    assert item is not None and item.pos() == QPointF(comp.position.x, comp.position.y)
    assert scene.selected_component_ids() == [comp.id]
    document.undo_stack.undo()
    assert comp.id not in document.design.components and scene.component_item(comp.id) is None
    document.undo_stack.redo()
    assert scene.component_item(comp.id) is not None


def test_drop_snaps_to_grid_when_snap_is_on(view, document):
    view.set_snap(True)
    drop_kind(view, "model", QPointF(333.0, 417.0))
    comp = [c for c in document.design.components.values() if c.id.startswith("model-")][0]
    assert comp.position.x % GRID == 0 and comp.position.y % GRID == 0
    assert abs(comp.position.x + CARD_WIDTH / 2 - 333) <= GRID / 2 + 1


def test_foreign_and_unknown_drops_are_refused(view, document):
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile("/tmp/design.json")])
    assert drop(view, files, QPointF(100, 300)) == (False, False)
    assert drop_kind(view, "no_such_kind", QPointF(100, 300)) == (False, False)
    assert document.undo_stack.count() == 0
    assert len(document.design.components) == 5


# --- connecting --------------------------------------------------------------------------


def test_drag_from_output_port_connects(qtbot, view, scene, document):
    messages: list[str] = []
    view.status_message.connect(messages.append)
    drag(qtbot, view, out_port(scene, "dep"), centre(scene, "mon"))
    links = [lk for lk in document.design.links.values() if (lk.source, lk.target) == ("dep", "mon")]
    assert len(links) == 1
    lid = links[0].id
    assert document.undo_stack.count() == 1
    item = scene.link_item(lid)
    assert item is not None and lid in scene.link_ids_of("mon") and lid in scene.link_ids_of("dep")
    # routed around the cards: the arrow touches the target's card, the line leaves the source's
    tip, start = item.arrow()[0], item.path().pointAtPercent(0)
    assert item.route_points() is not None
    assert on_border(tip, scene.component_item("mon").card_rect())
    assert on_border(start, scene.component_item("dep").card_rect())
    assert not document.design.links.keys() - {"l1", "l2", "l3", lid}
    assert messages and "Linked" in messages[-1]
    # the preview is gone, nothing is left marked as a target
    assert all(type(i).__name__ in ("ComponentItem", "LinkItem") for i in scene.items() if i.parentItem() is None)
    document.undo_stack.undo()
    assert lid not in document.design.links and scene.link_item(lid) is None
    assert lid not in scene.link_ids_of("mon")
    document.undo_stack.redo()
    assert scene.link_item(lid) is not None


def test_shift_drag_from_anywhere_on_a_card_connects(qtbot, view, scene, document):
    drag(qtbot, view, centre(scene, "dep"), centre(scene, "mon"), modifier=Qt.KeyboardModifier.ShiftModifier)
    assert any((lk.source, lk.target) == ("dep", "mon") for lk in document.design.links.values())
    assert positions(document)["dep"] == (720.0, 0.0)  # the card did not move
    assert document.undo_stack.count() == 1


def test_forbidden_connect_is_refused_with_the_reason(qtbot, view, scene, document):
    reason = link_problem(document.design, "mon", "src")
    assert reason  # monitoring cannot feed a data source
    messages: list[str] = []
    view.status_message.connect(messages.append)
    drag(qtbot, view, out_port(scene, "mon"), centre(scene, "src"), release=False)
    target = scene.component_item("src")
    assert target._connect_state == "refused"
    assert view.gesture_hint.isVisible() and view.gesture_hint.text() == reason
    assert messages == []  # beside the pointer, not in the status bar
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, centre(scene, "src")))
    assert messages == [""] and not view.gesture_hint.isVisible()
    assert set(document.design.links) == {"l1", "l2", "l3"}
    assert document.undo_stack.count() == 0
    assert target._connect_state is None


def test_valid_target_is_highlighted_while_hovering(qtbot, view, scene):
    drag(qtbot, view, out_port(scene, "dep"), centre(scene, "mon"), release=False)
    assert scene.component_item("mon")._connect_state == "ok"
    scene.select_ids(["src"])
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert scene.component_item("mon")._connect_state is None
    assert (
        view._connect is None and len([i for i in scene.items() if i.parentItem() is None]) == 8
    )  # preview items gone
    assert scene.selected_component_ids() == ["src"]  # the first Escape only ends the gesture
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, centre(scene, "mon")))
    assert len(scene.link_items()) == 3
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert scene.selected_component_ids() == []


def test_duplicate_link_and_release_on_empty_space_create_nothing(qtbot, view, scene, document):
    messages: list[str] = []
    view.status_message.connect(messages.append)
    drag(qtbot, view, out_port(scene, "src"), centre(scene, "train"), release=False)
    assert view.gesture_hint.text() == "These components are already linked"
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, centre(scene, "train")))
    assert messages[-1] == "" and not view.gesture_hint.isVisible()
    drag(qtbot, view, out_port(scene, "dep"), QPointF(900, 500))
    assert set(document.design.links) == {"l1", "l2", "l3"} and document.undo_stack.count() == 0


# --- moving and selecting ------------------------------------------------------------


def test_dragging_cards_is_one_undo_step(qtbot, view, scene, document):
    scene.select_ids(["src", "train"])
    before = positions(document)
    drag(qtbot, view, centre(scene, "train"), centre(scene, "train") + QPointF(60, 100), release=False)
    # during the drag only the items move
    assert scene.component_item("train").pos() == QPointF(300, 100)
    assert positions(document) == before
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, QPointF(385 + 60, 132 + 100)))
    after = positions(document)
    assert after["src"] == (60.0, 100.0) and after["train"] == (300.0, 100.0)
    assert after["model"] == before["model"]
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert positions(document) == before
    assert scene.component_item("src").pos() == QPointF(0, 0)
    document.undo_stack.redo()
    assert positions(document) == after
    assert scene.component_item("train").pos() == QPointF(300, 100)


def test_drag_snaps_when_snap_is_on(qtbot, view, scene, document):
    view.snap = True
    assert view.snap
    drag(qtbot, view, centre(scene, "mon"), centre(scene, "mon") + QPointF(33, 27))
    x, y = positions(document)["mon"]
    assert (x, y) == (520.0, 220.0)


def test_a_drag_at_a_fractional_zoom_keeps_the_card_where_its_release_puts_it(
    qtbot, view, scene, document, monkeypatch
):
    """At 73 % a pixel is 1.37 units: the card moves by whole units during the drag (what the
    model saves), so the release shows no jump and routes the card's links once."""
    view.snap = False
    view._set_scale(0.73)
    routed: list[set[str]] = []
    original = scene.routes.router.reroute
    monkeypatch.setattr(scene.routes.router, "reroute", lambda ids: (routed.append(set(ids)), original(ids))[1])
    drag(qtbot, view, centre(scene, "dep"), centre(scene, "dep") + QPointF(41.3, 27.9), release=False)
    item = scene.component_item("dep")
    during = (item.pos().x(), item.pos().y())
    assert during == (round(during[0]), round(during[1])) and during != (400.0, 100.0)
    routed.clear()
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, centre(scene, "dep")))
    assert positions(document)["dep"] == during and (item.pos().x(), item.pos().y()) == during
    assert routed == [{"l3"}]


def test_link_reroutes_when_an_end_moves_and_only_its_links(qtbot, view, scene, document, monkeypatch):
    from canvas.ui.canvas.items.link_item import LinkItem

    rerouted: list[str] = []
    original = LinkItem.reroute_to
    monkeypatch.setattr(
        LinkItem, "reroute_to", lambda self, *ends: (rerouted.append(self.link_id), original(self, *ends))
    )
    link = scene.link_item("l3")
    tip_before = link.arrow()[0]
    drag(qtbot, view, centre(scene, "dep"), centre(scene, "dep") + QPointF(0, 150), release=False)
    assert set(rerouted) == {"l3"}  # l1 and l2 do not touch "dep"
    assert (link.arrow()[0] - scene.component_item("dep").input_port_pos()).manhattanLength() < 8
    assert link.arrow()[0].y() - tip_before.y() == 150
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, centre(scene, "dep")))
    document.undo_stack.undo()
    assert link.arrow()[0] == tip_before


def test_rubber_band_selects_what_it_touches(qtbot, view, scene, document):
    drag(qtbot, view, QPointF(-40, -60), QPointF(300, 90))
    assert scene.selected_component_ids() == ["src", "train"]
    assert scene.selected_link_ids() == ["l1"]
    assert document.undo_stack.count() == 0


def test_click_and_ctrl_click_select(qtbot, view, scene):
    vp = view.viewport()
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=vp_point(view, centre(scene, "model")))
    assert scene.selected_component_ids() == ["model"]
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, ctrl, vp_point(view, centre(scene, "src")))
    assert scene.selected_component_ids() == ["src", "model"]
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=vp_point(view, QPointF(200, 400)))
    assert scene.selected_component_ids() == []


def test_ctrl_a_selects_everything(qtbot, view, scene):
    with qtbot.waitSignal(scene.selectionChanged):
        qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert scene.selected_component_ids() == ["src", "train", "model", "dep", "mon"]
    assert scene.selected_link_ids() == ["l1", "l2", "l3"]


def test_delete_key_removes_component_with_its_links(qtbot, view, scene, document):
    scene.select_ids(["model"])
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "model" not in document.design.components
    assert set(document.design.links) == {"l1"}
    assert scene.component_item("model") is None and scene.link_item("l2") is None and scene.link_item("l3") is None
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert set(document.design.links) == {"l1", "l2", "l3"}
    assert list(document.design.components) == ["src", "train", "model", "dep", "mon"]
    assert scene.component_item("model") is not None and scene.link_item("l2") is not None
    assert scene.link_ids_of("model") == {"l2", "l3"}
    document.undo_stack.redo()
    assert scene.link_item("l3") is None


def test_backspace_deletes_a_selected_link_only(qtbot, view, scene, document):
    scene.select_ids([], ["l2"])
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert set(document.design.links) == {"l1", "l3"} and len(document.design.components) == 5
    assert scene.link_item("l2") is None and "l2" not in scene.link_ids_of("train")


def test_a_run_of_arrow_keys_is_one_undo_step(qtbot, view, scene, document):
    scene.select_ids(["src", "mon"])
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert positions(document)["src"] == (2 * GRID, GRID)
    assert positions(document)["mon"] == (480 + 2 * GRID, 200 + GRID)
    assert scene.component_item("src").pos() == QPointF(2 * GRID, GRID)
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Move 2 components"
    document.undo_stack.undo()
    assert positions(document)["src"] == (0.0, 0.0) and positions(document)["mon"] == (480.0, 200.0)
    assert scene.component_item("mon").pos() == QPointF(480, 200)
    document.undo_stack.redo()
    assert positions(document)["src"] == (2 * GRID, GRID)


def test_nudges_merge_only_for_the_same_cards_with_nothing_between(qtbot, view, scene, document):
    scene.select_ids(["src"])
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    scene.select_ids(["src", "mon"])  # another selection: a new step
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert document.undo_stack.count() == 2
    document.set_label("mon", "Drift monitor")  # an edit between: the next nudge is a new step
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert document.undo_stack.count() == 4
    assert positions(document)["src"] == (2 * GRID, 2 * GRID)
    document.undo_stack.undo()
    assert positions(document)["src"] == (2 * GRID, GRID)
    assert document.design.components["mon"].label == "Drift monitor"


def test_nudging_back_to_the_start_leaves_no_undo_step(qtbot, view, scene, document):
    scene.select_ids(["train"])
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert positions(document)["train"] == (240.0, 0.0)
    assert document.undo_stack.count() == 0 and not document.dirty


def _start_drag(qtbot, view, scene_pos: QPointF) -> tuple[object, object]:
    vp = view.viewport()
    p0 = vp_point(view, scene_pos)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p0)
    for i in range(1, 4):
        qtbot.mouseMove(vp, p0 + type(p0)(10 * i, 10 * i))
    return vp, p0


def test_a_drag_whose_card_is_undone_away_leaves_the_next_drag_intact(qtbot, view, scene, document):
    """Ctrl+Z during a drag removes the dragged card: Qt drops the grab (no release reaches
    the card); the next drag still moves what it grabs, and only that."""
    cid = document.add_component("model", 0, 300)
    scene.select_ids([cid, "mon"])
    vp, p0 = _start_drag(qtbot, view, scene.component_item(cid).sceneBoundingRect().center())
    document.undo_stack.undo()  # what Ctrl+Z does
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p0)
    mon_before = document.design.components["mon"].position
    scene.clearSelection()
    src = scene.component_item("src").sceneBoundingRect().center()
    drag(qtbot, view, src, src + QPointF(200, 0))
    assert document.design.components["src"].position.x == 200
    assert document.design.components["mon"].position == mon_before


def test_a_card_deleted_mid_drag_does_not_freeze_the_next_drag(qtbot, view, scene, document):
    vp, p0 = _start_drag(qtbot, view, scene.component_item("src").sceneBoundingRect().center())
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "src" not in document.design.components
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p0)
    mon = scene.component_item("mon").sceneBoundingRect().center()
    drag(qtbot, view, mon, mon + QPointF(120, 60))
    assert (document.design.components["mon"].position.x, document.design.components["mon"].position.y) == (600, 260)
