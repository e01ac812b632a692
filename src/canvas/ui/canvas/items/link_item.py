"""UI layer: the graphics item of one link — an arrow routed around cards, or a plain curve.

A link is drawn along its route (:meth:`LinkItem.show_route`: the router's corner points,
with rounded corners or smoothed, as the design's link style says); while its card is
dragged, or before a big design's routes have arrived, it is a plain bezier between the two
ports (:meth:`LinkItem.reroute`). The path is kept in scene coordinates (the item stays at
the origin); the scene re-routes only the links of the components that moved. The stroked
selection shape is built lazily, on the first hit test after a re-route, because most links
are never hit-tested. The bounds are what Qt computes for the drawn geometry (the curve's
own bounds, the arrowhead, the label and the badge) plus half the widest pen the link may
draw with; pens are shared, a big design builds thousands of links. :meth:`paint` draws
every link, in the editor and in exports alike.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from functools import cache, lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneHoverEvent, QStyleOptionGraphicsItem, QWidget

from canvas.core.catalog import LinkMeaning, link_meaning
from canvas.core.geometry import Point
from canvas.core.link_path import path_steps, point_at_half
from canvas.core.model import Link, LinkStyle
from canvas.ui.canvas.items.host import ItemHost
from canvas.ui.canvas.items.style import (
    CARD_HEIGHT,
    LIGHT,
    LOD_SCALE,
    PORT_RADIUS,
    SEVERITY_COLOURS,
    Theme,
    badge_font,
    link_label_font,
)

ARROW_LENGTH = 11.0
ARROW_HALF_WIDTH = 5.5
#: The handles a selected link shows at its ends (to re-attach them): radius and pen.
HANDLE_RADIUS, _HANDLE_PEN = 4.0, 1.5
_SHAPE_WIDTH = 9.0
#: Pen widths: plain, hovered, selected, and the halo of a finding (round-capped).
_WIDTH, _HOVER_WIDTH, _SELECTED_WIDTH, _HALO_WIDTH = 1.5, 2.0, 2.6, 7.0
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
_ANTIALIASING = QPainter.RenderHint.Antialiasing
_NO_BRUSH = QBrush(Qt.BrushStyle.NoBrush)
_NO_PEN = QPen(Qt.PenStyle.NoPen)
_lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform


def _route(sx: float, sy: float, tx: float, ty: float) -> tuple[float, ...]:
    """Control points and arrow base of the curve from ``(sx, sy)`` to the tip ``(tx, ty)``:
    ``c1x, c1y, c2x, c2y, bx, by, ux, uy`` (``u`` the unit direction at the tip).

    Forward links leave and enter horizontally. A backward link whose ends are about level
    dips below the cards instead of cutting through them."""
    dx, dy = tx - sx, ty - sy
    if dx >= 0:
        reach = max(dx * 0.5, 30.0)
        dip = 0.0
    else:
        reach = min(max(-dx * 0.35, 60.0), 160.0)
        dip = CARD_HEIGHT * 1.4 if abs(dy) < CARD_HEIGHT + 20 else 0.0
    c2x, c2y = tx - reach, ty + dip
    ux, uy = tx - c2x, ty - c2y
    norm = math.hypot(ux, uy) or 1.0
    ux, uy = ux / norm, uy / norm
    return sx + reach, sy + dip, c2x, c2y, tx - ux * ARROW_LENGTH, ty - uy * ARROW_LENGTH, ux, uy


def _head(tx: float, ty: float, bx: float, by: float, ux: float, uy: float) -> tuple[float, ...]:
    """The arrowhead's tip and its two base corners: ``tx, ty, lx, ly, rx, ry``."""
    wx, wy = uy * ARROW_HALF_WIDTH, ux * ARROW_HALF_WIDTH
    return tx, ty, bx - wx, by + wy, bx + wx, by - wy


