"""UI layer: the compare panel — what changed, listed; a click shows it on the canvas.

The list is grouped like ``ml-canvas diff``'s report: findings introduced and resolved,
then components and links added, removed and changed (each changed field old → new), moves
summed up, and the rest of the design. Rows carry a :class:`~canvas.ui.compare.compare_rows.Target`;
clicking one (or pressing Enter on it) emits :attr:`ComparePanel.target_activated`. The panel
only lists: it edits nothing.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from canvas.core.model import Severity
from canvas.ui.compare.compare_rows import Row, Section, Target
from canvas.ui.compare.ghost_item import ADDED, CHANGE_COLOURS, CHANGED, REMOVED
from canvas.ui.findings.severity import icon as severity_icon

_ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@cache
def change_icon(change: str, size: int = 14) -> QIcon:
    """A rounded square in the change's colour, as on the canvas."""
    pm = QPixmap(size * 2, size * 2)
    pm.setDevicePixelRatio(2.0)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(CHANGE_COLOURS[change])
    p.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    p.end()
    return QIcon(pm)


def _icon(mark: str) -> QIcon | None:
    if mark in CHANGE_COLOURS:
        return change_icon(mark)
    if mark in {s.value for s in Severity}:
        return severity_icon(mark)
    return None


class ComparePanel(QWidget):
    """The title, a summary, a legend, the list, and the button that leaves compare mode."""

    #: A row was clicked or activated: what it shows.
    target_activated = Signal(object)

    def __init__(self, leave_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.itemClicked.connect(self._activated)
        self.tree.itemActivated.connect(self._activated)
        self.leave_button = QToolButton(self)
        self.leave_button.setDefaultAction(leave_action)
        self.leave_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        legend = QHBoxLayout()
        legend.setSpacing(10)
        for change in (ADDED, CHANGED, REMOVED):
            swatch = QLabel(self)
            swatch.setPixmap(change_icon(change).pixmap(14, 14))
            legend.addWidget(swatch)
            legend.addWidget(QLabel(change, self))
        legend.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.leave_button)

        # Narrow enough to take the palette's place without widening the dock area (the
        # canvas keeps its size when compare mode comes and goes).
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(legend)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(280, super().sizeHint().height())

    def show_sections(self, title: str, summary: str, sections: list[Section]) -> None:
        """Fill the panel (everything in it is replaced)."""
        self.title.setText(title)
        self.summary.setText(summary)
        self.tree.clear()
        if not sections:
            QTreeWidgetItem(self.tree, ["The open design and this version are the same."])
        for section in sections:
            head = QTreeWidgetItem(self.tree, [section.title])
            head.setFirstColumnSpanned(True)
            font = QFont(head.font(0))
            font.setBold(True)
            head.setFont(0, font)
            icon = _icon(section.mark)
            if icon is not None:
                head.setIcon(0, icon)
            for row in section.rows:
                self._add(head, row)
            head.setExpanded(True)

    def _add(self, parent: QTreeWidgetItem, row: Row) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [row.text])
        item.setData(0, _ROW_ROLE, row)
        item.setToolTip(0, row.tooltip or row.text)
        icon = _icon(row.mark)
        if icon is not None:
            item.setIcon(0, icon)
        if not row.target and row.mark in CHANGE_COLOURS:
            item.setForeground(0, QColor("#8A9199"))  # a note or group: listed, not on the canvas
        for child in row.children:
            self._add(item, child)
        item.setExpanded(bool(row.children) and len(row.children) <= 6)
        return item

    def rows(self) -> list[QTreeWidgetItem]:
        """Every row that stands for a change, depth first (section titles left out)."""
        out: list[QTreeWidgetItem] = []

        def walk(item: QTreeWidgetItem | None, own: bool) -> None:
            if item is None:
                return
            if own:
                out.append(item)
            for i in range(item.childCount()):
                walk(item.child(i), True)

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i), False)
        return out

    def row_of(self, item: QTreeWidgetItem) -> Row | None:
        row = item.data(0, _ROW_ROLE)
        return row if isinstance(row, Row) else None

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        row = self.row_of(item)
        if row is not None and row.target:
            self.target_activated.emit(row.target)


class CompareDock(QDockWidget):
    """The panel's dock; closing it leaves compare mode (:attr:`closed`)."""

    closed = Signal()

    def __init__(self, panel: ComparePanel, parent: QWidget | None = None) -> None:
        super().__init__("Compare", parent)
        self.setObjectName("compare_dock")
        self.setWidget(panel)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        super().closeEvent(event)
        self.closed.emit()


__all__ = ["CompareDock", "ComparePanel", "Target", "change_icon"]
