"""Opening a template and fitting it leaves every card's label whole and legible."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontInfo

from canvas.templates import list_templates, load_template
from canvas.ui.canvas.items.style import LOD_SCALE
from tests.ui.ui_fixtures import isolated_settings, make_window  # noqa: F401 - fixtures

#: The main window's default size on a 1920 × 1080 screen with a 40 px panel (90 % of the
#: available area, at most 1680 × 1050); the offscreen test screen is smaller than that.
DEFAULT_WINDOW = (1680, 936)
#: The smallest glyph height (the font's em, in screen pixels) a label may be drawn at.
LEGIBLE_PIXELS = 9.0


@pytest.mark.parametrize("name", [t.name for t in list_templates()])
def test_every_label_of_a_fitted_template_is_whole_and_legible(qtbot, make_window, name):  # noqa: F811
    window, _ = make_window()
    window.resize(*DEFAULT_WINDOW)
    qtbot.waitExposed(window)
    window.document.replace(load_template(name))
    window.view.canvas_actions.fit_action.trigger()
    scale = window.view.zoom
    assert scale >= LOD_SCALE  # cards show text at all
    problems = []
    for item in window.scene.component_items():
        text = item.shown_text(scale)
        glyph = QFontInfo(text.font).pixelSize() * scale
        if " ".join(text.lines) != " ".join(item.label.split()) or text.elided or glyph < LEGIBLE_PIXELS:
            problems.append((item.label, text.lines, round(glyph, 1)))
    assert problems == [], f"at {scale:.0%}: {problems}"


LAPTOP_WINDOW = (1229, 691)  # the default window on a 1366 x 768 screen


@pytest.mark.parametrize("name", [t.name for t in list_templates()])
def test_a_template_opened_on_a_laptop_screen_shows_legible_labels(qtbot, make_window, name):  # noqa: F811
    """Fitted into a small window the labels would be 5-7 px: the design opens zoomed in
    until (three in four of) them are legible, at its top-left corner; Fit to Window still
    shows it all."""
    window, _ = make_window()
    window.resize(*LAPTOP_WINDOW)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.layout_keeper.is_settled)
    with qtbot.waitSignal(window.view.zoom_changed):
        window.document.replace(load_template(name))
    view, scale = window.view, window.view.zoom
    visible = view.visible_scene_rect()
    shown = [item for item in window.scene.component_items() if visible.intersects(item.sceneBoundingRect())]
    assert shown
    cards = window.scene.component_items()
    small = [
        (item.label, round(item.shown_text(scale).font.pixelSize() * scale, 1))
        for item in cards
        if item.shown_text(scale).font.pixelSize() * scale < LEGIBLE_PIXELS - 1e-6
    ]
    assert len(small) <= len(cards) // 4, f"at {scale:.0%}: {small}"  # three labels in four at least
    bounds = window.scene.items_bounds()
    assert visible.contains(bounds.topLeft())  # where the flow starts
    window.view.canvas_actions.fit_action.trigger()
    assert window.view.zoom <= scale
    assert window.view.visible_scene_rect().contains(bounds)


def test_one_long_label_does_not_keep_a_design_from_opening_whole(qtbot, make_window):  # noqa: F811
    """A design whose labels are legible fitted but for one long one opens fitted."""
    design = load_template("recommender")
    first = next(iter(design.components.values()))
    first.label = "Candidate generation model (two-tower retrieval, refreshed nightly)"
    window, _ = make_window()
    window.resize(*DEFAULT_WINDOW)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.layout_keeper.is_settled)
    with qtbot.waitSignal(window.view.zoom_changed):
        window.document.replace(design)
    assert window.view.visible_scene_rect().contains(window.scene.items_bounds())
