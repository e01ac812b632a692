"""UI layer: the dashed link drawn while a link is being made or re-attached.

A plain curve with its arrowhead in the selection colour, above everything, from where the
link would start to where it would end; the connect and re-attach gestures move it with
the pointer and take it away when they end.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene

from canvas.ui.canvas.items.link_item import link_geometry
from canvas.ui.canvas.items.style import Theme


class LinkPreview:
    """The preview's curve and arrowhead, added to ``scene`` until :meth:`remove`."""

    def __init__(self, scene: QGraphicsScene, theme: Theme) -> None:
        self.scene = scene
        self.curve = QGraphicsPathItem()
        self.curve.setPen(QPen(theme.selection, 1.8, Qt.PenStyle.DashLine))
        self.arrow = QGraphicsPathItem()
        self.arrow.setPen(Qt.PenStyle.NoPen)
        self.arrow.setBrush(theme.selection)
        for item in (self.curve, self.arrow):
            item.setZValue(999.0)
            scene.addItem(item)

    def show(self, start: QPointF, tip: QPointF) -> None:
        """Draw the link from ``start`` to the arrow's ``tip``."""
        path, arrow, _mid = link_geometry(start, tip)
        self.curve.setPath(path)
        head = QPainterPath()
        head.addPolygon(arrow)
        head.closeSubpath()
        self.arrow.setPath(head)

    def remove(self) -> None:
        for item in (self.curve, self.arrow):
            if item.scene() is self.scene:
                self.scene.removeItem(item)
