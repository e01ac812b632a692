"""UI layer: Edit ▸ Copy Diagram as Mermaid.

It puts on the clipboard what ``ml-canvas export FILE -o x.mmd`` writes — :mod:`canvas.export.mermaid`,
Qt-free — for the open design as it is now, saved or not: the flowchart with the components and
links of unsuppressed findings outlined. Writing a ``.mmd`` file is File ▸ Export…'s (the export
dialog offers Mermaid beside the images, :mod:`canvas.ui.files.export_actions`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QWidget

from canvas.ui.document import Document


class MermaidActions(QObject):
    """The Mermaid action of one window."""

    def __init__(self, window: QWidget, document: Document, status: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window, self.document, self.status = window, document, status
        self.copy_action = QAction("Copy Diagram as &Mermaid", window)
        self.copy_action.setStatusTip("Put the diagram on the clipboard as Mermaid text, for a ```mermaid block")
        self.copy_action.triggered.connect(lambda _=False: self.copy())

    def copy(self) -> str:
        """The whole diagram's flowchart to the clipboard (and returned)."""
        from canvas.core.rules import run_checks
        from canvas.export.mermaid import to_mermaid

        design = self.document.design
        chart = to_mermaid(design, run_checks(design))
        QGuiApplication.clipboard().setText(chart)
        self.status(f"Copied the diagram as Mermaid ({len(design.components)} components, {len(design.links)} links)")
        return chart
