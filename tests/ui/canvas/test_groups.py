"""Groups on the canvas, driven with real keys and drags: group and ungroup, the frame that
follows its members, dragging the frame, dropping cards in and dragging them out, delete,
copy and paste, tidy up — each one undo step, asserted on the model and on the scene.

The small design: src (0,0) -> train (240,0) -> model (480,0) -> dep (720,0); mon (480,200)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt

from canvas.ui.canvas.items.annotation_style import FRAME_LABEL_BAND, FRAME_PADDING, FRAME_Z
from canvas.ui.canvas.items.annotation_style import frame_rect as padded
from tests.ui.gestures import drag, vp_point

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def group(view, scene, document) -> str:
    """train and model in a group "Offline training"."""
    gid = document.annotations.group(["train", "model"], "Offline training")
    assert gid is not None
    document.undo_stack.clear()
    return gid


def frame_rect(scene, gid: str) -> QRectF:
    return scene.annotations.frame(gid).scene_rect()


def centre(scene, cid: str) -> QPointF:
    return scene.component_item(cid).sceneBoundingRect().center()


def grip(scene, gid: str) -> QPointF:
    """A point on the frame's label band, beside its label."""
    r = frame_rect(scene, gid)
    return QPointF(r.right() - 30, r.top() + 10)


def members(document, gid: str) -> list[str]:
    group = document.design.groups.get(gid)
    return list(group.members) if group else []


def position(document, cid: str) -> tuple[float, float]:
    p = document.design.components[cid].position
    return p.x, p.y


def test_ctrl_g_groups_the_selection_and_ctrl_shift_g_ungroups(qtbot, view, scene, document):
    scene.select_ids(["train", "model"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_G, CTRL)
    (gid,) = document.design.groups
    assert members(document, gid) == ["train", "model"]
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Group 2 components"
    frame = scene.annotations.frame(gid)
    assert scene.selected_group_ids() == [gid]  # the new frame, ready to be named
    r = frame.scene_rect()
    for cid in ("train", "model"):
        assert r.contains(scene.component_item(cid).sceneBoundingRect())
    for cid in ("src", "dep", "mon"):
        assert not r.intersects(scene.component_item(cid).sceneBoundingRect())
    assert frame.zValue() == FRAME_Z and frame.zValue() < scene.link_item("l1").zValue()
    # Ctrl+Shift+G on a member dissolves the group; the members stay
    scene.select_ids(["model"])
    qtbot.keyClick(view, Qt.Key.Key_G, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert not document.design.groups and scene.annotations.frame(gid) is None
    assert {"train", "model"} <= set(document.design.components)
    assert document.undo_stack.undoText() == "Ungroup 'Group'"
    document.undo_stack.undo()
    assert members(document, gid) == ["train", "model"] and scene.annotations.frame(gid) is not None
    document.undo_stack.undo()
    assert not document.design.groups and not scene.annotations.frames()


def test_the_frame_is_the_members_bounds_plus_padding_and_a_label_band(view, scene, group):
    cards = scene.component_item("train").sceneBoundingRect().united(scene.component_item("model").sceneBoundingRect())
    pad = FRAME_PADDING
    assert frame_rect(scene, group) == cards.adjusted(-pad, -pad - FRAME_LABEL_BAND, pad, pad)


def test_dragging_the_frame_moves_its_members_in_one_step(qtbot, view, scene, document, group):
    start = grip(scene, group)
    before = frame_rect(scene, group)
    drag(qtbot, view, start, start + QPointF(0, 300))
    assert position(document, "train") == (240.0, 300.0) and position(document, "model") == (480.0, 300.0)
    assert position(document, "src") == (0.0, 0.0)
    assert frame_rect(scene, group) == before.translated(0, 300)
    assert members(document, group) == ["train", "model"]
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Move 2 components"
    # its links followed
    assert scene.link_item("l1").path().pointAtPercent(1).y() == pytest.approx(332, abs=1)
    document.undo_stack.undo()
    assert position(document, "train") == (240.0, 0.0) and frame_rect(scene, group) == before


def test_the_frame_follows_a_member_while_it_is_dragged(qtbot, view, scene, document, group):
    before = frame_rect(scene, group)
    drag(qtbot, view, centre(scene, "model"), centre(scene, "model") + QPointF(40, 30), release=False)
    now = frame_rect(scene, group)
    card = scene.component_item("model")  # where the drag put it (alignment guides may snap it)
    assert card.pos() != QPointF(480, 0) and now == before.united(padded([card.sceneBoundingRect()]))
    assert now.bottom() > before.bottom() and now.right() > before.right()
    assert document.undo_stack.count() == 0
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, centre(scene, "model")))
    assert members(document, group) == ["train", "model"]  # moved within the frame: still in it
    assert position(document, "model") == (card.x(), card.y())
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Move"


