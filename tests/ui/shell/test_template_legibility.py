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
