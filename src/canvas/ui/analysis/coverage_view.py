"""UI layer: the Figure 1-1 coverage view — the boxes of the book's figure, lit when the
design has a component in them.

Drawn like a small copy of Figure 1-1: business requirements across the top, users and
developers outside the system on the left, and inside the system the interface, the data,
feature engineering, ML algorithms and evaluation, then deployment/monitoring/updating and
infrastructure. A lit box has its Figure 1-1 colour and a count; an empty one is grey and
dashed. Clicking a box emits :attr:`box_clicked` (the main window filters the palette).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from canvas.core.catalog import BOXES, KINDS, Box, kinds_in_box
from canvas.ui.document import Document

#: Where each box sits, on a 100 × 67 grid (x, y, width, height). The boxes are sized for
#: their titles at ~11 px in a dock ~300 px wide: "developers", "engineering" and
#: "algorithms" fit their boxes' width, and every box inside the system has room for two lines.
LAYOUT: dict[Box, tuple[float, float, float, float]] = {
    Box.BUSINESS: (29, 1, 70.5, 8),
    Box.USERS: (0.5, 14, 27, 21),
    Box.DEVELOPERS: (0.5, 42.5, 27, 21),
    Box.INTERFACE: (30.5, 15.5, 6, 48),
    Box.DATA: (38, 15.5, 29.5, 11),
    Box.FEATURES: (69.5, 15.5, 29, 11),
    Box.ALGORITHMS: (38, 28.5, 29.5, 11),
    Box.EVALUATION: (69.5, 28.5, 29, 11),
    Box.DEPLOY_MONITOR_UPDATE: (38, 41.5, 60.5, 11),
    Box.INFRASTRUCTURE: (38, 54.5, 60.5, 9),
}
_FRAME = (29, 11, 70.5, 54.5)
_GRID_W, _GRID_H = 100.0, 68.5
_TOP = 2.5  # room above the top row for its count badge
#: Font sizes in pixels: titles start this many grid units tall and shrink to fit, never
#: below the floor; the badges' numbers and the "ML system" label have their own floors.
_TITLE_UNITS, _TITLE_MIN_PX = 4.2, 8
_BADGE_MIN_PX, _LABEL_MIN_PX = 9, 10
_SHORT = {Box.DEPLOY_MONITOR_UPDATE: "Deployment, monitoring, updating of logic", Box.INTERFACE: "Interface"}


_WRAP_CENTRE = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap


def _fitted(base: QFont, area: QRectF, text: str, start_px: int, bold: bool) -> QFont:
    """The largest font (from ``start_px`` down to the floor) in which ``text`` fits ``area``,
    wrapped at word boundaries only."""
    font = QFont(base)
    font.setBold(bold)
    for px in range(max(start_px, _TITLE_MIN_PX), _TITLE_MIN_PX - 1, -1):
        font.setPixelSize(px)
        metrics = QFontMetricsF(font)
        longest = max(metrics.horizontalAdvance(word) for word in text.split())
        needed = metrics.boundingRect(area, int(_WRAP_CENTRE), text)
        if longest <= area.width() and needed.height() <= area.height():
            break
    return font


class CoverageView(QWidget):
    #: A box was clicked (the argument is a :class:`~canvas.core.catalog.Box`).
    box_clicked = Signal(object)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._counts: dict[Box, int] | None = None
        self._hover: Box | None = None
        self._font_px = 10
        self.setMouseTracking(True)
        self.setMinimumSize(240, 162)
        self.setToolTip("")
        for signal in (document.component_added, document.component_removed):
            signal.connect(self._invalidate)
        document.design_replaced.connect(self._invalidate)

    def sizeHint(self) -> QSize:
        return QSize(380, 257)

    # --- state ---------------------------------------------------------------------------
    def _invalidate(self, *_args: object) -> None:
        self._counts = None
        self.update()

    def counts(self) -> dict[Box, int]:
        """Components per box (every box of the view present)."""
        if self._counts is None:
            counts = {box: 0 for box in LAYOUT}
            for comp in self.document.design.components.values():
                kind = KINDS.get(comp.kind)
                if kind is not None and kind.box in counts:
                    counts[kind.box] += 1
            self._counts = counts
        return self._counts

    def lit_boxes(self) -> set[Box]:
        return {box for box, n in self.counts().items() if n}

    # --- geometry ------------------------------------------------------------------------
    def _scale(self) -> tuple[float, float, float]:
        s = min((self.width() - 6) / _GRID_W, (self.height() - 4) / _GRID_H)
        return s, (self.width() - _GRID_W * s) / 2, (self.height() - _GRID_H * s) / 2

    def _rect(self, spec: tuple[float, float, float, float]) -> QRectF:
        s, ox, oy = self._scale()
        x, y, w, h = spec
        return QRectF(ox + x * s, oy + (y + _TOP) * s, w * s, h * s)

    def box_rect(self, box: Box) -> QRectF:
        """Where a box is drawn, in widget coordinates."""
        return self._rect(LAYOUT[box])

    def box_at(self, pos: QPointF) -> Box | None:
        for box in LAYOUT:
            if self.box_rect(box).contains(pos):
                return box
        return None

    # --- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        dark = pal.color(QPalette.ColorRole.Window).lightness() < 128
        text = pal.color(QPalette.ColorRole.WindowText)
        s, _, _ = self._scale()
        frame = self._rect(_FRAME)
        p.setPen(QPen(QColor("#8A9199"), 1.0, Qt.PenStyle.DashLine))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(frame, 6, 6)
        small = QFont(self.font())
        small.setPixelSize(max(_LABEL_MIN_PX, int(3.2 * s)))
        p.setFont(small)
        p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        # Right of the interface box and its count badge, which straddles the frame's top edge.
        label = frame.adjusted(self.box_rect(Box.INTERFACE).right() - frame.left() + 3 * s, 1, 0, 0)
        p.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, "ML system")
        counts = self.counts()
        self._font_px = self._common_font_px(s)
        for box in LAYOUT:
            self._paint_box(p, box, counts[box], s, dark, text)
        p.end()

    def title_font(self, box: Box) -> tuple[QFont, QRectF, str]:
        """How a box's title is written at the current size: the font (the same size for
        every box), the area it must fit, and the text."""
        s, _, _ = self._scale()
        font = QFont(self.font())
        font.setPixelSize(self._common_font_px(s))
        font.setBold(True)
        return font, self._text_area(box, s), _SHORT.get(box, BOXES[box].title)

    def _text_area(self, box: Box, s: float) -> QRectF:
        """Where a box's title goes: inside its rectangle, clear of the count badge."""
        rect = self.box_rect(box)
        if box is Box.INTERFACE:
            return QRectF(-rect.height() / 2, -rect.width() / 2, rect.height(), rect.width()).adjusted(2, 1, -2, -1)
        return rect.adjusted(3, 1, -3, -1)

    def _common_font_px(self, s: float) -> int:
        """One title size for every box: the largest at which all of them fit."""
        size = int(_TITLE_UNITS * s)
        for box in LAYOUT:
            title = _SHORT.get(box, BOXES[box].title)
            size = min(size, _fitted(self.font(), self._text_area(box, s), title, size, True).pixelSize())
        return max(_TITLE_MIN_PX, size)

    def _paint_box(self, p: QPainter, box: Box, count: int, s: float, dark: bool, text: QColor) -> None:
        rect = self.box_rect(box)
        colour = QColor(BOXES[box].colour)
        hover = box == self._hover
        if count:
            p.setPen(QPen(colour.darker(130) if not hover else text, 2.0 if hover else 1.0))
            p.setBrush(colour)
            fg = QColor("#FFFFFF")
        else:
            p.setPen(QPen(QColor("#8A9199") if not hover else colour, 2.0 if hover else 1.0, Qt.PenStyle.DashLine))
            p.setBrush(QColor("#3A3F47") if dark else QColor("#ECEFF1"))
            fg = QColor("#9AA3AB") if not dark else QColor("#7D8690")
        p.drawRoundedRect(rect, 4, 4)
        title = _SHORT.get(box, BOXES[box].title)
        p.setPen(fg)
        font = QFont(self.font())
        font.setPixelSize(self._font_px)
        font.setBold(bool(count))
        p.setFont(font)
        area = self._text_area(box, s)
        if box is Box.INTERFACE:
            p.save()
            p.translate(rect.center())
            p.rotate(-90)
            p.drawText(area, Qt.AlignmentFlag.AlignCenter, title)
            p.restore()
        else:
            p.drawText(area, _WRAP_CENTRE, title)
        if count:
            badge_font = QFont(self.font())
            badge_font.setBold(True)
            badge_font.setPixelSize(max(_BADGE_MIN_PX, int(3.0 * s)))
            p.setFont(badge_font)
            # Straddling the top-right corner, like the badges on the canvas cards.
            number = str(count) if count < 1000 else "999+"
            metrics = QFontMetricsF(badge_font)
            height = metrics.height() + 1
            width = max(height, metrics.horizontalAdvance(number) + 0.9 * height)  # grows leftwards
            badge = QRectF(rect.right() + 0.6 * s - width, rect.top() - height / 2, width, height)
            p.setPen(QPen(colour.darker(130), 1.0))
            p.setBrush(QColor("#FFFFFF"))
            p.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            p.setPen(colour.darker(160))
            p.drawText(badge, Qt.AlignmentFlag.AlignCenter, number)

    # --- interaction ---------------------------------------------------------------------
    def tooltip_for(self, box: Box) -> str:
        info = BOXES[box]
        n = self.counts()[box]
        kinds = ", ".join(k.short_label for k in kinds_in_box(box))
        state = f"{n} component{'s' if n != 1 else ''}" if n else "no component yet"
        return f"{info.title} (ch. {info.chapter}): {state}.\nKinds: {kinds}.\nClick to show them in the palette."

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        box = self.box_at(event.position())
        if box != self._hover:
            self._hover = box
            self.setCursor(Qt.CursorShape.PointingHandCursor if box else Qt.CursorShape.ArrowCursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            box = self.box_at(event.position())
            if box is not None:
                self.box_clicked.emit(box)
                return
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            box = self.box_at(QPointF(event.pos()))  # type: ignore[attr-defined]
            if box is not None:
                QToolTip.showText(event.globalPos(), self.tooltip_for(box), self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