def test_dragging_a_card_out_of_its_frame_takes_it_out_in_the_same_step(qtbot, view, scene, document, group):
    start = centre(scene, "model")
    drag(qtbot, view, start, start + QPointF(0, 400), release=False)
    # while the card is out, the frame shows what stays: train alone
    r = frame_rect(scene, group)
    assert r.contains(scene.component_item("train").sceneBoundingRect()) and not r.contains(centre(scene, "model"))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, start + QPointF(0, 400)))
    assert members(document, group) == ["train"]
    assert position(document, "model") == (480.0, 400.0)
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Move 'Model' out of 'Offline training'"
    document.undo_stack.undo()
    assert members(document, group) == ["train", "model"] and position(document, "model") == (480.0, 0.0)
    assert frame_rect(scene, group).contains(scene.component_item("model").sceneBoundingRect())
    document.undo_stack.redo()
    assert members(document, group) == ["train"]


def test_dropping_a_card_into_a_frame_adds_it(qtbot, view, scene, document, group):
    frame = scene.annotations.frame(group)
    start = centre(scene, "mon")
    inside = QPointF(frame_rect(scene, group).center().x(), frame_rect(scene, group).bottom() - 10)
    drag(qtbot, view, start, inside, release=False)
    assert frame.drop_target  # marked as where the card would go
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, inside))
    assert not frame.drop_target
    assert members(document, group) == ["train", "model", "mon"]
    assert frame_rect(scene, group).contains(scene.component_item("mon").sceneBoundingRect())
    assert (
        document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Move 'Monitor' into 'Offline training'"
    )
    document.undo_stack.undo()
    assert members(document, group) == ["train", "model"] and position(document, "mon") == (480.0, 200.0)


def test_a_card_moves_from_one_group_to_another_in_one_step(qtbot, view, scene, document, group):
    other = document.annotations.group(["mon"], "Team Ads")
    start = centre(scene, "model")
    target = centre(scene, "mon") + QPointF(0, 40)  # in Team Ads' frame, low on its card
    drag(qtbot, view, start, target)
    assert members(document, group) == ["train"] and members(document, other) == ["mon", "model"]
    assert document.undo_stack.undoText() == "Move 'Model' into 'Team Ads'"
    document.undo_stack.undo()
    assert members(document, group) == ["train", "model"] and members(document, other) == ["mon"]


def test_the_last_member_dragged_out_ends_the_group_and_undo_brings_it_back(qtbot, view, scene, document):
    gid = document.annotations.group(["train", "model"], "Pair")
    drag(qtbot, view, centre(scene, "model"), centre(scene, "model") + QPointF(0, 400))
    assert members(document, gid) == ["train"]
    # a group of one moves with its card: dragging it is not leaving
    drag(qtbot, view, centre(scene, "train"), centre(scene, "train") + QPointF(0, 300))
    assert members(document, gid) == ["train"]
    assert frame_rect(scene, gid).contains(scene.component_item("train").sceneBoundingRect())


def test_a_selection_dragged_with_the_whole_group_keeps_it(qtbot, view, scene, document, group):
    scene.select_ids(["train", "model", "src"])
    drag(qtbot, view, centre(scene, "model"), centre(scene, "model") + QPointF(0, 500))
    assert members(document, group) == ["train", "model"] and document.undo_stack.count() == 1


