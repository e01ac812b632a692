"""UI layer: View ▸ Link Style — orthogonal (rounded corners) or curved links, per design.

The style is saved with the design (``settings.link_style``), so choosing one is an edit
through the document controller (one undo step), and the checked entry follows the
design: after an undo, and when another design is opened.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup

from canvas.core.model import LINK_STYLES, LinkStyle
from canvas.ui.document import Document

_TEXT: dict[LinkStyle, str] = {"orthogonal": "&Orthogonal (Rounded Corners)", "curved": "&Curved"}


class LinkStyleActions(QObject):
    """One checkable action per link style, exactly one checked: the design's."""

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[LinkStyle, QAction] = {}
        for style in LINK_STYLES:
            action = QAction(_TEXT[style], self.group)
            action.setCheckable(True)
            action.triggered.connect(partial(self._chosen, style))
            self.actions[style] = action
        document.design_changed.connect(self._follow)
        self._follow()

    def _chosen(self, style: LinkStyle, _checked: bool = True) -> None:
        self.document.set_link_style(style)

    def _follow(self) -> None:
        self.actions[self.document.design.settings.link_style].setChecked(True)
