"""UI layer: finding a card's output port under the pointer at any zoom, and the hover cue.

A port is a few scene units wide; zoomed out it would be a pixel. So a press or the
pointer finds a port within a constant on-screen reach
(:func:`~canvas.ui.canvas.items.style.port_reach`), even just outside the card, and a ring
of constant screen size marks the port a press there would draw a link from. The ring is
a scene item only while shown.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from canvas.ui.canvas.items.component_item import ComponentItem
from canvas.ui.canvas.items.style import port_reach
from canvas.ui.canvas.scene import DesignScene

#: The cue's radius on screen, in pixels.
CUE_RADIUS = 7.0


def output_port_near(scene: DesignScene, scene_pos: QPointF, scale: float) -> ComponentItem | None:
    """The card whose output port is within reach of ``scene_pos`` at view ``scale`` (of
    several, the nearest), or ``None`` — also when the pointer is on another card's body:
    a press there is that card's (cards set close together, zoomed out)."""
    reach = port_reach(scale)
    area = QRectF(scene_pos.x() - reach, scene_pos.y() - reach, 2 * reach, 2 * reach)
    best: tuple[float, ComponentItem] | None = None
    under: list[ComponentItem] = []
    for item in scene.items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
        if not isinstance(item, ComponentItem):
            continue
        local = item.mapFromScene(scene_pos)
        if item.shape().contains(local):
            under.append(item)
        found = item.port_distance(local, scale)
        if found is not None and found[0] == "out" and (best is None or found[1] < best[0]):
            best = (found[1], item)
    if best is None or (under and best[1] not in under):
        return None
    return best[1]


class PortCue(QGraphicsItem):
    """A ring around a port, the same size on screen at every zoom."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(990.0)
        self.colour = QColor("#1565C0")
        self.fill = QColor("#FFFFFF")

    def boundingRect(self) -> QRectF:
        r = CUE_RADIUS + 2
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(self.colour, 2.0))
        painter.setBrush(self.fill)
        painter.drawEllipse(QPointF(0, 0), CUE_RADIUS, CUE_RADIUS)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        painter.drawEllipse(QPointF(0, 0), CUE_RADIUS / 2.5, CUE_RADIUS / 2.5)


class PortHover:
    """Follows the pointer over the canvas and shows the cue on the output port in reach."""

    def __init__(self, scene: DesignScene) -> None:
        self.scene = scene
        self.cue = PortCue()
        #: The card whose output port is cued (``None``: no cue shown).
        self.card: ComponentItem | None = None

    def follow(self, scene_pos: QPointF, scale: float) -> None:
        self.show(output_port_near(self.scene, scene_pos, scale))

    def show(self, card: ComponentItem | None) -> None:
        if card is None:
            self.clear()
            return
        self.card = card
        self._renew_cue()
        self.cue.colour = self.scene.theme.selection
        self.cue.fill = self.scene.theme.port_fill
        self.cue.setPos(card.output_port_pos())
        if self.cue.scene() is not self.scene:
            self.scene.addItem(self.cue)
        self.cue.update()

    def clear(self) -> None:
        self.card = None
        self._renew_cue()
        if self.cue.scene() is not None:
            self.cue.scene().removeItem(self.cue)

    def _renew_cue(self) -> None:
        """While shown, the ring belongs to its scene: a scene deleted first takes it along."""
        if not shiboken6.isValid(self.cue):
            self.cue = PortCue()
