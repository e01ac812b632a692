"""UI layer: File ▸ Export (a dialog with the command line's options) and Edit ▸ Copy Diagram as Image.

Exports go through the same :func:`~canvas.export.scene_export.write_design` and
:class:`~canvas.export.options.ExportOptions` as ``ml-canvas export``, so the editor and the
command line draw identical pictures: a fresh scene of the design (or of the selected
components and the links among them, the selected notes and the groups all of whose
members are selected), without selection, hover or grid. The dialog
(:mod:`canvas.ui.files.export_dialog`) remembers the last choices. Errors are one sentence
in a dialog; nothing partial is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QSettings
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from canvas.ui.canvas.scene import DesignScene
from canvas.ui.document import Document
from canvas.ui.settings import app_settings

if TYPE_CHECKING:
    from canvas.export.options import ExportOptions
    from canvas.export.scene_export import ExportScene
    from canvas.ui.files.export_dialog import ExportChoices, ExportDialog

_FILTERS = {
    "png": "PNG image (*.png)",
    "svg": "SVG vector image (*.svg)",
    "pdf": "PDF document (*.pdf)",
    "mmd": "Mermaid flowchart (*.mmd)",
}
#: PNG pixels per design unit of Copy as Image: sharp on a high-DPI screen and in slides
#: (less for a design too big for that: the PNG size limits would refuse it).
EDITOR_SCALE = 2.0


def ask_export_path(parent: QWidget, suggested: str, fmt: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, f"Export as {fmt.upper()}", suggested, _FILTERS[fmt])
    return path or None


def show_error(parent: QWidget, message: str) -> None:
    QMessageBox.warning(parent, "Export failed", message)


class ExportActions(QObject):
    """The export actions of one window. ``ask_path`` and ``show_error`` are replaceable."""

    def __init__(
        self,
        window: QWidget,
        document: Document,
        scene: DesignScene,
        status: Callable[[str], None],
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.document, self.scene, self.status = window, document, scene, status
        self.settings = settings if settings is not None else app_settings()
        self.ask_path: Callable[[QWidget, str, str], str | None] = ask_export_path
        self.show_error: Callable[[QWidget, str], None] = show_error
        #: The open export dialog, if any.
        self.dialog: ExportDialog | None = None
        self.export_action = QAction("&Export…", window)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setStatusTip("Export the design as PNG, SVG or PDF")
        self.export_action.triggered.connect(lambda: self.open_dialog())
        self.selection_action = QAction("Export &Selection…", window)
        self.selection_action.triggered.connect(lambda: self.open_dialog(selection_only=True))
        self.copy_image_action = QAction("Copy Diagram as &Image", window)
        self.copy_image_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_image_action.triggered.connect(self.copy_image)
        self.update_enabled()

    def update_enabled(self) -> None:
        """Follow the selection (called as a menu holding these actions opens): export of
        the selection needs one, and copying an image copies it when there is one."""
        selected = bool(self.scene.selected_component_ids())
        self.selection_action.setEnabled(selected)
        self.copy_image_action.setText("Copy Selection as &Image" if selected else "Copy Diagram as &Image")

    # --- the dialog ----------------------------------------------------------------------
    def open_dialog(self, selection_only: bool | None = None) -> ExportDialog:
        """Show the export dialog (modeless for the rest of the app, modal to the window);
        its Export button writes the file. ``selection_only`` overrides the remembered choice."""
        from canvas.ui.files.export_dialog import ExportChoices, ExportDialog

        if self.dialog is not None:
            self.dialog.reject()
        choices = ExportChoices.load(self.settings)
        if selection_only is not None:
            choices = replace(choices, selection_only=selection_only)
        dialog = self.dialog = ExportDialog(
            choices,
            self._suggested(choices),
            len(self.scene.selected_component_ids()),
            self._bounds,
            self.ask_path,
            self.window,
        )
        dialog.accepted.connect(lambda: self._export_chosen(dialog))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()
        return dialog

    def _export_chosen(self, dialog: ExportDialog) -> None:
        choices = dialog.choices()  # remembered as asked (the scale before any cut to fit)
        choices.save(self.settings)
        path = dialog.path()
        if path is not None:
            self.export_to(path, dialog.options(), choices.selection_only)

    def _closed(self, dialog: ExportDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _bounds(self, selection_only: bool) -> QRectF:
        """What the export will draw, near enough to tell the PNG's size."""
        if not selection_only:
            return self.scene.items_bounds()
        rect = QRectF()
        for cid in self.scene.selected_component_ids():
            item = self.scene.component_item(cid)
            if item is not None:
                rect = rect.united(item.sceneBoundingRect())
        for nid in self.scene.selected_note_ids():
            note = self.scene.annotations.note_item(nid)
            if note is not None:
                rect = rect.united(note.sceneBoundingRect())
        return rect

    def _suggested(self, choices: ExportChoices) -> Path:
        """The design's name in the last export folder (else its own folder, else home)."""
        path = self.document.path
        folder = Path(choices.folder) if choices.folder and Path(choices.folder).is_dir() else None
        if folder is None:
            folder = path.parent if path is not None else Path.home()
        name = path.stem if path is not None else self.document.design.name
        return folder / f"{name}.{choices.fmt}"

    # --- writing -------------------------------------------------------------------------
    def export_to(self, path: Path, options: ExportOptions | None = None, selection_only: bool = False) -> Path | None:
        """Write the design (or the selection) to ``path``, its format from the extension."""
        from canvas.export.mermaid import write_mermaid
        from canvas.export.options import ExportOptions
        from canvas.export.render import ExportError
        from canvas.export.scene_export import sub_design, write_design
        from canvas.io import DesignSaveError

        options = options if options is not None else ExportOptions()
        selected = self.scene.selected_component_ids()
        if selection_only and not selected:
            self.show_error(self.window, "Select the components to export first.")
            return None
        whole = self.document.design
        # A selection is marked with the whole design's findings, not the part's own.
        notes = self.scene.selected_note_ids()  # they come along, as do groups whose members all do
        design, checked = (sub_design(whole, selected, notes), whole) if selection_only else (whole, None)
        try:
            if path.suffix.lower() == ".mmd":
                what, note = write_mermaid(design, path, findings=options.findings, checked=checked)
                what += f" — {note}" if note else ""
            else:
                what = write_design(design, path, options, checked=checked)
        except (ExportError, DesignSaveError) as exc:
            self.show_error(self.window, str(exc))
            return None
        self.status(f"Exported {path.name} ({what})")
        return path

    def _export_scene(self, selection_only: bool) -> ExportScene:
        from canvas.export.scene_export import ExportScene, sub_design

        design = self.document.design
        if selection_only:
            chosen = sub_design(design, self.scene.selected_component_ids(), self.scene.selected_note_ids())
            return ExportScene(chosen, checked=design)
        return ExportScene(design)

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
