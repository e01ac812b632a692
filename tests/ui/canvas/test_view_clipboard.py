"""Copy, cut, paste and duplicate through the view: new ids, offsets, inner links, one undo step each."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication

from canvas.ui.canvas.canvas_actions import PASTE_OFFSET
from canvas.ui.canvas.mime import FRAGMENT_MIME


def test_copy_puts_a_fragment_on_the_clipboard(qtbot, view, scene):
    scene.select_ids(["train", "model", "mon"])
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasFormat(FRAGMENT_MIME)
    fragment = json.loads(bytes(mime.data(FRAGMENT_MIME).data()).decode("utf-8"))
    assert [c["id"] for c in fragment["components"]] == ["train", "model", "mon"]
    assert [lk["id"] for lk in fragment["links"]] == ["l2"]  # only the links among the copied ones


def test_paste_gives_new_ids_offsets_keeps_inner_links_and_selects(qtbot, view, scene, document):
    scene.select_ids(["train", "model"])
    view.canvas_actions.copy_selection()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    comps = document.design.components
    new = [cid for cid in comps if cid not in ("src", "train", "model", "dep", "mon")]
    assert len(new) == 2 and sorted(scene.selected_component_ids()) == sorted(new)
    kinds = {comps[c].kind: c for c in new}
    assert (comps[kinds["model"]].position.x, comps[kinds["model"]].position.y) == (480 + PASTE_OFFSET, PASTE_OFFSET)
    inner = [lk for lk in document.design.links.values() if lk.source in new or lk.target in new]
    assert [(lk.source, lk.target) for lk in inner] == [(kinds["training"], kinds["model"])]
    assert scene.link_item(inner[0].id) is not None
    assert document.undo_stack.count() == 1
    # a repeated paste lands further off
    second = view.canvas_actions.paste()
    second_model = [c for c in second if comps[c].kind == "model"][0]
    assert comps[second_model].position.x == 480 + 2 * PASTE_OFFSET
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert list(comps) == ["src", "train", "model", "dep", "mon"] and set(document.design.links) == {"l1", "l2", "l3"}
    assert len(scene.component_items()) == 5 and len(scene.link_items()) == 3


def test_copying_again_restarts_the_offset(view, scene, document):
    scene.select_ids(["src"])
    view.canvas_actions.copy_selection()
    view.canvas_actions.paste()
    view.canvas_actions.copy_selection()  # copies the pasted one, which is now selected
    third = view.canvas_actions.paste()
    c = document.design.components[third[0]]
    assert (c.position.x, c.position.y) == (2 * PASTE_OFFSET, 2 * PASTE_OFFSET)


def test_cut_removes_and_paste_brings_back(qtbot, view, scene, document):
    scene.select_ids(["model"])
    qtbot.keyClick(view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert "model" not in document.design.components and set(document.design.links) == {"l1"}
    assert document.undo_stack.count() == 1 and document.undo_stack.text(0) == "Cut 'Model'"
    pasted = view.canvas_actions.paste()
    assert len(pasted) == 1 and document.design.components[pasted[0]].kind == "model"
    assert pasted[0] == "model-1"  # a fresh id, whatever the copied one was
    assert scene.component_item(pasted[0]) is not None


def test_duplicate_keeps_inner_links_and_leaves_the_clipboard_alone(qtbot, view, scene, document):
    QGuiApplication.clipboard().setText("unrelated")
    scene.select_ids(["src", "train"])
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    comps = document.design.components
    new = scene.selected_component_ids()
    assert len(new) == 2 and not set(new) & {"src", "train"}
    placed = {(comps[c].position.x, comps[c].position.y) for c in new}
    assert placed == {(PASTE_OFFSET, PASTE_OFFSET), (240 + PASTE_OFFSET, PASTE_OFFSET)}
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
