"""UI layer: the graphics item of one component — a card that only displays the model.

The card's top-left corner is the component's model position. The item never writes to
the design: a drag moves it visually, and the view commits all moved items with one
``Document.move`` on release; the model's ``component_moved`` signal then sets the final
position back through :meth:`ComponentItem.set_model_pos`.

Built to be cheap by the thousand: no ``itemChange`` override (Qt would call into Python
for every flag, scene and position change of every card), state that rarely changes as
class-level defaults, and a drag that moves all selected cards through the scene in one
batch, so each touched link is re-routed once per mouse move.
"""

from __future__ import annotations

import html
from functools import cache, lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from canvas.core.catalog import KINDS
from canvas.core.model import Component
from canvas.ui.canvas.items.host import ItemHost
from canvas.ui.canvas.items.style import (
    BAND_WIDTH,
    CARD_HEIGHT,
    CARD_RADIUS,
    CARD_RECT,
    CARD_WIDTH,
    ICON_SIZE,
    LIGHT,
    LOD_DETAIL,
    LOD_SCALE,
    PORT_GRAB_RADIUS,
    PORT_RADIUS,
    SEVERITY_COLOURS,
    Theme,
    badge_font,
    kind_font,
    label_font,
    overview_font,
    svg_renderer,
)

_ICON_LEFT = BAND_WIDTH + 7
_TEXT_LEFT = _ICON_LEFT + ICON_SIZE + 7
_TEXT_WIDTH = CARD_WIDTH - _TEXT_LEFT - 8
_PORT_Y = CARD_HEIGHT / 2
_IN_PORT = QPointF(0.0, _PORT_Y)
_OUT_PORT = QPointF(CARD_WIDTH, _PORT_Y)


def _card_path() -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(CARD_RECT, CARD_RADIUS, CARD_RADIUS)
    return path


def _band_path() -> QPainterPath:
    band = QPainterPath()
    band.addRect(QRectF(0, 0, BAND_WIDTH, CARD_HEIGHT))
    return _card_path().intersected(band)


def _shape_path() -> QPainterPath:
    path = _card_path()
    for centre in (_IN_PORT, _OUT_PORT):
        path.addEllipse(centre, PORT_RADIUS + 3, PORT_RADIUS + 3)
    return path.simplified()


def _ports_path() -> QPainterPath:
    """The card and its ports as drawn when hovered (a port grows by 1.5)."""
    path = _card_path()
    for centre in (_IN_PORT, _OUT_PORT):
        path.addEllipse(centre, PORT_RADIUS + 1.5, PORT_RADIUS + 1.5)
    return path


def _with_pen(rect: QRectF, width: float) -> QRectF:
    return rect.adjusted(-width / 2, -width / 2, width / 2, width / 2)


#: What a card draws, before the pens: the card with its ports, the finding outline around
#: it, and the row above its top-right corner where the count badge sits (right-aligned,
#: at most as wide as the card).
_PORTS_RECT = _ports_path().boundingRect()
_OUTLINE = CARD_RECT.adjusted(-4, -4, 4, 4)
_BADGE_ROW = QRectF(0, -9, CARD_WIDTH - 4, 16)


def _drawn_area(outlined: bool, badge: bool) -> QRectF:
    """What a paint covers, pens included: the ports' 1.5 px pen (wider than the card's
    border), the outline's 3 px, the badge's 1.2 px."""
    rect = _with_pen(_PORTS_RECT, 1.5)
    if outlined:
        rect = rect.united(_with_pen(_OUTLINE, 3.0))
    if badge:
        rect = rect.united(_with_pen(_BADGE_ROW, 1.2))
    return rect


#: Every card's bounds, in any state: they never change, so a card never asks Qt to re-index.
_BOUNDS = _drawn_area(outlined=True, badge=True)
_CARD = _card_path()
_ELIDE = Qt.TextElideMode.ElideRight
# Without ItemSendsGeometryChanges: moves are announced by the scene, not by itemChange.
_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
_LEFT = Qt.MouseButton.LeftButton
_BAND = _band_path()
_SHAPE = _shape_path()


@lru_cache(maxsize=1)
def _overview_metrics() -> QFontMetricsF:
    return QFontMetricsF(overview_font())


