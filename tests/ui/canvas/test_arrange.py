"""Arranging cards: alignment guides while dragging, Arrange ▸ Align and Distribute, Tidy
Up towards the view's shape and Tidy Up Selection — each one undo step, driven by real
drags and by the actions the menus hold."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from canvas.core.layout import tidy_layout
from canvas.io import load_design
from canvas.ui.canvas.arrange import view_aspect
from canvas.ui.canvas.scene import DesignScene
from canvas.ui.canvas.view import DesignView
from canvas.ui.document import Document
from tests.core.geometry_checks import TEMPLATES
from tests.ui.gestures import drag


def positions(document) -> dict[str, tuple[float, float]]:
    return {cid: (c.position.x, c.position.y) for cid, c in document.design.components.items()}


def centre(scene, cid: str) -> QPointF:
    return scene.component_item(cid).card_rect().center()


# --- guides while dragging ---------------------------------------------------------------


def test_a_drag_near_another_cards_left_edge_snaps_onto_it_with_a_guide(qtbot, view, scene, document):
    # "mon" (480, 200) sits under "model" (480, 0): move it 3 right and 50 down
    start = centre(scene, "mon")
    drag(qtbot, view, start, start + QPointF(3, 50), release=False)
    guides = scene.guides.item
    assert guides.scene() is scene
    (line,) = guides.lines
    assert line.x1() == line.x2() == 480.0  # the shared left edge
    assert line.y1() <= 0.0 and line.y2() >= 250.0 + 64  # from "model" down to the dragged card
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(start + QPointF(3, 50)))
    x, y = positions(document)["mon"]
    assert x == 480.0 and abs(y - 250.0) <= 1
    assert guides.scene() is None  # gone with the drag
    assert document.undo_stack.count() == 1


def test_a_drag_near_a_rows_bottom_edge_snaps_its_top_onto_it(qtbot, view, scene, document):
    start = centre(scene, "mon")
    drag(qtbot, view, start, start + QPointF(100, -140))  # top edge 60, the row's bottom 64
    x, y = positions(document)["mon"]
    assert y == 64.0 and abs(x - 580.0) <= 1
    assert scene.guides.item.scene() is None


def test_with_guides_off_a_drag_moves_freely(qtbot, view, scene, document):
    view.arrange_actions.guides_action.trigger()  # View > Alignment Guides, off
    start = centre(scene, "mon")
    drag(qtbot, view, start, start + QPointF(3, 50))
    x, y = positions(document)["mon"]
    assert abs(x - 483.0) <= 1 and abs(y - 250.0) <= 1
    assert scene.guides.item.scene() is None


def test_far_from_every_line_a_drag_moves_freely(qtbot, view, scene, document):
    start = centre(scene, "mon")
    drag(qtbot, view, start, start + QPointF(33, 127))
    x, y = positions(document)["mon"]
    assert abs(x - 513.0) <= 1 and abs(y - 327.0) <= 1


# --- align and distribute ----------------------------------------------------------------


@pytest.mark.parametrize(
    "how, expected",
    [
        ("left", {"model": (480, 0), "mon": (480, 200), "dep": (480, 100)}),
        ("centre", {"model": (600, 0), "mon": (600, 200), "dep": (600, 100)}),
        ("right", {"model": (720, 0), "mon": (720, 200), "dep": (720, 100)}),
        ("top", {"model": (480, 0), "mon": (560, 0), "dep": (720, 0)}),
        ("middle", {"model": (480, 100), "mon": (560, 100), "dep": (720, 100)}),
        ("bottom", {"model": (480, 200), "mon": (560, 200), "dep": (720, 200)}),
    ],
)
def test_align_moves_the_selection_in_one_undo_step(view, scene, document, how, expected):
    document.move({"mon": ((480.0, 200.0), (560.0, 200.0)), "dep": ((720.0, 0.0), (720.0, 100.0))})
    before = positions(document)
    scene.select_ids(["model", "mon", "dep"])
    count = document.undo_stack.count()
    view.arrange_actions.align_actions[how].trigger()
    assert document.undo_stack.count() == count + 1
    after = positions(document)
    assert {cid: after[cid] for cid in expected} == {cid: (float(x), float(y)) for cid, (x, y) in expected.items()}
    assert all(after[cid] == before[cid] for cid in ("src", "train"))  # not selected: not moved
    assert all(scene.component_item(c).pos() == QPointF(*after[c]) for c in expected)
    document.undo_stack.undo()
    assert positions(document) == before


def test_distribute_spaces_the_selection_evenly_between_its_ends(view, scene, document):
    document.move({"train": ((240.0, 0.0), (300.0, 0.0)), "model": ((480.0, 0.0), (420.0, 30.0))})
    scene.select_ids(["src", "train", "model", "dep"])
    view.arrange_actions.distribute_horizontally_action.trigger()
    after = positions(document)
    assert [after[c][0] for c in ("src", "train", "model", "dep")] == [0.0, 240.0, 480.0, 720.0]
    assert after["model"][1] == 30.0  # the other axis stays
    assert document.undo_stack.text(document.undo_stack.index() - 1) == "Distribute horizontally"
    document.move({"mon": ((480.0, 200.0), (480.0, 500.0))})
    scene.select_ids(["model", "dep", "mon"])  # y: 30, 0, 500 -> dep, model, mon
    view.arrange_actions.distribute_vertically_action.trigger()
    after = positions(document)
    assert (after["dep"][1], after["model"][1], after["mon"][1]) == (0.0, 250.0, 500.0)


def test_too_few_selected_is_said_not_done(view, scene, document):
    messages: list[str] = []
    view.status_message.connect(messages.append)
    scene.select_ids(["model"])
    view.arrange_actions.align_actions["left"].trigger()
    scene.select_ids(["model", "dep"])
    view.arrange_actions.distribute_vertically_action.trigger()
    assert document.undo_stack.count() == 0
    assert "two or more" in messages[0] and "three or more" in messages[1]


# --- tidy up -------------------------------------------------------------------------------


def shown(qtbot, path, width: int, height: int) -> DesignView:
    view = DesignView(DesignScene(Document(load_design(path)), dark=False))
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def drawing_aspect(document) -> float:
    xs = [c.position.x for c in document.design.components.values()]
    ys = [c.position.y for c in document.design.components.values()]
    return (max(xs) - min(xs) + 170) / (max(ys) - min(ys) + 64)


def test_tidy_up_shapes_the_design_like_the_view(qtbot):
    path = next(p for p in TEMPLATES if p.stem == "search-ranking")
    wide, tall = shown(qtbot, path, 1800, 400), shown(qtbot, path, 600, 1000)
    for view in (wide, tall):
        expected = tidy_layout(view.document.design, aspect=view_aspect(view))
        view.canvas_actions.tidy_action.trigger()
        assert positions(view.document) == expected
        assert view.document.undo_stack.count() == 1
    assert drawing_aspect(wide.document) > drawing_aspect(tall.document)


def test_tidy_up_selection_moves_only_the_selection_in_one_undo_step(qtbot):
    path = next(p for p in TEMPLATES if p.stem == "recommender")
    view = shown(qtbot, path, 1200, 800)
    document, scene = view.document, view.design_scene
    chosen = list(document.design.components)[:8]
    before = positions(document)
    scene.select_ids(chosen)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    after = positions(document)
    assert document.undo_stack.count() == 1 and document.undo_stack.text(0) == "Tidy up 8 components"
    assert {c for c in after if after[c] != before[c]} <= set(chosen)
    assert after == before | tidy_layout(document.design, aspect=view_aspect(view), only=chosen)
    document.undo_stack.undo()
    assert positions(document) == before
