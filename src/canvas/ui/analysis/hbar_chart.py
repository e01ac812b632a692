"""UI layer: a small horizontal bar chart on pyqtgraph, with reference lines, hover text and
an empty state.

It draws :class:`~canvas.core.analysis.Bar` rectangles (stacked or not) and
:class:`~canvas.core.analysis.Line` limits, labels bars that are wide enough, and says
what the bar under the mouse is (a tooltip by the pointer and a line under the plot). Its
plot shrinks with a short dock, down to :data:`MIN_PLOT_PX`. It is read-only: no zoom, pan or context menu, so it
behaves like a figure in a report rather than a plotting tool.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPalette
from PySide6.QtWidgets import QGraphicsRectItem, QLabel, QSizePolicy, QStackedWidget, QToolTip, QVBoxLayout, QWidget

from canvas.core.analysis import Bar, Line

BAR_HEIGHT = 0.62
_LIMIT_COLOUR = "#B71C1C"
_LIMIT_ON_DARK = "#FF6E6E"
#: Bars get a text label only up to this many (a 1,000-node path stays fast).
MAX_LABELS = 80
_ROW_PX = 38.0
_AXIS_PX = 52.0
_MAX_PLOT_PX = 520.0
#: The least height of a plot: a short dock squeezes the rows down to this, not off screen.
MIN_PLOT_PX = 80
#: Rows of space kept above the first bar for the labels of full-height limit lines.
_LINE_LABEL_ROOM = 0.6
_IDLE = "Point at a bar to read its values."


class HBarChart(QWidget):
    """``set_data`` to draw, ``show_empty`` to replace the plot by a sentence."""

    def __init__(self, title: str, x_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.lines: list[Line] = []
        self.row_labels: list[str] = []
        self.hover_text = ""
        self._labels: list[tuple[pg.TextItem, float, float, str]] = []  # item, width, px needed, text
        #: Limit lines' labels: the item, the line's value, its whole text, left of the line first?
        self._line_labels: list[tuple[pg.TextItem, float, str, bool]] = []
        self._highlight = QGraphicsRectItem()

        self.title = QLabel(f"<b>{title}</b>", self)
        self.title.setWordWrap(True)  # two charts side by side share a dock's width
        self.plot = pg.PlotWidget(self)
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=True, y=False, alpha=0.15)
        item.invertY(True)
        item.setLabel("bottom", x_label)
        self._apply_palette()
        self.plot.setMinimumHeight(MIN_PLOT_PX)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot.viewport().installEventFilter(self)  # the pointer leaving: no bar is hovered
        item.getViewBox().sigResized.connect(self._fit_labels)

        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setMargin(16)
        self.empty_label.setStyleSheet("color: #8A9199; font-size: 13px;")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.empty_label)
        self.readout = QLabel(_IDLE, self)
        self.readout.setStyleSheet("color: #8A9199;")
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long read-out wraps rather than widening the chart.
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.readout.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8A9199;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.readout)
        layout.addWidget(self.note)

    def _apply_palette(self) -> None:
        """pyqtgraph draws black on white by default: follow the application palette."""
        pal = self.palette()
        self._fg = pal.color(QPalette.ColorRole.WindowText)
        self._bg = pal.color(QPalette.ColorRole.Base)
        self.plot.setBackground(self._bg)
        # The limit lines' red, readable on the background (dark red on light, light red on dark).
        self._limit = _LIMIT_ON_DARK if self._bg.lightness() < 128 else _LIMIT_COLOUR
        item = self.plot.getPlotItem()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(self._fg))
            axis.setTextPen(pg.mkPen(self._fg))
        item.getAxis("bottom").label.setDefaultTextColor(self._fg)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
            if self.stack.currentWidget() is self.plot:
                self.set_data(self.row_labels, self.bars, self.lines)

    # --- content -------------------------------------------------------------------------
    @property
    def empty_text(self) -> str:
        """The sentence shown instead of the plot ("" when the plot is shown)."""
        return self.empty_label.text() if self.stack.currentWidget() is self.empty_label else ""

    def show_empty(self, message: str) -> None:
        self.bars, self.lines, self.row_labels = [], [], []
        self.plot.getPlotItem().clear()
        self._labels = []
        self.empty_label.setText(message)
        self.plot.setMaximumHeight(110)
        self.readout.setVisible(False)
        self.stack.setCurrentWidget(self.empty_label)
        self.set_note("")

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def set_data(self, row_labels: list[str], bars: list[Bar], lines: list[Line]) -> None:
        self.bars, self.lines, self.row_labels = list(bars), list(lines), list(row_labels)
        item = self.plot.getPlotItem()
        item.clear()
        self._labels = []
        self._line_labels = []
        self._highlight = QGraphicsRectItem()  # outlines the bar under the mouse
        pen = pg.mkPen(self._fg, width=2)
        pen.setCosmetic(True)
        self._highlight.setPen(pen)
        self._highlight.setZValue(50)
        self._highlight.setVisible(False)
        item.addItem(self._highlight, ignoreBounds=True)
        self.hover_text = "-"  # forces the reset below
        self._set_hover(None)
        self.readout.setVisible(True)
        self.stack.setCurrentWidget(self.plot)
        if bars:
            item.addItem(
                pg.BarGraphItem(
                    x0=[b.start for b in bars],
                    width=[b.width for b in bars],
                    y=[float(b.row) for b in bars],
                    height=BAR_HEIGHT,
                    brushes=[pg.mkBrush(b.colour) for b in bars],
                    pens=[pg.mkPen(self._bg, width=1) for _ in bars],
                )
            )
        self._add_bar_labels(bars)
        n = max(1, len(row_labels))
        right = max([b.start + b.width for b in bars] + [ln.value for ln in lines] + [1.0]) * 1.08
        for k, line in enumerate(lines):
            self._add_line(line, flip=line.value > 0.62 * right, stagger=k)
        left = item.getAxis("left")
        left.setTicks([[(float(i), text) for i, text in enumerate(row_labels)]])
        metrics = QFontMetricsF(self.plot.font())
        left.setWidth(int(max([metrics.horizontalAdvance(t) for t in row_labels] + [20.0])) + 14)
        top = -0.5 - (_LINE_LABEL_ROOM if any(ln.row is None for ln in lines) else 0.0)
        item.setXRange(0.0, right, padding=0)
        item.setYRange(top, n - 0.5, padding=0)
        # At most about 38 px a row, so one bar is a bar and not a wall; capped for many
        # interfaces. A short dock squeezes the rows (down to MIN_PLOT_PX) rather than
        # pushing the other chart out of sight.
        self.plot.setMaximumHeight(int(max(MIN_PLOT_PX, min(_AXIS_PX + (n - 0.5 - top) * _ROW_PX, _MAX_PLOT_PX))))
        self._fit_labels()

    def _add_bar_labels(self, bars: list[Bar]) -> None:
        font = QFont(self.font())
        font.setPixelSize(11)
        metrics = QFontMetricsF(font)
        for bar in [b for b in bars if b.label][:MAX_LABELS]:
            start, width = bar.label_span or (bar.start, bar.width)
            if width <= 0:
                continue
            for label in (bar.label, bar.short_label):
                if not label:
                    continue
                text = pg.TextItem(label, color=_text_on(bar.colour), anchor=(0.5, 0.5))
                text.setFont(font)
                text.setPos(start + width / 2, float(bar.row))
                self.plot.addItem(text)
                self._labels.append((text, width, metrics.horizontalAdvance(label) + 8, label))

    def _add_line(self, line: Line, flip: bool, stagger: int = 0) -> None:
        """A dashed limit line; its label sits above the bars, left of the line if ``flip``."""
        pen = pg.mkPen(self._limit, width=2, style=Qt.PenStyle.DashLine)
        if line.row is None:
            self.plot.addItem(pg.InfiniteLine(pos=line.value, angle=90, pen=pen, movable=False))
            y = -0.5 - _LINE_LABEL_ROOM + 0.3 * (stagger % 2)
            anchor = (1.0, 0.0) if flip else (0.0, 0.0)
        else:
            half = BAR_HEIGHT / 2 + 0.12
            self.plot.addItem(pg.PlotDataItem([line.value, line.value], [line.row - half, line.row + half], pen=pen))
            y, anchor = line.row - half, ((1.0, 1.0) if flip else (0.0, 1.0))
        label = pg.TextItem(f" {line.label} ", color=self._limit, anchor=anchor)
        label.setPos(line.value, y)
        self.plot.addItem(label)
        self._line_labels.append((label, line.value, line.label, flip))

    def _fit_labels(self, *_args: object) -> None:
        """Show a bar's label only where the bar is wide enough on screen for it."""
        vb = self.plot.getPlotItem().getViewBox()
        (x0, x1), _ = vb.viewRange()
        px_per_unit = vb.width() / (x1 - x0) if x1 > x0 else 0.0
        shown_at: set[tuple[float, float]] = set()  # a short label only where the long one did not fit
        for text, width, needed, _label in self._labels:
            where = (text.pos().x(), text.pos().y())
            fits = width * px_per_unit >= needed and where not in shown_at
            text.setVisible(fits)
            if fits:
                shown_at.add(where)
        self._fit_line_labels(x0, x1, px_per_unit)

    def _fit_line_labels(self, x0: float, x1: float, px_per_unit: float) -> None:
        """A limit line's label stays inside the plot: on its side of the line if it fits
        there, else on the other, else shortened (…) on the side with more room."""
        if px_per_unit <= 0:
            return
        for label, value, whole, left_first in self._line_labels:
            room_left, room_right = (value - x0) * px_per_unit - 2, (x1 - value) * px_per_unit - 2
            label.setText(f" {whole} ")
            needed = label.textItem.boundingRect().width()  # with the item's own margins
            sides = [(room_left, True), (room_right, False)]
            fitting = [left for room, left in (sides if left_first else sides[::-1]) if room >= needed]
            left = fitting[0] if fitting else room_left >= room_right
            if not fitting:
                metrics = QFontMetricsF(label.textItem.font())
                room = (room_left if left else room_right) - (needed - metrics.horizontalAdvance(whole))
                label.setText(f" {metrics.elidedText(whole, Qt.TextElideMode.ElideRight, max(0.0, room))} ")
            label.setAnchor((1.0 if left else 0.0, label.anchor.y()))

    def line_label_texts(self) -> list[str]:
        """The limit lines' labels as shown (shortened where the plot is narrow)."""
        return [label.toPlainText().strip() for label, *_ in self._line_labels]

    def visible_labels(self) -> list[str]:
        return [label for text, _w, _n, label in self._labels if text.isVisible()]

    # --- hover ---------------------------------------------------------------------------
    def bar_at(self, x: float, y: float) -> Bar | None:
        """The bar under a point in data coordinates."""
        for bar in self.bars:
            if abs(y - bar.row) <= BAR_HEIGHT / 2 and bar.start <= x <= bar.start + bar.width:
                return bar
        return None

    def data_to_widget(self, x: float, y: float) -> QPointF:
        """A point in data coordinates as a position in the plot widget (for tests)."""
        vb = self.plot.getPlotItem().getViewBox()
        return self.plot.mapFromScene(vb.mapViewToScene(QPointF(x, y))).toPointF()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Leave:
            self._set_hover(None)
        return False

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        vb = self.plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            self._set_hover(None)
            return
        point = vb.mapSceneToView(scene_pos)
        at = self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos))
        self._set_hover(self.bar_at(point.x(), point.y()), at)

    def _set_hover(self, bar: Bar | None, at: QPoint | None = None) -> None:
        """Show the values of the bar under the mouse in a tooltip by the pointer and in the
        read-out line under the plot."""
        text = bar.tip if bar is not None else ""
        if text == self.hover_text:
            return
        self.hover_text = text
        if text and at is not None:
            QToolTip.showText(at, text, self.plot.viewport())
        else:
            QToolTip.hideText()
        # When the pointer rests, the plot's scene answers Qt's tooltip request from the
        # item under it: the outline carries the text, or the scene would hide the tip.
        self._highlight.setToolTip(text)
        if bar is not None:
            start, width = bar.label_span or (bar.start, bar.width)
            self._highlight.setRect(QRectF(start, bar.row - BAR_HEIGHT / 2, width, BAR_HEIGHT))
        self._highlight.setVisible(bar is not None)
        self.readout.setText(text.replace("\n", "  ·  ") if text else _IDLE)
        self.readout.setStyleSheet("" if text else "color: #8A9199;")


def _text_on(colour: str) -> QColor:
    """Black or white, whichever reads better on ``colour``."""
    c = QColor(colour)
    luminance = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()
    return QColor("#1F2933") if luminance > 150 else QColor("#FFFFFF")
