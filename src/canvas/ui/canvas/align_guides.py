"""UI layer: alignment guides while cards are dragged.

When a drag brings the dragged cards' box — its left, centre or right, its top, middle or
bottom — within a few screen pixels of the same line of another card in view, the drag
snaps onto it and a guide line is drawn between the two (as draw.io does). The scene asks
:meth:`AlignGuides.snap` once per mouse move; the other cards' lines are sorted once when
the drag starts, so a move costs a few binary searches whatever the design's size.
Guides are view state: nothing here edits the design. View ▸ Alignment Guides turns them
off (:attr:`AlignGuides.enabled`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from canvas.ui.canvas.items.component_item import ComponentItem

#: How near, in screen pixels, a line must come to snap (and in scene units at the most).
GUIDE_PIXELS = 6.0
_MAX_REACH = 24.0
#: Cards farther than this (scene units) from the dragged ones are not aligned with: a
#: drag of a fitted design of thousands starts without sorting every card's lines.
NEIGHBOURHOOD = 1500.0


class GuideItem(QGraphicsItem):
    """The guide lines of the current drag, drawn one pixel wide at any zoom."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[QLineF] = []
        self._bounds = QRectF()
        self._pen = QPen(Qt.GlobalColor.magenta, 1.0, Qt.PenStyle.DashLine)
        self._pen.setCosmetic(True)
        self.setZValue(900.0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_lines(self, lines: list[QLineF], colour: QColor | Qt.GlobalColor) -> None:
        if lines == self.lines:
            return
        self.prepareGeometryChange()
        self.lines = lines
        self._pen.setColor(colour)
        rect = QRectF()
        for line in lines:
            rect = rect.united(QRectF(line.p1(), line.p2()).normalized())
        self._bounds = rect.adjusted(-2, -2, 2, 2)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setPen(self._pen)
        painter.drawLines(self.lines)


class _Lines:
    """The x (or y) lines of a set of cards — each card's two edges and its centre — sorted."""

    def __init__(self, rects: list[QRectF], axis: int) -> None:
        entries = []
        for i, r in enumerate(rects):
            lo, hi = (r.left(), r.right()) if axis == 0 else (r.top(), r.bottom())
            entries += [(lo, i), ((lo + hi) / 2, i), (hi, i)]
        entries.sort()
        self.values = [v for v, _ in entries]
        self.cards = [i for _, i in entries]

    def nearest(self, wanted: Iterable[float], reach: float) -> tuple[float, float] | None:
        """``(delta, line)``: the smallest move that puts one of ``wanted`` on a line, if
        one is within ``reach``."""
        best: tuple[float, float] | None = None
        values = self.values
        for v in wanted:
            k = bisect_left(values, v)
            for j in (k - 1, k):
                if 0 <= j < len(values):
                    delta = values[j] - v
                    if abs(delta) <= reach and (best is None or abs(delta) < abs(best[0])):
                        best = (delta, values[j])
        return best

    def cards_on(self, line: float) -> list[int]:
        return self.cards[bisect_left(self.values, line) : bisect_right(self.values, line)]


class AlignGuides:
    """Snapping and guide lines for one scene's drags: :meth:`begin`, :meth:`snap` per
    move, :meth:`end`."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self.item = GuideItem()
        self._box = QRectF()  # the dragged cards' box when the drag began
        self._others: list[QRectF] = []
        self._x = self._y = _Lines([], 0)
        self._reach = 0.0
        self.active = False
        #: Whether drags snap to other cards' lines at all.
        self.enabled = True

    def begin(self, moving: list[ComponentItem], zoom: float, region: QRectF | None) -> None:
        """A drag of ``moving`` starts: take the other cards in ``region`` (what the view
        shows; None: all) near them as the ones to align with."""
        if not self.enabled:
            return
        box = QRectF()
        for card in moving:
            box = box.united(card.card_rect())
        self._box = box
        skip = set(moving)
        near = box.adjusted(-NEIGHBOURHOOD, -NEIGHBOURHOOD, NEIGHBOURHOOD, NEIGHBOURHOOD)
        found = self.scene.items(near.intersected(region) if region is not None else near)
        self._others = [i.card_rect() for i in found if isinstance(i, ComponentItem) and i not in skip]
        self._x, self._y = _Lines(self._others, 0), _Lines(self._others, 1)
        self._reach = min(GUIDE_PIXELS / max(zoom, 1e-3), _MAX_REACH)
        self.active = True

    def snap(self, dx: float, dy: float, colour: QColor) -> tuple[float | None, float | None]:
        """The drag's offsets adjusted onto the nearest lines of other cards (None on an
        axis where none is near), and the guides drawn for them."""
        if not self.active:
            return None, None
        box = self._box.translated(dx, dy)
        x = self._x.nearest((box.left(), box.center().x(), box.right()), self._reach)
        y = self._y.nearest((box.top(), box.center().y(), box.bottom()), self._reach)
        snapped = box.translated(x[0] if x else 0.0, y[0] if y else 0.0)
        lines = []
        if x is not None:
            card = self._closest(self._x.cards_on(x[1]), snapped, 1)
            lines.append(QLineF(x[1], min(snapped.top(), card.top()), x[1], max(snapped.bottom(), card.bottom())))
        if y is not None:
            card = self._closest(self._y.cards_on(y[1]), snapped, 0)
            lines.append(QLineF(min(snapped.left(), card.left()), y[1], max(snapped.right(), card.right()), y[1]))
        if lines and self.item.scene() is None:
            self.scene.addItem(self.item)
        self.item.set_lines(lines, colour)
        return (dx + x[0] if x else None), (dy + y[0] if y else None)

    def _closest(self, cards: list[int], box: QRectF, axis: int) -> QRectF:
        """Of the cards on a line, the one nearest ``box`` along ``axis`` (0: x, 1: y)."""

        def gap(i: int) -> float:
            r = self._others[i]
            if axis == 0:
                return max(r.left() - box.right(), box.left() - r.right(), 0.0)
            return max(r.top() - box.bottom(), box.top() - r.bottom(), 0.0)

        return self._others[min(cards, key=gap)]

    def end(self) -> None:
        """The drag is over: no guides."""
        self.active = False
        self._others = []
        if self.item.scene() is not None:
            self.item.set_lines([], Qt.GlobalColor.magenta)
            self.scene.removeItem(self.item)
