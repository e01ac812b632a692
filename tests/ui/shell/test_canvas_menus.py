"""The window's menus hold the drawing commands: Arrange ▸ Align / Distribute / Tidy Up
Selection, View ▸ Link Style, Edit ▸ Find — the same actions the canvas carries."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from tests.ui.ui_fixtures import isolated_settings, make_window, sample_design  # noqa: F401 - fixtures


def titles(menu) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def submenu(menu, title: str):
    return next(a.menu() for a in menu.actions() if a.menu() is not None and a.text().replace("&", "") == title)


def test_arrange_view_and_edit_menus(make_window):  # noqa: F811 - the fixture
    window, _ = make_window()
    arrange = window.arrange_menu
    assert titles(arrange)[:2] == ["Tidy Up", "Tidy Up Selection"]
    assert titles(submenu(arrange, "Align")) == [
        "Align Left Edges",
        "Align Centres",
        "Align Right Edges",
        "Align Top Edges",
        "Align Middles",
        "Align Bottom Edges",
    ]
    assert titles(submenu(arrange, "Distribute")) == ["Distribute Horizontally", "Distribute Vertically"]
    styles = submenu(window.view_menu, "Link Style")
    assert titles(styles) == ["Orthogonal (Rounded Corners)", "Curved"]
    assert window.find_bar.find_action in window.edit_menu.actions()
    assert window.find_bar.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)


def test_link_style_menu_follows_the_opened_design(make_window):  # noqa: F811 - the fixture
    window, _ = make_window()
    design = sample_design()
    design.settings.link_style = "curved"
    window.document.replace(design)
    assert window.link_styles.actions["curved"].isChecked()
    window.link_styles.actions["orthogonal"].trigger()
    assert window.document.design.settings.link_style == "orthogonal" and window.document.dirty
