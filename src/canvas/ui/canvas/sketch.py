"""UI layer: a big design drawn straight from its model while the scene builds its items.

Opening a design of thousands of components builds an item per card and per link, which
takes seconds. The scene builds them in slices after a first paint instead, and until they
are all there the canvas shows this sketch behind them: each card a block of its kind's
colour, each link a line from its source's output port to its target's input port —
what cards and links look like zoomed out, drawn in a few primitive calls.
"""

from __future__ import annotations

from array import array

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from canvas.core.model import Design
from canvas.ui.canvas.items.component_item import kind_colour
from canvas.ui.canvas.items.link_item import colour_role
from canvas.ui.canvas.items.style import CARD_HEIGHT, CARD_WIDTH, Theme

#: Shapes drawn per call: few enough that they never wake the garbage collector.
_BATCH = 256


class DesignSketch:
    """The blocks and lines of one design (which does not change while it is shown: an edit
    completes the build first). Their corners are kept as plain numbers, and the Qt shapes
    are made at each paint a few hundred at a time, each batch dropped before the next:
    25,000 Qt values alive at once would set Python's garbage collector walking the whole
    design just opened (a third of a second at 10,000 components) before the first paint."""

    def __init__(self, design: Design) -> None:
        components = design.components
        #: Per kind, each card's top-left corner (x, y, x, y, ...).
        self._cards: dict[str, array[float]] = {}
        #: Per theme colour, each link's ends (x1, y1, x2, y2, ...).
        self._lines: dict[str, array[float]] = {}
        for c in components.values():
            self._cards.setdefault(c.kind, array("d")).extend((c.position.x, c.position.y))
        middle = CARD_HEIGHT / 2
        for link in design.links.values():
            src, tgt = components.get(link.source), components.get(link.target)
            if src is None or tgt is None:
                continue  # a dangling link: nothing to draw (the checker reports it)
            s, t = src.position, tgt.position
            ends = self._lines.setdefault(colour_role(src.kind), array("d"))
            ends.extend((s.x + CARD_WIDTH, s.y + middle, t.x, t.y + middle))

    def paint(self, painter: QPainter, theme: Theme) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)  # as the items are drawn
        for role, e in self._lines.items():
            pen = QPen(getattr(theme, role), 1.0)
            pen.setCosmetic(True)  # a hairline at any zoom, as a zoomed-out link is
            painter.setPen(pen)
            for start in range(0, len(e), 4 * _BATCH):
                stop = min(len(e), start + 4 * _BATCH)
                painter.drawLines([QLineF(e[k], e[k + 1], e[k + 2], e[k + 3]) for k in range(start, stop, 4)])
        painter.setPen(Qt.PenStyle.NoPen)
        for kind, xy in self._cards.items():
            painter.setBrush(kind_colour(kind))
            for start in range(0, len(xy), 2 * _BATCH):
                stop = min(len(xy), start + 2 * _BATCH)
                painter.drawRects([QRectF(xy[k], xy[k + 1], CARD_WIDTH, CARD_HEIGHT) for k in range(start, stop, 2)])
        painter.restore()