def _midpoint(
    sx: float, sy: float, c1x: float, c1y: float, c2x: float, c2y: float, bx: float, by: float
) -> tuple[float, float]:
    """The cubic at t = 1/2, without asking QPainterPath (cheaper for thousands of links)."""
    return (sx + 3 * c1x + 3 * c2x + bx) / 8, (sy + 3 * c1y + 3 * c2y + by) / 8


def _polygon(head: tuple[float, ...]) -> QPolygonF:
    tx, ty, lx, ly, rx, ry = head
    return QPolygonF([QPointF(tx, ty), QPointF(lx, ly), QPointF(rx, ry)])


def link_geometry(start: QPointF, tip: QPointF) -> tuple[QPainterPath, QPolygonF, QPointF]:
    """The curve, the arrowhead and the curve's midpoint, from an output port's edge
    ``start`` to the arrow ``tip``."""
    sx, sy, tx, ty = start.x(), start.y(), tip.x(), tip.y()
    c1x, c1y, c2x, c2y, bx, by, ux, uy = _route(sx, sy, tx, ty)
    path = QPainterPath(start)
    path.cubicTo(c1x, c1y, c2x, c2y, bx, by)
    return path, _polygon(_head(tx, ty, bx, by, ux, uy)), QPointF(*_midpoint(sx, sy, c1x, c1y, c2x, c2y, bx, by))


def _ends(ox: float, oy: float, ix: float, iy: float) -> tuple[float, float, float, float]:
    """``sx, sy, tx, ty`` from the port centres: the output port's outer edge and the input
    port's, where the tip touches."""
    return ox + PORT_RADIUS, oy, ix - PORT_RADIUS - 0.5, iy


def port_ends(output_port: QPointF, input_port: QPointF) -> tuple[QPointF, QPointF]:
    """Where a link starts and where its arrow tip touches, given the two port centres."""
    sx, sy, tx, ty = _ends(output_port.x(), output_port.y(), input_port.x(), input_port.y())
    return QPointF(sx, sy), QPointF(tx, ty)


#: Dash patterns by meaning (solid for the rest); keyed by the meaning's value.
_DASHES = {LinkMeaning.HOSTS.value: (6.0, 4.0), LinkMeaning.REQUIRES.value: (2.0, 3.0)}
#: The theme colour each meaning draws in.
_ROLES = {
    LinkMeaning.HOSTS.value: "structural",
    LinkMeaning.REQUIRES.value: "structural",
    LinkMeaning.USES.value: "uses",
}


@cache
def colour_role(source_kind: str) -> str:
    """The theme colour (a :class:`Theme` field) a link from a card of this kind draws in."""
    return _ROLES.get(link_meaning(source_kind).value, "flows")


@lru_cache(maxsize=256)
def _pen(rgba: int, width: float, dash: str = "", cosmetic: bool = False) -> QPen:
    """A shared pen: links ask for one at every paint (``dash`` is a meaning's value)."""
    pen = QPen(QColor.fromRgba(rgba), width)
    pattern = _DASHES.get(dash)
    if pattern is not None:
        pen.setDashPattern(list(pattern))
    pen.setCosmetic(cosmetic)
    return pen


