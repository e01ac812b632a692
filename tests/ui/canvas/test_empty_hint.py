"""The empty canvas says how to start, and stops saying it as soon as there is a component."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from canvas.core.model import Design
from canvas.ui.canvas.scene import DesignScene
from canvas.ui.canvas.view import DesignView
from canvas.ui.document import Document
from tests.ui.gestures import drop_kind
from tests.ui.ui_fixtures import shown


@pytest.fixture
def empty_view(qtbot):  # type: ignore[no-untyped-def]
    document = Document(Design())
    scene = DesignScene(document, dark=False)
    view = DesignView(scene)
    view._keep = scene  # type: ignore[attr-defined]  # the view does not own its scene
    return shown(qtbot, view, 900, 600)


def hint_centre_offset(view) -> QPoint:  # type: ignore[no-untyped-def]
    return view.empty_hint.geometry().center() - view.viewport().geometry().center()


def test_an_empty_canvas_says_how_to_start_until_a_component_arrives(qtbot, empty_view):
    view, document = empty_view, empty_view.document
    hint = view.empty_hint
    assert hint.isVisible()
    text = hint.text()
    assert "palette" in text and "double-click" in text and "New from Template" in text
    assert hint_centre_offset(view).manhattanLength() <= 2  # centred on the canvas
    # The hint lets the mouse (and drops) through to the canvas under it.
    assert QApplication.widgetAt(hint.mapToGlobal(hint.rect().center())) is view.viewport()

    entered, dropped = drop_kind(view, "model", view.mapToScene(view.viewport().rect().center()))
    assert entered and dropped and len(document.design.components) == 1
    assert not hint.isVisible()
    document.undo_stack.undo()
    assert hint.isVisible()


def test_the_hint_stays_centred_when_the_view_is_resized(qtbot, empty_view):
    empty_view.resize(1300, 800)
    qtbot.waitUntil(lambda: hint_centre_offset(empty_view).manhattanLength() <= 2)
    empty_view.horizontalScrollBar().setValue(empty_view.horizontalScrollBar().value() + 150)
    assert hint_centre_offset(empty_view).manhattanLength() <= 2  # scrolling does not carry it off


def test_opening_a_design_hides_it_and_a_new_one_brings_it_back(qtbot, empty_view):
    from tests.ui.conftest import small_design

    document = empty_view.document
    document.replace(small_design())
    assert not empty_view.empty_hint.isVisible()
    document.replace(Design())
    assert empty_view.empty_hint.isVisible()
