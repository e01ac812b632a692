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
from typing import Literal

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
from canvas.ui.canvas.items.card_text import (
    ICON_LEFT,
    OVERVIEW_LEFT,
    TEXT_LEFT,
    CardText,
    detail_text,
    kind_line,
    overview_text,
)
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
    PORT_RADIUS,
    SEVERITY_COLOURS,
    Theme,
    badge_font,
    kind_font,
    port_reach,
    svg_renderer,
)

Port = Literal["in", "out"]
_PORT_Y = CARD_HEIGHT / 2
_IN_PORT = QPointF(0.0, _PORT_Y)
_OUT_PORT = QPointF(CARD_WIDTH, _PORT_Y)


_BODY_REACH = CARD_WIDTH / 4


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
    # Winding, not odd-even: where a port's disc overlaps the card must stay part of it
    # (odd-even left a hole there that a press fell through to the rubber band).
    path.setFillRule(Qt.FillRule.WindingFill)
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
# Without ItemSendsGeometryChanges: moves are announced by the scene, not by itemChange.
_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
_LEFT = Qt.MouseButton.LeftButton
_BAND = _band_path()
_SHAPE = _shape_path()


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


def kind_colour(kind: str) -> QColor:
    """The colour of a kind's cards (shared: one QColor per kind)."""
    return _kind_look(kind)[1]


def _draw_lines(painter: QPainter, text: CardText, left: float) -> None:
    """Draw the laid-out label's lines from ``left``."""
    painter.setFont(text.font)
    y = text.first_baseline
    for line in text.lines:
        painter.drawText(QPointF(left, y), line)
        y += text.line_step


class ComponentItem(QGraphicsItem):
    """A rounded card: coloured band, kind icon, label, input port (left), output port (right)."""

    Type = QGraphicsItem.UserType + 1  # type: ignore[attr-defined]  # missing from PySide6's stubs

    # Rarely changed state lives on the class until an instance sets its own: thousands
    # of cards are built in one go, and most never change any of it.
    _detail: tuple[CardText, float | None] | None = None  # the label, the kind's baseline
    _overview: CardText | None = None
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
        self._detail = self._overview = None  # laid out at the next paint (from a cache)
        self.update()

    def shown_text(self, lod: float) -> CardText:
        """How the label is laid out at this level of detail (a zoom at or above
        :data:`LOD_SCALE`; below it a card shows no text)."""
        if lod < LOD_DETAIL:
            if self._overview is None:
                self._overview = overview_text(self.label)
            return self._overview
        return self._detail_text()[0]

    def _detail_text(self) -> tuple[CardText, float | None]:
        if self._detail is None:
            # The kind in small print below the label, unless the label already says it
            # ("Feature store" for "Feature engineering / feature store") or leaves no room.
            label, kind = self.label.strip().casefold(), self.kind_label.casefold()
            self._detail = detail_text(self.label, not (label and (label in kind or kind in label)))
        return self._detail

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
        return QRectF(card.left() + TEXT_LEFT - 2, card.top() + 4, card.width() - TEXT_LEFT - 4, card.height() - 8)

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

    def port_at(self, local: QPointF, scale: float = 1.0) -> Port | None:
        """``"out"`` or ``"in"`` when ``local`` (item coordinates) is on a port, as seen at
        view ``scale`` (zoomed out a port reaches further: the same pixels on screen)."""
        found = self.port_distance(local, scale)
        return found[0] if found is not None else None

    def port_distance(self, local: QPointF, scale: float = 1.0) -> tuple[Port, float] | None:
        """The port within reach of ``local`` (item coordinates) at view ``scale``, and the
        squared distance to its centre; of two, the nearer. On the card's own body the
        reach stops at a quarter of its width: zoomed far out the rest stays the card's,
        to drag or rename it."""
        reach = port_reach(scale)
        if CARD_RECT.contains(local):
            reach = min(reach, _BODY_REACH)
        best: tuple[Port, float] | None = None
        ports: tuple[tuple[Port, QPointF], ...] = (("out", _OUT_PORT), ("in", _IN_PORT))
        for name, centre in ports:
            d = local - centre
            dist = d.x() * d.x() + d.y() * d.y()
            if dist <= reach * reach and (best is None or dist < best[1]):
                best = (name, dist)
        return best

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
        self._set_hover_port(self.port_at(event.pos(), self._view_scale()))
        self.update()

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._set_hover_port(self.port_at(event.pos(), self._view_scale()))

    def _view_scale(self) -> float:
        scene = self.scene()
        views = scene.views() if scene is not None else []
        return views[0].transform().m11() if views else 1.0

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
            icon = QRectF(ICON_LEFT, (CARD_HEIGHT - ICON_SIZE) / 2, ICON_SIZE, ICON_SIZE)
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
        text, kind_baseline = self._detail_text()
        painter.setPen(theme.text)
        _draw_lines(painter, text, TEXT_LEFT)
        if kind_baseline is not None:
            painter.setFont(kind_font())
            painter.setPen(theme.secondary_text)
            painter.drawText(QPointF(TEXT_LEFT, kind_baseline), kind_line(self.kind_label))

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
        """Zoomed out (a fitted template sits near 50 %): the band and the whole label as
        large as the card holds — no icon or kind line; the ports as small discs."""
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        painter.drawPath(_BAND)
        painter.setPen(theme.text)
        _draw_lines(painter, self.shown_text(0.0), OVERVIEW_LEFT)
        painter.setPen(QPen(self.colour, 1.5))
        painter.setBrush(theme.port_fill)
        painter.drawEllipse(_IN_PORT, PORT_RADIUS, PORT_RADIUS)
        painter.drawEllipse(_OUT_PORT, PORT_RADIUS, PORT_RADIUS)
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