class LinkItem(QGraphicsItem):
    """A directed link, styled by its meaning: *hosts*/*requires* dashed grey, *uses* and
    *flows into* solid."""

    Type = QGraphicsItem.UserType + 2  # type: ignore[attr-defined]  # missing from PySide6's stubs

    # Defaults on the class: most links never get a label, a finding or the mouse.
    label = ""
    severity: str | None = None
    finding_count = 0
    _findings_tooltip = ""
    _hover = False
    _path = QPainterPath()
    _head: tuple[float, ...] = (0.0,) * 6  # the arrowhead's tip and base corners
    _arrow_cache: QPolygonF | None = None
    _mx = _my = 0.0  # the curve's midpoint
    _sx = _sy = 0.0  # where the line starts
    _route: tuple[Point, ...] | None = None  # the corner points drawn, when routed
    _label_rect = QRectF()
    _label_text = ""
    _shape: QPainterPath | None = None
    _drawn = (0.0, 0.0, 0.0, 0.0)  # the curve's and the arrowhead's extent, before the pen
    #: Scene-coordinate bounds ``(left, top, right, bottom)``, as the scene sums them up.
    extent: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    _bounds = QRectF()

    def __init__(self, link: Link, source_kind: str, host: ItemHost | None = None) -> None:
        super().__init__()
        self.host = host
        self.link_id = link.id
        self.source_id = link.source
        self.target_id = link.target
        self.meaning = link_meaning(source_kind)
        self._dash = self.meaning.value  # plain strings: paint looks these up every time
        self._role = _ROLES.get(self._dash, "flows")
        if link.label:
            self.label = link.label
        self.setFlags(_SELECTABLE)
        self.setAcceptHoverEvents(True)
        self.setZValue(-1.0)

    def type(self) -> int:
        return self.Type

    # --- model -> item -----------------------------------------------------------------
    def update_from_model(self, link: Link) -> None:
        if link.label != self.label:
            self.prepareGeometryChange()
            self.label = link.label
            self._layout()
        self.update()

    def _theme(self) -> Theme:
        return self.host.theme if self.host is not None else LIGHT

    def reroute(self, output_port: QPointF, input_port: QPointF) -> None:
        """Follow the ends: the centres of the source's output and the target's input port."""
        self.reroute_to(output_port.x(), output_port.y(), input_port.x(), input_port.y())

    def reroute_to(self, ox: float, oy: float, ix: float, iy: float) -> None:
        """:meth:`reroute` with the port centres as plain numbers (a drag re-routes hundreds
        of links per mouse move: no QPointF, no tuples it can do without)."""
        self.prepareGeometryChange()
        sx, sy, tx, ty = _ends(ox, oy, ix, iy)
        c1x, c1y, c2x, c2y, bx, by, ux, uy = _route(sx, sy, tx, ty)
        path = QPainterPath()
        path.moveTo(sx, sy)
        path.cubicTo(c1x, c1y, c2x, c2y, bx, by)
        self._route = None
        self._set_geometry(path, _head(tx, ty, bx, by, ux, uy), *_midpoint(sx, sy, c1x, c1y, c2x, c2y, bx, by), sx, sy)

    def show_route(
        self, points: Sequence[Point], style: LinkStyle, inset: float = 0.0, label_at: Point | None = None
    ) -> None:
        """Draw the link along its route: ``points`` from the source card's border to the
        arrow's tip on the target's (axis-parallel segments), with rounded corners or
        smoothed (``style``). The tip stops ``inset`` short of the card, clear of a port
        drawn where it arrives; the label is centred on ``label_at`` (default: half-way)."""
        self.prepareGeometryChange()
        self._route = route = tuple(points)
        (ax, ay), (tx, ty) = route[-2], route[-1]
        last = abs(tx - ax) + abs(ty - ay) or 1.0
        ux, uy = (tx - ax) / last, (ty - ay) / last
        inset = min(inset, max(0.0, last - ARROW_LENGTH))
        tx, ty = tx - ux * inset, ty - uy * inset
        arrow = min(ARROW_LENGTH, last - inset)
        bx, by = tx - ux * arrow, ty - uy * arrow  # the line ends under the arrow's base
        path = QPainterPath()
        path.moveTo(*route[0])
        for step in path_steps((*route[:-1], (bx, by)), style):
            if step[0] == "L":
                path.lineTo(step[1], step[2])  # type: ignore[arg-type]
            elif step[0] == "Q":
                path.quadTo(*step[1:])  # type: ignore[arg-type]
            else:
                path.cubicTo(*step[1:])  # type: ignore[arg-type]
        self._set_geometry(path, _head(tx, ty, bx, by, ux, uy), *(label_at or point_at_half(route)), *route[0])

    def route_points(self) -> tuple[Point, ...] | None:
        """The route drawn (corner points, scene coordinates), or None for a plain curve."""
        return self._route

    def end_points(self) -> tuple[QPointF, QPointF]:
        """Where the link starts and where its arrow's tip is (its two handles)."""
        return QPointF(self._sx, self._sy), QPointF(self._head[0], self._head[1])

    def _set_geometry(
        self, path: QPainterPath, head: tuple[float, ...], mx: float, my: float, sx: float, sy: float
    ) -> None:
        self._path = path
        self._head = head
        self._sx, self._sy = sx, sy
        tx, ty, lx, ly, rx, ry = head
        self._arrow_cache = None  # made when first drawn in detail: zoomed out, arrows are not
        self._mx, self._my = mx, my
        self._shape = None
        # The curve's own bounds, as Qt computes them (tighter than its control points on a
        # looping link), the arrowhead's three corners, and the handles at both ends.
        curve = path.boundingRect()
        left, top, right, bottom = curve.left(), curve.top(), curve.right(), curve.bottom()
        h = HANDLE_RADIUS + _HANDLE_PEN / 2
        self._drawn = (
            min(left, tx - h, lx, rx, sx - h),
            min(top, ty - h, ly, ry, sy - h),
            max(right, tx + h, lx, rx, sx + h),
            max(bottom, ty + h, ly, ry, sy + h),
        )
        self._layout()

    def _layout(self) -> None:
        """The bounds: what is drawn (curve, arrowhead, label, badge) and half the widest
        pen this link may be drawn with (selected, or a finding's halo)."""
        left, top, right, bottom = self._drawn
        rect = QRectF(left, top, right - left, bottom - top)
        if self.label:
            text, w, h = self._label_box()
            self._label_rect = QRectF(self._mx - w / 2, self._my - h / 2, w, h)
            self._label_text = text
            rect = rect.united(self._label_rect)
        elif self._label_rect is not LinkItem._label_rect:
            self._label_rect = LinkItem._label_rect  # the shared null rectangle
        if self.severity is not None and self.finding_count > 0:
            rect = rect.united(self._badge_rect())
        pen = _HALO_WIDTH if self.severity is not None else _SELECTED_WIDTH
        self._bounds = bounds = rect.adjusted(-pen / 2, -pen / 2, pen / 2, pen / 2)
        self.extent = (bounds.left(), bounds.top(), bounds.right(), bounds.bottom())

    def _label_box(self) -> tuple[str, float, float]:
        """The label as drawn (elided) and its box's width and height."""
        metrics = QFontMetricsF(link_label_font())
        text = metrics.elidedText(self.label, Qt.TextElideMode.ElideRight, 160)
        return text, metrics.horizontalAdvance(text) + 8, metrics.height() + 2

    def label_rect(self) -> QRectF:
        """The label's box in scene coordinates (null without a label)."""
        return QRectF(self._label_rect)

    def label_size(self) -> tuple[float, float]:
        """The label's box, width and height ((0, 0) without a label)."""
        return self._label_box()[1:] if self.label else (0.0, 0.0)

    def set_findings(self, severity: str | None, count: int, tooltip: str) -> None:
        """Show the checker's verdict on this link: a severity-coloured halo and a badge."""
        severity = severity if severity in SEVERITY_COLOURS else None
        count = max(0, count)
        if (severity, count, tooltip) == (self.severity, self.finding_count, self._findings_tooltip):
            return
        if (severity, count) != (self.severity, self.finding_count):
            self.prepareGeometryChange()  # the halo and the badge widen the bounds
            self.severity, self.finding_count = severity, count
            self._layout()
        self.severity, self.finding_count, self._findings_tooltip = severity, count, tooltip
        self.update()

    def tooltip_text(self, source_label: str, target_label: str) -> str:
        """Rich text for the tooltip (built on demand by the scene, not stored per item)."""
        tip = html.escape(f"{source_label} {self.meaning.value} {target_label}")
        if self.label:
            tip = f"<b>{html.escape(self.label)}</b><br>{tip}"
        if self._findings_tooltip:
            tip += "<hr>" + html.escape(self._findings_tooltip).replace("\n", "<br>")
        return tip

    # --- geometry ----------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(_SHAPE_WIDTH)
            shape = stroker.createStroke(self._path)
            shape.addPolygon(self._arrow())
            if not self._label_rect.isNull():
                shape.addRect(self._label_rect)
            self._shape = shape
        return self._shape

    def path(self) -> QPainterPath:
        """The curve in scene coordinates (without the arrowhead)."""
        return QPainterPath(self._path)

    def arrow(self) -> QPolygonF:
        """The arrowhead in scene coordinates; its first point is the tip."""
        return QPolygonF(self._arrow())

    def _arrow(self) -> QPolygonF:
        if self._arrow_cache is None:
            self._arrow_cache = _polygon(self._head)
        return self._arrow_cache

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = False
        self.update()

    # --- painting ----------------------------------------------------------------------
    def _colour(self, theme: Theme) -> QColor:
        colour: QColor = getattr(theme, self._role)
        return colour

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        # Called for every link an export or a zoomed-out view draws, so plain attribute
        # reads. The view and the scene's render save and restore the painter around items.
        theme = self._theme()
        selected = self.isSelected()
        colour = theme.selection if selected else self._colour(theme)
        if _lod(painter.worldTransform()) < LOD_SCALE:  # a hairline: no arrow, label or badge
            painter.setPen(_pen((SEVERITY_COLOURS[self.severity] if self.severity else colour).rgba(), 1.0, "", True))
            painter.drawPath(self._path)
            return
        painter.setRenderHint(_ANTIALIASING, True)
        painter.setBrush(_NO_BRUSH)
        if self.severity is not None:
            halo = QColor(SEVERITY_COLOURS[self.severity])
            halo.setAlpha(150)
            painter.setPen(QPen(halo, _HALO_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawPath(self._path)
        width = _SELECTED_WIDTH if selected else (_HOVER_WIDTH if self._hover else _WIDTH)
        painter.setPen(_pen(colour.rgba(), width, self._dash))
        painter.drawPath(self._path)
        painter.setPen(_NO_PEN)
        painter.setBrush(colour)
        painter.drawPolygon(self._arrow())
        if self.label:
            painter.setBrush(theme.background)
            painter.setPen(QPen(colour, 0.8))
            painter.drawRoundedRect(self._label_rect, 4, 4)
            painter.setFont(link_label_font())
            painter.setPen(theme.text)
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self._label_text)
        if self.severity is not None and self.finding_count > 0:
            self._paint_badge(painter)
        if selected:
            painter.setPen(QPen(colour, _HANDLE_PEN))
            painter.setBrush(theme.background)
            for x, y in ((self._sx, self._sy), self._head[:2]):
                painter.drawEllipse(QPointF(x, y), HANDLE_RADIUS, HANDLE_RADIUS)

    def drawn_rect(self) -> QRectF:
        """What a paint covers (an export crops to it): the bounds."""
        return QRectF(self._bounds)

    def _badge_rect(self) -> QRectF:
        """The finding count's badge, above the curve's middle (wider from 10 on)."""
        rect = QRectF(self._mx - 8, self._my - 24, 16, 16)
        if self.finding_count >= 10:
            rect.adjust(-4, 0, 4, 0)
        return rect

    def _paint_badge(self, painter: QPainter) -> None:
        text = str(self.finding_count) if self.finding_count < 100 else "99+"
        rect = self._badge_rect()
        painter.setPen(QPen(QColor("#FFFFFF"), 1.2))
        painter.setBrush(SEVERITY_COLOURS[self.severity or "info"])
        painter.drawRoundedRect(rect, 8, 8)
        painter.setFont(badge_font())
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
