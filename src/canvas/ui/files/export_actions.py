"""UI layer: File ▸ Export (PNG, SVG, PDF, selection only) and Edit ▸ Copy Diagram as Image.

Exports go through the same :class:`~canvas.export.scene_export.ExportScene` as the
command line, so the editor and ``ml-canvas export`` draw identical pictures: a fresh
scene of the design (or of the selected components and the links among them), without
selection, hover or grid. Errors are one sentence in a dialog; nothing partial is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from canvas.ui.canvas.scene import DesignScene
from canvas.ui.document import Document

if TYPE_CHECKING:
    from canvas.export.scene_export import ExportScene

_FILTERS = {"png": "PNG image (*.png)", "svg": "SVG vector image (*.svg)", "pdf": "PDF document (*.pdf)"}
#: PNG pixels per design unit from the editor: sharp on a high-DPI screen and in slides
#: (less for a design too big for that: the PNG size limits would refuse it).
EDITOR_SCALE = 2.0


def ask_export_path(parent: QWidget, suggested: str, fmt: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, f"Export as {fmt.upper()}", suggested, _FILTERS[fmt])
    return path or None


def show_error(parent: QWidget, message: str) -> None:
    QMessageBox.warning(parent, "Export failed", message)


class ExportActions(QObject):
    """The export actions of one window. ``ask_path`` and ``show_error`` are replaceable."""

    def __init__(self, window: QWidget, document: Document, scene: DesignScene, status: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window, self.document, self.scene, self.status = window, document, scene, status
        self.ask_path: Callable[[QWidget, str, str], str | None] = ask_export_path
        self.show_error: Callable[[QWidget, str], None] = show_error
        self.export_menu = QMenu("&Export", window)
        self.actions: dict[str, QAction] = {}
        for fmt in ("png", "svg", "pdf"):
            action = QAction(f"Export as {fmt.upper()}…", window)
            action.triggered.connect(lambda _=False, f=fmt: self.export(f))
            self.export_menu.addAction(action)
            self.actions[fmt] = action
        self.actions["png"].setShortcut(QKeySequence("Ctrl+E"))
        self.export_menu.addSeparator()
        self.selection_action = QAction("Export &Selection as PNG…", window)
        self.selection_action.triggered.connect(lambda: self.export("png", selection_only=True))
        self.export_menu.addAction(self.selection_action)
        self.copy_image_action = QAction("Copy Diagram as &Image", window)
        self.copy_image_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_image_action.triggered.connect(self.copy_image)
        # Enabled when the menu opens (a selectionChanged slot would also run while the
        # scene is being destroyed with its window).
        self.export_menu.aboutToShow.connect(self.update_enabled)
        self.update_enabled()

    def update_enabled(self) -> None:
        """Follow the selection (called as a menu holding these actions opens): export of
        the selection needs one, and copying an image copies it when there is one."""
        selected = bool(self.scene.selected_component_ids())
        self.selection_action.setEnabled(selected)
        self.copy_image_action.setText("Copy Selection as &Image" if selected else "Copy Diagram as &Image")

    def _export_scene(self, selection_only: bool) -> ExportScene:
        # The export modules (QtSvg's generator, the PDF writer) load on the first export.
        from canvas.export.scene_export import ExportScene, sub_design

        design = self.document.design
        if selection_only:  # marked with the whole design's findings, not the part's own
            return ExportScene(sub_design(design, self.scene.selected_component_ids()), checked=design)
        return ExportScene(design)

    def _suggested(self, fmt: str) -> str:
        base = (
            self.document.path.with_suffix(f".{fmt}")
            if self.document.path
            else Path(f"{self.document.design.name}.{fmt}")
        )
        return str(base)

    def export(self, fmt: str, selection_only: bool = False) -> Path | None:
        if selection_only and not self.scene.selected_component_ids():
            self.show_error(self.window, "Select the components to export first.")
            return None
        path = self.ask_path(self.window, self._suggested(fmt), fmt)
        if not path:
            return None
        from canvas.export.render import ExportError, fitting_scale

        out = Path(path)
        if out.suffix.lower() != f".{fmt}":
            out = out.with_name(out.name + f".{fmt}")
        try:
            export = self._export_scene(selection_only)
            what = export.write(out, scale=fitting_scale(export.rect, EDITOR_SCALE))
        except ExportError as exc:
            self.show_error(self.window, str(exc))
            return None
        self.status(f"Exported {out.name} ({what})")
        return out

    def copy_image(self) -> bool:
        """The whole diagram (or the selection, when there is one) to the clipboard."""
        from canvas.export.render import ExportError, fitting_scale, render_image

        selected = bool(self.scene.selected_component_ids())
        export = self._export_scene(selection_only=selected)
        try:
            image = render_image(export.scene, export.rect, fitting_scale(export.rect, EDITOR_SCALE), transparent=False)
        except ExportError as exc:
            self.show_error(self.window, str(exc))
            return False
        QGuiApplication.clipboard().setImage(image)
        self.status(
            f"Copied {'the selection' if selected else 'the diagram'} as a {image.width()} × {image.height()} image"
        )
        return True
