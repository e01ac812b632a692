"""Re-attaching a link by dragging an end of it, selected, onto another card: real mouse
gestures; one undo step; refused with the same reason as connecting."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from canvas.core.catalog import link_meaning
from canvas.core.edits import link_problem
from tests.ui.gestures import drag, vp_point


def select_link(qtbot, view, scene, lid: str):
    link = scene.link_item(lid)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, link.path().pointAtPercent(0.5)))
    assert scene.selected_link_ids() == [lid]
    return link


def ends(document, lid: str) -> tuple[str, str]:
    link = document.design.links[lid]
    return link.source, link.target


def test_dragging_a_selected_links_arrow_end_onto_a_card_reattaches_it(qtbot, view, scene, document):
    messages: list[str] = []
    view.status_message.connect(messages.append)
    link = select_link(qtbot, view, scene, "l3")  # model -> dep
    _, tip = link.end_points()
    mon = scene.component_item("mon")
    drag(qtbot, view, tip, mon.card_rect().center())
    assert ends(document, "l3") == ("model", "mon")
    assert document.undo_stack.count() == 1 and document.undo_stack.text(0) == "Re-attach link to 'Monitor'"
    assert list(document.design.links) == ["l1", "l2", "l3"]  # its place in the design kept
    item = scene.link_item("l3")
    assert item.target_id == "mon" and "l3" in scene.link_ids_of("mon") and "l3" not in scene.link_ids_of("dep")
    assert scene.selected_link_ids() == ["l3"]
    points = item.route_points()
    assert points is not None and mon.card_rect().adjusted(-0.5, -0.5, 0.5, 0.5).contains(*points[-1])
    assert messages[-1] == "Re-attached the link to Monitor"
    document.undo_stack.undo()
    assert ends(document, "l3") == ("model", "dep") and scene.link_item("l3").target_id == "dep"


def test_the_source_end_reattaches_too_and_the_link_takes_its_new_meaning(qtbot, view, scene, document):
    link = select_link(qtbot, view, scene, "l1")  # src -> train: data flows into training
    start, _ = link.end_points()
    drag(qtbot, view, start, scene.component_item("mon").card_rect().center())
    assert ends(document, "l1") == ("mon", "train")
    item = scene.link_item("l1")
    assert item.source_id == "mon" and item.meaning == link_meaning("monitoring")
    assert document.undo_stack.count() == 1


def test_a_refused_end_says_why_and_changes_nothing(qtbot, view, scene, document):
    messages: list[str] = []
    view.status_message.connect(messages.append)
    link = select_link(qtbot, view, scene, "l2")  # train -> model
    _, tip = link.end_points()
    mon = scene.component_item("mon")
    reason = link_problem(document.design, "train", "mon")
    assert reason
    drag(qtbot, view, tip, mon.card_rect().center(), release=False)
    assert mon._connect_state == "refused" and link.opacity() < 1
    assert view.gesture_hint.isVisible() and view.gesture_hint.text() == reason  # beside the pointer
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, mon.card_rect().center()))
    assert ends(document, "l2") == ("train", "model")
    assert document.undo_stack.count() == 0 and messages[-1] == ""  # the status bar is cleared
    assert not view.gesture_hint.isVisible()
    assert mon._connect_state is None and link.opacity() == 1.0
    assert all(type(i).__name__ in ("ComponentItem", "LinkItem") for i in scene.items() if i.parentItem() is None)


def test_a_duplicate_is_refused_but_a_link_is_not_its_own_duplicate(qtbot, view, scene, document):
    document.connect("model", "mon")
    link = select_link(qtbot, view, scene, "l3")  # model -> dep; model -> mon exists
    _, tip = link.end_points()
    drag(qtbot, view, tip, scene.component_item("mon").card_rect().center())
    assert ends(document, "l3") == ("model", "dep") and document.undo_stack.count() == 1
    _, tip = scene.link_item("l3").end_points()
    drag(qtbot, view, tip, scene.component_item("dep").card_rect().center())  # back onto its own card
    assert ends(document, "l3") == ("model", "dep") and document.undo_stack.count() == 1


def test_released_on_nothing_or_escaped_it_is_left_alone(qtbot, view, scene, document):
    link = select_link(qtbot, view, scene, "l3")
    _, tip = link.end_points()
    drag(qtbot, view, tip, QPointF(900, 500))  # empty canvas
    assert ends(document, "l3") == ("model", "dep") and document.undo_stack.count() == 0
    _, tip = scene.link_item("l3").end_points()
    drag(qtbot, view, tip, scene.component_item("mon").card_rect().center(), release=False)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.mouseRelease(
        view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, scene.component_item("mon").card_rect().center())
    )
    assert ends(document, "l3") == ("model", "dep") and document.undo_stack.count() == 0
    assert scene.link_item("l3").opacity() == 1.0


def test_only_a_selected_links_ends_are_handles(qtbot, view, scene, document):
    """Unselected, the end of a link on a card is the card: a drag there moves the card."""
    scene.select_ids([])
    _, tip = scene.link_item("l3").end_points()
    before = document.design.components["dep"].position.model_copy()
    drag(qtbot, view, tip + QPointF(20, 0), tip + QPointF(20, 100))
    after = document.design.components["dep"].position
    assert ends(document, "l3") == ("model", "dep") and after.y == before.y + 100
