"""UI layer: a group's frame — a named, tinted rectangle drawn behind its members.

The frame has no position of its own in the model: the scene sets its rectangle from its
members' cards (:func:`~canvas.ui.canvas.items.annotation_style.frame_rect`), and it
follows them live while they are dragged. Only its label band and a grip along its border
take the mouse — a press inside it is a press on the background, so a rubber band or a
double-click there works as anywhere else. Dragging the frame drags its members (the scene
does it, as for cards). A rubber band selects the frame only when it encloses it whole.

The frame's name is a :class:`FrameLabel` of its own, stacked above the links (the frame
is behind them): links often cross a frame's top edge, and a name struck through by them
would not read. The label takes no clicks; a press on it reaches the frame beneath.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent, QStyleOptionGraphicsItem, QWidget

from canvas.core.model import Group
from canvas.ui.canvas.items.annotation_style import (
    FRAME_GRIP,
    FRAME_LABEL_BAND,
    FRAME_LABEL_Z,
    FRAME_PADDING,
    FRAME_RADIUS,
    FRAME_Z,
    frame_label_font,
    frame_look,
)
from canvas.ui.canvas.items.host import AnnotationHost
from canvas.ui.canvas.items.style import LIGHT, LOD_DETAIL, LOD_SCALE, Theme

_LEFT = Qt.MouseButton.LeftButton
_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
#: Half the widest pen a frame draws with (a drop target's), so its bounds hold the border.
_PEN_MARGIN = 2.0
_INTERSECTS = (Qt.ItemSelectionMode.IntersectsItemShape, Qt.ItemSelectionMode.IntersectsItemBoundingRect)


class GroupFrame(QGraphicsItem):
    """The frame of one group: border, tint and label; the label band and border grip it."""

    Type = QGraphicsItem.UserType + 4  # type: ignore[attr-defined]  # missing from PySide6's stubs

    def __init__(self, group: Group, host: AnnotationHost | None = None) -> None:
        super().__init__()
        self.host = host
        self.group_id = group.id
        self.label = group.label
        self.color = group.color
        self.width = self.height = 0.0
        self._shape: QPainterPath | None = None
        #: Drawn as the place a dragged card would join.
        self.drop_target = False
        self.setFlags(_FLAGS)
        self.setZValue(FRAME_Z)
        #: The name, above the links: add it to the scene with the frame.
        self.label_item = FrameLabel(self)

    def type(self) -> int:
        return self.Type

    # --- model -> item -------------------------------------------------------------------
    def update_from_model(self, group: Group) -> None:
        if (group.label, group.color) != (self.label, self.color):
            self.label, self.color = group.label, group.color
            self.update()
            self.label_item.follow()
            self.label_item.update()

    def set_rect(self, rect: QRectF) -> None:
        """Place the frame on ``rect`` (scene coordinates)."""
        moved = rect.topLeft() != self.pos()
        if moved:
            self.setPos(rect.topLeft())
        resized = (rect.width(), rect.height()) != (self.width, self.height)
        if resized:
            self.prepareGeometryChange()
            self.width, self.height = rect.width(), rect.height()
            self._shape = None
        if moved or resized:
            self.label_item.follow()

    def set_drop_target(self, on: bool) -> None:
        if on != self.drop_target:
            self.drop_target = on
            self.update()

    # --- geometry ------------------------------------------------------------------------
    def rect(self) -> QRectF:
        """The frame, in item coordinates."""
        return QRectF(0.0, 0.0, self.width, self.height)

    def scene_rect(self) -> QRectF:
        return QRectF(self.pos(), self.rect().size())

    def boundingRect(self) -> QRectF:
        m = _PEN_MARGIN
        return QRectF(-m, -m, self.width + 2 * m, self.height + 2 * m)

    def drawn_rect(self) -> QRectF:
        """What a paint covers, in scene coordinates (an export crops to it)."""
        return self.sceneBoundingRect()

    def shape(self) -> QPainterPath:
        """The label band and a grip along the border: the inside is background."""
        if self._shape is None:
            outer = QPainterPath()
            outer.addRect(self.rect())
            inner = QPainterPath()
            band = FRAME_PADDING + FRAME_LABEL_BAND - 4
            inner.addRect(self.rect().adjusted(FRAME_GRIP, band, -FRAME_GRIP, -FRAME_GRIP))
            self._shape = outer.subtracted(inner)
        return self._shape

    def collidesWithPath(self, path: QPainterPath, mode: Qt.ItemSelectionMode = _INTERSECTS[0]) -> bool:
        # A rubber band crossing the border would select the whole group by accident: while
        # one selects, the frame counts as hit only when the band holds all of it. (Clicks
        # are tested with a one-pixel rectangle too, so this is only while a band is out.)
        if mode in _INTERSECTS and self.host is not None and self.host.band_selecting:
            return path.contains(self.rect())
        return super().collidesWithPath(path, mode)

    def label_rect(self) -> QRectF:
        """Where the label is written: the band at the top, inside the padding."""
        return QRectF(12.0, 6.0, max(0.0, self.width - 24.0), FRAME_LABEL_BAND + FRAME_PADDING - 12.0)

    # --- mouse ---------------------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.host is not None:
            self.host.end_drag()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not event.buttons() & _LEFT or self.host is None:
            super().mouseMoveEvent(event)
            return
        self.host.drag_items(self, event.buttonDownScenePos(_LEFT), event.scenePos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.host is not None:
            self.host.end_drag()
        super().mouseReleaseEvent(event)

    # --- painting ------------------------------------------------------------------------
    def _theme(self) -> Theme:
        return self.host.theme if self.host is not None else LIGHT

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        theme = self._theme()
        look = frame_look(self.color, theme.dark)
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        selected = self.isSelected()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if selected:
            pen = QPen(theme.selection, 2.5)
        elif self.drop_target:
            pen = QPen(look.border, 4.0)
        else:
            pen = QPen(look.border, 1.5)
        if lod < LOD_SCALE:
            pen.setCosmetic(True)
        painter.setPen(pen)
        fill = look.fill
        if self.drop_target:
            fill = QColor(look.border)
            fill.setAlphaF(0.18)
        painter.setBrush(fill)
        painter.drawRoundedRect(self.rect(), FRAME_RADIUS, FRAME_RADIUS)
        painter.restore()


class FrameLabel(QGraphicsItem):
    """A frame's name on a tinted tab at its top-left corner, above the links that cross it."""

    def __init__(self, frame: GroupFrame) -> None:
        super().__init__()
        # Weak: a frame and its label referring to each other would be a cycle of Qt items
        # that the garbage collector tears down in no safe order.
        self._frame = weakref.ref(frame)
        self.setZValue(FRAME_LABEL_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self._size = (0.0, 0.0)

    def follow(self) -> None:
        """Sit at the frame's top-left corner, as wide as its name (at most the frame's)."""
        frame = self._frame()
        if frame is None:
            return
        area = frame.label_rect()
        text = QFontMetricsF(frame_label_font(overview=True)).horizontalAdvance(frame.label) + 2 * _TAB_PAD
        size = (min(area.width() + 2 * _TAB_PAD, text) if frame.label else 0.0, area.height())
        if size != self._size:
            self.prepareGeometryChange()
            self._size = size
        self.setPos(frame.pos() + area.topLeft() - QPointF(_TAB_PAD, 0))

    def boundingRect(self) -> QRectF:
        return QRectF(0.0, 0.0, *self._size)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        frame = self._frame()
        if frame is None:
            return
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOD_SCALE or not frame.label:
            return
        theme = frame._theme()
        look = frame_look(frame.color, theme.dark)
        font = frame_label_font(overview=lod < LOD_DETAIL)
        metrics = QFontMetricsF(font)
        room = self._size[0] - 2 * _TAB_PAD
        text = metrics.elidedText(frame.label, Qt.TextElideMode.ElideRight, room)
        width = min(room, metrics.horizontalAdvance(text)) + 2 * _TAB_PAD
        height = min(self._size[1], metrics.height() + 4)
        tab = QRectF(0.0, (self._size[1] - height) / 2, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_over(look.fill, theme.background))  # opaque: the links under it hide
        painter.drawRoundedRect(tab, 5, 5)
        painter.setFont(font)
        painter.setPen(look.label)
        painter.drawText(tab, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


#: Room on each side of a frame's name on its tab.
_TAB_PAD = 5.0


def _over(tint: QColor, background: QColor) -> QColor:
    """``tint`` (translucent) laid over ``background``, as one opaque colour."""
    a = tint.alphaF()
    return QColor.fromRgbF(
        tint.redF() * a + background.redF() * (1 - a),
        tint.greenF() * a + background.greenF() * (1 - a),
        tint.blueF() * a + background.blueF() * (1 - a),
    )
