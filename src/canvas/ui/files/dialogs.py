"""UI layer: the small modal questions the file actions ask (each one function, patchable in tests).

Tests replace these on a :class:`~canvas.ui.files.file_actions.FileActions` instance (or patch
the module functions) so no real modal dialog ever opens in a test run.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from canvas.templates import list_templates

FILE_FILTER = "ML System Canvas designs (*.json);;All files (*)"


class SaveChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_save_changes(parent: QWidget | None, name: str) -> SaveChoice:
    """Save / Discard / Cancel for a document with unsaved changes."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"Do you want to save the changes to “{name}”?")
    box.setInformativeText("Your changes will be lost if you don't save them.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return SaveChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return SaveChoice.DISCARD
    return SaveChoice.CANCEL


def ask_open_path(parent: QWidget | None, folder: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open design", folder, FILE_FILTER)
    return path or None


def ask_save_path(parent: QWidget | None, suggested: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, "Save design as", suggested, FILE_FILTER)
    if not path:
        return None
    return path if Path(path).suffix else path + ".json"


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


def choose_template(parent: QWidget | None) -> str | None:
    """The name of the template the user picks, or ``None``."""
    templates = list_templates()
    if not templates:
        show_error(parent, "New from template", "No templates are installed.")
        return None
    from canvas.ui.files.template_gallery import TemplateGallery  # renders the previews: loaded when first asked

    dialog = TemplateGallery(templates, parent)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
