"""UI layer: a row of colour swatches to choose a note's or a group's colour from.

The colours are the model's names (``NOTE_COLORS``, ``GROUP_COLORS``); a click on a swatch
emits :attr:`ColorChoice.chosen` once. A multi-selection of mixed colours checks none.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

from canvas.ui.canvas.items.annotation_style import swatch


def _swatch_icon(colour: QColor) -> QIcon:
    pixmap = QPixmap(18, 18)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(colour.darker(140))
    painter.setBrush(colour)
    painter.drawRoundedRect(1, 1, 16, 16, 4, 4)
    painter.end()
    return QIcon(pixmap)


class ColorChoice(QWidget):
    """One checkable swatch per colour name."""

    chosen = Signal(str)

    def __init__(self, names: tuple[str, ...], note: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[str, QToolButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)  # so "mixed" can show none checked
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        for name in names:
            button = QToolButton(self)
            button.setObjectName(f"colour_{name}")
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setIcon(_swatch_icon(swatch(name, note)))
            button.setIconSize(QSize(18, 18))
            button.setToolTip(name.capitalize())
            button.setAccessibleName(name)
            button.clicked.connect(lambda _checked=False, n=name: self._clicked(n))
            self._group.addButton(button)
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)

    def set_current(self, name: str | None) -> None:
        """Check ``name`` (``None``: a mixed selection, nothing checked)."""
        for key, button in self.buttons.items():
            button.setChecked(key == name)

    def _clicked(self, name: str) -> None:
        self.set_current(name)
        self.chosen.emit(name)
