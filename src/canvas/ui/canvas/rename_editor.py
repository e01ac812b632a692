"""UI layer: renaming a card in place — F2 or a double-click opens a text box over its label.

The text box lies on the view's viewport over the card's label area, which it reads from
the card (:meth:`ComponentItem.label_rect`), so it follows the card's current size; it
stays there while the view scrolls or zooms and the card moves. Enter commits — one
``Document.set_label``, one undo step "Rename …" — and so does a click anywhere else (on
the canvas or outside it); Escape cancels and leaves the label as it was, and so does a
blank text. While it is open it takes every key, so a canvas shortcut (Delete, Ctrl+D …)
cannot act behind it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontMetricsF, QKeyEvent, QTextOption
from PySide6.QtWidgets import QFrame, QGraphicsView, QPlainTextEdit, QWidget

from canvas.ui.canvas.items.style import label_font
from canvas.ui.canvas.scene import DesignScene

#: The smallest text box, in pixels: when the view is zoomed out, the card is too small to type in.
_MIN_WIDTH, _MIN_LINES = 140, 2
#: The smallest font (pixels) whatever the zoom.
_MIN_FONT_PX = 12


class RenameEditor(QPlainTextEdit):
    """The text box: Enter commits, Escape cancels, losing the focus commits."""

    #: The edit ended: ``True`` to keep the text, ``False`` to drop it.
    finished = Signal(bool)

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("rename_editor")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTabChangesFocus(True)
        self.document().setDocumentMargin(3)
        self.setPlainText(text)
        self.selectAll()
        self._done = False

    def text(self) -> str:
        """The typed label on one line (a label has no line breaks; pasted ones become spaces)."""
        return " ".join(self.toPlainText().split())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # every key is for the text box while it is open
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish(True)
        elif key == Qt.Key.Key_Escape:
            self.finish(False)
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # The text box's own context menu takes the focus without ending the edit.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.finish(True)

    def finish(self, keep: bool) -> None:
        if not self._done:
            self._done = True
            self.finished.emit(keep)


class CardRenamer(QObject):
    """Opens the rename box of one view over a card, keeps it in place, closes it."""

    def __init__(self, view: QGraphicsView, scene: DesignScene) -> None:
        super().__init__(view)
        self.view = view
        self.scene = scene
        self.document = scene.document
        self.editor: RenameEditor | None = None
        self.component_id: str | None = None
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self.place)
        self.document.component_moved.connect(self._component_changed)
        self.document.component_changed.connect(self._component_changed)
        self.document.component_removed.connect(self._component_removed)
        self.document.design_replaced.connect(self.cancel)
        # A press on the canvas ends the edit, whoever takes the focus (a press on the view's
        # background may leave it where it was).
        view.viewport().installEventFilter(self)

    def start(self, component_id: str) -> bool:
        """Open the box over a card's label (committing any other open one)."""
        item = self.scene.component_item(component_id)
        if item is None:
            return False
        if self.editor is not None:
            if self.component_id == component_id:
                return True
            self.editor.finish(True)
        self.component_id = component_id
        editor = self.editor = RenameEditor(item.label, self.view.viewport())
        theme = self.scene.theme
        editor.setStyleSheet(
            f"QPlainTextEdit {{ background: {theme.card.name()}; color: {theme.text.name()};"
            f" border: 2px solid {theme.selection.name()}; border-radius: 4px; }}"
        )
        editor.finished.connect(self._finished)
        self.place()
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def cancel(self) -> None:
        if self.editor is not None:
            self.editor.finish(False)

    def place(self) -> None:
        """Lay the box over the card's label area at the current zoom and scroll."""
        editor, cid = self.editor, self.component_id
        item = self.scene.component_item(cid) if cid is not None else None
        if editor is None or item is None:
            return
        zoom = self.view.transform().m11()
        font = QFont(label_font())  # a copy: the cached one is the cards'
        font.setPixelSize(max(_MIN_FONT_PX, round(font.pixelSize() * zoom)))
        editor.setFont(font)
        area = self.view.mapFromScene(item.label_rect()).boundingRect()
        line = QFontMetricsF(font).lineSpacing()
        width = max(area.width(), _MIN_WIDTH)
        height = max(area.height(), round(line * _MIN_LINES + 2 * editor.document().documentMargin() + 4))
        editor.setGeometry(
            QRect(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2, width, height)
        )

    def _finished(self, keep: bool) -> None:
        editor, cid = self.editor, self.component_id
        self.editor = self.component_id = None
        if editor is None or cid is None:
            return
        text = editor.text()
        had_focus = editor.hasFocus()
        editor.hide()
        editor.deleteLater()
        if had_focus:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)  # the keys go back to the canvas
        if keep and text and cid in self.document.design.components:
            self.document.set_label(cid, text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self.editor is not None and event.type() == QEvent.Type.MouseButtonPress:
            self.editor.finish(True)
        return False

    def _component_changed(self, component_id: str) -> None:
        if component_id == self.component_id:
            self.place()

    def _component_removed(self, component_id: str) -> None:
        if component_id == self.component_id:
            self.cancel()
