"""UI layer: what compare mode draws on the canvas — outlines and ghosts, never the design.

- :class:`ChangeMark`, a child of a card: a ring around it in the *added* or *changed* colour,
  with a small tag saying which (so the colour is not the only cue). It stacks behind its card,
  takes no mouse button, and moves with the card.
- :class:`LinkMark`, a child of a link: a wide translucent halo along it.
- :class:`GhostCard`, a removed component at its old position: the card as it looked, faded,
  with a dashed border and a *removed* tag. It is not a :class:`ComponentItem` — the view, the
  scene and the editors ignore it — takes no mouse button and cannot be selected; the panel
  highlights it instead (:meth:`GhostCard.set_highlighted`).
- :class:`GhostLink`, a removed link: a dashed arrow between its ends where they are now
  (a card still there, or a ghost).

Removing these items (and nothing else) restores the canvas: the cards and links they
decorate are never changed.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from canvas.core.model import Component
from canvas.ui.canvas.items.component_item import ComponentItem
from canvas.ui.canvas.items.host import ItemHost
from canvas.ui.canvas.items.link_item import LinkItem, link_geometry, port_ends
from canvas.ui.canvas.items.style import CARD_RADIUS, CARD_RECT, LIGHT, badge_font, input_port, output_port

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
#: One colour per kind of change, apart from the findings' red, amber and blue.
CHANGE_COLOURS: dict[str, QColor] = {
    ADDED: QColor("#2E9E5B"),
    CHANGED: QColor("#8E44AD"),
    REMOVED: QColor("#E0413A"),
}
#: How much of a removed card shows through.
GHOST_OPACITY = 0.42
_RING = CARD_RECT.adjusted(-9, -9, 9, 9)
_RING_WIDTH = 3.0
_TAG_HEIGHT = 15.0
_NO_BUTTONS = Qt.MouseButton.NoButton


def _tag_rect(text: str) -> QRectF:
    """The tag sits on the ring's top edge, near the card's left end (the findings' badge
    keeps the right end)."""
    width = QFontMetricsF(badge_font()).horizontalAdvance(text) + 12
    return QRectF(_RING.left() + 14, _RING.top() - _TAG_HEIGHT / 2, width, _TAG_HEIGHT)


def _paint_tag(painter: QPainter, text: str, colour: QColor) -> None:
    rect = _tag_rect(text)
    painter.setPen(QPen(QColor("#FFFFFF"), 1.2))
    painter.setBrush(colour)
    painter.drawRoundedRect(rect, _TAG_HEIGHT / 2, _TAG_HEIGHT / 2)
    painter.setFont(badge_font())
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def _marked_area(text: str) -> QRectF:
    half = _RING_WIDTH / 2 + 1
    return _RING.adjusted(-half, -half, half, half).united(_tag_rect(text).adjusted(-1, -1, 1, 1))


class ChangeMark(QGraphicsItem):
    """The ring and tag around an added or changed card (a child of its card)."""

    def __init__(self, card: ComponentItem, change: str) -> None:
        super().__init__(card)
        self.change = change
        self.colour = CHANGE_COLOURS[change]
        self._bounds = _marked_area(change)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.setAcceptedMouseButtons(_NO_BUTTONS)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(self.colour, _RING_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(_RING, CARD_RADIUS + 6, CARD_RADIUS + 6)
        if QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()) >= 0.3:
            _paint_tag(painter, self.change, self.colour)


class LinkMark(QGraphicsPathItem):
    """The halo along an added or changed link (a child of its link, which lies at the
    scene's origin, so the link's path serves as it is)."""

    def __init__(self, link: LinkItem, change: str) -> None:
        super().__init__(link.path(), link)
        self.change = change
        colour = QColor(CHANGE_COLOURS[change])
        colour.setAlpha(110)
        # Wider than a finding's 7-unit halo, so both show on a link that has both.
        self.setPen(QPen(colour, 13.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.setAcceptedMouseButtons(_NO_BUTTONS)


class _Ghost(QGraphicsItem):
    """What a removed card and a removed link share: no mouse button, a theme from their
    host, and a highlight the panel turns on (drawn in the selection's colour)."""

    _highlighted = False

    def __init__(self, host: ItemHost | None) -> None:
        super().__init__()
        self._host = host
        self.setAcceptedMouseButtons(_NO_BUTTONS)

    @property
    def highlighted(self) -> bool:
        return self._highlighted

    def set_highlighted(self, on: bool) -> None:
        if on != self._highlighted:
            self._highlighted = on
            self.update()

    def _dashed_pen(self, width: float, highlighted_width: float, alpha: float = 1.0) -> QPen:
        theme = self._host.theme if self._host is not None else LIGHT
        colour = QColor(theme.selection if self._highlighted else CHANGE_COLOURS[REMOVED])
        colour.setAlphaF(alpha)
        pen = QPen(colour, highlighted_width if self._highlighted else width, Qt.PenStyle.DashLine)
        pen.setDashPattern([4.0, 3.0])
        return pen


class GhostCard(_Ghost):
    """A removed component, drawn where the other version had it."""

    def __init__(self, component: Component, host: ItemHost | None = None) -> None:
        super().__init__(host)
        self.component_id = component.id
        self.label = component.label
        # Draws the card exactly as the canvas would; never added to a scene, so it gets no
        # events and the editors never see it.
        self._card = ComponentItem(component, cache=False, host=host)
        self._bounds = ComponentItem.bounds().united(_marked_area(REMOVED))
        self.setPos(component.position.x, component.position.y)
        self.setZValue(-0.5)  # above links, below the cards of the open design
        self.setToolTip(f"Removed: {component.label}")

    def input_port_pos(self) -> QPointF:
        return input_port(self.x(), self.y())

    def output_port_pos(self) -> QPointF:
        return output_port(self.x(), self.y())

    def card_rect(self) -> QRectF:
        """The card in scene coordinates."""
        return CARD_RECT.translated(self.pos())

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.save()
        painter.setOpacity(GHOST_OPACITY)
        self._card.paint(painter, option, widget)
        painter.restore()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self._dashed_pen(2.0, 3.0))
        painter.drawRoundedRect(CARD_RECT.adjusted(-3, -3, 3, 3), CARD_RADIUS + 2, CARD_RADIUS + 2)
        if QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()) >= 0.3:
            _paint_tag(painter, REMOVED, CHANGE_COLOURS[REMOVED])


class GhostLink(_Ghost):
    """A removed link: a faded dashed arrow from ``source`` (an output port's centre) to
    ``target`` (an input port's centre)."""

    def __init__(self, link_id: str, source: QPointF, target: QPointF, host: ItemHost | None = None) -> None:
        super().__init__(host)
        self.link_id = link_id
        start, tip = port_ends(source, target)
        self._path, self._arrow, _ = link_geometry(start, tip)
        self._bounds = self._path.boundingRect().united(self._arrow.boundingRect()).adjusted(-3, -3, 3, 3)
        self.setZValue(-1.5)  # under the open design's links

    def path(self) -> QPainterPath:
        return QPainterPath(self._path)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        pen = self._dashed_pen(1.8, 2.6, alpha=0.9 if self._highlighted else 0.7)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pen.color())
        painter.drawPolygon(QPolygonF(self._arrow))
