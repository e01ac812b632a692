"""UI layer: the window's dock layout at start — restored from the last session, repaired so
the canvas keeps its room, and the design fitted once the layout is final.

A saved dock layout can leave the canvas a strip: a dock dragged tall in the last session, a
window restored smaller than it was saved, or a layout restored while the window was still
settling (the staged start shows the window before the docks exist, and Qt restores a
visible window's docks wrongly until they have been laid out once). So the layout is
restored before the window is shown when it can be, and otherwise one turn of the event
loop after the docks were added; then the docks give back room until the canvas has at
least half the window's height and a third of its width. Only then is the design fitted,
and it is fitted again whenever the canvas changes size (a window manager placing the
window, the user resizing it) until the user zooms, scrolls, clicks or edits. A design
opened later is fitted and followed the same way (:meth:`WindowLayout.fit_design`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow

if TYPE_CHECKING:  # the canvas is imported by the window only once its frame is on screen
    from canvas.ui.canvas.view import DesignView

#: The least share of the window the canvas keeps when a saved layout is restored.
MIN_HEIGHT_SHARE = 0.5
MIN_WIDTH_SHARE = 1 / 3
#: While the window is open, dragging a dock's edge stops where the canvas would get smaller.
MIN_CANVAS = (320, 240)
_SIDES = {
    Qt.Orientation.Vertical: (Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea),
    Qt.Orientation.Horizontal: (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea),
}
#: What tells that the user has taken the canvas in hand: no more fitting after these.
_USER_INPUT = (QEvent.Type.MouseButtonPress, QEvent.Type.Wheel, QEvent.Type.KeyPress)


class WindowLayout(QObject):
    """Restores ``window``'s docks from ``state`` and fits ``view`` once they are in place.

    :attr:`settled` is emitted once: the layout is final and the design fitted."""

    settled = Signal()

    def __init__(self, window: QMainWindow, view: DesignView, undo_stack: QUndoStack) -> None:
        super().__init__(window)
        self.window = window
        self.view = view
        self.is_settled = False
        #: Whether the saved dock layout has been put back (a window shown before its docks
        #: existed does it on the next turn of the event loop).
        self.is_restored = False
        self._following = False  # fitting the design again when the canvas is resized
        self._fitting = False
        view.zoom_changed.connect(self._zoomed)
        view.navigated.connect(self._stop_following)  # the overview, a finding, a find match
        undo_stack.indexChanged.connect(self._stop_following)
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.actionTriggered.connect(self._stop_following)  # the user moved a scroll bar
        view.viewport().installEventFilter(self)
        view.installEventFilter(self)  # keys go to the view, not its viewport
        view.setMinimumSize(*MIN_CANVAS)

    def restore(self, state: object, default: Callable[[], None]) -> None:
        """Restore ``state`` (``saveState`` bytes; on a first start, or if Qt refuses them,
        ``default()`` sizes the docks), repair it and fit the design when the window shows."""
        if self.window.isVisible():
            # Docks added to a shown window are laid out on the next turn; restoring before
            # that gives the bottom docks most of the height.
            QTimer.singleShot(0, self, lambda: self._settle(state, default))
            return
        self._apply(state, default)
        self.window.installEventFilter(self)  # settled once shown

    def _apply(self, state: object, default: Callable[[], None]) -> None:
        if not isinstance(state, QByteArray) or not self.window.restoreState(state):
            default()
        self.is_restored = True

    def _settle(self, state: object = None, default: Callable[[], None] | None = None) -> None:
        if self.is_settled:
            return
        if default is not None:
            self._apply(state, default)
        keep_canvas_room(self.window)
        self.is_settled = True
        self._following = True
        self._fit()
        self.settled.emit()

    # --- fitting until the user acts --------------------------------------------------------
    def fit_design(self) -> None:
        """Show the whole design (a design was opened), and keep it whole while the canvas
        changes size until the user acts; before the layout has settled, wait for it."""
        if self.is_settled:
            self._following = True
            self._fit()

    def _fit(self) -> None:
        self._fitting = True
        try:
            self.view.show_design()
        finally:
            self._fitting = False

    def _zoomed(self, _zoom: float) -> None:
        if not self._fitting:
            self._stop_following()

    def _stop_following(self, *_args: object) -> None:
        self._following = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if watched is self.window:
            if kind == QEvent.Type.Show and not self.is_settled:
                self.window.removeEventFilter(self)
                QTimer.singleShot(0, self, self._settle)
        elif kind in _USER_INPUT:
            self._stop_following()
        elif kind == QEvent.Type.Resize and self._following:
            QTimer.singleShot(0, self, self._fit_if_following)  # once the view has its new scroll range
        return False

    def _fit_if_following(self) -> None:
        if self._following:
            self._fit()


def keep_canvas_room(window: QMainWindow) -> None:
    """Shrink the docks beside and under the central widget until it has at least
    :data:`MIN_HEIGHT_SHARE` of the window's height and :data:`MIN_WIDTH_SHARE` of its
    width (as far as the docks' minimum sizes allow); the layout is applied at once."""
    _lay_out(window)
    central = window.centralWidget()
    if central is None:
        return
    shares = ((Qt.Orientation.Vertical, MIN_HEIGHT_SHARE), (Qt.Orientation.Horizontal, MIN_WIDTH_SHARE))
    for orientation, share in shares:
        vertical = orientation is Qt.Orientation.Vertical
        size = central.height() if vertical else central.width()
        whole = window.height() if vertical else window.width()
        missing = share * whole - size
        if missing <= 0:
            continue
        areas = [(area, _area_rect(window, area)) for area in _SIDES[orientation]]
        extents = {area: (rect.height() if vertical else rect.width()) for area, rect in areas if not rect.isNull()}
        total = sum(extents.values())
        if total <= 0:
            continue
        docks: list[QDockWidget] = []
        sizes: list[int] = []
        for area, extent in extents.items():
            scale = max(0.0, extent - missing * extent / total) / extent
            for dock in _docks_in(window, area):
                docks.append(dock)
                sizes.append(max(1, int((dock.height() if vertical else dock.width()) * scale)))
        window.resizeDocks(docks, sizes, orientation)
        _lay_out(window)


def _lay_out(window: QMainWindow) -> None:
    """Apply pending dock sizes now (``resizeDocks`` alone waits for the next turn)."""
    layout = window.layout()
    if layout is not None:
        layout.activate()


def _docks_in(window: QMainWindow, area: Qt.DockWidgetArea) -> list[QDockWidget]:
    """The docked widgets on screen in ``area``: of tabbed docks only the one in front (the
    others keep the geometry of their last time in front, and Qt calls them visible)."""
    return [
        dock
        for dock in window.findChildren(QDockWidget)
        if not dock.isFloating() and window.dockWidgetArea(dock) == area and not dock.visibleRegion().isEmpty()
    ]


def _area_rect(window: QMainWindow, area: Qt.DockWidgetArea) -> QRect:
    rect = QRect()
    for dock in _docks_in(window, area):
        rect = rect.united(dock.geometry())
    return rect
