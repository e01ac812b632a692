"""Find (Ctrl+F): components by label, kind or property value; Enter cycles through the
matches, selecting and centring each; Escape closes. Driven with real keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from canvas.ui.canvas.find_bar import FindBar, find_components


@pytest.fixture
def bar(qtbot, view, document) -> FindBar:
    document.set_property("model", "algorithm", "GBDT")
    document.set_property("dep", "latency_ms", 40)
    document.undo_stack.clear()
    find = FindBar(view)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert find.isVisible()
    qtbot.waitUntil(find.edit.hasFocus)
    return find


def test_enter_cycles_through_the_matches_selecting_and_centring_each(qtbot, bar, view, scene):
    # "mo": Model and Monitor by label, training by its kind ("Model training / experimentation")
    qtbot.keyClicks(bar.edit, "mo")
    assert bar.matches == ["train", "model", "mon"]  # reading order
    seen = [scene.selected_component_ids()]
    for _ in range(3):
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
        seen.append(scene.selected_component_ids())
    assert seen == [["train"], ["model"], ["mon"], ["train"]]  # typing goes to the first; Enter wraps
    assert bar.count.text() == "1 of 3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert scene.selected_component_ids() == ["mon"] and bar.count.text() == "3 of 3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Down)
    assert scene.selected_component_ids() == ["train"]


def test_a_far_match_is_scrolled_into_view(qtbot, bar, view, scene, document):
    document.move({"mon": ((480.0, 200.0), (6000.0, 4000.0))})
    qtbot.keyClicks(bar.edit, "monitor")
    card = scene.component_item("mon").card_rect()
    assert scene.selected_component_ids() == ["mon"]
    assert view.visible_scene_rect().contains(card)


def test_kind_and_property_values_match(qtbot, bar, scene):
    qtbot.keyClicks(bar.edit, "gbdt")
    assert bar.matches == ["model"] and scene.selected_component_ids() == ["model"]
    bar.edit.clear()
    qtbot.keyClicks(bar.edit, "40")
    assert bar.matches == ["dep"]
    bar.edit.clear()
    qtbot.keyClicks(bar.edit, "deployment")
    assert bar.matches == ["dep"]
    bar.edit.clear()
    qtbot.keyClicks(bar.edit, "zzz")
    assert bar.matches == [] and bar.count.text() == "No match"
    assert scene.selected_component_ids() == ["dep"]  # nothing found: the selection stays


def test_escape_closes_and_the_canvas_has_the_keys_again(qtbot, bar, view, scene):
    qtbot.keyClicks(bar.edit, "train")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    qtbot.waitUntil(view.hasFocus)
    assert scene.selected_component_ids() == ["train"]  # what was found stays selected


def test_keys_typed_in_the_bar_edit_the_text_not_the_design(qtbot, bar, scene, document):
    qtbot.keyClicks(bar.edit, "gbdt")
    assert scene.selected_component_ids() == ["model"]
    for key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Left, Qt.Key.Key_Up):
        qtbot.keyClick(bar.edit, key)
    qtbot.keyClick(bar.edit, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(bar.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert document.undo_stack.count() == 0 and len(document.design.components) == 5
    assert document.design.components["model"].position.x == 480.0


def test_the_matches_follow_the_design(qtbot, bar, document):
    qtbot.keyClicks(bar.edit, "mo")
    document.set_label("src", "Mobile events")
    assert bar.matches == ["src", "train", "model", "mon"]
    assert find_components(document.design, "  ") == []
