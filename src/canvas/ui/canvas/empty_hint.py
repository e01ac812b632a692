"""UI layer: the hint an empty canvas shows — how to start a design.

A label centred over the view's viewport while the design has no component, hidden as
soon as it has one (and back when the last one goes). It is a child of the view, not of
the viewport, so scrolling never moves it, and it lets every mouse event and drop through
to the canvas under it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QGraphicsView, QLabel

from canvas.ui.document import Document

HINT = (
    "<p style='font-size:15px'><b>This design is empty</b></p>"
    "<p>Drag a kind from the <b>Components</b> palette onto the canvas,<br>"
    "or double-click a kind to add it here.</p>"
    "<p>Or start from a complete system:<br><b>File ▸ New from Template…</b></p>"
)
_WIDTH = 420


class EmptyCanvasHint(QLabel):
    """Says how to start while the document's design has no component."""

    def __init__(self, view: QGraphicsView, document: Document) -> None:
        super().__init__(HINT, view)
        self.setObjectName("empty_canvas_hint")
        self.view = view
        self.document = document
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        font = QFont(self.font())
        font.setPixelSize(13)
        self.setFont(font)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        view.viewport().installEventFilter(self)
        document.component_added.connect(self.update_shown)
        document.component_removed.connect(self.update_shown)
        document.design_replaced.connect(self.update_shown)
        self.update_shown()

    def update_shown(self, *_args: object) -> None:
        self.setVisible(not self.document.design.components)

    def _centre(self) -> None:
        area = self.view.viewport().geometry()  # in the view's coordinates
        width = min(_WIDTH, max(area.width() - 40, 120))
        height = self.heightForWidth(width)
        self.setGeometry(
            area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2, width, height
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self._centre()
        return False
