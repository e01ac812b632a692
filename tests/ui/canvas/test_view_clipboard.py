"""Copy, cut, paste and duplicate through the view: new ids, free space, inner links, one undo step each."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QCursor, QGuiApplication

from canvas.ui.canvas.items.style import CARD_HEIGHT
from canvas.ui.canvas.mime import FRAGMENT_MIME
from tests.ui.gestures import vp_point


def pointer_away(view) -> None:
    """The mouse pointer off the canvas (on a menu or another window)."""
    QCursor.setPos(view.mapToGlobal(QPoint(-200, -200)))


def pointer_to(qtbot, view, scene_pos: QPointF) -> None:
    """The mouse pointer over the canvas at ``scene_pos`` (offscreen, QTest's moves do not
    carry the pointer once it has been placed, so it is placed as well as moved)."""
    at = vp_point(view, scene_pos)
    assert view.viewport().rect().contains(at)
    QCursor.setPos(view.viewport().mapToGlobal(at))
    qtbot.mouseMove(view.viewport(), at)


def test_copy_puts_a_fragment_on_the_clipboard(qtbot, view, scene):
    scene.select_ids(["train", "model", "mon"])
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasFormat(FRAGMENT_MIME)
    fragment = json.loads(bytes(mime.data(FRAGMENT_MIME).data()).decode("utf-8"))
    assert [c["id"] for c in fragment["components"]] == ["train", "model", "mon"]
    assert [lk["id"] for lk in fragment["links"]] == ["l2"]  # only the links among the copied ones


def card_rects(scene, ids=None) -> dict[str, QRectF]:
    """Each card's own rectangle (no ports or badges) on the canvas, read from the items."""
    items = scene.component_items() if ids is None else [scene.component_item(c) for c in ids]
    return {i.component_id: i.card_rect() for i in items}


def overlaps(scene, new: list[str]) -> list[tuple[str, str]]:
    rects = card_rects(scene)
    return [(n, o) for n in new for o, r in rects.items() if o not in new and rects[n].intersects(r)]


def test_paste_gives_new_ids_lands_on_free_space_keeps_inner_links_and_selects(qtbot, view, scene, document):
    pointer_away(view)
    scene.select_ids(["train", "model"])
    view.canvas_actions.copy_selection()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    comps = document.design.components
    new = [cid for cid in comps if cid not in ("src", "train", "model", "dep", "mon")]
    assert len(new) == 2 and sorted(scene.selected_component_ids()) == sorted(new)
    kinds = {comps[c].kind: c for c in new}
    model, training = comps[kinds["model"]].position, comps[kinds["training"]].position
    assert (model.x - training.x, model.y - training.y) == (240, 0)  # the copied layout is kept
    assert overlaps(scene, new) == []  # not on top of the originals, nor of anything else
    assert abs(training.y) <= 4 * CARD_HEIGHT  # but near them
    inner = [lk for lk in document.design.links.values() if lk.source in new or lk.target in new]
    assert [(lk.source, lk.target) for lk in inner] == [(kinds["training"], kinds["model"])]
    assert scene.link_item(inner[0].id) is not None
    assert document.undo_stack.count() == 1
    # a repeated paste finds free space again: on neither the originals nor the first copies
    second = view.canvas_actions.paste()
    assert len(second) == 2 and overlaps(scene, second) == []
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert list(comps) == ["src", "train", "model", "dep", "mon"] and set(document.design.links) == {"l1", "l2", "l3"}
    assert len(scene.component_items()) == 5 and len(scene.link_items()) == 3


def test_paste_lands_under_the_mouse_when_it_is_over_the_canvas(qtbot, view, scene, document):
    scene.select_ids(["src"])
    view.canvas_actions.copy_selection()
    empty = QPointF(100.0, 320.0)  # below the row of cards, where nothing is
    pointer_to(qtbot, view, empty)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    (pasted,) = scene.selected_component_ids()
    at = document.design.components[pasted].position
    mouse = view.mapToScene(vp_point(view, empty))
    assert (at.x, at.y) == (round(mouse.x()), round(mouse.y()))  # its top-left under the pointer
    # over a card, the paste goes beside it, not on it
    pointer_to(qtbot, view, card_rects(scene, ["model"])["model"].center())
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    (beside,) = scene.selected_component_ids()
    assert beside != pasted and overlaps(scene, [beside]) == []
    assert document.undo_stack.count() == 2
    pointer_away(view)  # later tests expect the pointer off their canvas


def test_duplicate_keeps_inner_links_and_leaves_the_clipboard_alone(qtbot, view, scene, document):
    QGuiApplication.clipboard().setText("unrelated")
    scene.select_ids(["src", "train"])
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    comps = document.design.components
    new = scene.selected_component_ids()
    assert len(new) == 2 and not set(new) & {"src", "train"}
    first, second = sorted((comps[c].position.x, comps[c].position.y) for c in new)
    assert (second[0] - first[0], second[1] - first[1]) == (240, 0)  # the layout is kept
    assert overlaps(scene, new) == []  # beside the originals, not on them
    assert sum(1 for lk in document.design.links.values() if lk.source in new and lk.target in new) == 1
    assert QGuiApplication.clipboard().text() == "unrelated"
    assert document.undo_stack.count() == 1 and document.undo_stack.text(0).startswith("Duplicate ")
    document.undo_stack.undo()
    assert len(comps) == 5 and all(scene.component_item(c) is None for c in new)


def test_paste_of_foreign_clipboard_does_nothing_and_says_why(view, document):
    messages: list[str] = []
    view.status_message.connect(messages.append)
    QGuiApplication.clipboard().setText("hello")
    assert view.canvas_actions.paste() == []
    mime = QMimeData()
    mime.setData(FRAGMENT_MIME, b'{"format": "something-else"}')
    QGuiApplication.clipboard().setMimeData(mime)
    assert view.canvas_actions.paste() == []
    mime = QMimeData()
    mime.setData(FRAGMENT_MIME, b"{not json")
    QGuiApplication.clipboard().setMimeData(mime)
    assert view.canvas_actions.paste() == []
    assert len(messages) == 3 and all(messages)
    assert document.undo_stack.count() == 0


def test_copy_with_nothing_selected_keeps_the_clipboard(view):
    QGuiApplication.clipboard().setText("keep me")
    assert view.canvas_actions.copy_selection() is False
    assert QGuiApplication.clipboard().text() == "keep me"