def test_clicking_inside_a_frame_is_the_background(qtbot, view, scene, document):
    gid = document.annotations.group(["train", "mon"], "Wide")
    inside = QPointF(300, 150)  # inside the frame, on no card
    assert frame_rect(scene, gid).contains(inside)
    scene.select_ids(["src"])
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, inside))
    assert not scene.selectedItems()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, grip(scene, gid)))
    assert scene.selected_group_ids() == [gid]


def test_a_rubber_band_selects_a_frame_only_when_it_holds_all_of_it(qtbot, view, scene, group):
    r = frame_rect(scene, group)
    # across the frame's left border, around train only
    drag(qtbot, view, QPointF(r.left() - 20, -20), QPointF(420, 80))
    assert scene.selected_component_ids() == ["train"] and scene.selected_group_ids() == []
    drag(qtbot, view, r.topLeft() - QPointF(10, 10), r.bottomRight() + QPointF(10, 10))
    assert scene.selected_group_ids() == [group]


def test_delete_dissolves_a_selected_frame_with_other_deletions_in_one_step(qtbot, view, scene, document, group):
    note = document.annotations.add_note(0, 300, "x")
    scene.select_ids(["dep"], note_ids=[note], group_ids=[group])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    d = document.design
    assert not d.groups and "dep" not in d.components and not d.notes
    assert {"train", "model"} <= set(d.components)  # members stay
    assert document.undo_stack.undoText() == "Delete 'Dep' and 1 link, note and group 'Offline training'"
    document.undo_stack.undo()
    assert members(document, group) == ["train", "model"] and "dep" in document.design.components
    assert scene.annotations.frame(group) is not None


def test_deleting_members_shrinks_the_frame_and_the_last_one_ends_it(qtbot, view, scene, document, group):
    scene.select_ids(["model"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert members(document, group) == ["train"]
    assert frame_rect(scene, group).right() < 480
    scene.select_ids(["train"])
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert not document.design.groups and not scene.annotations.frames()
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert members(document, group) == ["train", "model"] and frame_rect(scene, group).right() > 650


def test_copying_all_members_copies_the_group_and_some_of_them_does_not(qtbot, view, scene, document, group):
    scene.select_ids(["train", "model"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_D, CTRL)
    groups = document.design.groups
    assert len(groups) == 2
    copy = [g for g in groups if g != group][0]
    assert groups[copy].label == "Offline training" and set(groups[copy].members) == set(scene.selected_component_ids())
    assert scene.selected_group_ids() == [copy] and scene.annotations.frame(copy) is not None
    scene.select_ids(["model"])
    qtbot.keyClick(view, Qt.Key.Key_D, CTRL)
    assert len(document.design.groups) == 2


def test_tidy_up_keeps_frames_around_their_members(qtbot, view, scene, document, group):
    document.annotations.group(["dep", "mon"], "Serving")
    view.canvas_actions.tidy_up()
    for gid in document.design.groups:
        r = frame_rect(scene, gid)
        for cid in members(document, gid):
            assert r.contains(scene.component_item(cid).sceneBoundingRect())
    document.undo_stack.undo()
    assert frame_rect(scene, group).contains(scene.component_item("model").sceneBoundingRect())


def test_a_kind_dropped_from_the_palette_into_a_frame_joins_its_group(view, scene, document, group):
    from tests.ui.gestures import drop_kind

    inside = QPointF(frame_rect(scene, group).center().x(), frame_rect(scene, group).bottom() - 12)
    assert drop_kind(view, "evaluation", inside) == (True, True)
    (new,) = [c for c in document.design.components if c.startswith("evaluation")]
    assert members(document, group) == ["train", "model", new]
    assert (
        document.undo_stack.count() == 1
        and document.undo_stack.undoText() == "Add Offline evaluation to 'Offline training'"
    )
    assert frame_rect(scene, group).contains(scene.component_item(new).sceneBoundingRect())
    document.undo_stack.undo()
    assert members(document, group) == ["train", "model"] and new not in document.design.components
    drop_kind(view, "evaluation", QPointF(300, 500))  # outside every frame: no group
    assert members(document, group) == ["train", "model"]
