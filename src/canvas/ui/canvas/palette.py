"""UI layer: the palette of component kinds, grouped by the boxes of Figure 1-1.

A tree with one header per box (title and chapter) and one entry per kind (icon, label,
tooltip with the description). Dragging an entry carries the kind id under ``KIND_MIME``;
double-click or Enter emits :attr:`Palette.kind_activated`. The palette never touches the
design: the view turns a drop or an activation into a document edit.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QMimeData, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QFont, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from canvas.core.catalog import BOXES, KINDS, Box, Kind, kinds_in_box
from canvas.resources import icon_path
from canvas.ui.canvas.mime import KIND_MIME

_KIND_ROLE = Qt.ItemDataRole.UserRole
_BOX_ROLE = Qt.ItemDataRole.UserRole + 1


def mime_data_for(kind: str) -> QMimeData:
    """The drag payload for a palette entry: the kind id, UTF-8, under ``KIND_MIME``."""
    mime = QMimeData()
    mime.setData(KIND_MIME, kind.encode("utf-8"))
    mime.setText(KINDS[kind].label if kind in KINDS else kind)
    return mime


@cache
def kind_icon(kind: str) -> QIcon:
    """The kind's SVG icon on a light tile, so its dark strokes read on a dark palette too
    (an empty icon if the asset is missing)."""
    path = icon_path(kind)
    if not path.is_file():
        return QIcon()
    renderer = QSvgRenderer(str(path))
    icon = QIcon()
    for size in (16, 20, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#F5F7F8"))
        painter.drawRoundedRect(0, 0, size, size, size / 5, size / 5)
        inset = max(1.0, size / 12)
        renderer.render(painter, QRectF(inset, inset, size - 2 * inset, size - 2 * inset))
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def box_swatch(box: Box) -> QIcon:
    """A small square in the box's Figure 1-1 colour, for group headers."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(BOXES[box].colour).darker(130))
    painter.setBrush(QColor(BOXES[box].colour))
    painter.drawRoundedRect(1, 1, 10, 10, 2, 2)
    painter.end()
    return QIcon(pixmap)


def box_heading(box: Box) -> str:
    info = BOXES[box]
    chapter = "whole book" if info.chapter == "all" else f"ch. {info.chapter}"
    return f"{info.title} · {chapter}"


def kind_tooltip(kind: Kind) -> str:
    chapter = "the whole book" if kind.chapter == "all" else f"chapter {kind.chapter}"
    return f"<b>{kind.label}</b><br>{BOXES[kind.box].title} — {chapter}<p>{kind.description}</p>"


def _matches(kind: Kind, needle: str) -> bool:
    hay = " ".join((kind.label, kind.id, BOXES[kind.box].title, kind.description)).lower()
    return all(word in hay for word in needle.lower().split())


class _KindTree(QTreeWidget):
    """The tree itself: starts drags with the palette's mime data, Enter activates."""

    kind_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(8)
        self.setIconSize(QSize(22, 22))
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)  # long box titles wrap instead of being cut off
        self.itemDoubleClicked.connect(self._activate)

    def _activate(self, item: QTreeWidgetItem | None, _column: int = 0) -> None:
        kind = item.data(0, _KIND_ROLE) if item is not None else None
        if kind:
            self.kind_activated.emit(kind)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate(self.currentItem())
            event.accept()
            return
        super().keyPressEvent(event)

    def startDrag(self, supported: Qt.DropAction) -> None:  # noqa: N802 - Qt override
        item = self.currentItem()
        kind = item.data(0, _KIND_ROLE) if item is not None else None
        if not kind:
            return
        drag = QDrag(self)
        drag.setMimeData(mime_data_for(kind))
        drag.setPixmap(kind_icon(kind).pixmap(QSize(40, 40)))
        drag.exec(Qt.DropAction.CopyAction)


class Palette(QWidget):
    """The kinds of Figure 1-1, with a filter box; emits ``kind_activated(kind_id)``."""

    kind_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._box: Box | None = None
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Filter components…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.filter_edit.returnPressed.connect(self._activate_first)

        self.box_label = QLabel(self)
        self.show_all_button = QPushButton("Show all", self)
        self.show_all_button.setFlat(True)
        self.show_all_button.clicked.connect(lambda: self.filter_box(None))
        box_row = QHBoxLayout()
        box_row.setContentsMargins(0, 0, 0, 0)
        box_row.addWidget(self.box_label, 1)
        box_row.addWidget(self.show_all_button)
        self._box_row = QWidget(self)
        self._box_row.setLayout(box_row)
        self._box_row.hide()

        self.tree = _KindTree(self)
        self.tree.kind_activated.connect(self.kind_activated)
        self._headers: dict[Box, QTreeWidgetItem] = {}
        self._entries: dict[str, QTreeWidgetItem] = {}
        self._populate()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self._box_row)
        layout.addWidget(self.tree, 1)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(280, 640)

    def _populate(self) -> None:
        header_font = QFont(self.font())
        header_font.setBold(True)
        for box in BOXES:
            kinds = kinds_in_box(box)
            if not kinds:
                continue
            header = QTreeWidgetItem(self.tree, [box_heading(box)])
            header.setData(0, _BOX_ROLE, box.value)
            header.setFont(0, header_font)
            header.setIcon(0, box_swatch(box))
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            header.setToolTip(0, f"Figure 1-1: {BOXES[box].title}")
            self._headers[box] = header
            for kind in kinds:
                entry = QTreeWidgetItem(header, [kind.label])
                entry.setIcon(0, kind_icon(kind.id))
                entry.setData(0, _KIND_ROLE, kind.id)
                entry.setToolTip(0, kind_tooltip(kind))
                entry.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
                self._entries[kind.id] = entry
            header.setExpanded(True)

    # --- filtering -----------------------------------------------------------------------
    def set_filter_text(self, text: str) -> None:
        self.filter_edit.setText(text)

    def filter_box(self, box: Box | str | None) -> None:
        """Show only the kinds of one Figure 1-1 box (``None`` shows every box again)."""
        self._box = Box(box) if box is not None else None
        if self._box is not None:
            self.box_label.setText(f"Only: {BOXES[self._box].title}")
        self._box_row.setVisible(self._box is not None)
        self._apply_filter()

    def _apply_filter(self) -> None:
        needle = self.filter_edit.text().strip()
        for box, header in self._headers.items():
            any_shown = False
            for entry in (header.child(i) for i in range(header.childCount())):
                assert entry is not None
                kind = KINDS[entry.data(0, _KIND_ROLE)]
                shown = (self._box is None or box == self._box) and (not needle or _matches(kind, needle))
                entry.setHidden(not shown)
                any_shown = any_shown or shown
            header.setHidden(not any_shown)

    def visible_kinds(self) -> list[str]:
        """Kind ids currently shown, in palette order."""
        return [
            kind
            for kind, entry in self._entries.items()
            if not entry.isHidden() and not self._headers[KINDS[kind].box].isHidden()
        ]

    def visible_boxes(self) -> list[Box]:
        return [box for box, header in self._headers.items() if not header.isHidden()]

    def entry(self, kind: str) -> QTreeWidgetItem:
        return self._entries[kind]

    def _activate_first(self) -> None:
        shown = self.visible_kinds()
        if len(shown) == 1:
            self.kind_activated.emit(shown[0])
