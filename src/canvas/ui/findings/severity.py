"""UI layer: how a severity looks — its colour, its icon, its words.

Shared by the findings panel, the status-bar summary, the canvas overlay and the rule
settings dialog so that an error is the same red circle everywhere.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from canvas.core.model import Severity
from canvas.ui.canvas.items.style import SEVERITY_COLOURS

ORDER: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)
#: Group titles in the findings panel.
TITLES: dict[Severity, str] = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Info"}


def colour(severity: Severity | str) -> QColor:
    return QColor(SEVERITY_COLOURS[Severity(severity).value])


def count_text(n: int, severity: Severity | str) -> str:
    """``"1 error"``, ``"3 warnings"``, ``"2 info"``."""
    word = Severity(severity).value
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def worst(severities: list[Severity]) -> Severity | None:
    return min(severities, key=lambda s: s.rank) if severities else None


@cache
def _pixmap(severity: str, size: int, grey: bool) -> QPixmap:
    pm = QPixmap(size * 2, size * 2)  # drawn at 2x, crisp on high-dpi screens too
    pm.setDevicePixelRatio(2.0)
    pm.fill(Qt.GlobalColor.transparent)
    fill = QColor("#9AA0A6") if grey else colour(severity)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(fill)
    if severity == "warning":
        tri = QPolygonF([QPointF(s / 2, 1.0), QPointF(s - 0.5, s - 1.5), QPointF(0.5, s - 1.5)])
        path = QPainterPath()
        path.addPolygon(tri)
        path.closeSubpath()
        p.drawPath(path)
    else:
        p.drawEllipse(QRectF(1.0, 1.0, s - 2, s - 2))
    p.setPen(QPen(QColor("white")))
    font = QFont()
    font.setPixelSize(max(8, int(s * 0.62)))
    font.setBold(True)
    p.setFont(font)
    glyph = {"error": "!", "warning": "!", "info": "i"}[severity]
    text_rect = QRectF(0, 2.0 if severity == "warning" else 0.0, s, s - (1.0 if severity == "warning" else 0.0))
    p.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, glyph)
    p.end()
    return pm


def icon(severity: Severity | str, size: int = 16, grey: bool = False) -> QIcon:
    """A red circle (error), an amber triangle (warning) or a blue circle (info); ``grey``
    for suppressed findings."""
    return QIcon(_pixmap(Severity(severity).value, size, grey))


def pixmap(severity: Severity | str, size: int = 16, grey: bool = False) -> QPixmap:
    return _pixmap(Severity(severity).value, size, grey)
