"""UI layer: the Overview dock — the whole design in miniature, the view as a rectangle.

The miniature is drawn by :class:`Overview` itself, not by rendering the scene a second
time: each card a block of its kind's colour, each link a hairline along its route. It is
drawn into a pixmap once after the design or the routes change (and only while the dock is
shown), so a drag on the canvas costs the overview nothing; scrolling and zooming the
canvas only move the rectangle. Press inside the rectangle and drag to pan the canvas;
press elsewhere to centre the canvas there (and keep dragging). Panning is view state: the
design is never touched.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSizeF, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from canvas.ui.canvas.view import DesignView

#: Room around the design in the miniature, as a share of its size, and at least (px).
_MARGIN = 0.04
_MIN_MARGIN = 6.0
#: How long the miniature waits after a change before it is drawn again (ms): a burst of
#: edits (an undo of a tidy-up, routes arriving in slices) redraws it once.
REDRAW_MS = 120


class Overview(QWidget):
    """The miniature of ``view``'s design with the rectangle ``view`` shows."""

    def __init__(self, view: DesignView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.scene = view.design_scene
        self.setObjectName("overview")
        self.setMinimumSize(180, 130)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._picture: QPixmap | None = None
        self._drawn_theme: object = None
        self._area: QRectF | None = None  # the scene rectangle the miniature shows
        self._grab: QPointF | None = None  # while dragging: the pointer's offset from the view's centre
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(REDRAW_MS)
        self._redraw.timeout.connect(self._invalidate)
        for signal in (self.scene.layout_changed, self.scene.rebuilt, self.scene.routes.routed):
            signal.connect(self._redraw.start)
        self.view.document.design_changed.connect(self._redraw.start)
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self.update)
        view.zoom_changed.connect(self.update)
        view.viewport().installEventFilter(self)  # the canvas resized: the rectangle changes

    # --- mapping ------------------------------------------------------------------------
    def _scale(self) -> tuple[float, float, float]:
        """``scale, dx, dy``: a miniature point is ``scene point * scale + (dx, dy)``."""
        if self._area is None:
            bounds = self.scene.items_bounds()
            if bounds.isNull():
                bounds = QRectF(0, 0, 400, 300)
            margin = max(_MIN_MARGIN, _MARGIN * max(bounds.width(), bounds.height()))
            self._area = bounds.adjusted(-margin, -margin, margin, margin)
        area = self._area
        scale = min(self.width() / area.width(), self.height() / area.height())
        dx = (self.width() - area.width() * scale) / 2 - area.left() * scale
        dy = (self.height() - area.height() * scale) / 2 - area.top() * scale
        return scale, dx, dy

    def to_scene(self, point: QPointF) -> QPointF:
        """The scene position shown at a point of the miniature."""
        scale, dx, dy = self._scale()
        return QPointF((point.x() - dx) / scale, (point.y() - dy) / scale)

    def from_scene(self, rect: QRectF) -> QRectF:
        scale, dx, dy = self._scale()
        return QRectF(rect.left() * scale + dx, rect.top() * scale + dy, rect.width() * scale, rect.height() * scale)

    def view_rect(self) -> QRectF:
        """The canvas's visible area, in the miniature's coordinates."""
        return self.from_scene(self.view.visible_scene_rect())

    # --- drawing ------------------------------------------------------------------------
    def _invalidate(self) -> None:
        self._picture = self._area = None
        self.update()

    def _make_picture(self) -> QPixmap:
        self._drawn_theme = self.scene.theme
        ratio = self.devicePixelRatioF()
        picture = QPixmap((QSizeF(self.size()) * ratio).toSize())
        picture.setDevicePixelRatio(ratio)
        theme = self.scene.theme
        picture.fill(theme.background)
        painter = QPainter(picture)
        scale, dx, dy = self._scale()
        painter.translate(dx, dy)
        painter.scale(scale, scale)
        if self.scene.building:  # a big design just opened: its items are on their way
            self.scene.paint_sketch(painter)
            painter.end()
            return picture
        links = QPainterPath()
        for link in self.scene.link_items():
            points = link.route_points()
            if points is None:
                start, tip = link.end_points()
                points = ((start.x(), start.y()), (tip.x(), tip.y()))
            links.moveTo(*points[0])
            for x, y in points[1:]:
                links.lineTo(x, y)
        colour = QColor(theme.flows)
        colour.setAlpha(70)  # faint: the cards and the canvas's rectangle stand out
        pen = QPen(colour, 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.drawPath(links)
        blocks: dict[int, list[QRectF]] = {}
        colours: dict[int, QColor] = {}
        for card in self.scene.component_items():
            rgba = card.colour.rgba()
            colours[rgba] = card.colour
            blocks.setdefault(rgba, []).append(card.card_rect())
        painter.setPen(Qt.PenStyle.NoPen)
        for rgba, rects in blocks.items():
            painter.setBrush(colours[rgba])
            painter.drawRects(rects)
        painter.end()
        return picture

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._picture is None or self._drawn_theme is not self.scene.theme:
            self._picture = self._make_picture()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._picture)
        rect = self.view_rect().intersected(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        selection = QColor(self.scene.theme.selection)
        painter.setPen(QPen(selection, 2.0))
        selection.setAlpha(45)
        painter.setBrush(selection)
        painter.drawRect(rect)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._picture = self._area = None
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.update()
        return False

    # --- panning ------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        at = self.to_scene(event.position())
        centre = self.view.viewport_centre_in_scene()
        if self.view_rect().contains(event.position()):
            self._grab = at - centre  # drag the rectangle from where it was taken
        else:
            self._grab = QPointF()  # jump: the rectangle's centre comes under the pointer
            self._centre_on(at)
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._grab is None:
            super().mouseMoveEvent(event)
            return
        self._centre_on(self.to_scene(event.position()) - self._grab)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._grab is not None and event.button() == Qt.MouseButton.LeftButton:
            self._grab = None
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def _centre_on(self, point: QPointF) -> None:
        self.view.centre_on_rect(QRectF(point, QSizeF(0, 0)))


def install_overview(window: QMainWindow, view: DesignView, panels_menu: QMenu) -> QDockWidget:
    """Dock an :class:`Overview` of ``view`` at the window's right, below what is there,
    with its toggle (Ctrl+Shift+O) in ``panels_menu``."""
    dock = QDockWidget("Overview", window)
    dock.setObjectName("overview_dock")  # restoreState finds docks by object name
    overview = Overview(view, dock)
    dock.setWidget(overview)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    toggle = dock.toggleViewAction()
    toggle.setShortcut("Ctrl+Shift+O")
    panels_menu.addAction(toggle)
    return dock
