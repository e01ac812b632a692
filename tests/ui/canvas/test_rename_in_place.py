"""Renaming a card in place: double-click or F2, Enter commits (one undo step), Escape cancels."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt

from tests.ui.gestures import vp_point


def label_area_on_screen(view, scene, cid: str):  # type: ignore[no-untyped-def]
    return view.mapFromScene(scene.component_item(cid).label_rect()).boundingRect()


def open_by_double_click(qtbot, view, scene, cid: str):  # type: ignore[no-untyped-def]
    item = scene.component_item(cid)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, item.label_rect().center()))
    editor = view.renamer.editor
    assert editor is not None
    qtbot.waitUntil(editor.hasFocus)
    return editor


def test_double_click_then_enter_renames_in_one_undo_step(qtbot, view, scene, document):
    editor = open_by_double_click(qtbot, view, scene, "model")
    assert editor.isVisible() and editor.text() == "Model"
    assert editor.geometry().intersected(label_area_on_screen(view, scene, "model")) == label_area_on_screen(
        view, scene, "model"
    )  # it covers the card's label
    assert scene.selected_component_ids() == ["model"]
    qtbot.keyClicks(editor, "Fraud scorer")  # the old text was selected: typing replaces it
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert document.design.components["model"].label == "Fraud scorer"
    assert scene.component_item("model").label == "Fraud scorer"
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Rename 'Model' to 'Fraud scorer'"
    assert view.renamer.editor is None and view.hasFocus()  # the keys are the canvas's again
    document.undo_stack.undo()
    assert document.design.components["model"].label == "Model" and scene.component_item("model").label == "Model"


def test_f2_then_escape_leaves_the_label_alone(qtbot, view, scene, document):
    scene.select_ids(["train"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.renamer.editor
    assert editor is not None
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClicks(editor, "Something else")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert document.design.components["train"].label == "Train"
    assert document.undo_stack.count() == 0 and view.renamer.editor is None
    assert scene.selected_component_ids() == ["train"]  # Escape ended the edit, not the selection


def test_keys_typed_into_the_box_never_reach_the_canvas(qtbot, view, scene, document):
    editor = open_by_double_click(qtbot, view, scene, "dep")
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # not Duplicate
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert set(document.design.components) == {"src", "train", "model", "dep", "mon"}
    assert document.design.components["dep"].label == "De"
    assert document.undo_stack.count() == 1


def test_clicking_elsewhere_commits_and_a_blank_name_is_refused(qtbot, view, scene, document):
    editor = open_by_double_click(qtbot, view, scene, "src")
    qtbot.keyClicks(editor, "Card transactions")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, QPointF(100, 500)))
    qtbot.waitUntil(lambda: view.renamer.editor is None)
    assert document.design.components["src"].label == "Card transactions"
    editor = open_by_double_click(qtbot, view, scene, "src")
    qtbot.keyClick(editor, Qt.Key.Key_Delete)  # everything was selected
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert document.design.components["src"].label == "Card transactions" and document.undo_stack.count() == 1


def test_the_box_follows_the_cards_size_and_the_zoom(qtbot, view, scene, document):
    item = scene.component_item("mon")
    editor = open_by_double_click(qtbot, view, scene, "mon")
    before = editor.geometry()
    # A card grown for a long label (its size read from the item, never assumed).
    item.card_rect = lambda: QRectF(item.pos(), QSizeF(300, 130))  # type: ignore[method-assign]
    document.move({"mon": ((480.0, 200.0), (480.0, 240.0))})  # the model moves the card: the box follows
    grown = editor.geometry()
    assert grown.width() > before.width() + 100 and grown.height() > before.height() + 50
    assert grown.intersected(label_area_on_screen(view, scene, "mon")) == label_area_on_screen(view, scene, "mon")
    view.zoom_in()
    assert editor.geometry().width() > grown.width()  # still over the label at the new zoom
    assert editor.geometry().contains(label_area_on_screen(view, scene, "mon").center())


def test_undoing_the_card_away_closes_the_box(qtbot, view, scene, document):
    cid = document.add_component("evaluation", 0, 300)
    editor = open_by_double_click(qtbot, view, scene, cid)
    document.undo_stack.undo()  # what Ctrl+Z from the Edit menu does
    assert view.renamer.editor is None and not editor.isVisible()
    assert document.undo_stack.index() == 0


def test_double_click_on_the_output_port_does_not_rename(qtbot, view, scene):
    port = scene.component_item("model").output_port_pos()
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_point(view, port))
    assert view.renamer.editor is None