def wrap_text(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap into at most ``max_lines`` lines; the last one is elided."""
    if metrics.horizontalAdvance(text) <= width:
        return [text]
    words = text.split()
    lines: list[str] = []
    while words and len(lines) < max_lines - 1:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        if metrics.horizontalAdvance(line) > width:  # one long word: elide it, go on
            line = metrics.elidedText(line, _ELIDE, width)
        lines.append(line)
    if words:
        lines.append(metrics.elidedText(" ".join(words), _ELIDE, width))
    return lines or [""]


@lru_cache(maxsize=1)
def _label_metrics() -> QFontMetricsF:
    return QFontMetricsF(label_font())


@lru_cache(maxsize=1)
def _kind_metrics() -> QFontMetricsF:
    return QFontMetricsF(kind_font())


@cache
def _kind_line(kind_label: str) -> str:
    return _kind_metrics().elidedText(kind_label, _ELIDE, _TEXT_WIDTH)


_NO_BRUSH = QBrush(Qt.BrushStyle.NoBrush)


@lru_cache(maxsize=256)
def _coarse_border(rgba: int, width: float) -> tuple[QPen, QRectF]:
    """The pen and rectangle of a zoomed-out card's border (shared: thousands are drawn)."""
    pen = QPen(QColor.fromRgba(rgba), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap, Qt.PenJoinStyle.MiterJoin)
    return pen, CARD_RECT.adjusted(width / 2, width / 2, -width / 2, -width / 2)


@cache
def _kind_look(kind: str) -> tuple[str, QColor]:
    """(short label, colour) of a kind: one shared QColor per kind, not one per card."""
    known = KINDS.get(kind)
    return (known.short_label, QColor(known.colour)) if known else (kind, QColor("#78909C"))


class ComponentItem(QGraphicsItem):
    """A rounded card: coloured band, kind icon, label, input port (left), output port (right)."""

    Type = QGraphicsItem.UserType + 1  # type: ignore[attr-defined]  # missing from PySide6's stubs

    # Rarely changed state lives on the class until an instance sets its own: thousands
    # of cards are built in one go, and most never change any of it.
    _lines: list[str] | None = None
    _overview: list[str] | None = None
    _kind_line = ""
    _hover = False
    _hover_port: str | None = None
    _connect_state: str | None = None  # "ok" | "refused" while a link is dragged over
    severity: str | None = None
    finding_count = 0
    _findings_tooltip = ""

    def __init__(self, component: Component, cache: bool = True, host: ItemHost | None = None) -> None:
        super().__init__()
        self.host = host
        self.component_id = component.id
        self.kind = component.kind
        self.kind_label, self.colour = _kind_look(component.kind)
        self.label = component.label
        self.setFlags(_FLAGS)
        self.setAcceptHoverEvents(True)
        if cache:
            self.setCacheMode(_CACHE)
        position = component.position
        self.setPos(position.x, position.y)

    # --- model -> item -----------------------------------------------------------------
    def type(self) -> int:
        return self.Type

    def update_from_model(self, component: Component) -> None:
        """Show a changed label (the kind of a component never changes)."""
        self.label = component.label
        self._lines = self._overview = None  # laid out at the next paint
        self.update()

    def _layout_text(self) -> list[str]:
        # Up to two lines of label, then the kind in small print — unless the label already
        # says the kind ("Feature store" for "Feature engineering / feature store").
        label, kind = self.label.strip().casefold(), self.kind_label.casefold()
        self._kind_line = "" if label and (label in kind or kind in label) else _kind_line(self.kind_label)
        self._lines = wrap_text(self.label, _label_metrics(), _TEXT_WIDTH, 2)
        return self._lines

    def tooltip_text(self) -> str:
        """Rich text for the tooltip (built on demand by the scene, not stored per item)."""
        known = KINDS.get(self.kind)
        description = f"{known.label} (ch. {known.chapter})" if known else f"Unknown kind '{self.kind}'"
        tip = f"<b>{html.escape(self.label)}</b><br>{html.escape(description)}"
        if self._findings_tooltip:
            tip += "<hr>" + html.escape(self._findings_tooltip).replace("\n", "<br>")
        return tip

    def set_model_pos(self, x: float, y: float) -> None:
        """Place the item where the model says (no snapping) and re-route its links."""
        if x == self.x() and y == self.y():
            return
        self.setPos(x, y)
        if self.host is not None:
            self.host.item_moved(self)

    def set_findings(self, severity: str | None, count: int, tooltip: str) -> None:
        """Show the checker's verdict: a severity-coloured outline and a count badge.

        ``severity`` is ``"error"``, ``"warning"``, ``"info"`` or ``None`` (no findings)."""
        severity = severity if severity in SEVERITY_COLOURS else None
        if (severity, count, tooltip) == (self.severity, self.finding_count, self._findings_tooltip):
            return
        self.severity, self.finding_count, self._findings_tooltip = severity, max(0, count), tooltip
        self.update()

    def set_connect_state(self, state: str | None) -> None:
        """``"ok"`` / ``"refused"`` while a new link hovers this card, ``None`` after."""
        if state != self._connect_state:
            self._connect_state = state
            self.update()

    # --- geometry ----------------------------------------------------------------------
    @staticmethod
    def bounds() -> QRectF:
        """Every card's bounding rectangle, in item coordinates."""
        return QRectF(_BOUNDS)

    def boundingRect(self) -> QRectF:
        return _BOUNDS

    def drawn_rect(self) -> QRectF:
        """What a paint covers in scene coordinates: the card and its ports, plus the
        finding outline and badge when shown (an export crops to this)."""
        area = _drawn_area(
            outlined=self.severity is not None, badge=self.severity is not None and self.finding_count > 0
        )
        return area.translated(self.pos())

    def card_rect(self) -> QRectF:
        """The card itself (without ports, outline or badge), in scene coordinates."""
        return CARD_RECT.translated(self.pos())

    def label_rect(self) -> QRectF:
        """Where the label is written, in scene coordinates: right of the icon, the card's
        height less a small margin (the in-place rename editor covers it)."""
        card = self.card_rect()
        return QRectF(card.left() + _TEXT_LEFT - 2, card.top() + 4, card.width() - _TEXT_LEFT - 4, card.height() - 8)

    def shape(self) -> QPainterPath:
        return _SHAPE

    def input_port_pos(self) -> QPointF:
        """The input port's centre in scene coordinates."""
        return self.pos() + _IN_PORT

    def output_port_pos(self) -> QPointF:
        """The output port's centre in scene coordinates."""
        return self.pos() + _OUT_PORT

    def port_xy(self) -> tuple[float, float, float]:
        """``x_in, x_out, y``: both ports' centres as plain numbers (they share a height)."""
        x, y = self.x(), self.y() + _PORT_Y
        return x, x + CARD_WIDTH, y

    def port_at(self, local: QPointF) -> str | None:
        """``"out"`` or ``"in"`` when ``local`` (item coordinates) is on a port."""
        for name, centre in (("out", _OUT_PORT), ("in", _IN_PORT)):
            d = local - centre
            if d.x() * d.x() + d.y() * d.y() <= PORT_GRAB_RADIUS * PORT_GRAB_RADIUS:
                return name
        return None

    # --- dragging ------------------------------------------------------------------------
    # Qt's own mouseMoveEvent would move the selection item by item (each move announced
    # through itemChange); the scene moves it in one batch instead. Press and release stay
    # Qt's: they handle selection, and a release where the press was is a click.
    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not event.buttons() & _LEFT or self.host is None:
            super().mouseMoveEvent(event)
            return
        self.host.drag_items(self, event.buttonDownScenePos(_LEFT), event.scenePos())

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.host is not None:
            self.host.end_drag()  # a new press starts a new drag, whatever became of the last one
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.host is not None:
            self.host.end_drag()
        super().mouseReleaseEvent(event)

    # --- hover -------------------------------------------------------------------------
    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = True
        self._set_hover_port(self.port_at(event.pos()))
        self.update()

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._set_hover_port(self.port_at(event.pos()))

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = False
        self._set_hover_port(None)
        self.update()

    def _set_hover_port(self, port: str | None) -> None:
        if port == self._hover_port:
            return
        self._hover_port = port
        if port == "out":
            self.setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.unsetCursor()
        self.update()

    # --- painting ----------------------------------------------------------------------
    def _theme(self) -> Theme:
        return self.host.theme if self.host is not None else LIGHT

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        theme = self._theme()
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        selected = self.isSelected()
        if lod < LOD_SCALE:
            self._paint_coarse(painter, theme, selected, lod)
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.severity is not None:
            painter.setPen(QPen(SEVERITY_COLOURS[self.severity], 3.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(CARD_RECT.adjusted(-4, -4, 4, 4), CARD_RADIUS + 3, CARD_RADIUS + 3)
        painter.setPen(self._border_pen(theme, selected))
        painter.setBrush(theme.card_hover if self._hover else theme.card)
        painter.drawPath(_CARD)
        if lod < LOD_DETAIL:
            self._paint_overview(painter, theme)
            painter.restore()
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        painter.drawPath(_BAND)
        renderer = svg_renderer(self.kind)
        if renderer is not None:
            icon = QRectF(_ICON_LEFT, (CARD_HEIGHT - ICON_SIZE) / 2, ICON_SIZE, ICON_SIZE)
            if theme.icon_backdrop is not None:
                painter.setBrush(theme.icon_backdrop)
                painter.drawRoundedRect(icon.adjusted(-3, -3, 3, 3), 6, 6)
            renderer.render(painter, icon)
        self._paint_text(painter, theme)
        self._paint_ports(painter, theme)
        if self.severity is not None and self.finding_count > 0:
            self._paint_badge(painter)
        painter.restore()

    def _border_pen(self, theme: Theme, selected: bool) -> QPen:
        if self._connect_state == "ok":
            return QPen(theme.ok, 2.5)
        if self._connect_state == "refused":
            return QPen(theme.refused, 2.5, Qt.PenStyle.DashLine)
        if selected:
            return QPen(theme.selection, 2.5)
        if self._hover:
            return QPen(self.colour, 1.5)
        return QPen(theme.border, 1.0)

    def _paint_text(self, painter: QPainter, theme: Theme) -> None:
        lines = self._lines if self._lines is not None else self._layout_text()
        lfont = label_font()
        lmetrics = _label_metrics()
        line_h = lmetrics.height()
        block = line_h * len(lines)
        kmetrics = _kind_metrics() if self._kind_line else None
        if kmetrics is not None:
            block += kmetrics.height() + 1
        y = (CARD_HEIGHT - block) / 2
        painter.setFont(lfont)
        painter.setPen(theme.text)
        for line in lines:
            painter.drawText(QPointF(_TEXT_LEFT, y + lmetrics.ascent()), line)
            y += line_h
        if kmetrics is not None:
            painter.setFont(kind_font())
            painter.setPen(theme.secondary_text)
            painter.drawText(QPointF(_TEXT_LEFT, y + 1 + kmetrics.ascent()), self._kind_line)

    def _paint_ports(self, painter: QPainter, theme: Theme) -> None:
        for name, centre in (("in", _IN_PORT), ("out", _OUT_PORT)):
            hot = self._hover_port == name and name == "out"
            painter.setPen(QPen(self.colour if not hot else theme.selection, 1.5))
            painter.setBrush(self.colour if hot else theme.port_fill)
            r = PORT_RADIUS + (1.5 if hot else 0.0)
            painter.drawEllipse(centre, r, r)

    def _paint_badge(self, painter: QPainter) -> None:
        text = str(self.finding_count) if self.finding_count < 100 else "99+"
        font = badge_font()
        width = max(16.0, QFontMetricsF(font).horizontalAdvance(text) + 8)
        rect = QRectF(CARD_WIDTH - width - 4, -9, width, 16)
        painter.setPen(QPen(QColor("#FFFFFF"), 1.2))
        painter.setBrush(SEVERITY_COLOURS[self.severity or "info"])
        painter.drawRoundedRect(rect, 8, 8)
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_overview(self, painter: QPainter, theme: Theme) -> None:
        """Zoomed out (a fitted template sits near 30 %): the band and the label in a large
        font on up to two lines across the whole card — no icon, ports or kind line."""
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        painter.drawPath(_BAND)
        font = overview_font()
        metrics = _overview_metrics()
        left = BAND_WIDTH + 6
        lines = self._overview
        if lines is None:  # wrapped once, not at every paint (an export paints them all)
            lines = self._overview = wrap_text(self.label, metrics, CARD_WIDTH - left - 4, 2)
        painter.setFont(font)
        painter.setPen(theme.text)
        line_h = metrics.height()
        y = (CARD_HEIGHT - line_h * len(lines)) / 2
        for line in lines:
            painter.drawText(QPointF(left, y + metrics.ascent()), line)
            y += line_h
        if self.severity is not None and self.finding_count > 0:
            self._paint_badge(painter)

    def _paint_coarse(self, painter: QPainter, theme: Theme, selected: bool, lod: float) -> None:
        painter.fillRect(CARD_RECT, self.colour)
        if self.severity is not None or selected:
            # A thick border kept inside the card, so it stays within the bounding rect at
            # any zoom and still shows a few pixels when the card is a dot.
            width = round(min(CARD_HEIGHT / 3, 3.0 / max(lod, 1e-3)), 1)
            colour = theme.selection if selected else SEVERITY_COLOURS[self.severity or "info"]
            pen, frame = _coarse_border(colour.rgba(), width)
            painter.setPen(pen)
            painter.setBrush(_NO_BRUSH)
            painter.drawRect(frame)
