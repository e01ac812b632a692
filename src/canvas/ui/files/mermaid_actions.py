"""UI layer: File ▸ Export ▸ Export as Mermaid… and Edit ▸ Copy Diagram as Mermaid.

Both write what ``ml-canvas export FILE -o x.mmd`` writes — :mod:`canvas.export.mermaid`, Qt-free
— for the open design as it is now, saved or not: the flowchart with the components and links
of unsuppressed findings outlined. A write that fails is one sentence in a dialog; a chart larger
than GitHub renders is written anyway, and the status bar says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from canvas.ui.document import Document

SUFFIX = ".mmd"


def ask_mermaid_path(parent: QWidget, suggested: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, "Export as Mermaid", suggested, "Mermaid flowchart (*.mmd)")
    return path or None


def show_error(parent: QWidget, message: str) -> None:
    QMessageBox.warning(parent, "Export failed", message)


class MermaidActions(QObject):
    """The Mermaid actions of one window; ``ask_path`` and ``show_error`` are replaceable."""

    def __init__(self, window: QWidget, document: Document, status: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window, self.document, self.status = window, document, status
        self.ask_path: Callable[[QWidget, str], str | None] = ask_mermaid_path
        self.show_error: Callable[[QWidget, str], None] = show_error
        self.export_action = QAction("Export as &Mermaid…", window)
        self.export_action.setStatusTip("Write the diagram as a Mermaid flowchart (.mmd), which GitHub renders")
        self.export_action.triggered.connect(lambda _=False: self.export())
        self.copy_action = QAction("Copy Diagram as &Mermaid", window)
        self.copy_action.setStatusTip("Put the diagram on the clipboard as Mermaid text, for a ```mermaid block")
        self.copy_action.triggered.connect(lambda _=False: self.copy())

    def add_to(self, menu: QMenu, after: QAction | None = None) -> None:
        """Put the export action in ``menu`` right after ``after`` (at the end without it)."""
        actions = menu.actions()
        index = actions.index(after) + 1 if after in actions else len(actions)
        if index < len(actions):
            menu.insertAction(actions[index], self.export_action)
        else:
            menu.addAction(self.export_action)

    def export(self) -> Path | None:
        from canvas.export.mermaid import write_mermaid
        from canvas.io import DesignSaveError

        path = self.ask_path(self.window, str(self._suggested()))
        if not path:
            return None
        out = Path(path)
        if out.suffix.lower() != SUFFIX:
            out = out.with_name(out.name + SUFFIX)
        try:
            what, note = write_mermaid(self.document.design, out)
        except DesignSaveError as exc:
            self.show_error(self.window, str(exc))
            return None
        self.status(f"Exported {out.name} ({what})" + (f" — note: {note}" if note else ""))
        return out

    def copy(self) -> str:
        """The whole diagram's flowchart to the clipboard (and returned)."""
        from canvas.core.rules import run_checks
        from canvas.export.mermaid import to_mermaid

        design = self.document.design
        chart = to_mermaid(design, run_checks(design))
        QGuiApplication.clipboard().setText(chart)
        self.status(f"Copied the diagram as Mermaid ({len(design.components)} components, {len(design.links)} links)")
        return chart

    def _suggested(self) -> Path:
        path = self.document.path
        return path.with_suffix(SUFFIX) if path is not None else Path(f"{self.document.design.name}{SUFFIX}")
