"""The canvas's context menu: a right click on a card, a link or the background."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from canvas.ui.canvas.items.style import CARD_HEIGHT, CARD_WIDTH
from tests.ui.gestures import vp_point
from tests.ui.ui_fixtures import isolated_settings, make_window, sample_design  # noqa: F401 - fixtures


class Menus:
    """Stands in for QMenu.exec: keeps the menu and picks an entry, as a user would."""

    def __init__(self, choose: str | None = None) -> None:
        self.choose = choose
        self.shown: list[list[str]] = []

    def __call__(self, menu: QMenu, _pos: QPoint) -> None:
        actions = [a for a in menu.actions() if not a.isSeparator()]
        self.shown.append([a.text().replace("&", "") for a in actions])
        for action in actions:
            if self.choose is not None and action.text().replace("&", "") == self.choose:
                assert action.isEnabled(), f"{self.choose} is disabled"
                action.trigger()


def right_click(qtbot, window, scene_pos: QPointF) -> None:
    """The press and release, then the context-menu event the window system derives from
    them (QTest delivers mouse events to the widget directly, so Qt does not synthesise it)."""
    vp = window.view.viewport()
    pos = vp_point(window.view, scene_pos)
    qtbot.mouseClick(vp, Qt.MouseButton.RightButton, pos=pos)
    QApplication.sendEvent(vp, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, vp.mapToGlobal(pos)))


def card_centre(window, cid: str) -> QPointF:
    return window.scene.component_item(cid).pos() + QPointF(CARD_WIDTH / 2, CARD_HEIGHT / 2)


@pytest.fixture
def window(qtbot, make_window):  # noqa: F811
    window, _ = make_window()
    qtbot.waitExposed(window)
    window.document.replace(sample_design())
    window.view.zoom_reset()
    window.view.centerOn(QPointF(400, 100))
    return window


def test_right_click_on_a_card_selects_it_and_offers_its_commands(qtbot, window):
    menus = Menus(choose="Delete")
    window.popup_menu = menus
    window.scene.select_ids(["req-1"])
    right_click(qtbot, window, card_centre(window, "model-1"))
    assert menus.shown and menus.shown[0][:4] == ["Cut", "Copy", "Duplicate", "Delete"]
    assert "Export Selection…" in menus.shown[0] and "Copy Selection as Image" in menus.shown[0]
    # the card under the mouse became the selection, and Delete removed it (with its link)
    assert "model-1" not in window.document.design.components and "req-1" in window.document.design.components
    assert "link-1" not in window.document.design.links
    assert window.document.undo_stack.count() == 1


def test_right_click_inside_a_selection_keeps_it(qtbot, window):
    window.popup_menu = Menus(choose="Duplicate")
    window.scene.select_ids(["model-1", "deployment-1"])
    right_click(qtbot, window, card_centre(window, "deployment-1"))
    design = window.document.design
    assert len(design.components) == 8  # both duplicated, in one step
    assert window.document.undo_stack.count() == 1 and window.document.undo_stack.undoText() == "Duplicate 2 components"


def test_right_click_on_a_link_offers_delete_but_not_copy(qtbot, window):
    menus = Menus(choose="Delete")
    window.popup_menu = menus
    link = window.scene.link_item("link-1")
    right_click(qtbot, window, link.path().pointAtPercent(0.5))
    assert menus.shown[0] == ["Delete"]  # copying, images and exports take cards
    assert "link-1" not in window.document.design.links and "model-1" in window.document.design.components


def test_paste_here_puts_the_copy_where_the_background_was_clicked(qtbot, window):
    window.scene.select_ids(["model-1", "deployment-1"])
    window.view.canvas_actions.copy_selection()
    menus = Menus(choose="Paste Here")
    window.popup_menu = menus
    where = QPointF(300, 400)
    right_click(qtbot, window, where)
    assert menus.shown[0][:2] == ["Paste Here", "Select All"] and "Tidy Up" in menus.shown[0]
    new = window.scene.selected_component_ids()
    design = window.document.design
    assert len(new) == 2 and all(cid not in sample_design().components for cid in new)
    corner = (min(design.components[c].position.x for c in new), min(design.components[c].position.y for c in new))
    assert abs(corner[0] - where.x()) <= 1 and abs(corner[1] - where.y()) <= 1
    inner = [lk for lk in design.links.values() if lk.source in new]
    assert len(inner) == 1  # the link between the copies came along
    window.document.undo_stack.undo()
    assert len(window.document.design.components) == 6


def test_background_menu_without_our_clipboard_cannot_paste(qtbot, window):
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText("not components")
    window.scene.select_ids(["model-1"])
    menus = Menus()
    window.popup_menu = menus
    right_click(qtbot, window, QPointF(300, 400))
    assert window.scene.selected_component_ids() == []  # the background's menu acts on everything
    menu = window.canvas_menu(False, QPointF(300, 400))
    paste_here = [a for a in menu.actions() if a.text() == "&Paste Here"][0]
    assert not paste_here.isEnabled()
