"""UI layer: a note on the canvas — free text on coloured paper, which only displays the model.

The note's top-left corner and size are the model's. Its text is wrapped to the note's
width (paragraphs kept, long words broken) and drawn line by line with ``drawText``, so an
SVG export holds it as real text. The item never writes to the design: a drag moves it
through the scene like a card; the handle at its bottom-right corner resizes it live and
reports the final size on release; a double-click edits the text in place and reports it
when editing ends (a click elsewhere or Ctrl+Enter; Escape gives up). The host turns both
reports into one document edit each.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from canvas.core.model import Note
from canvas.ui.canvas.items.annotation_style import (
    NOTE_HANDLE,
    NOTE_MIN_HEIGHT,
    NOTE_MIN_WIDTH,
    NOTE_OVERVIEW_PIXELS,
    NOTE_PADDING,
    NOTE_PIXELS,
    NOTE_RADIUS,
    NOTE_Z,
    note_font,
    note_look,
)
from canvas.ui.canvas.items.host import AnnotationHost
from canvas.ui.canvas.items.style import LIGHT, LOD_DETAIL, LOD_SCALE, Theme

_LEFT = Qt.MouseButton.LeftButton
_ELIDE = Qt.TextElideMode.ElideRight
_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
#: Half the widest pen a note draws with (selected), so its bounds hold the border.
_PEN_MARGIN = 1.5


@lru_cache(maxsize=16)
def _metrics(pixels: int) -> QFontMetricsF:
    return QFontMetricsF(note_font(pixels=pixels))


def wrap_paragraphs(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """Lines of ``text`` no wider than ``width``: its own line breaks kept, words wrapped
    greedily, a word too long for a line broken between characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if metrics.horizontalAdvance(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while len(line) > 1 and metrics.horizontalAdvance(line) > width:
                cut = len(line) - 1
                while cut > 1 and metrics.horizontalAdvance(line[:cut]) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


class _NoteEditor(QGraphicsTextItem):
    """The in-place editor: plain text, ended by focus leaving it, Ctrl+Enter or Escape."""

    def __init__(self, note: NoteItem) -> None:
        super().__init__(note)
        self.note = note

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.note.finish_editing(commit=False)
            event.accept()
            return
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.note.finish_editing(commit=True)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # A context menu of the editor or another window taking focus is not the end of it.
        if event.reason() not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            self.note.finish_editing(commit=True)


class NoteItem(QGraphicsItem):
    """A note: rounded paper in its colour, its text wrapped inside, a resize handle."""

    Type = QGraphicsItem.UserType + 3  # type: ignore[attr-defined]  # missing from PySide6's stubs

    def __init__(self, note: Note, host: AnnotationHost | None = None) -> None:
        super().__init__()
        self.host = host
        self.note_id = note.id
        self.text = note.text
        self.color = note.color
        self.width, self.height = note.size.width, note.size.height
        self._lines: dict[int, list[str]] = {}  # wrapped text by font size
        self._overview_pixels: int | None = None  # the zoomed-out size the text fits at
        self._hover_handle = False
        self._resize_from: tuple[QPointF, float, float] | None = None
        self.editor: _NoteEditor | None = None
        self.setFlags(_FLAGS)
        self.setAcceptHoverEvents(True)
        self.setZValue(NOTE_Z)
        self.setPos(note.position.x, note.position.y)

    def type(self) -> int:
        return self.Type

    # --- model -> item -------------------------------------------------------------------
    def update_from_model(self, note: Note) -> None:
        if (note.position.x, note.position.y) != (self.x(), self.y()):
            self.setPos(note.position.x, note.position.y)
        self.set_size(note.size.width, note.size.height)
        if (note.text, note.color) != (self.text, self.color):
            self.text, self.color = note.text, note.color
            self._lines, self._overview_pixels = {}, None
            self.update()

    def set_size(self, width: float, height: float) -> None:
        """Show the note at this size (the model's, or live while its handle is dragged)."""
        width, height = max(NOTE_MIN_WIDTH, width), max(NOTE_MIN_HEIGHT, height)
        if (width, height) == (self.width, self.height):
            return
        self.prepareGeometryChange()
        self.width, self.height = width, height
        self._lines, self._overview_pixels = {}, None
        if self.editor is not None:
            self.editor.setTextWidth(width - 2 * NOTE_PADDING)

    # --- geometry ------------------------------------------------------------------------
    def rect(self) -> QRectF:
        """The paper, in item coordinates."""
        return QRectF(0.0, 0.0, self.width, self.height)

    def boundingRect(self) -> QRectF:
        m = _PEN_MARGIN
        return QRectF(-m, -m, self.width + 2 * m, self.height + 2 * m)

    def drawn_rect(self) -> QRectF:
        """What a paint covers, in scene coordinates (an export crops to it)."""
        return self.sceneBoundingRect()

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.rect())
        return path

    def _on_handle(self, local: QPointF) -> bool:
        return local.x() >= self.width - NOTE_HANDLE and local.y() >= self.height - NOTE_HANDLE

    # --- mouse ---------------------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.host is not None:
            self.host.end_drag()
        if event.button() == _LEFT and self._on_handle(event.pos()) and self.editor is None:
            self._resize_from = (event.scenePos(), self.width, self.height)
            self.setSelected(True)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._resize_from is not None:
            start, width, height = self._resize_from
            delta = event.scenePos() - start
            self.set_size(width + delta.x(), height + delta.y())
            return
        if self.editor is not None:
            return  # being written in: it stays put (Qt would move it behind the model's back)
        if not event.buttons() & _LEFT or self.host is None:
            super().mouseMoveEvent(event)
            return
        self.host.drag_items(self, event.buttonDownScenePos(_LEFT), event.scenePos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._resize_from is not None:
            self._resize_from = None
            if self.host is not None:
                self.host.note_resized(self.note_id, self.width, self.height)
            event.accept()
            return
        if self.host is not None:
            self.host.end_drag()
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == _LEFT:
            self.start_editing()
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        on_handle = self._on_handle(event.pos())
        if on_handle != self._hover_handle:
            self._hover_handle = on_handle
            if on_handle:
                self.setCursor(Qt.CursorShape.SizeFDiagCursor)
            else:
                self.unsetCursor()
            self.update()

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover_handle = False
        self.unsetCursor()
        self.update()

    # --- editing in place ----------------------------------------------------------------
    def start_editing(self) -> None:
        """Edit the text where it is: a text editor over the note, all its text selected."""
        if self.editor is not None:
            return
        editor = _NoteEditor(self)
        editor.document().setDocumentMargin(0)
        editor.setFont(note_font())
        editor.setDefaultTextColor(note_look(self.color, self._theme().dark).text)
        editor.setPlainText(self.text)
        editor.setTextWidth(self.width - 2 * NOTE_PADDING)
        editor.setPos(NOTE_PADDING, NOTE_PADDING)
        editor.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.editor = editor
        self.update()
        editor.setFocus(Qt.FocusReason.MouseFocusReason)
        cursor = editor.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        editor.setTextCursor(cursor)

    def finish_editing(self, commit: bool) -> None:
        """End editing in place; with ``commit`` report the text to the host."""
        editor, self.editor = self.editor, None
        if editor is None:
            return
        text = editor.toPlainText()
        editor.hide()
        editor.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        if editor.scene() is not None:
            editor.scene().removeItem(editor)
        editor.deleteLater()  # it may be in the middle of handling its own event
        self.update()
        if commit and self.host is not None:
            self.host.note_text_edited(self.note_id, text)

    # --- painting ------------------------------------------------------------------------
    def _theme(self) -> Theme:
        return self.host.theme if self.host is not None else LIGHT

    def lines(self, overview: bool = False) -> list[str]:
        """The text as drawn: wrapped to the note's width (in the zoomed-out font too)."""
        return self._wrapped(self.pixels(overview))

    def pixels(self, overview: bool = False) -> int:
        """The text's size: zoomed out, the largest at which all of it fits the note."""
        if not overview:
            return NOTE_PIXELS
        if self._overview_pixels is None:
            self._overview_pixels = next(
                (px for px in NOTE_OVERVIEW_PIXELS if len(self._wrapped(px)) <= self._lines_that_fit(px)),
                NOTE_OVERVIEW_PIXELS[-1],
            )
        return self._overview_pixels

    def _wrapped(self, pixels: int) -> list[str]:
        lines = self._lines.get(pixels)
        if lines is None:
            lines = self._lines[pixels] = wrap_paragraphs(self.text, _metrics(pixels), self.width - 2 * NOTE_PADDING)
        return lines

    def _lines_that_fit(self, pixels: int) -> int:
        metrics = _metrics(pixels)
        room = self.height - 2 * NOTE_PADDING
        return max(1, int((room + metrics.leading()) // metrics.lineSpacing()))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        theme = self._theme()
        look = note_look(self.color, theme.dark)
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        selected = self.isSelected()
        rect = self.rect()
        if lod < LOD_SCALE:
            painter.fillRect(rect, theme.selection if selected else look.fill)
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(theme.selection, 2.5) if selected else QPen(look.border, 1.0))
        painter.setBrush(look.fill)
        painter.drawRoundedRect(rect, NOTE_RADIUS, NOTE_RADIUS)
        if self.editor is None:
            # Zoomed out (a fitted template), the first words in a large font read; all of it would not.
            self._paint_text(painter, look.text, overview=lod < LOD_DETAIL)
        if selected or self._hover_handle:
            w, h, s = self.width, self.height, NOTE_HANDLE
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.selection if selected else look.border)
            painter.drawPolygon(QPolygonF([QPointF(w - 2, h - s), QPointF(w - 2, h - 2), QPointF(w - s, h - 2)]))
        painter.restore()

    def shown_lines(self, overview: bool = False) -> list[str]:
        """The lines that fit in the note; when some do not, the last shown ends with "…"."""
        pixels = self.pixels(overview)
        metrics = _metrics(pixels)
        lines = self._wrapped(pixels)
        fits = self._lines_that_fit(pixels)
        if len(lines) <= fits:
            return lines
        last = metrics.elidedText(lines[fits - 1].rstrip() + " …", _ELIDE, self.width - 2 * NOTE_PADDING)
        return [*lines[: fits - 1], last]

    def _paint_text(self, painter: QPainter, colour: QColor, overview: bool) -> None:
        pixels = self.pixels(overview)
        metrics = _metrics(pixels)
        painter.setFont(note_font(pixels=pixels))
        painter.setPen(colour)
        y = NOTE_PADDING + metrics.ascent()
        for line in self.shown_lines(overview):
            painter.drawText(QPointF(NOTE_PADDING, y), line)
            y += metrics.lineSpacing()
