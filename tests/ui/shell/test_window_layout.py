"""A returning user's window: the dock layout saved by the last session is restored with the
canvas keeping its room, and a design opened at start is fitted on the final layout.

The staged start (``ml-canvas``) shows the window before its docks exist; these tests build
windows that way, as the app does, and read the layout only once it has settled.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, QSettings, Qt
from PySide6.QtWidgets import QApplication

from canvas.ui.files.dialogs import SaveChoice
from canvas.ui.shell.main_window import MainWindow
from canvas.ui.shell.window_layout import MIN_CANVAS, MIN_HEIGHT_SHARE, MIN_WIDTH_SHARE
from tests.ui.ui_fixtures import isolated_settings, make_window  # noqa: F401 - fixtures

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _staged_start(qtbot, settings: QSettings, template: str | None = None) -> MainWindow:
    """As ``ml-canvas [--template NAME]`` starts: frame shown and painted, then built, then
    the template opened; returns once the window's layout has settled."""
    window = MainWindow(settings=settings, staged=True)
    qtbot.addWidget(window)
    painted: list[bool] = []
    window.frame_painted.connect(lambda: painted.append(True))
    window.show()
    qtbot.waitUntil(lambda: painted == [True])
    window.build()
    window.files.ask_save_changes = lambda *_a: SaveChoice.DISCARD  # the teardown closes it
    with qtbot.waitSignal(window.layout_keeper.settled, timeout=5000):
        if template is not None:
            assert window.files.new_from_template(template)
    QApplication.processEvents()  # the fit queued by opening the template
    return window


def _assert_canvas_has_room(window: MainWindow) -> None:
    canvas = window.centralWidget()
    assert canvas is window.view
    assert canvas.height() >= MIN_HEIGHT_SHARE * window.height() - 1, (canvas.size(), window.size())
    assert canvas.width() >= MIN_WIDTH_SHARE * window.width() - 1, (canvas.size(), window.size())


def test_a_saved_layout_with_a_huge_findings_dock_leaves_the_canvas_half_the_height(
    qtbot,
    make_window,  # noqa: F811
    isolated_settings: QSettings,  # noqa: F811
) -> None:
    first, _ = make_window()
    qtbot.waitUntil(lambda: first.layout_keeper.is_settled)
    findings = first.checker_ui.findings_panel
    # The user drags the Findings dock's edge up to the toolbar, and quits.
    first.resizeDocks([findings], [first.height()], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: first.view.height() < 0.4 * first.height())
    assert first.close()

    again = _staged_start(qtbot, isolated_settings, "recommender")
    _assert_canvas_has_room(again)
    assert again.checker_ui.findings_panel.isVisible()  # the dock is still there, just smaller


def test_a_saved_layout_with_wide_side_docks_leaves_the_canvas_a_third_of_the_width(
    qtbot,
    make_window,  # noqa: F811
    isolated_settings: QSettings,  # noqa: F811
) -> None:
    first, _ = make_window()
    qtbot.waitUntil(lambda: first.layout_keeper.is_settled)
    first.resizeDocks([first.palette_dock, first.inspector_dock], [560, 560], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: first.view.width() < 0.3 * first.width())
    assert first.close()

    again, _ = make_window()  # restored before it is shown, as a second window is
    qtbot.waitUntil(lambda: again.layout_keeper.is_settled)
    _assert_canvas_has_room(again)


def test_a_sane_layout_comes_back_as_it_was_saved(qtbot, isolated_settings: QSettings) -> None:  # noqa: F811
    first = _staged_start(qtbot, isolated_settings)
    saved = (first.view.height(), first.checker_ui.findings_panel.height())
    first.close()

    again = _staged_start(qtbot, isolated_settings)
    restored = (again.view.height(), again.checker_ui.findings_panel.height())
    assert all(abs(a - b) <= 4 for a, b in zip(saved, restored, strict=True)), (saved, restored)


