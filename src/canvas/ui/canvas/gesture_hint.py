"""UI layer: the bubble beside the pointer while a link is drawn or re-attached.

It says what releasing there would do — "Link to Ranker" — or why it would be refused,
in words from the catalogue's matrix. It is a child of the viewport, in screen pixels: the
same size at any zoom, wrapped to a readable width, and kept inside the viewport (beside
the pointer, flipped to its other side near an edge). The view hides it when the gesture
ends. Mouse events pass through it to the canvas.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel, QWidget

#: The widest the bubble grows before wrapping (screen pixels).
MAX_WIDTH = 320
#: Distance from the pointer to the bubble's nearer corner.
OFFSET = 16
_MARGIN = 4


class GestureHint(QLabel):
    """A rounded note near the pointer; :meth:`show_at` places it, :meth:`clear` hides it."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.viewport = viewport
        self.setObjectName("gesture_hint")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        font = QFont(self.font())
        font.setPixelSize(12)
        self.setFont(font)
        self._look = ("", "")
        self.hide()

    def show_at(self, text: str, colour: QColor, background: QColor, pointer: QPoint) -> None:
        """Show ``text`` beside ``pointer`` (viewport coordinates) in ``colour`` on
        ``background`` (the theme's card colour: light or dark, the text stays readable)."""
        if not text:
            self.clear()
            return
        look = (colour.name(), background.name())
        if look != self._look:
            self._look = look
            self.setStyleSheet(
                f"QLabel#gesture_hint {{ color: {look[0]}; background: {look[1]};"
                f" border: 1px solid {look[0]}; border-radius: 4px; padding: 3px 6px; }}"
            )
        if text != self.text():
            self.setText(text)
        self.setGeometry(self._place(pointer))
        self.show()
        self.raise_()

    def clear(self) -> None:
        self.hide()
        self.setText("")

    def _place(self, pointer: QPoint) -> QRect:
        area = self.viewport.rect().adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)
        width = min(MAX_WIDTH, self.sizeHint().width(), max(area.width(), 40))
        height = max(self.heightForWidth(width), self.minimumSizeHint().height())
        x, y = pointer.x() + OFFSET, pointer.y() + OFFSET
        if x + width > area.right():  # no room on the right: the pointer's left
            x = pointer.x() - OFFSET - width
        if y + height > area.bottom():  # no room below: above the pointer
            y = pointer.y() - OFFSET - height
        x = min(max(x, area.left()), area.right() - width)
        y = min(max(y, area.top()), area.bottom() - height)
        return QRect(x, y, width, height)
