"""GUI tests of the palette: groups by Figure 1-1 box, filtering, drag payload, activation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDrag

from canvas.core.catalog import BOXES, KINDS, Box, kinds_in_box
from canvas.ui.canvas.mime import KIND_MIME
from canvas.ui.canvas.palette import Palette, mime_data_for

# The offscreen platform warns when a top-level widget is shown; harmless here.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _palette(qtbot) -> Palette:
    palette = Palette()
    qtbot.addWidget(palette)
    palette.resize(300, 700)
    palette.show()
    return palette


def test_groups_follow_figure_boxes(qtbot) -> None:
    palette = _palette(qtbot)
    tree = palette.tree
    headers = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    titles = [h.text(0) for h in headers]
    assert titles[0] == "ML system users · ch. 11"
    assert "ML system developers · whole book" in titles
    assert "Deployment, monitoring, updating of logic · ch. 7–9" in titles
    # Every kind appears exactly once, under its own box, with its icon and label.
    seen = {}
    for header in headers:
        for i in range(header.childCount()):
            entry = header.child(i)
            kind = KINDS[entry.data(0, Qt.ItemDataRole.UserRole)]
            assert header.text(0).startswith(BOXES[kind.box].title)
            assert entry.text(0) == kind.label
            assert not entry.icon(0).isNull()
            assert kind.description in entry.toolTip(0)
            assert f"chapter {kind.chapter}" in entry.toolTip(0) or kind.chapter == "all"
            seen[kind.id] = entry
    assert set(seen) == set(KINDS)
    assert palette.visible_kinds() == list(seen)


def test_filter_matches_label_id_box_and_description(qtbot) -> None:
    palette = _palette(qtbot)
    palette.set_filter_text("monitor")
    assert "monitoring" in palette.visible_kinds() and "model" not in palette.visible_kinds()
    palette.set_filter_text("feature_pipeline")  # an id
    assert palette.visible_kinds() == ["feature_pipeline"]
    palette.set_filter_text("Figure")  # nothing mentions it
    assert palette.visible_kinds() == []
    assert palette.visible_boxes() == []
    palette.set_filter_text("evaluation")  # a box title (and a description word)
    assert "evaluation" in palette.visible_kinds()
    palette.set_filter_text("drift")  # description only
    assert palette.visible_kinds() == ["continual_learning"]
    palette.set_filter_text("distribution shifts")  # every word must match
    assert palette.visible_kinds() == ["monitoring"]
    palette.set_filter_text("")
    assert len(palette.visible_kinds()) == len(KINDS)


def test_filter_box_shows_one_box(qtbot) -> None:
    palette = _palette(qtbot)
    palette.filter_box(Box.DATA)
    assert palette.visible_kinds() == [k.id for k in kinds_in_box(Box.DATA)]
    assert palette.visible_boxes() == [Box.DATA]
    assert palette.show_all_button.isVisible()
    palette.set_filter_text("training")
    assert palette.visible_kinds() == ["training_data"]
    palette.set_filter_text("")
    palette.show_all_button.click()
    assert len(palette.visible_kinds()) == len(KINDS)
    assert not palette.show_all_button.isVisible()


def test_mime_data_for_kind() -> None:
    mime = mime_data_for("data_pipeline")
    assert mime.hasFormat(KIND_MIME)
    assert bytes(mime.data(KIND_MIME)).decode("utf-8") == "data_pipeline"


def test_double_click_and_enter_activate(qtbot) -> None:
    palette = _palette(qtbot)
    tree = palette.tree
    entry = palette.entry("model")
    rect = tree.visualItemRect(entry)
    with qtbot.waitSignal(palette.kind_activated) as blocker:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["model"]
    tree.setCurrentItem(palette.entry("monitoring"))
    tree.setFocus()
    with qtbot.waitSignal(palette.kind_activated) as blocker:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert blocker.args == ["monitoring"]
    # A group header activates nothing.
    with qtbot.assertNotEmitted(palette.kind_activated):
        tree.setCurrentItem(tree.topLevelItem(0))
        qtbot.keyClick(tree, Qt.Key.Key_Return)


def test_filter_enter_activates_single_match(qtbot) -> None:
    palette = _palette(qtbot)
    palette.set_filter_text("continual")
    with qtbot.waitSignal(palette.kind_activated) as blocker:
        qtbot.keyClick(palette.filter_edit, Qt.Key.Key_Return)
    assert blocker.args == ["continual_learning"]


def test_drag_starts_with_kind_mime(qtbot, monkeypatch) -> None:
    palette = _palette(qtbot)
    captured = []

    def fake_exec(drag: QDrag, *args: object) -> Qt.DropAction:
        captured.append(bytes(drag.mimeData().data(KIND_MIME)).decode())
        return Qt.DropAction.IgnoreAction

    monkeypatch.setattr(QDrag, "exec", fake_exec)
    tree = palette.tree
    entry = palette.entry("evaluation")
    tree.setCurrentItem(entry)
    start = tree.visualItemRect(entry).center()
    qtbot.mousePress(tree.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for dx in (5, 15, 30, 60):
        qtbot.mouseMove(tree.viewport(), start + type(start)(dx, 0))
    qtbot.mouseRelease(tree.viewport(), Qt.MouseButton.LeftButton, pos=start + type(start)(60, 0))
    if not captured:  # offscreen mouse moves without buttons held may not start a drag
        tree.startDrag(Qt.DropAction.CopyAction)
    assert captured == ["evaluation"]