def test_a_window_closed_before_its_layout_is_back_keeps_the_last_layout(
    qtbot,
    isolated_settings: QSettings,  # noqa: F811
) -> None:
    first = _staged_start(qtbot, isolated_settings)
    saved = (first.view.height(), first.checker_ui.findings_panel.height())
    first.close()

    hasty = MainWindow(settings=isolated_settings, staged=True)  # closed as soon as it is built
    qtbot.addWidget(hasty)
    hasty.show()
    hasty.build()
    assert not hasty.layout_keeper.is_restored
    hasty.close()

    again = _staged_start(qtbot, isolated_settings)
    assert again.palette_dock.isVisible() and again.checker_ui.findings_panel.isVisible()
    restored = (again.view.height(), again.checker_ui.findings_panel.height())
    assert all(abs(a - b) <= 4 for a, b in zip(saved, restored, strict=True)), (saved, restored)


def test_a_template_opened_at_start_is_fitted_like_fit_to_window(
    qtbot,
    make_window,  # noqa: F811
    isolated_settings: QSettings,  # noqa: F811
) -> None:
    first, _ = make_window()
    qtbot.waitUntil(lambda: first.layout_keeper.is_settled)
    first.resizeDocks([first.checker_ui.findings_panel], [first.height()], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: first.view.height() < 0.4 * first.height())
    assert first.close()

    window = _staged_start(qtbot, isolated_settings, "recommender")
    at_start = window.view.zoom
    window.view.canvas_actions.fit_action.trigger()  # Ctrl+1
    assert window.view.zoom == pytest.approx(at_start, rel=1e-6)
    # The whole design is on screen, and the canvas it is fitted into has its room.
    visible = window.view.visible_scene_rect()
    assert visible.contains(window.scene.items_bounds())
    _assert_canvas_has_room(window)


def test_the_design_follows_the_canvas_size_until_the_user_zooms(qtbot, isolated_settings: QSettings) -> None:  # noqa: F811
    window = _staged_start(qtbot, isolated_settings, "recommender")
    view = window.view
    bounds = window.scene.items_bounds()
    window.resize(1680, 936)  # a window manager gives it the room of a 1920 x 1080 screen
    qtbot.waitUntil(lambda: view.visible_scene_rect().contains(bounds))  # fitted: labels legible so
    before = view.zoom
    window.resize(window.width() + 200, window.height() + 100)
    qtbot.waitUntil(lambda: view.zoom > before)
    qtbot.waitUntil(lambda: view.visible_scene_rect().contains(bounds))

    view.canvas_actions.zoom_in_action.trigger()  # the user takes over: no more fitting
    zoomed = view.zoom
    wide = view.viewport().width()
    window.resize(window.width() - 300, window.height() - 200)
    qtbot.waitUntil(lambda: view.viewport().width() < wide - 200)
    QApplication.processEvents()
    assert view.zoom == zoomed


def test_dragging_a_dock_edge_stops_where_the_canvas_would_shrink_below_its_minimum(
    qtbot,
    make_window,  # noqa: F811
) -> None:
    window, _ = make_window()
    qtbot.waitUntil(lambda: window.layout_keeper.is_settled)
    window.resize(1200, 900)
    qtbot.waitUntil(lambda: window.height() == 900)
    window.resizeDocks([window.checker_ui.findings_panel], [window.height()], Qt.Orientation.Vertical)
    window.resizeDocks([window.inspector_dock], [window.width()], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert window.view.height() >= MIN_CANVAS[1] and window.view.width() >= MIN_CANVAS[0]


def test_moving_the_view_from_the_overview_or_a_finding_stops_the_fitting(
    qtbot,
    isolated_settings: QSettings,  # noqa: F811
) -> None:
    window = _staged_start(qtbot, isolated_settings, "recommender")
    view = window.view
    bounds = window.scene.items_bounds()
    zoom = view.zoom
    corner = QRectF(bounds.right() - 100, bounds.bottom() - 50, 100, 50)
    view.centre_on_rect(corner)  # what a click in the Overview or on a finding does
    wide = view.viewport().width()
    window.resize(window.width() + 200, window.height() + 100)
    qtbot.waitUntil(lambda: view.viewport().width() > wide)
    QApplication.processEvents()
    assert view.zoom == zoom  # not fitted again
    assert view.visible_scene_rect().contains(corner.center())
    window.layout_keeper.fit_design()  # following again, as after opening a design
    assert window.layout_keeper._following
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)  # a key on the view itself counts as the user acting
    assert not window.layout_keeper._following
