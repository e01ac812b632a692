"""UI layer: the centre of the window while it starts — the canvas's colour, nothing else.

``ml-canvas`` shows its window before it loads the model, the checker and the panels
(about a quarter of a second of imports): the frame has the window's size, title, menu
titles and toolbar already, and this widget where the canvas and its docks will be. Its
first paint says when the frame is on screen; the window then builds its contents on the
next turn of the event loop (:meth:`canvas.ui.shell.main_window.MainWindow.build`).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from canvas.ui.theme import CANVAS_DARK, CANVAS_LIGHT


class StartupCanvas(QWidget):
    """An empty canvas-coloured area that says once when it has been painted."""

    painted = Signal()

    def __init__(self, dark: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colour = QColor(CANVAS_DARK if dark else CANVAS_LIGHT)
        self._told = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(event.rect(), self._colour)
        painter.end()
        if not self._told:
            self._told = True
            self.painted.emit()
