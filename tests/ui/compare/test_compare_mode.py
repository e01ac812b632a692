"""File ▸ Compare With… a design file, from the real main window: the canvas's outlines and
ghosts (and their colours), the panel's rows, a click on a row, leaving by Escape, the button,
the menu and the dock's close button, and what an edit made while comparing does."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem

from canvas.core.catalog import KINDS
from canvas.io import save_design
from canvas.ui.compare.compare_dialog import CompareChoice
from canvas.ui.compare.ghost_item import (
    ADDED,
    CHANGE_COLOURS,
    CHANGED,
    REMOVED,
    ChangeMark,
    GhostCard,
    GhostLink,
    LinkMark,
)
from tests.ui.compare.compare_rig import (
    before_and_after,
    centre_distance,
    click_row,
    colour_pixels,
    compare_with,
    row,
    scene_state,
)
from tests.ui.gestures import drag
from tests.ui.ui_fixtures import isolated_settings, make_window  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = before_and_after()
    save_design(old, tmp_path / "before.json", backup=False)
    save_design(new, tmp_path / "after.json", backup=False)
    return tmp_path / "before.json", tmp_path / "after.json"


@pytest.fixture
def window(make_window, files):  # type: ignore[no-untyped-def]
    """The editor with after.json open, checked."""
    window, _ = make_window()
    assert window.files.open_path(files[1], ask=False)
    window.checker_ui.checker.check_now()
    return window


def _ghosts(window) -> dict[str, GhostCard]:  # type: ignore[no-untyped-def]
    return {i.component_id: i for i in window.scene.items() if isinstance(i, GhostCard)}


def _overlay_items(window) -> list[QGraphicsItem]:  # type: ignore[no-untyped-def]
    return [i for i in window.scene.items() if isinstance(i, (ChangeMark, LinkMark, GhostCard, GhostLink))]


def _ring_strip(window, cid: str) -> QRectF:  # type: ignore[no-untyped-def]
    """A strip just left of a card, where its compare ring runs (and nothing else is drawn)."""
    pos = window.scene.component_item(cid).pos()
    return QRectF(pos.x() - 11, pos.y() + 16, 5, 32)


def test_compare_with_a_file_shows_outlines_ghosts_and_the_list(qtbot, window, files) -> None:  # type: ignore[no-untyped-def]
    before, stack = scene_state(window), window.document.undo_stack
    undo = (stack.count(), stack.index(), stack.isClean())
    canvas_size = window.view.size()
    errors = compare_with(window, CompareChoice(file=files[0]))
    assert errors.said == [] and window.compare.active
    scene = window.scene
    visible = window.view.visible_scene_rect()  # the view shows every change
    assert all(visible.contains(i.sceneBoundingRect()) for i in _overlay_items(window))

    # Added and changed cards: a ring of their colour, a child of the card itself.
    marks = {i.parentItem().component_id: i for i in scene.items() if isinstance(i, ChangeMark)}
    assert {cid: m.change for cid, m in marks.items()} == {"ab": ADDED, "model": CHANGED}
    assert colour_pixels(scene, _ring_strip(window, "ab"), CHANGE_COLOURS[ADDED]) > 40
    assert colour_pixels(scene, _ring_strip(window, "model"), CHANGE_COLOURS[CHANGED]) > 40
    assert colour_pixels(scene, _ring_strip(window, "training"), CHANGE_COLOURS[ADDED]) == 0  # unchanged: none

    # The removed card: a ghost at its old position, faded, dashed in the removed colour,
    # neither a card of the design nor selectable.
    ghosts = _ghosts(window)
    assert list(ghosts) == ["evaluation"]
    ghost = ghosts["evaluation"]
    assert (ghost.pos().x(), ghost.pos().y()) == (1100.0, 140.0)
    assert scene.component_item("evaluation") is None
    assert not ghost.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
    assert ghost.acceptedMouseButtons() == Qt.MouseButton.NoButton
    edge = QRectF(ghost.x() - 5, ghost.y() + 12, 4, 40)
    assert colour_pixels(scene, edge, CHANGE_COLOURS[REMOVED]) > 10
    band = colour_pixels(scene, QRectF(ghost.x() + 1, ghost.y() + 20, 5, 24), QColor(KINDS["evaluation"].colour), 30)
    assert band == 0  # the kind's colour shows through faded, never at full strength

    # Links: the added ones haloed, the removed ones as dashed ghosts between their ends.
    link_marks = {i.parentItem().link_id: i.change for i in scene.items() if isinstance(i, LinkMark)}
    assert link_marks == {"model->deployment": ADDED, "deployment->ab": ADDED}
    ghost_links = {i.link_id for i in scene.items() if isinstance(i, GhostLink)}
    assert ghost_links == {"model->evaluation", "evaluation->deployment"}

    # The list.
    texts = [r.text(0) for r in window.compare.panel.rows()]
    for expected in (
        "A/B test dashboard (Monitoring)",
        "Offline evaluation (Offline evaluation)",
        "Ranking model (Model)",
        'label: "Model" → "Ranking model"',
        "latency_ms: 25 → 12",
        "1 component moved (positions only)",
        "'Ranking model' → 'Prediction service'",
        "'Model' → 'Offline evaluation'",
    ):
        assert expected in texts, texts
    assert any("no offline evaluation" in t for t in texts)  # a finding introduced
    sections = [
        window.compare.panel.tree.topLevelItem(i).text(0) for i in range(window.compare.panel.tree.topLevelItemCount())
    ]
    assert sections == [
        "Findings introduced (2)",
        "Components added (1)",
        "Components removed (1)",
        "Components changed (1)",
        "Moved",
        "Links added (2)",
        "Links removed (2)",
    ]
    assert window.compare.dock.isVisible()

    # Escape leaves: the scene holds exactly what it held, nothing was pushed or undone.
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not window.compare.active
    assert _overlay_items(window) == []
    assert scene_state(window) == before
    assert (stack.count(), stack.index(), stack.isClean()) == undo
    assert not window.compare.dock.isVisible()
    assert window.view.size() == canvas_size  # the panel took the palette's place, no more
    assert colour_pixels(scene, _ring_strip(window, "ab"), CHANGE_COLOURS[ADDED]) == 0


def test_clicking_rows_selects_and_centres(qtbot, window, files) -> None:  # type: ignore[no-untyped-def]
    compare_with(window, CompareChoice(file=files[0]))
    scene = window.scene
    window.view.zoom_reset()

    click_row(qtbot, window, row(window, "Ranking model (Model)"))
    assert scene.selected_component_ids() == ["model"]
    assert centre_distance(window, scene.component_item("model").sceneBoundingRect().center()) < 3
    assert window.inspector.component_ids == ["model"]  # the inspector shows it, as any selection

    click_row(qtbot, window, row(window, "latency_ms"))  # a field selects its component
    assert scene.selected_component_ids() == ["model"]

    click_row(qtbot, window, row(window, "Offline evaluation"))  # a ghost: shown, not selected
    ghost = _ghosts(window)["evaluation"]
    assert ghost.highlighted and scene.selectedItems() == []
    assert centre_distance(window, ghost.sceneBoundingRect().center()) < 3

    click_row(qtbot, window, row(window, "'Offline evaluation' → 'Prediction service'"))
    ghost_link = next(i for i in scene.items() if isinstance(i, GhostLink) and i.link_id == "evaluation->deployment")
    assert ghost_link.highlighted and not ghost.highlighted

    click_row(qtbot, window, row(window, "'Prediction service' → 'A/B test dashboard'"))
    assert scene.selected_link_ids() == ["deployment->ab"] and not ghost_link.highlighted

    click_row(qtbot, window, row(window, "Model 'Ranking model' reaches"))  # a finding: what it names
    assert set(scene.selected_component_ids()) == {"model", "deployment"}
    assert window.document.undo_stack.count() == 0


def test_a_ghost_takes_no_click_on_the_canvas(qtbot, window, files) -> None:  # type: ignore[no-untyped-def]
    compare_with(window, CompareChoice(file=files[0]))
    ghost = _ghosts(window)["evaluation"]
    window.view.zoom_reset()
    window.view.centerOn(ghost)
    centre = ghost.card_rect().center()
    point = window.view.mapFromScene(centre)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    # the click goes through the ghost: to the canvas, or to a link routed under it
    assert not ghost.isSelected() and window.scene.selected_component_ids() == []
    drag(qtbot, window.view, centre, centre + QPointF(80, 40))  # a rubber band, not a move
    assert ghost.pos() == QPointF(1100, 140)
    assert window.document.undo_stack.count() == 0 and window.compare.active


@pytest.mark.parametrize("how", ["button", "menu", "dock"])
def test_leaving_by_the_button_the_menu_or_closing_the_dock(qtbot, window, files, how: str) -> None:  # type: ignore[no-untyped-def]
    before = scene_state(window)
    compare_with(window, CompareChoice(file=files[0]))
    assert window.compare.leave_action in window.file_menu.actions()
    if how == "button":
        button = window.compare.panel.leave_button
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    elif how == "menu":
        window.file_menu.aboutToShow.emit()
        window.compare.leave_action.trigger()
    else:
        window.compare.dock.close()
    assert not window.compare.active and not window.compare.leave_action.isEnabled()
    assert scene_state(window) == before


def test_escape_outside_compare_mode_still_clears_the_selection(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    window.scene.select_ids(["model"])
    assert not window.compare.leave_action.isEnabled()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.scene.selectedItems() == []


def test_an_edit_while_comparing_leaves_compare_mode(qtbot, window, files) -> None:  # type: ignore[no-untyped-def]
    """Editing is not locked: the first edit, whatever makes it, ends the comparison (which
    would no longer describe the design); the edit is one undo step like any other."""
    compare_with(window, CompareChoice(file=files[0]))
    card = window.scene.component_item("model")
    window.view.zoom_reset()
    window.view.centerOn(card)
    start = card.sceneBoundingRect().center()
    drag(qtbot, window.view, start, start + QPointF(60, 0))
    assert not window.compare.active and _overlay_items(window) == []
    assert window.document.undo_stack.count() == 1
    assert "edited" in window.statusBar().currentMessage()
    assert window.document.design.components["model"].position.x == 940

    compare_with(window, CompareChoice(file=files[0]))  # undo is an edit too
    window.undo_action.trigger()
    assert not window.compare.active and _overlay_items(window) == []
    assert window.document.design.components["model"].position.x == 880

    compare_with(window, CompareChoice(file=files[0]))  # and the inspector's
    click_row(qtbot, window, row(window, "Ranking model (Model)"))  # selected: the inspector shows it
    edit = window.inspector.form.label_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Scorer")
    assert window.compare.active  # typing is not an edit yet
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.document.design.components["model"].label == "Scorer"
    assert not window.compare.active and _overlay_items(window) == []


def test_opening_another_file_leaves_compare_mode(window, files) -> None:  # type: ignore[no-untyped-def]
    compare_with(window, CompareChoice(file=files[0]))
    assert window.files.open_path(files[0], ask=False)
    assert not window.compare.active and _overlay_items(window) == []


def test_comparing_again_replaces_the_comparison(window, files) -> None:  # type: ignore[no-untyped-def]
    before = scene_state(window)
    compare_with(window, CompareChoice(file=files[0]))
    compare_with(window, CompareChoice(file=files[1]))  # the file as saved: the same design
    assert window.compare.active and _overlay_items(window) == []
    assert [r.text(0) for r in window.compare.panel.rows()] == []
    assert window.compare.panel.summary.text() == f"{files[1].parent}\nNo differences."
    window.compare.leave()
    assert scene_state(window) == before
