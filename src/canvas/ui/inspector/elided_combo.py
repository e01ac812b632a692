"""UI layer: a combo box for a narrow dock — it may be narrower than its longest choice,
and then shows the current choice elided ("not set (default tra…") with the whole of it
as a tooltip; its drop-down list is always wide enough for every choice, uncut.

A plain QComboBox asks for the width of its longest item, which either widens the
inspector's dock or, in a dock kept narrow, is clipped mid-letter with no way to read it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

#: How many characters a combo box keeps room for when its dock is narrow (it asks for its
#: longest choice, and gets it when the dock is wide enough).
_MIN_CHARS = 4


class ElidedComboBox(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(_MIN_CHARS)
        self.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.currentIndexChanged.connect(self._update_tooltip)
        self.model().dataChanged.connect(self._update_tooltip)  # a choice's text changed ("(mixed)")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Wide enough for the longest choice (Qt's own hint, for a few characters, stays the
        minimum: the box gets narrower only when its dock does)."""
        hint = super().sizeHint()  # room for minimumContentsLength() X's, an icon and the arrow
        asked = self.fontMetrics().horizontalAdvance("X") * self.minimumContentsLength()
        return QSize(max(hint.width(), hint.width() - asked + self._widest()), hint.height())

    def _widest(self) -> int:
        return max((self.fontMetrics().horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0)

    def shown_text(self) -> str:
        """The current choice as painted: elided when the box is narrower than it."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        area = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        return self.fontMetrics().elidedText(self.currentText(), Qt.TextElideMode.ElideRight, area.width())

    def showPopup(self) -> None:  # noqa: N802 - Qt override
        self.view().setMinimumWidth(self._widest() + 40)  # room for the item's margins and a scroll bar
        super().showPopup()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        # Only when cut: otherwise the editor's own tooltip (the attribute's description) shows.
        self.setToolTip(self.currentText() if self.shown_text() != self.currentText() else "")
