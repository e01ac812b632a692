"""UI layer: a big design drawn straight from its model while the scene builds its items.

Opening a design of thousands of components builds an item per card and per link, which
takes seconds. The scene builds them in slices after a first paint instead, and until they
are all there the canvas shows this sketch behind them: each card a block of its kind's
colour, each link a line from its source's output port to its target's input port —
what cards and links look like zoomed out, drawn in a few primitive calls.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from canvas.core.catalog import KINDS
from canvas.core.model import Design
from canvas.ui.canvas.items.link_item import colour_role
from canvas.ui.canvas.items.style import CARD_HEIGHT, CARD_WIDTH, Theme

_UNKNOWN_KIND = "#78909C"


class DesignSketch:
    """The blocks and lines of one design, computed once (the design does not change while
    it is shown: any edit completes the build first)."""

    def __init__(self, design: Design) -> None:
        components = design.components
        looks = {kind: (k.colour, colour_role(kind)) for kind, k in KINDS.items()}
        unknown = (_UNKNOWN_KIND, colour_role(""))
        blocks: dict[str, list[QRectF]] = {}
        lines: dict[str, list[QLineF]] = {}
        middle = CARD_HEIGHT / 2
        for c in components.values():
            blocks.setdefault(looks.get(c.kind, unknown)[0], []).append(
                QRectF(c.position.x, c.position.y, CARD_WIDTH, CARD_HEIGHT)
            )
        for link in design.links.values():
            src, tgt = components.get(link.source), components.get(link.target)
            if src is None or tgt is None:
                continue  # a dangling link: nothing to draw (the checker reports it)
            s, t = src.position, tgt.position
            line = QLineF(s.x + CARD_WIDTH, s.y + middle, t.x, t.y + middle)
            lines.setdefault(looks.get(src.kind, unknown)[1], []).append(line)
        self._blocks = [(QColor(colour), rects) for colour, rects in blocks.items()]
        self._lines = lines

    def paint(self, painter: QPainter, theme: Theme) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)  # as the items are drawn
        for role, lines in self._lines.items():
            pen = QPen(getattr(theme, role), 1.0)
            pen.setCosmetic(True)  # a hairline at any zoom, as a zoomed-out link is
            painter.setPen(pen)
            painter.drawLines(lines)
        painter.setPen(Qt.PenStyle.NoPen)
        for colour, rects in self._blocks:
            painter.setBrush(colour)
            painter.drawRects(rects)
        painter.restore()
