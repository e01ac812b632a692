"""UI layer: the "draw a link" gesture — a live dashed bezier from a card's output port.

While the mouse moves, the card under the cursor is marked as a valid or a refused
target, and a small note next to the cursor says why a link would be refused (the same
check the controller makes, :func:`canvas.core.edits.link_problem`). The gesture only
reads the design; the view asks the controller to connect on release.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from canvas.core.edits import link_problem
from canvas.ui.canvas.items.component_item import ComponentItem
from canvas.ui.canvas.items.link_item import port_ends
from canvas.ui.canvas.items.style import PORT_RADIUS, link_label_font
from canvas.ui.canvas.link_preview import LinkPreview
from canvas.ui.canvas.scene import DesignScene


class HintItem(QGraphicsItem):
    """A note next to the cursor; ignores the view's zoom so it stays readable."""

    def __init__(self) -> None:
        super().__init__()
        self._text = ""
        self._colour = QColor("#C62828")
        self._rect = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setZValue(1000.0)

    def set_text(self, text: str, colour: QColor) -> None:
        self.prepareGeometryChange()
        self._text, self._colour = text, colour
        metrics = QFontMetricsF(link_label_font())
        self._rect = QRectF(14, 14, metrics.horizontalAdvance(text) + 12, metrics.height() + 6) if text else QRectF()
        self.update()

    def text(self) -> str:
        return self._text

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if not self._text:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(self._colour, 1.0))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setFont(link_label_font())
        painter.setPen(self._colour)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self._text)


class ConnectGesture:
    """One link being drawn from ``source``; call :meth:`move` then :meth:`finish` or :meth:`cancel`."""

    def __init__(self, scene: DesignScene, source: ComponentItem) -> None:
        self.scene = scene
        self.source = source
        self.target: ComponentItem | None = None
        #: Why linking to the hovered target would be refused (``None``: allowed or no target).
        self.refusal: str | None = None
        self.preview = LinkPreview(scene, scene.theme)
        self.hint = HintItem()
        scene.addItem(self.hint)

    def component_at(self, scene_pos: QPointF) -> ComponentItem | None:
        for item in self.scene.items(scene_pos):
            if isinstance(item, ComponentItem) and item is not self.source:
                return item
        return None

    def move(self, scene_pos: QPointF) -> bool:
        """Follow the cursor; returns whether the hovered target changed."""
        target = self.component_at(scene_pos)
        changed = target is not self.target
        if changed:
            if self.target is not None:
                self.target.set_connect_state(None)
            self.target = target
            self.refusal = None
            if target is not None:
                design = self.scene.document.design
                self.refusal = link_problem(design, self.source.component_id, target.component_id)
                target.set_connect_state("refused" if self.refusal else "ok")
        theme = self.scene.theme
        if target is not None and self.refusal is None:
            start, tip = port_ends(self.source.output_port_pos(), target.input_port_pos())
            self.hint.set_text(f"Link to {target.label}", theme.ok)
        else:
            start = QPointF(self.source.output_port_pos().x() + PORT_RADIUS, self.source.output_port_pos().y())
            tip = scene_pos
            self.hint.set_text(self.refusal or "", theme.refused)
        self.preview.show(start, tip)
        self.hint.setPos(scene_pos)
        return changed

    def finish(self, scene_pos: QPointF) -> ComponentItem | None:
        """End the gesture; returns the card released on (if any, and not the source)."""
        self.move(scene_pos)
        target = self.target
        self.cancel()
        return target

    def cancel(self) -> None:
        if self.target is not None:
            self.target.set_connect_state(None)
            self.target = None
        self.preview.remove()
        if self.hint.scene() is self.scene:
            self.scene.removeItem(self.hint)
